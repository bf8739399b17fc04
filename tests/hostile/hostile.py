"""Hostile values, fresh stores, and the checks every hostile-input test shares.

The values are what a careless paste, a malicious colleague or a broken script may hand the
tracker: any Unicode (control characters, escape sequences, right-to-left marks, emoji, lone
combining marks), SQL and shell metacharacters, dates at the edges of the calendar, numbers at
the edges of floating point, and very long strings.

Known bugs are kept out of the generated values on purpose, each by one named filter below, so
that the properties keep guarding everything else; every excluded input has its own test marked
``xfail(strict=True, reason="BUG: …")``. When a bug is fixed, that test starts to pass (and
fails as XPASS): remove its mark and the filter named in its docstring.
"""

from __future__ import annotations

import datetime as dt
import functools
import shutil
import unicodedata
import uuid
from pathlib import Path
from typing import Any
from unittest import mock

import typer.testing
from hypothesis import strategies as st

from tests.support import CliResult, fingerprint, stored_rows

DOCUMENTED_EXIT_CODES = (0, 1, 2, 3)


@functools.cache
def _command() -> Any:
    from typer.main import get_command

    from tracker.cli.app import app

    return get_command(app)


def run(args: list[str], *, db: str | None) -> CliResult:
    """``tests.support.run_cli``, with the Click command built from the Typer app only once.

    run_cli converts the Typer app into a Click command on every call, which is nine tenths of
    its time; the hostile tests run thousands of commands. Everything else is the same: the
    real app, in-process, with the same environment, streams and exit codes
    (test_fuzz_cli.py::test_the_fast_runner_answers_exactly_as_run_cli checks it).
    """
    from tracker.cli.app import app

    env = {"NO_COLOR": "1", "COLUMNS": "200"}
    if db is not None:
        env["TRACKER_DB"] = db
    with mock.patch.object(typer.testing, "_get_command", return_value=_command()):
        result = typer.testing.CliRunner().invoke(app, args, env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return CliResult(result.exit_code, result.stdout, result.stderr)


# --- text ----------------------------------------------------------------------------------------

SQL = ["'; DROP TABLE stored_events; --", '"; DROP TABLE rm_channels; --', "%s", "?", "%(x)s", "\\"]
SHELL = ["$(rm -rf /)", "`id`", "|", "&&", ";", "> /etc/passwd", "*", "~", "$HOME", "!!"]
TERMINAL = [
    "\x1b[31m",  # colour
    "\x1b[2J",  # clear the screen
    "\x1b]0;pwned\x07",  # set the window title
    "\x1b]8;;https://evil.example\x1b\\link\x1b]8;;\x1b\\",  # a hyperlink
    "\x9b31m",  # a C1 control sequence introducer
    "\x07",
    "\x08",
    "\x7f",
]
UNICODE = [
    "\x00",
    "\r",
    "\n",
    "\r\n",
    "\t",
    "\x0b",
    "\x0c",
    "\x1c",
    "\x85",
    "\u2028",
    "\u2029",
    "\u202e",  # right-to-left override
    "\u200f",  # right-to-left mark
    "\u2066",  # left-to-right isolate
    "\u200b",  # zero width space
    "\ufeff",  # byte order mark
    "\u0301",  # a lone combining acute accent
    "\u0e49",  # a lone Thai tone mark
    "😀",
    "👩\u200d👩\u200d👧",
    "🇺🇸",
    "\U0010ffff",
    "\ufffd",
    "\uffff",
    "ﷺ",
    "İ",  # its lower case is longer than itself
    "ß",
]
OTHER = [" ", "", "--help", "-x", "--", "=", "<script>alert(1)</script>", "null", "None", "NaN"]
PIECES = SQL + SHELL + TERMINAL + UNICODE + OTHER

any_character = st.characters(exclude_categories=("Cs",))  # every code point a str can hold


@functools.cache
def texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Any text: random code points, hostile pieces, and mixtures of both."""
    return st.one_of(
        st.text(any_character, max_size=max_size),
        st.sampled_from(PIECES),
        st.lists(
            st.one_of(st.sampled_from(PIECES), st.text(any_character, max_size=8)), max_size=5
        ).map("".join),
    )


@functools.cache
def nonempty_texts(max_size: int = 40) -> st.SearchStrategy[str]:
    """Text a user may give: anything but blank text (refused, exit 2)."""
    return texts(max_size).filter(lambda text: not is_blank(text))


# Categories of characters that show nothing: spaces, line and paragraph separators, control
# and format characters (a zero-width space, a byte-order mark).
BLANK_CATEGORIES = frozenset({"Zs", "Zl", "Zp", "Cc", "Cf"})


def is_blank(text: str) -> bool:
    """Documented: text made only of characters that show nothing is refused as empty."""
    return all(unicodedata.category(c) in BLANK_CATEGORIES for c in text)


def is_a_lead_name(text: str) -> bool:
    """Not blank, and not starting with a space.

    Documented: a name that is only whitespace is refused (PARTY= is no lead), and spaces
    around the ``=`` of PARTY=NAME only separate (``USA = Gina`` names ``Gina``), so a leading
    space is not part of the name; test_fuzz_cli.py checks both by example.
    """
    return not is_blank(text) and not text.startswith(" ")


def has_no_trailing_space(text: str) -> bool:
    """False for a name ending in a space.

    Documented: spaces before and after the code and the name are dropped (--lead's help);
    test_fuzz_cli.py::test_spaces_at_the_end_of_a_lead_name_are_dropped checks it by example.
    """
    return not text.endswith(" ")


@functools.cache
def lead_names() -> st.SearchStrategy[str]:
    """Names for PARTY=NAME: any text, other whitespace (\\t, \\x1c, \\u2028) around it too."""
    return nonempty_texts().filter(is_a_lead_name).filter(has_no_trailing_space)


@functools.cache
def around_limit(limit: int) -> st.SearchStrategy[str]:
    """Text one or two characters either side of a length limit, of any character."""
    return st.tuples(st.integers(limit - 2, limit + 2), any_character).map(lambda t: t[1] * t[0])


# --- dates ---------------------------------------------------------------------------------------

EDGE_DATES = [
    "0001-01-01",
    "9999-12-31",
    "0001",
    "9999",
    "0000",
    "0000-01-01",
    "10000-01-01",
    "2024-02-29",
    "2023-02-29",
    "2100-02-29",
    "2000-02-29",
    "2023-02-30",
    "2023-13-01",
    "2023-00-10",
    "2023-12-00",
    "0001/9999",
    "0001-01-01/9999-12-31",
    "9999-12-31/0001-01-01",
    "2023-08/2023-07",
    "~",
    "2023-08-28~~",
    "2023-08-28~",
    "2024-04~",
    "2023~/2024~",
    "~2023",
    "2023/",
    "/2023",
    "/",
    "2023//2024",
    "2023/2024/2025",
    "2023-8-1",
    " 2023 ",
    "2023\n",
    "２０２３",
    "٢٠٢٣",
    "2023-08-28T00:00",
    "-2023",
    "+2023",
    "2023-W01",
    "99999",
    "1e3",
    "",
]

days = st.dates(min_value=dt.date(1, 1, 1), max_value=dt.date(9999, 12, 31))
# A fact dated after today is refused (only a plan may lie ahead): valid dates are in the past.
PAST = dt.date(2025, 12, 31)
past_days = st.dates(min_value=dt.date(1, 1, 1), max_value=PAST)


DATE_FORMS = st.sampled_from(["day", "day", "month", "year", "day~", "month~", "year~"])


def edtf(day: dt.date, form: str) -> str:
    """A day in one of the EDTF forms the tracker reads (years are always four digits)."""
    text = {
        "year": f"{day.year:04d}",
        "month": f"{day.year:04d}-{day.month:02d}",
        "day": day.isoformat(),
    }[form.rstrip("~")]
    return text + ("~" if form.endswith("~") else "")


@functools.cache
def valid_dates(within: st.SearchStrategy[dt.date] = past_days) -> st.SearchStrategy[str]:
    """A date or an interval in any of the accepted forms (built once for each ``within``)."""
    return _valid_dates(within)


@st.composite
def _valid_dates(draw: st.DrawFn, within: st.SearchStrategy[dt.date]) -> str:
    """A date or an interval in any of the accepted forms, anywhere in the calendar."""
    forms = DATE_FORMS
    first = edtf(draw(within), draw(forms))
    if not draw(st.integers(0, 3)):
        later = draw(within)
        second = edtf(later, draw(forms))
        start, end = sorted([first, second])
        return f"{start}/{end}"
    return first


@st.composite
def _span(draw: st.DrawFn, start: dt.date, end: dt.date, keep: dt.date) -> str:
    """The day ``keep`` in any form, or the interval from ``start`` to ``end`` in any forms."""
    if draw(st.integers(0, 3)):
        return edtf(keep, draw(DATE_FORMS))
    return f"{edtf(start, draw(DATE_FORMS))}/{edtf(end, draw(DATE_FORMS))}"


@st.composite
def _agreement_and_window(draw: st.DrawFn) -> tuple[str, str]:
    first, second, third, last = sorted(draw(st.lists(days, min_size=4, max_size=4)))
    on = draw(_span(first, second, keep=first))  # its earliest day is at most ``first``
    window = draw(_span(third, last, keep=last))  # its latest day is at least ``last``
    return on, window


@functools.cache
def agreements_and_windows() -> st.SearchStrategy[tuple[str, str]]:
    """--on and --window of a valid plan, in any accepted forms.

    The window may not end before the day the meeting was agreed (exit 2 otherwise:
    test_fuzz_cli.py::test_a_plan_whose_window_ends_before_the_agreement_is_refused).
    """
    return _agreement_and_window()


@functools.cache
def any_dates() -> st.SearchStrategy[str]:
    return st.one_of(valid_dates(), st.sampled_from(EDGE_DATES), texts(20))


@functools.cache
def days_text() -> st.SearchStrategy[str]:
    """Values for --as-of: exact days, edge dates and anything else."""
    return st.one_of(days.map(dt.date.isoformat), st.sampled_from(EDGE_DATES), texts(20))


EDGE_MOMENTS = [
    "0001-01-01",
    "0001-01-01T00:00",
    "0001-01-01T00:00+01:00",
    "0001-01-01T00:00:00+23:59",
    "9999-12-31",
    "9999-12-31T23:59:59.999999",
    "9999-12-31T23:59-01:00",
    "9999-12-31T23:59:59.999999-23:59",
    "2023-09-01T12:00Z",
    "2023-09-01T12:00:00.000000001",
    "2023-09-01T24:00",
    "2023-09-01T25:00",
    "2023-W01",
    "20230901",
    "2023-02-29",
    "2024-02-29T12:00",
    "10000-01-01",
    "now",
    "~",
    "",
]


@functools.cache
def moments() -> st.SearchStrategy[str]:
    """Values for --known-on: days, moments with and without offsets, edges, anything."""
    offsets = st.sampled_from(["", "Z", "+00:00", "+05:30", "-23:59", "+14:00"])
    generated = st.tuples(
        st.datetimes(min_value=dt.datetime(1, 1, 2), max_value=dt.datetime(9999, 12, 30)), offsets
    ).map(lambda t: t[0].isoformat() + t[1])
    return st.one_of(generated, st.sampled_from(EDGE_MOMENTS), texts(20))


# --- numbers, parties, levels, slugs -------------------------------------------------------------

EDGE_PER_YEAR = [
    "5e-324",
    "1e-300",
    "0.0099999",
    "0.01",
    "1e308",
    "1e309",
    "inf",
    "-inf",
    "Infinity",
    "nan",
    "-0",
    "0",
    "0.0",
    "0x10",
    "0b1",
    "0.5",
    "1",
    "366",
    "366.0000001",
    "367",
    "1_0",
    " 2 ",
    "+1",
    ".5",
    "1.",
    "1e-400",
    "٣",
    "½",
    "2/3",
    "",
]


@functools.cache
def per_year_values() -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(EDGE_PER_YEAR),
        st.floats().map(repr),
        st.floats(min_value=0.001, max_value=366).map(str),
        st.integers().map(str),
        texts(12),
    )


EDGE_SEQS = ["0", "-1", "1", "2", "3", "9", str(2**31), str(2**63), str(2**64), str(10**30)]
EDGE_SEQS += ["1.5", "0x10", "", "٣", " 2", "+2", "1e3", "2 ", "--1"]


@functools.cache
def seqs() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(EDGE_SEQS), st.integers().map(str), texts(8))


CHANNEL_PARTIES = ["US", "USA", "CN", "CHN", "us", "chn", " US ", "Cn"]
OTHER_PARTIES = ["GB", "JPN", "XX", "ZZZ", "U", "USAA", "EU", "12", "", " ", "U\x00S"]


@functools.cache
def parties() -> st.SearchStrategy[str]:
    return st.one_of(st.sampled_from(CHANNEL_PARTIES + OTHER_PARTIES), texts(6))


LEVELS = ("leader", "ministerial", "vice-ministerial", "senior-official", "expert", "working")


@functools.cache
def choices(valid: tuple[str, ...]) -> st.SearchStrategy[str]:
    """A value for an option with a fixed set of choices: mostly valid, sometimes anything."""
    return st.one_of(st.sampled_from(valid), texts(12))


SLUG_SHAPE = r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}"
valid_slugs = st.from_regex(SLUG_SHAPE, fullmatch=True)
BAD_SLUGS = ["", "-", "a-", "-a", "a--b", "A-B", "a_b", "a b", "é", "a" * 65, "a-b\x00", "--help"]


@functools.cache
def any_slugs(existing: tuple[str, ...]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.sampled_from(sorted(existing)), valid_slugs, st.sampled_from(BAD_SLUGS), texts(12)
    )


# --- stores --------------------------------------------------------------------------------------

# Hostile text already stored, so that every reader renders it.
STORED_TITLE = "Evil \x1b[31mred\x1b[0m '; DROP TABLE stored_events; -- \u202eRTL 😀 \x00 %s ?"
STORED_NAME = "Gina \x1b]0;pwned\x07 Raimondo"
STORED_REASON = "\x1b[2J$(rm -rf /) `id` | && \r\n"

PARTIES = ("--party", "US", "--party", "CN")
TEMPLATE_COMMANDS: list[list[str]] = [
    # a-b: agreed, ministerial, a cadence and a plan (so something is overdue).
    [
        *("open", "a-b", "--title", STORED_TITLE, *PARTIES, "--on", "0001-01-01"),
        *("--level", "ministerial", "--lead", f"USA={STORED_NAME}", "--topic", "trade\r\n"),
        *("--source", STORED_REASON, "--quote", STORED_TITLE, "--note", STORED_NAME),
    ],
    ["cadence", "a-b", "--level", "ministerial", "--per-year", "2", "--on", "0001-01-01"],
    ["plan", "a-b", "--on", "0001-01-01", "--window", "0001-06/0002-01", "--host", "CN"],
    # p-q: proposed.
    [
        "open",
        "p-q",
        "--title",
        "Proposed \u0301",
        *PARTIES,
        "--on",
        "0001-01-01",
        "--status",
        "proposed",
    ],
    # s-t: suspended.
    ["open", "s-t", "--title", "Suspended", *PARTIES, "--on", "0001-01-01"],
    ["suspend", "s-t", "--on", "0001-06-01", "--by", "CN", "--reason", STORED_REASON],
    # m-n: active, with a meeting (#2) to retract.
    ["open", "m-n", "--title", "Met", *PARTIES, "--on", "0001-01-01", "--level", "expert"],
    ["meet", "m-n", "--on", "0001-02-01", "--location", STORED_TITLE, "--summary", STORED_REASON],
]
EXISTING = ("a-b", "p-q", "s-t", "m-n")


def build_template(path: Path) -> Path:
    """A SQLite store holding the template channels (built once, copied for each example)."""
    for args in TEMPLATE_COMMANDS:
        result = run(args, db=str(path))
        assert result.exit_code == 0, (args, result.output)
    return path


def fresh_copy(template: Path, folder: Path) -> str:
    """A new SQLite file with the template's content."""
    copy = folder / f"{uuid.uuid4().hex}.db"
    shutil.copyfile(template, copy)
    return str(copy)


def remove_store(db: str) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(db + suffix).unlink(missing_ok=True)


# --- checks --------------------------------------------------------------------------------------


def assert_documented_outcome(result: CliResult) -> None:
    """Exit 0-3 (never 4, the tracker's own "this is a bug"), no traceback anywhere."""
    assert result.exit_code in DOCUMENTED_EXIT_CODES, (
        f"exit {result.exit_code}: {result.stderr[:2000]!r}"
    )
    assert "Traceback" not in result.output, result.output[:2000]


def assert_one_line_error(result: CliResult) -> str:
    """A failure prints nothing on stdout and exactly one ``error: …`` line on stderr."""
    assert result.exit_code != 0
    assert result.stdout == "", result.stdout[:2000]
    assert result.stderr.startswith("error: "), result.stderr[:2000]
    assert result.stderr.endswith("\n"), result.stderr[:2000]
    lines = result.stderr[:-1].splitlines()
    assert len(lines) == 1, result.stderr[:2000]
    return lines[0]


def run_checked(args: list[str], db: str) -> CliResult:
    """Run the command: it ends in a documented way, and a refusal writes nothing."""
    before = fingerprint(db)
    result = run(args, db=db)
    assert_documented_outcome(result)
    if result.exit_code != 0:
        assert_one_line_error(result)
        assert fingerprint(db) == before, f"refused (exit {result.exit_code}) but wrote: {args!r}"
    return result


def stored_count(db: str) -> int:
    """How many events the store holds."""
    return len(stored_rows(db))


def history(db: str, slug: str) -> list[dict[str, Any]]:
    result = run(["history", slug, "--json", "--by", "recorded"], db=db)  # in record order
    assert result.exit_code == 0, result.output[:2000]
    events: list[dict[str, Any]] = result.json()
    return events


def status(db: str, slug: str) -> dict[str, Any]:
    result = run(["status", slug, "--json", "--as-of", "9999-12-31"], db=db)
    assert result.exit_code == 0, result.output[:2000]
    view: dict[str, Any] = result.json()
    return view
