"""Every kind of bad input: one ``error: …`` line, the documented exit code, nothing written.

Exit codes (DESIGN §5): 1 refused by a rule, a duplicate or an unknown channel; 2 bad input or
usage; 3 the store is unreachable or unreadable.
"""

from __future__ import annotations

import stat
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests.cli.expect import assert_error, nothing_written
from tests.integration.seeding import entries_breaking_a_rule_at, malformed_files, write_seed
from tests.support import PG_ADMIN_URL, CliResult, fingerprint, run_cli, stored_rows
from tracker.application import open_tracker
from tracker.application.commands import (
    ConcludeChannel,
    HoldMeeting,
    OpenChannel,
    RecordingCommand,
    SuspendChannels,
)

Tracker = Callable[..., CliResult]

TITLE = ("--title", "US–China talks", "--party", "US", "--party", "CN")


def _opening(slug: str, on: str, **fields: str) -> OpenChannel:
    return OpenChannel(slug=slug, title="US–China talks", parties=("US", "CN"), on=on, **fields)


SETUP: list[RecordingCommand] = [
    # us-cn: opened, met once, then suspended (and never resumed).
    _opening("us-cn", "2023-01-01", level="ministerial"),
    HoldMeeting(slug="us-cn", on="2023-02-01"),
    SuspendChannels(slugs=("us-cn",), on="2023-05-01", by="CN"),
    # us-cn-live: agreed and working.
    _opening("us-cn-live", "2023-01-01"),
    # us-cn-ended: concluded.
    _opening("us-cn-ended", "2020-01-01"),
    ConcludeChannel(slug="us-cn-ended", on="2021-01-01"),
]


def populate(db: str) -> str:
    """Record the SETUP channels (through the application: one connection, quick)."""
    app = open_tracker(db, write=True)
    try:
        for command in SETUP:
            app.record(command)
    finally:
        app.close()
    assert len(stored_rows(db)) == len(SETUP)
    return db


@pytest.fixture
def recorded(db: str) -> str:
    """The test's store (SQLite, then PostgreSQL) holding the SETUP channels."""
    return populate(db)


# --- refused: exit 1 --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "args",
    [
        ["meet", "us-cn-never-opened", "--on", "2023-05"],
        ["agree", "us-cn-never-opened", "--on", "2023"],
        ["status", "us-cn-never-opened"],
        ["history", "us-cn-never-opened"],
    ],
    ids=["meet", "agree", "status", "history"],
)
def test_a_slug_never_opened_is_an_unknown_channel(
    recorded: str, tracker: Tracker, args: list[str]
) -> None:
    with nothing_written(recorded):
        result = tracker(*args)
    assert_error(result, 1, "no channel", "us-cn-never-opened")


@pytest.mark.parametrize(
    ("args", "words"),
    [
        pytest.param(
            ["meet", "us-cn", "--on", "2023-06-01"],
            ["meeting", "us-cn is suspended", "2023-06-01", "since 2023-05-01"],
            id="meeting during a suspension",
        ),
        pytest.param(
            ["resume", "us-cn", "--on", "2023-04-01"],
            ["only a suspended channel can be resumed", "2023-04-01"],
            id="resume dated before the suspension",
        ),
        pytest.param(
            ["meet", "us-cn-live", "--on", "2022-06-01"],
            ["before", "opened", "2022-06-01", "2023-01-01"],
            id="meeting before the opening",
        ),
    ],
)
def test_a_fact_that_breaks_a_rule_in_valid_time_is_refused(
    recorded: str, tracker: Tracker, args: list[str], words: list[str]
) -> None:
    with nothing_written(recorded):
        result = tracker(*args)
    assert_error(result, 1, "refused", *words)


def test_nothing_but_a_retraction_may_follow_a_conclusion(recorded: str, tracker: Tracker) -> None:
    after = ("--on", "2021-06-01")
    attempts = [
        ["meet", "us-cn-ended", *after],
        ["cadence", "us-cn-ended", "--level", "expert", "--per-year", "1", *after],
        ["plan", "us-cn-ended", *after, "--window", "2022"],
        ["suspend", "us-cn-ended", *after],
        ["conclude", "us-cn-ended", *after],
    ]
    for args in attempts:
        with nothing_written(recorded):
            result = tracker(*args)
        assert_error(result, 1, "refused", "conclu", "us-cn-ended", "2021-06-01")


def test_recording_the_same_meeting_twice_is_refused_as_a_duplicate(
    recorded: str, tracker: Tracker
) -> None:
    with nothing_written(recorded):
        result = tracker("meet", "us-cn", "--on", "2023-02-01")
    assert_error(result, 1, "already recorded", "us-cn", "#2")


def test_opening_an_existing_slug_again_is_refused(recorded: str, tracker: Tracker) -> None:
    with nothing_written(recorded):
        result = tracker("open", "us-cn-live", *TITLE, "--on", "2024-01-01")
    assert_error(result, 1, "us-cn-live", "exists already")


def test_suspending_several_channels_records_none_when_one_refuses(
    recorded: str, tracker: Tracker
) -> None:
    with nothing_written(recorded):
        result = tracker("suspend", "us-cn-live", "us-cn", "--on", "2023-06-01")
    assert_error(result, 1, "refused", "us-cn", "suspended")


# --- bad input: exit 2 ------------------------------------------------------------------------


@pytest.mark.parametrize("slug", ["Bad Slug", "US-CN"])
def test_a_slug_with_uppercase_or_spaces_is_bad_input(
    recorded: str, tracker: Tracker, slug: str
) -> None:
    with nothing_written(recorded):
        result = tracker("open", slug, *TITLE, "--on", "2023-01-01")
    assert_error(result, 2, "SLUG", repr(slug), "lowercase")


@pytest.mark.parametrize(
    ("date", "why"),
    [
        ("2023-13-01", "no month 13"),
        ("2023-02-30", "February 2023 has 28 days"),
        ("yesterday", "is not a date"),
    ],
)
def test_a_date_that_is_not_a_calendar_date_is_bad_input(
    recorded: str, tracker: Tracker, date: str, why: str
) -> None:
    with nothing_written(recorded):
        result = tracker("meet", "us-cn-live", "--on", date)
    assert_error(result, 2, "--on", date, why)


def test_an_interval_that_ends_before_it_starts_is_bad_input(
    recorded: str, tracker: Tracker
) -> None:
    with nothing_written(recorded):
        result = tracker("plan", "us-cn-live", "--on", "2023-03", "--window", "2024-06/2024-01")
    assert_error(result, 2, "--window", "2024-06/2024-01", "ends before it starts")


@pytest.mark.parametrize("code", ["XX", "ZZZ"])
def test_an_unknown_party_code_is_bad_input(recorded: str, tracker: Tracker, code: str) -> None:
    on = ("--on", "2023-06")
    attempts = {
        "--party": ["open", "us-cn-new", "--title", "T", "--party", "US", "--party", code, *on],
        "--host": ["plan", "us-cn-live", *on, "--window", "2024", "--host", code],
        "--by": ["suspend", "us-cn-live", *on, "--by", code],
        "--lead": ["meet", "us-cn-live", *on, "--lead", f"{code}=Gina Raimondo"],
    }
    for option, args in attempts.items():
        with nothing_written(recorded):
            result = tracker(*args)
        assert_error(result, 2, option, repr(code), "ISO 3166")


@pytest.mark.parametrize("per_year", ["0", "-1"])
def test_a_number_of_meetings_per_year_that_is_not_positive_is_bad_input(
    recorded: str, tracker: Tracker, per_year: str
) -> None:
    with nothing_written(recorded):
        result = tracker(
            "cadence", "us-cn-live", "--level", "expert", "--per-year", per_year, "--on", "2023"
        )
    assert_error(result, 2, "--per-year", per_year, "at least 0.01")


def test_a_cadence_too_rare_for_the_calendar_is_refused_or_shown(
    recorded: str, tracker: Tracker
) -> None:
    # Once a bug: accepted, then status, the dashboard and overdue exited 4 (OverflowError).
    before = fingerprint(recorded)
    args = ("--level", "expert", "--per-year", "0.0001", "--on", "2023")

    result = tracker("cadence", "us-cn-live", *args)

    if result.exit_code != 0:  # refusing it as bad input is one fix
        assert_error(result, 2, "--per-year", "0.0001")
        assert fingerprint(recorded) == before
    # Showing it is another: then every reading shows it, the calendar too.
    for reading in (["status", "us-cn-live"], ["status"], ["overdue"], ["calendar"]):
        shown = tracker(*reading)
        assert shown.exit_code == 0, (reading, shown.output)


USAGE_ERRORS = [
    (["meet", "us-cn-live"], ["missing option", "--on"]),
    (["meet", "us-cn-live", "--on", "2023-06", "--level", "minister"], ["--level", "minister"]),
    (["status", "us-cn-live", "--as-of", "2023-13-01"], ["--as-of", "2023-13-01"]),
    (["status", "us-cn-live", "--known-on", "last week"], ["--known-on", "last week"]),
    (["meeet", "us-cn-live"], ["no such command", "meeet"]),
]  # fmt: skip


def test_a_usage_error_is_bad_input(recorded: str, tracker: Tracker) -> None:
    for args, words in USAGE_ERRORS:
        with nothing_written(recorded):
            result = tracker(*args)
        assert_error(result, 2, *words)


def test_a_number_of_meetings_per_year_that_is_not_a_number_is_bad_input_naming_it(
    recorded: str, tracker: Tracker
) -> None:
    with nothing_written(recorded):
        result = tracker(
            "cadence", "us-cn-live", "--level", "expert", "--per-year", "twice", "--on", "2023"
        )
    line = assert_error(result, 2, "--per-year")
    assert "twice" in line


# --- import files -----------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["bad TOML", "unknown command", "bad date in entry 7"])
def test_a_malformed_import_file_is_bad_input_and_writes_nothing(
    recorded: str, tracker: Tracker, tmp_path: Path, kind: str
) -> None:
    path, words = malformed_files(tmp_path)[kind]
    with nothing_written(recorded):
        result = tracker("import", str(path))
    assert_error(result, 2, *words)


def test_an_import_file_that_breaks_a_rule_on_its_40th_entry_is_refused_and_writes_nothing(
    recorded: str, tracker: Tracker, tmp_path: Path
) -> None:
    path = write_seed(tmp_path / "forty.toml", entries_breaking_a_rule_at(40))
    with nothing_written(recorded):
        result = tracker("import", str(path))
    assert_error(result, 1, "forty.toml", "entry 40", "refused", "2022-06-01")


def test_an_import_file_that_does_not_exist_is_bad_input(
    recorded: str, tracker: Tracker, tmp_path: Path
) -> None:
    with nothing_written(recorded):
        result = tracker("import", str(tmp_path / "missing.toml"))
    assert_error(result, 2, "missing.toml", "does not exist")


# --- stores that cannot be used: exit 3 -------------------------------------------------------

PASSWORD = "s3cr3t-pw"
UNREACHABLE = f"postgresql://postgres:{PASSWORD}@127.0.0.1:1/test"


@pytest.mark.parametrize(
    ("args", "db"),
    [
        (["status"], UNREACHABLE),
        (["--db", UNREACHABLE, "open", "us-cn", *TITLE, "--on", "2023"], None),
    ],
    ids=["reading, TRACKER_DB", "recording, --db"],
)
def test_a_postgresql_url_that_cannot_connect_is_unreachable_and_the_password_stays_hidden(
    args: list[str], db: str | None
) -> None:
    result = run_cli(args, db=db)
    assert_error(result, 3, "cannot connect", "PostgreSQL", "127.0.0.1:1", "refused")
    assert PASSWORD not in result.stdout
    assert PASSWORD not in result.stderr


def _database_exists(name: str) -> bool:
    import psycopg

    with psycopg.connect(PG_ADMIN_URL, autocommit=True) as conn:
        found = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
    return found is not None


@pytest.mark.postgres
@pytest.mark.parametrize(
    "args", [["status"], ["open", "us-cn", *TITLE, "--on", "2023"]], ids=["reading", "recording"]
)
def test_an_unknown_database_on_the_real_server_is_unreachable(args: list[str]) -> None:
    name = "tracker_test_missing_" + uuid.uuid4().hex[:12]
    url = PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name

    result = run_cli(args, db=url)

    assert_error(result, 3, name, "does not exist")
    assert not _database_exists(name)


@pytest.mark.parametrize(
    "args", [["status"], ["open", "us-cn", *TITLE, "--on", "2023"]], ids=["reading", "recording"]
)
def test_a_sqlite_path_in_a_directory_that_does_not_exist_is_unreachable(
    tmp_path: Path, args: list[str]
) -> None:
    folder = tmp_path / "no-such-folder"

    result = run_cli(args, db=str(folder / "tracker.db"))

    assert_error(result, 3, str(folder), "does not exist")
    assert not folder.exists()


@pytest.fixture
def read_only_file(sqlite_db: str) -> Iterator[str]:
    """A SQLite store holding the SETUP channels, its file then made read-only (0444)."""
    populate(sqlite_db)
    path = Path(sqlite_db)
    path.chmod(0o444)
    yield sqlite_db
    path.chmod(0o644)


@pytest.mark.parametrize(
    "args",
    [
        ["meet", "us-cn-live", "--on", "2023-06-01"],
        ["open", "us-cn-other", *TITLE, "--on", "2023"],
        ["suspend", "us-cn-live", "--on", "2023-06-01"],
        ["retract", "us-cn", "2", "--reason", "wrong channel"],
        ["import", "seed.toml"],
    ],
    ids=["meet", "open", "suspend", "retract", "import"],
)
def test_a_read_only_sqlite_file_refuses_every_recording_command(
    read_only_file: str, tmp_path: Path, args: list[str]
) -> None:
    if args[0] == "import":
        seed = [{"command": "meet", "slug": "us-cn-live", "on": "2023-06-01"}]
        args = ["import", str(write_seed(tmp_path / "seed.toml", seed))]
    path = Path(read_only_file)
    content = path.read_bytes()

    with nothing_written(read_only_file):
        result = run_cli(args, db=read_only_file)

    assert_error(result, 3, str(path), "read-only")
    assert path.read_bytes() == content
    assert stat.S_IMODE(path.stat().st_mode) == 0o444


def test_a_read_only_sqlite_file_can_still_be_read(read_only_file: str) -> None:
    with nothing_written(read_only_file):
        dashboard = run_cli(["status", "--json"], db=read_only_file)
        one = run_cli(["status", "us-cn", "--json"], db=read_only_file)
        history = run_cli(["history", "us-cn"], db=read_only_file)

    assert dashboard.exit_code == 0, dashboard.output
    assert sorted(v["channel"] for v in dashboard.json()) == ["us-cn", "us-cn-ended", "us-cn-live"]
    assert one.exit_code == 0, one.output
    assert one.json()["status"] == "suspended"
    assert history.exit_code == 0, history.output
    assert "suspended" in history.stdout


@pytest.mark.parametrize(
    "args", [["status"], ["open", "us-cn", *TITLE, "--on", "2023"]], ids=["reading", "recording"]
)
def test_a_file_that_is_not_a_sqlite_database_is_unreadable(
    tmp_path: Path, args: list[str]
) -> None:
    path = tmp_path / "notes.db"
    content = b"Minutes of the 2023-08-28 meeting, not a database.\n" * 20
    path.write_bytes(content)

    result = run_cli(args, db=str(path))

    assert_error(result, 3, str(path))
    assert path.read_bytes() == content


def test_an_empty_read_only_file_reads_as_an_empty_store_or_is_unreadable(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tracker.db"
    path.touch()
    path.chmod(0o444)

    result = run_cli(["status", "--json"], db=str(path))

    assert result.exit_code in (0, 3), result.output
    if result.exit_code == 0:
        assert result.json() == []
    else:
        assert_error(result, 3, str(path))
    assert path.read_bytes() == b""


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o555)
    yield folder
    folder.chmod(0o755)


@pytest.mark.parametrize(
    ("args", "why"),
    [
        # open makes the store, and cannot here; a meeting needs one that holds its channel
        (["open", "us-cn", *TITLE, "--on", "2023"], "read-only"),
        (["meet", "us-cn", "--on", "2023"], "there is no store"),
    ],
    ids=["open", "meet"],
)
def test_a_read_only_directory_without_the_file_is_unreachable_for_recording(
    read_only_folder: Path, args: list[str], why: str
) -> None:
    db = read_only_folder / "tracker.db"

    result = run_cli(args, db=str(db))

    assert_error(result, 3, str(read_only_folder), why)
    assert list(read_only_folder.iterdir()) == []


@pytest.fixture
def store_in_read_only_folder(tmp_path: Path) -> Iterator[Path]:
    """A store holding the SETUP channels, alone in a directory then made read-only (0555)."""
    import gc

    folder = tmp_path / "archive"
    folder.mkdir()
    db = folder / "tracker.db"
    populate(str(db))
    gc.collect()  # every connection closed: SQLite took its -wal and -shm files away
    assert [p.name for p in folder.iterdir()] == ["tracker.db"]
    folder.chmod(0o555)
    yield db
    folder.chmod(0o755)


@pytest.mark.parametrize(
    "args",
    [["status"], ["history", "us-cn"], ["export"], ["meet", "us-cn-live", "--on", "2023-06-01"]],
    ids=" ".join,
)
def test_a_store_in_a_read_only_directory_says_so_and_what_to_do(
    store_in_read_only_folder: Path, args: list[str]
) -> None:
    """SQLite makes the store's -wal and -shm files beside it even to read it: without them it
    said only "unable to open database file"."""
    db = store_in_read_only_folder
    content = db.read_bytes()

    result = run_cli(args, db=str(db))

    line = assert_error(result, 3, str(db.parent), "read-only", "-wal", "make the directory")
    assert "unable to open" not in line
    assert db.read_bytes() == content
    assert [p.name for p in db.parent.iterdir()] == ["tracker.db"]


def test_a_store_in_a_read_only_directory_is_read_while_its_sidecars_are_there(
    store_in_read_only_folder: Path,
) -> None:
    """Another process has the store open: its -wal and -shm files are there to share."""
    import sqlite3

    db = store_in_read_only_folder
    db.parent.chmod(0o755)
    other = sqlite3.connect(db)
    try:
        other.execute("SELECT count(*) FROM sqlite_master").fetchall()
        db.parent.chmod(0o555)
        result = run_cli(["status", "--json"], db=str(db))
    finally:
        other.close()
    assert result.exit_code == 0, result.output
    assert len(result.json()) == 3


def test_a_store_in_an_immutable_directory_says_so(
    store_in_read_only_folder: Path,
) -> None:
    """chattr +i: even root may make no file there (the case the hostile review found)."""
    import subprocess

    folder = store_in_read_only_folder.parent
    folder.chmod(0o755)
    made = subprocess.run(["chattr", "+i", str(folder)], check=False, capture_output=True)
    if made.returncode != 0:
        pytest.skip("chattr +i is not allowed here (it needs CAP_LINUX_IMMUTABLE)")
    try:
        result = run_cli(["status"], db=str(store_in_read_only_folder))
    finally:
        subprocess.run(["chattr", "-i", str(folder)], check=True)
    assert_error(result, 3, "read-only", "make the directory writable")
