"""The tracker's PostgreSQL recorders: the library's, with the tracker's additions in one place.

``PERSISTENCE_MODULE`` names :class:`TrackerPostgresFactory`, so every event the application
saves goes through :class:`TrackerPostgresRecorder`, which keeps the store's ledger (see
store/ledger.py) in the same transaction, under the library's lock on the events table.
Imported only for a PostgreSQL store.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, Notification, StoredEvent
from eventsourcing.postgres import (
    PostgresAggregateRecorder,
    PostgresApplicationRecorder,
    PostgresFactory,
)
from psycopg.rows import tuple_row
from psycopg.sql import SQL

from tracker.store.ledger import Ledger, ledger_settings
from tracker.store.mapper import EventDamaged


def ledger_on(connection: Any) -> Ledger:
    """The ledger's statements on a psycopg connection (in its current transaction)."""
    cursor = connection.cursor(row_factory=tuple_row)

    def run(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cursor.execute(sql.replace("?", "%s"), params)
        # Asked by the statement, not by the cursor: in the library's pipeline mode a
        # cursor knows it has rows only once they are fetched.
        return list(cursor.fetchall()) if sql.lstrip().startswith("SELECT") else []

    return Ledger(run, "postgres")


class TrackerPostgresRecorder(PostgresApplicationRecorder):
    """The library's application recorder on a PostgreSQL database, keeping the ledger."""

    ledger_key: bytes | None = None
    encryption = "none"

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # Made with the library's tables, in the same transaction.
        self.sql_create_statements.extend(
            SQL(s).format() for s in Ledger.create_statements("postgres")
        )

    @contextmanager
    def reading_ledger(self) -> Iterator[Ledger]:
        """The ledger and meta tables, read in one transaction of the library's."""
        with self.datastore.transaction(commit=False) as curs:
            yield ledger_on(curs.connection)

    def start_ledger(self) -> None:
        """Give a store written before the ledger existed its ledger (store/ledger.py)."""
        with self.datastore.transaction(commit=True) as curs:
            self._lock_table(curs)
            ledger_on(curs.connection).start(self.ledger_key, self.encryption)

    # The library reads each stored state with bytes(), which fails on a row whose state was
    # set to NULL behind the tracker's back: such a row is damage, named like any other.
    def select_events(self, originator_id: Any, **kwargs: Any) -> Sequence[StoredEvent]:
        try:
            found: Sequence[StoredEvent] = super().select_events(originator_id, **kwargs)
        except TypeError:
            raise self._without_content(originator_id) from None
        return found

    def select_notifications(self, *args: Any, **kwargs: Any) -> Sequence[Notification]:
        try:
            found: Sequence[Notification] = super().select_notifications(*args, **kwargs)
        except TypeError:
            raise self._without_content(None) from None
        return found

    def _without_content(self, originator_id: Any) -> EventDamaged:
        with self.datastore.transaction(commit=False) as curs:
            found = curs.execute(
                f"SELECT originator_id, originator_version FROM {self.events_table_name} "  # noqa: S608
                "WHERE state IS NULL AND (%s::uuid IS NULL OR originator_id = %s::uuid) LIMIT 1",
                (originator_id, originator_id),
            ).fetchone()
        if found is None:
            return EventDamaged("it cannot be read")
        return EventDamaged(
            "it has no content", found["originator_id"], found["originator_version"]
        )

    def _insert_stored_events(
        self, curs: Any, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> None:
        # The library's own steps (lock the table, notify, insert), with the ledger's checks
        # once the table is locked and its entries after the insert. Nothing is fetched after
        # the insert: a conflicting version must surface where the library looks for it.
        self._lock_table(curs)
        ledger = ledger_on(curs.connection)
        records = [(_id(s), s.originator_version, s.topic, s.state) for s in stored_events]
        head = ledger.before_write(records, self.ledger_key, self.encryption)
        self._notify_channel(curs)
        PostgresAggregateRecorder._insert_stored_events(self, curs, stored_events, **kwargs)
        ledger.append(records, self.ledger_key, head)


def _id(stored: StoredEvent) -> UUID:
    value = stored.originator_id
    return value if isinstance(value, UUID) else UUID(str(value))


class TrackerPostgresFactory(PostgresFactory):
    """The library's PostgreSQL factory, making :class:`TrackerPostgresRecorder`."""

    application_recorder_class = TrackerPostgresRecorder

    def application_recorder(self) -> ApplicationRecorder:
        recorder = super().application_recorder()
        assert isinstance(recorder, TrackerPostgresRecorder)
        recorder.ledger_key, recorder.encryption = ledger_settings(self.env.get("CIPHER_KEY"))
        return recorder
