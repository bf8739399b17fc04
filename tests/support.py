"""Helpers for tests: run the CLI in-process, manage PostgreSQL databases, fingerprint stores."""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sqlite3
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

PG_ADMIN_URL = os.environ.get("TRACKER_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")


@dataclass(frozen=True)
class CliResult:
    exit_code: int
    stdout: str
    stderr: str

    def json(self) -> Any:
        return json.loads(self.stdout)

    @property
    def output(self) -> str:
        return self.stdout + self.stderr


def run_cli(
    args: list[str], *, db: str | None, input: str | None = None, columns: int = 200
) -> CliResult:
    """Run ``tracker ARGS`` through the real Typer app, as a user would from a shell (whose
    COLUMNS say how wide its terminal is)."""
    env = {"NO_COLOR": "1", "COLUMNS": str(columns)}
    if db is not None:
        env["TRACKER_DB"] = db
    runner = CliRunner()
    with runner.isolation(input=input, env=env) as (stdout, stderr, _):
        try:
            _tracker_command().main(args=args, prog_name="tracker")
            code: Any = 0
        except SystemExit as e:
            code = e.code
        sys.stdout.flush()
        sys.stderr.flush()
        out, err = _text(stdout.getvalue()), _text(stderr.getvalue())
    assert isinstance(code, int | None), f"tracker exited with {code!r}, not a number"
    return CliResult(code or 0, out, err)


@functools.cache
def _tracker_command() -> Any:
    """The click command ``tracker`` runs, built once for the whole test session (typer builds
    it anew for every invocation, which cost the scenarios about a sixth of their time)."""
    import typer.main

    from tracker.cli.app import app

    return typer.main.get_command(app)


def _text(output: bytes) -> str:
    return output.decode("utf-8", "replace").replace("\r\n", "\n")


def _admin():  # type: ignore[no-untyped-def]
    import psycopg

    return psycopg.connect(PG_ADMIN_URL, autocommit=True)


def create_database(name: str) -> None:
    with _admin() as conn:
        conn.execute(f'CREATE DATABASE "{name}"')


def drop_database(name: str) -> None:
    with _admin() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def sqlite_connection(db: str) -> sqlite3.Connection:
    """A connection to a SQLite store: a file, or a ``memory://NAME`` store of this process."""
    if db.startswith("memory://"):
        from tracker.store.memory_store import MemoryStore, parse_memory_name

        return sqlite3.connect(MemoryStore(parse_memory_name(db)).uri, uri=True)
    return sqlite3.connect(db)


def stored_rows(db: str) -> list[tuple[Any, ...]]:
    """Every stored event row, in insertion order, read directly from the database."""
    return _rows(db, "events", order=("notification_id", "rowid"))


def snapshot_rows(db: str) -> list[tuple[Any, ...]]:
    """Every stored snapshot row (channel, version, topic, state), read directly."""
    by_channel = "originator_id, originator_version"
    return _rows(db, "snapshots", order=(by_channel, by_channel))


def _rows(db: str, kind: str, *, order: tuple[str, str]) -> list[tuple[Any, ...]]:
    """(channel, version, topic, state) of each row of the library's table of this kind."""
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db) as conn:
            exists = conn.execute(f"SELECT to_regclass('public.tracker_{kind}')").fetchone()
            if not exists or exists[0] is None:
                return []
            return list(
                conn.execute(
                    "SELECT originator_id::text, originator_version, topic, state "
                    f"FROM tracker_{kind} ORDER BY {order[0]}"
                )
            )
    if not db.startswith("memory://") and not Path(db).exists():
        return []
    # Closed here, not when collected: an open connection keeps the store's -wal and -shm
    # files, which a test of a store without them (in a read-only directory) must not find.
    conn = sqlite_connection(db)
    try:
        return list(
            conn.execute(
                "SELECT originator_id, originator_version, topic, state "
                f"FROM stored_{kind} ORDER BY {order[1]}"
            )
        )
    except sqlite3.OperationalError:
        return []
    finally:
        conn.close()


def fingerprint(db: str) -> str:
    """A digest of everything stored: equal before and after means nothing was written."""
    digest = hashlib.sha256()
    for row in [*stored_rows(db), *snapshot_rows(db)]:
        digest.update(repr(row).encode())
    return digest.hexdigest()


def every_stored_byte(db: str) -> bytes:
    """Everything the database holds: every row of every table (PostgreSQL), or the files
    themselves, free pages and sidecars included (SQLite)."""
    if db.startswith("postgresql://"):
        import psycopg

        dump = bytearray()
        with psycopg.connect(db) as conn:
            tables = [
                row[0]
                for row in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                )
            ]
            for name in tables:
                for row in conn.execute(f'SELECT * FROM "{name}"'):
                    for value in row:
                        dump += (
                            bytes(value)
                            if isinstance(value, bytes | memoryview)
                            else (str(value).encode("utf-8", "surrogatepass"))
                        )
                        dump += b"\n"
        return bytes(dump)
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return b"".join(p.read_bytes() for p in Path(db).parent.glob(Path(db).name + "*"))


def execute(db: str, statement: str, params: tuple[Any, ...] = ()) -> None:
    """Run one statement straight on the database, as someone with access to it (and not to
    the tracker) would; ``?`` placeholders on both stores."""
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute(statement.replace("?", "%s"), params)
        return
    with sqlite_connection(db) as conn:
        conn.execute(statement, params)


def query(db: str, statement: str, params: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Rows of one query run straight on the database (``?`` placeholders)."""
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            return [tuple(r) for r in conn.execute(statement.replace("?", "%s"), params)]
    with sqlite_connection(db) as conn:
        return [tuple(r) for r in conn.execute(statement, params)]


def events_table(db: str) -> str:
    return "tracker_events" if db.startswith("postgresql://") else "stored_events"


def stored_channel_id(db: str, slug: str) -> Any:
    """A channel's id as the store keeps it (uuid text in PostgreSQL, hex in SQLite)."""
    from tracker.domain.values import channel_id

    value = channel_id(slug)
    return str(value) if db.startswith("postgresql://") else value.hex


def answers(db: str) -> dict[str, object]:
    """What a store answers, record times aside: the dashboard, overdue, and every history."""
    dashboard = run_cli(["status", "--json"], db=db).json()
    slugs = [row["channel"] for row in dashboard]
    for row in dashboard:
        row.pop("known_on", None)
    histories = {}
    for slug in slugs:
        events = run_cli(["history", slug, "--json"], db=db).json()
        for event in events:
            event.pop("recorded")
            if event["retraction"]:
                event["retraction"].pop("recorded")
        histories[slug] = events
    overdue = run_cli(["overdue", "--json"], db=db).json()
    return {"dashboard": dashboard, "overdue": overdue, "histories": histories}
