"""A refusal caused by a fuzzy date that straddles a fact already recorded advises a more
precise date, never recording that fact "first" (DESIGN §3: a refusal says what to record
instead; §4: rules are checked on the earliest day a date could mean)."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.builders import (
    START,
    agree,
    cadence,
    conclude,
    d,
    meet,
    opened,
    plan,
    resume,
    retract,
    suspend,
)
from tracker.domain.channel import Channel
from tracker.domain.events import MeetingHeld
from tracker.domain.rules import (
    MeetingNeedsAgreedOrActiveChannel,
    NothingAfterConclusion,
    OnlyAgreedOrActiveChannelCanBeSuspended,
    OnlySuspendedChannelCanBeResumed,
    PlanChangeNeedsItsPlan,
    RuleBroken,
)
from tracker.domain.values import ChannelStatus, Level


def refusal(record: Callable[[Channel], None], channel: Channel, rule: type[RuleBroken]) -> str:
    """The one-line message of the refusal of ``record(channel)``; nothing is recorded."""
    version = channel.version
    with pytest.raises(rule) as refused:
        record(channel)
    message = str(refused.value)
    assert "\n" not in message
    assert channel.version == version
    return message


def suspended_and_resumed() -> Channel:
    """The military talks: suspended on 2022-08-05, resumed on 2023-11-15."""
    channel = opened("1998-01-19")
    suspend(channel, "2022-08-05")
    resume(channel, "2023-11-15")
    return channel


# --- the fact's own date could mean a day on or after a fact recorded already ----------------


def test_a_meeting_in_the_month_of_the_resumption_is_told_to_give_a_precise_date() -> None:
    channel = suspended_and_resumed()

    message = refusal(lambda c: meet(c, "2023-11"), channel, MeetingNeedsAgreedOrActiveChannel)

    assert "is suspended on 2023-11 (since 2022-08-05)" in message
    assert "the date 2023-11 could mean a day before the resumption of 2023-11-15" in message
    assert "give a more precise date (e.g. 2023-11-15 or later), or check the date" in message
    assert "record its resumption first" not in message


def test_the_day_the_advice_names_is_accepted() -> None:
    channel = suspended_and_resumed()

    meet(channel, "2023-11-15")

    assert channel.version == 4


def test_a_meeting_on_a_channel_never_resumed_is_still_told_to_record_the_resumption() -> None:
    channel = opened("1998-01-19")
    suspend(channel, "2022-08-05")

    message = refusal(lambda c: meet(c, "2023-11"), channel, MeetingNeedsAgreedOrActiveChannel)

    assert "record its resumption first (tracker resume)" in message


def test_a_resumption_after_the_period_is_no_day_a_date_before_it_could_mean() -> None:
    channel = suspended_and_resumed()

    message = refusal(lambda c: meet(c, "2023-10"), channel, MeetingNeedsAgreedOrActiveChannel)

    assert "record its resumption first" in message
    assert "more precise" not in message


def test_a_suspension_in_the_month_of_the_resumption_is_told_to_give_a_precise_date() -> None:
    channel = suspended_and_resumed()

    message = refusal(
        lambda c: suspend(c, "2023-11"), channel, OnlyAgreedOrActiveChannelCanBeSuspended
    )

    assert "could mean a day before the resumption of 2023-11-15" in message
    assert "e.g. 2023-11-15 or later" in message
    assert "must be resumed" not in message


def test_a_resumption_in_the_month_of_the_suspension_is_told_to_give_a_precise_date() -> None:
    channel = opened("1998-01-19")
    suspend(channel, "2022-08-05")

    message = refusal(lambda c: resume(c, "2022-08"), channel, OnlySuspendedChannelCanBeResumed)

    assert "could mean a day before the suspension of 2022-08-05" in message
    assert "e.g. 2022-08-05 or later" in message
    assert "record the suspension first" not in message


def test_a_meeting_in_the_month_of_the_agreement_is_told_to_give_a_precise_date() -> None:
    channel = opened("2023-01-01", status=ChannelStatus.PROPOSED)
    agree(channel, "2023-05-10")

    message = refusal(lambda c: meet(c, "2023-05"), channel, MeetingNeedsAgreedOrActiveChannel)

    assert "could mean a day before the agreement of 2023-05-10" in message
    assert "record its agreement first" not in message


def test_a_suspension_of_a_proposed_channel_is_told_to_record_its_agreement() -> None:
    channel = opened("2023-01-01", status=ChannelStatus.PROPOSED)

    message = refusal(
        lambda c: suspend(c, "2023-03-01"), channel, OnlyAgreedOrActiveChannelCanBeSuspended
    )

    assert "record its agreement first (tracker agree)" in message
    assert "must be resumed" not in message


def test_a_postponement_in_the_month_the_plan_was_agreed_is_told_to_give_a_precise_date() -> None:
    channel = opened("2020-01-01")
    plan(channel, "2023-11-15", "2024")

    with pytest.raises(PlanChangeNeedsItsPlan) as refused:
        channel.postpone(plan=2, window=d("2025"), occurred=d("2023-11"), recorded=START)

    assert "could mean a day before the planned meeting of 2023-11-15" in str(refused.value)


def test_a_fuzzy_date_that_would_put_a_later_fact_out_of_order_is_told_to_be_precise() -> None:
    channel = opened("1998-01-19")
    meet(channel, "2022-08-20")

    message = refusal(lambda c: suspend(c, "2022-08"), channel, MeetingNeedsAgreedOrActiveChannel)

    assert "would put the meeting of 2022-08-20 (#2) out of order" in message
    assert "the date 2022-08 could mean a day before the meeting of 2022-08-20" in message
    assert "retract #2" not in message


def test_a_fuzzy_conclusion_before_a_meeting_it_straddles_is_told_to_be_precise() -> None:
    channel = opened("2020-01-01")
    meet(channel, "2024-03-20")

    message = refusal(lambda c: conclude(c, "2024-03"), channel, NothingAfterConclusion)

    assert "the date 2024-03 could mean a day before the meeting of 2024-03-20" in message
    assert "retract #2" not in message


def test_a_correction_to_a_fuzzy_date_is_told_to_give_a_precise_date() -> None:
    channel = suspended_and_resumed()
    meet(channel, "2023-12-01")

    with pytest.raises(MeetingNeedsAgreedOrActiveChannel) as refused:
        channel.correct(seq=4, changes={"occurred": d("2023-11")}, recorded=START)

    message = str(refused.value)
    assert "could mean a day before the resumption of 2023-11-15" in message
    assert "record its resumption first" not in message


# --- an earlier fact's own date could mean a day after the fact refused --------------------


def test_a_meeting_in_the_month_of_a_suspension_dated_to_the_month_names_the_suspension() -> None:
    channel = opened("2020-01-01")
    suspend(channel, "2022-02")

    message = refusal(lambda c: meet(c, "2022-02"), channel, MeetingNeedsAgreedOrActiveChannel)

    assert "the suspension of 2022-02 (#2) could mean a day after the meeting of 2022-02" in message
    assert "tracker correct us-cn-commercial-wg 2 --on DAY" in message
    assert "record its resumption first" not in message


def test_once_the_suspension_is_dated_to_its_day_the_meeting_is_accepted() -> None:
    channel = opened("2020-01-01")
    suspend(channel, "2022-02")
    channel.correct(seq=2, changes={"occurred": d("2022-02-20")}, recorded=START)

    meet(channel, "2022-02")

    assert channel.version == 5


def test_a_meeting_in_the_month_of_a_conclusion_dated_to_the_month_names_the_conclusion() -> None:
    channel = opened("2020-01-01")
    conclude(channel, "2024-03")

    message = refusal(lambda c: meet(c, "2024-03-20"), channel, NothingAfterConclusion)

    assert "the conclusion of 2024-03 (#2) could mean a day after the meeting of 2024-03-20" in (
        message
    )
    assert "retract the conclusion first" not in message


def test_a_meeting_after_the_month_of_the_conclusion_is_told_to_retract_it() -> None:
    channel = opened("2020-01-01")
    conclude(channel, "2024-03")

    message = refusal(lambda c: meet(c, "2024-04-20"), channel, NothingAfterConclusion)

    assert "retract the conclusion first" in message


def test_a_fact_dated_to_a_year_is_not_blamed_for_a_suspension_on_a_day() -> None:
    # The cadence "2022" could mean a day after the meeting, but the meeting would still
    # follow the suspension: the suspension is why it is refused.
    channel = opened("2020-01-01")
    cadence(channel, "2022", Level.MINISTERIAL, 1)
    suspend(channel, "2022-03-01")

    message = refusal(lambda c: meet(c, "2022-03-10"), channel, MeetingNeedsAgreedOrActiveChannel)

    assert "record its resumption first" in message
    assert "cadence" not in message


# --- a retraction is not told to record what it retracts ------------------------------------


def test_a_retraction_a_later_fact_needs_is_told_to_correct_it_or_retract_the_later_fact() -> None:
    channel = suspended_and_resumed()
    meet(channel, "2023-12-01")

    message = refusal(lambda c: retract(c, 3), channel, MeetingNeedsAgreedOrActiveChannel)

    assert "correct #3 rather than retract it, or retract or correct #4 first" in message
    assert "record its resumption first" not in message


def test_a_what_if_walk_leaves_the_walk_it_forks_from_as_it_was() -> None:
    channel = opened("2020-01-01", status=ChannelStatus.PROPOSED)
    plan(channel, "2020-02-01", "2020-06")
    agree(channel, "2020-03-01")
    state = channel.live.state
    meeting = MeetingHeld(
        originator_id=channel.id, originator_version=9, recorded=START, occurred=d("2020-06-10")
    )

    trial = state.fork()
    assert trial.step(meeting) is None

    assert (trial.status, len(trial.meetings), trial.plans[2].held) == (
        ChannelStatus.ACTIVE,
        1,
        meeting,
    )
    assert (state.status, state.meetings, state.plans[2].held, len(state.spans)) == (
        ChannelStatus.AGREED,
        [],
        None,
        2,
    )
