"""The tracker's PostgreSQL recorders: the library's, with the tracker's additions in one place.

``PERSISTENCE_MODULE`` names :class:`TrackerPostgresFactory`, so every event the application
saves goes through :class:`TrackerPostgresRecorder`. Imported only for a PostgreSQL store.

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
from collections.abc import Sequence
from typing import Any, cast
from uuid import UUID

from eventsourcing.persistence import Notification, StoredEvent
from eventsourcing.postgres import (
    PostgresAggregateRecorder,
    PostgresApplicationRecorder,
    PostgresFactory,
)
from eventsourcing.utils import Environment, EnvType
from psycopg import Connection, Cursor
from psycopg.conninfo import conninfo_to_dict
from psycopg.rows import DictRow
from psycopg.sql import SQL, Literal

from tracker.store.settings import POSTGRES_CONNINFO
from tracker.store.waiting import WAIT, lock_timeout

# The connection parameters the library always passes, filling in what the URL left out.
_LIBRARY_PARAMS = ("dbname", "host", "port", "user", "password")


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

    def insert_events(
        self, stored_events: Sequence[StoredEvent], **kwargs: Any
    ) -> Sequence[int] | None:
        return cast(
            "Sequence[int] | None",
            _once(PostgresApplicationRecorder.insert_events)(self, stored_events, **kwargs),
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
        select = _once(PostgresApplicationRecorder.select_events)
        return cast(
            "Sequence[StoredEvent]",
            select(self, originator_id, gt=gt, lte=lte, desc=desc, limit=limit),
        )

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
        return cast(
            "Sequence[Notification]",
            select(self, start, limit, stop, topics, inclusive_of_start=inclusive_of_start),
        )

    def max_notification_id(self) -> int | None:
        return cast("int | None", _once(PostgresApplicationRecorder.max_notification_id)(self))

    def _lock_table(self, curs: Cursor[DictRow]) -> None:
        # The library's statements are "SET LOCAL lock_timeout" (whole seconds, the same for
        # every insert) and the LOCK TABLE itself; the timeout here is what the budget has left.
        curs.execute(SQL("SET LOCAL lock_timeout = {0}").format(Literal(lock_timeout())))
        curs.execute(self.lock_table_statements[-1], prepare=True)


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
