"""A store in memory (``--db memory://NAME``): the tests' fast tier runs the same code as a
SQLite file, keeps each store to itself, and never touches the disk."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support import fingerprint, run_cli, stored_rows
from tracker.store.memory_store import forget

OPEN = ["open", "us-cn-talks", "--title", "Talks", "--party", "US", "--party", "CN"]


def test_what_is_recorded_is_read_back_and_verifies(memory_db: str) -> None:
    assert run_cli([*OPEN, "--on", "2023-08-28", "--status", "agreed"], db=memory_db).exit_code == 0
    assert run_cli(["meet", "us-cn-talks", "--on", "2024-04-10"], db=memory_db).exit_code == 0

    status = run_cli(["status", "us-cn-talks", "--json"], db=memory_db).json()
    assert (status["status"], status["meetings_held"]) == ("active", 1)
    assert len(stored_rows(memory_db)) == 2
    verified = run_cli(["verify"], db=memory_db)
    assert verified.exit_code == 0, verified.output
    assert "store digest: 2-" in verified.stdout


def test_each_name_is_a_store_of_its_own(memory_db: str) -> None:
    other = memory_db + "-other"
    try:
        run_cli([*OPEN, "--on", "2023-08-28"], db=memory_db)
        other_title = [a if a != "Talks" else "Other talks" for a in OPEN]  # one --title
        run_cli([*other_title, "--on", "2020-01-01"], db=other)
        mine = run_cli(["status", "us-cn-talks", "--json"], db=memory_db).json()
        theirs = run_cli(["status", "us-cn-talks", "--json"], db=other).json()
        assert (mine["title"], theirs["title"]) == ("Talks", "Other talks")
    finally:
        forget(other.removeprefix("memory://"))


def test_a_store_never_written_is_not_there_to_read(memory_db: str) -> None:
    result = run_cli(["status"], db=memory_db)
    assert result.exit_code == 3
    assert result.stderr.startswith(f"error: there is no store {memory_db} in this process")


def test_a_forgotten_store_is_gone(memory_db: str) -> None:
    run_cli([*OPEN, "--on", "2023-08-28"], db=memory_db)
    forget(memory_db.removeprefix("memory://"))
    assert run_cli(["status"], db=memory_db).exit_code == 3
    assert stored_rows(memory_db) == []


def test_a_refused_command_writes_nothing(memory_db: str) -> None:
    run_cli([*OPEN, "--on", "2023-08-28"], db=memory_db)
    before = fingerprint(memory_db)
    refused = run_cli(["meet", "us-cn-talks", "--on", "2022-01-01"], db=memory_db)
    assert refused.exit_code == 1, refused.output
    assert fingerprint(memory_db) == before


def test_nothing_lands_on_disk(
    memory_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    run_cli([*OPEN, "--on", "2023-08-28", "--status", "agreed"], db=memory_db)
    run_cli(["meet", "us-cn-talks", "--on", "2024-04-10"], db=memory_db)
    run_cli(["status"], db=memory_db)
    assert os.listdir(tmp_path) == []


@pytest.mark.parametrize("name", ["", "../x", "a/b", "x" * 65, "a b", "é"])
def test_a_name_that_is_not_one_is_bad_input(name: str) -> None:
    result = run_cli(["status"], db=f"memory://{name}")
    assert result.exit_code == 2
    assert "is not a memory store: give memory://NAME" in result.stderr
    assert len(result.stderr.splitlines()) == 1
