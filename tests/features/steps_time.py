"""Steps of the reading commands that look back: status, dashboard, history, overdue, report,
export, and the retractions they must ignore.

"As known <moment>" phrases name a moment of record time the way an analyst would, relative to
when an event was recorded; the moment is read from ``history --json`` (no sleeping, no clock):

    now                                              no --known-on at all
    just before event #4 of us-cn-mmca was recorded  one microsecond before it was recorded
    when event #4 of us-cn-mmca was recorded         the very moment it was recorded
    on the day event #4 of us-cn-mmca was recorded   that day, bare (the end of the day)
    on the day before event #1 of … was recorded     the day before, bare
    on "2023-09-01T12:00"                            exactly what is written

These step functions are imported into conftest.py, so that pytest finds their fixtures.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import pytest
from pytest_bdd import given, parsers, then, when

from tests.features.documents import (
    EXPORT_FORMATS,
    REPORT_FORMATS,
    Report,
    csv_rows,
    exported,
    exported_event,
    naming,
    output_of,
    plain,
    sequence_numbers,
)
from tests.features.helpers import (
    LEVEL,
    SLUGS,
    STATUS,
    Outcome,
    contents,
    meet_args,
    parties_in,
    q,
    read_json,
    record,
    rows_of,
    run,
    slugs_in,
    with_sources,
)
from tests.support import run_cli

# "as of" a day and/or "as known" at a moment, after a command: parsed by time_args().
TIME = r'(?P<time>(?: as of "[^"]*")?(?:,? as known .+?)?)'
# The same, but at least one of the two must be given.
SOME_TIME = r'(?P<time>(?= as of |,? as known )(?: as of "[^"]*")?(?:,? as known .+?)?)'
_TIME_PARTS = re.compile(r'(?: as of "(?P<as_of>[^"]*)")?(?:,? as known (?P<known>.+))?')
_KNOWN = re.compile(
    r"(?P<now>now)"
    r'|on "(?P<literal>[^"]*)"'
    r"|(?P<edge>just before|when) event #(?P<seq>\d+) of (?P<slug>[a-z0-9-]+) was recorded"
    r"|on the day (?P<before>before )?event #(?P<day_seq>\d+) of (?P<day_slug>[a-z0-9-]+) "
    r"was recorded"
)


def recorded_at(store: str, slug: str, seq: int) -> dt.datetime:
    """The moment the tracker recorded an event, as its history tells scripts."""
    events = {e["seq"]: e for e in read_json(store, ["history", slug])}
    assert seq in events, f"{slug} has no event #{seq}"
    return dt.datetime.fromisoformat(events[seq]["recorded"])


def known_on(store: str, phrase: str) -> str | None:
    """The --known-on value for a phrase such as 'just before event #4 of x was recorded'."""
    found = _KNOWN.fullmatch(phrase.strip())
    assert found, f"not a moment these steps know how to find: {phrase!r}"
    if found["now"]:
        return None
    if found["literal"] is not None:
        return found["literal"]
    if found["edge"]:
        moment = recorded_at(store, found["slug"], int(found["seq"]))
        if found["edge"] == "just before":
            moment -= dt.timedelta(microseconds=1)
        return moment.isoformat()
    day = recorded_at(store, found["day_slug"], int(found["day_seq"])).astimezone(dt.UTC).date()
    if found["before"]:
        day -= dt.timedelta(days=1)
    return day.isoformat()


def time_args(store: str, time: str | None) -> list[str]:
    """--as-of and --known-on for ' as of "2023-01-01", as known just before …'."""
    found = _TIME_PARTS.fullmatch(time or "")
    assert found, f"not a time these steps understand: {time!r}"
    args = []
    if found["as_of"] is not None and found["as_of"] != "today":
        args += ["--as-of", found["as_of"]]
    if found["known"] is not None:
        moment = known_on(store, found["known"])
        if moment is not None:
            args += ["--known-on", moment]
    return args


def days_late(days: int) -> str:
    return f"{days} day" if days == 1 else f"{days} days"


# --- Given ---------------------------------------------------------------------------------


@given(
    parsers.re(
        r"a (?P<level>[a-z-]+) meeting on "
        + q("slug")
        + r" was agreed on "
        + q("on")
        + r" to take place in "
        + q("window")
    )
)
def level_meeting_planned(store: str, level: str, slug: str, on: str, window: str) -> None:
    record(store, ["plan", slug, "--on", on, "--window", window, "--level", level])


@given(
    parsers.re(
        r"a meeting was held on "
        + q("slug")
        + r" on "
        + q("on")
        + LEVEL
        + r', reported by "(?P<source>[^"]+)"(?: quoting "(?P<quote>.*)")?'
        r"(?: with (?P<confidence>[a-z]+) confidence)?"
    )
)
def meeting_held_reported(
    store: str,
    slug: str,
    on: str,
    level: str | None,
    source: str,
    quote: str | None,
    confidence: str | None,
) -> None:
    record(store, with_sources(meet_args(slug, on, level), source, quote, confidence))


# --- When ----------------------------------------------------------------------------------


@when(
    parsers.re(
        r"I ask for the status of " + q("slug") + r'(?: as of "(?P<as_of>[^"]*)")?, as known '
        r"(?P<known>.+)"
    ),
    target_fixture="outcome",
)
def ask_status_known(store: str, slug: str, as_of: str | None, known: str) -> Outcome:
    time = (f' as of "{as_of}"' if as_of is not None else "") + f", as known {known}"
    return run(store, ["status", slug, *time_args(store, time)])


@when(parsers.re(r"I ask for the history of " + q("slug") + SOME_TIME), target_fixture="outcome")
def ask_history_back(store: str, slug: str, time: str) -> Outcome:
    return run(store, ["history", slug, *time_args(store, time)])


def _dashboard_filters(which: str | None) -> list[str]:
    """--status, --party and --overdue for 'active and agreed channels with CN and …'."""
    if which is None:
        return []
    found = re.fullmatch(
        r"(?:(?P<statuses>[a-z]+(?: and [a-z]+)*) )?channels(?: with (?P<with>.+))?", which
    )
    assert found, f"not a choice of channels: {which!r}"
    args = []
    for status in (found["statuses"] or "").split(" and "):
        if status:
            args += ["--status", status]
    for item in parties_in(found["with"] or ""):
        args += ["--overdue"] if item == "something overdue" else ["--party", item]
    return args


@when(
    parsers.re(
        r"I ask for the dashboard(?: of (?P<which>[a-z ]*channels(?: with [A-Za-z ]+?)?))?"
        + TIME
        + r"(?: sorted by (?P<sort>[a-z-]+)(?P<reverse>, reversed)?)?(?P<scripts> for scripts)?"
    ),
    target_fixture="outcome",
)
def ask_dashboard_back(
    store: str,
    which: str | None,
    time: str,
    sort: str | None,
    reverse: str | None,
    scripts: str | None,
) -> Outcome:
    args = ["status", *_dashboard_filters(which), *time_args(store, time)]
    if sort:
        args += ["--sort", sort]
    if reverse:
        args += ["--reverse"]
    if scripts:
        args += ["--json"]
    return run(store, args)


@when(
    parsers.re(r"I ask what is overdue(?: on channels with (?P<parties>[A-Za-z, ]+?))?" + TIME),
    target_fixture="outcome",
)
def ask_overdue(store: str, parties: str | None, time: str) -> Outcome:
    args = ["overdue", *time_args(store, time)]
    for party in parties_in(parties or ""):
        args += ["--party", party]
    return run(store, args)


def document_args(
    command: str,
    formats: dict[str, str],
    store: str,
    tmp_path: Path,
    slugs: str | None,
    format: str | None,
    time: str,
    file: str | None,
) -> list[str]:
    """The arguments of ``report`` or ``export``, from the words of the step."""
    args = [command, *slugs_in(slugs or "")]
    if format:
        args += ["--format", formats[format]]
    if file == "-":
        args += ["-o", "-"]  # standard output: see the_document_printed
    elif file:
        args += ["-o", str(tmp_path / file)]
    return [*args, *time_args(store, time)]


@when(
    parsers.re(
        r"I ask for the report(?: of "
        + SLUGS
        + r")?(?: in (?P<format>Markdown|HTML|JSON))?"
        + TIME
        + r'(?: written to "(?P<file>[^"]+)")?'
    ),
    target_fixture="outcome",
)
def ask_report(
    store: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    slugs: str | None,
    format: str | None,
    time: str,
    file: str | None,
) -> Outcome:
    if file == "-":
        monkeypatch.chdir(tmp_path)  # where a file named "-" would be written
    return run(
        store, document_args("report", REPORT_FORMATS, store, tmp_path, slugs, format, time, file)
    )


@when(
    parsers.re(
        r"I export (?:every event|the events of " + SLUGS + r")"
        r"(?: as (?P<format>JSON Lines|CSV|seed entries))?" + TIME + r'(?: to "(?P<file>[^"]+)")?'
    ),
    target_fixture="outcome",
)
def export(
    store: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    slugs: str | None,
    format: str | None,
    time: str,
    file: str | None,
) -> Outcome:
    if file == "-":
        monkeypatch.chdir(tmp_path)  # where a file named "-" would be written
    return run(
        store, document_args("export", EXPORT_FORMATS, store, tmp_path, slugs, format, time, file)
    )


@when(
    parsers.re(r"I retract event #(?P<seq>\d+) of " + q("slug") + r" without a reason"),
    target_fixture="outcome",
)
def retract_without_reason(store: str, seq: str, slug: str) -> Outcome:
    return run(store, ["retract", slug, seq])


# --- Then: one channel ---------------------------------------------------------------------


@then(parsers.re(r"the answer is that " + q("slug") + r" was " + STATUS + r" since " + q("since")))
def answer_status(store: str, outcome: Outcome, slug: str, status: str, since: str) -> None:
    result = outcome.result
    assert result.exit_code == 0, result.output
    lines = [line.strip() for line in result.stdout.splitlines()]
    shown = [line for line in lines if line.startswith("status")]
    assert shown, result.stdout
    assert shown[0].split(None, 1)[1].startswith(f"{status} since {since}"), shown[0]
    view = read_json(store, outcome.args)
    assert (view["channel"], view["status"], view["status_since"]) == (slug, status, since), view
    # For scripts, the answer says when it was asked about and what was known.
    as_of = outcome.args[outcome.args.index("--as-of") + 1] if "--as-of" in outcome.args else None
    if as_of is not None:
        assert view["as_of"] == as_of, view["as_of"]
    if "--known-on" in outcome.args:
        moment = outcome.args[outcome.args.index("--known-on") + 1]
        if len(moment) > len("2023-09-01"):
            known = dt.datetime.fromisoformat(view["known_on"])
            assert known == dt.datetime.fromisoformat(moment), view["known_on"]
    else:
        assert view["known_on"] is None, view["known_on"]


@then(parsers.re(r"the answer counts (?P<count>\d+) meetings? held"))
def answer_counts_meetings(store: str, outcome: Outcome, count: str) -> None:
    assert outcome.result.exit_code == 0, outcome.result.output
    assert re.search(rf"^\s*meetings\s+{count} held", outcome.result.stdout, re.M), (
        outcome.result.stdout
    )
    assert read_json(store, outcome.args)["meetings_held"] == int(count)


@then(parsers.re(r"the history lists events (?P<events>.+)"))
def history_lists(store: str, outcome: Outcome, events: str) -> None:
    assert outcome.result.exit_code == 0, outcome.result.output
    heads = [line for line in outcome.result.stdout.splitlines() if line.startswith("#")]
    shown = [int(line[1:].split()[0]) for line in heads]
    assert shown == sequence_numbers(events), outcome.result.stdout
    assert [e["seq"] for e in read_json(store, outcome.args)] == sequence_numbers(events)


@then(
    parsers.re(
        r"for scripts, event #(?P<seq>\d+) of "
        + q("slug")
        + r" is retracted by event #(?P<by>\d+) because "
        + q("reason")
    )
)
def history_json_retracted(store: str, seq: str, slug: str, by: str, reason: str) -> None:
    events = {e["seq"]: e for e in read_json(store, ["history", slug])}
    event = events[int(seq)]
    assert event["retracted"] is True, event
    assert event["retraction"]["seq"] == int(by), event
    assert event["retraction"]["reason"] == reason, event
    retraction = events[int(by)]
    assert retraction["kind"] == "retracted", retraction
    assert retraction["details"]["retracted_seq"] == int(seq), retraction


@then(
    parsers.re(
        r"for scripts, event #(?P<seq>\d+) of "
        + q("slug")
        + r" is corrected by event #(?P<copy>\d+) and retracted by event #(?P<by>\d+) because "
        + q("reason")
    )
)
def history_json_corrected(
    store: str, seq: str, slug: str, copy: str, by: str, reason: str
) -> None:
    history_json_retracted(store, seq, slug, by, reason)
    events = {e["seq"]: e for e in read_json(store, ["history", slug])}
    assert events[int(seq)]["corrected_by"] == int(copy), events[int(seq)]
    assert events[int(copy)]["corrects"] == int(seq), events[int(copy)]
    assert events[int(copy)]["kind"] == events[int(seq)]["kind"]


@then(parsers.re(r"for scripts, " + q("slug") + r" has no next due day as of " + q("day")))
def no_next_due(store: str, slug: str, day: str) -> None:
    view = read_json(store, ["status", slug, "--as-of", day])
    assert view["cadences"], view
    assert [c["next_due"] for c in view["cadences"]] == [None] * len(view["cadences"]), view


@then(
    parsers.re(
        r"for scripts, the dashboard as of "
        + q("day")
        + r" says "
        + q("slug")
        + r" was suspended because "
        + q("reason")
    )
)
def dashboard_suspension_reason(store: str, day: str, slug: str, reason: str) -> None:
    views = {v["channel"]: v for v in read_json(store, ["status", "--as-of", day])}
    assert views[slug]["status"] == "suspended", views[slug]
    assert views[slug]["suspension_reason"] == reason, views[slug]


@when(parsers.re(r"I ask for the dashboard at (?P<columns>\d+) columns"), target_fixture="outcome")
def dashboard_at(store: str, columns: str) -> Outcome:
    before = contents(store)
    return Outcome(("status",), run_cli(["status"], db=store, columns=int(columns)), before)


@then(parsers.re(r"no line is wider than (?P<columns>\d+) columns"))
def no_line_wider(outcome: Outcome, columns: str) -> None:
    assert outcome.result.exit_code == 0, outcome.result.output
    wide = [line for line in outcome.result.stdout.splitlines() if len(line) > int(columns)]
    assert not wide, wide


@then("every channel's slug, status and next due day are shown whole")
def values_whole(store: str, outcome: Outcome) -> None:
    words = set(outcome.result.stdout.split())
    for view in read_json(store, ["status"]):
        assert view["channel"] in words, view["channel"]
        assert view["status_since"] in words, view["status_since"]
        for cadence in view["cadences"]:
            if cadence["next_due"]:
                due = cadence["next_due"]
                assert due in words or f"{due}," in words, (due, outcome.result.stdout)


@then("the channels appear in the order of their slugs")
def in_slug_order(outcome: Outcome) -> None:
    assert outcome.result.exit_code == 0, outcome.result.output
    text = outcome.result.stdout
    if "report" in outcome.args:
        channels = [c["channel"] for c in json.loads(text)["channels"]]
    elif "export" in outcome.args:
        rows = [json.loads(line)["channel"] for line in text.splitlines()]
        channels = list(dict.fromkeys(rows))
    else:
        channels = [v["channel"] for v in json.loads(text)]
    assert len(channels) > 1, channels
    assert channels == sorted(channels), channels


@then(parsers.re(r"the channels listed are (?P<listed>.+)"))
def channels_listed(store: str, outcome: Outcome, listed: str) -> None:
    assert outcome.result.exit_code == 0, outcome.result.output
    expected = [s.strip() for s in listed.split(",")]
    found = [v["channel"] for v in read_json(store, outcome.args)]
    assert found == expected, found
    shown = [line.split()[0] for line in outcome.result.stdout.splitlines()[1:] if line[:1] != " "]
    assert shown == expected, outcome.result.stdout


# --- Then: what is overdue -------------------------------------------------------------------


def _overdue_lines(outcome: Outcome) -> list[str]:
    assert outcome.result.exit_code == 0, outcome.result.output
    return [line for line in outcome.result.stdout.splitlines() if line.strip()]


@then("nothing is overdue")
def nothing_overdue(store: str, outcome: Outcome) -> None:
    assert _overdue_lines(outcome) == ["nothing is overdue"], outcome.result.stdout
    assert read_json(store, outcome.args) == []


@then(
    parsers.re(
        r"only the (?P<level>[a-z-]+) meeting of "
        + q("slug")
        + r" due on "
        + q("due")
        + r" is overdue, (?P<days>\d+) days? late"
    )
)
def only_cadence_overdue(
    store: str, outcome: Outcome, level: str, slug: str, due: str, days: str
) -> None:
    lines = _overdue_lines(outcome)
    assert len(lines) == 1, outcome.result.stdout
    for part in (slug, f"{level} meeting", due, f"{days_late(int(days))}"):
        assert part in lines[0], f"{part!r} not in {lines[0]!r}"
    items = read_json(store, outcome.args)
    assert len(items) == 1, items
    item = items[0]
    found = (item["channel"], item["kind"], item["level"], item["due"], item["days_late"])
    assert found == (slug, "cadence", level, due, int(days)), item


@then(
    parsers.re(
        r"only the (?:(?P<level>[a-z-]+) )?meeting planned on "
        + q("slug")
        + r" in "
        + q("window")
        + r" is overdue, (?P<days>\d+) days? late"
    )
)
def only_plan_overdue(
    store: str, outcome: Outcome, level: str | None, slug: str, window: str, days: str
) -> None:
    lines = _overdue_lines(outcome)
    assert len(lines) == 1, outcome.result.stdout
    what = f"planned {level} meeting" if level else "planned meeting"
    for part in (slug, f"{what} in {window}", f"{days_late(int(days))}"):
        assert part in lines[0], f"{part!r} not in {lines[0]!r}"
    items = read_json(store, outcome.args)
    assert len(items) == 1, items
    item = items[0]
    found = (item["channel"], item["kind"], item["level"], item["window"], item["days_late"])
    assert found == (slug, "planned", level, window, int(days)), item


def _what(item: dict[str, str]) -> str:
    level = f"{item['level']} " if item.get("level") else ""
    if item["kind"] == "cadence":
        return f"{level}meeting"
    return f"planned {level}meeting in {item['window']}"


@then(
    parsers.re(
        r"the tracker exits with code (?P<code>\d+), listing (?P<count>\d+|nothing) overdue"
        r"(?: items?)?"
    )
)
def overdue_exit_code(outcome: Outcome, code: str, count: str) -> None:
    """``overdue --exit-code``: the exit code says whether anything is overdue; the list is
    printed all the same (text or JSON), and nothing goes to stderr."""
    result = outcome.result
    assert result.exit_code == int(code), result.output
    assert result.stderr == "", result.stderr
    wanted = 0 if count == "nothing" else int(count)
    if "--json" in outcome.args:
        assert len(result.json()) == wanted, result.stdout
    elif wanted == 0:
        assert result.stdout.strip() == "nothing is overdue", result.stdout
    else:
        lines = [line for line in result.stdout.splitlines() if line.endswith(" late")]
        assert len(lines) == wanted, result.stdout


@then("the overdue list is:")
def overdue_list_is(store: str, outcome: Outcome, datatable: list[list[str]]) -> None:
    expected = rows_of(datatable)
    lines = _overdue_lines(outcome)
    assert len(lines) == len(expected), outcome.result.stdout
    for line, row in zip(lines, expected, strict=True):
        late = days_late(int(row["days late"]))
        # A planned meeting is shown by its window; a cadence by the day it was due.
        due = [] if row["what"].startswith("planned") else [row["due"]]
        for part in (row["channel"], row["what"], *due, late):
            assert part in line, f"{part!r} not in {line!r}"
    items = read_json(store, outcome.args)
    found = [(i["channel"], _what(i), i["due"], i["days_late"]) for i in items]
    wanted = [(r["channel"], r["what"], r["due"], int(r["days late"])) for r in expected]
    assert found == wanted


# --- Then: the dashboard -------------------------------------------------------------------


def _dashboard(store: str, outcome: Outcome) -> tuple[list[str], list[dict[str, Any]]]:
    """The dashboard's lines of text, and the same dashboard for scripts."""
    assert outcome.result.exit_code == 0, outcome.result.output
    views = read_json(store, [a for a in outcome.args if a != "--json"])
    return outcome.result.stdout.splitlines(), views


def _listed(store: str, outcome: Outcome) -> list[str]:
    """The channels in the order the text lists them; the JSON must list them alike."""
    lines, views = _dashboard(store, outcome)
    channels = [str(v["channel"]) for v in views]
    in_text = [c for line in lines for c in channels if naming(c, line)]
    assert in_text == channels, f"the text lists {in_text}, the JSON {channels}"
    return channels


@then(parsers.re(r"the dashboard shows " + q("slug") + r" as (?P<shown>.+)"))
def dashboard_shows_channel(store: str, outcome: Outcome, slug: str, shown: str) -> None:
    lines, views = _dashboard(store, outcome)
    named = [line for line in lines if naming(slug, line)]
    view = [v for v in views if v["channel"] == slug]
    if shown == "left out":
        assert named == [], "\n".join(named)
        assert view == []
        return
    assert len(named) == 1, "\n".join(lines)
    assert shown in named[0], named[0]
    assert f"{view[0]['status']} since {view[0]['status_since']}" == shown


@then(parsers.re(r"the dashboard shows (?P<which>these rows|this row):"))
def dashboard_rows(store: str, outcome: Outcome, which: str, datatable: list[list[str]]) -> None:
    lines, views = _dashboard(store, outcome)
    by_channel = {str(v["channel"]): v for v in views}
    expected = rows_of(datatable)
    if which == "these rows":
        assert sorted(by_channel) == sorted(r["channel"] for r in expected)
    for row in expected:
        slug = row["channel"]
        named = [line for line in lines if naming(slug, line)]
        assert len(named) == 1, f"{slug} on {len(named)} lines:\n" + "\n".join(lines)
        line, view = named[0], by_channel[slug]
        due = [d for d in row["next due"].split("; ") if d]
        planned = [p for p in row["planned"].split("; ") if p]
        for part in [row["status"], row["last meeting"], *due, *planned]:
            assert part in line, f"{part!r} not in {line!r}"
        assert ("OVERDUE" in line) == (row["overdue"] == "yes"), line
        # For scripts, the same row.
        assert f"{view['status']} since {view['status_since']}" == row["status"]
        assert view["last_meeting"] == (row["last meeting"] or None)
        assert [f"{c['level']} {c['next_due']}" for c in view["cadences"]] == due
        not_held = [p["window"] for p in view["planned"] if not p["held"]]
        assert not_held == planned
        assert view["overdue"] is (row["overdue"] == "yes")


@then(parsers.re(r"the channels are listed in this order: (?P<order>.+)"))
def listed_in_order(store: str, outcome: Outcome, order: str) -> None:
    assert _listed(store, outcome) == [s.strip() for s in order.split(",")]


@then(parsers.re(q("first") + r" is listed before " + q("second")))
def listed_before(store: str, outcome: Outcome, first: str, second: str) -> None:
    listed = _listed(store, outcome)
    assert listed.index(first) < listed.index(second), listed


@then(parsers.re(r"the dashboard lists only " + SLUGS))
def dashboard_lists_only(store: str, outcome: Outcome, slugs: str) -> None:
    assert sorted(_listed(store, outcome)) == sorted(slugs_in(slugs))


@then("the dashboard is plain text, without colour or box drawing")
def dashboard_plain(outcome: Outcome) -> None:
    text = outcome.result.stdout
    assert outcome.result.exit_code == 0, outcome.result.output
    assert "\x1b" not in text, "colour codes in the dashboard"
    boxes = set(text) & {chr(c) for c in range(0x2500, 0x2580)}
    assert not boxes, f"box drawing in the dashboard: {boxes}"
    assert text.splitlines()[0].split()[0] == "channel", text


@then(
    parsers.re(
        r'the answer is a list of what "tracker status CHANNEL --json" says of each channel as of '
        + q("as_of")
    )
)
def dashboard_json_is_statuses(store: str, outcome: Outcome, as_of: str) -> None:
    assert outcome.result.exit_code == 0, outcome.result.output
    views = outcome.result.json()
    assert isinstance(views, list)
    assert views, "the dashboard is empty"
    for view in views:
        alone = read_json(store, ["status", view["channel"], "--as-of", as_of])
        differ = {
            k: (view.get(k), alone.get(k)) for k in {*view, *alone} if view.get(k) != alone.get(k)
        }
        assert not differ, f"{view['channel']}: the dashboard, then status CHANNEL, say {differ}"


# --- Then: the report ----------------------------------------------------------------------


def _every_channel(store: str) -> list[str]:
    return [v["channel"] for v in read_json(store, ["status"])]


@then(parsers.re(r"the report is written to " + q("file")))
@then(parsers.re(r"the export is written to " + q("file")))
def written_to(tmp_path: Path, outcome: Outcome, file: str) -> None:
    assert outcome.result.exit_code == 0, outcome.result.output
    assert outcome.result.stdout == "", "the document went to the file, not the terminal"
    path = tmp_path / file
    assert path.is_file(), f"{path} was not written"
    assert path.read_text(encoding="utf-8").strip(), f"{path} is empty"


@then(parsers.re(r"the (?:export|report) is printed, and no file " + q("file") + r" is written"))
def the_document_printed(tmp_path: Path, outcome: Outcome, file: str) -> None:
    assert outcome.result.exit_code == 0, outcome.result.output
    assert outcome.result.stdout.strip(), "nothing was printed"
    assert outcome.result.stderr == "", "nothing says a file was written"
    assert not (tmp_path / file).exists(), f"a file {file!r} was written"


@then(parsers.re(r"no file " + q("file") + r" is written"))
def no_file_written(tmp_path: Path, file: str) -> None:
    leftovers = [p.name for p in tmp_path.iterdir() if file in p.name]
    assert leftovers == [], f"files left behind: {leftovers}"


@then("the report names every channel")
def report_names_every_channel(store: str, outcome: Outcome) -> None:
    report = Report.of(outcome)
    channels = _every_channel(store)
    assert channels, "no channel to report on"
    missing = [c for c in channels if not report.names(c)]
    assert missing == [], f"the report does not name {missing}"


@then(parsers.re(r"the report names only " + SLUGS))
def report_names_only(store: str, outcome: Outcome, slugs: str) -> None:
    report = Report.of(outcome)
    named = [c for c in _every_channel(store) if report.names(c)]
    assert sorted(named) == sorted(slugs_in(slugs))


def recorded_day(store: str, phrase: str) -> str:
    """The day (tests run in UTC) of 'the day [before] event #N of SLUG was recorded'."""
    found = re.fullmatch(r"the day (before )?event #(\d+) of ([a-z0-9-]+) was recorded", phrase)
    assert found, f"not a day these steps know how to find: {phrase!r}"
    day = recorded_at(store, found[3], int(found[2])).astimezone(dt.UTC).date()
    return (day - dt.timedelta(days=1 if found[1] else 0)).isoformat()


@then(parsers.re(r"the report is as of (?P<phrase>the day .+ was recorded)"))
def report_as_of_recorded_day(store: str, outcome: Outcome, phrase: str) -> None:
    report_as_of(outcome, recorded_day(store, phrase))


@then(parsers.re(r"the answer is as of (?P<phrase>the day .+ was recorded)"))
def answer_as_of_recorded_day(store: str, outcome: Outcome, phrase: str) -> None:
    result = outcome.result
    assert result.exit_code == 0, result.output
    assert f"as of {recorded_day(store, phrase)}" in result.stdout, result.stdout


@then(parsers.re(r"the report is as of " + q("day")))
def report_as_of(outcome: Outcome, day: str) -> None:
    report = Report.of(outcome)
    if report.format == "json":
        assert report.data["as_of"] == day
    else:
        assert f"As of {day}" in plain(report.text), plain(report.text)[:300]


@then(parsers.re(r"the report shows " + q("slug") + r" " + STATUS + r" since " + q("since")))
def report_shows_status(outcome: Outcome, slug: str, status: str, since: str) -> None:
    assert Report.of(outcome).summary(slug, "status") == f"{status} since {since}"


@then(
    parsers.re(
        r"the report's summary shows "
        + q("slug")
        + r" with (?P<column>status|last meeting) "
        + q("value")
    )
)
def report_summary(outcome: Outcome, slug: str, column: str, value: str) -> None:
    assert Report.of(outcome).summary(slug, column) == value


@then(parsers.re(r"the report's part on " + q("slug") + r" shows:"))
def report_part_shows(outcome: Outcome, slug: str, datatable: list[list[str]]) -> None:
    report = Report.of(outcome)
    section = plain(report.section(slug))
    for row in rows_of(datatable):
        assert row["shows"] in section, f"{row['shows']!r} not in the part on {slug}:\n{section}"


@then(
    parsers.re(
        r"the report's part on "
        + q("slug")
        + r" lists event #(?P<seq>\d+), an? (?P<kind>[a-z]+) of "
        + q("occurred")
        + r" reported by "
        + q("citation")
        + r" with (?P<confidence>[a-z]+) confidence"
    )
)
def report_lists_event(
    outcome: Outcome, slug: str, seq: str, kind: str, occurred: str, citation: str, confidence: str
) -> None:
    report = Report.of(outcome)
    if report.format == "json":
        event = report.history(slug, int(seq))
        assert (event["kind"], event["occurred"]) == (kind, occurred), event
        sources = [(s["citation"], s["confidence"]) for s in event["sources"]]
        assert (citation, confidence) in sources, sources
        return
    row = report.event(slug, int(seq))
    assert row.cells[1:3] == [occurred, kind], row.cells
    assert f"{citation} ({confidence})" in row.text, row.text


@then(
    parsers.re(
        r"the report marks event #(?P<seq>\d+) of "
        + q("slug")
        + r" as retracted because "
        + q("reason")
    )
)
def report_marks_retracted(outcome: Outcome, seq: str, slug: str, reason: str) -> None:
    report = Report.of(outcome)
    if report.format == "json":
        event = report.history(slug, int(seq))
        assert event["retracted"] is True, event
        assert event["retraction"]["reason"] == reason, event
        return
    row = report.event(slug, int(seq))
    assert "retracted" in row.text, row.text
    assert reason in row.text, row.text


@then(
    parsers.re(
        r"the JSON report gives "
        + q("slug")
        + r" (?P<cadences>\d+) cadences?, (?P<overdue>\d+) overdue items? and events "
        r"(?P<events>.+)"
    )
)
def json_report_gives(
    outcome: Outcome, slug: str, cadences: str, overdue: str, events: str
) -> None:
    channel = Report.of(outcome).channel(slug)
    assert len(channel["cadences"]) == int(cadences), channel["cadences"]
    assert len(channel["overdue_items"]) == int(overdue), channel["overdue_items"]
    assert [e["seq"] for e in channel["history"]] == sequence_numbers(events)


@then("the report's list of overdue items is:")
def report_overdue_list(store: str, outcome: Outcome, datatable: list[list[str]]) -> None:
    report = Report.of(outcome)
    titles = {v["channel"]: v["title"] for v in read_json(store, ["status"])}
    expected = []
    for row in rows_of(datatable):
        channel = row["channel"] if report.format == "json" else titles[row["channel"]]
        expected.append((channel, row["due"], int(row["days late"])))
    assert report.overdue_list() == expected


@then(parsers.re(r"the report keeps the dates (?P<dates>.+)"))
def report_keeps_dates(outcome: Outcome, dates: str) -> None:
    text = Report.of(outcome).text
    for date in slugs_in(dates):
        assert date in text, f"{date} is not in the report as reported"


@then("the page loads nothing from elsewhere")
def page_is_self_contained(outcome: Outcome) -> None:
    page = Report.of(outcome).text
    assert page.lstrip().lower().startswith("<!doctype html>"), page[:100]
    fetched = re.findall(r'\b(?:src|href|srcset|data)\s*=\s*["\']?\s*(?:https?:)?//', page, re.I)
    assert fetched == [], f"the page fetches from elsewhere: {fetched}"
    assert not re.search(r"<link\b|<script\b[^>]*\bsrc=|@import|url\(\s*['\"]?(?:https?:)?//", page)


@then("the page has a timeline picture with one lane per channel")
def page_has_picture(store: str, tmp_path: Path, outcome: Outcome) -> None:
    page = Report.of(outcome).text
    svg = re.search(r"<svg\b.*?</svg>", page, re.S)
    assert svg, "no picture in the page"
    root = ElementTree.fromstring(svg.group(0))
    lanes = [
        g.get("data-channel")
        for g in root.iter("{http://www.w3.org/2000/svg}g")
        if "lane" in (g.get("class") or "").split()
    ]
    # The channels of the same report, asked for as JSON.
    args = list(outcome.args)
    for name in ("-o", "--format"):
        if name in args:
            del args[args.index(name) : args.index(name) + 2]
    result = run_cli([*args, "--format", "json"], db=store)
    assert result.exit_code == 0, result.output
    channels = [c["channel"] for c in result.json()["channels"]]
    assert sorted(lanes) == sorted(channels), f"lanes {lanes} for channels {channels}"


# --- Then: the export ----------------------------------------------------------------------


@then("the export holds these events:")
def export_holds(outcome: Outcome, datatable: list[list[str]]) -> None:
    found = sorted((e["channel"], e["seq"], e["kind"], e["occurred"]) for e in exported(outcome))
    wanted = sorted(
        (r["channel"], int(r["#"]), r["kind"], r["occurred"] or None) for r in rows_of(datatable)
    )
    assert found == wanted


@then(
    parsers.re(r"the export holds events? (?P<events>.+?) of " + q("slug") + r" and nothing else")
)
def export_holds_only(outcome: Outcome, events: str, slug: str) -> None:
    found = [(e["channel"], e["seq"]) for e in exported(outcome)]
    assert sorted(found) == [(slug, n) for n in sorted(sequence_numbers(events))]


@then("the export holds no event")
def export_holds_nothing(outcome: Outcome) -> None:
    assert exported(outcome) == []


@then(
    "every exported event has its channel, number, kind, occurred, recorded, details, sources "
    "and CAMEO code"
)
def export_fields(outcome: Outcome) -> None:
    events = exported(outcome)
    assert events, "nothing was exported"
    for event in events:
        missing = {"channel", "seq", "kind", "occurred", "recorded", "details", "sources", "cameo"}
        missing -= set(event)
        assert not missing, f"{missing} missing from {event}"
        assert dt.datetime.fromisoformat(event["recorded"]).tzinfo is not None, event["recorded"]
        assert isinstance(event["details"], dict), event
        assert isinstance(event["sources"], list), event
        assert re.fullmatch(r"\d{3}|---", event["cameo"]), event["cameo"]


@then("every exported event was recorded when the history says it was")
def export_recorded(store: str, outcome: Outcome) -> None:
    histories: dict[str, dict[int, str]] = {}
    for event in exported(outcome):
        slug = event["channel"]
        if slug not in histories:
            histories[slug] = {e["seq"]: e["recorded"] for e in read_json(store, ["history", slug])}
        assert event["recorded"] == histories[slug][event["seq"]], event


@then(
    parsers.re(
        r"the exported event #(?P<seq>\d+) of " + q("slug") + r" has the window " + q("window")
    )
)
def exported_window(outcome: Outcome, seq: str, slug: str, window: str) -> None:
    assert exported_event(outcome, slug, int(seq))["details"]["window"] == window


@then(
    parsers.re(
        r"the exported event #(?P<seq>\d+) of "
        + q("slug")
        + r" has the source "
        + q("citation")
        + r'(?: quoting "(?P<quote>.*)")? with (?P<confidence>[a-z]+) confidence'
    )
)
def exported_source(
    outcome: Outcome, seq: str, slug: str, citation: str, quote: str | None, confidence: str
) -> None:
    sources = exported_event(outcome, slug, int(seq))["sources"]
    found = [(s["citation"], s.get("quote"), s["confidence"]) for s in sources]
    assert (citation, quote, confidence) in found, found


@then(parsers.re(r"the events of " + q("slug") + r" are exported with these CAMEO codes:"))
def exported_cameo(outcome: Outcome, slug: str, datatable: list[list[str]]) -> None:
    found = [(e["seq"], e["kind"], e["cameo"]) for e in exported(outcome) if e["channel"] == slug]
    wanted = [(int(r["#"]), r["kind"], r["cameo"]) for r in rows_of(datatable)]
    assert sorted(found) == wanted


@then("the CAMEO codes are those of the JSON Lines export")
def cameo_alike(store: str, outcome: Outcome) -> None:
    lines = run(store, ["export", "--format", "jsonl"])
    as_lines = {(e["channel"], e["seq"]): e["cameo"] for e in exported(lines)}
    as_rows = {(e["channel"], e["seq"]): e["cameo"] for e in exported(outcome)}
    assert as_rows == as_lines


@then(
    parsers.re(
        r"the exported event #(?P<seq>\d+) of "
        + q("slug")
        + r" is marked as retracted by event #(?P<by>\d+)"
    )
)
def exported_retracted(outcome: Outcome, seq: str, slug: str, by: str) -> None:
    event = exported_event(outcome, slug, int(seq))
    assert (event["retracted"], event["retracted_by"]) == (True, int(by)), event
    others = [e for e in exported(outcome) if e["retracted"] and e is not event]
    assert all((e["channel"], e["seq"]) != (slug, int(by)) for e in others)


@then(parsers.re(r"in the CSV, event #(?P<seq>\d+) of " + q("slug") + r" reads:"))
def csv_event_reads(outcome: Outcome, seq: str, slug: str, datatable: list[list[str]]) -> None:
    rows = [r for r in csv_rows(outcome) if (r["channel"], r["seq"]) == (slug, seq)]
    assert len(rows) == 1, f"event #{seq} of {slug} has {len(rows)} rows"
    found = {r["column"]: rows[0].get(r["column"]) for r in rows_of(datatable)}
    assert found == {r["column"]: r["value"] for r in rows_of(datatable)}, found


@then(parsers.re(r"the CSV has the source columns of (?P<count>\d+) sources"))
def csv_source_columns(outcome: Outcome, count: str) -> None:
    header = list(csv_rows(outcome)[0])
    sources = [name for name in header if name.startswith("source_")]
    fields = ("citation", "quote", "confidence", "note")
    assert sources == [f"source_{n}_{f}" for n in range(1, int(count) + 1) for f in fields]


@then("no CSV cell holds JSON")
def csv_plain(outcome: Outcome) -> None:
    for row in csv_rows(outcome):
        assert len(row) == len(csv_rows(outcome)[0]), "rows of different widths"
        for name, cell in row.items():
            assert not cell.startswith(("{", "[")), (name, cell)


# --- a line break typed as a carriage return -----------------------------------------------------


@given(
    parsers.re(
        r"a meeting was held on "
        + q("slug")
        + r" on "
        + q("on")
        + r" with a summary typed as "
        + q("before")
        + r", a carriage return and "
        + q("after")
    )
)
def meeting_with_carriage_return(store: str, slug: str, on: str, before: str, after: str) -> None:
    record(store, ["meet", slug, "--on", on, "--summary", f"{before}\r{after}"])


@then("the CSV has one row per event, each as wide as its header")
def csv_one_row_per_event(outcome: Outcome) -> None:
    import csv
    import io

    rows = list(csv.reader(io.StringIO(output_of(outcome), newline="")))
    seqs = [(row[0], row[1]) for row in rows[1:]]
    assert len(seqs) == len(set(seqs)), seqs  # no event's row split in two
    assert all(len(row) == len(rows[0]) for row in rows), rows


@then(
    parsers.re(
        r"in the CSV, the summary of event #(?P<seq>\d+) of "
        + q("slug")
        + r" is "
        + q("before")
        + r", a line break and "
        + q("after")
    )
)
def csv_summary_with_line_break(
    outcome: Outcome, seq: str, slug: str, before: str, after: str
) -> None:
    rows = [r for r in csv_rows(outcome) if (r["channel"], r["seq"]) == (slug, seq)]
    assert [r["summary"] for r in rows] == [f"{before}\n{after}"]


# conftest.py imports only the step fixtures pytest-bdd made for the functions above.
__all__ = [name for name in globals() if name.startswith("pytestbdd_")]
