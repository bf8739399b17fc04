"""Text a user typed is shown as text, and never acts as markup or as a terminal command.

A lead ``USA=<img src=x onerror=alert(1)>`` was written raw into the Markdown report, a newline
in a title forged a heading, ``[x](javascript:…)`` became a link; ``tracker report`` sent raw
escape sequences from stored text to the terminal, JSON carried raw C1 controls (\\x9b opens a
control sequence, as ESC [ does), and a CSV cell could start a spreadsheet formula.

- Markdown: a report built from hostile text has exactly the structure (headings, tables,
  rows, cells, emphasis, code, links: none) of the same report built from plain words.
- HTML: no link but the report's own ``#slug`` anchors, no element or attribute from the data,
  and a Content-Security-Policy that lets nothing run or load.
- Terminals: every command's output on a pseudo-terminal holds no control character from the
  data (only rich's own colours, on the dashboard, when colour is on).
- JSON (``--json``, ``report --format json``, ``export``, ``watch --json``), piped: DEL, C1,
  bidi controls and line separators are ``\\uXXXX`` escapes; the data read back is the same.
- CSV: a cell that would start a formula has an apostrophe in front, and so has a line of a
  cell that would; every line break in a cell is a line feed, which csv quotes.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
import uuid
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
from markdown_it import MarkdownIt

from tests.cli.terminal import run_on_terminal
from tests.support import PG_ADMIN_URL, create_database, drop_database, run_cli

# Each field gets a different attack, all at once.
EVIL = {
    "title": "Talks\n# Forged heading [x](javascript:alert(1)) \x1b]0;pwned\x07\u202eRTL",
    "lead": "<img src=x onerror=alert(1)>\u200f\u061c\u200e mark\u200b\ufeff",
    "topic": "| injected | cells |",
    "citation": "[report](javascript:alert(document.cookie)) <https://evil.example>",
    "quote": "*em* _em_ **strong** `code` ~~gone~~ $x$ \\[x\\](javascript:y)",
    "note": "&lt;b&gt; &#106;avascript:alert(1) <script>alert(1)</script>",
    "location": "![pixel](https://evil.example/t.png)",
    "summary": "first\r\n## second\u2028### third\u2029\x85fourth \x9b31m\x1b[2J\x7f",
    "reason": "> quoted\n- listed\n1. numbered\n```\ncode\n```",
    "retraction": "<a href='javascript:alert(1)'>click</a>\u2066isolate\u2069",
}
PLAIN = dict.fromkeys(EVIL, "plain words")
# Raw controls no terminal may receive (C0 but line feed and tab, DEL, C1, bidi controls, the
# line and paragraph separators, zero-width spaces).
RAW_CONTROL = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200b\u200e\u200f\u2028\u2029\u202a-\u202e"
    "\u2066-\u2069\ufeff]"
)
RICH_STYLE = re.compile(r"\x1b\[[0-9;]*m")
# What JSON must never carry raw.
RAW_IN_JSON = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")


def record(db: str, text: dict[str, str]) -> None:
    """One channel whose every text field holds ``text``'s value for it."""
    for args in (
        [
            *("open", "c-h", "--title", text["title"], "--party", "US", "--party", "CN"),
            *("--on", "2000", "--level", "ministerial", "--lead", f"USA={text['lead']}"),
            *("--topic", text["topic"], "--source", text["citation"], "--quote", text["quote"]),
            *("--note", text["note"]),
        ],
        ["cadence", "c-h", "--level", "ministerial", "--per-year", "1", "--on", "2000"],
        ["plan", "c-h", "--on", "2000", "--window", "2000-06", "--level", "expert"],
        [
            *("meet", "c-h", "--on", "2001-01-01", "--location", text["location"]),
            *("--summary", text["summary"], "--lead", f"USA={text['lead']}"),
            *("--source", text["citation"]),
        ],
        ["suspend", "c-h", "--on", "2002", "--reason", text["reason"]],
        ["resume", "c-h", "--on", "2003", "--reason", text["reason"]],
        ["meet", "c-h", "--on", "2003-06", "--location", text["location"]],
        ["retract", "c-h", "7", "--reason", text["retraction"]],
    ):
        result = run_cli(args, db=db)
        assert result.exit_code == 0, (args, result.output)


@pytest.fixture
def evil(db: str) -> str:
    record(db, EVIL)
    return db


@pytest.fixture
def plain(db: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A second store of the same kind, whose every text field holds plain words."""
    if db.startswith("postgresql://"):
        twin = str(request.getfixturevalue("postgres_twin"))
    else:
        twin = str(tmp_path / "plain.db")
    record(twin, PLAIN)
    return twin


@pytest.fixture
def postgres_twin() -> Iterator[str]:
    name = "tracker_test_" + uuid.uuid4().hex[:12]
    create_database(name)
    try:
        yield PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name
    finally:
        drop_database(name)


REPORT = ["report", "--as-of", "2004-01-01"]


# --- Markdown --------------------------------------------------------------------------------


def markdown_structure(text: str) -> list[str]:
    """Every block and inline element of a Markdown document, but the text itself."""
    parser = MarkdownIt("commonmark").enable("table").enable("strikethrough")
    kinds = []
    for token in parser.parse(text):
        kinds.append(f"{token.type}:{token.tag}")
        for child in token.children or []:
            if child.type not in ("text", "text_special"):
                code = child.content if child.type == "code_inline" else ""
                kinds.append(f"  {child.type}:{child.tag}:{code}")
    return kinds


def test_hostile_text_gives_a_markdown_report_the_structure_of_plain_words(
    evil: str, plain: str
) -> None:
    hostile = run_cli(REPORT, db=evil)
    ordinary = run_cli(REPORT, db=plain)
    assert hostile.exit_code == 0, hostile.output
    assert markdown_structure(hostile.stdout) == markdown_structure(ordinary.stdout)
    rendered = MarkdownIt("commonmark").enable("table").render(hostile.stdout)
    for forbidden in ("<a ", "<img", "<script", "<h3", "<blockquote", "<ul", "<ol", "<pre"):
        assert forbidden not in rendered, forbidden


def test_each_hostile_value_is_shown_in_the_markdown_report_as_written(evil: str) -> None:
    """What a reader sees is the text itself, on one line, control characters as escapes."""
    rendered = MarkdownIt("commonmark").enable("table").render(run_cli(REPORT, db=evil).stdout)
    seen = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    for field, value in EVIL.items():
        one_line = re.sub("[\t\n\x0b\x0c\r\x1c-\x1e\x85\u2028\u2029]", " ", value)
        shown = RAW_CONTROL.sub(lambda m: repr(m.group())[1:-1], one_line)
        assert shown in seen, f"{field}: {shown!r} not shown"


# --- HTML ------------------------------------------------------------------------------------


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attributes: list[tuple[str, str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes.extend((tag, name, value) for name, value in attrs)


def elements(text: str) -> Elements:
    found = Elements()
    found.feed(text)
    return found


def test_hostile_text_adds_no_element_link_or_attribute_to_the_html_report(
    evil: str, plain: str
) -> None:
    hostile = elements(run_cli([*REPORT, "--format", "html"], db=evil).stdout)
    ordinary = elements(run_cli([*REPORT, "--format", "html"], db=plain).stdout)
    assert hostile.tags == ordinary.tags
    links = [value for tag, name, value in hostile.attributes if name in ("href", "src")]
    # The summary's link to the channel's section, and its lane's label in the narrow timeline.
    assert links == ["#c-h", "#c-h"]
    assert not [name for _, name, _ in hostile.attributes if name.startswith("on")]
    policies = [
        value for tag, name, value in hostile.attributes if tag == "meta" and name == "content"
    ]
    assert "default-src 'none'; style-src 'unsafe-inline'" in policies


# --- terminals --------------------------------------------------------------------------------

ON_A_TERMINAL = [
    REPORT,
    [*REPORT, "--format", "json"],
    [*REPORT, "--format", "html"],
    ["export"],
    ["export", "--format", "csv"],
    ["calendar", "--as-of", "2004-01-01"],
    ["history", "c-h"],
    ["history", "c-h", "--json"],
    ["status", "c-h", "--as-of", "2004-01-01"],
    ["status", "--as-of", "2004-01-01"],
    ["status", "--json"],
    ["overdue", "--as-of", "2004-01-01"],
    ["watch", "--all", "--count", "3"],
    ["watch", "--all", "--count", "3", "--json"],
    ["verify"],
]


@pytest.mark.parametrize("args", ON_A_TERMINAL, ids=" ".join)
def test_no_command_sends_a_control_character_from_the_data_to_a_terminal(
    args: list[str], evil: str
) -> None:
    shown = run_on_terminal(args, db=evil, no_color=True)
    assert shown.exit_code == 0, shown.output
    output = shown.output.replace("\r\n", "\n")  # the terminal's own line ends
    found = RAW_CONTROL.findall(output)
    assert not found, f"raw {sorted(set(found))!r} in {output[:600]!r}"


def test_the_calendar_shows_control_characters_from_the_data_as_escapes(evil: str) -> None:
    import icalendar

    from tracker.reports.escaping import printable

    result = run_cli(["calendar", "--as-of", "2004-01-01"], db=evil)
    assert result.exit_code == 0, result.output
    found = RAW_CONTROL.findall(result.stdout)
    assert not found, f"raw {sorted(set(found))!r} in the calendar"
    events = icalendar.Calendar.from_ical(result.stdout).events
    assert events, "the calendar holds no event: the test proves nothing"
    for event in events:
        assert str(event["DESCRIPTION"]).startswith(printable(EVIL["title"]) + "\n")


def test_the_dashboard_keeps_its_colours_and_its_cells_are_made_safe(evil: str) -> None:
    shown = run_on_terminal(["status", "--as-of", "2004-01-01"], db=evil, no_color=False)
    assert shown.exit_code == 0, shown.output
    assert "\x1b[32m" in shown.output, "the active status is no longer green"
    output = RICH_STYLE.sub("", shown.output.replace("\r\n", "\n"))
    assert not RAW_CONTROL.findall(output)
    assert "\\x1b]0;pwned\\x07" in output  # the title's escape sequence, shown escaped


# --- JSON, piped ------------------------------------------------------------------------------

JSON_OUTPUTS: list[tuple[list[str], Callable[[str], Any]]] = [
    (["status", "c-h", "--json"], json.loads),
    (["status", "--json"], json.loads),
    (["history", "c-h", "--json"], json.loads),
    (["overdue", "--json", "--as-of", "2004-01-01"], json.loads),
    ([*REPORT, "--format", "json"], json.loads),
    (["export"], lambda text: [json.loads(line) for line in text.splitlines()]),
    (
        ["watch", "--all", "--count", "8", "--json"],
        lambda t: [json.loads(x) for x in t.splitlines()],
    ),
    (["verify", "--json"], json.loads),
]


@pytest.mark.parametrize(
    ("args", "parse"), JSON_OUTPUTS, ids=lambda a: " ".join(a) if isinstance(a, list) else ""
)
def test_json_output_escapes_invisible_controls_and_keeps_the_same_data(
    args: list[str], parse: Callable[[str], Any], evil: str
) -> None:
    result = run_cli(args, db=evil)
    assert result.exit_code == 0, result.output
    found = RAW_IN_JSON.findall(result.stdout)
    assert not found, f"raw {sorted(set(found))!r} in JSON"
    data = parse(result.stdout)  # still valid JSON
    text = json.dumps(data, ensure_ascii=False)
    if args[0] in ("history", "export", "watch"):
        assert json.dumps(EVIL["summary"], ensure_ascii=False)[1:-1] in text  # the same data


def test_the_exported_history_holds_every_stored_text_exactly(evil: str) -> None:
    events = [json.loads(line) for line in run_cli(["export"], db=evil).stdout.splitlines()]
    assert events[0]["details"]["title"] == EVIL["title"]
    assert events[0]["details"]["leads"][0]["name"] == EVIL["lead"]
    assert events[0]["sources"][0] == {
        "citation": EVIL["citation"],
        "quote": EVIL["quote"],
        "note": EVIL["note"],
        "confidence": "medium",
    }
    assert events[3]["details"]["summary"] == EVIL["summary"]


# --- CSV ----------------------------------------------------------------------------------------


FORMULA_CHARACTERS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# Every character str.splitlines ends a line at: a reader of that kind ends a row there.
LINE_BREAKS = ["\n", "\r", "\r\n", "\v", "\f", "\x1c", "\x1d", "\x1e", "\x85", "\u2028", "\u2029"]
# What may come before a formula and leave it one: blanks a spreadsheet trims or hides.
BLANKS = [" ", "\xa0", "\u200b", "\ufeff", "  \xa0\u200b\ufeff"]


def test_a_csv_cell_that_would_start_a_formula_gets_an_apostrophe() -> None:
    from tracker.reports.export import FIELDS, as_csv, spreadsheet_cell

    for start in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", '=HYPERLINK("http://e","x")']:
        assert spreadsheet_cell(start) == "'" + start
    for character in FORMULA_CHARACTERS:  # full-width forms, which some spreadsheets convert
        assert spreadsheet_cell(character + "1") == "'" + character + "1"
        for blank in BLANKS:  # trimmed or unseen, a formula still follows
            assert spreadsheet_cell(blank + character + "1") == "'" + blank + character + "1"
    assert spreadsheet_cell("\rx") == "\nx"  # a carriage return is a line break: no formula
    for harmless in ["a=b", "", "x-1", "a =1", "1-", "\u200bx"]:
        assert spreadsheet_cell(harmless) == harmless
    assert spreadsheet_cell(-1) == -1  # a number is no formula
    row: dict[str, Any] = dict.fromkeys(FIELDS, "")
    row.update(details={}, sources=[], retracted=False, seq=1, channel="=1+1", kind="@x")
    row.update(cameo="---")  # the tracker's own code for no CAMEO event, kept as it is
    written = next(csv.DictReader(io.StringIO("".join(as_csv([row])))))
    assert (written["channel"], written["kind"], written["cameo"]) == ("'=1+1", "'@x", "---")


@pytest.mark.parametrize("breaking", LINE_BREAKS, ids=repr)
def test_every_line_break_in_a_csv_cell_is_a_line_feed_and_only_the_cell_start_is_defused(
    breaking: str,
) -> None:
    from tracker.reports.export import spreadsheet_cell

    assert spreadsheet_cell(f"a{breaking}b") == "a\nb"
    assert spreadsheet_cell(f"a{breaking} =b") == "a\n =b"  # not a cell's start: as written
    assert spreadsheet_cell(f"{breaking}=b") == "'\n=b"  # the cell's first character: =


def test_no_exported_csv_cell_starts_a_formula(db: str) -> None:
    formula = '=HYPERLINK("https://evil.example","click")'
    record(db, {**PLAIN, "title": formula, "lead": formula, "citation": formula})
    result = run_cli(["export", "--format", "csv"], db=db)
    assert result.exit_code == 0, result.output
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert rows
    for row in rows:
        for name, cell in row.items():
            if name != "cameo":  # the tracker's own codes: "---" is a retraction's
                assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), (name, cell)
    assert rows[0]["title"] == "'" + formula  # still there, shown as text
    assert rows[0]["leads"] == "USA=" + formula  # the cell begins with its party: no formula
    assert rows[0]["source_1_citation"] == "'" + formula


@pytest.mark.parametrize("breaking", [*LINE_BREAKS, "\r\r", "\u2028 \u200b"], ids=repr)
def test_a_line_break_in_a_text_never_splits_a_csv_row_nor_starts_one_with_a_formula(
    db: str, breaking: str
) -> None:
    """csv quotes a cell holding a line feed, not one holding a lone carriage return (or any
    other line break but the line feed): readers ended the row there, and the rest of the cell
    became a row of its own, formula first. Every line break is now a line feed: no row is
    split, none starts a formula, and the later lines of a cell are kept as written."""
    text = f"talks{breaking}=2+5+cmd|' /C calc'!A0"
    record(db, dict.fromkeys(EVIL, text))
    events = run_cli(["export", "--format", "jsonl"], db=db).stdout.splitlines()
    result = run_cli(["export", "--format", "csv"], db=db)
    assert result.exit_code == 0, result.output
    rows = list(csv.reader(io.StringIO(result.stdout, newline="")))
    header, body = rows[0], rows[1:]
    assert len(body) == len(events)  # one row per event, none split
    assert all(len(row) == len(header) for row in body)
    for row in body:
        assert not row[0].startswith(("=", "+", "-", "@")), row
    summaries = [row[header.index("summary")] for row in body if row[header.index("summary")]]
    as_shown = breaking.replace("\r\n", "\n")
    for other in LINE_BREAKS:
        as_shown = as_shown.replace(other, "\n")
    assert summaries == [f"talks{as_shown}=2+5+cmd|' /C calc'!A0"]


def test_the_export_help_says_formulas_are_defused() -> None:
    result = run_cli(["export", "--help"], db=None)
    assert "apostrophe" in " ".join(result.stdout.split())
