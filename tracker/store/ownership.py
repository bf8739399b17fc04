"""Whose database it is: the tracker uses a database only if it is a tracker store or holds
nothing the tracker would make.

The tracker creates its tables where they are missing, and rebuilds its read model's tables
when their version is not its own (dropping them first). In a database of another program that
would add some twenty tables to it and switch it to write-ahead logging, or empty another
program's table that happens to have the name of one of the tracker's (``rm_channels``). So
before anything is created, a database is judged:

- a SQLite file is the tracker's if every table in it is one the tracker makes, and either
  it holds none, or its meta table, or the library's events table with the tracker's events
  (a store of the first format); any other table makes it another program's database;
- a PostgreSQL database is shared with other programs: a table named as one of the tracker's
  where the tracker's meta table is not, or in another schema than the others (an earlier
  schema on the search path), makes it unusable;
- in both, the meta and events tables must have the tracker's columns, and the read model's
  tables their version row (the tracker drops and makes again read model tables whose version
  is not its own: never another program's).
"""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from tracker.store.errors import StoreUnavailable
from tracker.store.ledger_tables import LEDGER_TABLE, META_TABLE
from tracker.store.library_tables import POSTGRES, SQLITE, LibraryTables
from tracker.store.readmodel.schema import META as READ_MODEL_META
from tracker.store.readmodel.schema import RETIRED, SEARCH_SQLITE_TABLES, TABLES

TOPIC_PREFIX = "tracker."  # every topic of the tracker's events: tracker.events:MeetingHeld
SHOWN = 5  # foreign tables named in a message, at most
# The columns a table of the tracker's has (others may follow, as the library adds them).
COLUMNS = {
    META_TABLE: ("key", "value"),
    "events": ("originator_id", "originator_version", "topic", "state"),
}


def tracker_tables(library: LibraryTables) -> tuple[str, ...]:
    """Every table the tracker makes in a database (SQLite's full-text index aside)."""
    return (
        library.events,
        library.snapshots,
        LEDGER_TABLE,
        META_TABLE,
        READ_MODEL_META,
        *TABLES,
        *RETIRED,
    )


def _the_trackers(name: str, library: LibraryTables) -> bool:
    # SQLite's full-text index of rm_search is a virtual table with tables of its own.
    return name in tracker_tables(library) or name.startswith(SEARCH_SQLITE_TABLES)


def check_sqlite_owner(path: Path) -> None:
    """Raise StoreUnavailable if the SQLite file is another program's database."""
    # Read as immutable (no -shm or -wal is made, none left behind) unless a write-ahead log
    # is there already: then what it holds counts, and reading it makes no new file.
    try:
        logged = Path(f"{path}-wal").stat().st_size > 0
    except OSError:  # none, or gone as the last connection of another command closed
        logged = False
    try:
        try:
            _judge_file(path, immutable=not logged)
        except sqlite3.DatabaseError:
            # Read without locks, the file can be caught in the middle of another command's
            # checkpoint: read again, as SQLite reads with its locks.
            _judge_file(path, immutable=False)
    except sqlite3.Error as e:
        raise StoreUnavailable(
            f"cannot read the store {path} ({e}); check --db or TRACKER_DB"
        ) from None


def _judge_file(path: Path, *, immutable: bool) -> None:
    uri = f"file:{quote(str(path))}?mode=ro{'&immutable=1' if immutable else ''}"
    with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND substr(name, 1, 7) <> 'sqlite_'"  # SQLite's own (LIKE's _ is any)
            )
        ]
        foreign = [name for name in names if not _the_trackers(name, SQLITE)]
        if foreign:
            raise _not_the_trackers(f"the store {path}", foreign, shared=False)

        def columns(table: str) -> list[str]:
            rows = connection.execute(f"PRAGMA table_info({table})").fetchall()
            return [str(row[1]) for row in rows]

        def run(sql: str) -> list[Any]:
            return connection.execute(sql).fetchall()

        _judge(names, SQLITE, run, columns, f"the store {path}")


def check_postgres_owner(run: Callable[[str, Sequence[Any]], Sequence[Any]], where: str) -> None:
    """Raise StoreUnavailable if the PostgreSQL database holds a table named as one of the
    tracker's that the tracker did not make. ``run(sql, params)`` executes a statement,
    returning its rows."""
    ours = tracker_tables(POSTGRES)
    regclasses = ", ".join(f"to_regclass('{name}')" for name in ours)
    found = run(
        "SELECT c.relname, n.nspname FROM pg_class c JOIN pg_namespace n "  # noqa: S608 (names: constants)
        f"ON n.oid = c.relnamespace WHERE c.oid IN ({regclasses})",
        (),
    )
    if not found:
        return
    what = f"the PostgreSQL database {where}"
    schemas = sorted({str(schema) for _, schema in found})
    if len(schemas) > 1:
        raise StoreUnavailable(
            f"{what} has tables named as the tracker's in more than one schema of its search "
            f"path ({', '.join(schemas)}); give the tracker a database of its own, or a "
            "search_path with its schema alone"
        )
    names = [str(name) for name, _ in found]

    def columns(table: str) -> list[str]:
        rows = run(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = %s "
            "AND table_name = %s ORDER BY ordinal_position",
            (schemas[0], table),
        )
        return [str(row[0]) for row in rows]

    _judge(names, POSTGRES, lambda sql: run(sql, ()), columns, what)


def _judge(
    names: Sequence[str],
    library: LibraryTables,
    run: Callable[[str], Sequence[Any]],
    columns: Callable[[str], list[str]],
    where: str,
) -> None:
    """Raise StoreUnavailable unless the tracker's tables among ``names`` are the tracker's."""
    shared = library is POSTGRES
    if not names:
        return
    for table, wanted in ((META_TABLE, COLUMNS[META_TABLE]), (library.events, COLUMNS["events"])):
        if table in names and tuple(columns(table)[: len(wanted)]) != wanted:
            raise _not_the_trackers(where, [table], shared, "its columns not the tracker's")
    read_model = [name for name in names if name in (*TABLES, *RETIRED)]
    if read_model and READ_MODEL_META not in names:
        raise _not_the_trackers(where, read_model, shared)  # not made by the tracker
    if META_TABLE in names:
        return
    if library.events in names:
        first = run(library.first_topic)
        if not first or str(first[0][0]).startswith(TOPIC_PREFIX):
            return  # a store of the first format, or one that holds nothing yet
        raise StoreUnavailable(
            f"{where} holds the events of another program ({str(first[0][0])[:60]!r} in "
            f"{library.events}); check --db or TRACKER_DB"
        )
    raise _not_the_trackers(where, list(names), shared)


def _not_the_trackers(
    where: str, names: Sequence[str], shared: bool, why: str = ""
) -> StoreUnavailable:
    shown = ", ".join(sorted(names)[:SHOWN]) + (", …" if len(names) > SHOWN else "")
    shown += f", {why}" if why else ""
    if shared:
        return StoreUnavailable(
            f"{where} holds tables named as the tracker's that the tracker did not make "
            f"({shown}); give the tracker a database of its own with --db or TRACKER_DB"
        )
    return StoreUnavailable(
        f"{where} is not a tracker store: it holds the tables of another program ({shown}); "
        "check --db or TRACKER_DB"
    )
