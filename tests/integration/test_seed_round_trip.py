"""`tracker export --format seed` writes what `tracker import` records again: every kind of
fact with every field it can hold, retractions included, gives the same answers."""

from __future__ import annotations

from pathlib import Path

from tests.support import answers, run_cli
from tracker.store.memory_store import forget

SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "us-china-2023.toml"
SOURCE = ["--source", "Readout, 2024-01-10", "--quote", "They met.", "--note", "late"]
MORE = [
    ["open", "us-cn-old-talks", "--title", "Old talks", "--party", "US", "--party", "CN",
     "--party", "EU", "--on", "2010-01-01", "--level", "expert", "--topic", "ai",
     "--lead", "USA=A. Person", *SOURCE, "--confidence", "low"],
    ["meet", "us-cn-old-talks", "--on", "2011-02~", "--location", "Cairo",
     "--lead", "CHN=B. Person", "--summary", "First round", "--source", "Wire"],
    ["plan", "us-cn-old-talks", "--on", "2011-03-01", "--window", "2012",
     "--host", "EG", "--location", "Cairo", "--level", "expert"],
    ["meet", "us-cn-old-talks", "--on", "2011-05-05"],
    ["retract", "us-cn-old-talks", "4", "--reason", "another channel's meeting"],
    ["open", "us-cn-new-talks", "--title", "New talks", "--party", "US", "--party", "CN",
     "--on", "2013-01-01", "--follows", "us-cn-old-talks"],
    ["conclude", "us-cn-old-talks", "--on", "2013-01-01", "--successor", "us-cn-new-talks",
     "--reason", "renamed"],
]  # fmt: skip


def test_a_store_exported_as_seed_entries_imports_into_the_same_answers(
    memory_db: str, tmp_path: Path
) -> None:
    assert run_cli(["import", str(SEEDS)], db=memory_db).exit_code == 0
    for args in MORE:
        result = run_cli(args, db=memory_db)
        assert result.exit_code == 0, (args, result.output)
    seed = tmp_path / "seed.jsonl"
    assert run_cli(["export", "--format", "seed", "-o", str(seed)], db=memory_db).exit_code == 0

    copy = memory_db + "-copy"
    try:
        imported = run_cli(["import", str(seed)], db=copy)
        assert imported.exit_code == 0, imported.output
        assert answers(copy) == answers(memory_db)
        again = run_cli(["import", str(seed)], db=copy)  # and importing it again adds nothing
        assert "0 events recorded" in again.stdout, again.output
    finally:
        forget(copy.removeprefix("memory://"))


def test_seed_entries_leave_out_no_channel_s_history(memory_db: str) -> None:
    assert run_cli(["import", str(SEEDS)], db=memory_db).exit_code == 0
    exported = run_cli(["export", "--format", "seed"], db=memory_db).stdout.splitlines()
    events = run_cli(["export"], db=memory_db).stdout.splitlines()
    assert len(exported) == len(events) > 0


def test_seed_entries_are_refused_as_of_a_day(memory_db: str) -> None:
    assert run_cli(["import", str(SEEDS)], db=memory_db).exit_code == 0
    result = run_cli(["export", "--format", "seed", "--as-of", "2023-09-01"], db=memory_db)
    assert result.exit_code == 2
    assert "drop --as-of" in result.stderr
