"""Housekeeping of the snapshot table, which the library can write and read but not prune.

A channel needs only its newest snapshot; older ones are dropped when a new one is taken, and
``tracker rebuild`` drops them all (they are derived from the events, like the read model).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any
from uuid import UUID

from tracker.store.bulk import POSTGRES_TABLE, SQLITE_TABLE
from tracker.store.postgres_store import APP_NAME
from tracker.store.settings import Store
from tracker.store.sqlite_store import SQLITE_LOCK_TIMEOUT, SQLiteStore

SNAPSHOT_TABLES = {"sqlite": "stored_snapshots", "postgres": f"{APP_NAME}_snapshots"}


@contextlib.contextmanager
def _connection(store: Store) -> Iterator[Any]:
    """An autocommit connection whose ``execute`` takes ``?`` placeholders on both stores."""
    if isinstance(store, SQLiteStore):
        import sqlite3

        with contextlib.closing(
            sqlite3.connect(store.path, isolation_level=None, timeout=SQLITE_LOCK_TIMEOUT)
        ) as connection:
            yield connection
        return

    with store.connect(autocommit=True) as connection:
        yield _QmarkConnection(connection)


class _QmarkConnection:
    def __init__(self, connection: Any) -> None:
        self._connection = connection

    def execute(self, statement: str, params: tuple[Any, ...] = ()) -> Any:
        return self._connection.execute(statement.replace("?", "%s"), params)


def _id(store: Store, channel_id: UUID) -> Any:
    return channel_id.hex if isinstance(store, SQLiteStore) else channel_id


def prune_snapshots(store: Store, channel_id: UUID, *, below: int) -> None:
    """Drop a channel's snapshots older than ``below`` (the newest one makes them useless)."""
    table = SNAPSHOT_TABLES[store.kind]
    with _connection(store) as connection:
        connection.execute(
            f"DELETE FROM {table} WHERE originator_id = ? AND originator_version < ?",  # noqa: S608
            (_id(store, channel_id), below),
        )


def drop_snapshots(store: Store) -> None:
    """Drop every snapshot (reads fall back to the events until new ones are taken)."""
    with _connection(store) as connection:
        connection.execute(f"DELETE FROM {SNAPSHOT_TABLES[store.kind]}")  # noqa: S608


def long_channels(store: Store, *, at_least: int) -> list[UUID]:
    """The channels with at least this many events."""
    table = SQLITE_TABLE if isinstance(store, SQLiteStore) else POSTGRES_TABLE
    with _connection(store) as connection:
        rows = connection.execute(
            f"SELECT originator_id FROM {table} GROUP BY originator_id "  # noqa: S608
            "HAVING MAX(originator_version) >= ?",
            (at_least,),
        ).fetchall()
    return [UUID(str(row[0])) for row in rows]
