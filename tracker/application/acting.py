"""How each command on an existing channel maps to the Channel aggregate's command method."""

from __future__ import annotations

import datetime as dt

from tracker.application.commands import (
    AgreeCadence,
    AgreeChannel,
    ChannelCommand,
    ConcludeChannel,
    HoldMeeting,
    PlanMeeting,
    ResumeChannels,
    SuspendChannels,
)
from tracker.domain.channel import Channel


def act(command: ChannelCommand, channel: Channel, recorded: dt.datetime) -> None:
    """Ask the channel to record what the command says (the domain checks the rules)."""
    on, sources = command.on, command.sources
    match command:
        case AgreeChannel():
            channel.agree(occurred=on, recorded=recorded, sources=sources)
        case AgreeCadence(level=level, per_year=per_year):
            channel.agree_cadence(
                level=level, per_year=per_year, occurred=on, recorded=recorded, sources=sources
            )
        case PlanMeeting(window=window, level=level, host=host):
            channel.plan_meeting(
                window=window,
                level=level,
                host=host,
                occurred=on,
                recorded=recorded,
                sources=sources,
            )
        case HoldMeeting(level=level, location=location, leads=leads, summary=summary):
            channel.hold_meeting(
                level=level,
                location=location,
                leads=leads,
                summary=summary,
                occurred=on,
                recorded=recorded,
                sources=sources,
            )
        case SuspendChannels(by=by, reason=reason):
            channel.suspend(by=by, reason=reason, occurred=on, recorded=recorded, sources=sources)
        case ResumeChannels(reason=reason):
            channel.resume(reason=reason, occurred=on, recorded=recorded, sources=sources)
        case ConcludeChannel(reason=reason, successor=successor):
            channel.conclude(
                reason=reason,
                successor=successor,
                occurred=on,
                recorded=recorded,
                sources=sources,
            )
