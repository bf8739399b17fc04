"""Keeping a record true in the domain: corrected copies, amendments, postponed and cancelled
plans, and the import ids that name facts."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.unit.builders import START, Clock, d, day, kinds, meet, opened, plan
from tracker.domain.channel import Channel
from tracker.domain.events import ChannelOpened, MeetingHeld
from tracker.domain.rules import (
    CannotCorrect,
    DuplicateFact,
    EntryChanged,
    NoSuchPlan,
    NothingBeforeOpening,
    OnlyAPlanNotYetHeldCanChange,
    OnlyPartiesOfTheChannel,
    PlanChangeNeedsItsPlan,
)
from tracker.domain.values import InvalidValue, Lead, Level


def later(minutes: int) -> dt.datetime:
    return START + dt.timedelta(minutes=minutes)


def planned(channel: Channel, as_of: str) -> list[tuple[str, str | None, bool, str | None]]:
    """Each plan as of a day: its window, when held, whether overdue, and its last change."""
    state = channel.state(as_of=day(as_of))
    assert state is not None
    return [
        (str(p.window), str(p.held) if p.held else None, p.overdue, p.change) for p in state.planned
    ]


# --- corrected copies ------------------------------------------------------------------------


def test_a_correction_records_the_copy_then_the_retraction_of_the_original() -> None:
    channel = opened("2020-01-01")
    meet(channel, "2021-05-01")

    channel.correct(seq=2, changes={"occurred": d("2021-05-02")}, recorded=later(1))

    assert kinds(channel) == ["opened", "meeting", "meeting", "retracted"]
    copy = channel.events[2]
    assert isinstance(copy, MeetingHeld)
    assert (copy.corrects, str(copy.occurred)) == (2, "2021-05-02")
    assert channel.retracted()[2].reason == "corrected by #3"
    state = channel.state(as_of=day("2030-01-01"))
    assert state is not None
    assert [str(m.occurred) for m in state.meetings] == ["2021-05-02"]


def test_known_before_the_correction_the_original_counts() -> None:
    channel = opened("2020-01-01")
    meet(channel, "2021-05-01", at=later(1))
    channel.correct(seq=2, changes={"occurred": d("2021-06-01")}, recorded=later(5))

    then = channel.state(as_of=day("2030-01-01"), known_on=later(2))

    assert then is not None
    assert str(then.last_meeting) == "2021-05-01"


def test_the_opening_can_be_corrected_and_the_channel_goes_by_the_copy() -> None:
    channel = opened("2020-01-01")

    channel.correct(
        seq=1,
        changes={"occurred": d("2019-12-30"), "title": "Another title"},
        recorded=later(1),
    )

    assert isinstance(channel.opening, ChannelOpened)
    assert channel.opening.seq == 2
    state = channel.state(as_of=day("2019-12-31"))
    assert state is not None
    assert (str(state.opened), state.title) == ("2019-12-30", "Another title")
    assert channel.state(as_of=day("2019-12-29")) is None


def test_a_corrected_opening_may_not_leave_a_fact_before_it() -> None:
    channel = opened("2020-01-01")
    meet(channel, "2020-02-01")

    with pytest.raises(NothingBeforeOpening, match="corrected"):
        channel.correct(seq=1, changes={"occurred": d("2020-03-01")}, recorded=later(1))

    assert kinds(channel) == ["opened", "meeting"]


def test_the_slug_of_a_channel_cannot_be_corrected() -> None:
    channel = opened("2020-01-01")

    with pytest.raises(CannotCorrect, match="slug"):
        channel.correct(seq=1, changes={"slug": "another-slug"}, recorded=later(1))


def test_a_retracted_fact_is_corrected_through_its_copy() -> None:
    channel = opened("2020-01-01")
    meet(channel, "2021-05-01")
    channel.correct(seq=2, changes={"occurred": d("2021-05-02")}, recorded=later(1))

    with pytest.raises(CannotCorrect, match="correct #3, its corrected copy, instead"):
        channel.correct(seq=2, changes={"occurred": d("2021-05-03")}, recorded=later(2))


def test_a_correction_that_changes_nothing_is_refused() -> None:
    channel = opened("2020-01-01")
    meet(channel, "2021-05-01")

    with pytest.raises(DuplicateFact, match="changes nothing"):
        channel.correct(seq=2, changes={"occurred": d("2021-05-01")}, recorded=later(1))


def test_a_correction_of_a_plan_whose_window_ends_before_it_was_agreed_is_bad_input() -> None:
    channel = opened("2020-01-01")
    plan(channel, "2021-01-01", "2021-06")

    with pytest.raises(InvalidValue, match="ends before the meeting was agreed"):
        channel.correct(seq=2, changes={"window": d("2020-06")}, recorded=later(1))


# --- plans: settled, postponed, cancelled -------------------------------------------------------


def test_the_meeting_at_which_a_plan_is_agreed_does_not_hold_it() -> None:
    channel = opened("2020-01-01")
    meet(channel, "2024-04-04")
    plan(channel, "2024-04-04", "2024-04/2024-12")
    assert planned(channel, "2024-06-01") == [("2024-04/2024-12", None, False, None)]

    meet(channel, "2024-09-07")

    assert planned(channel, "2024-12-31") == [("2024-04/2024-12", "2024-09-07", False, None)]


def test_a_postponed_plan_is_due_by_its_latest_window_and_was_overdue_before() -> None:
    channel = opened("2020-01-01")
    plan(channel, "2023-08-29", "2024-01/2024-04")
    channel.postpone(plan=2, occurred=d("2024-05-15"), window=d("2024-09"), recorded=later(1))

    assert planned(channel, "2024-05-10") == [("2024-01/2024-04", None, True, None)]
    assert planned(channel, "2024-05-20") == [("2024-09", None, False, "postponed")]
    assert planned(channel, "2024-10-02") == [("2024-09", None, True, "postponed")]


def test_a_cancelled_plan_owes_nothing_and_no_meeting_holds_it() -> None:
    channel = opened("2020-01-01")
    plan(channel, "2023-08-29", "2024-01/2024-04")
    channel.cancel(plan=2, occurred=d("2024-06-01"), recorded=later(1))
    meet(channel, "2024-07-01")

    assert planned(channel, "2024-12-31") == [("2024-01/2024-04", None, False, "cancelled")]


def test_a_held_plan_cannot_be_postponed() -> None:
    channel = opened("2020-01-01")
    plan(channel, "2023-08-29", "2024-01/2024-04")
    meet(channel, "2024-02-01")

    with pytest.raises(OnlyAPlanNotYetHeldCanChange, match="was held on 2024-02-01"):
        channel.postpone(plan=2, occurred=d("2024-03-01"), window=d("2024-09"), recorded=START)


def test_a_postponement_must_name_a_planned_meeting() -> None:
    channel = opened("2020-01-01")
    meet(channel, "2024-02-01")

    with pytest.raises(NoSuchPlan, match="is the meeting of 2024-02-01, not a planned meeting"):
        channel.postpone(plan=2, occurred=d("2024-03-01"), window=d("2024-09"), recorded=START)


def test_a_plan_cannot_be_retracted_from_under_its_postponement() -> None:
    channel = opened("2020-01-01")
    plan(channel, "2023-08-29", "2024-01/2024-04")
    channel.postpone(plan=2, occurred=d("2024-03-01"), window=d("2024-09"), recorded=later(1))

    with pytest.raises(PlanChangeNeedsItsPlan):
        channel.retract(seq=2, reason="no such plan", recorded=later(2))


def test_a_change_naming_a_plan_corrected_twice_finds_the_latest_copy() -> None:
    channel = opened("2020-01-01")
    plan(channel, "2023-08-29", "2024-01/2024-04")  # 2
    channel.correct(seq=2, changes={"host": "CN"}, recorded=later(1))  # 3, 4
    channel.correct(seq=3, changes={"location": "Xi'an"}, recorded=later(2))  # 5, 6

    channel.postpone(plan=2, occurred=d("2024-03-01"), window=d("2024-09"), recorded=later(3))

    postponement = channel.events[-1]
    assert getattr(postponement, "plan_seq", None) == 5
    state = channel.state(as_of=day("2024-12-31"))
    assert state is not None
    assert [(p.seq, p.host, p.location, str(p.window)) for p in state.planned] == [
        (5, "CHN", "Xi'an", "2024-09")
    ]


# --- amendments ----------------------------------------------------------------------------------


def test_an_amendment_holds_from_its_day_on() -> None:
    channel = opened("2013-04-13", level=Level.SENIOR_OFFICIAL)
    channel.amend(
        occurred=d("2021-04-15"),
        leads=[Lead(party="USA", name="John Kerry"), Lead(party="CHN", name="Xie Zhenhua")],
        recorded=later(1),
    )
    channel.amend(
        occurred=d("2024-03-06"),
        title="Working Group on Enhancing Climate Action",
        leads=[Lead(party="USA", name="John Podesta")],
        level=Level.MINISTERIAL,
        recorded=later(2),
    )

    before = channel.state(as_of=day("2023-01-01"))
    after = channel.state(as_of=day("2024-06-01"))

    assert before is not None
    assert after is not None
    assert (before.title, before.level) == (
        "US–China Commercial Issues Working Group",
        Level.SENIOR_OFFICIAL,
    )
    assert [str(lead) for lead in before.leads] == ["USA=John Kerry", "CHN=Xie Zhenhua"]
    assert (after.title, after.level) == (
        "Working Group on Enhancing Climate Action",
        Level.MINISTERIAL,
    )
    assert [str(lead) for lead in after.leads] == ["USA=John Podesta", "CHN=Xie Zhenhua"]


def test_a_meeting_without_a_level_is_at_the_level_in_force_on_its_day() -> None:
    channel = opened("2013-04-13", level=Level.SENIOR_OFFICIAL)
    channel.amend(occurred=d("2024-01-01"), level=Level.MINISTERIAL, recorded=later(1))
    meet(channel, "2024-05-08")
    meet(channel, "2023-05-08")

    levels = {str(e.occurred): e.level for e in channel.events if isinstance(e, MeetingHeld)}

    assert levels == {"2024-05-08": Level.MINISTERIAL, "2023-05-08": Level.SENIOR_OFFICIAL}


# --- import ids ---------------------------------------------------------------------------------


def test_an_entry_id_recorded_with_the_same_content_is_a_duplicate() -> None:
    channel = opened("2020-01-01")
    channel.hold_meeting(occurred=d("2021-05-01"), recorded=later(1), entry_id="m-1")

    with pytest.raises(DuplicateFact):
        channel.hold_meeting(occurred=d("2021-05-01"), recorded=later(2), entry_id="m-1")


def test_an_entry_id_recorded_with_other_content_names_what_changed() -> None:
    channel = opened("2020-01-01")
    channel.hold_meeting(occurred=d("2021-05-01"), recorded=later(1), entry_id="m-1")

    with pytest.raises(EntryChanged) as changed:
        channel.hold_meeting(
            occurred=d("2021-05-02"), location="Beijing", recorded=later(2), entry_id="m-1"
        )

    assert changed.value.seq == 2
    assert changed.value.command == "meet"
    assert set(changed.value.changes) == {"occurred", "location"}


def test_an_entry_as_it_was_before_a_correction_adds_nothing() -> None:
    channel = opened("2020-01-01", clock=Clock())
    channel.hold_meeting(occurred=d("2021-05-01"), recorded=later(1), entry_id="m-1")
    channel.correct(seq=2, changes={"occurred": d("2021-05-02")}, recorded=later(2))

    with pytest.raises(DuplicateFact):  # the file is older than the store
        channel.hold_meeting(occurred=d("2021-05-01"), recorded=later(3), entry_id="m-1")
    assert channel.seq_of_entry("m-1") == 3


def test_a_corrected_opening_keeps_the_parties_the_channels_facts_name() -> None:
    channel = opened("2020-01-01")
    channel.hold_meeting(
        occurred=d("2021-05-01"), leads=[Lead(party="CHN", name="Wang Wentao")], recorded=later(1)
    )

    with pytest.raises(OnlyPartiesOfTheChannel, match="CHN"):
        channel.correct(seq=1, changes={"parties": ("USA", "JPN")}, recorded=later(2))

    assert kinds(channel) == ["opened", "meeting"]


@pytest.mark.parametrize("field", ["follows", "successor"])
def test_a_correction_cannot_make_a_channel_its_own_predecessor_or_successor(field: str) -> None:
    channel = opened("2020-01-01")
    channel.conclude(occurred=d("2021-01-01"), successor="us-cn-next", recorded=later(1))
    seq = 1 if field == "follows" else 2

    with pytest.raises(InvalidValue, match="itself"):
        channel.correct(seq=seq, changes={field: channel.slug}, recorded=later(2))


def test_an_opening_corrected_with_its_parties_and_leads_together_is_recorded() -> None:
    channel = Channel.open(
        slug="a-b",
        title="A–B",
        parties=["US", "CN"],
        occurred=d("2020-01-01"),
        recorded=START,
        leads=[Lead(party="CHN", name="Wang Wentao")],
    )
    channel.collect_events()

    channel.correct(
        seq=1,
        changes={"parties": ("USA", "JPN"), "leads": (Lead(party="JPN", name="Someone"),)},
        recorded=later(1),
    )

    assert channel.opening.parties == ("USA", "JPN")
