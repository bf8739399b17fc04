"""-o FILE writes a regular file atomically, and never replaces anything else.

A report written to /dev/null once replaced the device with a regular file: only a regular
file may be replaced; a pipe, a device or a terminal is written into; a link is followed.
"""

from __future__ import annotations

import os
import stat
import threading
from pathlib import Path

import pytest

from tests.support import run_cli

SEEDS = Path(__file__).parents[2] / "seeds" / "us-china-2023.toml"


@pytest.fixture
def store(tmp_path: Path) -> str:
    db = str(tmp_path / "tracker.db")
    assert run_cli(["import", str(SEEDS)], db=db).exit_code == 0
    return db


@pytest.mark.parametrize("command", [["report"], ["export"], ["calendar"]])
def test_output_to_a_pipe_writes_into_it_and_leaves_it_a_pipe(
    store: str, tmp_path: Path, command: list[str]
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(pipe.read_bytes()))
    reader.start()

    result = run_cli([*command, "-o", str(pipe)], db=store)
    reader.join(timeout=60)

    assert result.exit_code == 0, result.output
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert b"us-cn-commercial-wg" in received[0]


def test_output_through_a_link_writes_the_file_it_names(store: str, tmp_path: Path) -> None:
    target = tmp_path / "report.md"
    link = tmp_path / "latest.md"
    link.symlink_to(target)

    assert run_cli(["report", "-o", str(link)], db=store).exit_code == 0

    assert link.is_symlink()
    assert "US–China Commercial Issues Working Group" in target.read_text(encoding="utf-8")


def test_a_new_output_file_gets_the_usual_permissions(store: str, tmp_path: Path) -> None:
    umask = os.umask(0o022)
    try:
        assert run_cli(["export", "-o", str(tmp_path / "events.jsonl")], db=store).exit_code == 0
    finally:
        os.umask(umask)
    assert stat.S_IMODE((tmp_path / "events.jsonl").stat().st_mode) == 0o644


def test_an_output_that_is_a_directory_is_bad_input(store: str, tmp_path: Path) -> None:
    result = run_cli(["report", "-o", str(tmp_path)], db=store)
    assert result.exit_code == 2
    assert "is a directory" in result.stderr
