"""The command line as DESIGN §5 describes it, run in-process on SQLite and on PostgreSQL."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from collections.abc import Callable

import pytest
from typer.testing import CliRunner

from tests.cli.expect import ANSI_ESCAPE, assert_error, nothing_written
from tests.cli.terminal import PROJECT, PYTHON, run_on_terminal
from tests.support import CliResult, run_cli
from tracker import __version__

Tracker = Callable[..., CliResult]

COMMERCIAL = "us-cn-commercial-wg"
AI = "us-cn-ai-talks"
QUOTE = "she and Wang would meet once a year"

# The DESIGN §5 commands, each with the lines it prints.
SESSION: list[tuple[list[str], list[str]]] = [
    (
        [
            "open", COMMERCIAL, "--title", "US–China Commercial Issues Working Group",
            "--party", "US", "--party", "CN", "--on", "2023-08-28", "--level", "ministerial",
            "--lead", "USA=Gina Raimondo", "--lead", "CHN=Wang Wentao", "--topic", "trade",
            "--source", "AP, 2023-08-29", "--quote", QUOTE, "--confidence", "high",
        ],
        [f"recorded #1 opened of 2023-08-28 on {COMMERCIAL}"],
    ),
    (
        [
            "open", AI, "--title", "US–China AI talks", "--party", "USA", "--party", "CHN",
            "--on", "2023-08-29", "--status", "proposed",
        ],
        [f"recorded #1 opened of 2023-08-29 on {AI}"],
    ),
    (["agree", AI, "--on", "2023-11-15"], [f"recorded #2 agreed of 2023-11-15 on {AI}"]),
    (
        ["cadence", COMMERCIAL, "--level", "vice-ministerial", "--per-year", "2",
         "--on", "2023-08-28"],
        [f"recorded #2 cadence of 2023-08-28 on {COMMERCIAL}"],
    ),
    (
        ["plan", COMMERCIAL, "--on", "2023-08-29", "--window", "2024-01/2024-04", "--host", "US",
         "--level", "vice-ministerial"],
        [f"recorded #3 planned of 2023-08-29 on {COMMERCIAL}"],
    ),
    (
        ["meet", COMMERCIAL, "--on", "2024-04-04", "--level", "vice-ministerial",
         "--location", "Washington", "--lead", "USA=Marisa Lago", "--summary", "Export rules"],
        [f"recorded #4 meeting of 2024-04-04 on {COMMERCIAL}"],
    ),
    (
        ["meet", AI, "--on", "2024-05-14", "--location", "Geneva"],
        [f"recorded #3 meeting of 2024-05-14 on {AI}"],
    ),
    (
        ["suspend", COMMERCIAL, AI, "--on", "2024-08~", "--by", "CN", "--reason", "sanctions"],
        [
            f"recorded #5 suspended of 2024-08~ on {COMMERCIAL}",
            f"recorded #4 suspended of 2024-08~ on {AI}",
        ],
    ),
    (
        ["resume", COMMERCIAL, AI, "--on", "2024-11-15", "--reason", "leaders' meeting"],
        [
            f"recorded #6 resumed of 2024-11-15 on {COMMERCIAL}",
            f"recorded #5 resumed of 2024-11-15 on {AI}",
        ],
    ),
    (
        ["conclude", AI, "--on", "2025-01", "--successor", "us-cn-ai-dialogue"],
        [f"recorded #6 concluded of 2025-01 on {AI}"],
    ),
]  # fmt: skip

STATUS_KEYS = {
    "channel",
    "title",
    "parties",
    "status",
    "status_since",
    "meetings_held",
    "last_meeting",
    "cadences",
    "planned",
    "version",
    "as_of",
    "known_on",
}
CADENCE_KEYS = {"level", "per_year", "next_due", "overdue"}
HISTORY_KEYS = {"seq", "occurred", "recorded", "kind", "sources"}


@pytest.fixture
def session(tracker: Tracker) -> list[CliResult]:
    """The store after the DESIGN §5 session; the result of each of its commands."""
    return [tracker(*args) for args, _ in SESSION]


def test_each_recording_command_prints_what_it_recorded(session: list[CliResult]) -> None:
    for (args, lines), result in zip(SESSION, session, strict=True):
        assert result.exit_code == 0, (args, result.output)
        assert result.stdout.splitlines() == lines
    # The successor is not recorded (yet): it is recorded as given, with one warning.
    assert [result.stderr for result in session] == [""] * (len(SESSION) - 1) + [
        f"warning: {AI} is succeeded by us-cn-ai-dialogue, but no channel 'us-cn-ai-dialogue' "
        f"is recorded yet (recorded as given; tracker correct {AI} 6 --successor SLUG changes "
        "it)\n"
    ]


def test_status_as_json_is_one_object_per_channel_with_the_documented_keys(
    session: list[CliResult], tracker: Tracker
) -> None:
    result = tracker("status", COMMERCIAL, "--json", "--as-of", "2025-01-01")

    assert result.exit_code == 0, result.output
    view = result.json()
    assert set(view) >= STATUS_KEYS
    assert view["channel"] == COMMERCIAL
    assert view["title"] == "US–China Commercial Issues Working Group"
    assert view["parties"] == ["USA", "CHN"]
    assert (view["status"], view["status_since"]) == ("active", "2024-11-15")
    assert (view["meetings_held"], view["last_meeting"]) == (1, "2024-04-04")
    assert view["version"] == 6
    assert (view["as_of"], view["known_on"]) == ("2025-01-01", None)
    [cadence] = view["cadences"]
    assert set(cadence) >= CADENCE_KEYS
    assert (cadence["level"], cadence["per_year"], cadence["overdue"]) == (
        "vice-ministerial",
        2,
        False,
    )
    [planned] = view["planned"]
    assert (planned["window"], planned["host"], planned["held"]) == (
        "2024-01/2024-04",
        "USA",
        "2024-04-04",
    )

    # Without a slug: the dashboard, an array of the same objects.
    dashboard = tracker("status", "--json", "--as-of", "2025-01-01")
    assert dashboard.exit_code == 0, dashboard.output
    views = dashboard.json()
    assert isinstance(views, list)
    assert sorted(v["channel"] for v in views) == [AI, COMMERCIAL]
    for each in views:
        assert set(each) >= STATUS_KEYS
    assert next(v for v in views if v["channel"] == COMMERCIAL) == view
    ai = next(v for v in views if v["channel"] == AI)
    assert (ai["status"], ai["status_since"]) == ("concluded", "2025-01")


def test_history_as_json_lists_every_event_with_its_dates_kind_and_sources(
    session: list[CliResult], tracker: Tracker
) -> None:
    result = tracker("history", COMMERCIAL, "--json")

    assert result.exit_code == 0, result.output
    events = result.json()
    for event in events:
        assert set(event) >= HISTORY_KEYS
    assert [e["seq"] for e in events] == [1, 2, 3, 4, 5, 6]
    assert [e["kind"] for e in events] == [
        "opened",
        "cadence",
        "planned",
        "meeting",
        "suspended",
        "resumed",
    ]
    assert [e["occurred"] for e in events] == [
        "2023-08-28",
        "2023-08-28",
        "2023-08-29",
        "2024-04-04",
        "2024-08~",
        "2024-11-15",
    ]
    recorded = [dt.datetime.fromisoformat(e["recorded"]) for e in events]
    assert recorded == sorted(recorded)
    assert all(moment.tzinfo is not None for moment in recorded)
    [source] = events[0]["sources"]
    assert {k: v for k, v in source.items() if v is not None} == {
        "citation": "AP, 2023-08-29",
        "quote": QUOTE,
        "confidence": "high",
    }
    assert events[1]["sources"] == []


def test_the_version_option_prints_the_version() -> None:
    result = run_cli(["--version"], db=None)

    assert result.exit_code == 0, result.output
    assert result.stdout == f"tracker {__version__}\n"


def test_python_dash_m_tracker_shows_the_help() -> None:
    result = subprocess.run(
        [str(PYTHON), "-m", "tracker", "--help"],
        capture_output=True,
        text=True,
        cwd=PROJECT,
        check=False,
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Usage: tracker ")
    assert "open" in result.stdout
    assert "status" in result.stdout


def test_a_meeting_without_a_level_is_at_the_channels_own_level(tracker: Tracker) -> None:
    steps = [
        ["open", "us-cn-leveled", "--title", "T", "--party", "US", "--party", "CN",
         "--on", "2023-01", "--level", "senior-official"],
        ["open", "us-cn-unleveled", "--title", "T", "--party", "US", "--party", "CN",
         "--on", "2023-01"],
        ["meet", "us-cn-leveled", "--on", "2023-02-01"],
        ["meet", "us-cn-unleveled", "--on", "2023-02-01"],
    ]  # fmt: skip
    for step in steps:
        assert tracker(*step).exit_code == 0

    leveled = tracker("history", "us-cn-leveled", "--json").json()
    unleveled = tracker("history", "us-cn-unleveled", "--json").json()
    status = tracker("status", "us-cn-leveled").stdout

    assert leveled[1]["details"]["level"] == "senior-official"
    assert "2023-02-01 senior-official" in status  # the meeting line, not the channel's level
    assert unleveled[1]["details"].get("level") is None


def test_a_quote_without_a_source_is_bad_input(db: str, tracker: Tracker) -> None:
    opened = tracker(
        "open", "us-cn", "--title", "T", "--party", "US", "--party", "CN", "--on", "2023"
    )
    assert opened.exit_code == 0, opened.output

    with nothing_written(db):
        result = tracker("meet", "us-cn", "--on", "2023-05", "--quote", "we met")

    assert_error(result, 2, "--quote", "--source")


def test_status_as_of_a_day_before_the_opening_says_the_channel_did_not_exist(
    session: list[CliResult], tracker: Tracker
) -> None:
    result = tracker("status", AI, "--as-of", "2023-08-28")

    assert_error(result, 1, AI, "did not exist", "2023-08-28")
    dashboard = tracker("status", "--json", "--as-of", "2023-08-28").json()
    assert [v["channel"] for v in dashboard] == [COMMERCIAL]


# --- colour -----------------------------------------------------------------------------------


@pytest.fixture
def session_on_sqlite(sqlite_db: str) -> str:
    for args, _ in SESSION:
        assert run_cli(args, db=sqlite_db).exit_code == 0
    return sqlite_db


READING = [
    ["status"],
    ["status", COMMERCIAL],
    ["history", COMMERCIAL],
    ["meet", "us-cn-never-opened", "--on", "2024"],
    ["--help"],
]


@pytest.mark.parametrize("no_color", [True, False], ids=["NO_COLOR", "piped"])
def test_output_through_a_pipe_has_no_ansi_escapes(session_on_sqlite: str, no_color: bool) -> None:
    from tracker.cli.app import app

    env = {"TRACKER_DB": session_on_sqlite, "COLUMNS": "200", "NO_COLOR": "1" if no_color else None}
    for args in READING:
        # color=True: the runner keeps any escape codes the command writes.
        result = CliRunner().invoke(app, args, env=env, color=True)
        assert result.exit_code in (0, 1), result.output
        assert ANSI_ESCAPE not in result.stdout + result.stderr, args


def test_the_dashboard_on_a_terminal_is_coloured_without_no_color(session_on_sqlite: str) -> None:
    # Shows the terminal harness sees escape codes when the tracker writes them.
    result = run_on_terminal(["status"], db=session_on_sqlite, no_color=False)

    assert result.exit_code == 0, result.output
    assert ANSI_ESCAPE in result.output


def test_one_channel_and_history_on_a_terminal_have_no_ansi_escapes_with_no_color(
    session_on_sqlite: str,
) -> None:
    for args in READING[1:]:
        result = run_on_terminal(args, db=session_on_sqlite, no_color=True)
        assert result.exit_code in (0, 1), result.output
        assert COMMERCIAL in result.output or "error: " in result.output or "Usage" in result.output
        assert ANSI_ESCAPE not in result.output, args


def test_the_dashboard_on_a_terminal_has_no_ansi_escapes_with_no_color(
    session_on_sqlite: str,
) -> None:
    result = run_on_terminal(["status"], db=session_on_sqlite, no_color=True)

    assert result.exit_code == 0, result.output
    assert COMMERCIAL in result.output
    assert ANSI_ESCAPE not in result.output


def test_each_note_quote_and_confidence_belongs_to_the_source_given_just_before_it(
    tracker: Tracker,
) -> None:
    opened = tracker(
        "open", "us-cn-mmca", "--title", "MMCA talks", "--party", "US", "--party", "CN",
        "--on", "1998-01-19",
        "--source", "MMCA agreement", "--quote", "establishing a consultation mechanism",
        "--note", "founding date, not in the AP article",
        "--source", "AP, 2023-08-29", "--confidence", "high",
    )  # fmt: skip
    assert opened.exit_code == 0, opened.output

    [event] = tracker("history", "us-cn-mmca", "--json").json()
    first, second = event["sources"]
    assert first["quote"] == "establishing a consultation mechanism"
    assert first["note"] == "founding date, not in the AP article"
    assert (second["citation"], second["quote"], second["note"]) == ("AP, 2023-08-29", None, None)
    assert (first["confidence"], second["confidence"]) == ("medium", "high")


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--quote", "Q", "--source", "A"], "--quote 'Q' comes before any --source"),
        (["--confidence", "high"], "--confidence 'high' comes before any --source"),
        (["--source", "A", "--quote", "Q", "--quote", "R"], "two --quote options follow --source"),
        (["--source", "A", "--note", "N", "--source", "B", "--note", "M", "--note", "O"], "'B'"),
        (["--source", "A", "--confidence", "low", "--confidence", "high"], "two --confidence"),
    ],
)
def test_sources_that_cannot_be_paired_are_bad_input(
    db: str, tracker: Tracker, args: list[str], says: str
) -> None:
    with nothing_written(db):
        result = tracker(
            "open", "us-cn-mmca", "--title", "MMCA talks", "--party", "US", "--party", "CN",
            "--on", "1998-01-19", *args,
        )  # fmt: skip
    assert_error(result, 2, says)


def test_a_note_without_a_source_is_bad_input(db: str, tracker: Tracker) -> None:
    with nothing_written(db):
        result = tracker(
            "open", "us-cn-mmca", "--title", "MMCA talks", "--party", "US", "--party", "CN",
            "--on", "1998-01-19", "--note", "a note about nothing",
        )  # fmt: skip
    assert_error(result, 2, "--note", "--source")


def test_json_is_indented_on_a_terminal_and_compact_when_piped(session_on_sqlite: str) -> None:
    for args in (["status", "--json"], ["history", "us-cn-commercial-wg", "--json"]):
        on_terminal = run_on_terminal(args, db=session_on_sqlite, no_color=True)
        assert on_terminal.exit_code == 0, on_terminal.output
        piped = run_cli(args, db=session_on_sqlite)
        assert piped.exit_code == 0, piped.output
        assert piped.stdout.count("\n") == 1  # one compact document
        assert on_terminal.output.count("\n") > 10
        assert "\n  {" in on_terminal.output.replace("\r\n", "\n")  # indented
        # The same data either way.
        assert json.loads(on_terminal.output) == piped.json()
