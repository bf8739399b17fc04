"""Writing many stored events in one transaction, in batches (for imports).

The library's recorders give each save its own transaction; an import of a million events must
be all or nothing, so it writes the same rows into the same tables through a connection of its
own: ``executemany`` on SQLite, binary ``COPY`` on PostgreSQL. The writer holds the store's
write lock for the whole transaction (SQLite ``BEGIN IMMEDIATE``; PostgreSQL ``LOCK TABLE …
IN EXCLUSIVE MODE``, as the library does for every insert, so notification ids stay in commit
order).
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.persistence import IntegrityError, StoredEvent

from tracker.store.ledger import Ledger
from tracker.store.ledger_digest import ledger_settings
from tracker.store.ledger_tables import LEDGER_TABLE
from tracker.store.library_tables import POSTGRES, SQLITE
from tracker.store.postgres_store import PostgresStore
from tracker.store.settings import SQLiteDatabase, Store
from tracker.store.sqlite_store import SQLITE_LOCK_TIMEOUT
from tracker.store.waiting import left, lock_timeout

Row = tuple[Any, int, str, bytes]  # a stored event: row_id(originator_id), version, topic, state


class EventWriter:
    """Inserts stored events inside one open transaction, with their ledger entries.

    Rows are given as the table holds them, the channel's id in its stored form
    (``row_id``), so that a batch of a million events builds no object besides its tuples.
    The ledger's checks run as a write of the library's would run them (store/ledger.py):
    once at the start for the end of the chain and the store's encryption, and for each batch
    for the channels it extends.
    """

    def __init__(
        self,
        insert: Any,
        has_events: Any,
        row_id: Any,
        empty: bool,
        *,
        ledger: Ledger,
        store: Store,
    ) -> None:
        self._insert = insert
        self._has_events = has_events
        self.row_id: Callable[[UUID], Any] = row_id
        self.written = 0
        # A store empty when the transaction began (which holds the write lock) has only the
        # channels written since: no need to ask the database about each one.
        self._written_ids: set[Any] | None = set() if empty else None
        self._ledger = ledger
        self._key, marker = ledger_settings(store.encryption_key)
        ledger.check_encryption(marker)
        self._head = ledger.check_end(self._key)
        self._uuids: dict[Any, UUID] = {}

    def has_events(self, originator_id: UUID) -> bool:
        """Whether the store holds events of this channel (as this transaction sees it)."""
        if self._written_ids is not None:
            return self.row_id(originator_id) in self._written_ids
        return bool(self._has_events(originator_id))

    def insert(self, rows: Sequence[Row]) -> None:
        if not rows:
            return
        uuids = self._uuids
        records = [
            (uuids.get(r[0]) or uuids.setdefault(r[0], UUID(str(r[0]))), r[1], r[2], r[3])
            for r in rows
        ]
        if self._written_ids is None:
            self._ledger.check_channels((r[0], r[1]) for r in records)
        self._insert(rows)
        self._head = self._ledger.append(
            records, self._key, self._head, stored_ids=[row[0] for row in rows]
        )
        self.written += len(rows)
        if self._written_ids is not None:
            self._written_ids.update(row[0] for row in rows)


@contextlib.contextmanager
def event_writer(store: Store) -> Iterator[EventWriter]:
    """A writer whose events are committed together when the block ends without error.

    A row whose channel version exists already (another writer got there first) raises the
    library's IntegrityError, and nothing is written.
    """
    if not isinstance(store, PostgresStore):
        with _sqlite_writer(store) as writer:
            yield writer
    else:
        with _postgres_writer(store) as writer:
            yield writer


@contextlib.contextmanager
def _sqlite_writer(store: SQLiteDatabase) -> Iterator[EventWriter]:
    import sqlite3

    connection = store.open_sqlite(timeout=left())
    try:
        cursor = connection.cursor()
        cursor.execute("BEGIN IMMEDIATE")
        statement = SQLITE.insert_events

        def insert(rows: Sequence[Row]) -> None:
            cursor.executemany(statement, rows)

        def has_events(originator_id: UUID) -> bool:
            found = cursor.execute(SQLITE.any_event_of_channel, (originator_id.hex,))
            return found.fetchone() is not None

        def run(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
            return list(cursor.execute(sql, params).fetchall())

        def entries(rows: Sequence[tuple[Any, ...]]) -> None:
            cursor.executemany(
                f"INSERT INTO {LEDGER_TABLE} (position, originator_id, originator_version, "  # noqa: S608
                "digest) VALUES (?, ?, ?, ?)",
                rows,
            )

        try:
            empty = cursor.execute(SQLITE.any_event).fetchone() is None
            ledger = Ledger(run, "sqlite", entries)
            yield EventWriter(
                insert,
                has_events,
                lambda originator_id: originator_id.hex,
                empty,
                ledger=ledger,
                store=store,
            )
            connection.commit()
        except sqlite3.IntegrityError as e:
            connection.rollback()
            raise IntegrityError(e) from e
        except BaseException:
            connection.rollback()
            raise
    finally:
        connection.close()


@contextlib.contextmanager
def _postgres_writer(store: PostgresStore) -> Iterator[EventWriter]:
    import psycopg

    connection = store.connect()
    try:
        cursor = connection.cursor()
        # Wait for the others at most what is left of the command's budget (store/waiting.py).
        cursor.execute(f"SET LOCAL lock_timeout = '{lock_timeout()}'")
        cursor.execute(POSTGRES.lock_events)
        # Binary COPY: the state goes as it is, not as hex text the server must decode (about
        # twice the rows a second of text COPY, at a third of the client's time).
        copy_statement = POSTGRES.copy_events

        def insert(rows: Sequence[Row]) -> None:
            with cursor.copy(copy_statement) as copy:
                copy.set_types(["uuid", "int8", "text", "bytea"])  # the library's columns
                for row in rows:
                    copy.write_row(row)

        def has_events(originator_id: UUID) -> bool:
            found = cursor.execute(POSTGRES.any_event_of_channel, (originator_id,))
            return found.fetchone() is not None

        def run(sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
            cursor.execute(sql.replace("?", "%s"), params)
            return list(cursor.fetchall()) if cursor.description is not None else []

        def entries(rows: Sequence[tuple[Any, ...]]) -> None:
            with cursor.copy(
                f"COPY {LEDGER_TABLE} (position, originator_id, originator_version, digest) "
                "FROM STDIN (FORMAT BINARY)"
            ) as copy:
                copy.set_types(["int8", "uuid", "int8", "text"])
                for row in rows:
                    copy.write_row(row)

        try:
            empty = cursor.execute(POSTGRES.any_event).fetchone() is None
            ledger = Ledger(run, "postgres", entries)
            yield EventWriter(
                insert,
                has_events,
                lambda originator_id: originator_id,
                empty,
                ledger=ledger,
                store=store,
            )
            cursor.execute(POSTGRES.notify_followers)
            connection.commit()
        except psycopg.errors.UniqueViolation as e:
            connection.rollback()
            raise IntegrityError(str(e)) from e
        except BaseException:
            connection.rollback()
            raise
    finally:
        connection.close()


def stored_rows(store: Store, batch: int = 5_000) -> Iterator[StoredEvent]:
    """Every stored event row as it is in the database, by channel and version.

    Read directly (not through the library's mapper) so that ``tracker verify`` sees exactly
    what is stored, including rows that could not be read as events.
    """
    if not isinstance(store, PostgresStore):
        with contextlib.closing(
            store.open_sqlite(timeout=SQLITE_LOCK_TIMEOUT, autocommit=False)
        ) as connection:
            cursor = connection.execute(SQLITE.every_event_by_channel)
            while rows := cursor.fetchmany(batch):
                for originator_id, version, topic, state in rows:
                    yield _as_stored(originator_id, version, topic, state)
        return

    with (
        store.connect() as pg,
        pg.cursor(name="verify") as named,
    ):
        named.itersize = batch
        named.execute(POSTGRES.every_event_by_channel)
        for originator_id, version, topic, state in named:
            yield _as_stored(originator_id, version, topic, state)


def _as_stored(originator_id: Any, version: Any, topic: Any, state: Any) -> StoredEvent:
    """A row as it is: a damaged column (NULL, or of another type) is kept for verify to name."""
    with contextlib.suppress(ValueError):
        originator_id = UUID(str(originator_id))
    if isinstance(state, bytearray | memoryview):
        state = bytes(state)
    return StoredEvent(originator_id, version, topic, state)
