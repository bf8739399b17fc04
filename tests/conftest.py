"""Shared fixtures: real stores (a SQLite file, a fresh PostgreSQL database) and the real CLI."""

from __future__ import annotations

import os
import socket
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import PG_ADMIN_URL, CliResult, create_database, drop_database, run_cli

# The tracker's "today" is the day where it runs (TZ). The suite runs in UTC whatever the zone
# of the machine, so that the days it expects do not move with it (and the CLI it starts
# inherits the same); the scenarios of other zones set their own and put this one back.
os.environ["TZ"] = "UTC"
time.tzset()


def postgres_reachable() -> bool:
    try:
        with socket.create_connection(("127.0.0.1", 5432), timeout=1):
            return True
    except OSError:
        return False


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    # In CI the PostgreSQL tests are required: they must run, never skip.
    if postgres_reachable():
        return
    if os.environ.get("TRACKER_REQUIRE_POSTGRES") == "1":
        raise pytest.UsageError(
            "PostgreSQL is required (TRACKER_REQUIRE_POSTGRES=1) but nothing answers on "
            "127.0.0.1:5432; start it (.ci/run does) or unset TRACKER_REQUIRE_POSTGRES"
        )
    skip = pytest.mark.skip(reason="PostgreSQL is not running on 127.0.0.1:5432")
    for item in items:
        if "postgres" in item.keywords:
            item.add_marker(skip)


@pytest.fixture
def sqlite_db(tmp_path: Path) -> str:
    """A new SQLite store file."""
    return str(tmp_path / "tracker.db")


@pytest.fixture
def memory_db() -> Iterator[str]:
    """A new store held in this process's memory (the fast tier), dropped afterwards."""
    from tracker.store.memory_store import forget

    name = "test-" + uuid.uuid4().hex[:12]
    try:
        yield f"memory://{name}"
    finally:
        forget(name)


@pytest.fixture
def postgres_db() -> Iterator[str]:
    """A new, empty PostgreSQL database, dropped afterwards."""
    name = "tracker_test_" + uuid.uuid4().hex[:12]
    create_database(name)
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        drop_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest) -> str:
    """Each test using this runs once on a SQLite file and once on PostgreSQL."""
    fixture = "sqlite_db" if request.param == "sqlite" else "postgres_db"
    return str(request.getfixturevalue(fixture))


@pytest.fixture
def tracker(db: str):  # type: ignore[no-untyped-def]
    """Run the real CLI on the test's store: tracker("status", "--json")."""

    def run(*args: str, input: str | None = None) -> CliResult:
        return run_cli(list(args), db=db, input=input)

    return run
