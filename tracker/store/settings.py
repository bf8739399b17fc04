"""Where events are stored: ``--db`` / ``TRACKER_DB`` turned into the library's settings.

This is the one place that reads the store's configuration. A value is either a SQLite file
path or a ``postgresql://user[:password]@host[:port]/dbname[?name=value&…]`` URL (read by
pgurl.py). The password is kept out of every description of the store, so it cannot leak into
output or errors.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from urllib.parse import quote

from tracker.store.errors import StoreConfigError, StoreUnavailable
from tracker.store.waiting import WAIT

if TYPE_CHECKING:
    import psycopg  # imported when a PostgreSQL store is used: SQLite commands never load it

APP_NAME = "tracker"
KEY_ENV = "TRACKER_ENCRYPTION_KEY"
CIPHER_TOPIC = "eventsourcing.cryptography:AESCipher"
SQLITE_HEADER = b"SQLite format 3\x00"
WAL_FORMAT = 2  # byte 18 of the header: 1 for a rollback journal, 2 for write-ahead logging
DB_ENV = "TRACKER_DB"
DEFAULT_FILE = "tracker.db"
POSTGRES_CONNECT_TIMEOUT = 5
POSTGRES_CONNINFO = "POSTGRES_CONNINFO"  # the library's setting of the tracker's own
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

    def describe(self) -> str:
        return str(self.path)

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
        elif not write and not self.is_default:
            # A mistyped --db would otherwise become a new, empty store.
            raise StoreUnavailable(
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
        if read_only and header[18] != WAL_FORMAT:
            # The library switches a store to WAL mode on opening, which needs a writable file.
            raise StoreUnavailable(
                f"the read-only store {self.path} was not created by the tracker (it is not in "
                "WAL mode); make it writable once, or use another --db"
            )

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
            **_cipher(self.encryption_key),
        }


@dataclass(frozen=True)
class PostgresStore:
    """A shared PostgreSQL database, as libpq's connection parameters (see pgurl.py).

    ``params`` are those the URL gives, password included; what it leaves out is left to
    libpq and its environment (``PGUSER``, ``PGPORT``, ``PGPASSWORD``, ``~/.pgpass``, …).
    """

    params: tuple[tuple[str, str], ...] = field(repr=False)
    encryption_key: str | None = field(default=None, repr=False)
    tables_ready: bool = False
    kind: Literal["postgres"] = "postgres"

    def describe(self) -> str:
        """The URL without its password (nor any other secret parameter)."""
        from tracker.store.pgurl import describe

        return describe(dict(self.params))

    def redact(self, text: str) -> str:
        """Remove every secret value from any text that may be shown (e.g. a driver's message)."""
        from tracker.store.pgurl import secret

        for name, value in self.params:
            if value and secret(name):
                text = text.replace(value, "***")
        return text

    def connection_params(self) -> dict[str, str]:
        """What the driver is given: the URL's parameters, and the tracker's defaults for
        those that neither the URL nor libpq's environment sets."""
        found = dict(self.params)
        if "connect_timeout" not in found and not os.environ.get("PGCONNECT_TIMEOUT"):
            found["connect_timeout"] = str(POSTGRES_CONNECT_TIMEOUT)
        found.setdefault("fallback_application_name", APP_NAME)
        return found

    def connect(self, *, autocommit: bool = False) -> psycopg.Connection[Any]:
        """A connection of the tracker's own, beside the library's pool.

        Like the pool's, it waits for a lock at most the time left of the command's budget.
        """
        import psycopg
        from psycopg.conninfo import make_conninfo

        from tracker.store.waiting import lock_timeout

        conninfo = make_conninfo("", **self.connection_params())
        connection = psycopg.connect(conninfo, autocommit=True)
        try:
            connection.execute(f"SET lock_timeout = '{lock_timeout()}'")
            connection.autocommit = autocommit
        except BaseException:
            connection.close()
            raise
        return connection

    def file_of(self, target: Path | int) -> str | None:  # noqa: ARG002 (same as SQLite)
        """None: a PostgreSQL store has no file of its own here."""
        return None

    def library_env(self, *, write: bool) -> dict[str, str]:  # noqa: ARG002 (same as SQLite)
        from psycopg.conninfo import make_conninfo

        params = self.connection_params()
        return {
            "PERSISTENCE_MODULE": "tracker.store.postgres:TrackerPostgresFactory",
            # The library insists on these five; TrackerPostgresFactory replaces them with
            # POSTGRES_CONNINFO: every parameter the URL gives, and none it leaves out.
            "POSTGRES_DBNAME": params.get("dbname", ""),
            "POSTGRES_HOST": params.get("host", ""),
            "POSTGRES_PORT": params.get("port", ""),
            "POSTGRES_USER": params.get("user", ""),
            "POSTGRES_PASSWORD": "",
            POSTGRES_CONNINFO: make_conninfo("", **params),
            "POSTGRES_CONNECT_TIMEOUT": str(POSTGRES_CONNECT_TIMEOUT),
            "POSTGRES_LOCK_TIMEOUT": str(WAIT),
            "CREATE_TABLE": "n" if self.tables_ready else "y",
            # A command needs one or two connections; the library's default opens five.
            "POSTGRES_POOL_SIZE": "1",
            "POSTGRES_MAX_OVERFLOW": "4",
            **_cipher(self.encryption_key),
        }


Store = SQLiteStore | PostgresStore


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


def _cipher(key: str | None) -> dict[str, str]:
    return {"CIPHER_TOPIC": CIPHER_TOPIC, "CIPHER_KEY": key} if key else {}


def check_key(key: str) -> str:
    """The key, if ``tracker keygen`` could have made it (base64 of 16, 24 or 32 bytes)."""
    import base64
    import binascii

    try:
        raw = base64.b64decode(key.strip(), validate=True)
    except (binascii.Error, ValueError):
        raw = b""
    if len(raw) not in (16, 24, 32):
        raise StoreConfigError(
            f"{KEY_ENV} is not an encryption key; make one with tracker keygen (the key itself "
            "is not shown here)"
        )
    return key.strip()


def new_key() -> str:
    """A new random AES-256 key, as base64 text."""
    import base64
    import secrets

    return base64.b64encode(secrets.token_bytes(32)).decode()


def default_path() -> Path:
    """The default SQLite file, in the user's data directory."""
    from platformdirs import user_data_path

    return user_data_path("dialogue-tracker", appauthor=False) / DEFAULT_FILE


def parse_postgres_url(url: str) -> PostgresStore:
    from tracker.store.pgurl import read_url

    return PostgresStore(params=tuple(read_url(url).items()))


def resolve_store(value: str | None, encryption_key: str | None = None) -> Store:
    """Turn ``--db`` / ``TRACKER_DB`` (or nothing) into a store description.

    The encryption key comes from ``TRACKER_ENCRYPTION_KEY`` unless given.
    """
    key = encryption_key if encryption_key is not None else os.environ.get(KEY_ENV)
    key = check_key(key) if key else None
    if value is None or not value.strip():
        return SQLiteStore(path=default_path(), is_default=True, encryption_key=key)
    value = value.strip()
    if "\x00" in value:
        raise StoreConfigError("--db contains a NUL character; give a file path or a URL")
    if value.startswith(("postgresql://", "postgres://")):
        return replace(parse_postgres_url(value), encryption_key=key)
    if "://" in value:
        scheme = value.split("://", 1)[0]
        raise StoreConfigError(
            f"{scheme}:// stores are not supported; give a SQLite file path or a "
            "postgresql://user@host:port/dbname URL"
        )
    return SQLiteStore(path=Path(value).expanduser().absolute(), encryption_key=key)
