"""What the hardening tests share: the real console script, one-line errors, stored versions."""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import shutil
import sqlite3
import subprocess
import sys
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TRACKER = str(
    Path(sys.executable).with_name("tracker")
    if Path(sys.executable).with_name("tracker").exists()
    else shutil.which("tracker") or "tracker"
)
MEETING_TOPIC = "tracker.events:MeetingHeld"
OPENED_TOPIC = "tracker.events:ChannelOpened"
FIRST_DAY = dt.date(2020, 1, 1)


def day(n: int) -> str:
    """The ISO day ``n`` days after 2020-01-01 (the day every test channel is opened)."""
    return (FIRST_DAY + dt.timedelta(days=n)).isoformat()


def tracker_env(db: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    return {**env, "TRACKER_DB": db, "NO_COLOR": "1", "COLUMNS": "200"}


def run_tracker(
    args: Sequence[str], db: str, timeout: float = 120
) -> subprocess.CompletedProcess[str]:
    """Run the installed ``tracker`` console script as a separate process."""
    return subprocess.run(
        [TRACKER, *args],
        env=tracker_env(db),
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )


def start_tracker(args: Sequence[str], db: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [TRACKER, *args],
        env=tracker_env(db),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def opening(slug: str) -> list[str]:
    """The arguments of ``tracker open`` for a test channel, opened on 2020-01-01."""
    title = f"Channel {slug}"
    return ["open", slug, "--title", title, "--party", "US", "--party", "CN", "--on", day(0)]


def open_channel(db: str, slug: str) -> None:
    done = run_tracker(opening(slug), db)
    assert done.returncode == 0, done.stderr


def assert_one_line_error(
    done: subprocess.CompletedProcess[str], code: int, *words: str, hidden: Iterable[str] = ()
) -> str:
    """The command failed with ``code`` and said why in one ``error:`` line on stderr, with no
    traceback; return that line. Each of ``words`` (case-insensitive) must be in it, and none of
    ``hidden`` may appear anywhere in the output."""
    output = done.stdout + done.stderr
    assert "Traceback" not in output, output
    assert done.returncode == code, (done.returncode, output)
    lines = done.stderr.splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: "), lines[0]
    for word in words:
        assert word.lower() in lines[0].lower(), (word, lines[0])
    for secret in hidden:
        assert secret not in output, "a secret was shown"
    return lines[0]


def versions_by_channel(rows: Iterable[tuple[Any, ...]]) -> dict[str, list[int]]:
    found: dict[str, list[int]] = defaultdict(list)
    for originator_id, version, *_ in rows:
        found[str(originator_id).replace("-", "")].append(version)
    return dict(found)


def assert_contiguous(rows: Sequence[tuple[Any, ...]]) -> dict[str, list[int]]:
    """Each channel's stored versions are 1..n: no gap, no duplicate."""
    found = versions_by_channel(rows)
    for channel, versions in found.items():
        assert sorted(versions) == list(range(1, len(versions) + 1)), (channel, sorted(versions))
    return found


def topics(rows: Iterable[tuple[Any, ...]]) -> list[str]:
    return [row[2] for row in rows]


def write_lock_taken(db: str) -> Callable[[], bool]:
    """Whether some other connection holds the store's write lock now (an open write)."""
    if db.startswith("postgresql://"):
        import psycopg

        def postgres_locked() -> bool:
            with psycopg.connect(db, autocommit=True) as conn:
                found = conn.execute(
                    "SELECT count(*) FROM pg_locks l JOIN pg_class c ON c.oid = l.relation "
                    "WHERE c.relname = 'tracker_events' AND l.mode = 'ExclusiveLock' "
                    "AND l.granted AND l.pid <> pg_backend_pid()"
                ).fetchone()
                return bool(found and found[0])

        return postgres_locked

    def sqlite_locked() -> bool:
        with contextlib.closing(sqlite3.connect(db, timeout=0, isolation_level=None)) as conn:
            try:
                conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as e:
                if "locked" in str(e) or "busy" in str(e):
                    return True
                raise
            conn.execute("ROLLBACK")
            return False

    return sqlite_locked
