"""A SQLite file as the store: what ``--db PATH`` describes.

Before the library opens the file, ``SQLiteStore.check`` says plainly why it cannot be used
(no directory, read-only, not a SQLite database, a named pipe or a device); ``file_of`` tells
whether a file about to be written is one of the store's own (the database or a sidecar, under
any name), so that no output ever lands on the store.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal
from urllib.parse import quote

from tracker.store.encryption import cipher_settings
from tracker.store.errors import NoStore, StoreConfigError, StoreUnavailable
from tracker.store.waiting import WAIT

SQLITE_HEADER = b"SQLite format 3\x00"
WAL_FORMAT = 2  # byte 18 of the header: 1 for a rollback journal, 2 for write-ahead logging
DEFAULT_FILE = "tracker.db"
MAX_NAME = 251  # bytes: the store's name, so that its sidecars' names (-wal, -shm) fit in 255
SQLITE_LOCK_TIMEOUT = WAIT
# The files SQLite keeps beside a database, named after it, and what each is.
SIDECARS = {
    "": "the store",
    "-wal": "the store's write-ahead log",
    "-shm": "the store's shared-memory index",
    "-journal": "the store's rollback journal",
}


@dataclass(frozen=True)
class SQLiteStore:
    """A SQLite file (the embedded default)."""

    path: Path
    is_default: bool = False
    encryption_key: str | None = field(default=None, repr=False)
    kind: Literal["sqlite"] = "sqlite"
    # A new store is written under a hidden name until its first command ends (staging.py):
    # it is named to the user, and guarded from outputs, under the name it will have.
    shown_as: Path | None = None

    def describe(self) -> str:
        return str(self.shown_as or self.path)

    def file_of(self, target: Path | int) -> str | None:
        """Which of the store's files ``target`` is, described ("the store (/x/t.db)"), if any.

        ``target`` is a path (of a file to be written) or an open file descriptor (standard
        output, or a file just opened for writing). The store's files are the database and its
        sidecars (``-wal``, ``-shm``, ``-journal``), named after the path given and the path it
        resolves to. A file that exists is compared by device and inode, so that no other name
        for it (a link, a hard link, ``..``, ``/proc/self/fd/N``) gets past; a path that does
        not exist yet is compared by the path it resolves to (a sidecar comes and goes).
        """
        names = _store_names(self.path)
        if self.shown_as is not None:
            names.update(_store_names(self.shown_as))
        found = _stat(target)
        if found is not None:
            for name, what in names.items():
                known = _stat(name)
                if known is not None and (known.st_dev, known.st_ino) == (
                    found.st_dev,
                    found.st_ino,
                ):
                    return f"{what} ({name})"
            return None
        if isinstance(target, int):
            return None
        resolved = _resolved(target)
        for name, what in names.items():
            if _resolved(name) == resolved:
                return f"{what} ({name})"
        return None

    def read_only(self) -> bool:
        """True when the file exists but nobody may write it (its mode bits say so).

        Checked by mode bits as well as access(): root may write anything, but a file an
        operator made read-only should stay untouched whoever runs the tracker.
        """
        try:
            mode = self.path.stat().st_mode
        except FileNotFoundError:
            return False
        return not (mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) or not os.access(
            self.path, os.W_OK
        )

    def check(self, *, write: bool) -> None:
        """Say clearly why the file cannot be used, before the library tries and fails.

        Raises StoreConfigError when ``--db`` names something that is no file at all (a
        named pipe, a device, a socket, /dev/stdin): it is never opened (opening a named pipe
        waits for a writer, for ever). StoreUnavailable otherwise.
        """
        self._refuse_special()
        if len(self.path.name.encode()) > MAX_NAME:
            raise StoreConfigError(
                f"--db names a file of {len(self.path.name.encode())} bytes; at most {MAX_NAME} "
                "(SQLite names its log after it, 4 bytes longer, and a file name has at most 255)"
            )
        folder = self.path.parent
        if self.is_default:
            folder.mkdir(parents=True, exist_ok=True)
        if not folder.is_dir():
            raise StoreUnavailable(
                f"cannot open the store {self.path}: the directory {folder} does not exist; "
                "create it, or choose another file with --db or TRACKER_DB"
            )
        if self.path.exists():
            if self.path.is_dir():
                raise StoreUnavailable(
                    f"cannot open the store {self.path}: it is a directory; "
                    f"name a file inside it, e.g. --db {self.path / DEFAULT_FILE}"
                )
            self._check_file(write=write)
            self._check_folder_for_sidecars()
        elif self.path.is_symlink():  # a link to nothing: SQLite would make its target
            raise StoreConfigError(
                f"--db {self.path} is a link to {os.readlink(self.path)}, which does not exist; "
                "give the path of the store itself, or remove the link"
            )
        elif not write and not self.is_default:
            # A mistyped --db would otherwise become a new, empty store.
            raise NoStore(
                f"there is no store at {self.path}; check --db or TRACKER_DB (a store is "
                "created by the first command that records something)"
            )
        else:
            mode = folder.stat().st_mode
            if not (mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) or not os.access(
                folder, os.W_OK
            ):
                raise StoreUnavailable(
                    f"cannot create the store {self.path}: the directory {folder} is "
                    "read-only; choose a writable location with --db or TRACKER_DB"
                )
            refuse_orphan_log(self.path)

    def _refuse_special(self, mode: int | None = None) -> None:
        if mode is None:
            try:
                mode = os.stat(self.path).st_mode  # never opens it
            except (OSError, ValueError):
                return  # none (or none to see yet): the checks below say why
        if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
            return  # a directory has a message of its own
        kind = {
            stat.S_IFIFO: "a named pipe (FIFO)",
            stat.S_IFCHR: "a character device",
            stat.S_IFBLK: "a block device",
            stat.S_IFSOCK: "a socket",
        }.get(stat.S_IFMT(mode), "not a regular file")
        raise StoreConfigError(
            f"--db {self.path} is {kind}, not a file: a SQLite store is a regular file; "
            "check --db or TRACKER_DB"
        )

    def _check_file(self, *, write: bool) -> None:
        read_only = self.read_only()
        if write and read_only:
            raise StoreUnavailable(
                f"cannot write to the store {self.path}: the file is read-only; "
                f"make it writable (chmod u+w {self.path}) or use another --db"
            )
        try:
            # Without blocking, and checked as opened: it may have been swapped for a pipe.
            descriptor = os.open(self.path, os.O_RDONLY | os.O_NONBLOCK)
            with open(descriptor, "rb") as file:
                self._refuse_special(os.fstat(descriptor).st_mode)
                header = file.read(100)
        except OSError as e:
            raise StoreUnavailable(f"cannot read the store {self.path}: {e.strerror}") from None
        if not header:
            if read_only:
                raise StoreUnavailable(
                    f"the store {self.path} is an empty, read-only file: nothing was ever "
                    "recorded in it; make it writable, or use another --db"
                )
            return  # an empty file becomes a new store
        if not header.startswith(SQLITE_HEADER) or len(header) < 100:
            raise StoreUnavailable(
                f"the store {self.path} is not a tracker store (not a SQLite database, or "
                "truncated); check --db or TRACKER_DB"
            )
        from tracker.store.ownership import check_sqlite_owner

        check_sqlite_owner(self.path)  # before the library creates a table in it
        if read_only and header[18] != WAL_FORMAT:
            # The library switches a store to WAL mode on opening, which needs a writable file.
            raise StoreUnavailable(
                f"the read-only store {self.path} was not created by the tracker (it is not in "
                "WAL mode); make it writable once, or use another --db"
            )

    def _check_folder_for_sidecars(self) -> None:
        """Refuse a store in a directory nobody may write (read-only, immutable, or on a
        read-only mount) unless its write-ahead log and shared-memory index are there
        already: SQLite makes them beside the store to read it as well as to write it, and
        would only say "unable to open database file"."""
        folder = self.path.parent
        if _writable_folder(folder) or all(
            Path(f"{self.path}{suffix}").exists() for suffix in ("-wal", "-shm")
        ):
            return
        raise StoreUnavailable(
            f"cannot open the store {self.path}: the directory {folder} is read-only, and "
            "SQLite must make the store's -wal and -shm files there, to read it too; make the "
            "directory writable, or copy the store to a writable one and point --db there"
        )

    def open_sqlite(self, *, timeout: float, autocommit: bool = True) -> sqlite3.Connection:
        """A new connection to the file (for the read model, imports and verify)."""
        level: Literal["DEFERRED"] | None = None if autocommit else "DEFERRED"
        return sqlite3.connect(self.path, timeout=timeout, isolation_level=level)

    def library_env(self, *, write: bool) -> dict[str, str]:
        name = str(self.path)
        if not write and self.read_only():
            # Read a read-only file without the library trying to create tables in it.
            # A URI: its path percent-encoded, or a ? # % in the name would be read as the
            # URI's query, fragment or an escape (and SQLite would open another file).
            name = f"file:{quote(str(self.path))}?mode=ro"
        return {
            "PERSISTENCE_MODULE": "tracker.store.sqlite:TrackerSQLiteFactory",
            "SQLITE_DBNAME": name,
            "SQLITE_LOCK_TIMEOUT": str(SQLITE_LOCK_TIMEOUT),
            "CREATE_TABLE": "n" if name.startswith("file:") else "y",
            **cipher_settings(self.encryption_key),
        }


def _writable_folder(folder: Path) -> bool:
    """Whether files may be made in the directory: by its mode bits (root may write anywhere,
    but a directory an operator made read-only stays untouched) and by access(), which also
    sees an immutable directory and a read-only mount."""
    mode = folder.stat().st_mode
    return bool(mode & (stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH)) and os.access(folder, os.W_OK)


def refuse_orphan_log(path: Path) -> None:
    """Raise StoreUnavailable if the log of a store is there without its store: SQLite would
    replay it into a new store of that name (another store's tables and pages in it), and it
    may hold the only copy of facts recorded before the store was deleted."""
    for suffix in ("-wal", "-journal"):
        log = Path(f"{path}{suffix}")
        with contextlib.suppress(OSError):
            if log.stat().st_size > 0:
                raise StoreUnavailable(
                    f"there is no store at {path}, but its log {log.name} is there (a store "
                    "deleted without it: it may hold recorded facts); put the store back beside "
                    f"it, or move {log.name} and {path.name}-shm away before recording here"
                )


def _store_names(path: Path) -> dict[Path, str]:
    """The names of a SQLite store's files, under the path given and the path it resolves to
    (SQLite names its sidecars after the database file it finally opens)."""
    bases = [path, _resolved(path)]
    return {Path(f"{base}{suffix}"): what for base in bases for suffix, what in SIDECARS.items()}


def _stat(target: Path | int) -> os.stat_result | None:
    """The file's status (following links), or None if there is no such file (or no telling)."""
    try:
        return os.fstat(target) if isinstance(target, int) else os.stat(target)
    except (OSError, ValueError):
        return None


def _resolved(path: Path) -> Path:
    """The absolute path with every link and ``..`` resolved, as far as they can be."""
    try:
        return Path(os.path.realpath(path))
    except (OSError, ValueError):
        return Path(os.path.abspath(path))
