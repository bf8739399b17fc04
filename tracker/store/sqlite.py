"""The tracker's SQLite recorders: the library's, with the tracker's additions in one place.

``PERSISTENCE_MODULE`` names :class:`TrackerSQLiteFactory`, so every event the application
saves goes through :class:`TrackerSQLiteRecorder`.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from eventsourcing.persistence import StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor, SQLiteFactory

from tracker.store.waiting import left


class TrackerSQLiteRecorder(SQLiteApplicationRecorder):
    """The library's application recorder on a SQLite file, waiting for another writer (an
    import's transaction) at most what is left of the command's budget (store/waiting.py)."""

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        # The insert takes SQLite's write lock; until then the transaction only reads.
        c.execute(f"PRAGMA busy_timeout = {max(round(left() * 1000), 1)}")
        return super()._insert_events(c, stored_events, **kwargs)


class TrackerSQLiteFactory(SQLiteFactory):
    """The library's SQLite factory, making :class:`TrackerSQLiteRecorder`."""

    application_recorder_class = TrackerSQLiteRecorder
