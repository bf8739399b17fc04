"""The command line: parses options, calls the application, renders what it returns."""

from __future__ import annotations


def main() -> None:
    """Entry point of the ``tracker`` console script."""
    from tracker.cli.app import app

    try:
        app()  # always ends with SystemExit, its output written and flushed
    finally:
        # The process ends here. The interpreter's last collections of cyclic garbage, as it
        # shuts down, would walk every object still alive (the modules, the dates' cache) for
        # nothing the operating system does not free anyway: frozen, they are not walked (the
        # finalizers, the atexit functions and the last flush still run). Its figure in `make
        # bench` ("What each speed trick buys"): after `tracker status --json` of 2,000
        # channels, the process ended 255 ms after its atexit functions ran without it, 23 ms
        # with it (of 10,000 channels: 220 ms against 49 ms; 2026-12-03).
        import gc

        gc.freeze()
