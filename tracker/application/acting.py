"""How each command maps to the Channel aggregate: opening a new channel, or one of its command
methods on an existing one."""

from __future__ import annotations

import datetime as dt
from typing import Any

from tracker.application.commands import (
    AgreeCadence,
    AgreeChannel,
    ChannelCommand,
    ConcludeChannel,
    HoldMeeting,
    OpenChannel,
    PlanMeeting,
    ResumeChannels,
    SuspendChannels,
)
from tracker.domain.channel import Channel


def opening(command: OpenChannel, recorded: dt.datetime) -> Channel:
    """A new channel, opened as the command says (not yet saved).

    Today is the day of record time (UTC): a fact dated after it has not happened yet."""
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
        today=recorded.date(),
    )


def act(
    command: ChannelCommand,
    channel: Channel,
    recorded: dt.datetime,
    *,
    retracted_counts: bool = False,
) -> None:
    """Ask the channel to record what the command says (the domain checks the rules).

    ``retracted_counts``: a fact recorded before and retracted since is a duplicate too (an
    import, which must add nothing the second time); otherwise it may be recorded again.
    """
    common: dict[str, Any] = {
        "occurred": command.on,
        "recorded": recorded,
        "sources": command.sources,
        "retracted_counts": retracted_counts,
        "today": recorded.date(),  # of the application's clock: nothing after it has happened
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
