"""How each command maps to the Channel aggregate: opening a new channel, or one of its command
methods on an existing one."""

from __future__ import annotations

import datetime as dt
from typing import Any
from uuid import UUID

from tracker.application.base import local_day
from tracker.application.changing import AmendChannel, CancelMeeting, CorrectFact, PostponeMeeting
from tracker.application.commands import (
    OPTION_NAMES,
    AgreeCadence,
    AgreeChannel,
    ChannelCommand,
    ConcludeChannel,
    HoldMeeting,
    OpenChannel,
    PlanMeeting,
    ResumeChannels,
    RetractEvent,
    SuspendChannels,
)
from tracker.application.errors import BadInput
from tracker.domain.channel import Channel
from tracker.domain.events import NOT_DETAILS, Fact
from tracker.domain.rules import NoSuchEntry
from tracker.domain.timeline import describe
from tracker.domain.values import CHANNEL_NAMESPACE


def opening(
    command: OpenChannel, recorded: dt.datetime, id_namespace: UUID = CHANNEL_NAMESPACE
) -> Channel:
    """A new channel, opened as the command says (not yet saved), its id in the store's
    namespace of ids (TrackerApplication.channel_id).

    Today is the day of the recording moment where the tracker runs (base.local_day): a fact
    dated after it has not happened yet."""
    return Channel.open(
        slug=command.slug,
        title=command.title,
        parties=command.parties,
        occurred=command.on,
        recorded=recorded,
        status=command.status,
        topics=command.topics,
        level=command.level,
        leads=command.leads,
        follows=command.follows,
        sources=command.sources,
        today=local_day(recorded),
        entry_id=command.id,
        id_namespace=id_namespace,
    )


def act(
    command: ChannelCommand,
    channel: Channel,
    recorded: dt.datetime,
    *,
    retracted_counts: bool = False,
    today: dt.date | None = None,
) -> None:
    """Ask the channel to record what the command says (the domain checks the rules).

    ``retracted_counts``: a fact recorded before and retracted since is a duplicate too (an
    import, which must add nothing the second time); otherwise it may be recorded again.
    ``today``: local_day(recorded), when the caller has it already (an import, whose entries
    are all recorded at one moment).
    """
    common: dict[str, Any] = {
        "occurred": command.on,
        "recorded": recorded,
        "sources": command.sources,
        "retracted_counts": retracted_counts,
        # Where the tracker runs: nothing after it has happened.
        "today": today or local_day(recorded),
        "entry_id": command.id,
    }
    match command:
        case AgreeChannel():
            channel.agree(**common)
        case AgreeCadence(level=level, per_year=per_year):
            channel.agree_cadence(level=level, per_year=per_year, **common)
        case PlanMeeting(window=window, level=level, host=host, location=location):
            channel.plan_meeting(window=window, level=level, host=host, location=location, **common)
        case HoldMeeting(level=level, location=location, leads=leads, summary=summary):
            channel.hold_meeting(
                level=level, location=location, leads=leads, summary=summary, **common
            )
        case SuspendChannels(by=by, reason=reason):
            channel.suspend(by=by, reason=reason, **common)
        case ResumeChannels(reason=reason):
            channel.resume(reason=reason, **common)
        case ConcludeChannel(reason=reason, successor=successor):
            channel.conclude(reason=reason, successor=successor, **common)
        case AmendChannel():
            channel.amend(
                title=command.title,
                leads=command.leads,
                drop_leads=command.drop_leads,
                topics=command.topics,
                level=command.level,
                **common,
            )
        case PostponeMeeting(window=window, reason=reason):
            channel.postpone(
                plan=seq_named(command, channel), window=window, reason=reason, **common
            )
        case CancelMeeting(reason=reason):
            channel.cancel(plan=seq_named(command, channel), reason=reason, **common)


def seq_named(
    command: PostponeMeeting | CancelMeeting | CorrectFact | RetractEvent, channel: Channel
) -> int:
    """The event a command names: by its number, or by the id of the entry that recorded it."""
    if command.seq is not None:
        return command.seq
    assert command.ref is not None
    found = channel.seq_of_entry(command.ref)
    if found is None:
        raise NoSuchEntry(
            f"{channel.slug} has no fact recorded by an entry of id {command.ref!r}; name the "
            "id of an earlier entry of this channel, or the event's number (seq)"
        )
    return found


def correct(command: CorrectFact, channel: Channel, recorded: dt.datetime) -> None:
    """Ask the channel to replace a fact with a corrected copy (options of another kind of
    fact are refused as bad input, naming the options the fact has)."""
    seq = seq_named(command, channel)
    changes = command.changes()
    target = next((e for e in channel.events if e.seq == seq), None)
    if isinstance(target, Fact):
        fields = set(type(target).model_fields) - NOT_DETAILS - {"slug", "plan_seq"} | {"occurred"}
        wrong = [name for name in changes if name not in fields]
        if wrong:
            have = sorted(OPTION_NAMES["on" if f == "occurred" else f] for f in fields)
            given = ", ".join(OPTION_NAMES.get(name, name) for name in wrong)
            raise BadInput(
                f"{describe(target)} (#{seq}) has no {given}; the options of tracker "
                f"{target.COMMAND} are {', '.join(have)}"
            )
    if not changes and not command.sources:
        raise BadInput(
            "give the options of the fact whose values are wrong, with the right values "
            "(e.g. --on 2024-03-02)"
        )
    channel.correct(
        seq=seq,
        changes=changes,
        recorded=recorded,
        sources=command.sources,
        reason=command.why,
        today=local_day(recorded),
        entry_id=command.id,
    )
