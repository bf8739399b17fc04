"""No output ever lands on the store: report, export and standard output never overwrite it.

``tracker --db o.db report -o o.db`` once replaced the SQLite store with the report (exit 0,
every event gone). Whatever name the output is given — the store's own, a ``..`` path, a link,
a hard link, one of SQLite's sidecars (``-wal``, ``-shm``, ``-journal``, existing or not), a
``/proc/self/fd/N`` that has come to mean the store — and when standard output itself is the
store (``tracker report >> o.db``), the command is refused with exit 2 in one line, and the
store's bytes and sidecars are left exactly as they were.
"""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.terminal import PROJECT
from tests.hostile.hostile import assert_one_line_error
from tests.support import CliResult, run_cli, stored_rows

SEEDS = PROJECT / "seeds" / "us-china-2023.toml"
SIDECARS = ("", "-wal", "-shm", "-journal")
OUTPUTS = [
    ["report"],
    ["report", "--format", "html"],
    ["report", "--format", "json"],
    ["export"],
    ["export", "--format", "csv"],
    ["calendar"],
]


@pytest.fixture
def store(tmp_path: Path) -> Path:
    """A SQLite store holding the article's channels."""
    path = tmp_path / "o.db"
    assert run_cli(["import", str(SEEDS)], db=str(path)).exit_code == 0
    gc.collect()  # every connection of the import closed: no sidecar is left (see files_of)
    assert files_of(path)["-wal"] is None
    return path


def files_of(store: Path) -> dict[str, bytes | None]:
    """The bytes of the store and of each sidecar (None where there is none)."""
    found: dict[str, bytes | None] = {}
    for suffix in SIDECARS:
        path = Path(f"{store}{suffix}")
        found[suffix] = path.read_bytes() if path.exists() else None
    return found


def assert_refused_and_untouched(
    result: CliResult, store: Path, before: dict[str, bytes | None]
) -> str:
    assert result.exit_code == 2, result.output
    line = assert_one_line_error(result)
    assert "would destroy what is recorded" in line, line
    assert files_of(store) == before
    return line


def in_a_process(
    args: list[str], store: Path, **streams: object
) -> subprocess.CompletedProcess[bytes]:
    """``python -m tracker --db STORE ARGS`` in a process of its own (real descriptors)."""
    return subprocess.run(
        [sys.executable, "-m", "tracker", "--db", str(store), *args],
        cwd=PROJECT,
        env={**os.environ, "NO_COLOR": "1"},
        timeout=120,
        check=False,
        **streams,  # type: ignore[arg-type]
    )


@pytest.mark.parametrize("command", OUTPUTS, ids=" ".join)
def test_a_report_or_export_named_after_the_store_is_refused_and_the_store_kept(
    command: list[str], store: Path
) -> None:
    before, events = files_of(store), stored_rows(str(store))
    gc.collect()  # the connection that read them closed
    result = run_cli([*command, "-o", str(store)], db=str(store))
    line = assert_refused_and_untouched(result, store, before)
    assert "is the store" in line
    assert stored_rows(str(store)) == events


@pytest.mark.parametrize(
    "name",
    ["dotdot", "relative", "symlink", "hard link", "link of a link", "-wal", "-shm", "-journal"],
)
@pytest.mark.parametrize("command", [["report"], ["export"], ["calendar"]], ids=" ".join)
def test_any_other_name_for_the_store_or_its_sidecars_is_refused(
    name: str, command: list[str], store: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "sub").mkdir()
    if name == "dotdot":
        output = str(tmp_path / "sub" / ".." / "o.db")
    elif name == "relative":
        monkeypatch.chdir(tmp_path / "sub")
        output = "../o.db"
    elif name == "symlink":
        (tmp_path / "sub" / "latest.md").symlink_to(store)
        output = str(tmp_path / "sub" / "latest.md")
    elif name == "hard link":
        os.link(store, tmp_path / "sub" / "copy.db")
        output = str(tmp_path / "sub" / "copy.db")
    elif name == "link of a link":
        (tmp_path / "one").symlink_to(tmp_path / "sub" / ".." / "o.db")
        (tmp_path / "two").symlink_to(tmp_path / "one")
        output = str(tmp_path / "two")
    else:  # a sidecar, which does not exist between commands: through a dangling link too
        (tmp_path / "sub" / "side").symlink_to(f"{store}{name}")
        output = str(tmp_path / "sub" / "side")
    before = files_of(store)
    result = run_cli([*command, "-o", output], db=str(store))
    assert_refused_and_untouched(result, store, before)
    assert not list(tmp_path.glob("**/.*.tmp")), "a temporary file was left behind"


@pytest.mark.parametrize("suffix", ["-wal", "-shm", "-journal"])
def test_a_sidecar_named_directly_is_refused_naming_what_it_is(suffix: str, store: Path) -> None:
    before = files_of(store)
    result = run_cli(["export", "-o", f"{store}{suffix}"], db=str(store))
    line = assert_refused_and_untouched(result, store, before)
    assert "the store's" in line
    assert suffix in line


def test_a_proc_self_fd_name_that_comes_to_mean_the_store_is_refused(store: Path) -> None:
    """In a process of its own the store is opened on a low descriptor; /proc/self/fd/N then
    names it, although nothing called N existed when the command started."""
    before = files_of(store)
    refused_as_store = []
    for n in range(3, 10):
        done = in_a_process(["export", "-o", f"/proc/self/fd/{n}"], store, capture_output=True)
        assert files_of(store) == before, f"/proc/self/fd/{n} wrote over the store"
        assert b"Traceback" not in done.stderr
        if b"is the store" in done.stderr or b"the store's" in done.stderr:
            assert done.returncode == 2
            assert done.stderr.count(b"\n") == 1
            refused_as_store.append(n)
    assert refused_as_store, "no /proc/self/fd/N named the store: the test proves nothing"


@pytest.mark.parametrize(
    "command",
    [
        ["report"],
        ["export"],
        ["export", "-o", "-"],
        ["calendar"],
        ["calendar", "-o", "-"],
        ["status"],
        ["history", "us-cn-commercial-wg"],
        ["verify"],
        ["keygen"],
    ],
    ids=" ".join,
)
def test_standard_output_appended_to_the_store_is_refused_before_anything_is_written(
    command: list[str], store: Path
) -> None:
    before = files_of(store)
    with open(store, "ab") as stdout:  # tracker … >> o.db
        done = in_a_process(command, store, stdout=stdout, stderr=subprocess.PIPE)
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(b"error: standard output is the store"), done.stderr
    assert done.stderr.count(b"\n") == 1
    assert files_of(store) == before


def test_standard_output_appended_to_a_sidecar_is_refused(store: Path) -> None:
    wal = Path(f"{store}-wal")
    with open(wal, "ab") as stdout:  # tracker … >> o.db-wal: the shell makes an empty one
        done = in_a_process(["report"], store, stdout=stdout, stderr=subprocess.PIPE)
    assert done.returncode == 2, done.stderr
    assert b"write-ahead log" in done.stderr
    assert wal.read_bytes() == b""
    wal.unlink()
    assert run_cli(["status", "--json"], db=str(store)).exit_code == 0


def test_a_file_beside_the_store_is_still_written(db: str, tmp_path: Path) -> None:
    """The guard refuses only the store's own files: on either store, a report may be called
    tracker.db-report or live next to it."""
    assert run_cli(["import", str(SEEDS)], db=db).exit_code == 0
    for name in ("o.db-report.md", "tracker.db.md", "o.db-wal.md"):
        result = run_cli(["report", "-o", str(tmp_path / name)], db=db)
        assert result.exit_code == 0, result.output
        assert "Dialogue channels" in (tmp_path / name).read_text(encoding="utf-8")
