"""The tracker's PostgreSQL recorders: the library's, with the tracker's additions in one place.

``PERSISTENCE_MODULE`` names :class:`TrackerPostgresFactory`, so every event the application
saves goes through :class:`TrackerPostgresRecorder`. Imported only for a PostgreSQL store.
"""

from __future__ import annotations

from eventsourcing.postgres import PostgresApplicationRecorder, PostgresFactory


class TrackerPostgresRecorder(PostgresApplicationRecorder):
    """The library's application recorder on a PostgreSQL database."""


class TrackerPostgresFactory(PostgresFactory):
    """The library's PostgreSQL factory, making :class:`TrackerPostgresRecorder`."""

    application_recorder_class = TrackerPostgresRecorder
