"""A shared PostgreSQL database as the store: what ``--db postgresql://…`` describes.

The URL is read by libpq (pgurl.py); the store keeps its parameters, password included, and
shows none of its secrets: ``describe`` leaves them out and ``redact`` removes them from any
text. It gives the library's pool its settings and the tracker its own connections.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from tracker.store.encryption import cipher_settings
from tracker.store.waiting import WAIT

if TYPE_CHECKING:
    import psycopg  # imported when a PostgreSQL store is used: SQLite commands never load it

APP_NAME = "tracker"  # the prefix of the tracker's PostgreSQL tables, and its connections' name
POSTGRES_CONNECT_TIMEOUT = 5
POSTGRES_CONNINFO = "POSTGRES_CONNINFO"  # the library's setting of the tracker's own


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
            **cipher_settings(self.encryption_key),
        }


def parse_postgres_url(url: str) -> PostgresStore:
    from tracker.store.pgurl import read_url

    return PostgresStore(params=tuple(read_url(url).items()))
