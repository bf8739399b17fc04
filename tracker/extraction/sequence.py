"""The proposals in an order that imports: each channel's facts by the day they happened.

A news article tells the news first and the background after ("held their first dialogue in
four years on Sunday. The dialogue had been suspended since 2010"), but `tracker import`
records a file from top to bottom and refuses a suspension that would put a meeting already
recorded in a suspended time. So the channels keep the order the article first speaks of
them in, each opened first, and each one's other facts follow by date (the article's order
between facts of one day; a meeting before a suspension of the same date: "halted after the
last meeting in 2016").

What the domain's lifecycle (its one state machine) would still refuse of a new channel, a
meeting while it stands suspended or a resumption of a channel the article never says was
suspended, is proposed as the article states it, with a note that says what is missing: the
article does not state the fact that would make it import, so none is made up.
"""

from __future__ import annotations

from tracker.domain.dates import FuzzyDate
from tracker.domain.lifecycle import Refusal, step
from tracker.domain.values import ChannelStatus
from tracker.extraction.openings import noted
from tracker.extraction.proposal import Kind, Proposal

# The lifecycle's kind of fact for each command that touches a channel's status.
_FACT: dict[Kind, str] = {
    "agree": "agreed",
    "meet": "meeting",
    "suspend": "suspended",
    "resume": "resumed",
    "conclude": "concluded",
}

NO_RESUMPTION = (
    "the article reports no resumption of the channel, suspended since {since}, before this "
    "meeting: add it (a resume entry before this one) or tracker import refuses the meeting"
)
NO_SUSPENSION = (
    "the article reports no suspension before this resumption: add it (a suspend entry before "
    "this one) or tracker import refuses the resumption"
)


def in_recording_order(proposals: list[Proposal]) -> list[Proposal]:
    """The proposals grouped by channel, in the order the article first speaks of each; a
    channel's opening first, then its facts by date."""
    channels: dict[str, list[Proposal]] = {}
    for proposal in proposals:
        channels.setdefault(proposal.slug, []).append(proposal)
    out: list[Proposal] = []
    for facts in channels.values():
        out.extend(_checked(sorted(facts, key=_when_recorded)))
    return out


def _when_recorded(proposal: Proposal) -> tuple[bool, object, object, int]:
    day = FuzzyDate.parse(proposal.on)
    return proposal.command != "open", day.earliest, day.latest, proposal.position


def _checked(facts: list[Proposal]) -> list[Proposal]:
    """A new channel's facts walked through the lifecycle: a meeting put before a suspension
    of its own date, and a note on what the lifecycle would refuse for want of a fact."""
    opening = facts[0] if facts and facts[0].command == "open" else None
    if opening is None:
        return facts  # a channel the store holds: its status is the store's to check
    status = ChannelStatus(opening.options.get("status", ChannelStatus.AGREED))
    before_suspension = status
    suspension: tuple[int, Proposal] | None = None  # where in out, and which
    out = [opening]
    for proposal in facts[1:]:
        kind = _FACT.get(proposal.command)
        found = step(kind, status, before_suspension) if kind else None
        if isinstance(found, Refusal) and kind == "meeting" and suspension is not None:
            at, suspended = suspension
            held = step(kind, before_suspension, before_suspension)
            if suspended.on == proposal.on and not isinstance(held, Refusal):
                # held before the suspension: the status it returns to is the meeting's
                out.insert(at, proposal)
                suspension = (at + 1, suspended)
                before_suspension = held.enters or before_suspension
                continue
            proposal.quote = noted(proposal.quote, NO_RESUMPTION.format(since=suspended.on))
        elif isinstance(found, Refusal) and kind == "resumed":
            proposal.quote = noted(proposal.quote, NO_SUSPENSION)
        out.append(proposal)
        if found is None or isinstance(found, Refusal):
            continue  # refused: the channel stays as it was, as the import would leave it
        if found.enters is ChannelStatus.SUSPENDED:
            suspension = (len(out) - 1, proposal)
        status, before_suspension = found.enters or status, found.before_suspension
    return out
