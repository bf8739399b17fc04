"""The command line: parses options, calls the application, renders what it returns."""

from __future__ import annotations


def main() -> None:
    """Entry point of the ``tracker`` console script."""
    from tracker.cli.app import app

    app()
