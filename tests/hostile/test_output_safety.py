"""Stored text is shown back safely: verbatim in JSON, never as raw control codes in a terminal.

Text is stored verbatim, escape sequences included (that is right: it is evidence, and JSON
shows it exactly). Printed raw by a plain-text renderer (``status SLUG``, ``history SLUG``, the
dashboard), a title recorded as ``"\\x1b]0;pwned\\x07\\x1b[2J"`` would set the reader's window
title and clear their screen; ``\\r`` and ``\\x08`` would overwrite what was shown before them,
so a line could be made to say something else. Click strips only CSI sequences (``\\x1b[…m``),
and only when stdout is not a terminal; OSC sequences, BEL, backspace, carriage return and the
C1 introducer ``\\x9b`` always pass.

So the plain and rich text renderers show every C0 control character (but their own line
breaks), DEL and every C1 control character escaped (``\\x1b``, ``\\r``, as ``repr`` does), and
so do error lines, file names included; JSON, CSV, JSON Lines and HTML keep the text verbatim.
"""

from __future__ import annotations

import re

import pytest

from tests.cli.terminal import run_on_terminal
from tests.hostile.conftest import Store
from tests.hostile.hostile import (
    STORED_NAME,
    STORED_REASON,
    STORED_TITLE,
    assert_one_line_error,
    history,
    run,
    run_checked,
    status,
)

EVIL = "Evil\x1b]0;pwned\x07\x1b[2J\x1b[31mred\x08\x08XY\rZ\x9b31m\x00\x7fEnd"
EVIL_PATH = EVIL.replace("\x00", "")  # a path cannot hold NUL
# Any C0 control but the newline, DEL, any C1 control.
RAW_CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f\x80-\x9f]")


def record_evil(db: str) -> None:
    for args in (
        [
            *("open", "e-v", "--title", EVIL, "--party", "US", "--party", "CN", "--on", "2000"),
            *("--lead", f"USA={EVIL}", "--topic", EVIL, "--source", EVIL, "--quote", EVIL),
        ],
        ["meet", "e-v", "--on", "2001", "--location", EVIL, "--summary", EVIL],
        ["suspend", "e-v", "--on", "2002", "--reason", EVIL],
    ):
        assert run_checked(args, db).exit_code == 0


def test_json_output_keeps_stored_control_characters_verbatim(store: Store) -> None:
    with store() as db:
        record_evil(db)
        events = history(db, "e-v")
        assert events[0]["details"]["title"] == EVIL
        assert events[0]["sources"][0]["quote"] == EVIL
        assert events[1]["details"]["summary"] == EVIL
        assert events[2]["details"]["reason"] == EVIL
        view = status(db, "e-v")
        assert (view["title"], view["leads"], view["topics"]) == (EVIL, [f"USA={EVIL}"], [EVIL])
        exported = run(["export", "e-v"], db=db)
        assert exported.exit_code == 0
        assert '"title": "Evil\\u001b]0;pwned\\u0007' in exported.stdout


@pytest.mark.parametrize(
    "args",
    # The dashboard --wide: fitted to a width, it may leave the title out (and with it the text).
    [["status", "e-v"], ["history", "e-v"], ["status", "--wide"], ["overdue"]],
    ids=["status SLUG", "history", "dashboard", "overdue"],
)
def test_plain_text_output_escapes_control_characters_from_stored_text(
    args: list[str], store: Store
) -> None:
    """Output to a pipe or a file (not a terminal): no raw control character from the data."""
    with store() as db:
        record_evil(db)
        result = run([*args, "--as-of", "2001-06-01"], db=db)
        assert result.exit_code == 0, result.stderr
        found = RAW_CONTROL.findall(result.stdout)
        assert not found, f"raw control characters {found!r} in {result.stdout[:300]!r}"
        if args != ["overdue"]:
            assert "pwned" in result.stdout  # shown, escaped, not dropped


@pytest.mark.parametrize(
    "args",
    [["status", "a-b"], ["history", "a-b"], ["status"]],
    ids=["status SLUG", "history", "dashboard"],
)
def test_terminal_output_carries_no_escape_sequence_from_stored_text(
    args: list[str], store: Store
) -> None:
    """On a real pseudo-terminal, with NO_COLOR: every escape character comes from the data.

    The template store holds a title with a colour code, a lead whose name sets the window
    title (OSC 0), and a reason that clears the screen.
    """
    with store() as db:
        shown = run_on_terminal(args, db=db, no_color=True)
        assert shown.exit_code == 0, shown.output
        output = shown.output.replace("\r\n", "\n")  # the terminal's own line ends
        found = RAW_CONTROL.findall(output)
        assert not found, f"raw control characters {found!r} in {output[:400]!r}"


def test_the_template_holds_the_escape_sequences_the_terminal_test_looks_for() -> None:
    assert "\x1b[31m" in STORED_TITLE
    assert "\x1b]0;" in STORED_NAME
    assert "\x1b[2J" in STORED_REASON


@pytest.mark.parametrize(
    "args",
    [
        ["meet", "m-n", "--on", "2020", "--level", EVIL],
        ["status", "--sort", EVIL],
        ["meet", "m-n", "--on", EVIL],
        ["meet", "m-n", "--on", "2020", "--lead", EVIL],
        ["status", "--known-on", EVIL],
        ["history", "no-such-channel"],
        ["import", f"/tmp/no-such-{EVIL_PATH}.json"],
        ["report", "-o", f"/tmp/no-such-{EVIL_PATH}/report.md"],
        ["--db", f"/tmp/no-such-{EVIL_PATH}/x.db", "status"],
    ],
    ids=["level", "sort", "on", "lead", "known-on", "slug", "import", "output", "db"],
)
def test_an_error_line_shows_a_hostile_value_escaped(args: list[str], store: Store) -> None:
    with store() as db:
        result = run(args, db=db)
        line = assert_one_line_error(result)
        found = RAW_CONTROL.findall(line)
        assert not found, f"raw control characters {found!r} in {line!r}"
