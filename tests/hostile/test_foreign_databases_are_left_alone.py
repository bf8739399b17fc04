"""A database of another program is never taken over, whatever the command.

A hostile review found that ``TRACKER_DB=other.db tracker status`` added the tracker's tables to
another program's SQLite file (and switched it to write-ahead logging), emptied its table that
happened to be named ``rm_channels``, and did the same on PostgreSQL; a refused run still
created ``tracker_ledger``. Now such a database is "not a tracker store" (exit 3), and stays
byte for byte as it was; a PostgreSQL database keeps every table and row it had.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.cli.terminal import PROJECT
from tests.support import run_cli

SEEDS = PROJECT / "seeds" / "us-china-2023.toml"
OPENING = ["--title", "Talks", "--party", "US", "--party", "CN", "--on", "2020-01-01"]
COMMANDS = {
    "status": ["status"],
    "status of a channel": ["status", "us-cn-talks"],
    "channels": ["channels"],
    "export": ["export", "--format", "seed"],
    "search": ["search", "talks"],
    "open": ["open", "us-cn-talks", *OPENING],
    "import": ["import", str(SEEDS)],
    "import --dry-run": ["import", "--dry-run", str(SEEDS)],
    "verify": ["verify"],
    "rebuild": ["rebuild"],
}


def _table_named_as_the_trackers(connection: sqlite3.Connection) -> None:
    connection.execute("CREATE TABLE rm_channels (note TEXT)")
    connection.execute("INSERT INTO rm_channels VALUES ('kept by another program')")


def _tables_of_its_own(connection: sqlite3.Connection) -> None:
    connection.execute("CREATE TABLE invoices (number INTEGER, amount REAL)")
    connection.execute("INSERT INTO invoices VALUES (1, 9.5)")


def _events_of_another_application(connection: sqlite3.Connection) -> None:
    # The eventsourcing library names its SQLite table stored_events in every application.
    connection.execute(
        "CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER, "
        "topic TEXT, state BLOB)"
    )
    connection.execute(
        "INSERT INTO stored_events VALUES ('a1', 1, 'shop.orders:OrderPlaced', x'7b7d')"
    )


def _in_write_ahead_logging(connection: sqlite3.Connection) -> None:
    connection.execute("PRAGMA journal_mode = WAL")
    _tables_of_its_own(connection)


def _a_table_sqlite_might_have_named(connection: sqlite3.Connection) -> None:
    # LIKE 'sqlite_%' matches it (_ is any character): it is no table of SQLite's own.
    connection.execute("CREATE TABLE sqlitedata (x TEXT)")
    connection.execute("INSERT INTO sqlitedata VALUES ('kept')")


def _empty_events_beside_a_read_model_table(connection: sqlite3.Connection) -> None:
    connection.execute(
        "CREATE TABLE stored_events (originator_id TEXT, originator_version INTEGER, "
        "topic TEXT, state BLOB, PRIMARY KEY (originator_id, originator_version))"
    )
    _table_named_as_the_trackers(connection)


def _a_meta_table_of_its_own(connection: sqlite3.Connection) -> None:
    connection.execute("CREATE TABLE tracker_meta (k TEXT, v TEXT)")
    connection.execute("INSERT INTO tracker_meta VALUES ('owner', 'another program')")


def _the_trackers_tables_and_one_more(connection: sqlite3.Connection) -> None:
    connection.execute("CREATE TABLE tracker_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    _tables_of_its_own(connection)


FOREIGN: dict[str, Callable[[sqlite3.Connection], None]] = {
    "a table SQLite might have named": _a_table_sqlite_might_have_named,
    "an empty events table beside a read model table": _empty_events_beside_a_read_model_table,
    "a meta table of its own": _a_meta_table_of_its_own,
    "the tracker's meta table and one more": _the_trackers_tables_and_one_more,
    "a table named as the tracker's": _table_named_as_the_trackers,
    "tables of its own": _tables_of_its_own,
    "events of another application": _events_of_another_application,
    "tables of its own, in WAL mode": _in_write_ahead_logging,
}


def _files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


@pytest.mark.parametrize("make", FOREIGN.values(), ids=FOREIGN.keys())
@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
def test_a_sqlite_file_of_another_program_is_refused_and_left_as_it_was(
    tmp_path: Path, make: Callable[[sqlite3.Connection], None], args: list[str]
) -> None:
    folder = tmp_path / "theirs"
    folder.mkdir()
    db = folder / "app.db"
    connection = sqlite3.connect(db)
    make(connection)
    connection.commit()
    connection.close()
    before = _files(folder)

    result = run_cli(args, db=str(db))

    assert result.exit_code == 3, result.output + result.stderr
    assert result.stderr.startswith("error: "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert "another program" in result.stderr, result.stderr
    assert str(db) in result.stderr
    assert _files(folder) == before  # not a byte changed, no sidecar left


def test_a_store_of_the_first_format_is_still_the_trackers(tmp_path: Path) -> None:
    """Its only table is the library's events table, holding the tracker's events."""
    fixture = PROJECT / "tests" / "fixtures" / "store-v1.db"
    db = tmp_path / "v1.db"
    db.write_bytes(fixture.read_bytes())
    result = run_cli(["status", "us-cn-commercial-wg"], db=str(db))
    assert result.exit_code == 0, result.stderr


def test_an_empty_sqlite_database_becomes_a_store(tmp_path: Path) -> None:
    db = tmp_path / "empty.db"
    sqlite3.connect(db).execute("VACUUM").connection.close()  # a database with no table
    opened = run_cli(["open", "us-cn-talks", *OPENING], db=str(db))
    assert opened.exit_code == 0, opened.stderr


def _postgres_tables(url: str) -> dict[str, list[tuple[object, ...]]]:
    import psycopg

    with psycopg.connect(url) as connection:
        names = [
            name
            for (name,) in connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "ORDER BY tablename"
            )
        ]
        return {
            name: connection.execute(f'SELECT * FROM "{name}" ORDER BY 1').fetchall()
            for name in names
        }


@pytest.mark.postgres
@pytest.mark.parametrize("table", ["rm_channels", "rm_plans", "tracker_ledger"])
@pytest.mark.parametrize(
    "args", [COMMANDS["status"], COMMANDS["open"], COMMANDS["import"]], ids=str
)
def test_a_postgresql_database_with_a_table_named_as_the_trackers_is_refused_and_left_alone(
    postgres_db: str, table: str, args: list[str]
) -> None:
    import psycopg

    with psycopg.connect(postgres_db) as connection:
        connection.execute(f"CREATE TABLE {table} (note TEXT)")
        connection.execute(f"INSERT INTO {table} VALUES ('kept by another program')")
        connection.execute("CREATE TABLE invoices (number INTEGER)")
    before = _postgres_tables(postgres_db)

    result = run_cli(args, db=postgres_db)

    assert result.exit_code == 3, result.output + result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert f"that the tracker did not make ({table})" in result.stderr, result.stderr
    assert _postgres_tables(postgres_db) == before


@pytest.mark.postgres
@pytest.mark.parametrize("command", [["status"], ["rebuild"], ["open", "us-cn-talks", *OPENING]])
def test_a_schema_ahead_of_the_trackers_on_the_search_path_is_refused_and_left_alone(
    postgres_db: str, command: list[str]
) -> None:
    """Another program's rm_channels in a schema searched first: the tracker's unqualified
    statements would drop and replace it."""
    import psycopg

    opened = run_cli(["open", "us-cn-mmca", *OPENING], db=postgres_db)
    assert opened.exit_code == 0, opened.stderr
    database = postgres_db.rsplit("/", 1)[1]
    with psycopg.connect(postgres_db, autocommit=True) as connection:
        connection.execute("CREATE SCHEMA other")
        connection.execute("CREATE TABLE other.rm_channels (note TEXT)")
        connection.execute("INSERT INTO other.rm_channels VALUES ('kept by another program')")
        connection.execute(f"ALTER DATABASE {database} SET search_path = other, public")
    result = run_cli(command, db=postgres_db)
    assert result.exit_code == 3, result.output + result.stderr
    assert "in more than one schema" in result.stderr
    with psycopg.connect(postgres_db) as connection:
        kept = connection.execute("SELECT note FROM other.rm_channels").fetchall()
    assert kept == [("kept by another program",)]


@pytest.mark.postgres
def test_a_shared_postgresql_database_with_other_programs_tables_is_used(
    postgres_db: str,
) -> None:
    """Tables of other programs, under names of their own, are no reason to refuse."""
    import psycopg

    with psycopg.connect(postgres_db) as connection:
        connection.execute("CREATE TABLE invoices (number INTEGER)")
        connection.execute("INSERT INTO invoices VALUES (7)")
    opened = run_cli(["open", "us-cn-talks", *OPENING], db=postgres_db)
    assert opened.exit_code == 0, opened.stderr
    assert _postgres_tables(postgres_db)["invoices"] == [(7,)]
