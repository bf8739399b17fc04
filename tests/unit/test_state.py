"""fold() and Channel.state(): a channel as of a day (valid time), as known at a moment."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.unit.builders import (
    Clock,
    cadence,
    conclude,
    d,
    day,
    meet,
    opened,
    plan,
    resume,
    retract,
    suspend,
)
from tracker.domain.channel import Channel
from tracker.domain.state import CadenceState, ChannelState, PlannedState, fold
from tracker.domain.values import ChannelStatus, Level

MIN = Level.MINISTERIAL
VICE = Level.VICE_MINISTERIAL
WORKING = Level.WORKING


def state_of(channel: Channel, as_of: str, known_on: dt.datetime | None = None) -> ChannelState:
    state = channel.state(as_of=day(as_of), known_on=known_on)
    assert state is not None
    return state


def cadence_at(state: ChannelState, level: Level) -> CadenceState:
    return next(c for c in state.cadences if c.level is level)


def plan_at(state: ChannelState, level: Level | None) -> PlannedState:
    return next(p for p in state.planned if p.level is level)


# --- as of (valid time) --------------------------------------------------------------------------


def test_the_state_as_of_a_day_is_built_from_the_facts_that_occurred_by_then() -> None:
    channel = opened("2013-01-01")
    meet(channel, "2014-05-01")
    suspend(channel, "2022-08-05", by="CHN")
    resume(channel, "2023-07-16")

    assert state_of(channel, "2014-04-30").status is ChannelStatus.AGREED
    assert state_of(channel, "2014-05-01").status is ChannelStatus.ACTIVE
    in_suspension = state_of(channel, "2023-01-01")
    assert in_suspension.status is ChannelStatus.SUSPENDED
    assert str(in_suspension.status_since) == "2022-08-05"
    assert in_suspension.suspended_by == "CHN"
    resumed = state_of(channel, "2024-01-01")
    assert resumed.status is ChannelStatus.ACTIVE
    assert str(resumed.status_since) == "2023-07-16"
    assert resumed.as_of == day("2024-01-01")


def test_meetings_count_only_once_they_occurred() -> None:
    channel = opened("2013-01-01")
    meet(channel, "2014-05-01")
    meet(channel, "2016-05-01")

    assert len(state_of(channel, "2014-04-30").meetings) == 0
    assert len(state_of(channel, "2015-01-01").meetings) == 1
    last = state_of(channel, "2020-01-01").last_meeting
    assert str(last) == "2016-05-01"


def test_a_fuzzy_fact_counts_from_the_earliest_day_it_could_mean() -> None:
    channel = opened("2013-01-01")
    meet(channel, "2016")

    assert len(state_of(channel, "2015-12-31").meetings) == 0
    assert len(state_of(channel, "2016-01-01").meetings) == 1


def test_a_channel_not_yet_opened_as_of_a_day_has_no_state() -> None:
    channel = opened("2023-08-28")

    assert channel.state(as_of=day("2023-08-27")) is None
    assert fold(channel.events, as_of=day("2000-01-01")) is None
    assert state_of(channel, "2023-08-28").opened == d("2023-08-28")


def test_a_channel_opened_in_a_year_exists_from_the_first_day_of_that_year() -> None:
    channel = opened("2023")

    assert channel.state(as_of=day("2022-12-31")) is None
    assert state_of(channel, "2023-01-01").status is ChannelStatus.AGREED


def test_the_state_shows_the_opening() -> None:
    channel = opened("2023-08-28", level=MIN)

    state = state_of(channel, "2024-01-01")

    assert state.slug == "us-cn-commercial-wg"
    assert state.parties == ("USA", "CHN")
    assert state.level is MIN
    assert state.version == 1


# --- known on (record time) ----------------------------------------------------------------------


def test_the_state_known_on_a_moment_shows_only_what_was_recorded_by_then() -> None:
    clock = Clock()
    channel = opened("2013-01-01", clock=clock)
    t_open = clock.now
    t_meeting = clock()
    meet(channel, "2014-05-01", at=t_meeting)
    t_suspension = clock()
    suspend(channel, "2022-08-05", at=t_suspension)

    assert state_of(channel, "2024-01-01", known_on=t_open).status is ChannelStatus.AGREED
    assert state_of(channel, "2024-01-01", known_on=t_meeting).status is ChannelStatus.ACTIVE
    assert state_of(channel, "2024-01-01", known_on=t_suspension).status is (
        ChannelStatus.SUSPENDED
    )
    assert state_of(channel, "2024-01-01", known_on=t_meeting).version == 2
    assert state_of(channel, "2024-01-01", known_on=t_suspension).known_on == t_suspension


def test_an_event_counts_from_the_very_moment_it_was_recorded() -> None:
    clock = Clock()
    channel = opened("2013-01-01", clock=clock)
    recorded = clock()
    meet(channel, "2014-05-01", at=recorded)

    assert len(state_of(channel, "2024-01-01", known_on=recorded).meetings) == 1
    just_before = recorded - dt.timedelta(microseconds=1)
    assert len(state_of(channel, "2024-01-01", known_on=just_before).meetings) == 0


def test_a_channel_not_yet_recorded_on_a_moment_has_no_state() -> None:
    clock = Clock()
    channel = opened("2013-01-01", clock=clock)

    assert channel.state(as_of=day("2024-01-01"), known_on=clock.now - dt.timedelta(days=1)) is None


def test_as_of_and_known_on_combine() -> None:
    # A 2016 meeting recorded later: as of 2017 it shows only once it was recorded.
    clock = Clock()
    channel = opened("2013-01-01", clock=clock)
    suspend(channel, "2022-08-05", at=clock())
    resume(channel, "2023-07-16", at=clock())
    before_backfill = clock.now
    meet(channel, "2016-05-01", at=clock())
    after_backfill = clock.now

    then = state_of(channel, "2017-01-01", known_on=before_backfill)
    now = state_of(channel, "2017-01-01", known_on=after_backfill)

    assert then.status is ChannelStatus.AGREED
    assert then.meetings == ()
    assert now.status is ChannelStatus.ACTIVE
    assert [str(m.occurred) for m in now.meetings] == ["2016-05-01"]
    assert state_of(channel, "2016-04-30", known_on=after_backfill).meetings == ()
    assert state_of(channel, "2023-01-01", known_on=after_backfill).status is (
        ChannelStatus.SUSPENDED
    )


def test_a_retraction_counts_only_once_it_was_recorded() -> None:
    clock = Clock()
    channel = opened("2013-01-01", clock=clock)
    meet(channel, "2014-05-01", at=clock())
    before_retraction = clock.now
    retract(channel, 2, at=clock())

    assert len(state_of(channel, "2024-01-01", known_on=before_retraction).meetings) == 1
    assert len(state_of(channel, "2024-01-01", known_on=clock.now).meetings) == 0
    assert len(state_of(channel, "2024-01-01").meetings) == 0


# --- cadences ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("per_year", "next_due"),
    [
        (1, "2024-08-27"),  # 365 days
        (2, "2024-02-27"),  # ceil(182.5) = 183 days
        (3, "2023-12-28"),  # ceil(121.7) = 122 days
        (4, "2023-11-28"),  # ceil(91.25) = 92 days
        (12, "2023-09-28"),  # ceil(30.4) = 31 days
        (0.5, "2025-08-27"),  # every two years: 730 days
    ],
)
def test_a_cadence_is_next_due_one_period_after_it_was_agreed(
    per_year: float, next_due: str
) -> None:
    channel = opened("2023-08-28")
    cadence(channel, "2023-08-28", MIN, per_year)

    state = cadence_at(state_of(channel, "2023-08-28"), MIN)

    assert state.next_due == day(next_due)
    assert state.per_year == per_year
    assert state.agreed_on == d("2023-08-28")
    assert state.last_meeting is None
    assert not state.overdue


def test_a_cadence_agreed_on_a_fuzzy_date_counts_from_the_latest_day_it_could_mean() -> None:
    channel = opened("2023-01-01")
    cadence(channel, "2023-08", MIN, 1)

    assert cadence_at(state_of(channel, "2023-12-31"), MIN).next_due == day("2024-08-30")


def test_a_cadence_is_next_due_one_period_after_the_last_meeting_at_its_level() -> None:
    channel = opened("2023-08-28")
    cadence(channel, "2023-08-28", VICE, 2)
    meet(channel, "2023-12-01", VICE)
    meet(channel, "2024-04-04", VICE)

    state = cadence_at(state_of(channel, "2024-06-01"), VICE)

    assert state.last_meeting == d("2024-04-04")
    assert state.next_due == day("2024-10-04")


def test_meetings_at_another_level_do_not_keep_a_cadence() -> None:
    channel = opened("2023-08-28")
    cadence(channel, "2023-08-28", MIN, 1)
    meet(channel, "2024-04-04", VICE)

    state = cadence_at(state_of(channel, "2024-09-01"), MIN)

    assert state.last_meeting is None
    assert state.next_due == day("2024-08-27")
    assert state.overdue


def test_a_meeting_before_the_cadence_was_agreed_does_not_count_for_it() -> None:
    channel = opened("2020-01-01")
    meet(channel, "2023-06-01", MIN)
    cadence(channel, "2023-08-28", MIN, 1)

    state = cadence_at(state_of(channel, "2024-01-01"), MIN)

    assert state.last_meeting is None
    assert state.next_due == day("2024-08-27")


def test_a_resumption_restarts_the_cadence() -> None:
    channel = opened("2020-01-01")
    cadence(channel, "2020-01-01", MIN, 1)
    meet(channel, "2020-03-01", MIN)
    suspend(channel, "2020-06-01")
    resume(channel, "2022-03-01")

    state = cadence_at(state_of(channel, "2022-12-01"), MIN)

    assert state.next_due == day("2023-03-01")
    assert not state.overdue


def test_a_meeting_after_the_resumption_sets_the_next_due_date() -> None:
    channel = opened("2020-01-01")
    cadence(channel, "2020-01-01", MIN, 1)
    suspend(channel, "2020-06-01")
    resume(channel, "2022-03-01")
    meet(channel, "2022-05-01", MIN)

    assert cadence_at(state_of(channel, "2022-12-01"), MIN).next_due == day("2023-05-01")


def test_a_cadence_agreed_after_the_last_meeting_counts_from_its_agreement() -> None:
    channel = opened("2020-01-01")
    meet(channel, "2020-03-01", MIN)
    cadence(channel, "2020-03-01", MIN, 1)
    cadence(channel, "2021-01-01", MIN, 2)

    state = cadence_at(state_of(channel, "2021-02-01"), MIN)

    assert state.per_year == 2
    assert state.next_due == day("2021-07-03")


def test_a_cadence_is_overdue_only_after_its_next_due_day_has_passed() -> None:
    channel = opened("2023-08-28")
    cadence(channel, "2023-08-28", MIN, 1)

    on_the_day = cadence_at(state_of(channel, "2024-08-27"), MIN)
    a_day_late = cadence_at(state_of(channel, "2024-08-28"), MIN)
    a_month_late = state_of(channel, "2024-09-27")

    assert not on_the_day.overdue
    assert on_the_day.days_late == 0
    assert a_day_late.overdue
    assert a_day_late.days_late == 1
    assert cadence_at(a_month_late, MIN).days_late == 31
    assert a_month_late.overdue


def test_a_cadence_every_two_years_is_overdue_after_730_days() -> None:
    channel = opened("2023-08-28")
    cadence(channel, "2023-08-28", MIN, 0.5)

    assert not cadence_at(state_of(channel, "2025-08-27"), MIN).overdue
    assert cadence_at(state_of(channel, "2025-08-28"), MIN).overdue


@pytest.mark.parametrize("status", [ChannelStatus.AGREED, ChannelStatus.ACTIVE])
def test_an_agreed_or_active_channel_can_be_overdue(status: ChannelStatus) -> None:
    channel = opened("2020-01-01")
    cadence(channel, "2020-01-01", MIN, 1)
    if status is ChannelStatus.ACTIVE:
        meet(channel, "2020-02-01", VICE)

    state = state_of(channel, "2022-01-01")

    assert state.status is status
    assert cadence_at(state, MIN).overdue


def test_a_suspended_channel_has_nothing_overdue() -> None:
    channel = opened("2020-01-01")
    cadence(channel, "2020-01-01", MIN, 1)
    plan(channel, "2020-01-01", "2020-06", MIN)
    suspend(channel, "2020-03-01")

    state = state_of(channel, "2022-01-01")

    assert state.status is ChannelStatus.SUSPENDED
    assert not cadence_at(state, MIN).overdue
    assert cadence_at(state, MIN).days_late == 0
    assert not plan_at(state, MIN).overdue
    assert not state.overdue


def test_a_concluded_channel_has_nothing_overdue() -> None:
    channel = opened("2020-01-01")
    cadence(channel, "2020-01-01", MIN, 1)
    plan(channel, "2020-01-01", "2020-06", MIN)
    conclude(channel, "2020-03-01")

    state = state_of(channel, "2022-01-01")

    assert not state.overdue
    assert not any(c.overdue for c in state.cadences)
    assert not any(p.overdue for p in state.planned)


def test_a_proposed_channel_has_nothing_overdue() -> None:
    channel = opened("2020-01-01", status=ChannelStatus.PROPOSED)
    cadence(channel, "2020-01-01", MIN, 1)

    assert not state_of(channel, "2022-01-01").overdue


def test_a_suspended_channel_is_overdue_again_only_a_period_after_its_resumption() -> None:
    channel = opened("2020-01-01")
    cadence(channel, "2020-01-01", MIN, 1)
    suspend(channel, "2020-03-01")
    resume(channel, "2022-03-01")

    assert not state_of(channel, "2023-03-01").overdue
    assert state_of(channel, "2023-03-02").overdue


def test_cadences_are_listed_from_the_highest_level_down() -> None:
    channel = opened("2020-01-01")
    cadence(channel, "2020-01-01", WORKING, 4)
    cadence(channel, "2020-01-01", MIN, 1)
    cadence(channel, "2020-01-01", VICE, 2)

    assert [c.level for c in state_of(channel, "2020-02-01").cadences] == [MIN, VICE, WORKING]


def test_a_cadence_counts_only_once_it_was_agreed() -> None:
    channel = opened("2020-01-01")
    cadence(channel, "2021-01-01", MIN, 1)

    assert state_of(channel, "2020-12-31").cadences == ()
    assert len(state_of(channel, "2021-01-01").cadences) == 1


def test_recording_another_meeting_at_a_level_never_brings_its_next_due_day_forward() -> None:
    # A meeting dated "2024" may have been held as late as 2024-12-31, so the vice-ministers are
    # not due before 2024-12-31 + 183 days. Learning of a second meeting on 2024-03-01 cannot
    # make them due any earlier.
    channel = opened("2024-01-01")
    cadence(channel, "2024-01-01", VICE, 2)
    meet(channel, "2024", VICE)
    before = cadence_at(state_of(channel, "2025-01-01"), VICE).next_due

    meet(channel, "2024-03-01", VICE)
    after = cadence_at(state_of(channel, "2025-01-01"), VICE)

    assert before == day("2025-07-02")
    assert after.next_due >= before
    assert not after.overdue


def test_a_cadence_agreed_in_the_last_year_of_the_calendar_does_not_break_the_state() -> None:
    channel = opened("2020-01-01")
    cadence(channel, "9999", MIN, 1)  # e.g. a placeholder year typed by an analyst

    assert channel.state(as_of=day("2024-01-01")) is not None
    last_day = channel.state(as_of=day("9999-12-31"))
    assert last_day is not None
    assert not last_day.overdue


# --- meetings without a level --------------------------------------------------------------------


def test_a_meeting_without_a_level_is_at_the_channels_level_and_keeps_its_cadence() -> None:
    channel = opened("2023-08-28", level=MIN)
    cadence(channel, "2023-08-28", MIN, 1)

    meet(channel, "2024-04-04")

    state = state_of(channel, "2024-09-01")
    assert state.meetings[0].level is MIN
    assert cadence_at(state, MIN).last_meeting == d("2024-04-04")
    assert cadence_at(state, MIN).next_due == day("2025-04-04")
    assert not state.overdue


def test_a_meeting_without_a_level_on_a_channel_without_one_keeps_no_cadence() -> None:
    channel = opened("2023-08-28")
    cadence(channel, "2023-08-28", MIN, 1)

    meet(channel, "2024-04-04")

    state = state_of(channel, "2024-09-01")
    assert state.meetings[0].level is None
    assert cadence_at(state, MIN).last_meeting is None
    assert cadence_at(state, MIN).overdue


# --- planned meetings ----------------------------------------------------------------------------


def test_a_planned_meeting_is_fulfilled_by_the_first_meeting_at_its_level_from_its_window() -> None:
    channel = opened("2023-08-28")
    plan(channel, "2023-08-28", "2024-01/2024-06", VICE, host="USA")
    meet(channel, "2023-12-15", VICE)  # before the window
    meet(channel, "2024-01-20", MIN)  # another level
    meet(channel, "2024-02-10", VICE)
    meet(channel, "2024-04-04", VICE)

    planned = plan_at(state_of(channel, "2024-12-31"), VICE)

    assert planned.held == d("2024-02-10")
    assert not planned.overdue
    assert planned.host == "USA"
    assert planned.window == d("2024-01/2024-06")
    assert planned.agreed_on == d("2023-08-28")
    assert planned.seq == 2


def test_a_planned_meeting_without_a_level_is_fulfilled_by_a_meeting_at_any_level() -> None:
    channel = opened("2023-08-28")
    plan(channel, "2023-08-28", "2024-03")
    meet(channel, "2024-03-15", WORKING)

    planned = plan_at(state_of(channel, "2024-12-31"), None)

    assert planned.held == d("2024-03-15")
    assert not planned.overdue


def test_a_plan_without_a_level_on_a_channel_with_a_level_is_fulfilled_at_any_level() -> None:
    # DESIGN §4: only a plan that names a level needs a meeting at that level.
    channel = opened("2023-08-28", level=MIN)
    plan(channel, "2023-08-28", "2024-03")
    meet(channel, "2024-03-15", WORKING)

    planned = plan_at(state_of(channel, "2024-12-31"), None)

    assert planned.held == d("2024-03-15")
    assert not planned.overdue


def test_a_planned_meeting_is_overdue_once_the_last_day_of_its_window_has_passed() -> None:
    channel = opened("2023-08-28")
    plan(channel, "2023-08-28", "2024-03", MIN)

    last_day = plan_at(state_of(channel, "2024-03-31"), MIN)
    next_day = plan_at(state_of(channel, "2024-04-01"), MIN)

    assert not last_day.overdue
    assert last_day.held is None
    assert next_day.overdue
    assert next_day.days_late == 1


def test_a_planned_meeting_held_late_is_overdue_until_it_is_held() -> None:
    channel = opened("2023-08-28")
    plan(channel, "2023-08-28", "2024-03", MIN)
    meet(channel, "2024-06-10", MIN)

    assert plan_at(state_of(channel, "2024-06-09"), MIN).overdue
    held = plan_at(state_of(channel, "2024-06-10"), MIN)
    assert not held.overdue
    assert held.held == d("2024-06-10")


def test_a_meeting_dated_to_a_month_holds_a_plan_whose_window_opens_in_that_month() -> None:
    """Overdue is judged by the latest day a date could mean (DESIGN §4): a meeting in April
    2024 may have been held on the 30th, inside a window from the 15th."""
    channel = opened("2023-11-15")
    plan(channel, "2024-01-30", "2024-04-15/2024-05-15")
    meet(channel, "2024-04")

    planned = plan_at(state_of(channel, "2025-04-25"), None)

    assert planned.held == d("2024-04")
    assert not planned.overdue


def test_a_meeting_that_ended_before_a_window_opened_does_not_hold_its_plan() -> None:
    channel = opened("2023-11-15")
    plan(channel, "2024-01-30", "2024-04-15/2024-05-15")
    meet(channel, "2024-04-10/2024-04-14")

    planned = plan_at(state_of(channel, "2024-06-01"), None)

    assert planned.held is None
    assert planned.overdue


def test_the_meeting_at_which_a_plan_was_agreed_does_not_hold_it_whatever_its_last_day() -> None:
    """A plenary of three days, the next one agreed on its second: the plenary may end after
    the agreement, but it began before it."""
    channel = opened("2023-11-15")
    meet(channel, "2024-03-10/2024-03-12")
    plan(channel, "2024-03-11", "2024-03/2024-06")

    assert plan_at(state_of(channel, "2024-07-01"), None).held is None


def test_a_planned_meeting_counts_only_once_it_was_agreed() -> None:
    channel = opened("2023-08-28")
    plan(channel, "2023-10-01", "2024-03", MIN)

    assert state_of(channel, "2023-09-30").planned == ()
    assert len(state_of(channel, "2023-10-01").planned) == 1


# --- the example of the design -------------------------------------------------------------------


@pytest.fixture
def commercial_wg() -> Channel:
    """DESIGN §4's commercial working group."""
    channel = opened("2023-08-28")
    cadence(channel, "2023-08-28", MIN, 1)
    cadence(channel, "2023-08-28", VICE, 2)
    plan(channel, "2023-08-28", "2024-01/2024-06", VICE)
    plan(channel, "2023-08-28", "2024-03", MIN)
    meet(channel, "2024-04-04", VICE)
    return channel


def test_in_the_design_example_the_ministers_are_overdue_by_september_2024(
    commercial_wg: Channel,
) -> None:
    state = state_of(commercial_wg, "2024-09-01")

    assert state.status is ChannelStatus.ACTIVE
    assert state.overdue
    ministerial = cadence_at(state, MIN)
    assert ministerial.next_due == day("2024-08-27")
    assert ministerial.overdue
    assert ministerial.days_late == 5
    vice = cadence_at(state, VICE)
    assert vice.last_meeting == d("2024-04-04")
    assert vice.next_due == day("2024-10-04")
    assert not vice.overdue
    assert plan_at(state, MIN).overdue
    assert plan_at(state, MIN).days_late == 154
    assert plan_at(state, VICE).held == d("2024-04-04")
    assert not plan_at(state, VICE).overdue


def test_in_the_design_example_the_vice_ministers_are_overdue_by_november_2024(
    commercial_wg: Channel,
) -> None:
    state = state_of(commercial_wg, "2024-11-01")

    assert cadence_at(state, VICE).overdue
    assert cadence_at(state, VICE).days_late == 28
    assert cadence_at(state, MIN).overdue
    assert not plan_at(state, VICE).overdue


def test_in_the_design_example_nothing_is_overdue_in_february_2024(
    commercial_wg: Channel,
) -> None:
    state = state_of(commercial_wg, "2024-02-01")

    assert state.status is ChannelStatus.AGREED
    assert not state.overdue
    assert [c.overdue for c in state.cadences] == [False, False]
    assert [p.overdue for p in state.planned] == [False, False]
    assert cadence_at(state, VICE).next_due == day("2024-02-27")
    assert state.meetings == ()
