"""The tracker's SQLite recorders: the library's, with the tracker's additions in one place.

``PERSISTENCE_MODULE`` names :class:`TrackerSQLiteFactory`, so every event the application
saves goes through :class:`TrackerSQLiteRecorder`.
"""

from __future__ import annotations

from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteFactory


class TrackerSQLiteRecorder(SQLiteApplicationRecorder):
    """The library's application recorder on a SQLite file."""


class TrackerSQLiteFactory(SQLiteFactory):
    """The library's SQLite factory, making :class:`TrackerSQLiteRecorder`."""

    application_recorder_class = TrackerSQLiteRecorder
