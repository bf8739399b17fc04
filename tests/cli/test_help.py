"""Every command registered on the Typer app has help with an example; the root lists exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer
from typer.core import TyperGroup

from tests.support import run_cli
from tracker.cli.app import app


def command_paths() -> list[list[str]]:
    """The name path of every command the app registers, nested groups included."""
    found: list[list[str]] = []

    def visit(group: TyperGroup, path: list[str]) -> None:
        ctx = typer.Context(group)
        for name in group.list_commands(ctx):
            command = group.get_command(ctx, name)
            assert command is not None
            if isinstance(command, TyperGroup):
                visit(command, [*path, name])
            else:
                found.append([*path, name])

    root = typer.main.get_command(app)
    assert isinstance(root, TyperGroup)
    visit(root, [])
    return found


COMMANDS = command_paths()


def test_the_app_registers_the_design_commands() -> None:
    names = {" ".join(path) for path in COMMANDS}
    expected = {"open", "agree", "cadence", "plan", "meet", "suspend", "resume", "conclude"}
    assert expected | {"retract", "import", "status", "history"} <= names


@pytest.mark.parametrize("path", COMMANDS, ids=[" ".join(p) for p in COMMANDS])
def test_every_command_has_help_with_an_example(path: list[str], tmp_path: Path) -> None:
    result = run_cli([*path, "--help"], db=str(tmp_path / "tracker.db"))

    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"Usage: tracker {' '.join(path)} ")
    text = " ".join(result.stdout.split())  # help wraps long examples over lines
    assert f"Example: tracker {' '.join(path)}" in text
    assert not (tmp_path / "tracker.db").exists()  # help never opens the store


def test_the_root_help_lists_the_exit_codes(tmp_path: Path) -> None:
    result = run_cli(["--help"], db=str(tmp_path / "tracker.db"))

    assert result.exit_code == 0, result.output
    text = " ".join(result.stdout.split())
    assert "Exit codes" in text
    for code, meaning in [
        ("0", "done"),
        ("1", "refused by a rule"),
        ("2", "bad input or usage"),
        ("3", "the store is unreachable"),
    ]:
        assert f"{code} {meaning}" in text


def test_no_arguments_shows_the_help_as_help(tmp_path: Path) -> None:
    result = run_cli([], db=str(tmp_path / "tracker.db"))

    assert result.exit_code in (0, 2), result.output
    assert result.output.startswith("Usage: tracker [OPTIONS] COMMAND")
    assert "\nCommands:\n" in result.output
    assert "error: " not in result.output
