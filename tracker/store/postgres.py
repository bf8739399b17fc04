"""The tracker's PostgreSQL recorders: the library's, with the tracker's additions in one place.

``PERSISTENCE_MODULE`` names :class:`TrackerPostgresFactory`, so every event the application
saves goes through :class:`TrackerPostgresRecorder`. Imported only for a PostgreSQL store.

- The ledger: the recorder keeps the store's ledger (store/ledger.py) in the transaction that
  stores the events, under the library's lock on the events table.

- Connections: the library's pool is given every libpq parameter of the URL, and nothing the
  URL leaves out (see :class:`TrackerPostgresFactory`).
- Waiting: the library retries a failed statement ten times, 0.2 s apart, on any operational
  error, each insert waiting up to ``POSTGRES_LOCK_TIMEOUT`` for the table's lock: a blocked
  write waited about 100 s, a lost connection about 20 s, and an insert whose connection was
  lost may be retried after it was committed. The tracker's recorders try once, and wait for a
  lock at most what is left of the command's budget (store/waiting.py).
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import Any, cast
from uuid import UUID

from eventsourcing.persistence import ApplicationRecorder, Notification, StoredEvent
from eventsourcing.postgres import (
    PostgresAggregateRecorder,
    PostgresApplicationRecorder,
    PostgresFactory,
)
from eventsourcing.utils import Environment, EnvType
from psycopg import Connection, Cursor
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import DictRow, tuple_row
from psycopg.sql import SQL, Literal

from tracker.store.ledger import Ledger
from tracker.store.ledger_digest import ledger_settings
from tracker.store.mapper import EventDamaged
from tracker.store.postgres_store import POSTGRES_CONNINFO
from tracker.store.waiting import WAIT, lock_timeout

# The connection parameters the library always passes, filling in what the URL left out.
_LIBRARY_PARAMS = ("dbname", "host", "port", "user", "password")


def ledger_on(connection: Any) -> Ledger:
    """The ledger's statements on a psycopg connection (in its current transaction)."""
    cursor = connection.cursor(row_factory=tuple_row)

    def run(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        cursor.execute(sql.replace("?", "%s"), params)
        # Asked by the statement, not by the cursor: in the library's pipeline mode a
        # cursor knows it has rows only once they are fetched.
        return list(cursor.fetchall()) if sql.lstrip().startswith("SELECT") else []

    return Ledger(run, "postgres")


def _once(method: Any) -> Any:
    """The library's method without its retry decorator."""
    return getattr(method, "__wrapped__", method)


class TrackerPostgresAggregateRecorder(PostgresAggregateRecorder):
    """The library's recorder of snapshots, trying each statement once."""

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        return cast(
            "Sequence[int] | None",
            _once(PostgresAggregateRecorder.insert_events)(self, stored_events, **kwargs),
        )

    def select_events(
        self,
        originator_id: UUID | str,
        *,
        gt: int | None = None,
        lte: int | None = None,
        desc: bool = False,
        limit: int | None = None,
    ) -> Sequence[StoredEvent]:
        select = _once(PostgresAggregateRecorder.select_events)
        return cast(
            "Sequence[StoredEvent]",
            select(self, originator_id, gt=gt, lte=lte, desc=desc, limit=limit),
        )


class TrackerPostgresRecorder(PostgresApplicationRecorder):
    """The library's application recorder on a PostgreSQL database, trying each statement once
    and waiting for the table's lock at most what is left of the command's budget."""

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

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        # The library's steps in one transaction, tried once, without its pipeline: in pipeline
        # mode an error of the ledger's statements (a read-only server, say) surfaced as
        # "pipeline aborted" instead of itself. The ledger's checks take round trips anyway.
        with self.datastore.get_connection() as conn, conn.transaction(), conn.cursor() as curs:
            self._insert_events(curs, stored_events, **kwargs)
            if not stored_events:
                return []
            self._insert_stored_events(curs, stored_events, **kwargs)
            return self._fetch_ids_after_insert_events(curs, stored_events, **kwargs)

    def select_events(
        self,
        originator_id: UUID | str,
        *,
        gt: int | None = None,
        lte: int | None = None,
        desc: bool = False,
        limit: int | None = None,
    ) -> Sequence[StoredEvent]:
        select = _once(PostgresApplicationRecorder.select_events)
        try:
            return cast(
                "Sequence[StoredEvent]",
                select(self, originator_id, gt=gt, lte=lte, desc=desc, limit=limit),
            )
        except TypeError:
            # The library reads each state with bytes(), which fails on a row whose state was
            # set to NULL behind the tracker's back: such a row is damage, named like any other.
            raise self._without_content(originator_id) from None

    def select_notifications(
        self,
        start: int | None,
        limit: int,
        stop: int | None = None,
        topics: Sequence[str] = (),
        *,
        inclusive_of_start: bool = True,
    ) -> Sequence[Notification]:
        select = _once(PostgresApplicationRecorder.select_notifications)
        try:
            return cast(
                "Sequence[Notification]",
                select(self, start, limit, stop, topics, inclusive_of_start=inclusive_of_start),
            )
        except TypeError:
            raise self._without_content(None) from None

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

    def max_notification_id(self) -> int | None:
        return cast("int | None", _once(PostgresApplicationRecorder.max_notification_id)(self))

    def _lock_table(self, curs: Cursor[DictRow]) -> None:
        # The library's statements are "SET LOCAL lock_timeout" (whole seconds, the same for
        # every insert) and the LOCK TABLE itself; the timeout here is what the budget has left.
        curs.execute(SQL("SET LOCAL lock_timeout = {0}").format(Literal(lock_timeout())))
        curs.execute(self.lock_table_statements[-1], prepare=True)

    def _insert_stored_events(
        self, curs: Any, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> None:
        # The library's own steps (lock the table, notify, insert), with the ledger's checks
        # and entries once the table is locked. A version another writer stored first is found
        # by the checks, before anything is written (see Ledger.check_channels).
        self._lock_table(curs)
        ledger = ledger_on(curs.connection)
        records = [(_id(s), s.originator_version, s.topic, s.state) for s in stored_events]
        head = ledger.before_write(records, self.ledger_key, self.encryption)
        ledger.append(records, self.ledger_key, head)
        self._notify_channel(curs)
        PostgresAggregateRecorder._insert_stored_events(self, curs, stored_events, **kwargs)


def _id(stored: StoredEvent) -> UUID:
    value = stored.originator_id
    return value if isinstance(value, UUID) else UUID(str(value))


class TrackerPostgresFactory(PostgresFactory):
    """The library's PostgreSQL factory, making the tracker's recorders on the URL's terms."""

    aggregate_recorder_class = TrackerPostgresAggregateRecorder
    application_recorder_class = TrackerPostgresRecorder

    def __init__(self, env: Environment | EnvType | None) -> None:
        # The pool's background workers log their failures to reconnect as warnings, which
        # Python would print on stderr: the command says what went wrong, in one line.
        logging.getLogger("psycopg.pool").addHandler(logging.NullHandler())
        logging.getLogger("psycopg.pool").propagate = False
        super().__init__(env)
        pool = self.datastore.pool  # made, not opened yet: no connection exists so far
        conninfo = self.env.get(POSTGRES_CONNINFO)
        if conninfo is not None:
            # The library passes dbname, host, port, user and password, filling in 5432 and an
            # empty password that would override libpq's environment (PGPORT, PGPASSWORD) and
            # dropping every other parameter (sslmode …): the URL's own parameters replace them.
            kwargs = cast("dict[str, Any]", pool.kwargs or {})
            kept = {k: v for k, v in kwargs.items() if k not in _LIBRARY_PARAMS}
            pool.kwargs = {**kept, **conninfo_to_dict(conninfo)}
        configure = pool._configure  # the library's set-up of each new connection
        set_lock_timeout = SQL("SET lock_timeout = {0}").format(Literal(f"{WAIT}s"))

        def after_connect(connection: Connection[Any]) -> None:
            if configure is not None:
                configure(connection)
            # Any statement (a read too: LOCK TABLE … IN ACCESS EXCLUSIVE MODE blocks reads)
            # waits for a lock at most the whole budget; inserts, at most what is left of it.
            connection.execute(set_lock_timeout)

        pool._configure = after_connect

    def application_recorder(self) -> ApplicationRecorder:
        recorder = super().application_recorder()
        assert isinstance(recorder, TrackerPostgresRecorder)
        recorder.ledger_key, recorder.encryption = ledger_settings(self.env.get("CIPHER_KEY"))
        return recorder
