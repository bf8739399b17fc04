"""What a channel looked like on a given day, as known at a given moment.

``as_of`` is valid time (facts that occurred by then); ``known_on`` is record time (facts recorded
by then). Cadences and planned meetings are judged as of the same day: a level's next meeting is
due one period after its last meeting (or after the cadence was agreed, or after the channel last
resumed, whichever is latest, each date counted by the latest day it could mean); a planned
meeting is overdue once its window has ended with no meeting held. Only agreed and active
channels can have anything overdue.

The rules of judgement (:func:`cadence_state`, :func:`planned_state`) are shared with the read
model, which answers the same questions for every channel at once from its own tables.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from tracker.domain.dates import FuzzyDate
from tracker.domain.events import ChannelEvent, ChannelOpened, Fact, MeetingHeld
from tracker.domain.plans import PlanTrack
from tracker.domain.timeline import EventKeys, StatusSpan, corrections, in_valid_time, walk
from tracker.domain.values import ChannelStatus, Lead, Level

T = TypeVar("T")

DAYS_PER_YEAR = 365
CAN_BE_OVERDUE = (ChannelStatus.AGREED, ChannelStatus.ACTIVE)
LEVEL_ORDER = {level: i for i, level in enumerate(Level)}


@dataclass(frozen=True)
class CadenceState:
    """An agreed rhythm at one level, and where it stands on the day asked about."""

    level: Level
    per_year: float
    agreed_on: FuzzyDate
    last_meeting: FuzzyDate | None
    next_due: dt.date | None  # None while the channel cannot owe a meeting (suspended …)
    overdue: bool
    days_late: int


@dataclass(frozen=True)
class PlannedState:
    """A meeting agreed for a window, and whether it has happened by the day asked about.

    ``window`` is the window in force (the latest a postponement gave it); ``agreed_window``
    the one first agreed; ``change`` the last change (postponed, cancelled) and ``changed_on``
    its date. A cancelled plan owes nothing."""

    seq: int
    agreed_on: FuzzyDate
    window: FuzzyDate
    level: Level | None
    host: str | None
    location: str | None
    held: FuzzyDate | None
    overdue: bool
    days_late: int
    window_over: bool
    agreed_window: FuzzyDate | None = None
    change: str | None = None
    changed_on: FuzzyDate | None = None
    postponements: int = 0
    # Still owed, whatever the day: overdue on any day after its window (plan_owes).
    owes: bool = False

    @property
    def cancelled(self) -> bool:
        return self.change == "cancelled"


@dataclass(frozen=True)
class ChannelSummary:
    """What the dashboard shows of a channel as of one day, as known at one moment."""

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
    meetings_held: int
    last_meeting: FuzzyDate | None
    cadences: tuple[CadenceState, ...]
    planned: tuple[PlannedState, ...]
    version: int
    as_of: dt.date
    known_on: dt.datetime | None
    # The kind of fact the status began with (a first meeting, a resumption …), and why a
    # suspended channel was suspended.
    since_by: str | None = None
    suspension_reason: str | None = None

    @property
    def overdue(self) -> bool:
        return any(c.overdue for c in self.cadences) or any(p.overdue for p in self.planned)


@dataclass(frozen=True)
class ChannelState(ChannelSummary):
    """The full state folded from a channel's events: the summary, its meetings and spans."""

    meetings: tuple[MeetingHeld, ...] = ()
    spans: tuple[StatusSpan, ...] = ()


def made(cls: type[T], fields: dict[str, Any]) -> T:
    """An instance of the frozen dataclass ``cls`` with ``fields`` (every one of its fields,
    by name), made without its ``__init__``: the same value, in a fifth of the time.

    A frozen dataclass's ``__init__`` sets each field through ``object.__setattr__``, and the
    summaries of every channel (a report, `overdue`, the calendar; and each version of a
    channel's row as the read model catches up) make about six of these values a channel.
    Its figure in `make bench` ("What each speed trick buys"): the summaries of 2,000 channels
    from the read model took 19 to 46% longer without it (four runs, 2026-12-04).
    """
    value = object.__new__(cls)
    vars(value).update(fields)
    return value


def next_due(base: dt.date, per_year: float) -> dt.date:
    """One period after ``base``: the day by which the next meeting is due."""
    # Round the period up: overdue is judged on the latest day, never earlier than promised.
    days = DAYS_PER_YEAR / per_year
    if not days < (dt.date.max - base).days:
        return dt.date.max  # due beyond the calendar: never overdue
    return base + dt.timedelta(days=math.ceil(days))


def days_late(due: dt.date | None, as_of: dt.date) -> int:
    """How many days after ``due`` the day ``as_of`` is: 0 on or before it, or when nothing is
    due. A meeting is overdue, and a window over, from the day after."""
    return (as_of - due).days if due is not None and as_of > due else 0


def plan_judged(window_end: dt.date, owes: bool, as_of: dt.date) -> tuple[bool, int, bool]:
    """A plan on the day ``as_of``: whether it is overdue, by how many days, and whether its
    window (ending on ``window_end``) is over; ``owes``: it is still owed (plan_owes)."""
    over = days_late(window_end, as_of)
    return owes and over > 0, over if owes else 0, over > 0


def plan_owes(
    *,
    window: FuzzyDate,
    held: FuzzyDate | None,
    change: str | None,
    can_be_overdue: bool,
    resumed: dt.date | None,
) -> bool:
    """Whether a planned meeting is still owed (overdue once its window is over): not held,
    not cancelled, by a channel that can owe a meeting, and not lapsed (its window ended
    before the channel last resumed: what was owed before a suspension is not owed after it;
    ``resumed`` is that day, the latest the resumption's date could mean)."""
    lapsed = resumed is not None and window.latest < resumed
    return can_be_overdue and held is None and change != "cancelled" and not lapsed


def cadence_state(
    *,
    level: Level,
    per_year: float,
    agreed_on: FuzzyDate,
    last_meeting: FuzzyDate | None,
    latest_base: dt.date,
    as_of: dt.date,
    can_be_overdue: bool,
) -> CadenceState:
    """Judge a cadence whose next meeting is due one period after ``latest_base``; a channel
    that cannot owe a meeting (suspended, concluded, proposed) has none due."""
    due = next_due(latest_base, per_year) if can_be_overdue else None
    late = days_late(due, as_of)
    return made(
        CadenceState,
        {
            "level": level,
            "per_year": per_year,
            "agreed_on": agreed_on,
            "last_meeting": last_meeting,
            "next_due": due,
            "overdue": late > 0,
            "days_late": late,
        },
    )


def planned_state(
    *,
    seq: int,
    agreed_on: FuzzyDate,
    window: FuzzyDate,
    level: Level | None,
    host: str | None,
    location: str | None,
    held: FuzzyDate | None,
    as_of: dt.date,
    can_be_overdue: bool,
    agreed_window: FuzzyDate | None = None,
    change: str | None = None,
    changed_on: FuzzyDate | None = None,
    postponements: int = 0,
    resumed: dt.date | None = None,
) -> PlannedState:
    """Judge a planned meeting: overdue once its window in force is over while it is still
    owed (plan_owes)."""
    owes = plan_owes(
        window=window, held=held, change=change, can_be_overdue=can_be_overdue, resumed=resumed
    )
    overdue, late, window_over = plan_judged(window.latest, owes, as_of)
    return made(
        PlannedState,
        {
            "seq": seq,
            "agreed_on": agreed_on,
            "window": window,
            "level": level,
            "host": host,
            "location": location,
            "held": held,
            "overdue": overdue,
            "days_late": late,
            "window_over": window_over,
            "agreed_window": agreed_window if agreed_window is not None else window,
            "change": change,
            "changed_on": changed_on,
            "postponements": postponements,
            "owes": owes,
        },
    )


def fold(
    events: Sequence[ChannelEvent],
    *,
    as_of: dt.date,
    known_on: dt.datetime | None = None,
) -> ChannelState | None:
    """The channel's state as of ``as_of``, from what was recorded by ``known_on``.

    None when the channel had not been opened by ``as_of`` (or not recorded by ``known_on``).
    """
    chosen, version = EventKeys.of(events).counted(as_of=as_of, known_on=known_on)
    facts = [_fact(events[p]) for p in chosen]
    opening = next((f for f in facts if isinstance(f, ChannelOpened)), None)
    if opening is None:
        return None
    state, _ = walk(in_valid_time(facts), corrections(events))
    assert state.status is not None
    assert state.since is not None
    can_be_overdue = state.status in CAN_BE_OVERDUE
    resumed = state.last_resumed.occurred if state.last_resumed else None
    meetings = state.meetings  # in valid time

    cadences = []
    for cadence in sorted(state.cadences.values(), key=lambda c: LEVEL_ORDER[c.level]):
        at_level = [
            m
            for m in meetings
            if m.level == cadence.level and m.occurred.earliest >= cadence.occurred.earliest
        ]
        # Each date counts by the latest day it could mean, so that learning of another
        # meeting can never bring the next one forward.
        bases = [cadence.occurred.latest, *(m.occurred.latest for m in at_level)]
        if resumed is not None:
            bases.append(resumed.latest)
        cadences.append(
            cadence_state(
                level=cadence.level,
                per_year=cadence.per_year,
                agreed_on=cadence.occurred,
                last_meeting=at_level[-1].occurred if at_level else None,
                latest_base=max(bases),
                as_of=as_of,
                can_be_overdue=can_be_overdue,
            )
        )
    resumed_day = resumed.latest if resumed is not None else None
    planned = [
        plan_state(track, as_of, can_be_overdue, resumed_day) for track in state.plans.values()
    ]
    profile = state.profile
    assert profile is not None
    suspension = state.suspension if state.status is ChannelStatus.SUSPENDED else None
    return ChannelState(
        slug=opening.slug,
        title=profile.title,
        parties=opening.parties,
        topics=profile.topics,
        level=profile.level,
        leads=profile.leads,
        follows=opening.follows,
        opened=opening.occurred,
        status=state.status,
        status_since=state.since,
        suspended_by=suspension.by if suspension else None,
        successor=state.conclusion.successor if state.conclusion else None,
        meetings_held=len(meetings),
        last_meeting=meetings[-1].occurred if meetings else None,
        cadences=tuple(cadences),
        planned=tuple(planned),
        version=version,
        as_of=as_of,
        known_on=known_on,
        meetings=tuple(meetings),
        spans=tuple(state.spans),
        since_by=state.spans[-1].by if state.spans else None,
        suspension_reason=suspension.reason if suspension else None,
    )


def plan_state(
    track: PlanTrack, as_of: dt.date, can_be_overdue: bool, resumed: dt.date | None = None
) -> PlannedState:
    """Judge a plan as the walk left it by the day."""
    plan, current = track.plan, track.current
    return planned_state(
        seq=plan.seq,
        agreed_on=plan.occurred,
        window=current.window,
        level=plan.level,
        host=plan.host,
        location=plan.location,
        held=track.held.occurred if track.held else None,
        as_of=as_of,
        can_be_overdue=can_be_overdue,
        agreed_window=plan.window,
        change=current.change,
        changed_on=current.valid_from if current.change else None,
        postponements=sum(v.change == "postponed" for v in track.versions),
        resumed=resumed,
    )


def _fact(event: ChannelEvent) -> Fact:
    assert isinstance(event, Fact)
    return event
