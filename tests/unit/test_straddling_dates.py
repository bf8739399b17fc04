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


Record = Callable[[Channel, str], None]


def channel_with(
    *facts: tuple[Record, str], status: ChannelStatus = ChannelStatus.AGREED
) -> Channel:
    """A channel opened on 1998-01-19, with these facts recorded on it, each on its day."""
    channel = opened("1998-01-19", status=status)
    for record, day in facts:
        record(channel, day)
    return channel


def cadence_1(channel: Channel, on: str) -> None:
    cadence(channel, on, Level.MINISTERIAL, 1)


# The military talks: suspended on 2022-08-05, resumed on 2023-11-15.
SUSPENDED_AND_RESUMED = ((suspend, "2022-08-05"), (resume, "2023-11-15"))


# --- a fuzzy date that straddles a fact recorded already ------------------------------------

# The facts recorded, the fact refused (its kind and date), the rule, the advice it is given
# and the wrong advice it was given before. First the fact's own date could mean a day on or
# after a fact recorded already.
STRADDLES: dict[
    str, tuple[tuple[tuple[Record, str], ...], Record, str, type[RuleBroken], str, str]
] = {
    "a meeting in the month of the resumption": (
        SUSPENDED_AND_RESUMED,
        meet,
        "2023-11",
        MeetingNeedsAgreedOrActiveChannel,
        "is suspended on 2023-11 (since 2022-08-05); the date 2023-11 could mean a day before "
        "the resumption of 2023-11-15: give a more precise date (e.g. 2023-11-15 or later), or "
        "check the date",
        "record its resumption first",
    ),
    "a suspension in the month of the resumption": (
        SUSPENDED_AND_RESUMED,
        suspend,
        "2023-11",
        OnlyAgreedOrActiveChannelCanBeSuspended,
        "could mean a day before the resumption of 2023-11-15: give a more precise date (e.g. "
        "2023-11-15 or later)",
        "must be resumed",
    ),
    "a resumption in the month of the suspension": (
        ((suspend, "2022-08-05"),),
        resume,
        "2022-08",
        OnlySuspendedChannelCanBeResumed,
        "could mean a day before the suspension of 2022-08-05: give a more precise date (e.g. "
        "2022-08-05 or later)",
        "record the suspension first",
    ),
    "a suspension that would put a later meeting out of order": (
        ((meet, "2022-08-20"),),
        suspend,
        "2022-08",
        MeetingNeedsAgreedOrActiveChannel,
        "would put the meeting of 2022-08-20 (#2) out of order: us-cn-commercial-wg is "
        "suspended on 2022-08-20 (since 2022-08); the date 2022-08 could mean a day before the "
        "meeting of 2022-08-20",
        "retract #2",
    ),
    "a conclusion that would put a later meeting out of order": (
        ((meet, "2024-03-20"),),
        conclude,
        "2024-03",
        NothingAfterConclusion,
        "the date 2024-03 could mean a day before the meeting of 2024-03-20",
        "retract #2",
    ),
    # The earlier fact's own date could mean a day after the fact refused.
    "a meeting in the month a suspension is dated to": (
        ((suspend, "2022-02"),),
        meet,
        "2022-02",
        MeetingNeedsAgreedOrActiveChannel,
        "the suspension of 2022-02 (#2) could mean a day after the meeting of 2022-02: if it "
        "does, give it a more precise date (tracker correct us-cn-commercial-wg 2 --on DAY)",
        "record its resumption first",
    ),
    "a meeting in the month a conclusion is dated to": (
        ((conclude, "2024-03"),),
        meet,
        "2024-03-20",
        NothingAfterConclusion,
        "the conclusion of 2024-03 (#2) could mean a day after the meeting of 2024-03-20",
        "retract the conclusion first",
    ),
}

# Refusals whose own advice stands: no date more precise would keep the rules.
NOT_STRADDLES: dict[
    str, tuple[tuple[tuple[Record, str], ...], Record, str, type[RuleBroken], str]
] = {
    "a meeting on a channel never resumed": (
        ((suspend, "2022-08-05"),),
        meet,
        "2023-11",
        MeetingNeedsAgreedOrActiveChannel,
        "record its resumption first (tracker resume)",
    ),
    "a meeting in a month before the resumption": (
        SUSPENDED_AND_RESUMED,
        meet,
        "2023-10",
        MeetingNeedsAgreedOrActiveChannel,
        "record its resumption first",
    ),
    "a meeting after the month of the conclusion": (
        ((conclude, "2024-03"),),
        meet,
        "2024-04-20",
        NothingAfterConclusion,
        "retract the conclusion first",
    ),
    # The cadence "2022" could mean a day after the meeting, but the meeting would still
    # follow the suspension: the suspension is why it is refused.
    "a meeting after a suspension on a day, and a cadence of a year": (
        ((cadence_1, "2022"), (suspend, "2022-03-01")),
        meet,
        "2022-03-10",
        MeetingNeedsAgreedOrActiveChannel,
        "record its resumption first",
    ),
}


@pytest.mark.parametrize(
    ("facts", "record", "on", "rule", "advice", "wrong_advice"),
    STRADDLES.values(),
    ids=STRADDLES.keys(),
)
def test_a_fuzzy_date_that_straddles_a_recorded_fact_is_told_to_give_a_precise_date(
    facts: tuple[tuple[Record, str], ...],
    record: Record,
    on: str,
    rule: type[RuleBroken],
    advice: str,
    wrong_advice: str,
) -> None:
    channel = channel_with(*facts)

    message = refusal(lambda c: record(c, on), channel, rule)

    assert advice in message
    assert wrong_advice not in message


@pytest.mark.parametrize(
    ("facts", "record", "on", "rule", "advice"), NOT_STRADDLES.values(), ids=NOT_STRADDLES.keys()
)
def test_a_refusal_no_precise_date_would_avoid_keeps_its_rule_s_advice(
    facts: tuple[tuple[Record, str], ...],
    record: Record,
    on: str,
    rule: type[RuleBroken],
    advice: str,
) -> None:
    channel = channel_with(*facts)

    message = refusal(lambda c: record(c, on), channel, rule)

    assert advice in message
    assert "could mean" not in message


def test_the_day_the_advice_names_is_accepted() -> None:
    channel = channel_with(*SUSPENDED_AND_RESUMED)

    meet(channel, "2023-11-15")

    assert channel.version == 4


def test_a_meeting_in_the_month_of_the_agreement_is_told_to_give_a_precise_date() -> None:
    channel = channel_with((agree, "2023-05-10"), status=ChannelStatus.PROPOSED)

    message = refusal(lambda c: meet(c, "2023-05"), channel, MeetingNeedsAgreedOrActiveChannel)

    assert "could mean a day before the agreement of 2023-05-10" in message
    assert "record its agreement first" not in message


def test_a_suspension_of_a_proposed_channel_is_told_to_record_its_agreement() -> None:
    channel = channel_with(status=ChannelStatus.PROPOSED)

    message = refusal(
        lambda c: suspend(c, "2023-03-01"), channel, OnlyAgreedOrActiveChannelCanBeSuspended
    )

    assert "record its agreement first (tracker agree), or check the date" in message


def test_a_postponement_in_the_month_the_plan_was_agreed_is_told_to_give_a_precise_date() -> None:
    channel = opened("2020-01-01")
    plan(channel, "2023-11-15", "2024")

    with pytest.raises(PlanChangeNeedsItsPlan) as refused:
        channel.postpone(plan=2, window=d("2025"), occurred=d("2023-11"), recorded=START)

    assert "could mean a day before the planned meeting of 2023-11-15" in str(refused.value)


def test_a_correction_to_a_fuzzy_date_is_told_to_give_a_precise_date() -> None:
    channel = channel_with(*SUSPENDED_AND_RESUMED, (meet, "2023-12-01"))

    with pytest.raises(MeetingNeedsAgreedOrActiveChannel) as refused:
        channel.correct(seq=4, changes={"occurred": d("2023-11")}, recorded=START)

    message = str(refused.value)
    assert "could mean a day before the resumption of 2023-11-15" in message
    assert "record its resumption first" not in message


def test_once_the_suspension_is_dated_to_its_day_the_meeting_is_accepted() -> None:
    channel = opened("2020-01-01")
    suspend(channel, "2022-02")
    channel.correct(seq=2, changes={"occurred": d("2022-02-20")}, recorded=START)

    meet(channel, "2022-02")

    assert channel.version == 5


# --- a retraction is not told to record what it retracts ------------------------------------


def test_a_retraction_a_later_fact_needs_is_told_to_correct_it_or_retract_the_later_fact() -> None:
    channel = channel_with(*SUSPENDED_AND_RESUMED)
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
