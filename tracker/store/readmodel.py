"""Read-model tables for the dashboard and overdue, in the same database as the events.

One row per channel, per status span, per meeting, per cadence and per planned meeting, with
the indexes that let "as of any day" be answered by one index seek per channel. A tracking row
records the last notification applied; it is written in the same transaction as the rows, so
each event is applied exactly once.

Dates are ISO text (``YYYY-MM-DD`` compares correctly as text); lists are JSON text. The same
SQL serves SQLite and PostgreSQL: statements are written with ``?`` placeholders and turned into
``%s`` for psycopg.

In an encrypted store every column that holds a user's text (slug, title, parties, topics,
leads, lineage, who suspended, the host of a plan) is encrypted with the store's key
(:class:`TextSeal`), as the events are; dates, statuses, levels and counts, which the queries
compare, are not.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any, Protocol
from uuid import UUID

from tracker.store.postgres_store import PostgresStore
from tracker.store.settings import Store
from tracker.store.sqlite_store import SQLITE_LOCK_TIMEOUT, SQLiteStore

VIEW = "dashboard"
LOCK_KEY = 7_362_541_201  # the read model's advisory lock in PostgreSQL
CACHE_KIB = 65_536  # SQLite page cache of the read model's connection
# Bump when a table changes: the tables are then dropped and the read model rebuilt.
SCHEMA_VERSION = 7
SEALED = "~"  # the mark of an encrypted text: base64, which never holds it
# rec_to of a row that is current: later than any record time (microseconds since 1970).
FOREVER = 2**62

TABLES = (
    "rm_channels",
    "rm_spans",
    "rm_meetings",
    "rm_cadences",
    "rm_plans",
    "rm_tracking",
)
META = "rm_schema"
RETIRED = ("rm_levels",)  # tables of earlier schema versions, dropped with the others

# Every table holds, for each row, the record time it was known from (rec_from) and the one
# it was superseded at (rec_to, FOREVER while current): the read model is bitemporal.
CHANNEL_COLUMNS = (
    "channel_id", "rec_from", "rec_to", "slug", "title", "parties", "topics", "level", "leads",
    "follows", "opened_text", "opened_start", "version", "status", "before_suspension",
    "last_start", "meetings_count", "spans_count", "since_text", "detail", "last_meeting_text",
    "resumed_latest", "levels", "plans",
)  # fmt: skip

SCHEMA = (
    """CREATE TABLE IF NOT EXISTS rm_channels (
        channel_id TEXT NOT NULL,
        rec_from BIGINT NOT NULL,
        rec_to BIGINT NOT NULL,
        slug TEXT NOT NULL,
        title TEXT NOT NULL,
        parties TEXT NOT NULL,
        topics TEXT NOT NULL,
        level TEXT,
        leads TEXT NOT NULL,
        follows TEXT,
        opened_text TEXT NOT NULL,
        opened_start TEXT NOT NULL,
        version INTEGER NOT NULL,
        status TEXT NOT NULL,
        before_suspension TEXT NOT NULL,
        last_start TEXT NOT NULL,
        meetings_count INTEGER NOT NULL,
        spans_count INTEGER NOT NULL,
        since_text TEXT NOT NULL,
        detail TEXT,
        last_meeting_text TEXT,
        resumed_latest TEXT,
        levels TEXT NOT NULL,
        plans TEXT NOT NULL,
        PRIMARY KEY (channel_id, rec_from)
    ){ROWLESS}""",
    "CREATE INDEX IF NOT EXISTS rm_channels_known ON rm_channels (rec_to, channel_id)",
    """CREATE TABLE IF NOT EXISTS rm_spans (
        channel_id TEXT NOT NULL,
        position INTEGER NOT NULL,
        rec_from BIGINT NOT NULL,
        rec_to BIGINT NOT NULL,
        valid_from TEXT NOT NULL,
        status TEXT NOT NULL,
        since_text TEXT NOT NULL,
        since_latest TEXT NOT NULL,
        entered_by TEXT NOT NULL,
        detail TEXT,
        PRIMARY KEY (channel_id, valid_from, position, rec_from)
    ){ROWLESS}""",
    """CREATE TABLE IF NOT EXISTS rm_meetings (
        channel_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        rec_from BIGINT NOT NULL,
        rec_to BIGINT NOT NULL,
        ordinal INTEGER NOT NULL,
        occurred_text TEXT NOT NULL,
        occurred_start TEXT NOT NULL,
        occurred_latest TEXT NOT NULL,
        level TEXT,
        run_max TEXT,
        PRIMARY KEY (channel_id, occurred_start, seq, rec_from)
    ){ROWLESS}""",
    """CREATE TABLE IF NOT EXISTS rm_cadences (
        channel_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        rec_from BIGINT NOT NULL,
        rec_to BIGINT NOT NULL,
        level TEXT NOT NULL,
        per_year DOUBLE PRECISION NOT NULL,
        agreed_text TEXT NOT NULL,
        agreed_start TEXT NOT NULL,
        agreed_latest TEXT NOT NULL,
        PRIMARY KEY (channel_id, seq, rec_from)
    )""",
    """CREATE TABLE IF NOT EXISTS rm_plans (
        channel_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        rec_from BIGINT NOT NULL,
        rec_to BIGINT NOT NULL,
        agreed_text TEXT NOT NULL,
        agreed_start TEXT NOT NULL,
        window_text TEXT NOT NULL,
        window_start TEXT NOT NULL,
        level TEXT,
        host TEXT,
        PRIMARY KEY (channel_id, seq, rec_from)
    )""",
    """CREATE TABLE IF NOT EXISTS rm_tracking (
        view TEXT PRIMARY KEY,
        notification_id BIGINT NOT NULL
    )""",
)

# --- the dashboard as of a day, as known at a moment ------------------------------------------
#
# Each row counts as known at the moment :m when rec_from <= :m < rec_to (the dashboard as
# known now asks at FOREVER - 1). A channel none of whose facts falls after the day :d (the
# usual case: the dashboard as of today) is as it is at the end of its timeline, which its own
# row holds (at_end): it is read without a seek. Otherwise each value is the row in force on
# the day, found with one seek of the table's key.


SELECT_CHANNELS = """
SELECT c.channel_id, c.slug, c.title, c.parties, c.topics, c.level, c.leads, c.follows,
       c.opened_text, c.version, c.last_start <= :d AS at_end,
       CASE WHEN c.last_start <= :d THEN c.status || '|' || c.since_text || '|' ||
                                         COALESCE(c.detail, '')
       ELSE (SELECT s.status || '|' || s.since_text || '|' || COALESCE(s.detail, '')
               FROM rm_spans s
              WHERE s.channel_id = c.channel_id AND s.valid_from <= :d
                AND s.rec_from <= :m AND s.rec_to > :m
              ORDER BY s.valid_from DESC, s.position DESC LIMIT 1) END AS span,
       CASE WHEN c.last_start <= :d THEN c.meetings_count || '|' || c.last_meeting_text
       ELSE (SELECT m.ordinal || '|' || m.occurred_text
               FROM rm_meetings m
              WHERE m.channel_id = c.channel_id AND m.occurred_start <= :d
                AND m.rec_from <= :m AND m.rec_to > :m
              ORDER BY m.occurred_start DESC, m.seq DESC LIMIT 1) END AS last_meeting,
       CASE WHEN c.last_start <= :d THEN c.resumed_latest
       ELSE (SELECT s.since_latest
               FROM rm_spans s
              WHERE s.channel_id = c.channel_id AND s.entered_by = 'resumed'
                AND s.valid_from <= :d AND s.rec_from <= :m AND s.rec_to > :m
              ORDER BY s.valid_from DESC, s.position DESC LIMIT 1) END AS resumed,
       c.levels, c.plans
  FROM rm_channels c
 WHERE c.rec_from <= :m AND c.rec_to > :m AND c.opened_start <= :d
   AND (:channel = '' OR c.channel_id = :channel)
"""

SELECT_CADENCES = """
SELECT k.channel_id, k.seq, k.level, k.per_year, k.agreed_text, k.agreed_start, k.agreed_latest,
       CASE WHEN c.last_start <= :d THEN NULL
       ELSE (SELECT m.occurred_start || '|' || COALESCE(m.run_max, '') || '|' || m.occurred_text
               FROM rm_meetings m
              WHERE m.channel_id = k.channel_id AND m.level = k.level
                AND m.occurred_start <= :d AND m.rec_from <= :m AND m.rec_to > :m
              ORDER BY m.occurred_start DESC, m.seq DESC LIMIT 1) END AS last_at_level
  FROM rm_cadences k
  JOIN rm_channels c ON c.channel_id = k.channel_id AND c.rec_from <= :m AND c.rec_to > :m
 WHERE k.agreed_start <= :d AND k.rec_from <= :m AND k.rec_to > :m
   AND (:channel = '' OR k.channel_id = :channel)
"""

SELECT_PLANS = """
SELECT p.channel_id, p.seq, p.agreed_start, p.agreed_text, p.window_text, p.level, p.host,
       CASE WHEN c.last_start <= :d THEN NULL
       WHEN p.level IS NULL THEN
           (SELECT m.occurred_text FROM rm_meetings m
             WHERE m.channel_id = p.channel_id AND m.occurred_start >= p.window_start
               AND m.occurred_start <= :d AND m.rec_from <= :m AND m.rec_to > :m
             ORDER BY m.occurred_start, m.seq LIMIT 1)
       ELSE
           (SELECT m.occurred_text FROM rm_meetings m
             WHERE m.channel_id = p.channel_id AND m.level = p.level
               AND m.occurred_start >= p.window_start AND m.occurred_start <= :d
               AND m.rec_from <= :m AND m.rec_to > :m
             ORDER BY m.occurred_start, m.seq LIMIT 1)
       END AS held
  FROM rm_plans p
  JOIN rm_channels c ON c.channel_id = p.channel_id AND c.rec_from <= :m AND c.rec_to > :m
 WHERE p.agreed_start <= :d AND p.rec_from <= :m AND p.rec_to > :m
   AND (:channel = '' OR p.channel_id = :channel)
"""

# The meetings of one channel as of a day, as known at a moment, newest first.
SELECT_MEETINGS = """
SELECT m.seq FROM rm_meetings m
 WHERE m.channel_id = :channel AND m.occurred_start <= :d AND m.rec_from <= :m AND m.rec_to > :m
 ORDER BY m.occurred_start DESC, m.seq DESC LIMIT :limit
"""

# The projector's own reads: a channel's current row, and the first current meeting on or
# after a day (that settles a plan).
SELECT_CHANNEL = (
    f"SELECT {', '.join(CHANNEL_COLUMNS)} FROM rm_channels "  # noqa: S608 (constant names)
    "WHERE channel_id = ? AND rec_to = ?"
)
SELECT_HELD = (
    "SELECT occurred_text FROM rm_meetings WHERE channel_id = ? AND occurred_start >= ? "
    "AND rec_to = ? ORDER BY occurred_start, seq LIMIT 1"
)
SELECT_HELD_AT_LEVEL = (
    "SELECT occurred_text FROM rm_meetings WHERE channel_id = ? AND occurred_start >= ? "
    "AND level = ? AND rec_to = ? ORDER BY occurred_start, seq LIMIT 1"
)


_NAMED = re.compile(r"(?<![:\w]):([a-z_]+)")


class Cursor(Protocol):
    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Any: ...
    def executemany(self, sql: str, params: Sequence[Sequence[Any]], /) -> Any: ...
    def fetchone(self) -> Any: ...
    def fetchall(self) -> list[Any]: ...


class ReadModelBusy(RuntimeError):
    """Another writer holds the store (a long import, say): the read model cannot catch up."""


# Each table's key (the order its rows are compared in), and the columns that hold a user's
# text (encrypted in an encrypted store).
KEYS = {
    "rm_channels": ("channel_id", "rec_from"),
    "rm_spans": ("channel_id", "valid_from", "position", "rec_from"),
    "rm_meetings": ("channel_id", "occurred_start", "seq", "rec_from"),
    "rm_cadences": ("channel_id", "seq", "rec_from"),
    "rm_plans": ("channel_id", "seq", "rec_from"),
}
TEXTS = {
    "rm_channels": ("slug", "title", "parties", "topics", "leads", "follows", "detail"),
    "rm_spans": ("detail",),
    "rm_plans": ("host",),
}


class ReadModelDamaged(Exception):
    """A row of the read model cannot be read: it was damaged, and is never trusted."""


class TextSeal:
    """A user's text as the read model keeps it: as it is in a store without a key, encrypted
    with the store's cipher (the library's AES-GCM) in an encrypted one."""

    def __init__(self, cipher: Any = None) -> None:
        self.cipher = cipher

    def seal(self, text: str | None) -> str | None:
        if text is None or self.cipher is None:
            return text
        import base64

        return SEALED + base64.b64encode(self.cipher.encrypt(text.encode("utf-8"))).decode()

    def open(self, stored: Any) -> Any:
        """The text a stored value holds; ReadModelDamaged when it cannot be opened."""
        if stored is None or self.cipher is None:
            return stored
        import base64

        if not isinstance(stored, str) or not stored.startswith(SEALED):
            raise ReadModelDamaged("a text of the read model is not encrypted")
        try:
            return self.cipher.decrypt(base64.b64decode(stored[1:], validate=True)).decode()
        except Exception:
            raise ReadModelDamaged("a text of the read model cannot be decrypted") from None


class ReadModelStore:
    """A connection of its own to the store, for the read-model tables."""

    def __init__(self, store: Store, seal: TextSeal | None = None) -> None:
        self.store = store
        self.seal = seal or TextSeal()
        self.postgres = isinstance(store, PostgresStore)
        self._connection: Any = None
        self.dashed: dict[str, str] = {}  # channel ids: SQLite's hex -> uuid text

    def dash(self, hex_id: str) -> str:
        if not isinstance(hex_id, str) or len(hex_id) != 32:
            return str(hex_id)  # a damaged row: its id is shown as it is
        found = self.dashed[hex_id] = (
            f"{hex_id[:8]}-{hex_id[8:12]}-{hex_id[12:16]}-{hex_id[16:20]}-{hex_id[20:]}"
        )
        return found

    def _connect(self) -> Any:
        if self._connection is None:
            if isinstance(self.store, SQLiteStore):
                import sqlite3

                self._connection = sqlite3.connect(
                    self.store.path, isolation_level=None, timeout=SQLITE_LOCK_TIMEOUT
                )
                # A catch-up writes rows all over the tables' b-trees; SQLite's default page
                # cache (2 MiB) rereads them. The cache grows only as far as it is used.
                self._connection.execute(f"PRAGMA cache_size = -{CACHE_KIB}")
                if self.seal.cipher is not None:
                    # Rows deleted or tables dropped (of an older read model, which may have
                    # held text in clear) are overwritten, not left in free pages.
                    self._connection.execute("PRAGMA secure_delete = ON")
            else:
                self._connection = self.store.connect(autocommit=True)
        return self._connection

    def sql(self, statement: str) -> str:
        """A statement written with ``?`` or ``:name`` placeholders, for this store's driver."""
        if not self.postgres:
            return statement
        return _NAMED.sub(r"%(\1)s", statement.replace("?", "%s"))

    @contextlib.contextmanager
    def transaction(self, *, write: bool, wait: float | None = None) -> Iterator[ReadModelCursor]:
        """One transaction; a writing one holds the write lock from its first statement.

        Two processes catching up at once then take turns instead of applying the same events.
        """
        connection = self._connect()
        if self.postgres:
            with connection.transaction(), connection.cursor() as cursor:
                wrapped = ReadModelCursor(self, cursor)
                if write:
                    # One writer at a time, from before the tables are checked: creating them
                    # at the same moment from two sessions fails in PostgreSQL.
                    cursor.execute("SELECT pg_advisory_xact_lock(%s)", (LOCK_KEY,))
                    wrapped.create_tables()
                yield wrapped
            return
        cursor = connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {int((wait or SQLITE_LOCK_TIMEOUT) * 1000)}")
        try:
            cursor.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        except Exception as e:
            if "locked" in str(e) or "busy" in str(e):
                raise ReadModelBusy(str(e)) from e
            raise
        try:
            wrapped = ReadModelCursor(self, cursor)
            if write:
                wrapped.create_tables()
            yield wrapped
        except BaseException:
            connection.rollback()
            raise
        else:
            connection.commit()
        finally:
            cursor.close()

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


class ReadModelCursor:
    """Statements on the read-model tables, inside one transaction."""

    def __init__(self, store: ReadModelStore, cursor: Any) -> None:
        self.store = store
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
        if self.store.postgres:
            # COPY: a third of the time of psycopg's executemany, whose pipeline is Python.
            with self.cursor.copy(f"COPY {table} FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
            return
        marks = ", ".join("?" * len(rows[0]))
        self.cursor.executemany(f"INSERT INTO {table} VALUES ({marks})", rows)  # noqa: S608

    def _schema(self) -> Iterator[str]:
        """The statements of SCHEMA for this store."""
        # In SQLite, tables read and written by their primary key are kept in that key's
        # b-tree alone (WITHOUT ROWID): one b-tree less to write per row on catch-up, and a
        # seek finds the row itself. PostgreSQL keeps every table in a heap.
        rowless = "" if self.store.postgres else " WITHOUT ROWID"
        for statement in SCHEMA:
            yield statement.replace("{ROWLESS}", rowless)

    def create_temporary_tables(self) -> None:
        """The read model's tables, empty, for this connection only: they stand in for the
        stored ones (same names) until dropped."""
        for statement in self._schema():
            self.execute(statement.replace("CREATE TABLE IF NOT EXISTS", "CREATE TEMPORARY TABLE"))

    def drop_temporary_tables(self) -> None:
        schema = "pg_temp" if self.store.postgres else "temp"
        for table in TABLES:
            self.execute(f"DROP TABLE IF EXISTS {schema}.{table}")

    def create_tables(self) -> None:
        """Create the tables; drop and recreate them if they are of another schema version."""
        self.execute(f"CREATE TABLE IF NOT EXISTS {META} (version INTEGER NOT NULL)")
        found = self.execute(f"SELECT version FROM {META}").fetchone()  # noqa: S608
        if found is None or found[0] != SCHEMA_VERSION:
            for table in (*TABLES, *RETIRED):
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
            digest.update(table.encode())
            for row in found.fetchall():
                values = [opened(v) if i in texts else v for i, v in enumerate(row)]
                digest.update(repr(values).encode())
        return digest.hexdigest()

    def newest_notification(self) -> int:
        table, column = (
            ("tracker_events", "notification_id")
            if self.store.postgres
            else (
                "stored_events",
                "rowid",
            )
        )
        found = self.execute(f"SELECT MAX({column}) FROM {table}").fetchone()  # noqa: S608
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

    def close_rows(self, channel_id: str, until: int) -> None:
        """Every current row of the channel's spans, meetings, cadences and plans holds only
        until ``until`` (those written at that very record time are dropped)."""
        for table in ("rm_spans", "rm_meetings", "rm_cadences", "rm_plans"):
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
                "SELECT notification_id, originator_id::text, originator_version, topic, state "
                "FROM tracker_events WHERE notification_id > %s AND notification_id <= %s "
                "ORDER BY notification_id LIMIT %s",
                (after, until, limit),
                binary=True,
            ).fetchall()
            return [(n, i, v, t, None if s is None else bytes(s)) for n, i, v, t, s in rows]
        rows = self.execute(
            "SELECT rowid, originator_id, originator_version, topic, state FROM stored_events "
            "WHERE rowid > ? AND rowid <= ? ORDER BY rowid LIMIT ?",
            (after, until, limit),
        ).fetchall()
        # SQLite keeps ids as 32 hex digits; the read model's keys have the dashes of uuid text.
        dashed = self.store.dashed
        return [(n, dashed.get(i) or self.store.dash(i), v, t, s) for n, i, v, t, s in rows]

    def position(self) -> int:
        """The last notification applied to the read model (0 before the first).

        ReadModelDamaged when it is not the position of a stored event: the read model would
        otherwise skip, or never apply, the events after it.
        """
        row = self.execute(
            "SELECT notification_id FROM rm_tracking WHERE view = ?", (VIEW,)
        ).fetchone()
        if not row:
            return 0
        position = row[0]
        if type(position) is not int or position < 0:
            raise ReadModelDamaged("its position in the events is not a number")
        table, column = (
            ("tracker_events", "notification_id")
            if self.store.postgres
            else (
                "stored_events",
                "rowid",
            )
        )
        if (
            position
            and not self.execute(
                f"SELECT 1 FROM {table} WHERE {column} = ?",  # noqa: S608 (constant names)
                (position,),
            ).fetchone()
        ):
            raise ReadModelDamaged(f"its position {position} is not the position of an event")
        return position

    def track(self, notification_id: int) -> None:
        self.execute(
            "INSERT INTO rm_tracking (view, notification_id) VALUES (?, ?) "
            "ON CONFLICT (view) DO UPDATE SET notification_id = excluded.notification_id",
            (VIEW, notification_id),
        )

    def clear(self) -> None:
        """Empty every read-model table (for a rebuild)."""
        if self.store.postgres:
            # TRUNCATE frees the rows at once (and is undone if the transaction fails); DELETE
            # leaves a million dead rows for VACUUM. SQLite's DELETE without WHERE truncates.
            self.execute(f"TRUNCATE {', '.join(TABLES)}")
            return
        for table in TABLES:
            self.execute(f"DELETE FROM {table}")  # noqa: S608 (table names are constants)
