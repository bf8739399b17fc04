"""The read model's connection of its own to the store, and its transactions.

It holds what outlives a transaction: the connection (with SQLite's page cache and secure
deletion set), the seal of the store's texts, and SQLite's channel ids with dashes. Each
transaction takes the read model's write lock when it writes, so two processes catching up at
once take turns.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Iterator
from typing import Any

from tracker.store.postgres_store import PostgresStore
from tracker.store.readmodel.cursor import ReadModelCursor
from tracker.store.readmodel.errors import ReadModelBusy
from tracker.store.readmodel.seal import TextSeal
from tracker.store.settings import Store
from tracker.store.sqlite_store import SQLITE_LOCK_TIMEOUT

LOCK_KEY = 7_362_541_201  # the read model's advisory lock in PostgreSQL
CACHE_KIB = 65_536  # SQLite page cache of the read model's connection

_NAMED = re.compile(r"(?<![:\w]):([a-z_]+)")


class ReadModelStore:
    """A connection of its own to the store, for the read-model tables."""

    def __init__(self, store: Store, seal: TextSeal | None = None) -> None:
        self.store = store
        self.seal = seal or TextSeal()
        self.postgres = isinstance(store, PostgresStore)
        self._connection: Any = None
        self._tables_made = False  # by this connection, in SQLite
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
            if not isinstance(self.store, PostgresStore):
                self._connection = self.store.open_sqlite(timeout=SQLITE_LOCK_TIMEOUT)
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
        if write and not self._tables_made:
            # In a transaction of its own: while a change of the schema is not committed, no
            # other connection to a database in memory may read it, and a catch-up reads
            # channels through the library's connection (store/memory_store.py).
            self._begin(cursor, write=True)
            try:
                ReadModelCursor(self, cursor).create_tables()
            except BaseException:
                connection.rollback()
                raise
            connection.commit()
            self._tables_made = True
        self._begin(cursor, write=write)
        try:
            wrapped = ReadModelCursor(self, cursor)
            yield wrapped
        except BaseException:
            connection.rollback()
            raise
        else:
            connection.commit()
        finally:
            cursor.close()

    @staticmethod
    def _begin(cursor: Any, *, write: bool) -> None:
        try:
            cursor.execute("BEGIN IMMEDIATE" if write else "BEGIN")
        except Exception as e:
            if "locked" in str(e) or "busy" in str(e):
                raise ReadModelBusy(str(e)) from e
            raise

    def close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None
