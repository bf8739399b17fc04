"""Importing a file of proposals (tracker extract's entries): the new ones are recorded, the
known ones never, and are counted with those recorded already."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.integration.seeding import meeting, opening, write_seed
from tests.support import run_cli, stored_rows


@pytest.mark.parametrize("suffix", [".toml", ".json", ".jsonl"])
def test_known_entries_are_skipped_and_counted_as_recorded_already(
    memory_db: str, tmp_path: Path, suffix: str
) -> None:
    entries = [
        opening("us-cn-talks", on="2020-06-01", status="new", channel_status="agreed"),
        meeting("us-cn-talks", on="2021-03-04", status="new"),
        # Known: on a channel that does not even exist, it would be refused if recorded.
        meeting("us-cn-elsewhere", on="2021-03-05", status="known"),
        {"command": "suspend", "slug": "us-cn-talks", "on": "2022-08-05", "status": "new"},
    ]
    path = tmp_path / f"proposals{suffix}"
    if suffix == ".toml":
        write_seed(path, entries)
    elif suffix == ".json":
        path.write_text(json.dumps(entries), encoding="utf-8")
    else:
        path.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")

    dry = run_cli(["import", "--dry-run", str(path)], db=memory_db)
    assert dry.exit_code == 0, dry.output
    assert "3 events would be recorded (1 were recorded already)" in dry.stdout

    result = run_cli(["import", str(path)], db=memory_db)
    assert result.exit_code == 0, result.output
    assert "4 entries, 3 events recorded (1 were recorded already)" in result.stdout
    assert len(stored_rows(memory_db)) == 3
    status = run_cli(["status", "us-cn-talks", "--json"], db=memory_db).json()
    assert status["status"] == "suspended"

    again = run_cli(["import", str(path)], db=memory_db)
    assert "0 events recorded (4 were recorded already)" in again.stdout


def test_a_bad_known_entry_is_still_bad_input(memory_db: str, tmp_path: Path) -> None:
    path = write_seed(
        tmp_path / "proposals.toml", [meeting("us-cn-talks", on="2021-13-45", status="known")]
    )
    result = run_cli(["import", str(path)], db=memory_db)
    assert result.exit_code == 2, result.output
    assert "entry 1 (meet)" in result.stderr
