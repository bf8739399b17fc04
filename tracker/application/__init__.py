"""The application: commands and queries over channels, on a configured store.

Commands open it through :func:`open_tracker` (bootstrap.py).
"""

from tracker.application.bootstrap import check_outputs, open_empty_tracker, open_tracker

__all__ = ["check_outputs", "open_empty_tracker", "open_tracker"]
