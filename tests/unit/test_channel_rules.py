"""The rules of a channel's life (DESIGN §3), checked in valid time on the Channel aggregate."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.unit.builders import (
    START,
    agree,
    cadence,
    conclude,
    d,
    day,
    kinds,
    meet,
    opened,
    plan,
    resume,
    retract,
    suspend,
)
from tracker.domain.channel import Channel
from tracker.domain.events import EventRetracted, MeetingHeld
from tracker.domain.rules import (
    CannotRetract,
    DomainError,
    DuplicateFact,
    MeetingNeedsAgreedOrActiveChannel,
    NothingAfterConclusion,
    NothingBeforeOpening,
    OnlyAgreedOrActiveChannelCanBeSuspended,
    OnlyPartiesOfTheChannel,
    OnlyProposedChannelCanBeAgreed,
    OnlySuspendedChannelCanBeResumed,
    RuleBroken,
)
from tracker.domain.timeline import in_valid_time, live_facts
from tracker.domain.values import ChannelStatus, Lead, Level, Source

PROPOSED = ChannelStatus.PROPOSED
AGREED = ChannelStatus.AGREED
ACTIVE = ChannelStatus.ACTIVE
SUSPENDED = ChannelStatus.SUSPENDED
CONCLUDED = ChannelStatus.CONCLUDED

Action = Callable[[Channel], None]


def status_on(channel: Channel, when: str) -> ChannelStatus:
    state = channel.state(as_of=day(when))
    assert state is not None
    return state.status


def timeline(channel: Channel) -> list[str]:
    """The live facts in valid time, as 'kind date'."""
    return [f"{f.KIND} {f.occurred}" for f in in_valid_time(live_facts(channel.events))]


def assert_names_rule(error: RuleBroken) -> None:
    """A refusal says which rule was broken."""
    assert type(error).rule in str(error)


# --- meetings need an agreed or active channel ---------------------------------------------------


def test_the_first_meeting_makes_an_agreed_channel_active() -> None:
    channel = opened("2023-08-28")

    meet(channel, "2023-09-10")

    assert status_on(channel, "2023-09-09") is AGREED
    state = channel.state(as_of=day("2023-12-31"))
    assert state is not None
    assert state.status is ACTIVE
    assert str(state.status_since) == "2023-09-10"


def test_later_meetings_keep_an_active_channel_active_since_its_first_meeting() -> None:
    channel = opened("2023-08-28")
    meet(channel, "2023-09-10")
    meet(channel, "2024-04-04")

    state = channel.state(as_of=day("2024-12-31"))

    assert state is not None
    assert state.status is ACTIVE
    assert str(state.status_since) == "2023-09-10"
    assert len(state.meetings) == 2


def test_a_meeting_on_a_proposed_channel_is_refused() -> None:
    channel = opened("2023-01-01", status=PROPOSED)

    with pytest.raises(MeetingNeedsAgreedOrActiveChannel) as refused:
        meet(channel, "2023-03-01")

    message = str(refused.value)
    assert "2023-03-01" in message
    assert "proposed" in message
    assert "tracker agree" in message
    assert_names_rule(refused.value)


def test_a_proposed_channel_becomes_agreed_by_agree_and_can_then_meet() -> None:
    channel = opened("2023-01-01", status=PROPOSED)

    agree(channel, "2023-02-01")
    meet(channel, "2023-03-01")

    assert status_on(channel, "2023-01-31") is PROPOSED
    assert status_on(channel, "2023-02-01") is AGREED
    assert status_on(channel, "2023-03-01") is ACTIVE


def test_a_meeting_dated_before_a_proposed_channel_was_agreed_is_refused() -> None:
    channel = opened("2023-01-01", status=PROPOSED)
    agree(channel, "2023-02-01")

    with pytest.raises(MeetingNeedsAgreedOrActiveChannel, match="proposed"):
        meet(channel, "2023-01-15")


@pytest.mark.parametrize("status", [AGREED, ACTIVE])
def test_agreeing_a_channel_that_is_not_proposed_is_refused(status: ChannelStatus) -> None:
    channel = opened("2023-01-01")
    if status is ACTIVE:
        meet(channel, "2023-01-10")

    with pytest.raises(OnlyProposedChannelCanBeAgreed) as refused:
        agree(channel, "2023-02-01")

    assert status.value in str(refused.value)
    assert "2023-02-01" in str(refused.value)


def test_agreeing_a_proposed_channel_twice_is_refused() -> None:
    channel = opened("2023-01-01", status=PROPOSED)
    agree(channel, "2023-02-01")

    with pytest.raises(OnlyProposedChannelCanBeAgreed, match="agreed"):
        agree(channel, "2023-03-01")


def test_a_meeting_on_a_suspended_channel_is_refused() -> None:
    channel = opened("2013-01-01")
    meet(channel, "2014-05-01")
    suspend(channel, "2022-08-05", by="CHN")

    with pytest.raises(MeetingNeedsAgreedOrActiveChannel) as refused:
        meet(channel, "2022-09-01")

    message = str(refused.value)
    assert "suspended" in message
    assert "2022-09-01" in message
    assert "2022-08-05" in message
    assert "tracker resume" in message


def test_a_meeting_is_checked_against_the_status_on_its_own_date_not_the_latest_status() -> None:
    channel = opened("2013-01-01")
    suspend(channel, "2022-08-05")
    resume(channel, "2023-07-16")

    with pytest.raises(MeetingNeedsAgreedOrActiveChannel, match="2023-01-10"):
        meet(channel, "2023-01-10")
    meet(channel, "2021-05-01")
    meet(channel, "2023-08-01")

    assert timeline(channel) == [
        "opened 2013-01-01",
        "meeting 2021-05-01",
        "suspended 2022-08-05",
        "resumed 2023-07-16",
        "meeting 2023-08-01",
    ]


# --- nothing before the opening ------------------------------------------------------------------

BEFORE_OPENING: dict[str, Callable[[Channel, str], None]] = {
    "meeting": meet,
    "cadence": lambda c, on: cadence(c, on, Level.MINISTERIAL, 1),
    "plan": lambda c, on: plan(c, on, "2024"),
    "suspension": suspend,
    "resumption": resume,
    "conclusion": conclude,
}


@pytest.mark.parametrize("kind", BEFORE_OPENING)
@pytest.mark.parametrize("on", ["2023-08-27", "2023", "2023-08", "2023-08~", "2023-08-01/2023-09"])
def test_nothing_can_occur_before_the_channel_was_opened(kind: str, on: str) -> None:
    # "2023" could mean 2023-01-01, before the opening on 2023-08-28: it needs more precision.
    channel = opened("2023-08-28")

    with pytest.raises(NothingBeforeOpening) as refused:
        BEFORE_OPENING[kind](channel, on)

    message = str(refused.value)
    assert on in message
    assert "2023-08-28" in message
    assert "precision" in message
    assert_names_rule(refused.value)


def test_a_proposed_channel_cannot_be_agreed_before_it_was_opened() -> None:
    channel = opened("2023-08-28", status=PROPOSED)

    with pytest.raises(NothingBeforeOpening, match="2023-08-28"):
        agree(channel, "2023-08-01")


@pytest.mark.parametrize(
    ("opening", "on"), [("2023-08-28", "2023-08-28"), ("2023-08", "2023-08-01")]
)
def test_a_fact_on_the_first_day_the_opening_could_mean_is_accepted(opening: str, on: str) -> None:
    channel = opened(opening)

    meet(channel, on)

    assert kinds(channel) == ["opened", "meeting"]


def test_a_fact_as_imprecise_as_the_opening_is_accepted() -> None:
    channel = opened("2023-08")

    meet(channel, "2023-08")

    assert timeline(channel) == ["opened 2023-08", "meeting 2023-08"]


# --- suspension and resumption -------------------------------------------------------------------


@pytest.mark.parametrize("status", [AGREED, ACTIVE])
def test_an_agreed_or_active_channel_can_be_suspended(status: ChannelStatus) -> None:
    channel = opened("2013-01-01")
    if status is ACTIVE:
        meet(channel, "2014-01-01")

    suspend(channel, "2022-08-05", by="CHN", reason="Pelosi visit")

    state = channel.state(as_of=day("2022-08-05"))
    assert state is not None
    assert state.status is SUSPENDED
    assert state.suspended_by == "CHN"
    assert status_on(channel, "2022-08-04") is status


def test_a_proposed_channel_cannot_be_suspended() -> None:
    channel = opened("2013-01-01", status=PROPOSED)

    with pytest.raises(OnlyAgreedOrActiveChannelCanBeSuspended) as refused:
        suspend(channel, "2022-08-05")

    assert "proposed" in str(refused.value)
    assert "2022-08-05" in str(refused.value)
    assert_names_rule(refused.value)


def test_a_suspended_channel_cannot_be_suspended_again() -> None:
    channel = opened("2013-01-01")
    suspend(channel, "2022-08-05")

    with pytest.raises(OnlyAgreedOrActiveChannelCanBeSuspended) as refused:
        suspend(channel, "2022-09-01")

    message = str(refused.value)
    assert "suspended" in message
    assert "2022-09-01" in message
    assert "2022-08-05" in message


def test_a_concluded_channel_cannot_be_suspended() -> None:
    channel = opened("2013-01-01")
    conclude(channel, "2020-01-01")

    with pytest.raises(NothingAfterConclusion):
        suspend(channel, "2022-08-05")


@pytest.mark.parametrize("status", [PROPOSED, AGREED, ACTIVE])
def test_only_a_suspended_channel_can_be_resumed(status: ChannelStatus) -> None:
    channel = opened("2013-01-01", status=PROPOSED if status is PROPOSED else AGREED)
    if status is ACTIVE:
        meet(channel, "2014-01-01")

    with pytest.raises(OnlySuspendedChannelCanBeResumed) as refused:
        resume(channel, "2023-07-16")

    message = str(refused.value)
    assert status.value in message
    assert "2023-07-16" in message
    assert "tracker suspend" in message
    assert_names_rule(refused.value)


@pytest.mark.parametrize("status", [AGREED, ACTIVE])
def test_a_resumption_restores_the_status_before_the_suspension(status: ChannelStatus) -> None:
    channel = opened("2013-01-01")
    if status is ACTIVE:
        meet(channel, "2014-01-01")
    suspend(channel, "2022-08-05")

    resume(channel, "2023-07-16")

    state = channel.state(as_of=day("2023-07-16"))
    assert state is not None
    assert state.status is status
    assert str(state.status_since) == "2023-07-16"
    assert state.suspended_by is None


def test_an_agreed_channel_resumed_becomes_active_at_its_first_meeting() -> None:
    channel = opened("2013-01-01")
    suspend(channel, "2022-08-05")
    resume(channel, "2023-07-16")

    meet(channel, "2023-08-01")

    assert status_on(channel, "2023-07-31") is AGREED
    assert status_on(channel, "2023-08-01") is ACTIVE


def test_a_channel_can_be_suspended_and_resumed_more_than_once() -> None:
    channel = opened("2013-01-01")
    suspend(channel, "2016-01-01")
    resume(channel, "2017-01-01")
    suspend(channel, "2022-08-05")
    resume(channel, "2023-07-16")

    assert [status_on(channel, f"{y}-06-01") for y in (2015, 2016, 2018, 2023, 2024)] == [
        AGREED,
        SUSPENDED,
        AGREED,
        SUSPENDED,
        AGREED,
    ]


# --- conclusion ----------------------------------------------------------------------------------

AFTER_CONCLUSION: dict[str, Action] = {
    "meeting": lambda c: meet(c, "2021-06-01"),
    "cadence": lambda c: cadence(c, "2021-06-01", Level.MINISTERIAL, 1),
    "plan": lambda c: plan(c, "2021-06-01", "2022"),
    "suspension": lambda c: suspend(c, "2021-06-01"),
    "resumption": lambda c: resume(c, "2021-06-01"),
    "another conclusion": lambda c: conclude(c, "2021-06-01"),
}


@pytest.mark.parametrize("kind", AFTER_CONCLUSION)
def test_nothing_but_a_retraction_may_follow_a_conclusion(kind: str) -> None:
    channel = opened("2013-01-01")
    meet(channel, "2014-01-01")
    conclude(channel, "2021-01-01", successor="us-cn-trade-dialogue")

    with pytest.raises(NothingAfterConclusion) as refused:
        AFTER_CONCLUSION[kind](channel)

    message = str(refused.value)
    assert "2021-06-01" in message
    assert "2021-01-01" in message
    assert "retract the conclusion" in message
    assert_names_rule(refused.value)


def test_a_proposed_channel_cannot_be_agreed_after_its_conclusion() -> None:
    channel = opened("2013-01-01", status=PROPOSED)
    conclude(channel, "2015-01-01")

    with pytest.raises(NothingAfterConclusion):
        agree(channel, "2016-01-01")


def test_a_conclusion_records_the_successor_and_ends_the_channel() -> None:
    channel = opened("2013-01-01")
    conclude(channel, "2021-01-01", successor="us-cn-trade-dialogue")

    state = channel.state(as_of=day("2021-01-01"))

    assert state is not None
    assert state.status is CONCLUDED
    assert state.successor == "us-cn-trade-dialogue"


@pytest.mark.parametrize("status", [PROPOSED, SUSPENDED])
def test_a_proposed_or_suspended_channel_can_be_concluded(status: ChannelStatus) -> None:
    channel = opened("2013-01-01", status=PROPOSED if status is PROPOSED else AGREED)
    if status is SUSPENDED:
        suspend(channel, "2016-01-01")

    conclude(channel, "2021-01-01")

    assert status_on(channel, "2021-01-01") is CONCLUDED


def test_a_fact_dated_before_the_conclusion_can_still_be_backfilled() -> None:
    channel = opened("2013-01-01")
    conclude(channel, "2021-01-01")

    meet(channel, "2019-05-01")

    assert timeline(channel) == ["opened 2013-01-01", "meeting 2019-05-01", "concluded 2021-01-01"]


def test_a_retraction_may_follow_a_conclusion() -> None:
    channel = opened("2013-01-01")
    meet(channel, "2019-05-01")
    conclude(channel, "2021-01-01")

    retract(channel, 2)

    assert kinds(channel) == ["opened", "meeting", "concluded", "retracted"]
    assert timeline(channel) == ["opened 2013-01-01", "concluded 2021-01-01"]


def test_retracting_the_conclusion_lets_the_channel_go_on() -> None:
    channel = opened("2013-01-01")
    conclude(channel, "2021-01-01")
    retract(channel, 2)

    meet(channel, "2021-06-01")

    assert status_on(channel, "2021-06-01") is ACTIVE


# --- backfill: the rules hold in valid time, whatever order facts are recorded in ----------------


def test_a_2016_meeting_recorded_after_a_2023_resumption_is_accepted_and_placed_in_2016() -> None:
    channel = opened("2013-01-01")
    meet(channel, "2014-05-01")
    suspend(channel, "2022-08-05")
    resume(channel, "2023-07-16")

    meet(channel, "2016-05-01")

    assert channel.version == 5
    assert timeline(channel) == [
        "opened 2013-01-01",
        "meeting 2014-05-01",
        "meeting 2016-05-01",
        "suspended 2022-08-05",
        "resumed 2023-07-16",
    ]
    in_2016 = channel.state(as_of=day("2016-12-31"))
    assert in_2016 is not None
    assert [str(m.occurred) for m in in_2016.meetings] == ["2014-05-01", "2016-05-01"]
    assert in_2016.meetings[-1].seq == 5
    in_2015 = channel.state(as_of=day("2015-12-31"))
    assert in_2015 is not None
    assert len(in_2015.meetings) == 1


def test_a_resumption_recorded_before_its_suspension_is_refused() -> None:
    channel = opened("2013-01-01")

    with pytest.raises(OnlySuspendedChannelCanBeResumed) as refused:
        resume(channel, "2023-07-16")

    assert "2023-07-16" in str(refused.value)
    assert kinds(channel) == ["opened"]


def test_a_suspension_then_its_resumption_can_be_recorded_in_that_order() -> None:
    channel = opened("2013-01-01")

    suspend(channel, "2022-08-05")
    resume(channel, "2023-07-16")

    assert status_on(channel, "2023-01-01") is SUSPENDED
    assert status_on(channel, "2023-07-16") is AGREED


def test_a_suspension_backfilled_before_a_suspension_still_in_force_is_refused_naming_it() -> None:
    channel = opened("2013-01-01")
    suspend(channel, "2019-01-01")
    resume(channel, "2023-07-16")

    with pytest.raises(OnlyAgreedOrActiveChannelCanBeSuspended) as refused:
        suspend(channel, "2016-01-01")

    assert "#2" in str(refused.value)
    assert "2019-01-01" in str(refused.value)


def test_a_suspension_backfilled_in_the_middle_of_the_timeline_rules_the_commands_after_it() -> (
    None
):
    channel = opened("2013-01-01")
    plan(channel, "2023-01-01", "2024")
    suspend(channel, "2020-01-01")  # placed before the plan: the channel is suspended since 2020

    with pytest.raises(MeetingNeedsAgreedOrActiveChannel, match="suspended"):
        meet(channel, "2024-06-01")
    resume(channel, "2024-01-01")
    meet(channel, "2024-06-01")

    assert status_on(channel, "2024-06-01") is ACTIVE


def test_inserting_a_suspension_before_a_recorded_meeting_is_refused_naming_it() -> None:
    channel = opened("2013-01-01")
    meet(channel, "2014-05-01")
    meet(channel, "2023-03-01")

    with pytest.raises(MeetingNeedsAgreedOrActiveChannel) as refused:
        suspend(channel, "2023-01-10")

    message = str(refused.value)
    assert "#3" in message
    assert "2023-03-01" in message
    assert "2023-01-10" in message
    assert "out of order" in message
    assert "retract #3" in message


def test_inserting_a_conclusion_before_an_already_recorded_meeting_is_refused_naming_it() -> None:
    channel = opened("2013-01-01")
    meet(channel, "2023-03-01")

    with pytest.raises(NothingAfterConclusion) as refused:
        conclude(channel, "2020-01-01")

    assert "#2" in str(refused.value)
    assert "2023-03-01" in str(refused.value)


# --- duplicates ----------------------------------------------------------------------------------


def test_the_same_meeting_recorded_twice_is_refused_as_a_duplicate() -> None:
    channel = opened("2013-01-01")
    meet(channel, "2023-08-28", Level.MINISTERIAL, location="Beijing")

    with pytest.raises(DuplicateFact) as refused:
        meet(channel, "2023-08-28", Level.MINISTERIAL, location="Beijing")

    message = str(refused.value)
    assert "#2" in message
    assert "2023-08-28" in message
    assert "already recorded" in message
    assert "retract #2" in message


def test_the_same_meeting_at_another_location_is_not_a_duplicate() -> None:
    channel = opened("2013-01-01")
    meet(channel, "2023-08-28", location="Beijing")

    meet(channel, "2023-08-28", location="Shanghai")

    assert kinds(channel) == ["opened", "meeting", "meeting"]


def test_the_same_meeting_dated_with_another_precision_is_not_a_duplicate() -> None:
    channel = opened("2013-01-01")
    meet(channel, "2023-08-28")

    meet(channel, "2023-08")

    assert kinds(channel) == ["opened", "meeting", "meeting"]


def test_the_same_fact_from_another_source_is_still_a_duplicate() -> None:
    channel = opened("2013-01-01")
    channel.hold_meeting(
        occurred=d("2023-08-28"), recorded=START, sources=[Source(citation="readout A")]
    )

    with pytest.raises(DuplicateFact):
        channel.hold_meeting(
            occurred=d("2023-08-28"), recorded=START, sources=[Source(citation="readout B")]
        )


def test_a_meeting_without_a_level_is_the_same_fact_as_one_at_the_channels_level() -> None:
    channel = opened("2013-01-01", level=Level.MINISTERIAL)
    meet(channel, "2023-08-28")

    with pytest.raises(DuplicateFact):
        meet(channel, "2023-08-28", Level.MINISTERIAL)


@pytest.mark.parametrize(
    "record",
    [
        lambda c: suspend(c, "2022-08-05", by="CHN", reason="Pelosi visit"),
        lambda c: cadence(c, "2023-08-28", Level.MINISTERIAL, 1),
        lambda c: plan(c, "2023-08-28", "2024-01/2024-06", Level.VICE_MINISTERIAL),
    ],
    ids=["suspension", "cadence", "plan"],
)
def test_any_fact_recorded_twice_is_refused_as_a_duplicate(record: Action) -> None:
    channel = opened("2013-01-01")
    record(channel)

    with pytest.raises(DuplicateFact, match="#2"):
        record(channel)


def test_facts_that_differ_in_their_details_are_not_duplicates() -> None:
    channel = opened("2013-01-01")
    cadence(channel, "2023-08-28", Level.MINISTERIAL, 1)
    cadence(channel, "2023-08-28", Level.MINISTERIAL, 2)
    plan(channel, "2023-08-28", "2024-01/2024-06")
    plan(channel, "2023-08-28", "2024-01/2024-07")

    assert kinds(channel) == ["opened", "cadence", "cadence", "planned", "planned"]


# --- a refused command changes nothing -----------------------------------------------------------

REFUSALS: dict[str, Action] = {
    "meeting while suspended": lambda c: meet(c, "2022-09-01"),
    "duplicate": lambda c: suspend(c, "2022-08-05", by="CHN"),
    "before opening": lambda c: meet(c, "2012"),
    "out of order": lambda c: suspend(c, "2020-01-01"),
    "resumption while active": lambda c: resume(c, "2015-01-01"),
    "retract the opening": lambda c: retract(c, 1),
    "retract an unknown event": lambda c: retract(c, 99),
    "retract a needed suspension": lambda c: retract(c, 3),
}


@pytest.mark.parametrize("refusal", REFUSALS)
def test_a_refused_command_leaves_the_channels_events_and_version_unchanged(refusal: str) -> None:
    channel = opened("2013-01-01")
    meet(channel, "2021-01-01")
    suspend(channel, "2022-08-05", by="CHN")
    resume(channel, "2023-07-16")
    channel.collect_events()
    before = list(channel.events)

    with pytest.raises(DomainError):
        REFUSALS[refusal](channel)

    assert channel.events == before
    assert channel.version == 4
    assert list(channel.collect_events()) == []
    meet(channel, "2023-08-01")
    assert channel.events[-1].seq == 5


# --- retraction ----------------------------------------------------------------------------------


def test_the_state_ignores_a_retracted_event() -> None:
    channel = opened("2013-01-01")
    meet(channel, "2023-08-28")

    retract(channel, 2)

    retraction = channel.events[-1]
    assert isinstance(retraction, EventRetracted)
    assert retraction.retracted_seq == 2
    assert retraction.seq == 3
    state = channel.state(as_of=day("2024-01-01"))
    assert state is not None
    assert state.meetings == ()
    assert state.status is AGREED
    assert state.version == 3


def test_retracting_an_event_twice_is_refused() -> None:
    channel = opened("2013-01-01")
    meet(channel, "2023-08-28")
    retract(channel, 2)

    with pytest.raises(CannotRetract, match=r"#2.*already retracted"):
        retract(channel, 2)


def test_retracting_a_retraction_is_refused() -> None:
    channel = opened("2013-01-01")
    meet(channel, "2023-08-28")
    retract(channel, 2)

    with pytest.raises(CannotRetract, match=r"#3.*itself a retraction"):
        retract(channel, 3)


def test_retracting_the_opening_is_refused_and_suggests_a_conclusion() -> None:
    channel = opened("2013-01-01")

    with pytest.raises(CannotRetract) as refused:
        retract(channel, 1)

    assert "opening" in str(refused.value)
    assert "conclude" in str(refused.value)


@pytest.mark.parametrize("seq", [0, 3, 99])
def test_retracting_an_event_the_channel_does_not_have_is_refused(seq: int) -> None:
    channel = opened("2013-01-01")
    meet(channel, "2023-08-28")

    with pytest.raises(CannotRetract) as refused:
        retract(channel, seq)

    assert f"#{seq}" in str(refused.value)
    assert "#1 to #2" in str(refused.value)


def test_retracting_a_suspension_that_a_later_resumption_needs_is_refused() -> None:
    channel = opened("2013-01-01")
    meet(channel, "2014-01-01")
    suspend(channel, "2022-08-05")
    resume(channel, "2023-07-16")

    with pytest.raises(OnlySuspendedChannelCanBeResumed) as refused:
        retract(channel, 3)

    message = str(refused.value)
    assert "#3" in message
    assert "2022-08-05" in message
    assert "2023-07-16" in message
    assert_names_rule(refused.value)
    assert channel.version == 4


def test_retracting_a_resumption_that_a_later_meeting_needs_is_refused() -> None:
    channel = opened("2013-01-01")
    suspend(channel, "2022-08-05")
    resume(channel, "2023-07-16")
    meet(channel, "2023-08-01")

    with pytest.raises(MeetingNeedsAgreedOrActiveChannel, match="2023-08-01"):
        retract(channel, 3)


def test_retracting_the_agreement_of_a_channel_that_has_met_is_refused() -> None:
    channel = opened("2013-01-01", status=PROPOSED)
    agree(channel, "2014-01-01")
    meet(channel, "2014-05-01")

    with pytest.raises(MeetingNeedsAgreedOrActiveChannel, match="proposed"):
        retract(channel, 2)


def test_retracting_the_last_resumption_leaves_the_channel_suspended() -> None:
    channel = opened("2013-01-01")
    suspend(channel, "2022-08-05")
    resume(channel, "2023-07-16")

    retract(channel, 3)

    assert status_on(channel, "2024-01-01") is SUSPENDED


def test_after_retracting_a_fact_the_same_fact_can_be_recorded_again() -> None:
    channel = opened("2013-01-01")
    meet(channel, "2023-08-28", location="Beijing")
    retract(channel, 2)

    meet(channel, "2023-08-28", location="Beijing")

    assert kinds(channel) == ["opened", "meeting", "retracted", "meeting"]
    state = channel.state(as_of=day("2024-01-01"))
    assert state is not None
    assert [m.seq for m in state.meetings] == [4]


def test_a_refused_command_is_not_left_pending_for_saving() -> None:
    channel = opened("2013-01-01")
    meet(channel, "2023-08-28")

    with pytest.raises(DuplicateFact):
        meet(channel, "2023-08-28")

    pending = list(channel.collect_events())
    assert [type(e) for e in pending] == [MeetingHeld]


# --- only the parties of the channel ----------------------------------------------------------

NOT_A_PARTY: dict[str, Action] = {
    "suspended by": lambda c: suspend(c, "2022-08-05", by="JPN"),
    "lead": lambda c: c.hold_meeting(
        occurred=d("2023-09-01"), recorded=START, leads=[Lead.parse("JPN=Somebody")]
    ),
}


@pytest.mark.parametrize("role", NOT_A_PARTY)
def test_only_a_party_of_the_channel_can_suspend_it_or_lead_in_it(role: str) -> None:
    channel = opened("2013-01-01")

    with pytest.raises(OnlyPartiesOfTheChannel) as refused:
        NOT_A_PARTY[role](channel)

    message = str(refused.value)
    assert "JPN" in message
    assert "not a party" in message
    assert "USA" in message
    assert "CHN" in message
    assert kinds(channel) == ["opened"]


def test_a_lead_of_the_opening_must_be_a_party_of_the_channel() -> None:
    with pytest.raises(OnlyPartiesOfTheChannel, match="JPN"):
        Channel.open(
            slug="us-cn-commercial-wg",
            title="Commercial WG",
            parties=["US", "CN"],
            occurred=d("2023-08-28"),
            recorded=START,
            leads=[Lead.parse("JPN=Somebody")],
        )


def test_parties_may_be_named_by_their_alpha_3_codes() -> None:
    channel = opened("2013-01-01")

    plan(channel, "2023-08-28", "2024", host="USA")
    channel.hold_meeting(
        occurred=d("2023-09-01"), recorded=START, leads=[Lead.parse("CN=Wang Wentao")]
    )
    suspend(channel, "2024-08-05", by="CHN")

    state = channel.state(as_of=day("2024-12-31"))
    assert state is not None
    assert state.suspended_by == "CHN"
    assert state.planned[0].host == "USA"


def test_parties_may_be_named_by_their_alpha_2_codes_as_when_the_channel_was_opened() -> None:
    channel = opened("2013-01-01")  # opened with parties US and CN

    plan(channel, "2023-08-28", "2024", host="US")
    suspend(channel, "2024-08-05", by="CN")

    state = channel.state(as_of=day("2024-12-31"))
    assert state is not None
    assert state.suspended_by == "CHN"
    assert state.planned[0].host == "USA"


# --- opening -------------------------------------------------------------------------------------


def test_a_channel_opens_only_as_proposed_or_agreed() -> None:
    with pytest.raises(ValueError, match="proposed or agreed"):
        opened("2013-01-01", status=ACTIVE)


def test_a_channel_keeps_each_party_once() -> None:
    channel = Channel.open(
        slug="us-cn-commercial-wg",
        title="Commercial WG",
        parties=["US", "CN", "US"],
        occurred=d("2023-08-28"),
        recorded=START,
    )

    assert channel.opening.parties == ("USA", "CHN")


def test_a_party_given_by_its_alpha_2_and_its_alpha_3_code_is_one_party() -> None:
    channel = Channel.open(
        slug="us-cn-commercial-wg",
        title="Commercial WG",
        parties=["US", "USA", "CN"],
        occurred=d("2023-08-28"),
        recorded=START,
    )

    assert channel.opening.parties == ("USA", "CHN")
