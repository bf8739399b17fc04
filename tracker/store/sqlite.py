"""The tracker's SQLite recorders: the library's, with the tracker's additions in one place.

``PERSISTENCE_MODULE`` names :class:`TrackerSQLiteFactory`, so every event the application
saves goes through :class:`TrackerSQLiteRecorder`, which keeps the store's ledger (see
store/ledger.py) in the same transaction.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from eventsourcing.persistence import ApplicationRecorder, StoredEvent
from eventsourcing.sqlite import SQLiteApplicationRecorder, SQLiteCursor, SQLiteFactory

from tracker.store.ledger import Ledger
from tracker.store.ledger_digest import ledger_settings
from tracker.store.waiting import left


def ledger_on(cursor: Any) -> Ledger:
    """The ledger's statements on a SQLite cursor (the library's or sqlite3's own)."""

    def run(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cursor.execute(sql, params)
        return [tuple(row) for row in cursor.fetchall()]

    return Ledger(run, "sqlite")


class TrackerSQLiteRecorder(SQLiteApplicationRecorder):
    """The library's application recorder on a SQLite file, keeping the store's ledger, and
    waiting for another writer (an import's transaction) at most what is left of the
    command's budget (store/waiting.py)."""

    ledger_key: bytes | None = None
    encryption = "none"

    @contextmanager
    def reading_ledger(self) -> Iterator[Ledger]:
        """The ledger and meta tables, read in one transaction of the library's."""
        with self.datastore.transaction(commit=False) as c:
            yield ledger_on(c)

    def start_ledger(self) -> None:
        """Give a store written before the ledger existed its ledger (store/ledger.py)."""
        with self.datastore.transaction(commit=True) as c:
            ledger_on(c).start(self.ledger_key, self.encryption)

    def construct_create_table_statements(self) -> list[str]:
        return [*super().construct_create_table_statements(), *Ledger.create_statements("sqlite")]

    def _insert_events(
        self, c: SQLiteCursor, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        # The insert takes SQLite's write lock; until then the transaction only reads.
        c.execute(f"PRAGMA busy_timeout = {max(round(left() * 1000), 1)}")
        ledger = ledger_on(c)
        records = [(_id(s), s.originator_version, s.topic, s.state) for s in stored_events]
        head = ledger.before_write(records, self.ledger_key, self.encryption)
        ids = super()._insert_events(c, stored_events, **kwargs)
        ledger.append(records, self.ledger_key, head)
        return ids


def _id(stored: StoredEvent) -> Any:
    from uuid import UUID

    value = stored.originator_id
    return value if isinstance(value, UUID) else UUID(str(value))


class TrackerSQLiteFactory(SQLiteFactory):
    """The library's SQLite factory, making :class:`TrackerSQLiteRecorder`."""

    application_recorder_class = TrackerSQLiteRecorder

    def application_recorder(self) -> ApplicationRecorder:
        recorder = super().application_recorder()
        assert isinstance(recorder, TrackerSQLiteRecorder)
        recorder.ledger_key, recorder.encryption = ledger_settings(self.env.get("CIPHER_KEY"))
        return recorder
