"""Check that a store can be used before the library tries, so failures are quick and clear.

The library retries a PostgreSQL connection for a long time; a command-line tool must say
"unreachable" within seconds, and say why (refused, wrong password, unknown database).
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import replace

from tracker.store.errors import StoreUnavailable
from tracker.store.ledger_tables import LEDGER_TABLE, META_TABLE
from tracker.store.library_tables import POSTGRES
from tracker.store.ownership import check_postgres_owner
from tracker.store.postgres_store import PostgresStore
from tracker.store.settings import Store


def _reason(message: str) -> str:
    """Why a connection failed: the server's answer, or why there was none ("unreachable")."""
    lines = [line.strip() for line in message.splitlines() if line.strip()]
    # psycopg puts the server's answer last ("FATAL: password authentication failed ...").
    for line in reversed(lines):
        if "FATAL:" in line:
            return line.split("FATAL:", 1)[1].strip()
    first = lines[0] if lines else message
    return f"it is unreachable ({first.removeprefix('connection failed: ')})"


def probe_postgres(store: PostgresStore) -> PostgresStore:
    """Open one connection and look for the tables; raise StoreUnavailable saying why not.

    When the tables exist the library is told not to create them: its "create or replace" of
    an insert function, run by every command, fails when several start at the same moment.
    """
    import psycopg

    try:
        with store.connect() as connection:
            check_postgres_owner(
                lambda sql, params: connection.execute(sql, params).fetchall(), store.describe()
            )  # before the library creates a table in it
            found = connection.execute(POSTGRES.tables_exist(LEDGER_TABLE, META_TABLE)).fetchone()
            return replace(store, tables_ready=bool(found and found[0]))
    except psycopg.Error as e:
        reason = store.redact(_reason(str(e)))
        raise StoreUnavailable(
            f"cannot connect to the PostgreSQL store {store.describe()}: {reason}; "
            "check the server is running and the URL given with --db or TRACKER_DB"
        ) from None


def check_store(store: Store, *, write: bool) -> Store:
    """The store, checked for this use (raise StoreUnavailable when it cannot be used)."""
    if isinstance(store, PostgresStore):
        return probe_postgres(store)
    store.check(write=write)
    return store


CREATION_LOCK = 7_362_541_202  # the advisory lock held while a new store's tables are made


@contextlib.contextmanager
def creating_tables(store: Store) -> Iterator[Store]:
    """Hold PostgreSQL's creation lock while the library makes a new store's tables.

    Commands that start together on a new database would otherwise all run the library's
    table and function creation at once, and PostgreSQL refuses all but one of them.
    """
    if not isinstance(store, PostgresStore) or store.tables_ready:
        yield store
        return
    import psycopg

    try:
        connection = store.connect(autocommit=True)
    except psycopg.Error as e:
        raise StoreUnavailable(
            f"cannot connect to the PostgreSQL store {store.describe()}: "
            f"{store.redact(_reason(str(e)))}"
        ) from None
    with connection:
        connection.execute("SELECT pg_advisory_lock(%s)", (CREATION_LOCK,))
        try:
            yield probe_postgres(store)  # another command may have made them meanwhile
        finally:
            connection.execute("SELECT pg_advisory_unlock(%s)", (CREATION_LOCK,))
