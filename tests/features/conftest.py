"""Steps of the living specification (features/*.feature).

Every When-step runs the real ``tracker`` command line, in-process, on the scenario's own store:
a new store in memory, a new SQLite file for the features about persistence (tagged
``@sqlite_file``), or a new PostgreSQL database for scenarios tagged ``@postgres``. Given-steps
set the scene through the same command line and stop the scenario if it refuses. State passes
between steps only through fixtures: ``store`` (what ``--db`` names), ``outcome`` (the last
command run, with the store's contents before it) and ``seed_file``.

The steps of the reading commands that look back in time (status, dashboard, history, overdue,
report, export, retract) live in steps_time.py; the helpers both modules use, in helpers.py.
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from pytest_bdd import given, parsers, then, when

from tests.features.helpers import (
    ARTICLE_SEEDS,
    LEVEL,
    SLUGS,
    STATUS,
    VERDICTS,
    Outcome,
    contents,
    many_args,
    meet_args,
    open_args,
    parties_in,
    q,
    read_json,
    record,
    rows_of,
    run,
    status_of,
    with_sources,
)
from tests.features.steps_calendar import *  # noqa: F403  (their step fixtures must live here)
from tests.features.steps_extract import *  # noqa: F403
from tests.features.steps_pictures import *  # noqa: F403
from tests.features.steps_record import *  # noqa: F403
from tests.features.steps_search import *  # noqa: F403
from tests.features.steps_store import *  # noqa: F403
from tests.features.steps_time import *  # noqa: F403
from tests.support import fingerprint, run_cli, stored_rows


def pytest_bdd_apply_tag(tag: str, function: Callable[..., object]) -> object:
    """@bug: a scenario that shows a known bug of the tracker; it must fail until it is fixed."""
    if tag != "bug":
        return None  # pytest-bdd's own handling: the tag becomes a mark
    reason = "a known bug of the tracker (see the scenario); remove @bug once it is fixed"
    pytest.mark.xfail(strict=True, reason=reason)(function)
    return True


# --- the store, and what the last command did ------------------------------------------------


@pytest.fixture
def store(request: pytest.FixtureRequest) -> str:
    """The scenario's store: a new PostgreSQL database when @postgres, a new SQLite file when
    @sqlite_file (the features about persistence), and otherwise a new store in memory: the
    same SQLite database and the same code, without the disk (the fast tier)."""
    if request.node.get_closest_marker("postgres") is not None:
        return str(request.getfixturevalue("postgres_db"))
    if request.node.get_closest_marker("sqlite_file") is not None:
        return str(request.getfixturevalue("sqlite_db"))
    return str(request.getfixturevalue("memory_db"))


# --- Given: the scene, set through the command line ----------------------------------------


@given("a new, empty tracker")
def empty_tracker(store: str) -> None:
    assert contents(store) == (0, fingerprint(store))


@given(
    parsers.re(
        r"(?:an?|the) (?P<status>proposed|agreed) channel "
        + q("slug")
        + LEVEL
        + r" opened on "
        + q("on")
    )
)
def channel_opened(store: str, slug: str, status: str, level: str | None, on: str) -> None:
    record(store, open_args(slug, on, status=status, level=level))


@given("these channels:")
def these_channels(store: str, datatable: list[list[str]]) -> None:
    for row in rows_of(datatable):
        args = open_args(
            row["channel"],
            row["opened"],
            parties=parties_in(row["parties"]) if row.get("parties") else ("US", "CN"),
            title=row.get("title") or None,
            status=row["status"],
            level=row.get("level") or None,
        )
        record(store, args)


@given(parsers.re(q("slug") + r" was agreed on " + q("on")))
def channel_agreed(store: str, slug: str, on: str) -> None:
    record(store, ["agree", slug, "--on", on])


@given(parsers.re(r"a meeting was held on " + q("slug") + r" on " + q("on") + LEVEL))
def meeting_held(store: str, slug: str, on: str, level: str | None) -> None:
    record(store, meet_args(slug, on, level))


@given(parsers.re(SLUGS + r" (?:was|were) suspended on " + q("on") + r"(?: by (?P<by>[A-Za-z]+))?"))
def channels_suspended(store: str, slugs: str, on: str, by: str | None) -> None:
    record(store, many_args("suspend", slugs, on, by=by))


@given(parsers.re(SLUGS + r" (?:was|were) resumed on " + q("on")))
def channels_resumed(store: str, slugs: str, on: str) -> None:
    record(store, many_args("resume", slugs, on))


@given(parsers.re(q("slug") + r" was concluded on " + q("on")))
def channel_concluded(store: str, slug: str, on: str) -> None:
    record(store, ["conclude", slug, "--on", on])


@given(
    parsers.re(
        q("slug") + r" agreed to meet at (?P<level>[a-z-]+) level (?P<per_year>\S+) times? "
        r"a year on " + q("on")
    )
)
def cadence_agreed(store: str, slug: str, level: str, per_year: str, on: str) -> None:
    record(store, ["cadence", slug, "--level", level, "--per-year", per_year, "--on", on])


@given(
    parsers.re(
        r"a meeting on "
        + q("slug")
        + r" was agreed on "
        + q("on")
        + r" to take place in "
        + q("window")
    )
)
def meeting_planned(store: str, slug: str, on: str, window: str) -> None:
    record(store, ["plan", slug, "--on", on, "--window", window])


@given(
    parsers.re(r"event #(?P<seq>\d+) of " + q("slug") + r" was retracted because " + q("reason"))
)
def event_retracted(store: str, seq: str, slug: str, reason: str) -> None:
    record(store, ["retract", slug, seq, "--reason", reason])


@given("the seed file of the article was imported")
def article_imported(store: str) -> None:
    record(store, ["import", str(ARTICLE_SEEDS)])


@given("the seed file was imported")
def seed_file_imported(store: str, seed_file: Path) -> None:
    record(store, ["import", str(seed_file)])


@given("the seed file that follows the article through 2024 was imported")
def after_article_imported(store: str) -> None:
    record(store, ["import", str(ARTICLE_SEEDS.with_name("us-china-2024.toml"))])


@given(parsers.re(r"the store is " + q("url")), target_fixture="store")
def store_is(url: str) -> str:
    return url


@given("the store is a link to a file that does not exist", target_fixture="store")
def store_linking_to_nothing(tmp_path: Path) -> str:
    (tmp_path / "tracker.db").symlink_to(tmp_path / "moved-away.db")
    return str(tmp_path / "tracker.db")


@given("the store is a SQLite file in a directory that does not exist", target_fixture="store")
def store_in_missing_directory(tmp_path: Path) -> str:
    return str(tmp_path / "no-such-directory" / "tracker.db")


@given(
    parsers.re(
        r"the store is a SQLite file holding " + q("slug") + r", in a directory made read-only"
    ),
    target_fixture="store",
)
def store_in_read_only_directory(tmp_path: Path, slug: str, request: pytest.FixtureRequest) -> str:
    import gc

    folder = tmp_path / "archive"
    folder.mkdir()
    db = str(folder / "tracker.db")
    record(db, open_args(slug, "1998-01-19"))
    gc.collect()  # every connection closed: SQLite took the store's -wal and -shm away
    folder.chmod(0o555)
    request.addfinalizer(lambda: folder.chmod(0o755))
    return db


@given("the store is a new shared PostgreSQL database")
def store_is_postgres(store: str) -> None:
    # The @postgres tag gives the scenario its own database; without the tag this says so.
    assert store.startswith("postgresql://"), "tag the scenario @postgres to run it on PostgreSQL"


@given(parsers.parse('a seed file "{name}" containing:'), target_fixture="seed_file")
def seed_file_containing(tmp_path: Path, name: str, docstring: str) -> Path:
    path = tmp_path / name
    path.write_text(docstring + "\n", encoding="utf-8")
    return path


# What a seed file's text may hold that a feature file cannot show: each stands for itself in a
# scenario's text, and the step says what it is.
UNSHOWABLE = {"<BOM>": "\ufeff", "<NUL>": "\x00", "<5000 digits>": "1" * 5000}


@given(
    parsers.re(r"a seed file " + q("name") + r" containing, where (?P<legend>.+):"),
    target_fixture="seed_file",
)
def seed_file_with_unshowable(tmp_path: Path, name: str, legend: str, docstring: str) -> Path:
    text = docstring
    for mark, meaning in UNSHOWABLE.items():
        if mark in text:
            assert mark in legend, f"the step does not say what {mark} stands for"
            text = text.replace(mark, meaning)
    path = tmp_path / name
    path.write_text(text + "\n", encoding="utf-8")
    return path


@given(
    parsers.re(r"a named pipe " + q("name") + r" that nobody writes to"), target_fixture="seed_file"
)
def named_pipe(tmp_path: Path, name: str) -> Path:
    path = tmp_path / name
    os.mkfifo(path)
    return path


@given(parsers.re(r"a named pipe " + q("name") + r" that nobody reads"))
def named_pipe_unread(tmp_path: Path, name: str) -> None:
    os.mkfifo(tmp_path / name)


@given(
    parsers.re(r"a seed file " + q("name") + r" that is a link to " + q("target")),
    target_fixture="seed_file",
)
def seed_file_linked(tmp_path: Path, name: str, target: str) -> Path:
    path = tmp_path / name
    path.symlink_to(target)
    return path


@given(
    parsers.re(
        r"a seed file of (?P<count>\d+) entries whose (?P<bad>\d+)(?:st|nd|rd|th) records a "
        r"meeting before its channel was opened"
    ),
    target_fixture="seed_file",
)
def seed_file_breaking_a_rule(tmp_path: Path, count: str, bad: str) -> Path:
    opened = dt.date(2020, 1, 1)
    entries = [
        '[[entry]]\ncommand = "open"\nslug = "us-cn-seeded-talks"\n'
        'title = "US–China talks from a seed file"\nparties = ["US", "CN"]\n'
        f'on = "{opened}"\nstatus = "agreed"\n'
    ]
    for number in range(2, int(count) + 1):
        day = opened - dt.timedelta(days=1) if number == int(bad) else opened + dt.timedelta(number)
        entries.append(f'[[entry]]\ncommand = "meet"\nslug = "us-cn-seeded-talks"\non = "{day}"\n')
    path = tmp_path / f"{count}-entries.toml"
    path.write_text("\n".join(entries), encoding="utf-8")
    return path


# --- When: the command line, run as an analyst would ---------------------------------------


@when(
    parsers.re(
        r"I open (?:the|a) (?:(?P<status>proposed|agreed) )?channel "
        + q("slug")
        + r'(?: titled "(?P<title>[^"]*)")? between (?P<parties>.+?) on '
        + q("on")
        + LEVEL
    ),
    target_fixture="outcome",
)
def open_channel(
    store: str,
    slug: str,
    status: str | None,
    title: str | None,
    parties: str,
    on: str,
    level: str | None,
) -> Outcome:
    args = open_args(slug, on, parties=parties_in(parties), title=title, status=status, level=level)
    return run(store, args)


@when(
    parsers.parse("I open a channel whose slug is {length:d} characters long"),
    target_fixture="outcome",
)
def open_long_slug(store: str, length: int) -> Outcome:
    slug = ("us-cn-" + "a" * length)[:length]
    return run(store, open_args(slug, "2023-08-28"))


@when(
    parsers.re(r"I record that the parties agreed to " + q("slug") + r" on " + q("on")),
    target_fixture="outcome",
)
def agree(store: str, slug: str, on: str) -> Outcome:
    return run(store, ["agree", slug, "--on", on])


@when(
    parsers.re(
        r"I record that " + q("slug") + r" is to meet at (?P<level>[a-z-]+) level "
        r"(?P<per_year>\S+)(?: times?)? a year, agreed on " + q("on")
    ),
    target_fixture="outcome",
)
def cadence(store: str, slug: str, level: str, per_year: str, on: str) -> Outcome:
    return run(store, ["cadence", slug, "--level", level, "--per-year", per_year, "--on", on])


@when(
    parsers.re(
        r"I record that a(?: (?P<level>[a-z-]+))? meeting on "
        + q("slug")
        + r" was agreed on "
        + q("on")
        + r" to take place in "
        + q("window")
        + r"(?: hosted by (?P<host>\w+))?"
    ),
    target_fixture="outcome",
)
def plan(
    store: str, slug: str, on: str, window: str, level: str | None, host: str | None
) -> Outcome:
    args = ["plan", slug, "--on", on, "--window", window]
    if level:
        args += ["--level", level]
    if host:
        args += ["--host", host]
    return run(store, args)


@when(
    parsers.re(
        r"I record a meeting on "
        + q("slug")
        + r" on "
        + q("on")
        + LEVEL
        + r'(?:, reported by "(?P<source>[^"]+)"(?: quoting "(?P<quote>.*)")?'
        r"(?: with (?P<confidence>[a-z]+) confidence)?)?"
    ),
    target_fixture="outcome",
)
def meet(
    store: str,
    slug: str,
    on: str,
    level: str | None,
    source: str | None,
    quote: str | None,
    confidence: str | None,
) -> Outcome:
    return run(store, with_sources(meet_args(slug, on, level), source, quote, confidence))


@when(
    parsers.re(
        r"I suspend " + SLUGS + r" on " + q("on") + r"(?: by (?P<by>[A-Za-z]+))?"
        r'(?: because "(?P<reason>[^"]*)")?'
    ),
    target_fixture="outcome",
)
def suspend(store: str, slugs: str, on: str, by: str | None, reason: str | None) -> Outcome:
    return run(store, many_args("suspend", slugs, on, by=by, reason=reason))


@when(
    parsers.re(r"I resume " + SLUGS + r" on " + q("on") + r'(?: because "(?P<reason>[^"]*)")?'),
    target_fixture="outcome",
)
def resume(store: str, slugs: str, on: str, reason: str | None) -> Outcome:
    return run(store, many_args("resume", slugs, on, reason=reason))


@when(
    parsers.re(
        r"I conclude "
        + q("slug")
        + r" on "
        + q("on")
        + r'(?: as replaced by "(?P<successor>[^"]+)")?'
    ),
    target_fixture="outcome",
)
def conclude(store: str, slug: str, on: str, successor: str | None) -> Outcome:
    return run(
        store, ["conclude", slug, "--on", on] + (["--successor", successor] if successor else [])
    )


@when(
    parsers.re(r"I retract event #(?P<seq>\d+) of " + q("slug") + r" because " + q("reason")),
    target_fixture="outcome",
)
def retract(store: str, seq: str, slug: str, reason: str) -> Outcome:
    return run(store, ["retract", slug, seq, "--reason", reason])


@when("I import the seed file of the article", target_fixture="outcome")
def import_article(store: str) -> Outcome:
    return run(store, ["import", str(ARTICLE_SEEDS)])


@when("I import the seed file of the article with --dry-run", target_fixture="outcome")
def import_article_dry(store: str) -> Outcome:
    return run(store, ["import", "--dry-run", str(ARTICLE_SEEDS)])


@when("I import the seed file with --dry-run", target_fixture="outcome")
def import_seed_file_dry(store: str, seed_file: Path) -> Outcome:
    return run(store, ["import", "--dry-run", str(seed_file)])


@when("I import the seed file that follows the article through 2024", target_fixture="outcome")
def import_after_article(store: str) -> Outcome:
    return run(store, ["import", str(ARTICLE_SEEDS.with_name("us-china-2024.toml"))])


@when("I import the seed file", target_fixture="outcome")
def import_seed_file(store: str, seed_file: Path) -> Outcome:
    return run(store, ["import", str(seed_file)])


@when(parsers.re(r"I import " + q("path")), target_fixture="outcome")
def import_path(store: str, tmp_path: Path, path: str) -> Outcome:
    return run(store, ["import", str(tmp_path / path)])


@when(
    parsers.re(r"I ask for the status of " + q("slug") + r'(?: as of "(?P<as_of>[^"]*)")?'),
    target_fixture="outcome",
)
def ask_status(store: str, slug: str, as_of: str | None) -> Outcome:
    return run(store, ["status", slug] + (["--as-of", as_of] if as_of is not None else []))


@when(
    parsers.re(r'I ask for the status of every channel(?: as of "(?P<as_of>[^"]*)")?'),
    target_fixture="outcome",
)
def ask_dashboard(store: str, as_of: str | None) -> Outcome:
    return run(store, ["status"] + (["--as-of", as_of] if as_of is not None else []))


@when(parsers.re(r"I ask for the history of " + q("slug")), target_fixture="outcome")
def ask_history(store: str, slug: str) -> Outcome:
    return run(store, ["history", slug])


@when(
    parsers.re(r"I record a meeting on " + q("slug") + r" without saying when"),
    target_fixture="outcome",
)
def meet_undated(store: str, slug: str) -> Outcome:
    return run(store, ["meet", slug])


# --- Then: what the tracker answered, and what it holds now ----------------------------------


@then("it is recorded")
def it_is_recorded(store: str, outcome: Outcome) -> None:
    result = outcome.result
    assert result.exit_code == 0, result.output
    assert result.stderr == ""
    assert outcome.recorded(store) == 1


@then(parsers.parse("{count:d} events are recorded"))
def events_are_recorded(store: str, outcome: Outcome, count: int) -> None:
    assert outcome.result.exit_code == 0, outcome.result.output
    assert outcome.recorded(store) == count


@then("it succeeds")
def it_succeeds(outcome: Outcome) -> None:
    assert outcome.result.exit_code == 0, outcome.result.output
    assert outcome.result.stderr == ""


@then(
    parsers.re(
        r"the tracker (?P<verdict>" + "|".join(VERDICTS) + r") with exit code (?P<code>\d+), "
        r'saying "(?P<message>.*)"'
    )
)
def it_fails(outcome: Outcome, verdict: str, code: str, message: str) -> None:
    assert VERDICTS[verdict] == int(code), f"the tracker documents exit code {VERDICTS[verdict]}"
    result = outcome.result
    assert result.exit_code == int(code), result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got: {result.stderr!r}"
    assert lines[0].startswith("error: "), lines[0]
    assert result.stdout == "", "a failed command prints no result"
    assert message in lines[0], f"{message!r} not in {lines[0]!r}"


@then(parsers.re(r"the message mentions " + q("text")))
def message_mentions(outcome: Outcome, text: str) -> None:
    assert text in outcome.result.stderr, f"{text!r} not in {outcome.result.stderr!r}"


@then(parsers.re(r"the message does not show " + q("text")))
def message_hides(outcome: Outcome, text: str) -> None:
    assert text not in outcome.result.output


@then("nothing is recorded")
def nothing_is_recorded(store: str, outcome: Outcome) -> None:
    assert contents(store) == outcome.before


@then("no directory was created for it")
def no_directory_created(store: str) -> None:
    assert not Path(store).parent.exists()


@then(parsers.re(r"I see " + q("text")))
def i_see(outcome: Outcome, text: str) -> None:
    assert text in outcome.result.stdout, f"{text!r} not in:\n{outcome.result.stdout}"


@then(parsers.re(r"I do not see " + q("text")))
def i_do_not_see(outcome: Outcome, text: str) -> None:
    assert outcome.result.exit_code == 0, outcome.result.output
    assert text not in outcome.result.stdout, f"{text!r} in:\n{outcome.result.stdout}"


@then(
    parsers.re(
        q("slug") + r" is " + STATUS + r'(?: since "(?P<since>[^"]+)")?'
        r'(?: as of "(?P<as_of>[^"]+)")?'
    )
)
def channel_is(store: str, slug: str, status: str, since: str | None, as_of: str | None) -> None:
    view = status_of(store, slug, as_of)
    assert view["status"] == status, view
    if since is not None:
        assert view["status_since"] == since, view


@then(parsers.re(r"there is no channel " + q("slug")))
def no_channel(store: str, slug: str) -> None:
    result = run_cli(["status", slug], db=store)
    assert result.exit_code == 1, result.output
    assert "no channel" in result.stderr


@then(parsers.re(r"the parties of " + q("slug") + r" are (?P<parties>.+)"))
def parties_are(store: str, slug: str, parties: str) -> None:
    assert status_of(store, slug)["parties"] == parties_in(parties)


@then(parsers.re(q("slug") + r" has held (?P<count>\d+) meetings?"))
def meetings_held(store: str, slug: str, count: str) -> None:
    assert status_of(store, slug)["meetings_held"] == int(count)


@then(
    parsers.re(
        r"the meeting of " + q("on") + r" on " + q("slug") + r" is at (?P<level>[a-z-]+) level"
    )
)
def meeting_level(store: str, on: str, slug: str, level: str) -> None:
    history = run_cli(["history", slug, "--json"], db=store).json()
    meetings = [e for e in history if e["kind"] == "meeting" and e["occurred"] == on]
    assert len(meetings) == 1, history
    assert meetings[0]["details"].get("level") == level


@then(parsers.re(q("slug") + r" was suspended by (?P<party>[A-Z]+)"))
def suspended_by(store: str, slug: str, party: str) -> None:
    assert status_of(store, slug)["suspended_by"] == party


@then(parsers.re(q("slug") + r" is to be succeeded by " + q("successor")))
def succeeded_by(store: str, slug: str, successor: str) -> None:
    assert status_of(store, slug)["successor"] == successor


@then(
    parsers.re(
        r"the (?P<level>[a-z-]+) cadence of " + q("slug") + r" is (?P<per_year>[\d.]+) "
        r"meetings? a year, next due on " + q("due")
    )
)
def cadence_is(store: str, level: str, slug: str, per_year: str, due: str) -> None:
    cadences = {c["level"]: c for c in status_of(store, slug)["cadences"]}
    assert level in cadences, cadences
    assert cadences[level]["per_year"] == float(per_year)
    assert cadences[level]["next_due"] == due


@then(
    parsers.re(
        q("slug")
        + r" has a meeting planned in "
        + q("window")
        + r'(?: hosted by (?P<host>[A-Z]+))?(?:, held on "(?P<held>[^"]+)")?'
    )
)
def planned_meeting(store: str, slug: str, window: str, host: str | None, held: str | None) -> None:
    planned = [p for p in status_of(store, slug)["planned"] if p["window"] == window]
    assert len(planned) == 1, status_of(store, slug)["planned"]
    if host is not None:
        assert planned[0]["host"] == host
    if held is not None:
        assert planned[0]["held"] == held


@then("the status shows:")
def status_shows(outcome: Outcome, datatable: list[list[str]]) -> None:
    assert outcome.result.exit_code == 0, outcome.result.output
    lines = [line.strip() for line in outcome.result.stdout.splitlines()]
    for row in rows_of(datatable):
        label, value = row["field"], row["shows"]
        found = [line for line in lines if line.startswith(label) and value in line]
        assert found, f"no line shows {label}: {value} in:\n{outcome.result.stdout}"


def _lines_naming(slug: str, text: str) -> list[str]:
    pattern = re.compile(rf"(?<![\w-]){re.escape(slug)}(?![\w-])")
    return [line for line in text.splitlines() if pattern.search(line)]


@then("the dashboard shows one line per channel:")
def dashboard_shows(store: str, outcome: Outcome, datatable: list[list[str]]) -> None:
    assert outcome.result.exit_code == 0, outcome.result.output
    expected = rows_of(datatable)
    for row in expected:
        lines = _lines_naming(row["channel"], outcome.result.stdout)
        assert len(lines) == 1, f"{row['channel']} on {len(lines)} lines:\n{outcome.result.stdout}"
        assert row["status"] in lines[0], lines[0]
    listed = [v["channel"] for v in read_json(store, outcome.args)]
    assert sorted(listed) == sorted(row["channel"] for row in expected)


@then(parsers.re(r"the dashboard does not show " + q("slug")))
def dashboard_leaves_out(outcome: Outcome, slug: str) -> None:
    assert _lines_naming(slug, outcome.result.stdout) == []


def _history_block(stdout: str, seq: int) -> list[str]:
    """The lines of one event in the history text: its head line and the lines under it."""
    block: list[str] = []
    for line in stdout.splitlines():
        if line.startswith("#"):
            if block:
                break
            if re.match(rf"#{seq}\s", line):
                block.append(line)
        elif block:
            block.append(line)
    assert block, f"no event #{seq} in:\n{stdout}"
    return block


@then("the history shows these events:")
def history_shows(store: str, outcome: Outcome, datatable: list[list[str]]) -> None:
    """The events, in the order of the table, in the text and in the JSON alike."""
    assert outcome.result.exit_code == 0, outcome.result.output
    heads = [line for line in outcome.result.stdout.splitlines() if line.startswith("#")]
    expected = rows_of(datatable)
    shown = [(line.split()[0], *line.split()[1:3]) for line in heads]
    assert shown == [(f"#{r['#']}", r["occurred"], r["event"]) for r in expected], (
        outcome.result.stdout
    )
    scripts = [e["seq"] for e in read_json(store, [a for a in outcome.args if a != "--json"])]
    assert scripts == [int(r["#"]) for r in expected], scripts


@then(
    parsers.re(
        r"the history shows on event #(?P<seq>\d+) the source "
        + q("citation")
        + r'(?: quoting "(?P<quote>.*)")? with (?P<confidence>[a-z]+) confidence'
    )
)
def history_source(
    outcome: Outcome, seq: str, citation: str, quote: str | None, confidence: str
) -> None:
    block = _history_block(outcome.result.stdout, int(seq))
    sources = [line for line in block if citation in line and f"({confidence})" in line]
    assert sources, f"no source {citation!r} ({confidence}) in:\n" + "\n".join(block)
    if quote is not None:
        assert any(quote in line for line in sources), "\n".join(block)


@then(parsers.re(r"the history marks event #(?P<seq>\d+) as retracted"))
def history_retracted(outcome: Outcome, seq: str) -> None:
    head = _history_block(outcome.result.stdout, int(seq))[0]
    assert "RETRACTED" in head, head


@then(
    parsers.re(
        r"for scripts, event #(?P<seq>\d+) of "
        + q("slug")
        + r" occurred "
        + q("occurred")
        + r" at (?P<precision>\w+) precision, (?P<approximate>approximate|exact)"
    )
)
def history_json_precision(
    store: str, seq: str, slug: str, occurred: str, precision: str, approximate: str
) -> None:
    events = {e["seq"]: e for e in read_json(store, ["history", slug])}
    event = events[int(seq)]
    assert event["occurred"] == occurred
    assert event["precision"] == precision
    assert event["approximate"] is (approximate == "approximate")


@then(parsers.parse("the store holds {count:d} events"))
def store_holds(store: str, count: int) -> None:
    assert len(stored_rows(store)) == count
