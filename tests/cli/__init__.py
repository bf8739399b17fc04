"""Command-line tests: the real Typer app, run in-process on real stores."""
