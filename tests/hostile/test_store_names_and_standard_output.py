"""A store's name is taken literally, and a failure to write standard output is said plainly.

- A read-only SQLite store whose path holds ``?``, ``#`` or ``%`` could not be read, and a stray
  file appeared: the library was given ``file:{path}?mode=ro`` without percent-encoding, so
  SQLite read part of the name as the URI's query or fragment and opened another file.
- ``tracker status > /dev/full`` ended with exit 4 and a Python error. A failure to write
  standard output is one line and exit 2 (as for -o FILE); a reader that stops early
  (``tracker history x | head -1``) ends the command quietly, exit 0, nothing on stderr.
"""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.terminal import PROJECT
from tests.support import fingerprint, run_cli

OPEN = ["open", "a-b", "--title", "A–B talks", "--party", "US", "--party", "CN", "--on", "2000"]
NAMES = ["a?b.db", "c#d.db", "e%41f.db", "g%h.db", "i j.db", "k?mode=rw.db", "l#?%25.db"]


def read_only(path: Path) -> None:
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("folder", ["plain", "we?ird#%20folder"])
def test_a_read_only_store_named_with_uri_characters_is_read_and_no_stray_file_appears(
    name: str, folder: str, tmp_path: Path
) -> None:
    (tmp_path / folder).mkdir()
    store = tmp_path / folder / name
    assert run_cli(OPEN, db=str(store)).exit_code == 0
    read_only(store)
    before = {p.name for p in tmp_path.rglob("*")}
    for args in (["status", "a-b"], ["status"], ["history", "a-b", "--json"], ["export"]):
        result = run_cli(args, db=str(store))
        assert result.exit_code == 0, result.output
        assert "A–B talks" in result.stdout
    sidecars = {f"{name}-wal", f"{name}-shm"}  # SQLite's own, beside the store
    appeared = {p.name for p in tmp_path.rglob("*")} - before - sidecars
    assert appeared == set(), f"stray files: {appeared}"
    store.chmod(stat.S_IRUSR | stat.S_IWUSR)


def test_a_read_only_store_still_refuses_to_be_written(tmp_path: Path) -> None:
    store = tmp_path / "a?b.db"
    assert run_cli(OPEN, db=str(store)).exit_code == 0
    read_only(store)
    before = fingerprint(str(store))
    result = run_cli(["meet", "a-b", "--on", "2001"], db=str(store))
    assert result.exit_code == 3, result.output
    assert "read-only" in result.stderr
    assert fingerprint(str(store)) == before
    store.chmod(stat.S_IRUSR | stat.S_IWUSR)


# --- standard output ------------------------------------------------------------------------


def tracker(args: list[str], db: str, **streams: object) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        cwd=PROJECT,
        env={**os.environ, "NO_COLOR": "1", "TRACKER_DB": db},
        timeout=120,
        check=False,
        **streams,  # type: ignore[arg-type]
    )


@pytest.fixture
def recorded(db: str) -> str:
    for args in (OPEN, ["meet", "a-b", "--on", "2001"], ["meet", "a-b", "--on", "2002"]):
        assert run_cli(args, db=db).exit_code == 0
    return db


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
@pytest.mark.parametrize(
    "args",
    [
        ["status"],
        ["status", "a-b"],
        ["status", "--json"],
        ["history", "a-b"],
        ["overdue"],
        ["report"],
        ["export", "--format", "csv"],
        ["verify"],
        ["--help"],
    ],
    ids=" ".join,
)
def test_a_full_standard_output_is_one_line_and_exit_2(args: list[str], recorded: str) -> None:
    with open("/dev/full", "w") as full:
        done = tracker(args, recorded, stdout=full, stderr=subprocess.PIPE)
    assert done.returncode == 2, done.stderr
    lines = done.stderr.decode().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("error: cannot write to standard output: No space left on device")


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="no /dev/full here")
def test_a_recording_whose_confirmation_cannot_be_written_says_the_record_is_kept(
    recorded: str,
) -> None:
    with open("/dev/full", "w") as full:
        done = tracker(
            ["meet", "a-b", "--on", "2003"], recorded, stdout=full, stderr=subprocess.PIPE
        )
    assert done.returncode == 2, done.stderr
    assert b"what the command recorded, if anything, is kept" in done.stderr
    history = run_cli(["history", "a-b", "--json"], db=recorded).json()
    assert history[-1]["occurred"] == "2003"


@pytest.mark.parametrize(
    "args", [["history", "a-b"], ["export"], ["report"], ["status", "--json"]], ids=" ".join
)
def test_a_reader_that_stops_early_ends_the_command_quietly(args: list[str], recorded: str) -> None:
    """As ``tracker history a-b | head -1``: the reader closes the pipe before the end."""
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", *args],
        cwd=PROJECT,
        env={**os.environ, "NO_COLOR": "1", "TRACKER_DB": recorded},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    assert process.stderr is not None
    process.stdout.read(1)  # the first byte, then nothing more
    process.stdout.close()
    stderr = process.stderr.read()
    assert process.wait(timeout=120) == 0, stderr
    assert stderr == b""


def test_a_reader_that_never_reads_ends_the_command_quietly(recorded: str) -> None:
    process = subprocess.Popen(
        [sys.executable, "-m", "tracker", "export"],
        cwd=PROJECT,
        env={**os.environ, "TRACKER_DB": recorded},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert process.stdout is not None
    process.stdout.close()
    _, stderr = process.communicate(timeout=120)
    assert process.returncode == 0, stderr
    assert stderr == b""
