"""No store is made, and no other store written, by a command that records nothing.

Two holes a hostile review found: an empty ``--db`` (``--db "$STORE"`` with STORE unset, or
``TRACKER_DB=``) fell back on the analyst's own store in the user data directory, and a first
``open`` or ``import`` refused by a rule still left a new, empty store behind (so the next
command on a mistyped path said "no channels" instead of "there is no store"). Each command
runs as a user runs it, in a process of its own, with a home and a data directory of its own.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from tests.cli.terminal import PROJECT

SEEDS = PROJECT / "seeds" / "us-china-2023.toml"
SOON = 60
OPENING = ["--title", "Talks", "--party", "US", "--party", "CN"]


@pytest.fixture
def home(tmp_path: Path) -> Path:
    folder = tmp_path / "home"
    folder.mkdir()
    return folder


def tracker(
    home: Path, args: list[str], *, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """``tracker ARGS`` in a new process whose home and data directory are ``home``."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    clean.update(HOME=str(home), XDG_DATA_HOME=str(home / "data"), NO_COLOR="1", **(env or {}))
    return subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        env=clean,
        cwd=home,
        timeout=SOON,
        check=False,
    )


def files_under(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def one_line_error(result: subprocess.CompletedProcess[str], code: int, saying: str) -> None:
    assert result.returncode == code, result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert result.stderr.startswith("error: "), result.stderr
    assert saying in result.stderr, result.stderr
    assert "Traceback" not in result.stderr


COMMANDS = [
    ["open", "us-cn-talks", *OPENING, "--on", "2020-01-01"],
    ["import", str(SEEDS)],
    ["meet", "us-cn-talks", "--on", "2020-02-01"],
    ["status"],
    ["export", "--format", "seed"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
@pytest.mark.parametrize("empty", ["", "  "], ids=["empty", "blank"])
def test_an_empty_db_option_is_bad_input_and_the_own_store_is_untouched(
    home: Path, args: list[str], empty: str
) -> None:
    result = tracker(home, ["--db", empty, *args])
    one_line_error(result, 2, "--db / TRACKER_DB is empty")
    assert result.stdout == ""
    assert files_under(home) == []


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: a[0])
@pytest.mark.parametrize("empty", ["", "  "], ids=["empty", "blank"])
def test_an_empty_tracker_db_variable_is_bad_input_and_the_own_store_is_untouched(
    home: Path, args: list[str], empty: str
) -> None:
    result = tracker(home, args, env={"TRACKER_DB": empty})
    one_line_error(result, 2, "unset TRACKER_DB")
    assert files_under(home) == []


def test_without_db_or_tracker_db_the_own_store_is_used(home: Path) -> None:
    """The variable unset (not empty) still means the store in the user data directory."""
    opened = tracker(home, ["open", "us-cn-talks", *OPENING, "--on", "2020-01-01"])
    assert opened.returncode == 0, opened.stderr
    assert (home / "data" / "dialogue-tracker" / "tracker.db").is_file()


REFUSED_FIRST = {
    "an opening after today": ["open", "us-cn-talks", *OPENING, "--on", "2999-01-01"],
    "an opening with one party": ["open", "us-cn-talks", "--title", "T", "--party", "US"],
    "a meeting": ["meet", "us-cn-talks", "--on", "2020-02-01"],
    "an import refused at its second entry": ["import", "refused.jsonl"],
    "an import of a bad file": ["import", "bad.jsonl"],
    "a dry run": ["import", "--dry-run", str(SEEDS)],
}


@pytest.mark.parametrize("args", REFUSED_FIRST.values(), ids=REFUSED_FIRST.keys())
def test_a_first_command_that_records_nothing_leaves_nothing_behind(
    home: Path, args: list[str]
) -> None:
    work = home / "work"
    work.mkdir()
    opening = {"command": "open", "slug": "a-b", "title": "T", "parties": ["US", "CN"]}
    lines = [{**opening, "on": "2000"}, {"command": "meet", "slug": "a-b", "on": "1999"}]
    (work / "refused.jsonl").write_text("".join(json.dumps(line) + "\n" for line in lines))
    (work / "bad.jsonl").write_text('{"command": "open", "slug": "a-b"}\n')
    before = files_under(work)
    args = [str(work / a) if a.endswith(".jsonl") else a for a in args]
    result = tracker(home, ["--db", str(work / "t.db"), *args])
    assert result.returncode != 0 or "--dry-run" in args, result.stderr
    assert files_under(work) == before  # no store, nor one begun under another name
    after = tracker(home, ["--db", str(work / "t.db"), "status"])
    one_line_error(after, 3, "there is no store")


@pytest.mark.parametrize("key", [False, True], ids=["plain", "encrypted"])
def test_a_first_command_that_records_makes_a_whole_store_and_nothing_else(
    home: Path, key: bool
) -> None:
    work = home / "work"
    work.mkdir()
    env = {}
    if key:
        made = tracker(home, ["keygen"])
        env["TRACKER_ENCRYPTION_KEY"] = made.stdout.strip()
    db = str(work / "t.db")
    imported = tracker(home, ["--db", db, "import", str(SEEDS)], env=env)
    assert imported.returncode == 0, imported.stderr
    assert files_under(work) == ["t.db"]  # its log emptied into it, no name left behind
    verified = tracker(home, ["--db", db, "verify"], env=env)
    assert verified.returncode == 0, verified.stderr
    assert "every chain is intact" in verified.stdout
    status = tracker(home, ["--db", db, "status", "us-cn-commercial-wg"], env=env)
    assert status.returncode == 0, status.stderr


def test_first_commands_started_together_all_record_in_one_store(home: Path) -> None:
    work = home / "work"
    work.mkdir()
    db = str(work / "t.db")
    slugs = [f"us-cn-talks-{n}" for n in range(6)]

    def open_one(slug: str) -> subprocess.CompletedProcess[str]:
        return tracker(home, ["--db", db, "open", slug, *OPENING, "--on", "2020-01-01"])

    with ThreadPoolExecutor(len(slugs)) as pool:
        results = list(pool.map(open_one, slugs))
    assert [r.returncode for r in results] == [0] * len(slugs), [r.stderr for r in results]
    listed = tracker(home, ["--db", db, "channels"])
    assert all(slug in listed.stdout for slug in slugs), listed.stdout
    assert files_under(work) == ["t.db"]


@pytest.mark.parametrize("length", [251, 252, 255, 300])
def test_a_store_name_too_long_for_its_log_is_refused_before_anything_is_written(
    home: Path, length: int
) -> None:
    """SQLite names the store's log and index after it, 4 bytes longer: a store whose name
    leaves them no room could be made but never opened again."""
    work = home / "work"
    work.mkdir()
    db = str(work / ("0" * length))
    opened = tracker(home, ["--db", db, "open", "us-cn-talks", *OPENING, "--on", "2020-01-01"])
    if length <= 251:
        assert opened.returncode == 0, opened.stderr
        again = tracker(home, ["--db", db, "meet", "us-cn-talks", "--on", "2020-02-01"])
        assert again.returncode == 0, again.stderr
        return
    one_line_error(opened, 2, f"--db names a file of {length} bytes; at most 251")
    assert files_under(work) == []


def test_a_db_that_links_to_nothing_is_refused_and_its_target_not_made(home: Path) -> None:
    work = home / "work"
    work.mkdir()
    (work / "t.db").symlink_to(work / "elsewhere.db")
    for args in (["open", "us-cn-talks", *OPENING, "--on", "2020-01-01"], ["status"]):
        result = tracker(home, ["--db", str(work / "t.db"), *args])
        one_line_error(result, 2, "which does not exist; give the path of the store itself")
        assert result.stdout == ""  # no success said before a failure
    assert sorted(p.name for p in work.iterdir()) == ["t.db"]  # the link alone


def first_import_begun(home: Path, work: Path, channels: int) -> subprocess.Popen[str]:
    """A first import of ``channels`` openings into WORK/t.db, once it has begun the store."""
    entries = work / "many.jsonl"
    opening = {"command": "open", "title": "T", "parties": ["US", "CN"], "on": "2000"}
    entries.write_text(
        "".join(json.dumps({**opening, "slug": f"c-{n}"}) + "\n" for n in range(channels))
    )
    clean = {k: v for k, v in os.environ.items() if not k.startswith("TRACKER_")}
    importing = subprocess.Popen(
        [sys.executable, "-m", "tracker", "--db", str(work / "t.db"), "import", str(entries)],
        env={**clean, "HOME": str(home)},
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.monotonic() + SOON
    while not list(work.glob(".t.db.new-*")) and time.monotonic() < deadline:
        time.sleep(0.01)
    return importing


def test_what_a_first_command_killed_midway_left_is_removed_by_the_next(home: Path) -> None:
    work = home / "work"
    work.mkdir()
    killed = first_import_begun(home, work, 100_000)
    try:
        time.sleep(0.2)  # well into the import
    finally:
        killed.kill()
        killed.communicate()
    assert list(work.glob(".t.db.new-*")), "the import was killed before it began a store"
    opened = tracker(
        home, ["--db", str(work / "t.db"), "open", "us-cn-talks", *OPENING, "--on", "2020"]
    )
    assert opened.returncode == 0, opened.stderr
    assert sorted(p.name for p in work.iterdir()) == ["many.jsonl", "t.db"]


def test_a_home_directory_that_does_not_exist_is_bad_input(home: Path) -> None:
    result = tracker(home, ["--db", "~no-such-user-here/t.db", "status"])
    one_line_error(result, 2, "no such user's home directory")


def test_a_default_store_that_cannot_be_made_is_named_not_blamed_on_db(home: Path) -> None:
    (home / "data").write_text("a file where the data directory should be")
    result = tracker(home, ["open", "us-cn-talks", *OPENING, "--on", "2020-01-01"])
    assert result.returncode == 3, result.stderr
    assert "--db" not in result.stderr.split(";")[0], result.stderr
    assert str(home / "data") in result.stderr


@pytest.mark.parametrize("zone", ["UTC-24", "UTC+24:30", "XYZ+99"])
def test_a_time_zone_a_day_or_more_from_utc_is_bad_input_and_records_nothing(
    home: Path, zone: str
) -> None:
    db = str(home / "t.db")
    made = tracker(home, ["--db", db, "open", "us-cn-talks", *OPENING, "--on", "2020-01-01"])
    assert made.returncode == 0, made.stderr
    before = (home / "t.db").read_bytes()
    entries = home / "meetings.jsonl"
    entries.write_text('{"command": "meet", "slug": "us-cn-talks", "on": "2020-02-01"}\n')
    for args in (
        ["status"],
        ["meet", "us-cn-talks", "--on", "2020-02-01"],
        ["import", str(entries)],
        ["channels"],
    ):
        result = tracker(home, ["--db", db, *args], env={"TZ": zone})
        one_line_error(result, 2, "is a day or more from UTC")
    assert (home / "t.db").read_bytes() == before


def test_the_log_of_a_deleted_store_is_never_replayed_into_a_new_one(home: Path) -> None:
    """SQLite replays a log found beside a database of its name: a new store would get the
    old one's pages (another program's tables, a corrupt file), and the log may hold facts."""
    work = home / "work"
    work.mkdir()
    db = work / "t.db"
    assert tracker(home, ["--db", str(db), "import", str(SEEDS)]).returncode == 0
    writer = (
        "import sqlite3, os, sys\n"
        "c = sqlite3.connect(sys.argv[1]); c.execute('pragma wal_autocheckpoint=0')\n"
        "c.execute('create table junk(x)'); c.commit(); os._exit(0)\n"
    )
    subprocess.run([sys.executable, "-c", writer, str(db)], check=True)
    db.unlink()  # the store deleted, its log left
    log = (work / "t.db-wal").read_bytes()
    for args in (["open", "us-cn-talks", *OPENING, "--on", "2020"], ["import", str(SEEDS)]):
        result = tracker(home, ["--db", str(db), *args])
        one_line_error(result, 3, "but its log t.db-wal is there")
        assert result.stdout == ""
    assert not db.exists()
    assert (work / "t.db-wal").read_bytes() == log


def test_a_first_import_says_it_recorded_only_once_the_store_is_in_place(home: Path) -> None:
    work = home / "work"
    work.mkdir()
    importing = first_import_begun(home, work, 30_000)
    (work / "t.db").write_text("a file put there by hand")  # the name taken meanwhile
    stdout, stderr = importing.communicate(timeout=SOON)
    assert importing.returncode == 3, stderr
    assert "appeared while this command made the store there" in stderr
    assert "imported" not in stdout  # no success said for what was not kept
    assert (work / "t.db").read_text() == "a file put there by hand"


def test_a_store_begun_under_a_hidden_name_that_holds_events_is_kept_and_told_of(
    home: Path,
) -> None:
    work = home / "work"
    work.mkdir()
    hidden = work / ".t.db.new-0123456789ab"
    made = tracker(home, ["--db", str(hidden), "open", "keep-me", *OPENING, "--on", "2020"])
    assert made.returncode == 0, made.stderr
    opened = tracker(home, ["--db", str(work / "t.db"), "open", "us-cn-talks", *OPENING,
                            "--on", "2020"])  # fmt: skip
    assert opened.returncode == 0, opened.stderr
    assert "is a store a killed command was making, and it holds events" in opened.stderr
    kept = tracker(home, ["--db", str(hidden), "status", "keep-me"])
    assert kept.returncode == 0, kept.stderr
