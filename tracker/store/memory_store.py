"""A store held in memory, for as long as the process runs: ``--db memory://NAME``.

It is the fast tier of the tests (scenarios and application tests that are not about
persistence), and a scratch store for trying things. It is a SQLite database in memory, run by
the library's own SQLite recorders through the same code as a SQLite file, rather than the
library's plain-object recorders: the tracker's ledger, read model and ``verify`` are SQL, and
a second, plain-object implementation of each would be code that no real store ever runs.

A memory store exists from the first command that writes to it until the process ends, or
until :func:`forget` drops it. Commands of the same process find it by its name; nothing of it
is ever written to disk.
"""

from __future__ import annotations

import re
import sqlite3
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import quote

from tracker.store.encryption import cipher_settings
from tracker.store.errors import NoStore, StoreConfigError
from tracker.store.waiting import WAIT

SCHEME = "memory://"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.-]{0,63}")


@dataclass
class _Held:
    """What keeps a memory store alive: one open connection (SQLite drops a shared in-memory
    database with its last connection), and the store's write lock."""

    keeper: sqlite3.Connection
    writing: threading.Lock = field(default_factory=threading.Lock)


_HELD: dict[str, _Held] = {}
_HELD_LOCK = threading.Lock()


@dataclass(frozen=True)
class MemoryStore:
    """A SQLite database in this process's memory, found by its name."""

    name: str
    encryption_key: str | None = field(default=None, repr=False)
    kind: Literal["sqlite"] = "sqlite"  # the library's tables and statements are SQLite's

    @property
    def uri(self) -> str:
        return f"file:tracker-memory-{quote(self.name)}?mode=memory&cache=shared"

    def describe(self) -> str:
        return f"{SCHEME}{self.name}"

    def file_of(self, target: Path | int) -> str | None:  # noqa: ARG002 (it has no files)
        return None

    def read_only(self) -> bool:
        return False

    def check(self, *, write: bool) -> None:
        """Make the store on the first write; refuse to read one that was never written."""
        with _HELD_LOCK:
            if self.name in _HELD:
                return
            if not write:
                raise NoStore(
                    f"there is no store {self.describe()} in this process; a memory store is "
                    "created by the first command that records something, and lasts as long "
                    "as the process"
                )
            _HELD[self.name] = _Held(sqlite3.connect(self.uri, uri=True))

    def write_lock(self) -> threading.Lock:
        """The lock writers of this store take turns on (its ``flock`` for a file)."""
        return _HELD[self.name].writing

    def open_sqlite(self, *, timeout: float, autocommit: bool = True) -> sqlite3.Connection:
        """A new connection to the database (for the read model, imports and verify)."""
        level: Literal["DEFERRED"] | None = None if autocommit else "DEFERRED"
        return sqlite3.connect(self.uri, uri=True, timeout=timeout, isolation_level=level)

    def library_env(self, *, write: bool) -> dict[str, str]:  # noqa: ARG002 (always writable)
        return {
            "PERSISTENCE_MODULE": "tracker.store.sqlite:TrackerSQLiteFactory",
            "SQLITE_DBNAME": self.uri,
            "SQLITE_LOCK_TIMEOUT": str(WAIT),
            "CREATE_TABLE": "y",
            **cipher_settings(self.encryption_key),
        }


def parse_memory_name(value: str) -> str:
    """The name of ``memory://NAME`` (raise StoreConfigError when it is not one)."""
    name = value[len(SCHEME) :]
    if not _NAME.fullmatch(name):
        raise StoreConfigError(
            f"{value!r} is not a memory store: give memory://NAME, NAME being up to 64 "
            "letters, digits, '.', '_' or '-'"
        )
    return name


def forget(name: str) -> None:
    """Drop the memory store of this name and everything in it (nothing if there is none)."""
    with _HELD_LOCK:
        held = _HELD.pop(name, None)
    if held is not None:
        held.keeper.close()
