"""A moment asked without a day (--known-on alone) answers as the tracker would have answered
at that moment (DESIGN §4): as of that moment's day, not today's, so that nothing that fell due
after it is overdue. Record time is the application's clock here, so that facts can be
recorded in the past."""

from __future__ import annotations

import datetime as dt

from tests.unit.builders import Clock
from tracker.application import open_tracker
from tracker.application.commands import AgreeCadence, OpenChannel

SLUG = "us-cn-commercial-wg"
RECORDED = dt.datetime(2024, 1, 2, 9, 0, tzinfo=dt.UTC)
ASKED = dt.datetime(2024, 6, 1, 12, 0, tzinfo=dt.UTC)  # before the meeting fell due
TODAY = dt.datetime(2026, 12, 1, 9, 0, tzinfo=dt.UTC)  # long after


def test_a_moment_alone_answers_as_of_its_own_day(db: str) -> None:
    clock = Clock(start=RECORDED)
    app = open_tracker(db, write=True, clock=clock)
    try:
        app.open_channel(OpenChannel(slug=SLUG, title="WG", parties=("US", "CN"), on="2023-08-28"))
        app.agree_cadence(AgreeCadence(slug=SLUG, on="2023-08-28", level="ministerial", per_year=1))
        clock.now = TODAY

        then = app.state(SLUG, known_on=ASKED)
        status = app.channel_status(SLUG, known_on=ASKED)
        dashboard = app.dashboard(known_on=ASKED)
        now = app.state(SLUG)
    finally:
        app.close()

    assert then.as_of == status.as_of == dt.date(2024, 6, 1)
    assert not then.cadences[0].overdue  # due 2024-08-27: after the moment asked
    assert not status.cadences[0].overdue
    assert [row["as_of"] for row in dashboard] == ["2024-06-01"]
    assert not dashboard[0]["cadences"][0]["overdue"]
    assert now.as_of == dt.date(2026, 12, 1)
    assert now.cadences[0].overdue  # today, the same facts owe a meeting


def test_a_moment_after_today_answers_as_of_today(db: str) -> None:
    clock = Clock(start=RECORDED)
    app = open_tracker(db, write=True, clock=clock)
    try:
        app.open_channel(OpenChannel(slug=SLUG, title="WG", parties=("US", "CN"), on="2023-08-28"))
        asked = app.state(SLUG, known_on=dt.datetime(2030, 1, 1, tzinfo=dt.UTC))
    finally:
        app.close()

    assert asked.as_of == RECORDED.date()
