"""The read model answers the dashboard exactly as folding every channel's events would.

Random command sequences (backfills, retractions, duplicates and refusals included) are
recorded through the application; the read model is caught up at random points in between,
so both the in-place path (a fact after all others) and the rebuild path (backfill,
retraction) are taken. Then, for random days, the read model's dashboard must equal the
dashboard folded from events, field by field; and a rebuild must give the same again.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.support import PG_ADMIN_URL, create_database, drop_database, fingerprint
from tests.unit.builders import START, Clock
from tests.unit.strategies import Op, command_lists, openings
from tests.unit.test_time_travel_properties import Tracker, attempt
from tracker.application.tracker import DialogueTracker
from tracker.reports.views import View, status_view
from tracker.store.settings import Store, resolve_store
from tracker.store.sqlite_store import SQLiteStore

LEVELS = ["ministerial", "vice-ministerial"]


@st.composite
def chronicles(draw: st.DrawFn) -> list[Op]:
    """Mostly chronological facts about a busy channel, with some backfills and corrections.

    Unlike the purely random command lists, most of these are accepted: cadences are followed
    by meetings at their level, suspensions by resumptions, plans by meetings in their window.
    """
    day = dt.date(2014, 1, 1)
    ops: list[Op] = []
    for _ in range(draw(st.integers(5, 30))):
        day += dt.timedelta(days=draw(st.one_of(st.just(0), st.integers(0, 200))))
        when = draw(
            st.sampled_from(["day", "day", "day", "month", "first", "year", "day~", "backfill"])
        )
        if when == "backfill":
            on = str(day - dt.timedelta(days=draw(st.integers(1, 1500))))
        elif when == "month":
            on = f"{day:%Y-%m}"
        elif when == "year":
            on = f"{day:%Y}"
        elif when == "first":  # the same earliest day as the month, to tie with one
            on = f"{day:%Y-%m}-01"
        else:
            on = day.isoformat() + ("~" if when == "day~" else "")
        kind = draw(st.sampled_from(["meet"] * 6 + ["cadence"] * 2 + ["plan"] * 2 + ["suspend",
                                     "resume", "retract", "agree", "postpone", "cancel",
                                     "amend", "correct"]))  # fmt: skip
        level = draw(st.sampled_from([*LEVELS, None]))
        if kind == "meet":
            ops.append(("meet", on, level, None))
        elif kind == "cadence":
            ops.append(("cadence", on, level or LEVELS[0], draw(st.sampled_from([0.5, 1, 2]))))
        elif kind == "plan":
            end = day + dt.timedelta(days=draw(st.integers(0, 400)))
            ops.append(("plan", on, f"{day}/{end}", level))
        elif kind == "suspend":
            ops.append(("suspend", on, None))
        elif kind == "resume":
            ops.append(("resume", on))
        elif kind == "retract":
            ops.append(("retract", draw(st.integers(0, 1000))))
        elif kind == "postpone":
            end = day + dt.timedelta(days=draw(st.integers(0, 400)))
            ops.append(("postpone", on, draw(st.integers(0, 1000)), f"{day}/{end}"))
        elif kind == "cancel":
            ops.append(("cancel", on, draw(st.integers(0, 1000))))
        elif kind == "amend":
            ops.append(("amend", on, draw(st.sampled_from(["Renamed", None])), level or LEVELS[1]))
        elif kind == "correct":
            ops.append(("correct", draw(st.integers(0, 1000)), on))
        else:
            ops.append(("agree", on))
    return ops


all_commands = st.one_of(command_lists, chronicles(), chronicles())

DAYS = st.lists(
    st.dates(min_value=dt.date(2012, 1, 1), max_value=dt.date(2028, 12, 31)), min_size=3, max_size=6
)


@contextmanager
def sqlite_store(folder: Path) -> Iterator[tuple[Store, Path]]:
    path = folder / f"{uuid.uuid4().hex}.db"
    yield SQLiteStore(path=path), path


@contextmanager
def postgres_store() -> Iterator[tuple[Store, Path]]:
    name = "tracker_rm_" + uuid.uuid4().hex[:12]
    create_database(name)
    try:
        yield resolve_store(PG_ADMIN_URL.rsplit("/", 1)[0] + "/" + name), Path(name)
    finally:
        drop_database(name)


# After every fact: each channel is read as it is at the end of its timeline.
BEYOND_EVERY_FACT = dt.date(2045, 1, 1)


def by_channel(views: list[View]) -> list[View]:
    return sorted(views, key=lambda v: v["channel"])


def dashboards_agree(app: DialogueTracker, days: list[dt.date]) -> None:
    """The summaries and the dashboard's views (judged from each channel's view at the end of
    its timeline, when none of its facts falls after the day) equal those folded, key for key
    and in the same order of keys (JSON prints them in that order)."""
    for day in [*days, *turning_days(app), BEYOND_EVERY_FACT]:
        folded = by_channel([status_view(s) for s in app.states(as_of=day)])
        projected = [status_view(s) for s in app.summaries(as_of=day)]
        assert by_channel(projected) == folded, day
        viewed = by_channel(app.dashboard(as_of=day))
        assert viewed == folded, day
        assert [list(v) for v in viewed] == [list(v) for v in folded]


def turning_days(app: DialogueTracker) -> list[dt.date]:
    """The days on which a judgement turns (a meeting due, a planned window's last day) and
    the day after each: where "overdue" and "window over" begin."""
    found = set()
    for state in app.states(as_of=BEYOND_EVERY_FACT):
        ends = [c.next_due for c in state.cadences] + [p.window.latest for p in state.planned]
        found |= {
            day + dt.timedelta(days=after)
            for day in ends
            if day is not None and day < dt.date.max
            for after in (0, 1)
        }
    return sorted(found)[-6:]


def known_dashboards_agree(
    app: DialogueTracker, days: list[dt.date], moments: list[dt.datetime]
) -> None:
    """As known at earlier moments, the projector's dashboard equals the fold's too."""
    for moment in moments:
        for day in [*days[:2], BEYOND_EVERY_FACT]:
            folded = by_channel([status_view(s) for s in app.states(as_of=day, known_on=moment)])
            projected = [status_view(s) for s in app.summaries(as_of=day, known_on=moment)]
            assert by_channel(projected) == folded, (day, moment)
            assert by_channel(app.dashboard(as_of=day, known_on=moment)) == folded, (day, moment)


# Moments of record time: the test clock records an event a minute; some moments fall on an
# event's own minute (known from that moment on), others between two.
MOMENTS = st.lists(
    st.builds(
        lambda minutes, between: START + dt.timedelta(minutes=minutes, seconds=30 * between),
        st.integers(0, 40),
        st.integers(0, 1),
    ),
    max_size=3,
)


def exercise(store: Store, path: Path, opening, commands, catch_ups, days, moments) -> None:  # type: ignore[no-untyped-def]
    app = DialogueTracker(store, write=True, clock=Clock())
    try:
        tracker = Tracker(app, app.clock, path)  # type: ignore[arg-type]
        tracker.open(opening)
        for i, command in enumerate(commands):
            if isinstance(store, SQLiteStore):
                attempt(tracker, command)  # also checks that a refusal stores nothing
            else:
                attempt_on_postgres(tracker, command)
            if i in catch_ups:
                app.catch_up()
        dashboards_agree(app, days)
        known_dashboards_agree(app, days, moments)
        app.rebuild()
        dashboards_agree(app, days)
    finally:
        app.close()


def attempt_on_postgres(tracker: Tracker, command) -> None:  # type: ignore[no-untyped-def]
    # attempt() fingerprints a SQLite file; point it at an empty one, so only the recording
    # and the sequence numbers it checks are compared.
    tracker.path = Path("/nonexistent/tracker.db")
    tracker.stored = fingerprint(str(tracker.path))
    attempt(tracker, command)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    opening=openings.map(lambda o: o.model_copy(update={"on": o.on.parse("2013-06-01")})),
    commands=all_commands,
    catch_ups=st.sets(st.integers(0, 30), max_size=6),
    days=DAYS,
    moments=MOMENTS,
)
def test_the_read_model_equals_the_state_folded_from_events_on_sqlite(
    tmp_path: Path, opening, commands, catch_ups, days, moments
) -> None:  # type: ignore[no-untyped-def]
    with sqlite_store(tmp_path) as (store, path):
        exercise(store, path, opening, commands, catch_ups, days, moments)


@pytest.mark.postgres
@settings(max_examples=8, deadline=None)
@given(
    opening=openings.map(lambda o: o.model_copy(update={"on": o.on.parse("2013-06-01")})),
    commands=all_commands,
    catch_ups=st.sets(st.integers(0, 30), max_size=6),
    days=DAYS,
    moments=MOMENTS,
)
def test_the_read_model_equals_the_state_folded_from_events_on_postgres(
    opening, commands, catch_ups, days, moments
) -> None:  # type: ignore[no-untyped-def]
    with postgres_store() as (store, path):
        exercise(store, path, opening, commands, catch_ups, days, moments)


# --- cases the random sequences reach only rarely --------------------------------------------


@pytest.mark.parametrize("kind", ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def test_an_opening_corrected_to_the_day_of_an_amendment_is_amended_that_day(
    tmp_path: Path, kind: str
) -> None:
    """Found by the property test above: the read model ordered a day's profiles by their
    facts' seq, so the corrected opening (a later seq) hid the amendment of its own day."""
    from tracker.application.commands import OpenChannel

    opening = OpenChannel(
        slug="us-cn-commercial-wg", title="WG", parties=("US", "CN"), on="2013-06-01"
    )
    commands = [
        ("amend", "2014-01-01", "Renamed", "ministerial"),
        ("meet", "2014-01-01", "ministerial", None),
        ("correct", 0, "2014-01-01"),
        ("plan", "2014-01-01", "2014-01-01/2014-01-01", "ministerial"),
        ("meet", "2014-01-02", "ministerial", None),
    ]
    days = [dt.date(2013, 12, 31), dt.date(2014, 1, 1), dt.date(2014, 6, 1)]
    stores = sqlite_store(tmp_path) if kind == "sqlite" else postgres_store()
    with stores as (store, path):
        exercise(store, path, opening, commands, set(), days, [])


CASES = {
    "a cadence agreed on the first day of a month-dated meeting counts that meeting": [
        ("meet", "2015-03", "ministerial"),
        ("cadence", "2015-03-01", "ministerial", 1),
    ],
    "a backfilled meeting rebuilds the channel's rows": [
        ("cadence", "2015-01-01", "ministerial", 2),
        ("meet", "2016-05-01", "ministerial"),
        ("meet", "2015-06-01", "ministerial"),
    ],
    "a resumption restores an agreed channel that never met": [
        ("suspend", "2015-01-01"),
        ("resume", "2015-06-01"),
        ("cadence", "2015-06-01", "vice-ministerial", 1),
    ],
    "a retraction rebuilds the channel's rows": [
        ("meet", "2015-01-01", "ministerial"),
        ("meet", "2015-02-01", "ministerial"),
        ("retract", 2),
    ],
    "plans with and without a level are settled by the right meetings": [
        ("plan", "2015-01-01", "2015-03/2015-06", "ministerial"),
        ("plan", "2015-01-01", "2015-03/2015-06", None),
        ("meet", "2015-04-01", "vice-ministerial"),
        ("meet", "2015-07-01", "ministerial"),
    ],
    "a meeting dated to a month settles a plan whose window opens in that month": [
        ("plan", "2015-01-01", "2015-04-15/2015-05-15", None),
        ("meet", "2015-04", None),
        ("meet", "2016-01-10", None),  # so that earlier days are read from the tables
    ],
    "the meeting at which a plan was agreed does not settle it, whatever its last day": [
        ("meet", "2015-03-10/2015-03-12", None),
        ("plan", "2015-03-11", "2015-03/2015-06", None),
        ("meet", "2015-07", None),
    ],
    "a conclusion names its successor": [
        ("meet", "2015-01-01", None),
        ("conclude", "2016-01-01", "us-cn-next"),
    ],
}


@pytest.mark.parametrize("steps", CASES.values(), ids=CASES.keys())
def test_the_read_model_agrees_with_the_fold_in_cases_that_are_easy_to_get_wrong(
    db: str, steps: list[tuple[object, ...]]
) -> None:
    from tracker.application import open_tracker
    from tracker.application.commands import (
        AgreeCadence,
        ConcludeChannel,
        HoldMeeting,
        OpenChannel,
        PlanMeeting,
        ResumeChannels,
        RetractEvent,
        SuspendChannels,
    )

    slug = "us-cn-commercial-wg"
    app = open_tracker(db, write=True, clock=Clock())
    try:
        app.open_channel(OpenChannel(slug=slug, title="WG", parties=("US", "CN"), on="2014-06-01"))
        app.catch_up()
        for kind, *rest in steps:
            match kind:
                case "meet":
                    app.hold_meeting(HoldMeeting(slug=slug, on=rest[0], level=rest[1]))
                case "cadence":
                    app.agree_cadence(
                        AgreeCadence(slug=slug, on=rest[0], level=rest[1], per_year=rest[2])
                    )
                case "plan":
                    app.plan_meeting(
                        PlanMeeting(slug=slug, on=rest[0], window=rest[1], level=rest[2])
                    )
                case "suspend":
                    app.suspend(SuspendChannels(slugs=(slug,), on=rest[0], by="CN"))
                case "resume":
                    app.resume(ResumeChannels(slugs=(slug,), on=rest[0]))
                case "conclude":
                    app.conclude(ConcludeChannel(slug=slug, on=rest[0], successor=rest[1]))
                case "retract":
                    app.retract(RetractEvent(slug=slug, seq=rest[0], reason="wrong channel"))
            app.catch_up()  # in place after each step, so later steps must update or rebuild
        days = [dt.date(y, m, 15) for y in range(2014, 2018) for m in (1, 3, 4, 6, 8, 12)]
        dashboards_agree(app, days)
    finally:
        app.close()
