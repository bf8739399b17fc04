"""Whose database it is: the tracker uses a database only if it is a tracker store or holds
nothing the tracker would make.

The tracker creates its tables where they are missing, and rebuilds its read model's tables
when their version is not its own (dropping them first). In a database of another program that
would add some twenty tables to it and switch it to write-ahead logging, or empty another
program's table that happens to have the name of one of the tracker's (``rm_channels``). So
before anything is created, a database is judged:

- a SQLite file is the tracker's if it holds no table, the tracker's meta table, or the
  library's events table with the tracker's events (a store of the first format); any other
  table in it makes it another program's database;
- a PostgreSQL database is shared with other programs: only a table named as one of the
  tracker's, where the tracker's own tables are not, makes it unusable.
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
from tracker.store.readmodel.schema import RETIRED, TABLES

TOPIC_PREFIX = "tracker."  # every topic of the tracker's events: tracker.events:MeetingHeld
SHOWN = 5  # foreign tables named in a message, at most


def tracker_tables(library: LibraryTables) -> tuple[str, ...]:
    """Every table the tracker makes in a database."""
    return (
        library.events,
        library.snapshots,
        LEDGER_TABLE,
        META_TABLE,
        READ_MODEL_META,
        *TABLES,
        *RETIRED,
    )


def check_sqlite_owner(path: Path) -> None:
    """Raise StoreUnavailable if the SQLite file is another program's database."""
    # Read as immutable (no -shm or -wal is made, none left behind) unless a write-ahead log
    # is there already: then what it holds counts, and reading it makes no new file.
    log = Path(f"{path}-wal")
    immutable = "" if log.exists() and log.stat().st_size else "&immutable=1"
    try:
        uri = f"file:{quote(str(path))}?mode=ro{immutable}"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
            names = [
                name
                for (name,) in connection.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' "
                    "AND name NOT LIKE 'sqlite_%'"
                )
            ]
            _judge(names, SQLITE, lambda sql: connection.execute(sql).fetchall(), str(path))
    except sqlite3.Error as e:
        raise StoreUnavailable(
            f"cannot read the store {path} ({e}); check --db or TRACKER_DB"
        ) from None


def check_postgres_owner(run: Callable[[str], Sequence[Any]], where: str) -> None:
    """Raise StoreUnavailable if the PostgreSQL database holds a table named as one of the
    tracker's that the tracker did not make. ``run`` executes a statement, returning its rows."""
    ours = tracker_tables(POSTGRES)
    present = "SELECT " + ", ".join(f"to_regclass('{name}') IS NOT NULL" for name in ours)
    found = run(present)
    names = [name for name, exists in zip(ours, found[0], strict=True) if exists]
    if not names:
        return
    _judge(names, POSTGRES, run, where, shared=True)


def _judge(
    names: Sequence[str],
    library: LibraryTables,
    run: Callable[[str], Sequence[Any]],
    where: str,
    *,
    shared: bool = False,
) -> None:
    if not names or META_TABLE in names:
        return
    if library.events in names:
        first = run(library.first_topic)
        if not first or str(first[0][0]).startswith(TOPIC_PREFIX):
            return  # a store of the first format, or one that holds nothing yet
        raise StoreUnavailable(
            f"{_what(where, shared)} holds the events of another program ({first[0][0]!r} in "
            f"{library.events}); check --db or TRACKER_DB"
        )
    shown = ", ".join(sorted(names)[:SHOWN]) + (", …" if len(names) > SHOWN else "")
    if shared:
        raise StoreUnavailable(
            f"{_what(where, shared)} holds tables named as the tracker's that the tracker did "
            f"not make ({shown}); give the tracker a database of its own with --db or TRACKER_DB"
        )
    raise StoreUnavailable(
        f"{_what(where, shared)} is not a tracker store: it holds the tables of another program "
        f"({shown}); check --db or TRACKER_DB"
    )


def _what(where: str, shared: bool) -> str:
    return f"the PostgreSQL database {where}" if shared else f"the store {where}"
