"""Check that a store can be used before the library tries, so failures are quick and clear.

The library retries a PostgreSQL connection for a long time; a command-line tool must say
"unreachable" within seconds, and say why (refused, wrong password, unknown database).
"""

from __future__ import annotations

from tracker.store.settings import (
    POSTGRES_CONNECT_TIMEOUT,
    PostgresStore,
    SQLiteStore,
    Store,
    StoreUnavailable,
)


def _reason(message: str) -> str:
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    # psycopg puts the server's answer last ("FATAL: password authentication failed ...").
    for line in reversed(lines):
        if "FATAL:" in line:
            return line.split("FATAL:", 1)[1].strip()
    first = lines[0] if lines else message
    return first.removeprefix("connection failed: ")


def probe_postgres(store: PostgresStore) -> None:
    """Open and close one connection; raise StoreUnavailable saying why it failed."""
    import psycopg

    try:
        with psycopg.connect(
            host=store.host,
            port=store.port,
            user=store.user,
            password=store.password,
            dbname=store.dbname,
            connect_timeout=POSTGRES_CONNECT_TIMEOUT,
        ):
            pass
    except psycopg.Error as e:
        reason = store.redact(_reason(str(e)))
        raise StoreUnavailable(
            f"cannot connect to the PostgreSQL store {store.describe()}: {reason}; "
            "check the server is running and the URL given with --db or TRACKER_DB"
        ) from None


def check_store(store: Store, *, write: bool) -> None:
    """Raise StoreUnavailable when the store cannot be opened for this use."""
    if isinstance(store, SQLiteStore):
        store.check(write=write)
    else:
        probe_postgres(store)
