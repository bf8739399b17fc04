"""tracker watch prints each event as it lands, until interrupted.

The watcher is the real console script in its own process; the events are recorded by other
processes, as colleagues sharing one store would.
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.support import run_cli

TRACKER = str(Path(sys.executable).with_name("tracker"))


def start_watch(db: str, *args: str) -> subprocess.Popen[str]:
    env = dict(os.environ, TRACKER_DB=db, NO_COLOR="1")
    return subprocess.Popen(
        [TRACKER, "watch", *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def record(db: str, *args: str) -> None:
    result = subprocess.run([TRACKER, *args], env=dict(os.environ, TRACKER_DB=db), check=False)
    assert result.returncode == 0


@pytest.fixture
def opened(db: str) -> str:
    args = ["open", "us-cn-ai-talks", "--title", "AI talks", "--party", "US", "--party", "CN"]
    assert run_cli([*args, "--on", "2023-11-15"], db=db).exit_code == 0
    return db


def test_events_recorded_by_others_are_printed_as_they_land(opened: str) -> None:
    watcher = start_watch(opened, "--all", "--count", "4", "--json")
    try:
        time.sleep(1)  # not a limit: the watcher replays with --all, so nothing can be missed
        record(opened, "meet", "us-cn-ai-talks", "--on", "2024-05-14", "--location", "Geneva")
        record(opened, "suspend", "us-cn-ai-talks", "--on", "2024-08-01", "--by", "CN")
        record(opened, "resume", "us-cn-ai-talks", "--on", "2024-11-16")
        out, err = watcher.communicate(timeout=120)
    finally:
        watcher.kill()
    assert watcher.returncode == 0, err
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["channel"], r["seq"], r["kind"]) for r in rows] == [
        ("us-cn-ai-talks", 1, "opened"),
        ("us-cn-ai-talks", 2, "meeting"),
        ("us-cn-ai-talks", 3, "suspended"),
        ("us-cn-ai-talks", 4, "resumed"),
    ]
    assert rows[1]["details"]["location"] == "Geneva"


def test_watching_stops_quietly_when_interrupted(opened: str) -> None:
    watcher = start_watch(opened)
    time.sleep(2)
    watcher.send_signal(signal.SIGINT)
    try:
        out, err = watcher.communicate(timeout=60)
    finally:
        watcher.kill()
    assert watcher.returncode == 0
    assert "Traceback" not in err
    assert out == ""  # nothing new was recorded while it watched
