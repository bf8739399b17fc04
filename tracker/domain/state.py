"""What a channel looked like on a given day, as known at a given moment.

``as_of`` is valid time (facts that occurred by then); ``known_on`` is record time (facts recorded
by then). Cadences and planned meetings are judged as of the same day: a level's next meeting is
due one period after its last meeting (or after the cadence was agreed, or after the channel last
resumed, whichever is latest); a planned meeting is overdue once its window has ended with no
meeting held. Only agreed and active channels can have anything overdue.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from tracker.domain.dates import FuzzyDate
from tracker.domain.events import (
    CadenceAgreed,
    ChannelEvent,
    ChannelOpened,
    MeetingHeld,
    MeetingPlanned,
    Suspended,
)
from tracker.domain.timeline import StatusSpan, in_valid_time, live_facts, walk
from tracker.domain.values import ChannelStatus, Lead, Level

DAYS_PER_YEAR = 365
_CAN_BE_OVERDUE = (ChannelStatus.AGREED, ChannelStatus.ACTIVE)


@dataclass(frozen=True)
class CadenceState:
    """An agreed rhythm at one level, and where it stands on the day asked about."""

    level: Level
    per_year: float
    agreed_on: FuzzyDate
    last_meeting: FuzzyDate | None
    next_due: dt.date
    overdue: bool
    days_late: int


@dataclass(frozen=True)
class PlannedState:
    """A meeting agreed for a window, and whether it has happened by the day asked about."""

    seq: int
    agreed_on: FuzzyDate
    window: FuzzyDate
    level: Level | None
    host: str | None
    held: FuzzyDate | None
    overdue: bool
    days_late: int


@dataclass(frozen=True)
class ChannelState:
    """A channel's state as of one day, as known at one moment."""

    slug: str
    title: str
    parties: tuple[str, ...]
    topics: tuple[str, ...]
    level: Level | None
    leads: tuple[Lead, ...]
    follows: str | None
    opened: FuzzyDate
    status: ChannelStatus
    status_since: FuzzyDate
    suspended_by: str | None
    successor: str | None
    meetings: tuple[MeetingHeld, ...]
    cadences: tuple[CadenceState, ...]
    planned: tuple[PlannedState, ...]
    spans: tuple[StatusSpan, ...]
    version: int
    as_of: dt.date
    known_on: dt.datetime | None

    @property
    def last_meeting(self) -> MeetingHeld | None:
        return max(self.meetings, key=lambda m: m.occurred.earliest, default=None)

    @property
    def overdue(self) -> bool:
        return any(c.overdue for c in self.cadences) or any(p.overdue for p in self.planned)


def _after(base: dt.date, per_year: float) -> dt.date:
    # Round the period up: overdue is judged on the latest day, never earlier than promised.
    days = math.ceil(DAYS_PER_YEAR / per_year)
    if (dt.date.max - base).days < days:
        return dt.date.max  # due beyond the calendar: never overdue
    return base + dt.timedelta(days=days)


def _cadence(
    cadence: CadenceAgreed,
    meetings: list[MeetingHeld],
    resumed: FuzzyDate | None,
    as_of: dt.date,
    can_be_overdue: bool,
) -> CadenceState:
    at_level = [
        m
        for m in meetings
        if m.level == cadence.level and m.occurred.earliest >= cadence.occurred.earliest
    ]
    last = max((m.occurred for m in at_level), key=lambda d: d.earliest, default=None)
    # Each date counts by the latest day it could mean, so that learning of another meeting
    # can never bring the next one forward.
    bases = [cadence.occurred, *(m.occurred for m in at_level)]
    if resumed is not None:
        bases.append(resumed)
    next_due = _after(max(d.latest for d in bases), cadence.per_year)
    overdue = can_be_overdue and as_of > next_due
    return CadenceState(
        level=cadence.level,
        per_year=cadence.per_year,
        agreed_on=cadence.occurred,
        last_meeting=last,
        next_due=next_due,
        overdue=overdue,
        days_late=(as_of - next_due).days if overdue else 0,
    )


def _planned(
    plan: MeetingPlanned, meetings: list[MeetingHeld], as_of: dt.date, can_be_overdue: bool
) -> PlannedState:
    held = next(
        (
            m.occurred
            for m in meetings
            if m.occurred.earliest >= plan.window.earliest
            and (plan.level is None or m.level == plan.level)
        ),
        None,
    )
    overdue = can_be_overdue and held is None and as_of > plan.window.latest
    return PlannedState(
        seq=plan.seq,
        agreed_on=plan.occurred,
        window=plan.window,
        level=plan.level,
        host=plan.host,
        held=held,
        overdue=overdue,
        days_late=(as_of - plan.window.latest).days if overdue else 0,
    )


def fold(
    events: Iterable[ChannelEvent], *, as_of: dt.date, known_on: dt.datetime | None = None
) -> ChannelState | None:
    """The channel's state as of ``as_of``, from what was recorded by ``known_on``.

    None when the channel had not been opened by ``as_of`` (or not recorded by ``known_on``).
    """
    recorded = [e for e in events if known_on is None or e.recorded <= known_on]
    facts = [f for f in live_facts(recorded) if f.occurred.earliest <= as_of]
    opening = next((f for f in facts if isinstance(f, ChannelOpened)), None)
    if opening is None:
        return None
    state, _ = walk(in_valid_time(facts))
    assert state.status is not None
    assert state.since is not None
    can_be_overdue = state.status in _CAN_BE_OVERDUE
    resumed = state.last_resumed.occurred if state.last_resumed else None
    suspension: Suspended | None = state.suspension
    return ChannelState(
        slug=opening.slug,
        title=opening.title,
        parties=opening.parties,
        topics=opening.topics,
        level=opening.level,
        leads=opening.leads,
        follows=opening.follows,
        opened=opening.occurred,
        status=state.status,
        status_since=state.since,
        suspended_by=suspension.by if suspension else None,
        successor=state.conclusion.successor if state.conclusion else None,
        meetings=tuple(state.meetings),
        cadences=tuple(
            _cadence(c, state.meetings, resumed, as_of, can_be_overdue)
            for c in sorted(state.cadences.values(), key=lambda c: list(Level).index(c.level))
        ),
        planned=tuple(_planned(p, state.meetings, as_of, can_be_overdue) for p in state.plans),
        spans=tuple(state.spans),
        version=max((e.originator_version for e in recorded), default=0),
        as_of=as_of,
        known_on=known_on,
    )
