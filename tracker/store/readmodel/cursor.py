"""Statements on the read model's tables inside one transaction: creating them, writing rows,
closing rows in record time, tracking the position in the events, and reading them whole.

The cursor asks of its store only what :class:`ReadModelConnection` names (the connection's
module builds cursors, so it is not imported here).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Protocol
from uuid import UUID

from tracker.store.library_tables import POSTGRES, SQLITE
from tracker.store.readmodel.errors import ReadModelDamaged
from tracker.store.readmodel.schema import (
    DERIVED,
    FOREVER,
    KEYS,
    META,
    RETIRED,
    SCHEMA,
    SCHEMA_VERSION,
    SEARCH_COLUMNS,
    SEARCH_ID,
    SEARCH_INDEX_NEW,
    SEARCH_POSTGRES,
    SEARCH_SQLITE,
    SEARCH_SQLITE_TABLES,
    SEARCH_UNINDEX,
    SEARCH_WORDS,
    TABLES,
    TEXTS,
    VIEW,
)
from tracker.store.readmodel.seal import TextSeal
from tracker.store.readmodel.search import index_entry, tsvector_of


class ReadModelConnection(Protocol):
    """What a cursor asks of the read model's store (``connection.ReadModelStore``)."""

    seal: TextSeal
    postgres: bool
    dashed: dict[str, str]

    def dash(self, hex_id: str) -> str: ...
    def sql(self, statement: str) -> str: ...


# The tables a channel's rows are closed in when the dashboard projects it again.
DASHBOARD = ("rm_spans", "rm_meetings", "rm_cadences", "rm_plans", "rm_profiles")


class ReadModelCursor:
    """Statements on the read-model tables, inside one transaction."""

    def __init__(self, store: ReadModelConnection, cursor: Any) -> None:
        self.store = store
        self.tables = POSTGRES if store.postgres else SQLITE  # the library's, to catch up from
        self.cursor = cursor

    def execute(self, statement: str, params: Sequence[Any] | Mapping[str, Any] = ()) -> Any:
        self.cursor.execute(self.store.sql(statement), params)
        return self.cursor

    def executemany(self, statement: str, rows: Sequence[Sequence[Any]]) -> None:
        if rows:
            self.cursor.executemany(self.store.sql(statement), rows)

    def insert(self, table: str, rows: Sequence[Sequence[Any]]) -> None:
        """Add rows to one of the read model's tables, in the order of its columns."""
        if not rows:
            return
        if table == "rm_search":
            self._insert_search(rows)
            return
        if self.store.postgres:
            # COPY: a third of the time of psycopg's executemany, whose pipeline is Python.
            with self.cursor.copy(f"COPY {table} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join("?" * len(rows[0]))
        self.cursor.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)  # noqa: S608

    def _insert_search(self, rows: Sequence[Sequence[Any]]) -> None:
        """Add rows of searchable text, each with its length and folded words, and index them:
        in PostgreSQL by a tsvector written with the row, in SQLite by one statement after."""
        columns = ", ".join((*SEARCH_COLUMNS, "length", "words"))
        entries = [(*row, *index_entry(row[-1])) for row in rows]
        if self.store.postgres:
            with self.cursor.copy(f"COPY rm_search ({columns}) FROM STDIN") as copy:
                for *row, words in entries:
                    copy.write_row((*row, tsvector_of(words)))
            return
        newest = self.execute("SELECT max(id) FROM rm_search").fetchone()[0] or 0
        marks = ", ".join("?" * (len(SEARCH_COLUMNS) + 2))
        self.cursor.executemany(f"INSERT INTO rm_search ({columns}) VALUES ({marks})", entries)  # noqa: S608
        self.execute(SEARCH_INDEX_NEW, (newest,))

    def _schema(self) -> Iterator[str]:
        """The statements of SCHEMA for this store."""
        # In SQLite, tables read and written by their primary key are kept in that key's
        # b-tree alone (WITHOUT ROWID): one b-tree less to write per row on catch-up, and a
        # seek finds the row itself. PostgreSQL keeps every table in a heap.
        rowless = "" if self.store.postgres else " WITHOUT ROWID"
        dialect = "postgres" if self.store.postgres else "sqlite"
        for statement in SCHEMA:
            yield (
                statement.replace("{ROWLESS}", rowless)
                .replace("{SEARCH_ID}", SEARCH_ID[dialect])
                .replace("{SEARCH_WORDS}", SEARCH_WORDS[dialect])
            )
        yield from SEARCH_POSTGRES if self.store.postgres else SEARCH_SQLITE

    def create_temporary_tables(self) -> None:
        """The read model's tables, empty, for this connection only: they stand in for the
        stored ones (same names) until dropped (the search index and its triggers too)."""
        for statement in self._schema():
            self.execute(
                statement.replace("CREATE TABLE IF NOT EXISTS", "CREATE TEMPORARY TABLE").replace(
                    "CREATE VIRTUAL TABLE IF NOT EXISTS ", "CREATE VIRTUAL TABLE temp."
                )
            )

    def drop_temporary_tables(self) -> None:
        schema = "pg_temp" if self.store.postgres else "temp"
        for table in (*self._search_indexes(), *TABLES):
            self.execute(f"DROP TABLE IF EXISTS {schema}.{table}")

    def _search_indexes(self) -> tuple[str, ...]:
        """The tables of the search index apart from rm_search: SQLite's FTS5 table."""
        return () if self.store.postgres else SEARCH_SQLITE_TABLES

    def create_tables(self) -> None:
        """Create the tables; drop and recreate them if they are of another schema version."""
        self.execute(f"CREATE TABLE IF NOT EXISTS {META} (version INTEGER NOT NULL)")
        found = self.execute(f"SELECT version FROM {META}").fetchone()  # noqa: S608
        if found is None or found[0] != SCHEMA_VERSION:
            for table in (*self._search_indexes(), *TABLES, *RETIRED):
                self.execute(f"DROP TABLE IF EXISTS {table}")
            self.execute(f"DELETE FROM {META}")  # noqa: S608
            self.execute(f"INSERT INTO {META} (version) VALUES (?)", (SCHEMA_VERSION,))  # noqa: S608
        # In PostgreSQL, derived data is not written twice through the write-ahead log (half a
        # catch-up's time): after a crash the server empties these tables, tracking position
        # included, and the next read catches up from the first event.
        table = "CREATE UNLOGGED TABLE" if self.store.postgres else "CREATE TABLE"
        for statement in self._schema():
            self.execute(statement.replace("CREATE TABLE", table))

    def versions_and_slugs(self) -> tuple[dict[str, int], dict[UUID, str]]:
        """Each channel's version as the read model has seen it, and its slug, by its id."""
        seen: dict[str, int] = {}
        slugs: dict[UUID, str] = {}
        for key, slug, version in self.execute(
            "SELECT channel_id, slug, version FROM rm_channels WHERE rec_to = ?", (FOREVER,)
        ).fetchall():
            try:
                seen[str(key)] = int(version)
                slugs[UUID(str(key))] = str(self.store.seal.open(slug))
            except (ValueError, TypeError, ReadModelDamaged):
                continue  # verify compares the read model with the events on its own
        return seen, slugs

    def fingerprint(self) -> str:
        """A digest of every row of the read model (texts as written, whether encrypted or
        not): equal for two read models that answer alike. The temporary tables, when made,
        stand in for the stored ones."""
        import hashlib

        digest = hashlib.sha256()
        opened = self.store.seal.open
        for table, key in KEYS.items():
            found = self.execute(f"SELECT * FROM {table} ORDER BY {', '.join(key)}")  # noqa: S608
            names = [column[0] for column in found.description]
            texts = {names.index(name) for name in TEXTS.get(table, ())}
            derived = {i for i, name in enumerate(names) if name in DERIVED}
            digest.update(table.encode())
            for row in found.fetchall():
                values = [
                    opened(v) if i in texts else v for i, v in enumerate(row) if i not in derived
                ]
                digest.update(repr(values).encode())
        return digest.hexdigest()

    def newest_notification(self) -> int:
        found = self.execute(self.tables.newest_position).fetchone()
        return int(found[0]) if found and found[0] is not None else 0

    # --- record time: rows are closed, never changed ---------------------------------------

    def close_channel_row(self, channel_id: str, known_from: int, until: int) -> None:
        """The channel's current row holds only until ``until``."""
        self.execute(
            "UPDATE rm_channels SET rec_to = ? WHERE channel_id = ? AND rec_from = ?",
            (until, channel_id, known_from),
        )

    def drop_channel_row(self, channel_id: str, known_from: int) -> None:
        """Drop the channel's row known from ``known_from``: it was changed again at that same
        record time, so nobody can ever have read it as it was."""
        self.execute(
            "DELETE FROM rm_channels WHERE channel_id = ? AND rec_from = ?",
            (channel_id, known_from),
        )

    def close_rows(self, channel_id: str, until: int, tables: Sequence[str] = DASHBOARD) -> None:
        """Every current row of the channel in these tables (the dashboard's spans, meetings,
        cadences, plans and profiles; or the searchable texts) holds only until ``until``
        (those written at that very record time are dropped)."""
        for table in tables:
            if table == "rm_search" and not self.store.postgres:
                # Out of SQLite's index before they are closed or dropped (not indexed again).
                self.execute(SEARCH_UNINDEX, (channel_id,))
            self.execute(
                f"DELETE FROM {table} WHERE channel_id = ? AND rec_from = ?",  # noqa: S608
                (channel_id, until),
            )
            self.execute(
                f"UPDATE {table} SET rec_to = ? WHERE channel_id = ? AND rec_to = ?",  # noqa: S608
                (until, channel_id, FOREVER),
            )

    def count_meetings_towards(
        self, channel_id: str, level: str, day: str, run_max: str, known_from: int
    ) -> None:
        """Meetings at a level on the day a cadence was agreed count towards it: their rows,
        written from ``known_from`` on (in this transaction, never read before), say so."""
        self.execute(
            "UPDATE rm_meetings SET run_max = ? WHERE channel_id = ? AND level = ? "
            "AND occurred_start = ? AND rec_from = ?",
            (run_max, channel_id, level, day, known_from),
        )

    def exists(self) -> bool:
        if self.store.postgres:
            found = self.execute("SELECT to_regclass('rm_tracking')").fetchone()
            return bool(found and found[0])
        found = self.execute(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'rm_tracking'"
        ).fetchone()
        return found is not None

    def notifications(
        self, after: int, limit: int, stop: int | None = None
    ) -> list[tuple[int, str, int, str, bytes | None]]:
        """The next stored events of the notification log (up to ``stop``, if given), read in
        this transaction.

        Each is (notification id, channel id as text with dashes, version, topic, state).
        """
        until = 2**63 - 1 if stop is None else stop
        if self.store.postgres:
            # In binary: as text, each state would travel and be decoded as hex.
            rows = self.cursor.execute(
                self.tables.events_between, (after, until, limit), binary=True
            ).fetchall()
            return [(n, i, v, t, None if s is None else bytes(s)) for n, i, v, t, s in rows]
        rows = self.execute(self.tables.events_between, (after, until, limit)).fetchall()
        # SQLite keeps ids as 32 hex digits; the read model's keys have the dashes of uuid text.
        dashed = self.store.dashed
        return [(n, dashed.get(i) or self.store.dash(i), v, t, s) for n, i, v, t, s in rows]

    def is_current(self) -> bool:
        """Whether the tables are of this schema version and have taken in every stored
        event: then there is nothing to catch up, and no write transaction to take (in
        PostgreSQL, a dozen statements fewer before each reading)."""
        if not self.exists():
            return False
        found = self.execute(
            f"SELECT (SELECT version FROM {META}), "  # noqa: S608 (constant names)
            "(SELECT notification_id FROM rm_tracking WHERE view = ?), "
            f"({self.tables.newest_position})",
            (VIEW,),
        ).fetchone()
        if found is None or found[0] != SCHEMA_VERSION:
            return False
        tracked, newest = found[1] or 0, found[2] or 0
        return type(tracked) is int and tracked == newest

    def position(self, view: str = VIEW) -> int:
        """The last notification applied to the read model (0 before the first); ``view``:
        the dashboard's tables, or the search index (SEARCH_VIEW).

        ReadModelDamaged when it is not the position of a stored event: the read model would
        otherwise skip, or never apply, the events after it.
        """
        row = self.execute(
            "SELECT notification_id FROM rm_tracking WHERE view = ?", (view,)
        ).fetchone()
        if not row:
            return 0
        position = row[0]
        if type(position) is not int or position < 0:
            raise ReadModelDamaged("its position in the events is not a number")
        if position and not self.execute(self.tables.position_exists, (position,)).fetchone():
            raise ReadModelDamaged(f"its position {position} is not the position of an event")
        return position

    def track(self, notification_id: int, view: str = VIEW) -> None:
        self.execute(
            "INSERT INTO rm_tracking (view, notification_id) VALUES (?, ?) "
            "ON CONFLICT (view) DO UPDATE SET notification_id = excluded.notification_id",
            (view, notification_id),
        )

    def clear(self) -> None:
        """Empty every read-model table (for a rebuild)."""
        if self.store.postgres:
            # TRUNCATE frees the rows at once (and is undone if the transaction fails); DELETE
            # leaves a million dead rows for VACUUM. SQLite's DELETE without WHERE truncates.
            self.execute(f"TRUNCATE {', '.join(TABLES)}")
            return
        self.execute("INSERT INTO rm_search_fts (rm_search_fts) VALUES ('delete-all')")
        for table in TABLES:
            self.execute(f"DELETE FROM {table}")  # noqa: S608 (table names are constants)
