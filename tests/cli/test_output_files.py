"""-o FILE writes a regular file atomically, and never replaces anything else.

A report written to /dev/null once replaced the device with a regular file: only a regular
file may be replaced; a pipe, a device or a terminal is written into; a link is followed.
``-o -`` once wrote a file named ``-``: it is standard output, as by convention (``./-`` is
the file). ``-o PIPE`` once waited for ever on a named pipe that nobody reads: it is refused
(exit 2) after a moment's grace for a reader that is just starting.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from tests.cli.terminal import PROJECT
from tests.support import fingerprint, run_cli

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


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")
def test_a_replaced_output_file_keeps_its_mode_owner_and_group(store: str, tmp_path: Path) -> None:
    """A file an operator gave to another user (a shared report, a cron job's export) stays
    theirs once the tracker has replaced it."""
    output = tmp_path / "events.jsonl"
    output.write_text("old\n")
    os.chown(output, 65534, 65534)  # nobody, nogroup
    output.chmod(0o640)
    assert run_cli(["export", "-o", str(output)], db=store).exit_code == 0
    found = output.stat()
    assert (found.st_uid, found.st_gid, stat.S_IMODE(found.st_mode)) == (65534, 65534, 0o640)
    assert output.read_text() != "old\n"


def test_an_output_that_is_a_directory_is_bad_input(store: str, tmp_path: Path) -> None:
    result = run_cli(["report", "-o", str(tmp_path)], db=store)
    assert result.exit_code == 2
    assert "is a directory" in result.stderr


@pytest.mark.parametrize(
    "command",
    [
        ["report"],
        ["report", "--format", "json"],
        ["export"],
        ["export", "--format", "seed"],
        ["calendar"],
    ],
    ids=" ".join,
)
def test_a_dash_for_output_is_standard_output_and_makes_no_file(
    store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli([*command, "-o", "-"], db=store)

    assert result.exit_code == 0, result.output
    assert "us-cn-commercial-wg" in result.stdout
    assert result.stderr == "", "nothing says a file was written"
    assert not (tmp_path / "-").exists()


def test_a_file_named_dash_is_written_when_named_as_a_path(
    store: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    result = run_cli(["export", "-o", "./-"], db=store)

    assert result.exit_code == 0, result.output
    assert result.stdout == ""
    assert "us-cn-commercial-wg" in (tmp_path / "-").read_text(encoding="utf-8")


def test_output_to_a_named_pipe_nobody_reads_is_refused_and_writes_nothing(
    store: str, tmp_path: Path
) -> None:
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    before = fingerprint(store)
    started = time.monotonic()
    try:  # in a process of its own: a hang fails the test instead of hanging it
        done = subprocess.run(
            [sys.executable, "-m", "tracker", "--db", store, "export", "-o", str(pipe)],
            cwd=PROJECT,
            env={**os.environ, "NO_COLOR": "1"},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("tracker export -o PIPE waited for a reader for a minute")

    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr.startswith("error: --output: no process reads the named pipe")
    assert done.stderr.count("\n") == 1, done.stderr
    assert time.monotonic() - started < 30
    assert stat.S_ISFIFO(pipe.stat().st_mode)
    assert not list(tmp_path.glob(".*.tmp")), "a temporary file was left behind"
    assert fingerprint(store) == before


def test_output_to_a_named_pipe_whose_reader_comes_a_moment_later_is_written(
    store: str, tmp_path: Path
) -> None:
    """`cat pipe > x & tracker export -o pipe`: the reader may not have opened it yet."""
    pipe = tmp_path / "pipe"
    os.mkfifo(pipe)
    received: list[bytes] = []

    def read_later() -> None:
        time.sleep(0.3)
        received.append(pipe.read_bytes())

    reader = threading.Thread(target=read_later)
    reader.start()
    result = run_cli(["export", "-o", str(pipe)], db=store)
    reader.join(timeout=60)

    assert result.exit_code == 0, result.output
    assert b"us-cn-commercial-wg" in received[0]


def test_output_to_a_device_is_written_into(store: str) -> None:
    result = run_cli(["export", "-o", "/dev/null"], db=store)

    assert result.exit_code == 0, result.output
    assert stat.S_ISCHR(Path("/dev/null").stat().st_mode)
