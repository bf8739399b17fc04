"""Every moment the tracker prints is well-formed ISO 8601, at the very edges of the calendar.

``--known-on 0001-01-01`` printed ``1-01-01T23:59:59+0000`` (``%Y`` of year 1 is "1" here).
Moments are printed by ``isoformat()`` everywhere now. A moment at the edge of the calendar,
whose offset takes it before year 1 or after year 9999 in UTC, gives a clear answer (nothing
or everything was recorded by then) or a clear exit-2 error, never exit 4.
"""

from __future__ import annotations

import re

import pytest

from tests.hostile.hostile import assert_documented_outcome, assert_one_line_error
from tests.support import run_cli

EDGES = [
    "0001-01-01",
    "0001-01-01T00:00",
    "0001-01-01T00:00-01:00",
    "0001-01-01T00:00+01:00",
    "0001-01-01T00:00:00+23:59",
    "9999-12-31",
    "9999-12-31T23:59:59-05:00",
    "9999-12-31T23:59:59.999999-23:59",
    "9999-12-31T23:59:59.999999",
]
READERS = [
    ["status", "a-b"],
    ["status"],
    ["status", "--json"],
    ["history", "a-b"],
    ["overdue"],
    ["report"],
    ["report", "--format", "json"],
    ["export"],
]
# A date and time as isoformat() writes it: four-digit year, T, an offset when it has one.
ISO = r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{6})?(?:[+-]\d{2}:\d{2})?"
MOMENT_LIKE = re.compile(r"\d{1,4}-\d{2}-\d{2}[T ]\d{2}:\d{2}[^\s|*`\"'),;]*")


@pytest.fixture
def recorded(db: str) -> str:
    args = ["open", "a-b", "--title", "A–B talks", "--party", "US", "--party", "CN"]
    assert run_cli([*args, "--on", "2000"], db=db).exit_code == 0
    return db


@pytest.mark.parametrize("moment", EDGES)
@pytest.mark.parametrize("args", READERS, ids=" ".join)
def test_a_moment_at_the_edge_of_the_calendar_gets_a_clear_answer(
    args: list[str], moment: str, recorded: str
) -> None:
    result = run_cli([*args, "--known-on", moment], db=recorded)
    assert_documented_outcome(result)
    if result.exit_code != 0:
        assert result.exit_code in (1, 2), result.stderr
        assert_one_line_error(result)
    for found in MOMENT_LIKE.findall(result.stdout + result.stderr):
        shown = found.replace("\\", "")  # Markdown escapes its + with a backslash
        assert re.fullmatch(ISO, shown), f"malformed moment {found!r}"


def test_the_first_day_of_the_calendar_is_printed_with_four_digits(recorded: str) -> None:
    result = run_cli(["status", "a-b", "--known-on", "0001-01-01"], db=recorded)
    assert result.exit_code == 1, result.output
    assert "not yet recorded on 0001-01-01T23:59:59.999999+00:00" in result.stderr


def test_before_anything_was_recorded_nothing_is_known_and_after_everything_all_is(
    recorded: str,
) -> None:
    early = run_cli(["status", "--json", "--known-on", "0001-01-01T00:00+01:00"], db=recorded)
    assert (early.exit_code, early.json()) == (0, [])
    late = run_cli(["status", "--json", "--known-on", "9999-12-31T23:59:59-05:00"], db=recorded)
    assert late.exit_code == 0, late.output
    assert [v["channel"] for v in late.json()] == ["a-b"]
    assert late.json()[0]["known_on"] == "9999-12-31T23:59:59-05:00"
