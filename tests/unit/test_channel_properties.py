"""Properties of the Channel aggregate under random commands.

A channel kept in memory across many commands (as an import does) must decide exactly as one
rebuilt from its stored events before every command (as each CLI command does).
"""

from __future__ import annotations

import datetime as dt

from hypothesis import example, given, settings
from hypothesis import strategies as st

from tests.unit.builders import Clock, d
from tests.unit.strategies import Op, command_lists, openings
from tracker.application.commands import OpenChannel
from tracker.domain.channel import Channel, project_channel
from tracker.domain.rules import DomainError
from tracker.domain.values import InvalidValue


def open_channel(command: OpenChannel, recorded: dt.datetime) -> Channel:
    channel = Channel.open(
        slug=command.slug,
        title=command.title,
        parties=command.parties,
        occurred=command.on,
        recorded=recorded,
        status=command.status,
        level=command.level,
    )
    channel.collect_events()
    return channel


def act(channel: Channel, op: Op, recorded: dt.datetime) -> str | None:
    """Carry out one operation; the name of the error class if the channel refused it."""
    kind = op[0]
    try:
        match kind:
            case "agree":
                channel.agree(occurred=d(op[1]), recorded=recorded)
            case "cadence":
                channel.agree_cadence(
                    occurred=d(op[1]), level=op[2], per_year=op[3], recorded=recorded
                )
            case "plan":
                channel.plan_meeting(
                    occurred=d(op[1]), window=d(op[2]), level=op[3], recorded=recorded
                )
            case "meet":
                channel.hold_meeting(
                    occurred=d(op[1]), level=op[2], location=op[3], recorded=recorded
                )
            case "suspend":
                channel.suspend(occurred=d(op[1]), by=op[2], recorded=recorded)
            case "resume":
                channel.resume(occurred=d(op[1]), recorded=recorded)
            case "conclude":
                channel.conclude(occurred=d(op[1]), recorded=recorded)
            case "postpone":
                plan = 1 + op[2] % channel.version
                channel.postpone(plan=plan, occurred=d(op[1]), window=d(op[3]), recorded=recorded)
            case "cancel":
                channel.cancel(
                    plan=1 + op[2] % channel.version, occurred=d(op[1]), recorded=recorded
                )
            case "amend":
                channel.amend(occurred=d(op[1]), title=op[2], level=op[3], recorded=recorded)
            case "correct":
                seq = 1 + op[1] % channel.version
                channel.correct(seq=seq, changes={"occurred": d(op[2])}, recorded=recorded)
            case "retract":
                seq = 1 + op[1] % channel.version
                channel.retract(seq=seq, reason="recorded by mistake", recorded=recorded)
            case _:
                raise AssertionError(f"an operation these tests do not know: {op}")
    except (DomainError, InvalidValue) as refused:
        return type(refused).__name__
    return None


@settings(max_examples=60, deadline=None)
@given(
    opening=openings, ops=command_lists, as_of=st.dates(dt.date(2012, 1, 1), dt.date(2030, 1, 1))
)
@example(  # a suspension backfilled before a plan must be known to the commands that follow
    opening=OpenChannel(slug="a-b", title="A–B", parties=("US", "CN"), on="2013-01-01"),
    ops=[
        ("plan", "2023-01-01", "2024", None),
        ("suspend", "2020-01-01", None),
        ("meet", "2024-06-01", None, None),
        ("resume", "2024-01-01"),
        ("resume", "2024-01-01"),
    ],
    as_of=dt.date(2024, 12, 31),
)
def test_a_channel_kept_in_memory_decides_like_one_rebuilt_from_its_events_for_each_command(
    opening: OpenChannel, ops: list[Op], as_of: dt.date
) -> None:
    clock = Clock()
    kept = open_channel(opening, clock())
    stored = list(kept.events)

    for op in ops:
        recorded = clock()
        rebuilt = project_channel(None, stored)
        assert rebuilt is not None
        expected = act(rebuilt, op, recorded)

        assert act(kept, op, recorded) == expected, op
        assert kept.events == rebuilt.events
        assert list(kept.collect_events()) == list(rebuilt.collect_events())
        stored = list(rebuilt.events)

    rebuilt = project_channel(None, stored)
    assert rebuilt is not None
    assert kept.state(as_of=as_of) == rebuilt.state(as_of=as_of)


@settings(max_examples=60, deadline=None)
@given(opening=openings, ops=command_lists)
def test_a_refused_command_leaves_the_channel_as_it_was(
    opening: OpenChannel, ops: list[Op]
) -> None:
    clock = Clock()
    channel = open_channel(opening, clock())

    for op in ops:
        before = list(channel.events)
        state_before = channel.state(as_of=dt.date(2030, 1, 1))

        refused = act(channel, op, clock())

        pending = [e.seq for e in channel.collect_events()]
        if refused:
            assert channel.events == before
            assert channel.state(as_of=dt.date(2030, 1, 1)) == state_before
            assert pending == []
        else:
            added = 2 if op[0] == "correct" else 1  # a correction: its copy and a retraction
            assert channel.events[:-added] == before
            assert pending == list(range(len(before) + 1, channel.version + 1))
            assert len(pending) == added
