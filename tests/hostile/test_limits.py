"""Every documented limit: text at the limit is kept verbatim, one character more is refused.

Limits (tracker/domain/values.py, documented in docs/domain.md): a slug at most 64 characters;
a title, location, topic or lead name 1-200; a summary, reason, quote, note or citation at
most 10,000; a cadence at least 0.01 and at most 366 meetings a year. A refusal is exit 2 with
one line naming the option and the limit, and nothing written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.hostile.conftest import Store
from tests.hostile.hostile import (
    assert_one_line_error,
    history,
    run,
    run_checked,
    status,
)
from tests.support import fingerprint

DOCS = Path(__file__).resolve().parents[2] / "docs"

OPEN = ["open", "n-n", "--party", "US", "--party", "CN", "--on", "2020"]
TITLED = [*OPEN, "--title", "T"]
MEET = ["meet", "m-n", "--on", "2020"]


def text_of(length: int) -> str:
    """Exactly ``length`` characters (code points), hostile ones included."""
    pattern = "é\x00😀\u0301\x1b[31m'; --\u202e"
    return (pattern * (length // len(pattern) + 1))[:length]


@dataclass(frozen=True)
class Limit:
    option: str
    limit: int
    args: tuple[str, ...]  # the command without the option
    slug: str
    field: str  # where history --json shows it

    def command(self, value: str) -> list[str]:
        if self.option == "SLUG":
            return ["open", value, *TITLED[2:]]
        if self.option == "--lead":
            return [*self.args, "--lead", f"USA={value}"]
        return [*self.args, self.option, value]

    def stored(self, event: dict[str, object]) -> object:
        details = event["details"]
        assert isinstance(details, dict)
        if self.field.startswith("sources."):
            sources = event["sources"]
            assert isinstance(sources, list)
            return sources[0][self.field.removeprefix("sources.")]
        if self.field == "leads":
            return details["leads"][0]["name"]
        if self.field == "topics":
            return details["topics"][0]
        return details[self.field]


LIMITS = [
    Limit("SLUG", 64, (), "", "slug"),
    Limit("--title", 200, tuple(OPEN), "n-n", "title"),
    Limit("--topic", 200, tuple(TITLED), "n-n", "topics"),
    Limit("--lead", 200, tuple(TITLED), "n-n", "leads"),
    Limit("--location", 200, tuple(MEET), "m-n", "location"),
    Limit("--summary", 10_000, tuple(MEET), "m-n", "summary"),
    Limit("--source", 10_000, tuple(MEET), "m-n", "sources.citation"),
    Limit("--quote", 10_000, (*MEET, "--source", "AP"), "m-n", "sources.quote"),
    Limit("--note", 10_000, (*MEET, "--source", "AP"), "m-n", "sources.note"),
    Limit("--reason", 10_000, ("suspend", "a-b", "--on", "2020"), "a-b", "reason"),
    Limit("--reason", 10_000, ("resume", "s-t", "--on", "2020"), "s-t", "reason"),
    Limit("--reason", 10_000, ("conclude", "a-b", "--on", "2020"), "a-b", "reason"),
    Limit("--reason", 10_000, ("retract", "m-n", "2"), "m-n", "reason"),
]
IDS = [f"{limit.args[0] if limit.args else 'open'} {limit.option}" for limit in LIMITS]


def names_the_limit(line: str, limit: int) -> bool:
    return str(limit) in line or f"{limit:,}" in line


@pytest.mark.parametrize("limit", LIMITS, ids=IDS)
def test_text_exactly_at_the_limit_is_recorded_and_read_back_verbatim(
    limit: Limit, store: Store
) -> None:
    value = text_of(limit.limit)
    if limit.option == "SLUG":
        value = "a" * 64
    with store() as db:
        result = run_checked(limit.command(value), db)
        assert result.exit_code == 0, result.stderr
        slug = limit.slug or value
        assert limit.stored(history(db, slug)[-1]) == value
        if limit.option in ("SLUG", "--title"):
            assert status(db, slug)["title" if limit.option == "--title" else "channel"] == value


@pytest.mark.parametrize("limit", LIMITS, ids=IDS)
def test_one_character_over_the_limit_is_refused_naming_the_option_and_the_limit(
    limit: Limit, store: Store
) -> None:
    value = "a" * 65 if limit.option == "SLUG" else text_of(limit.limit + 1)
    with store() as db:
        result = run_checked(limit.command(value), db)
        assert result.exit_code == 2
        line = assert_one_line_error(result)
        assert line.startswith(f"error: {limit.option}:") or limit.option == "SLUG", line
        assert limit.option in line, line
        assert names_the_limit(line, limit.limit), line


@pytest.mark.parametrize("option", ["--quote", "--note"])
def test_a_quote_or_note_over_the_limit_is_reported_under_its_own_option(
    option: str, store: Store
) -> None:
    with store() as db:
        result = run_checked([*MEET, "--source", "AP", option, text_of(10_001)], db)
        line = assert_one_line_error(result)
        assert line.startswith(f"error: {option}:"), line


def test_a_megabyte_summary_is_refused_in_one_short_line_and_writes_nothing(
    store: Store,
) -> None:
    with store() as db:
        before = fingerprint(db)
        result = run([*MEET, "--summary", text_of(1_000_000)], db=db)
        assert result.exit_code == 2
        line = assert_one_line_error(result)
        assert "--summary" in line
        assert names_the_limit(line, 10_000)
        assert len(line) < 300, len(line)
        assert fingerprint(db) == before


def test_an_empty_title_location_topic_citation_or_retraction_reason_is_refused(
    store: Store,
) -> None:
    cases = [
        [*OPEN, "--title", ""],
        [*TITLED, "--topic", ""],
        [*MEET, "--location", ""],
        [*MEET, "--source", ""],
        ["retract", "m-n", "2", "--reason", ""],
        [*TITLED, "--lead", "USA="],
        [*TITLED, "--lead", "USA= \t"],
    ]
    with store() as db:
        for args in cases:
            result = run_checked(args, db)
            assert result.exit_code == 2, args


@pytest.mark.parametrize(
    ("per_year", "accepted"),
    [
        ("366", True),
        ("0.01", True),
        ("366.0001", False),
        ("366.0000001", False),
        ("0.0099999", False),
        ("5e-324", False),
        ("0", False),
        ("-1", False),
    ],
)
def test_per_year_is_kept_within_its_documented_bounds(
    per_year: str, accepted: bool, store: Store
) -> None:
    with store() as db:
        args = ["cadence", "m-n", "--level", "expert", "--per-year", per_year, "--on", "2020"]
        result = run_checked(args, db)
        assert result.exit_code == (0 if accepted else 2), result.stderr
        if not accepted:
            line = assert_one_line_error(result)
            assert line.startswith("error: --per-year:"), line
            assert "0.01" in line, line  # both bounds are named
            assert "366" in line, line
            # As given: a float prints 366.0000001 as 366 and 5e-324 as 5e-324 alike.
            assert line.endswith(f"(got {per_year})"), line


@pytest.mark.parametrize(
    ("per_year", "shown"),
    # JSON's number read as Python's int or float: shown as the shortest text that reads back.
    [("366.0000001", "366.0000001"), ("400", "400"), ("1e-3", "0.001"), ("-0.5", "-0.5")],
)
def test_a_per_year_out_of_bounds_in_a_seed_file_is_shown_as_written(
    per_year: str, shown: str, store: Store, tmp_path: Path
) -> None:
    entry = '{"command": "cadence", "slug": "m-n", "level": "expert", "on": "2020", "per_year": '
    (tmp_path / "cadence.jsonl").write_text(f"{entry}{per_year}}}\n", encoding="utf-8")
    with store() as db:
        result = run_checked(["import", str(tmp_path / "cadence.jsonl")], db)
        assert result.exit_code == 2, result.stderr
        line = assert_one_line_error(result)
        assert "per_year: must be at least 0.01 (once a century) and at most 366" in line
        assert line.endswith(f"(daily) (got {shown})"), line


# --- an error about a huge value stays readable --------------------------------------------------

MEGABYTE = "x" * 1_000_000
# Error lines cut a value's words at 80 characters and the whole line at 600 (after "error: ").
MAX_LINE = len("error: ") + 600
HUGE_VALUES = [
    (["open", "n-n", "--party", "US", "--party", "CN", "--on", "2020"], "--title"),
    ([*MEET], "--summary"),
    (["meet", "m-n"], "--on"),
    (["plan", "m-n", "--on", "2020"], "--window"),
    (["open", "n-n", "--title", "T", "--party", "US", "--on", "2020"], "--party"),
    ([*TITLED], "--lead"),
    (["suspend", "a-b", "--on", "2020"], "--by"),
    (["cadence", "m-n", "--level", "expert", "--on", "2020"], "--per-year"),
    (["conclude", "a-b", "--on", "2020"], "--successor"),
    (["status"], "--as-of"),
    (["status"], "--known-on"),
    (["status"], "--sort"),
    (["meet", "m-n", "--on", "2020"], "--level"),
]


@pytest.mark.parametrize(("args", "option"), HUGE_VALUES)
def test_the_error_about_a_megabyte_value_is_one_short_line(
    args: list[str], option: str, store: Store
) -> None:
    with store() as db:
        result = run_checked([*args, option, MEGABYTE], db)
        line = assert_one_line_error(result)
        assert result.exit_code == 2
        assert option in line
        assert len(line) <= MAX_LINE, f"{len(line)} characters: {line[:200]}…"


# --- the limits are documented -------------------------------------------------------------------


def _row(page: str, section: str, field: str) -> str:
    """The table row of ``field`` in the ``### section`` of a generated page."""
    part = page.split(f"### {section}\n", 1)[1].split("\n### ", 1)[0]
    found = re.search(rf"^\| `{field}` \|.*$", part, flags=re.M)
    assert found, f"{section}.{field} is not in the page"
    return found.group(0)


@pytest.mark.parametrize(
    ("section", "field", "limit"),
    [
        ("ChannelOpened", "title", "1–200 characters"),
        ("ChannelOpened", "topics", "1–200 characters"),
        ("MeetingHeld", "location", "1–200 characters"),
        ("MeetingHeld", "summary", "at most 10,000 characters"),
        ("Suspended", "reason", "at most 10,000 characters"),
        ("Resumed", "reason", "at most 10,000 characters"),
        ("Concluded", "reason", "at most 10,000 characters"),
        ("EventRetracted", "reason", "1–10,000 characters"),
        ("Lead", "name", "1–200 characters"),
        ("Source", "citation", "1–10,000 characters"),
        ("Source", "quote", "at most 10,000 characters"),
        ("Source", "note", "at most 10,000 characters"),
        ("CadenceAgreed", "per_year", "≥ 0.01, ≤ 366"),
    ],
)
def test_every_limit_is_documented_in_the_domain_page(section: str, field: str, limit: str) -> None:
    page = (DOCS / "domain.md").read_text(encoding="utf-8")
    assert limit in _row(page, section, field)


def test_the_slug_limit_is_documented_in_the_domain_page() -> None:
    page = (DOCS / "domain.md").read_text(encoding="utf-8")
    assert "at most 64 characters" in page.split("| **slug** |", 1)[1].split("\n", 1)[0]


def test_the_domain_page_agrees_with_the_cli_on_who_sets_a_source_note() -> None:
    page = (DOCS / "domain.md").read_text(encoding="utf-8")
    cli = (DOCS / "cli.md").read_text(encoding="utf-8")
    assert "| `--note` |" in cli
    assert "no command sets it" not in _row(page, "Source", "note")


def test_the_cadence_help_names_the_lower_bound_of_per_year() -> None:
    shown = run(["cadence", "--help"], db=None)
    assert shown.exit_code == 0
    help_text = " ".join(shown.stdout.split())
    assert "0.01" in help_text, help_text
