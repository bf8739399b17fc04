"""Steps of the recording rules added with organisations as parties: facts not yet happened,
meetings on the same day, and sources paired with their quotes in the order given."""

from __future__ import annotations

import datetime as dt

import pytest
from pytest_bdd import given, parsers, then, when

from tests.features.helpers import Outcome, q, record, run
from tests.support import run_cli


def today() -> dt.date:
    """Today as the tracker sees it: the day where it runs (the time zone TZ says)."""
    return dt.datetime.now(dt.UTC).astimezone().date()


@given("the tracker runs in a time zone whose day is not UTC's", target_fixture="zone_day")
def zone_not_utc(request: pytest.FixtureRequest) -> dt.date:
    """A zone whose day differs from UTC's now, whatever the hour: from 11:00 UTC, fourteen
    hours ahead (its day is UTC's tomorrow); before it, twelve hours behind (UTC's yesterday).
    In POSIX form, which needs no time zone database (its sign is west of Greenwich)."""
    import os
    import time

    ahead = dt.datetime.now(dt.UTC).hour >= 11
    before = os.environ.get("TZ")

    def restore() -> None:
        if before is None:
            os.environ.pop("TZ", None)
        else:
            os.environ["TZ"] = before
        time.tzset()

    request.addfinalizer(restore)
    os.environ["TZ"] = "AHEAD-14" if ahead else "BEHIND+12"
    time.tzset()
    day = today()
    assert day != dt.datetime.now(dt.UTC).date(), (day, os.environ["TZ"])
    return day


@when(
    parsers.re(
        r"I record a meeting on " + q("slug") + r" on (?P<which>that|the day after that) "
        r"time zone's day"
    ),
    target_fixture="outcome",
)
def meet_zone_day(store: str, slug: str, which: str, zone_day: dt.date) -> Outcome:
    day = zone_day if which == "that" else zone_day + dt.timedelta(days=1)
    return run(store, ["meet", slug, "--on", day.isoformat()])


@then("every channel of the dashboard is as of that time zone's day")
def dashboard_as_of_zone_day(outcome: Outcome, zone_day: dt.date) -> None:
    channels = outcome.result.json()
    assert channels, "the dashboard is empty"
    assert {c["as_of"] for c in channels} == {zone_day.isoformat()}, channels


def relative_day(when: str) -> str:
    """A date relative to today, as an analyst would write it."""
    day = today()
    return {
        "today": day.isoformat(),
        "tomorrow": (day + dt.timedelta(days=1)).isoformat(),
        "this month": f"{day:%Y-%m}",
        "this year": f"{day:%Y}",
        "next year": str(day.year + 1),
    }[when]


WHEN = r"(?P<when>today|tomorrow|this month|this year|next year)"


@when(parsers.re(r"I record a meeting on " + q("slug") + " " + WHEN), target_fixture="outcome")
def meet_relative(store: str, slug: str, when: str) -> Outcome:
    return run(store, ["meet", slug, "--on", relative_day(when)])


@when(
    parsers.re(
        r"I record that a meeting on " + q("slug") + r" was agreed today to take place " + WHEN
    ),
    target_fixture="outcome",
)
def plan_relative(store: str, slug: str, when: str) -> Outcome:
    return run(store, ["plan", slug, "--on", relative_day("today"), "--window", relative_day(when)])


@when(parsers.re(r"I run tracker (?P<args>.+)"), target_fixture="outcome")
def run_tracker(store: str, args: str) -> Outcome:
    """A command line written out in full, in shell quoting."""
    import shlex

    return run(store, shlex.split(args))


@given(parsers.re(r"I ran tracker (?P<args>.+)"))
def ran_tracker(store: str, args: str) -> None:
    """Set the scene with a command line written out in full, which must succeed."""
    import shlex

    record(store, shlex.split(args))


@then("the message names today's date")
def names_today(outcome: Outcome) -> None:
    assert today().isoformat() in outcome.result.stderr, outcome.result.stderr


@then(
    parsers.re(
        r"(?:it is recorded|it records (?P<count>\d+) events), with a warning saying " + q("text")
    )
)
def recorded_with_warning(store: str, outcome: Outcome, text: str, count: str | None) -> None:
    result = outcome.result
    assert result.exit_code == 0, result.output
    assert outcome.recorded(store) == int(count or 1)
    lines = result.stderr.splitlines()
    assert len(lines) == 1, f"expected one warning on stderr, got: {result.stderr!r}"
    assert lines[0].startswith("warning: "), lines[0]
    assert text in lines[0], f"{text!r} not in {lines[0]!r}"


@then(
    parsers.re(
        r"event #(?P<seq>\d+) of " + q("slug") + r" has the sources:",
    )
)
def sources_are(store: str, seq: str, slug: str, datatable: list[list[str]]) -> None:
    history = {e["seq"]: e for e in run_cli(["history", slug, "--json"], db=store).json()}
    header, *rows = datatable
    found = [
        {name: str(source.get(name) or "") for name in header}
        for source in history[int(seq)]["sources"]
    ]
    assert found == [dict(zip(header, row, strict=True)) for row in rows], found


@then(
    parsers.re(
        r"event #(?P<seq>\d+) of " + q("slug") + r" says its (?P<field>[a-z_]+) is " + q("value")
    )
)
def event_detail(store: str, seq: str, slug: str, field: str, value: str) -> None:
    history = {e["seq"]: e for e in run_cli(["history", slug, "--json"], db=store).json()}
    assert history[int(seq)]["details"].get(field) == value, history[int(seq)]


@then(
    parsers.re(
        r"the exported event #(?P<seq>\d+) of "
        + q("slug")
        + r" names the CAMEO actors (?P<actors>.+)"
    )
)
def exported_actors(outcome: Outcome, seq: str, slug: str, actors: str) -> None:
    """Actors as 'USA as USA, EU as IGOEUREEC and G20 as none'."""
    from tests.features.documents import exported_event
    from tests.features.helpers import parties_in

    expected = {}
    for pair in parties_in(actors):
        party, _, code = pair.partition(" as ")
        expected[party] = None if code == "none" else code
    assert exported_event(outcome, slug, int(seq))["cameo_actors"] == expected
