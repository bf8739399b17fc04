"""Housekeeping of the snapshot table, which the library can write and read but not prune.

A channel needs only its newest snapshot; older ones are dropped when a new one is taken, and
``tracker rebuild`` drops them all (they are derived from the events, like the read model). The
statements are library_tables.py's; they run on the connection of the library's own recorder.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tracker.store.library_tables import TABLES, Dialect


def _id(dialect: Dialect, channel_id: UUID) -> Any:
    return channel_id.hex if dialect == "sqlite" else channel_id


def prune_snapshots(recorder: Any, dialect: Dialect, channel_id: UUID, *, below: int) -> None:
    """Drop a channel's snapshots older than ``below`` (the newest one makes them useless);
    ``recorder`` is the library's snapshot recorder."""
    with recorder.datastore.transaction(commit=True) as cursor:
        cursor.execute(TABLES[dialect].prune_snapshots, (_id(dialect, channel_id), below))


def newest_snapshot(recorder: Any, dialect: Dialect, channel_id: UUID) -> int | None:
    """The version of the channel's newest snapshot, None if it has none; ``recorder`` is
    the library's snapshot recorder."""
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute(TABLES[dialect].newest_snapshot, (_id(dialect, channel_id),))
        row = cursor.fetchone()
    return None if row is None or row["version"] is None else int(row["version"])


def drop_snapshots(recorder: Any, dialect: Dialect) -> None:
    """Drop every snapshot (reads fall back to the events until new ones are taken)."""
    with recorder.datastore.transaction(commit=True) as cursor:
        cursor.execute(TABLES[dialect].drop_snapshots)


def long_channels(recorder: Any, dialect: Dialect, *, at_least: int) -> list[UUID]:
    """The channels with at least this many events; ``recorder`` is the library's event
    recorder."""
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute(TABLES[dialect].long_channels, (at_least,))
        rows = cursor.fetchall()
    return [UUID(str(row["originator_id"])) for row in rows]
