"""Killed mid-write (SIGKILL): the store keeps all of a write or none of it, and still reads.

An import of a large JSON Lines file is killed while it holds the store's write lock, part-way
through its transaction; then it is imported again (recorded exactly once) and a third time
(nothing new). Many ``tracker meet`` processes are killed at random moments; every stored event
must still decode and each channel's versions stay contiguous.
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import re
import select
import signal
import sqlite3
import subprocess
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.hardening.helpers import (
    MEETING_TOPIC,
    TRACKER,
    assert_contiguous,
    day,
    open_channel,
    run_tracker,
    start_tracker,
    topics,
    tracker_env,
    write_lock_taken,
)
from tests.support import stored_rows

CHANNELS = 200
MEETINGS = 100  # per channel: the file holds 200 openings and 20,000 meetings
FILE_EVENTS = CHANNELS * (1 + MEETINGS)
KEEPER = "already-recorded"  # a channel recorded before the import, which must survive it


@pytest.fixture(scope="module")
def large_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSON Lines seed file of 20,200 events across 200 channels, meetings interleaved."""
    path = tmp_path_factory.mktemp("seed") / "large.jsonl"
    with path.open("w", encoding="utf-8") as file:
        for c in range(CHANNELS):
            opening = {"command": "open", "slug": f"bulk-{c:03d}", "title": f"Bulk {c}"}
            opening |= {"parties": ["US", "CN"], "on": day(0)}
            file.write(json.dumps(opening) + "\n")
        for m in range(1, MEETINGS + 1):
            for c in range(CHANNELS):
                meeting = {"command": "meet", "slug": f"bulk-{c:03d}", "on": day(m)}
                file.write(json.dumps(meeting) + "\n")
    return path


@contextlib.contextmanager
def started(args: list[str], db: str) -> Iterator[subprocess.Popen[str]]:
    process = start_tracker(args, db)
    try:
        yield process
    finally:
        if process.poll() is None:
            process.kill()
        process.communicate(timeout=60)


def assert_store_reads(db: str) -> None:
    if not db.startswith("postgresql://"):
        with contextlib.closing(sqlite3.connect(db)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    status = run_tracker(["status", KEEPER, "--json"], db)
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["channel"] == KEEPER


class ImportOnTerminal:
    """``tracker import FILE`` on a pseudo-terminal, so that it draws its progress bar;
    ``percent()`` reads how far it says it is. Its stdout goes to the terminal too, unless
    ``stdout_on_terminal`` is false."""

    def __init__(self, file: Path, db: str, *, stdout_on_terminal: bool = True) -> None:
        env = {**tracker_env(db), "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
        env.pop("NO_COLOR")
        self.controller, terminal = os.openpty()
        try:
            self.process = subprocess.Popen(
                [TRACKER, "import", str(file)],
                stdin=subprocess.DEVNULL,
                stdout=terminal if stdout_on_terminal else subprocess.DEVNULL,
                stderr=terminal,
                env=env,
            )
        finally:
            os.close(terminal)
        self.drawn = ""

    def percent(self, wait: float = 0.05) -> int:
        """The last percentage the progress bar showed (0 before it appears)."""
        readable, _, _ = select.select([self.controller], [], [], wait)
        if readable:
            with contextlib.suppress(OSError):  # EIO once the process has ended
                self.drawn += os.read(self.controller, 65536).decode("utf-8", "replace")
        shown = re.findall(r"(\d+)%", self.drawn[-2000:])
        return int(shown[-1]) if shown else 0

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait(timeout=60)
        os.close(self.controller)


def test_the_import_draws_its_progress_bar_when_only_stderr_is_a_terminal(
    sqlite_db: str, large_file: Path
) -> None:
    importing = ImportOnTerminal(large_file, sqlite_db, stdout_on_terminal=False)
    try:
        shown = 0
        while importing.process.poll() is None:
            shown = max(shown, importing.percent())
        shown = max(shown, importing.percent())
    finally:
        importing.close()
    assert importing.process.returncode == 0
    assert shown > 0, f"no progress was drawn on stderr: {importing.drawn[-300:]!r}"


def stderr_on_terminal(args: list[str], db: str) -> tuple[int, str, str]:
    """(exit code, stdout, what was drawn on stderr) of the tracker, only stderr a terminal."""
    env = {**tracker_env(db), "TERM": "xterm-256color", "COLUMNS": "120", "LINES": "40"}
    env.pop("NO_COLOR")
    # stdout to a file: a pipe left unread while the terminal is read would fill and block.
    with tempfile.TemporaryFile() as stdout:
        controller, terminal = os.openpty()
        try:
            process = subprocess.Popen(
                [TRACKER, *args], stdin=subprocess.DEVNULL, stdout=stdout, stderr=terminal, env=env
            )
        finally:
            os.close(terminal)
        try:
            drawn = _drawn(controller, process)
            process.wait(timeout=120)
        finally:
            os.close(controller)
        stdout.seek(0)
        return process.returncode, stdout.read().decode(), drawn


def _drawn(controller: int, process: subprocess.Popen[bytes]) -> str:
    """Everything written to the terminal until the process ends."""
    drawn = b""
    while True:
        readable, _, _ = select.select([controller], [], [], 0.1)
        if readable:
            try:
                chunk = os.read(controller, 65536)
            except OSError:  # EIO: the process has ended and closed the terminal
                break
            if not chunk:
                break
            drawn += chunk
        elif process.poll() is not None:
            break
    return drawn.decode("utf-8", "replace")


def test_the_first_dashboard_after_a_large_import_shows_it_taking_the_events_in(
    sqlite_db: str, large_file: Path
) -> None:
    assert run_tracker(["import", str(large_file)], sqlite_db).returncode == 0

    code, out, drawn = stderr_on_terminal(["status", "--json"], sqlite_db)
    assert code == 0, drawn
    assert len(json.loads(out)) == CHANNELS
    assert "bringing the dashboard up to date" in drawn

    # Once up to date there is nothing to take in, and nothing is drawn.
    code, out, drawn = stderr_on_terminal(["status", "--json"], sqlite_db)
    assert code == 0, drawn
    assert len(json.loads(out)) == CHANNELS
    assert "bringing the dashboard" not in drawn


@pytest.mark.slow
def test_an_import_killed_part_way_leaves_all_or_none_and_importing_again_records_it_once(
    db: str, large_file: Path
) -> None:
    open_channel(db, KEEPER)
    before = len(stored_rows(db))
    locked = write_lock_taken(db)
    # Batches of 5,000 events are written as the import goes: past 30% some are in the
    # transaction, which is still open.
    kill_at = random.randint(30, 75)

    importing = ImportOnTerminal(large_file, db)
    try:
        while importing.percent() < kill_at:
            assert importing.process.poll() is None, (kill_at, importing.drawn[-300:])
        assert importing.process.poll() is None, f"the import ended before {kill_at}%"
        assert locked(), f"at {kill_at}% the import does not hold the write lock"
        importing.process.send_signal(signal.SIGKILL)
        assert importing.process.wait(timeout=60) == -signal.SIGKILL
    finally:
        importing.close()

    killed = len(stored_rows(db)) - before
    assert killed in (0, FILE_EVENTS), f"killed at {kill_at}%, {killed} events were kept"
    assert_store_reads(db)

    again = run_tracker(["import", str(large_file)], db, timeout=900)
    assert again.returncode == 0, again.stderr
    rows = stored_rows(db)
    assert len(rows) == before + FILE_EVENTS
    assert f"{FILE_EVENTS - killed} events recorded" in again.stdout, again.stdout
    assert topics(rows).count(MEETING_TOPIC) == CHANNELS * MEETINGS
    assert len(assert_contiguous(rows)) == CHANNELS + 1

    third = run_tracker(["import", str(large_file)], db, timeout=900)
    assert third.returncode == 0, third.stderr
    assert " 0 events recorded" in third.stdout, third.stdout
    assert stored_rows(db) == rows
    assert_store_reads(db)


@pytest.mark.slow
def test_meet_processes_killed_at_random_moments_leave_no_half_written_event(db: str) -> None:
    seed = random.randrange(2**32)
    chance = random.Random(seed)
    slug = "interrupted"
    open_channel(db, slug)
    # How long one meeting takes to record here, so that kills land before, during and after.
    started_at = time.monotonic()
    first = run_tracker(["meet", slug, "--on", day(1)], db)
    assert first.returncode == 0, first.stderr
    duration = time.monotonic() - started_at

    finished = {day(1)}
    for n in range(2, 32):
        with started(["meet", slug, "--on", day(n)], db) as meeting:
            try:
                meeting.wait(timeout=chance.uniform(0.4, 1.1) * duration)
            except subprocess.TimeoutExpired:
                meeting.send_signal(signal.SIGKILL)
            code = meeting.wait(timeout=60)
            assert code in (0, -signal.SIGKILL), (seed, code, meeting.communicate())
            if code == 0:
                finished.add(day(n))

    rows = stored_rows(db)
    assert_contiguous(rows)
    if not db.startswith("postgresql://"):
        with contextlib.closing(sqlite3.connect(db)) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",), seed
    history = run_tracker(["history", slug, "--json"], db)
    assert history.returncode == 0, (seed, history.stderr)
    events = json.loads(history.stdout)
    assert [e["seq"] for e in events] == list(range(1, len(rows) + 1)), seed
    assert all(e["kind"] == "meeting" for e in events[1:]), seed
    held = {e["occurred"] for e in events[1:]}
    assert finished <= held, seed  # a meeting reported as recorded is stored
    assert len(held) == len(events) - 1, seed  # and none is stored twice
    # The store takes new writes afterwards: no lock or half transaction was left behind.
    last = run_tracker(["meet", slug, "--on", day(40)], db)
    assert last.returncode == 0, (seed, last.stderr)
    status = run_tracker(["status", slug, "--json"], db)
    assert status.returncode == 0, status.stderr
    assert json.loads(status.stdout)["meetings_held"] == len(events)
