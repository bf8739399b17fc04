"""A store held by someone else, or lost, fails the command soon, saying "busy" or "unreachable".

The documentation promises exit 3 with "the store … is busy" when other writers or a lock hold
the store too long, and "unreachable" when the server cannot be reached or the connection is
lost. The library retried every failed statement ten times, each insert waiting up to 10 s for
the table's lock (about 100 s for a blocked write), and retried a lost connection too (about
20 s, and an insert may have been committed before its connection was lost); the tracker's own
write lock waited 30 s. Now a command waits for others within one budget of a few seconds
(tracker/store/waiting.py), and a lost connection fails at once.

Each command runs as a real process, guarded by a generous timeout that the old waits exceed;
no test asserts a tight wall-clock limit (speed targets live in the benchmarks).
"""

from __future__ import annotations

import contextlib
import fcntl
import socket
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import psycopg
import pytest

from tests.hardening.helpers import TRACKER, assert_one_line_error, tracker_env
from tests.hostile.proxy import Proxy
from tests.support import fingerprint, run_cli
from tracker.domain.values import channel_id

HANG_GUARD = 45  # seconds; the old waits (100 s for a lock, 20 s or more when lost) exceed it
SEED = Path(__file__).parents[2] / "seeds" / "us-china-2023.toml"
PARTIES = ("--party", "US", "--party", "CN")

COMMANDS = {
    "meet": ["meet", "w-a", "--on", "2021-03-03"],
    "suspend two channels": ["suspend", "w-a", "w-b", "--on", "2021-04-04"],
    "retract": ["retract", "w-a", "2", "--reason", "a mistake"],
    "import": ["import", str(SEED)],
    "status": ["status"],
    "history": ["history", "w-a"],
}
WRITES = ("meet", "suspend two channels", "retract", "import")


def seed(db: str) -> None:
    for args in (
        ["open", "w-a", "--title", "A", *PARTIES, "--on", "2020"],
        ["open", "w-b", "--title", "B", *PARTIES, "--on", "2020"],
        ["meet", "w-a", "--on", "2021-01-01"],
        ["status"],  # the read model's tables exist and are up to date
    ):
        result = run_cli(args, db=db)
        assert result.exit_code == 0, result.output


def tracker(args: list[str], db: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [TRACKER, *args],
        env=tracker_env(db),
        capture_output=True,
        text=True,
        timeout=HANG_GUARD,
        check=False,
    )


def start(args: list[str], db: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [TRACKER, *args],
        env=tracker_env(db),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> subprocess.CompletedProcess[str]:
    try:
        out, err = process.communicate(timeout=HANG_GUARD)
    except subprocess.TimeoutExpired:
        process.kill()
        process.communicate()
        raise
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def assert_fails(done: subprocess.CompletedProcess[str], word: str) -> None:
    """Exit 3, one ``error:`` line saying ``word``, no traceback."""
    assert_one_line_error(done, 3, word)


@contextlib.contextmanager
def table_locked(db: str, mode: str) -> Iterator[None]:
    """Another session holds ``LOCK TABLE tracker_events IN <mode> MODE`` until the block ends."""
    with psycopg.connect(db) as holder:
        holder.execute(f"LOCK TABLE tracker_events IN {mode} MODE")
        try:
            yield
        finally:
            holder.rollback()


def advisory_key(slug: str) -> int:
    """The key of a channel's write lock (tracker/store/locks.py)."""
    return int.from_bytes(channel_id(slug).bytes[:8], "big", signed=True)


@contextlib.contextmanager
def channel_locked(db: str, slug: str) -> Iterator[None]:
    """Another session holds the channel's write lock (a writer that takes its time)."""
    with psycopg.connect(db, autocommit=True) as holder:
        holder.execute("SELECT pg_advisory_lock(%s)", (advisory_key(slug),))
        try:
            yield
        finally:
            holder.execute("SELECT pg_advisory_unlock_all()")


def wait_until(condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        assert time.monotonic() < deadline, f"waited in vain for {what}"
        time.sleep(0.05)


def someone_waits_for_a_lock(db: str) -> bool:
    with psycopg.connect(db, autocommit=True) as conn:
        found = conn.execute(
            "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid "
            "WHERE NOT l.granted AND a.datname = current_database()"
        ).fetchone()
    return bool(found and found[0])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


# --- PostgreSQL: busy -------------------------------------------------------------------------


@pytest.mark.postgres
# Each case waits the whole budget: one writer and one reader here; retract writes as meet
# does, and an import's wait for the table is the case below.
@pytest.mark.parametrize("command", ["meet", "status"])
def test_a_command_blocked_by_an_access_exclusive_lock_on_the_events_table_fails_as_busy(
    command: str, postgres_db: str
) -> None:
    seed(postgres_db)
    before = fingerprint(postgres_db)
    with table_locked(postgres_db, "ACCESS EXCLUSIVE"):
        done = tracker(COMMANDS[command], postgres_db)
    assert_fails(done, "busy")
    assert fingerprint(postgres_db) == before


@pytest.mark.postgres
@pytest.mark.parametrize("command", ["import"])  # meet waits for the table as above
def test_a_write_blocked_by_another_writer_holding_the_events_table_fails_as_busy(
    command: str, postgres_db: str
) -> None:
    """EXCLUSIVE is what an import holds for its whole transaction (and every insert, briefly)."""
    seed(postgres_db)
    before = fingerprint(postgres_db)
    with table_locked(postgres_db, "EXCLUSIVE"):
        done = tracker(COMMANDS[command], postgres_db)
    assert_fails(done, "busy")
    assert fingerprint(postgres_db) == before


@pytest.mark.postgres
@pytest.mark.parametrize("command", ["suspend two channels"])  # a lock of two, one held
def test_a_write_waiting_for_the_channels_write_lock_fails_as_busy_and_works_once_it_is_free(
    command: str, postgres_db: str
) -> None:
    seed(postgres_db)
    before = fingerprint(postgres_db)
    with channel_locked(postgres_db, "w-a"):
        done = tracker(COMMANDS[command], postgres_db)
    assert_fails(done, "busy")
    assert fingerprint(postgres_db) == before
    again = tracker(COMMANDS[command], postgres_db)
    assert again.returncode == 0, again.stderr


@pytest.mark.postgres
def test_a_write_that_gets_the_channels_lock_late_and_then_waits_for_the_table_fails_as_busy(
    postgres_db: str,
) -> None:
    """Two waits, one after the other: they share the command's budget."""
    seed(postgres_db)
    before = fingerprint(postgres_db)
    with table_locked(postgres_db, "EXCLUSIVE"):
        with channel_locked(postgres_db, "w-a"):
            running = start(COMMANDS["meet"], postgres_db)
            wait_until(lambda: someone_waits_for_a_lock(postgres_db), "the tracker to wait")
            time.sleep(2)
        done = finish(running)
    assert_fails(done, "busy")
    assert fingerprint(postgres_db) == before


# --- PostgreSQL: unreachable --------------------------------------------------------------------

HOLDERS = {
    "waiting for the channel's write lock": lambda db: channel_locked(db, "w-a"),
    "waiting for the events table": lambda db: table_locked(db, "ACCESS EXCLUSIVE"),
}


@pytest.mark.postgres
@pytest.mark.parametrize("holder", list(HOLDERS))
def test_a_write_whose_connection_is_cut_fails_as_unreachable(
    holder: str, postgres_db: str
) -> None:
    seed(postgres_db)
    before = fingerprint(postgres_db)
    dbname = postgres_db.rsplit("/", 1)[1]
    with Proxy() as proxy, HOLDERS[holder](postgres_db):
        running = start(COMMANDS["meet"], proxy.url(dbname))
        try:
            wait_until(lambda: someone_waits_for_a_lock(postgres_db), "the tracker to wait")
            proxy.cut()
        finally:
            done = finish(running)
    assert_fails(done, "unreachable")
    assert fingerprint(postgres_db) == before


@pytest.mark.postgres
@pytest.mark.parametrize("holder", list(HOLDERS))
def test_a_write_whose_session_the_server_ends_fails_as_unreachable(
    holder: str, postgres_db: str
) -> None:
    """An administrator ends the tracker's session (pg_terminate_backend) while it waits."""
    seed(postgres_db)
    before = fingerprint(postgres_db)
    with HOLDERS[holder](postgres_db):
        running = start(COMMANDS["meet"], postgres_db)
        try:
            wait_until(lambda: someone_waits_for_a_lock(postgres_db), "the tracker to wait")
            with psycopg.connect(postgres_db, autocommit=True) as admin:
                admin.execute(  # the tracker's session that waits
                    "SELECT pg_terminate_backend(l.pid) FROM pg_locks l "
                    "JOIN pg_stat_activity a ON a.pid = l.pid "
                    "WHERE NOT l.granted AND a.datname = current_database()"
                )
        finally:
            done = finish(running)
    assert_fails(done, "unreachable")
    assert fingerprint(postgres_db) == before


@pytest.mark.parametrize("command", ["status", "meet", "import"])
def test_a_server_nobody_listens_on_is_unreachable(command: str) -> None:
    done = tracker(COMMANDS[command], f"postgresql://postgres@127.0.0.1:{free_port()}/test")
    assert_fails(done, "unreachable")


@pytest.mark.parametrize("command", ["status", "meet"])
def test_a_server_that_accepts_and_never_answers_is_unreachable(command: str) -> None:
    with Proxy(answer=False) as proxy:
        done = tracker(COMMANDS[command], proxy.url("test"))
    assert_fails(done, "unreachable")


# --- SQLite: the same budget ----------------------------------------------------------------------


@contextlib.contextmanager
def file_locked(path: str) -> Iterator[None]:
    """Another tracker holds the store's write lock (an flock on the file)."""
    with open(path, "rb") as file:
        fcntl.flock(file.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(file.fileno(), fcntl.LOCK_UN)


@contextlib.contextmanager
def sqlite_write_locked(path: str) -> Iterator[None]:
    """Another connection holds SQLite's own write lock (as an import does)."""
    with contextlib.closing(sqlite3.connect(path, isolation_level=None)) as holder:
        holder.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            holder.execute("ROLLBACK")


@pytest.mark.parametrize("command", ["suspend two channels"])
def test_a_sqlite_write_waiting_for_another_writer_fails_as_busy(
    command: str, sqlite_db: str
) -> None:
    seed(sqlite_db)
    before = fingerprint(sqlite_db)
    with file_locked(sqlite_db):
        done = tracker(COMMANDS[command], sqlite_db)
    assert_fails(done, "busy")
    assert fingerprint(sqlite_db) == before


@pytest.mark.parametrize("command", ["meet", "import"])
def test_a_sqlite_write_blocked_by_an_open_write_transaction_fails_as_busy(
    command: str, sqlite_db: str
) -> None:
    seed(sqlite_db)
    before = fingerprint(sqlite_db)
    with sqlite_write_locked(sqlite_db):
        done = tracker(COMMANDS[command], sqlite_db)
    assert_fails(done, "busy")
    assert fingerprint(sqlite_db) == before
