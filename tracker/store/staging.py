"""A new SQLite store is made only by a command that records something in it.

The first ``open`` or ``import`` on a path where there is no store yet writes a store under a
hidden name beside it (``.tracker.db.new-…``); when the tracker closes, the store is put in
place under its own name if the command recorded something, and removed otherwise. A refused
first command (a fact dated after today, a file with a refused entry, a mistyped path) leaves
nothing behind, and the next command on that path still says "there is no store".

Commands that would make a store in the same directory take turns, holding an exclusive
``flock`` on the directory itself (no lock file is left either): the second finds the store the
first made, or none if the first recorded nothing, and goes on as if it had come first.
"""

from __future__ import annotations

import contextlib
import glob
import os
import re
import secrets
import sqlite3
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

from tracker.store.errors import StoreUnavailable
from tracker.store.library_tables import SQLITE
from tracker.store.locks import take_flock
from tracker.store.sqlite_store import SIDECARS, SQLiteStore, refuse_orphan_log
from tracker.store.waiting import left

NAME_ROOM = 200  # bytes of the store's name kept in the hidden name
LEFT_BEHIND = re.compile(r"[0-9a-f]{12}(?:-wal|-shm|-journal)?")  # after the hidden prefix


class NewStore:
    """A store being made by one command: written under a hidden name, settled when closed."""

    def __init__(self, final: SQLiteStore, directory_lock: int) -> None:
        self.final = final
        hidden = f"{_hidden_prefix(final.path)}{secrets.token_hex(6)}"
        self.staged = replace(final, path=final.path.with_name(hidden), shown_as=final.path)
        self._lock: int | None = directory_lock
        self.left_behind: list[Path] = []  # stores begun by killed commands that hold events

    @classmethod
    def begin(cls, store: SQLiteStore) -> NewStore | None:
        """Take the directory's turn for making the store; None if it exists by then (another
        command made it meanwhile: it is used as it is)."""
        descriptor = _lock_directory(store)
        if store.path.exists():
            _unlock(descriptor)
            return None
        made = cls(store, descriptor)
        made.left_behind = _remove_left_behind(store.path)
        return made

    def settle(self) -> None:
        """Put the store in place if something was recorded in it; remove it otherwise."""
        if self._lock is None:
            return  # settled already
        try:
            if not self.staged.path.exists():
                raise StoreUnavailable(
                    f"the store being made at {self.final.path} is gone from where it was "
                    f"begun ({self.staged.path.parent} moved, or the file removed): nothing "
                    "this command recorded was kept"
                )
            if _recorded(self.staged.path):
                _put_in_place(self.staged.path, self.final.path)
        finally:
            self.abandon()

    def abandon(self) -> None:
        """Remove the store begun, and give the directory's turn to the next."""
        if self._lock is None:
            return
        _remove(self.staged.path)
        _unlock(self._lock)
        self._lock = None


def _hidden_prefix(final: Path) -> str:
    """The start of the hidden names a store is begun under. It fits where the store's name
    does (a file name is at most 255 bytes), its sidecars' too."""
    stem = final.name.encode()[:NAME_ROOM].decode(errors="ignore")
    return f".{stem}.new-"


def _remove_left_behind(final: Path) -> list[Path]:
    """Remove what a command killed while it made this store left (a log may be gigabytes):
    whoever holds the directory's turn is the only one making a store there. A store begun
    that holds events (killed after it recorded, or a store named so by hand) is kept, and
    returned to be told of."""
    prefix = _hidden_prefix(final)
    kept = []
    for found in sorted(final.parent.glob(f"{glob.escape(prefix)}*")):
        rest = found.name.removeprefix(prefix)
        if not LEFT_BEHIND.fullmatch(rest) or not found.is_file() or found.is_symlink():
            continue
        stem = Path(str(found).removesuffix(rest) + rest[:12])  # the store, not a sidecar
        if _holds_events(stem):
            if found == stem:
                kept.append(stem)
            continue
        with contextlib.suppress(OSError):
            found.unlink()
    return kept


def _holds_events(path: Path) -> bool:
    """Whether a store holds an event, read without changing it (False if it cannot be read)."""
    if not path.exists():
        return False
    try:
        uri = f"file:{quote(str(path))}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as connection:
            return _any_event(connection)
    except sqlite3.Error:
        return False


def _any_event(connection: sqlite3.Connection) -> bool:
    try:
        return connection.execute(SQLITE.any_event).fetchone() is not None
    except sqlite3.OperationalError:  # no tables yet: refused before any was made
        return False


def _lock_directory(store: SQLiteStore) -> int:
    descriptor = os.open(store.path.parent, os.O_RDONLY)
    try:
        take_flock(descriptor, left(), store.describe())
    except BaseException:
        os.close(descriptor)
        raise
    return descriptor


def _unlock(descriptor: int) -> None:
    os.close(descriptor)  # closing the descriptor releases its flock


def _recorded(path: Path) -> bool:
    """Whether the store begun holds an event; its write-ahead log emptied into it if so, so
    that the file alone is the whole store."""
    with contextlib.closing(sqlite3.connect(path)) as connection:
        recorded = _any_event(connection)
        if recorded:
            connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        return recorded


def _put_in_place(staged: Path, final: Path) -> None:
    """Give the store its own name, never over a file that took that name meanwhile, nor
    beside a log SQLite would replay into it."""
    refuse_orphan_log(final)
    try:
        os.link(staged, final)  # fails if the name is taken, unlike a rename
    except FileExistsError:
        raise _name_taken(final) from None
    except OSError:  # a file system without hard links: rename, having looked first
        if final.exists():
            raise _name_taken(final) from None
        os.replace(staged, final)


def _name_taken(final: Path) -> StoreUnavailable:
    return StoreUnavailable(
        f"a file named {final} appeared while this command made the store there; what it "
        "recorded was not kept: check that file, then run the command again"
    )


def _remove(staged: Path) -> None:
    for suffix in SIDECARS:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(f"{staged}{suffix}")
