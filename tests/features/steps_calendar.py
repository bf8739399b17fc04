"""Steps of ``tracker calendar``: the iCalendar file is read back with the icalendar library,
and checked against what RFC 5545 asks of it, whatever the scenario.

These step functions are imported into conftest.py, so that pytest finds their fixtures.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from pytest_bdd import given, parsers, then, when

from tests.features.helpers import Outcome, q, rows_of, run
from tests.features.steps_time import TIME, time_args
from tests.support import run_cli

ONE_DAY = dt.timedelta(days=1)


def _calendar_args(
    store: str,
    tmp_path: Path,
    status: str | None = None,
    party: str | None = None,
    overdue: str | None = None,
    time: str | None = None,
    file: str | None = None,
) -> list[str]:
    args = ["calendar"]
    if status:
        args += ["--status", status]
    if party:
        args += ["--party", party]
    if overdue:
        args += ["--overdue"]
    if file:
        args += ["-o", str(tmp_path / file)]
    return [*args, *time_args(store, time)]


@when(
    parsers.re(
        r"I ask for the calendar(?: of the (?P<status>[a-z]+) channels)?"
        r"(?: of the channels with (?P<party>[A-Z]+) as a party)?"
        r"(?P<overdue> of the channels with something overdue)?"
        + TIME
        + r'(?: written to "(?P<file>[^"]+)")?'
    ),
    target_fixture="outcome",
)
def ask_calendar(
    store: str,
    tmp_path: Path,
    status: str | None,
    party: str | None,
    overdue: str | None,
    time: str,
    file: str | None,
) -> Outcome:
    return run(store, _calendar_args(store, tmp_path, status, party, overdue, time, file))


@given(parsers.re(r"I noted the calendar as of " + q("day")), target_fixture="noted_calendar")
def noted_calendar(store: str, day: str) -> Any:
    result = run_cli(["calendar", "--as-of", day], db=store)
    assert result.exit_code == 0, result.output
    return parse(_crlf(result.stdout))


# --- reading the calendar back -----------------------------------------------------------------


def parse(text: str) -> Any:
    """The calendar read back by the icalendar library, checked against RFC 5545 first."""
    import icalendar

    check_rfc5545(text)
    calendar = icalendar.Calendar.from_ical(text)
    assert [c.errors for c in calendar.walk()] == [[] for _ in calendar.walk()]
    # Written out again, it is the same text: nothing was lost or read differently.
    assert calendar.to_ical().decode("utf-8") == text
    if calendar.events:
        calendar.validate()  # the library's own check: PRODID, VERSION, a component
    uids = [str(e["UID"]) for e in calendar.events]
    assert len(uids) == len(set(uids)), f"UIDs repeated: {uids}"
    for event in calendar.events:
        for name in ("UID", "DTSTAMP", "DTSTART", "DTEND", "SUMMARY", "SEQUENCE"):
            assert name in event, f"{event.get('UID')} has no {name}"
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date, "an all-day event starts on a date"
        assert type(end) is dt.date, "an all-day event ends on a date"
        assert end > start, f"{event['UID']} ends before it starts"
        assert event.decoded("DTSTAMP").utcoffset() == dt.timedelta(0), "DTSTAMP is in UTC"
    return calendar


def check_rfc5545(text: str) -> None:
    """CRLF line ends, lines of at most 75 octets, the calendar's own required properties."""
    assert text.endswith("\r\n"), "the last line ends with CRLF"
    lines = text[:-2].split("\r\n")
    assert not any("\n" in line or "\r" in line for line in lines), "a bare line end"
    too_long = [line for line in lines if len(line.encode("utf-8")) > 75]
    assert not too_long, f"lines longer than 75 octets: {too_long}"
    assert (lines[0], lines[-1]) == ("BEGIN:VCALENDAR", "END:VCALENDAR")
    assert "VERSION:2.0" in lines
    assert any(line.startswith("PRODID:") for line in lines)
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT")


def calendar_text(outcome: Outcome) -> str:
    """What the command wrote: to the file named by -o, or else to standard output (whose
    line ends the test runner turns to LF: turned back here; a file's are read as written)."""
    result = outcome.result
    assert result.exit_code == 0, result.output
    if "-o" in outcome.args:
        path = Path(outcome.args[outcome.args.index("-o") + 1])
        return path.read_bytes().decode("utf-8")
    return _crlf(result.stdout)


def _crlf(stdout: str) -> str:
    return stdout.replace("\r\n", "\n").replace("\n", "\r\n")


def calendar_of(outcome: Outcome) -> Any:
    return parse(calendar_text(outcome))


def event_of(outcome: Outcome, uid: str) -> Any:
    found = {str(e["UID"]): e for e in calendar_of(outcome).events}
    assert uid in found, f"no event {uid}; the calendar holds {sorted(found)}"
    return found[uid]


def days_of(event: Any) -> tuple[dt.date, dt.date]:
    """The first and the last day of an all-day event (DTEND is the day after its last)."""
    return event.decoded("DTSTART"), event.decoded("DTEND") - ONE_DAY


# --- Then ----------------------------------------------------------------------------------------


@then("the calendar is valid iCalendar")
def calendar_is_valid(outcome: Outcome) -> None:
    calendar_of(outcome)


@then("the calendar holds these events:")
def calendar_holds(outcome: Outcome, datatable: list[list[str]]) -> None:
    found = [
        {
            "uid": str(e["UID"]),
            "summary": str(e["SUMMARY"]),
            "first day": days_of(e)[0].isoformat(),
            "last day": days_of(e)[1].isoformat(),
        }
        for e in calendar_of(outcome).events
    ]
    assert found == rows_of(datatable)


@then("the calendar holds no event")
def calendar_empty(outcome: Outcome) -> None:
    assert calendar_of(outcome).events == []


@then(parsers.re(r"the calendar holds (?P<count>no|\d+) events? of " + q("slug")))
def calendar_events_of(outcome: Outcome, count: str, slug: str) -> None:
    uids = [str(e["UID"]) for e in calendar_of(outcome).events]
    mine = [uid for uid in uids if uid.endswith(f".{slug}@dialogue-tracker")]
    assert len(mine) == (0 if count == "no" else int(count)), uids


@then(parsers.re(r"the calendar holds no event " + q("uid")))
def calendar_lacks(outcome: Outcome, uid: str) -> None:
    uids = [str(e["UID"]) for e in calendar_of(outcome).events]
    assert uid not in uids, uids


@then(parsers.re(r"the calendar event " + q("uid") + r" is on " + q("day")))
def event_on(outcome: Outcome, uid: str, day: str) -> None:
    assert days_of(event_of(outcome, uid)) == (dt.date.fromisoformat(day),) * 2


@then(parsers.re(r"the calendar event " + q("uid") + r" spans " + q("first") + r" to " + q("last")))
def event_spans(outcome: Outcome, uid: str, first: str, last: str) -> None:
    expected = (dt.date.fromisoformat(first), dt.date.fromisoformat(last))
    assert days_of(event_of(outcome, uid)) == expected


@then(parsers.re(r"the calendar event " + q("uid") + r" says " + q("text")))
def event_says(outcome: Outcome, uid: str, text: str) -> None:
    description = str(event_of(outcome, uid)["DESCRIPTION"])
    assert text in description, description


@then(parsers.re(r"the calendar event " + q("uid") + r" takes place in " + q("place")))
def event_place(outcome: Outcome, uid: str, place: str) -> None:
    assert str(event_of(outcome, uid)["LOCATION"]) == place


@then(parsers.re(r"the calendar's text holds " + q("text")))
def calendar_text_holds(outcome: Outcome, text: str) -> None:
    unfolded = re.sub(r"\r\n[ \t]", "", calendar_text(outcome))
    assert text in unfolded, unfolded


@then("every event keeps the UID it had in the calendar I noted")
def same_uids(outcome: Outcome, noted_calendar: Any) -> None:
    before = sorted(str(e["UID"]) for e in noted_calendar.events)
    after = sorted(str(e["UID"]) for e in calendar_of(outcome).events)
    assert before, "the calendar I noted holds no event: the check proves nothing"
    assert after == before


@then(
    parsers.re(
        r"the calendar event " + q("uid") + r" has moved from " + q("before") + r" to " + q("after")
    )
)
def event_moved(outcome: Outcome, noted_calendar: Any, uid: str, before: str, after: str) -> None:
    noted = {str(e["UID"]): e for e in noted_calendar.events}
    assert days_of(noted[uid])[0] == dt.date.fromisoformat(before)
    assert days_of(event_of(outcome, uid))[0] == dt.date.fromisoformat(after)


@then("every event's SEQUENCE is at least the one it had in the calendar I noted")
def sequences_grow(outcome: Outcome, noted_calendar: Any) -> None:
    noted = {str(e["UID"]): e.decoded("SEQUENCE") for e in noted_calendar.events}
    for event in calendar_of(outcome).events:
        assert event.decoded("SEQUENCE") >= noted.get(str(event["UID"]), 0)


@then(parsers.re(r"the calendar is written to " + q("file") + r", the tracker saying " + q("said")))
def calendar_written(tmp_path: Path, outcome: Outcome, file: str, said: str) -> None:
    assert outcome.result.exit_code == 0, outcome.result.output
    assert outcome.result.stdout == "", "the calendar went to the file, not the terminal"
    assert outcome.result.stderr == f"wrote {said} to {tmp_path / file}\n"


@then(parsers.re(r"the calendar file " + q("file") + r" parses back with (?P<count>\d+) events?"))
def calendar_file_parses(tmp_path: Path, file: str, count: str) -> None:
    calendar = parse((tmp_path / file).read_bytes().decode("utf-8"))
    assert len(calendar.events) == int(count)
