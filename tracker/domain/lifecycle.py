"""A channel's lifecycle: which kind of fact may happen in which status, and what it leads to.

    proposed --agreed--> agreed --meeting--> active <--suspended/resumed--> suspended
                    any of them --concluded--> concluded

This table is the one place that decides a status transition. The valid-time walk of the
domain (timeline.py) applies it to check the rules and build a channel's state; the read model
applies the same table to the facts it projects. A new kind of fact is one entry here.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Literal

from tracker.domain.rules import (
    MeetingNeedsAgreedOrActiveChannel,
    NothingAfterConclusion,
    OnlyAgreedOrActiveChannelCanBeSuspended,
    OnlyProposedChannelCanBeAgreed,
    OnlySuspendedChannelCanBeResumed,
    RuleBroken,
)
from tracker.domain.values import ChannelStatus

PROPOSED, AGREED, ACTIVE, SUSPENDED, CONCLUDED = (
    ChannelStatus.PROPOSED,
    ChannelStatus.AGREED,
    ChannelStatus.ACTIVE,
    ChannelStatus.SUSPENDED,
    ChannelStatus.CONCLUDED,
)
WORKING = frozenset({AGREED, ACTIVE})
EVERY = frozenset(ChannelStatus)

# What a fact leads to: a status, "back" to the status held before the suspension, "active"
# only from agreed (a first meeting), or nothing.
Leads = ChannelStatus | Literal["back", "active-if-agreed"] | None


@dataclass(frozen=True)
class Transition:
    """What a kind of fact may follow, and what it leads to."""

    allowed: frozenset[ChannelStatus]
    leads_to: Leads
    rule: type[RuleBroken] | None = None  # the rule a fact breaks in another status
    advice: str = "check the date"
    # Advice for particular statuses the fact may not follow.
    advice_in: tuple[tuple[ChannelStatus, str], ...] = ()
    detail: str | None = None  # the field of the fact that the status it enters keeps

    def advice_for(self, status: ChannelStatus) -> str:
        return dict(self.advice_in).get(status, self.advice)


TRANSITIONS: dict[str, Transition] = {
    "agreed": Transition(
        frozenset({PROPOSED}),
        AGREED,
        OnlyProposedChannelCanBeAgreed,
        "check the date or the channel",
    ),
    "meeting": Transition(
        WORKING,
        "active-if-agreed",
        MeetingNeedsAgreedOrActiveChannel,
        advice_in=(
            (PROPOSED, "record its agreement first (tracker agree)"),
            (SUSPENDED, "record its resumption first (tracker resume), or check the date"),
        ),
    ),
    "suspended": Transition(
        WORKING,
        SUSPENDED,
        OnlyAgreedOrActiveChannelCanBeSuspended,
        "check the date; a suspended channel must be resumed before it can be suspended again",
        advice_in=((PROPOSED, "record its agreement first (tracker agree), or check the date"),),
        detail="by",
    ),
    "resumed": Transition(
        frozenset({SUSPENDED}),
        "back",
        OnlySuspendedChannelCanBeResumed,
        "record the suspension first (tracker suspend), or check the date",
    ),
    "concluded": Transition(EVERY - {CONCLUDED}, CONCLUDED, detail="successor"),
    "cadence": Transition(EVERY - {CONCLUDED}, None),
    "planned": Transition(EVERY - {CONCLUDED}, None),
    "postponed": Transition(EVERY - {CONCLUDED}, None),
    "cancelled": Transition(EVERY - {CONCLUDED}, None),
    "amended": Transition(EVERY - {CONCLUDED}, None),
}


@dataclass(frozen=True)
class Step:
    """A fact applied: the status it leaves the channel in (None: unchanged) and the status a
    resumption returns to."""

    enters: ChannelStatus | None
    before_suspension: ChannelStatus


@dataclass(frozen=True)
class Refusal:
    """A fact that may not follow the channel's status."""

    rule: type[RuleBroken]
    advice: str


def step(kind: str, status: ChannelStatus, before_suspension: ChannelStatus) -> Step | Refusal:
    """Apply a fact of ``kind`` to a channel in ``status``."""
    if status is CONCLUDED:
        return Refusal(NothingAfterConclusion, "retract the conclusion first if it did not end")
    transition = TRANSITIONS.get(kind)  # None: a kind that does not touch the status
    if transition is not None and status not in transition.allowed:
        assert transition.rule is not None
        return Refusal(transition.rule, transition.advice_for(status))
    leads = transition.leads_to if transition is not None else None
    if leads == "back":
        enters: ChannelStatus | None = before_suspension
    elif leads == "active-if-agreed":
        enters = ACTIVE if status is AGREED else None
    else:
        enters = leads if isinstance(leads, ChannelStatus) else None
    return Step(enters, status if enters is SUSPENDED else before_suspension)


def detail_of(kind: str) -> str | None:
    """The field of a fact of ``kind`` that the status it enters keeps (who suspended, the
    successor), if any."""
    transition = TRANSITIONS.get(kind)
    return transition.detail if transition else None


@cache
def step_by_value(kind: str, status: str, before_suspension: str) -> tuple[str | None, str] | None:
    """:func:`step` for statuses given by their values, as the read model stores them: the
    value of the status the fact enters (None: unchanged) and of the status a resumption
    returns to; None where the fact may not follow the status.

    The read model's projector asks this for every fact it projects. Answered once for each
    kind of fact and pair of statuses (a few dozen): its figure in `make bench` ("What each
    speed trick buys"), the read-model catch-up."""
    found = step(kind, ChannelStatus(status), ChannelStatus(before_suspension))
    if isinstance(found, Refusal):
        return None
    enters = None if found.enters is None else found.enters.value
    return enters, found.before_suspension.value
