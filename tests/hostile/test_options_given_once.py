"""An option of one value given twice is a mistake said so (exit 2), never the last one kept.

A hostile review found that click keeps the last of two: `open … --follows a --follows b`
recorded b alone, `--db a.db --db b.db` used b.db, `meet … --on 2024 --on 2025` recorded
2025. Checked here for every option of one value of every command, and for --db.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import run_cli
from tracker.cli.app import COMMANDS, build
from tracker.cli.once import _one_value


def _one_value_options() -> list[tuple[str, str]]:
    found = []
    for name in COMMANDS:
        for param in build(name).params:
            if _one_value(param):
                found.append((name, max(param.opts, key=len)))
    return found


ONE_VALUE = _one_value_options()


def test_every_command_is_checked() -> None:
    assert {name for name, _ in ONE_VALUE} >= {"open", "meet", "status", "export", "extract"}


@pytest.mark.parametrize(("command", "option"), ONE_VALUE, ids=[f"{c} {o}" for c, o in ONE_VALUE])
def test_an_option_of_one_value_given_twice_is_bad_input(
    command: str, option: str, memory_db: str
) -> None:
    result = run_cli([command, option, "2020", option, "2021"], db=memory_db)
    assert result.exit_code == 2, result.output
    assert f"'{option}'" in result.stderr
    assert "given twice; give it once" in result.stderr
    assert result.stderr.count("\n") == 1


def test_the_store_given_twice_is_bad_input(tmp_path: Path) -> None:
    result = run_cli(
        ["--db", str(tmp_path / "a.db"), "--db", str(tmp_path / "b.db"), "status"], db=None
    )
    assert result.exit_code == 2, result.output
    assert "given twice" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_options_given_many_times_still_add_up(memory_db: str) -> None:
    args = ["open", "us-cn-talks", "--title", "T", "--party", "US", "--party", "CN"]
    opened = run_cli(
        [*args, "--on", "2020", "--topic", "trade", "--topic", "climate"], db=memory_db
    )
    assert opened.exit_code == 0, opened.stderr
    shown = run_cli(["status", "us-cn-talks", "--json"], db=memory_db).json()
    assert shown["topics"] == ["trade", "climate"]


def test_the_same_lead_given_twice_is_one_lead(memory_db: str) -> None:
    args = ["open", "us-cn-talks", "--title", "T", "--party", "US", "--party", "CN"]
    assert run_cli([*args, "--on", "2020"], db=memory_db).exit_code == 0
    met = run_cli(
        ["meet", "us-cn-talks", "--on", "2021", "--lead", "CHN=Wang Wentao",
         "--lead", "CHN = Wang Wentao", "--lead", "USA=Gina Raimondo"],
        db=memory_db,
    )  # fmt: skip
    assert met.exit_code == 0, met.stderr
    history = run_cli(["history", "us-cn-talks", "--json"], db=memory_db).json()
    assert history[-1]["details"]["leads"] == [
        {"party": "CHN", "name": "Wang Wentao"},
        {"party": "USA", "name": "Gina Raimondo"},
    ]
