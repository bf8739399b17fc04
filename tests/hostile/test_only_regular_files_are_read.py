"""Only regular files are read, and never more of them than memory allows.

``tracker import FIFO`` once waited for ever (on PostgreSQL holding the write lock), and a link
to /dev/zero filled memory; ``--db`` naming a pipe hung the same way. Now anything but a
regular file — a named pipe, a device, a socket, /dev/stdin — is refused at once with exit 2,
before the store is opened, and nothing is written. A TOML or JSON seed file is read whole, so
one larger than 16 MiB is refused with a pointer to JSON Lines; a JSON Lines file is read as a
stream, each line at most 1 MiB, and a longer line is refused naming it without being read.

Each command runs in a process of its own, with a timeout (a hang fails the test instead of
hanging it) and its address space limited to 1 GiB (a read of /dev/zero fails instead of
taking the machine's memory).
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.terminal import PROJECT
from tests.support import fingerprint, run_cli

SEEDS = PROJECT / "seeds" / "us-china-2023.toml"
MiB = 2**20
SOON = 30  # seconds: far more than any refusal takes, far less than for ever
OPENING = {"command": "open", "slug": "r-f", "title": "T", "parties": ["US", "CN"], "on": "2000"}


LIMIT_KIB = 2**20  # the address space of each command: 1 GiB
LIMITED = ["/bin/sh", "-c", f'ulimit -v {LIMIT_KIB} && exec "$0" "$@"']


def tracker(
    args: list[str], db: str, *, stdin: int | None = None
) -> subprocess.CompletedProcess[str]:
    """``python -m tracker --db DB ARGS``, refused within SOON seconds or failing the test."""
    try:
        return subprocess.run(
            [*LIMITED, sys.executable, "-m", "tracker", "--db", db, *args],
            cwd=PROJECT,
            env={**os.environ, "NO_COLOR": "1"},
            stdin=subprocess.DEVNULL if stdin is None else stdin,
            capture_output=True,
            text=True,
            timeout=SOON,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.fail(f"tracker {' '.join(args)} was still running after {SOON} s")


def assert_refused(done: subprocess.CompletedProcess[str], *words: str) -> str:
    assert done.returncode == 2, done.stderr
    assert done.stdout == ""
    assert done.stderr.startswith("error: "), done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    for word in words:
        assert word in done.stderr, done.stderr
    return done.stderr


@pytest.fixture
def recorded(db: str) -> str:
    """The test's store (SQLite or PostgreSQL) with the article's channels."""
    assert run_cli(["import", str(SEEDS)], db=db).exit_code == 0
    return db


@pytest.fixture
def listening_socket(tmp_path: Path) -> Iterator[Path]:
    path = tmp_path / "socket.jsonl"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        yield path
    finally:
        server.close()


# --- import: nothing but a regular file -----------------------------------------------------


@pytest.mark.parametrize("suffix", [".jsonl", ".json", ".toml"])
def test_importing_a_named_pipe_is_refused_at_once_and_writes_nothing(
    suffix: str, recorded: str, tmp_path: Path
) -> None:
    pipe = tmp_path / f"entries{suffix}"
    os.mkfifo(pipe)
    before = fingerprint(recorded)
    assert_refused(tracker(["import", str(pipe)], recorded), "named pipe", "regular file")
    assert fingerprint(recorded) == before


def test_a_named_pipe_with_a_writer_waiting_is_refused_too(recorded: str, tmp_path: Path) -> None:
    """Someone is ready to write into the pipe: the tracker still does not read it."""
    pipe = tmp_path / "entries.jsonl"
    os.mkfifo(pipe)
    entry = (json.dumps(OPENING) + "\n").encode()
    writer = threading.Thread(target=_write_when_read, args=(pipe, entry), daemon=True)
    writer.start()
    before = fingerprint(recorded)
    assert_refused(tracker(["import", str(pipe)], recorded), "named pipe")
    assert fingerprint(recorded) == before
    assert run_cli(["status", "r-f"], db=recorded).exit_code == 1


def _write_when_read(pipe: Path, data: bytes) -> None:
    try:
        descriptor = os.open(pipe, os.O_WRONLY)  # waits for a reader
    except OSError:
        return
    try:
        os.write(descriptor, data)
    except OSError:
        pass  # the tracker closed its end without reading
    finally:
        os.close(descriptor)


@pytest.mark.parametrize(
    ("target", "kind"),
    [("/dev/zero", "character device"), ("/dev/urandom", "character device")],
)
@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".toml"])
def test_a_link_to_a_device_is_refused_without_reading_it(
    target: str, kind: str, suffix: str, recorded: str, tmp_path: Path
) -> None:
    link = tmp_path / f"endless{suffix}"
    link.symlink_to(target)
    before = fingerprint(recorded)
    assert_refused(tracker(["import", str(link)], recorded), kind)
    assert fingerprint(recorded) == before


def test_a_link_to_standard_input_is_refused(recorded: str, tmp_path: Path) -> None:
    link = tmp_path / "piped.jsonl"
    link.symlink_to("/dev/stdin")
    read, write = os.pipe()  # standard input is a pipe nobody writes to
    try:
        done = tracker(["import", str(link)], recorded, stdin=read)
    finally:
        os.close(read)
        os.close(write)
    assert_refused(done, "named pipe")


def test_a_socket_is_refused(recorded: str, listening_socket: Path) -> None:
    assert_refused(tracker(["import", str(listening_socket)], recorded), "socket")


def test_a_directory_keeps_its_own_message(recorded: str, tmp_path: Path) -> None:
    folder = tmp_path / "entries.toml"
    folder.mkdir()
    assert_refused(tracker(["import", str(folder)], recorded), "is a directory")


# --- import: memory stays bounded -----------------------------------------------------------


@pytest.mark.parametrize("suffix", [".json", ".toml"])
@pytest.mark.parametrize("size", [16 * MiB + 1, 5 * 2**30], ids=["16 MiB + 1 byte", "5 GiB"])
def test_a_document_too_large_to_read_whole_is_refused_pointing_to_json_lines(
    suffix: str, size: int, recorded: str, tmp_path: Path
) -> None:
    huge = tmp_path / f"huge{suffix}"
    with huge.open("wb") as file:
        file.truncate(size)  # a sparse file: no disk used
    before = fingerprint(recorded)
    assert_refused(tracker(["import", str(huge)], recorded), "16 MiB", "JSON Lines (.jsonl)")
    assert fingerprint(recorded) == before


def test_a_document_just_under_the_limit_is_read(recorded: str, tmp_path: Path) -> None:
    document = tmp_path / "padded.json"
    text = json.dumps({"entry": [OPENING]})
    document.write_text(text + " " * (16 * MiB - len(text)), encoding="utf-8")
    assert document.stat().st_size == 16 * MiB
    done = tracker(["import", str(document)], recorded)
    assert done.returncode == 0, done.stderr


def test_a_json_lines_line_too_long_is_refused_naming_it_without_reading_it_whole(
    recorded: str, tmp_path: Path
) -> None:
    lines = tmp_path / "long.jsonl"
    with lines.open("wb") as file:
        file.write((json.dumps(OPENING) + "\n\n").encode())
        file.truncate(5 * 2**30)  # line 3: five GiB of NUL bytes, no line end
    before = fingerprint(recorded)
    assert_refused(tracker(["import", str(lines)], recorded), "line 3", "1 MiB")
    assert fingerprint(recorded) == before


def test_a_json_lines_line_of_exactly_the_limit_is_read_and_one_byte_more_is_refused(
    recorded: str, tmp_path: Path
) -> None:
    entry = json.dumps(OPENING)
    at_limit = tmp_path / "at-limit.jsonl"
    # JSON allows whitespace after the value: the line (its end aside) is exactly 1 MiB.
    at_limit.write_text(entry + " " * (MiB - len(entry)) + "\n", encoding="utf-8")
    assert tracker(["import", str(at_limit)], recorded).returncode == 0
    over = tmp_path / "over.jsonl"
    over.write_text(entry.replace("r-f", "o-v") + " " * (MiB + 1 - len(entry)) + "\n")
    assert_refused(tracker(["import", str(over)], recorded), "line 1", "1 MiB")


# --- --db: nothing but a regular file (or a directory, with its own message) ----------------


def test_a_store_that_is_a_named_pipe_is_refused_at_once_and_never_opened(tmp_path: Path) -> None:
    pipe = tmp_path / "tracker.db"
    os.mkfifo(pipe)
    for args in (["status"], ["history", "a-b"], ["import", str(SEEDS)], ["export"]):
        assert_refused(tracker(args, str(pipe)), "named pipe", "--db")


@pytest.mark.parametrize(
    ("target", "kind"), [("/dev/null", "character device"), ("/dev/zero", "character device")]
)
def test_a_store_that_is_a_device_is_refused(target: str, kind: str, tmp_path: Path) -> None:
    link = tmp_path / "tracker.db"
    link.symlink_to(target)
    for db in (target, str(link)):
        assert_refused(tracker(["status"], db), kind)
        assert_refused(
            tracker(
                ["open", "a-b", "--title", "T", "--party", "US", "--party", "CN", "--on", "2000"],
                db,
            ),
            kind,
        )


def test_a_store_that_is_standard_input_is_refused(tmp_path: Path) -> None:
    read, write = os.pipe()
    try:
        done = tracker(["status"], "/dev/stdin", stdin=read)
    finally:
        os.close(read)
        os.close(write)
    assert_refused(done, "named pipe", "/dev/stdin")


def test_a_store_that_is_a_socket_is_refused(listening_socket: Path) -> None:
    assert_refused(tracker(["status"], str(listening_socket)), "socket")


def test_a_store_that_is_a_directory_keeps_its_message(tmp_path: Path) -> None:
    done = tracker(["status"], str(tmp_path))
    assert done.returncode == 3, done.stderr
    assert "it is a directory; name a file inside it" in done.stderr
