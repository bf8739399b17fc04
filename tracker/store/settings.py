"""Where events are stored: ``--db`` / ``TRACKER_DB`` turned into a store description, and so
into the library's settings.

This is the one place that reads the store's configuration. A value is either a SQLite file
path (sqlite_store.py) or a ``postgresql://user[:password]@host[:port]/dbname[?name=value&…]``
URL (postgres_store.py, read by pgurl.py), or ``memory://NAME`` for a store held in memory
while the process runs (memory_store.py: the tests' fast tier); the encryption key comes from
``TRACKER_ENCRYPTION_KEY`` (encryption.py). The password is kept out of every description of
the store, so it cannot leak into output or errors.
"""

from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path

from tracker.store.encryption import KEY_ENV, check_key
from tracker.store.errors import StoreConfigError
from tracker.store.memory_store import SCHEME as MEMORY_SCHEME
from tracker.store.memory_store import MemoryStore, parse_memory_name
from tracker.store.postgres_store import PostgresStore, parse_postgres_url
from tracker.store.sqlite_store import DEFAULT_FILE, SQLiteStore

DB_ENV = "TRACKER_DB"

Store = SQLiteStore | PostgresStore | MemoryStore
SQLiteDatabase = SQLiteStore | MemoryStore  # a SQLite database: a file, or held in memory


def default_path() -> Path:
    """The default SQLite file, in the user's data directory."""
    from platformdirs import user_data_path

    return user_data_path("dialogue-tracker", appauthor=False) / DEFAULT_FILE


def resolve_store(value: str | None, encryption_key: str | None = None) -> Store:
    """Turn ``--db`` / ``TRACKER_DB`` (or nothing) into a store description.

    The encryption key comes from ``TRACKER_ENCRYPTION_KEY`` unless given.
    """
    key = encryption_key if encryption_key is not None else os.environ.get(KEY_ENV)
    key = check_key(key) if key else None
    if value is None:
        return SQLiteStore(path=default_path(), is_default=True, encryption_key=key)
    value = value.strip()
    if not value:
        # An empty --db is a mistake (--db "$UNSET"), not a request for the personal store.
        raise StoreConfigError(
            "--db / TRACKER_DB is empty; give a SQLite file path or a postgresql:// URL, or "
            "leave both out (unset TRACKER_DB) for the default store"
        )
    if "\x00" in value:
        raise StoreConfigError("--db contains a NUL character; give a file path or a URL")
    if value.startswith(("postgresql://", "postgres://")):
        return replace(parse_postgres_url(value), encryption_key=key)
    if value.startswith(MEMORY_SCHEME):
        return MemoryStore(parse_memory_name(value), encryption_key=key)
    if "://" in value:
        scheme = value.split("://", 1)[0]
        raise StoreConfigError(
            f"{scheme}:// stores are not supported; give a SQLite file path or a "
            "postgresql://user@host:port/dbname URL"
        )
    try:
        path = Path(value).expanduser()
    except RuntimeError:  # ~name of a user this system does not have
        raise StoreConfigError(
            f"--db {value.split('/', 1)[0]}: no such user's home directory; give the path in full"
        ) from None
    return SQLiteStore(path=path.absolute(), encryption_key=key)
