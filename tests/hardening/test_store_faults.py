"""A store that fails: one ``error:`` line on stderr, exit 3, no traceback, no damage.

PostgreSQL faults use a throwaway cluster of the test's own (never the shared server on 5432):
stopped, then started again; a wrong password (its pg_hba.conf asks for scram-sha-256 on TCP).
SQLite faults: a read-only file, a file locked by another writer past the lock timeout, a
truncated file and a file that is not a database. The password never appears in any output.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import pwd
import re
import shutil
import socket
import sqlite3
import subprocess
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hardening.helpers import (
    assert_one_line_error,
    day,
    run_tracker,
    start_tracker,
    write_lock_taken,
)
from tests.support import PG_ADMIN_URL, fingerprint, stored_rows

PG_BIN = Path("/usr/lib/postgresql/15/bin")
PASSWORD = "Walrus-Lantern-7731-Quokka"  # distinctive, so it can be searched for in output
WRONG_PASSWORD = "Otter-Teapot-4417-Marmot"
SLUG = "faulty-channel"
MEETINGS = 40


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def seed_store(db: str, folder: Path) -> None:
    """Record one channel and MEETINGS meetings in the store, in one import."""
    seed = folder / f"seed-{uuid.uuid4().hex[:8]}.jsonl"
    entries = [{"command": "open", "slug": SLUG, "title": "Faulty", "parties": ["US", "CN"]}]
    entries[0]["on"] = day(0)
    entries += [{"command": "meet", "slug": SLUG, "on": day(n)} for n in range(1, MEETINGS + 1)]
    seed.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    done = run_tracker(["import", str(seed)], db)
    assert done.returncode == 0, done.stderr
    assert len(stored_rows(db)) == MEETINGS + 1


def assert_reads(db: str, meetings: int = MEETINGS) -> None:
    status = run_tracker(["status", SLUG, "--json"], db)
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["meetings_held"] == meetings


# --- a throwaway PostgreSQL cluster -----------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


class Cluster:
    """A PostgreSQL cluster in a temporary folder, run by the postgres user when we are root."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.data = folder / "data"
        self.port = free_port()

    def run(self, *args: str) -> subprocess.CompletedProcess[str]:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        return subprocess.run(
            [*prefix, *args], capture_output=True, text=True, timeout=120, check=False
        )

    def init(self) -> None:
        done = self.run(
            str(PG_BIN / "initdb"),
            "-D",
            str(self.data),
            "-U",
            "postgres",
            "--auth-local=trust",
            "--auth-host=scram-sha-256",
        )
        assert done.returncode == 0, done.stderr

    def start(self) -> None:
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        log = str(self.folder / "server.log")
        done = self.run(
            str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-l", log, "-o", options, "-w", "start"
        )
        assert done.returncode == 0, done.stdout + done.stderr

    def stop(self, mode: str = "fast") -> None:
        done = self.run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")
        assert done.returncode == 0, done.stdout + done.stderr

    def running(self) -> bool:
        return self.run(str(PG_BIN / "pg_ctl"), "-D", str(self.data), "status").returncode == 0

    def admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(
            host=str(self.folder), port=self.port, user="postgres", dbname="postgres"
        ) as conn:
            conn.autocommit = True
            conn.execute(statement)

    def url(self, password: str = PASSWORD) -> str:
        return f"postgresql://analyst:{password}@127.0.0.1:{self.port}/dialogue"


def can_run_a_cluster() -> bool:
    if not (PG_BIN / "initdb").exists() or not (PG_BIN / "pg_ctl").exists():
        return False
    if os.geteuid() != 0:
        return True
    try:
        pwd.getpwnam("postgres")
    except KeyError:
        return False
    return shutil.which("runuser") is not None


@pytest.fixture(scope="module")
def cluster() -> Iterator[Cluster]:
    """A running cluster with a role ``analyst`` (password PASSWORD) owning ``dialogue``."""
    if not can_run_a_cluster():
        pytest.skip(f"no PostgreSQL binaries in {PG_BIN} (or no postgres user to run them)")
    folder = Path(tempfile.mkdtemp(prefix="tracker-cluster-"))
    if os.geteuid() == 0:
        owner = pwd.getpwnam("postgres")
        os.chown(folder, owner.pw_uid, owner.pw_gid)
    found = Cluster(folder)
    try:
        found.init()
        found.start()
        found.admin(f"CREATE ROLE analyst LOGIN PASSWORD '{PASSWORD}'")
        found.admin("CREATE DATABASE dialogue OWNER analyst")
        yield found
    finally:
        with contextlib.suppress(Exception):
            if found.running():
                found.stop("immediate")
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def running(cluster: Cluster) -> Cluster:
    """The cluster, started again if an earlier test left it stopped."""
    if not cluster.running():
        cluster.start()
    return cluster


def test_a_stopped_postgresql_server_gives_exit_3_in_one_line_and_keeps_the_data_stored(
    running: Cluster, tmp_path: Path
) -> None:
    db = running.url()
    seed_store(db, tmp_path)
    recorded = run_tracker(["meet", SLUG, "--on", day(MEETINGS + 1)], db)
    assert recorded.returncode == 0, recorded.stderr
    assert PASSWORD not in recorded.stdout + recorded.stderr
    before = fingerprint(db)

    running.stop()
    try:
        for args in (
            ["status"],
            ["status", SLUG],
            ["history", SLUG],
            ["meet", SLUG, "--on", day(MEETINGS + 2)],
        ):
            done = run_tracker(args, db)
            line = assert_one_line_error(done, 3, hidden=[PASSWORD])
            assert f"analyst@127.0.0.1:{running.port}/dialogue" in line, line
    finally:
        running.start()

    assert fingerprint(db) == before
    assert_reads(db, MEETINGS + 1)
    again = run_tracker(["meet", SLUG, "--on", day(MEETINGS + 2)], db)
    assert again.returncode == 0, again.stderr


@pytest.mark.slow
def test_a_postgresql_server_stopped_during_an_import_gives_exit_3_and_keeps_none_of_it(
    running: Cluster, tmp_path: Path
) -> None:
    db = running.url()
    seed = tmp_path / "large.jsonl"
    with seed.open("w", encoding="utf-8") as file:
        for c in range(100):
            opening = {"command": "open", "slug": f"bulk-{c:03d}", "title": f"Bulk {c}"}
            file.write(json.dumps({**opening, "parties": ["US", "CN"], "on": day(0)}) + "\n")
        for m in range(1, 401):  # long enough to still be running when the server stops
            for c in range(100):
                file.write(json.dumps({"command": "meet", "slug": f"bulk-{c:03d}", "on": day(m)}))
                file.write("\n")
    run_tracker(["status"], db)  # the tables exist before the import starts
    before = fingerprint(db)

    importing = start_tracker(["import", str(seed)], db)
    locked = write_lock_taken(db)
    try:
        while not locked():  # until the import holds the write lock: its transaction is open
            assert importing.poll() is None, importing.communicate()
            time.sleep(0.05)
        running.stop()  # at once: a faster import could otherwise finish first
        out, err = importing.communicate(timeout=120)
    finally:
        if importing.poll() is None:
            importing.kill()
            importing.communicate()
        if not running.running():
            running.start()

    done = subprocess.CompletedProcess(importing.args, importing.returncode, out, err)
    assert_one_line_error(done, 3, hidden=[PASSWORD])
    assert fingerprint(db) == before


def test_a_wrong_password_gives_exit_3_in_one_line_that_shows_neither_password(
    running: Cluster,
) -> None:
    before = fingerprint(running.url())
    wrong = running.url(WRONG_PASSWORD)
    for args in (["status"], ["meet", SLUG, "--on", day(90)], ["history", SLUG]):
        done = run_tracker(args, wrong)
        assert_one_line_error(done, 3, "password", hidden=[PASSWORD, WRONG_PASSWORD])
    assert fingerprint(running.url()) == before


@pytest.mark.postgres
def test_an_unknown_database_gives_exit_3_in_one_line_and_is_not_created() -> None:
    name = "tracker_missing_" + uuid.uuid4().hex[:12]
    server = PG_ADMIN_URL.rsplit("/", 1)[0].replace("postgres@", f"postgres:{PASSWORD}@", 1)
    for args in (["status"], ["meet", SLUG, "--on", day(1)]):
        done = run_tracker(args, f"{server}/{name}")
        assert_one_line_error(done, 3, name, "does not exist", hidden=[PASSWORD])

    import psycopg

    with psycopg.connect(PG_ADMIN_URL) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    assert found is None


# --- SQLite files ---------------------------------------------------------------------------


@pytest.fixture
def short_dir() -> Iterator[Path]:
    """A folder with a short path, so that error lines show the whole file name."""
    folder = Path(tempfile.mkdtemp(prefix="trk-"))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Path:
    """A SQLite store holding one channel and its meetings, its write-ahead log checkpointed."""
    path = tmp_path / "tracker.db"
    seed_store(str(path), tmp_path)
    with contextlib.closing(sqlite3.connect(path)) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return path


def test_a_read_only_sqlite_file_refuses_recording_with_exit_3_and_still_reads(
    sqlite_store: Path,
) -> None:
    db = str(sqlite_store)
    before, digest = fingerprint(db), file_digest(sqlite_store)
    sqlite_store.chmod(0o444)
    try:
        done = run_tracker(["meet", SLUG, "--on", day(MEETINGS + 1)], db)
        assert_one_line_error(done, 3, "read-only")
        assert_reads(db)
        for args in (["status"], ["history", SLUG], ["overdue"]):
            read = run_tracker(args, db)
            assert read.returncode == 0, (args, read.stderr)
            assert "Traceback" not in read.stderr
        assert file_digest(sqlite_store) == digest
    finally:
        sqlite_store.chmod(0o644)
    assert fingerprint(db) == before


@contextlib.contextmanager
def write_lock_held(path: Path) -> Iterator[None]:
    """Another writer: a connection holding the file's write lock (BEGIN IMMEDIATE)."""
    conn = sqlite3.connect(path, isolation_level=None)
    try:
        conn.execute("BEGIN IMMEDIATE")
        yield
        conn.execute("ROLLBACK")
    finally:
        conn.close()


@pytest.mark.slow
def test_a_sqlite_file_locked_by_another_writer_past_the_timeout_gives_exit_3_and_no_write(
    sqlite_store: Path,
) -> None:
    db = str(sqlite_store)
    before = fingerprint(db)

    with write_lock_held(sqlite_store):
        done = run_tracker(["meet", SLUG, "--on", day(MEETINGS + 1)], db)
        line = assert_one_line_error(done, 3)
        assert re.search(r"locked|busy", line), line
        assert_reads(db)  # one channel is read from its events, without the lock

    assert fingerprint(db) == before
    after = run_tracker(["meet", SLUG, "--on", day(MEETINGS + 1)], db)
    assert after.returncode == 0, after.stderr
    assert len(stored_rows(db)) == MEETINGS + 2


@pytest.mark.slow
def test_the_dashboard_still_reads_while_another_writer_holds_the_sqlite_lock(
    sqlite_store: Path,
) -> None:
    db = str(sqlite_store)
    run_tracker(["status"], db)  # the read model is up to date before the lock is taken
    with write_lock_held(sqlite_store):
        done = run_tracker(["status", "--json"], db)
    assert done.returncode == 0, done.stderr
    assert [c["channel"] for c in json.loads(done.stdout)] == [SLUG]


def test_a_truncated_sqlite_file_gives_exit_3_and_the_original_still_reads(
    sqlite_store: Path, short_dir: Path
) -> None:
    db = str(sqlite_store)
    before = fingerprint(db)
    truncated = short_dir / "truncated.db"
    shutil.copyfile(sqlite_store, truncated)
    size = truncated.stat().st_size
    assert size >= 4 * 4096, "the store should span several pages"
    with truncated.open("r+b") as file:
        file.truncate(size // 2)

    for args in (
        ["status"],
        ["status", SLUG],
        ["history", SLUG],
        ["meet", SLUG, "--on", day(MEETINGS + 1)],
    ):
        done = run_tracker(args, str(truncated))
        assert_one_line_error(done, 3, str(truncated))

    assert fingerprint(db) == before
    assert_reads(db)


def test_a_file_that_is_not_a_database_gives_exit_3_and_is_left_as_it_was(
    sqlite_store: Path, short_dir: Path
) -> None:
    noise = short_dir / "noise.db"
    noise.write_bytes(os.urandom(64 * 1024))
    digest = file_digest(noise)

    for args in (["status"], ["status", SLUG], ["meet", SLUG, "--on", day(1)]):
        done = run_tracker(args, str(noise))
        assert_one_line_error(done, 3, str(noise))

    assert file_digest(noise) == digest
    assert not Path(f"{noise}-wal").exists()
    assert_reads(str(sqlite_store))
