"""The library's tables, and every statement the tracker runs on them beside the library's own.

The eventsourcing library owns the events and snapshots tables: it names them (in PostgreSQL
after the application, ``tracker``), creates them, and inserts and selects through its
recorders. The tracker needs a few statements the recorders do not offer: bulk writes for
imports (``executemany`` in SQLite, binary ``COPY`` in PostgreSQL), events read in commit order
with their stored bytes (for the ledger, the read model's catch-up and ``verify``), dropping a
channel's older snapshots, finding long channels, listing the channels that have events, and
whether the tables exist. This module is the one place that names those tables and holds those
statements; every other module asks it.

Each statement uses its store's placeholder (``?`` in SQLite, ``%s`` in PostgreSQL).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

Dialect = Literal["sqlite", "postgres"]
APP_NAME = "tracker"  # the library's name for the application, hence for its PostgreSQL tables
COLUMNS = "originator_id, originator_version, topic, state"


@dataclass(frozen=True)
class LibraryTables:
    """The library's tables in one kind of store, and the statements on them."""

    dialect: Dialect
    events: str  # the stored events
    snapshots: str  # the stored snapshots
    position: str  # an event's position in the store, in commit order (its notification id)
    mark: str  # the placeholder

    # --- writing beside the recorders (imports) ----------------------------------------------

    @property
    def insert_events(self) -> str:
        return f"INSERT INTO {self.events} ({COLUMNS}) VALUES (?, ?, ?, ?)"  # noqa: S608

    @property
    def copy_events(self) -> str:
        return f"COPY {self.events} ({COLUMNS}) FROM STDIN (FORMAT BINARY)"

    @property
    def lock_events(self) -> str:
        """Take the lock the library's PostgreSQL insert takes: one writer at a time."""
        return f"LOCK TABLE {self.events} IN EXCLUSIVE MODE"

    @property
    def notify_followers(self) -> str:
        """Wake up anyone following the store (tracker watch), as the library's inserts do."""
        return f"NOTIFY {self.events}"

    # --- reading ---------------------------------------------------------------------------

    @property
    def any_event(self) -> str:
        return f"SELECT 1 FROM {self.events} LIMIT 1"  # noqa: S608

    @property
    def first_topic(self) -> str:
        """The topic of one event: whose events the table holds (store/ownership.py)."""
        return f"SELECT topic FROM {self.events} LIMIT 1"  # noqa: S608

    @property
    def any_event_of_channel(self) -> str:
        return f"SELECT 1 FROM {self.events} WHERE originator_id = {self.mark} LIMIT 1"  # noqa: S608

    @property
    def event_exists(self) -> str:
        return (
            f"SELECT 1 FROM {self.events} WHERE originator_id = {self.mark} "  # noqa: S608
            f"AND originator_version = {self.mark}"
        )

    @property
    def every_event_by_channel(self) -> str:
        return f"SELECT {COLUMNS} FROM {self.events} ORDER BY originator_id, originator_version"  # noqa: S608

    @property
    def newest_event(self) -> str:
        return f"SELECT {COLUMNS} FROM {self.events} ORDER BY {self.position} DESC LIMIT 1"  # noqa: S608

    @property
    def newest_position(self) -> str:
        return f"SELECT MAX({self.position}) FROM {self.events}"  # noqa: S608

    @property
    def position_exists(self) -> str:
        return f"SELECT 1 FROM {self.events} WHERE {self.position} = {self.mark}"  # noqa: S608

    @property
    def events_after(self) -> str:
        """Events after a position, in commit order, at most a number of them."""
        return (
            f"SELECT {self.position}, {COLUMNS} FROM {self.events} "  # noqa: S608
            f"WHERE {self.position} > {self.mark} ORDER BY {self.position} LIMIT {self.mark}"
        )

    @property
    def events_between(self) -> str:
        """Events after a position and up to another, in commit order, at most a number of
        them; a channel's id as text (with dashes in PostgreSQL, 32 hex digits in SQLite)."""
        channel = "originator_id::text" if self.dialect == "postgres" else "originator_id"
        return (
            f"SELECT {self.position}, {channel}, originator_version, topic, state "  # noqa: S608
            f"FROM {self.events} WHERE {self.position} > {self.mark} "
            f"AND {self.position} <= {self.mark} ORDER BY {self.position} LIMIT {self.mark}"
        )

    @property
    def channel_ids(self) -> str:
        """The id of every channel that has events (read through the primary key's index)."""
        return f"SELECT DISTINCT originator_id FROM {self.events}"  # noqa: S608

    @property
    def long_channels(self) -> str:
        """The channels with at least a number of events."""
        return (
            f"SELECT originator_id FROM {self.events} GROUP BY originator_id "  # noqa: S608
            f"HAVING MAX(originator_version) >= {self.mark}"
        )

    # --- snapshots -------------------------------------------------------------------------

    @property
    def prune_snapshots(self) -> str:
        """Drop a channel's snapshots older than a version (the newest makes them useless)."""
        return (
            f"DELETE FROM {self.snapshots} WHERE originator_id = {self.mark} "  # noqa: S608
            f"AND originator_version < {self.mark}"
        )

    @property
    def newest_snapshot(self) -> str:
        """The version of a channel's newest snapshot (not the snapshot: it holds the whole
        state, megabytes for a long channel)."""
        return (
            f"SELECT MAX(originator_version) AS version FROM {self.snapshots} "  # noqa: S608
            f"WHERE originator_id = {self.mark}"
        )

    @property
    def drop_snapshots(self) -> str:
        return f"DELETE FROM {self.snapshots}"  # noqa: S608

    def tables_exist(self, *others: str) -> str:
        """Whether the library's tables, and these others, exist (PostgreSQL)."""
        names = (self.events, self.snapshots, *others)
        return "SELECT " + " AND ".join(f"to_regclass('{n}') IS NOT NULL" for n in names)


SQLITE = LibraryTables("sqlite", "stored_events", "stored_snapshots", "rowid", "?")
POSTGRES = LibraryTables(
    "postgres", f"{APP_NAME}_events", f"{APP_NAME}_snapshots", "notification_id", "%s"
)
TABLES: dict[Dialect, LibraryTables] = {"sqlite": SQLITE, "postgres": POSTGRES}
