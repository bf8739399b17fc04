"""The ledger's tables and what they hold: the entries (position, channel, version, digest), the
store's recorded head and its meta values, and the events in commit order, read on the caller's
cursor. ``tracker verify`` reads the ledger through these alone; ledger.py adds the checks
before a write and the appending.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Literal
from uuid import UUID

from tracker.store.errors import ChainBroken
from tracker.store.ledger_digest import Record
from tracker.store.library_tables import TABLES

LEDGER_TABLE = "tracker_ledger"
META_TABLE = "tracker_meta"
ADOPT_BATCH = 5_000  # entries read, or events entered, a page at a time

Dialect = Literal["sqlite", "postgres"]


@dataclass(frozen=True, slots=True)
class Entry:
    """One entry of the ledger."""

    position: int
    originator_id: UUID
    version: int
    digest: str


def as_uuid(value: Any) -> UUID:
    """A channel's id as read from either database (SQLite stores it as text)."""
    return value if isinstance(value, UUID) else UUID(str(value))


class LedgerTables:
    """The ledger's and meta tables, read on one cursor inside the caller's transaction.

    ``run(sql, params)`` executes one statement (written with ``?`` placeholders) and returns
    its rows as tuples.
    """

    def __init__(
        self, run: Callable[[str, Sequence[Any]], list[tuple[Any, ...]]], dialect: Dialect
    ) -> None:
        self._run = run
        self.dialect: Dialect = dialect
        self.events = TABLES[dialect].events
        self.notification = TABLES[dialect].position
        self.any_event = TABLES[dialect].any_event

    def run(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        return self._run(sql, params)

    def stored_id(self, originator_id: UUID) -> Any:
        return originator_id.hex if self.dialect == "sqlite" else originator_id

    # --- tables --------------------------------------------------------------------------

    @staticmethod
    def create_statements(dialect: Dialect) -> list[str]:
        id_type = "TEXT" if dialect == "sqlite" else "UUID"
        number = "INTEGER" if dialect == "sqlite" else "BIGINT"
        return [
            f"CREATE TABLE IF NOT EXISTS {META_TABLE} (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
            f"CREATE TABLE IF NOT EXISTS {LEDGER_TABLE} ("
            f"position {number} PRIMARY KEY, originator_id {id_type} NOT NULL, "
            f"originator_version {number} NOT NULL, digest TEXT NOT NULL)",
            f"CREATE UNIQUE INDEX IF NOT EXISTS {LEDGER_TABLE}_by_event "
            f"ON {LEDGER_TABLE} (originator_id, originator_version)",
        ]

    def exists(self) -> bool:
        if self.dialect == "postgres":
            found = self.run(f"SELECT to_regclass('{LEDGER_TABLE}') IS NOT NULL")
            return bool(found and found[0][0])
        found = self.run(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (LEDGER_TABLE,)
        )
        return bool(found)

    # --- meta ----------------------------------------------------------------------------

    def meta(self, key: str) -> str | None:
        found = self.run(f"SELECT value FROM {META_TABLE} WHERE key = ?", (key,))  # noqa: S608
        if not found:
            return None
        value = found[0][0]
        return value if isinstance(value, str) else repr(value)

    # --- reading ---------------------------------------------------------------------------

    def head(self) -> Entry | None:
        """The newest entry of the ledger."""
        found = self.run(
            f"SELECT position, originator_id, originator_version, digest FROM {LEDGER_TABLE} "  # noqa: S608
            "ORDER BY position DESC LIMIT 1"
        )
        if not found:
            return None
        position, originator_id, version, digest = found[0]
        return Entry(int(position), as_uuid(originator_id), int(version), str(digest))

    def recorded_head(self) -> tuple[int, str] | None:
        """The head as the meta table keeps it (position, digest), apart from the entries."""
        value = self.meta("head")
        if value is None:
            return None
        position, _, digest = value.partition(":")
        if not position.isdigit() or not digest:
            raise ChainBroken(f"the store's recorded head {value[:40]!r} was altered")
        return int(position), digest

    def digest_at(self, position: int) -> str | None:
        found = self.run(
            f"SELECT digest FROM {LEDGER_TABLE} WHERE position = ?",  # noqa: S608
            (position,),
        )
        return str(found[0][0]) if found else None

    def entries(self, after: int = 0, limit: int = ADOPT_BATCH) -> list[Entry]:
        rows = self.run(
            f"SELECT position, originator_id, originator_version, digest FROM {LEDGER_TABLE} "  # noqa: S608
            "WHERE position > ? ORDER BY position LIMIT ?",
            (after, limit),
        )
        return [Entry(int(p), as_uuid(i), int(v), str(d)) for p, i, v, d in rows]

    def newest_event(self) -> Record | None:
        found = self.run(
            f"SELECT originator_id, originator_version, topic, state FROM {self.events} "  # noqa: S608
            f"ORDER BY {self.notification} DESC LIMIT 1"
        )
        if not found:
            return None
        originator_id, version, topic, state = found[0]
        return as_uuid(originator_id), int(version), str(topic), bytes(state)

    def has_events(self) -> bool:
        return bool(self.run(f"SELECT 1 FROM {self.events} LIMIT 1"))  # noqa: S608

    def events_after(self, notification: int, limit: int) -> list[tuple[Any, ...]]:
        """Stored events in commit order: (notification, channel, version, topic, state)."""
        return self.run(
            f"SELECT {self.notification}, originator_id, originator_version, topic, state "  # noqa: S608
            f"FROM {self.events} WHERE {self.notification} > ? "
            f"ORDER BY {self.notification} LIMIT ?",
            (notification, limit),
        )
