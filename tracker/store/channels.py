"""The channels the events table holds events of, which the library's recorders cannot list
(they read events by channel, or by position in the store). The statement is
library_tables.py's; it runs on the connection of the library's own event recorder.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from tracker.store.library_tables import TABLES, Dialect
from tracker.store.mapper import EventDamaged


def channel_ids(recorder: Any, dialect: Dialect) -> set[UUID]:
    """The id of every channel with at least one stored event, readable or not; ``recorder``
    is the library's event recorder."""
    with recorder.datastore.transaction(commit=False) as cursor:
        cursor.execute(TABLES[dialect].channel_ids)
        rows = cursor.fetchall()
    found = set()
    for row in rows:
        # A SQLite store keeps an id as 32 hex digits, PostgreSQL as a uuid: UUID reads both.
        try:
            found.add(UUID(str(row["originator_id"])))
        except ValueError:  # text written over an id, behind the tracker's back
            raise EventDamaged("its channel's id is no id", row["originator_id"]) from None
    return found
