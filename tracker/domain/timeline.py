"""A channel's timeline in valid time, and the walk that applies its rules.

Facts are placed by the earliest day their ``occurred`` date could mean, not by when they were
recorded, so a 2016 meeting recorded after a 2023 resumption lands in 2016. The same walk both
checks the rules (for a command) and builds the state (for a report), so the two never disagree.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from tracker.domain import lifecycle
from tracker.domain.dates import FuzzyDate
from tracker.domain.events import (
    NOT_DETAILS,
    CadenceAgreed,
    ChannelAgreed,
    ChannelEvent,
    ChannelOpened,
    Concluded,
    EventRetracted,
    Fact,
    MeetingHeld,
    MeetingPlanned,
    Resumed,
    Suspended,
)
from tracker.domain.rules import NothingAfterConclusion, NothingBeforeOpening, RuleBroken
from tracker.domain.values import ChannelStatus, Level

_NOUNS = {
    ChannelOpened: "opening",
    ChannelAgreed: "agreement",
    CadenceAgreed: "cadence",
    MeetingPlanned: "planned meeting",
    MeetingHeld: "meeting",
    Suspended: "suspension",
    Resumed: "resumption",
    Concluded: "conclusion",
}


def describe(fact: Fact) -> str:
    """Name a fact the way an analyst would: 'the meeting of 2022-12-01'."""
    return f"the {_NOUNS.get(type(fact), fact.KIND)} of {fact.occurred}"


def live_facts(events: Iterable[ChannelEvent], known_on: dt.datetime | None = None) -> list[Fact]:
    """The facts that count: recorded by ``known_on`` (if given) and not retracted by then."""
    visible = [e for e in events if known_on is None or e.recorded <= known_on]
    retracted = {e.retracted_seq for e in visible if isinstance(e, EventRetracted)}
    return [e for e in visible if isinstance(e, Fact) and e.seq not in retracted]


_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_MICROSECOND = dt.timedelta(microseconds=1)


def micros(moment: dt.datetime) -> int:
    """A moment of record time as whole microseconds since 1970 UTC: ordered as the moments are."""
    return (moment - _EPOCH) // _MICROSECOND


class EventKeys:
    """What decides which of a channel's events count for a day and a moment, event by event in
    the order recorded: enough to choose them without reading them.

    ``seqs`` are the events' sequence numbers, ``earliest`` the earliest day each fact could
    mean as an ordinal (0 for a retraction, which is no fact), ``retracts`` maps the position of
    each retraction to the sequence number it retracts, and ``recorded`` gives each event's
    record time in :func:`micros` (worked out only when a moment is asked about).
    """

    __slots__ = ("_events", "_recorded", "earliest", "retracts", "seqs")

    def __init__(
        self,
        seqs: Sequence[int],
        earliest: Sequence[int],
        retracts: dict[int, int],
        recorded: Sequence[int] | None = None,
        events: Sequence[ChannelEvent] = (),
    ) -> None:
        self.seqs, self.earliest, self.retracts = seqs, earliest, retracts
        self._recorded, self._events = recorded, events

    @classmethod
    def of(cls, events: Sequence[ChannelEvent]) -> EventKeys:
        earliest: list[int] = []
        retracts: dict[int, int] = {}
        for position, event in enumerate(events):
            if isinstance(event, Fact):
                earliest.append(event.occurred.earliest.toordinal())
            else:
                earliest.append(0)
                if isinstance(event, EventRetracted):
                    retracts[position] = event.retracted_seq
        return cls([e.originator_version for e in events], earliest, retracts, events=events)

    def __len__(self) -> int:
        return len(self.seqs)

    def recorded(self) -> Sequence[int]:
        if self._recorded is None:
            self._recorded = [micros(e.recorded) for e in self._events]
        return self._recorded

    def counted(
        self, *, as_of: dt.date, known_on: dt.datetime | None = None
    ) -> tuple[list[int], int]:
        """The positions of the facts that count as of the day, as known at the moment (recorded
        by then, not retracted by then, occurred by then), and the version known at the moment.
        """
        seqs, earliest = self.seqs, self.earliest
        if known_on is None:
            seen: Sequence[int] = range(len(seqs))
            retracted = set(self.retracts.values())
            version = max(seqs, default=0)
        else:
            moment, recorded = micros(known_on), self.recorded()
            seen = [p for p, r in enumerate(recorded) if r <= moment]
            retracted = {s for p, s in self.retracts.items() if recorded[p] <= moment}
            version = max((seqs[p] for p in seen), default=0)
        day = as_of.toordinal()
        chosen = [p for p in seen if 0 < earliest[p] <= day and seqs[p] not in retracted]
        return chosen, version


def _valid_time_key(fact: Fact) -> tuple[dt.date, int, int]:
    # On the same day the opening comes first; otherwise the order they were recorded in.
    return (fact.occurred.earliest, 0 if isinstance(fact, ChannelOpened) else 1, fact.seq)


def in_valid_time(facts: Iterable[Fact]) -> list[Fact]:
    """Order facts by the earliest day each could mean."""
    return sorted(facts, key=_valid_time_key)


@dataclass(frozen=True)
class StatusSpan:
    """A stretch of valid time during which the channel had one status."""

    status: ChannelStatus
    since: FuzzyDate
    seq: int


@dataclass(frozen=True)
class Violation:
    """The first fact in a timeline that breaks a rule, and why."""

    fact: Fact
    rule: type[RuleBroken]
    why: str
    advice: str


@dataclass
class Walk:
    """The running state of a channel as its timeline is walked in valid time."""

    opened: ChannelOpened | None = None
    status: ChannelStatus | None = None
    since: FuzzyDate | None = None
    before_suspension: ChannelStatus = ChannelStatus.ACTIVE
    spans: list[StatusSpan] = field(default_factory=list)
    meetings: list[MeetingHeld] = field(default_factory=list)
    cadences: dict[Level, CadenceAgreed] = field(default_factory=dict)
    plans: list[MeetingPlanned] = field(default_factory=list)
    last_resumed: Resumed | None = None
    suspension: Suspended | None = None
    conclusion: Concluded | None = None

    def _enter(self, status: ChannelStatus, fact: Fact) -> None:
        self.status, self.since = status, fact.occurred
        self.spans.append(StatusSpan(status, fact.occurred, fact.seq))

    def step(self, fact: Fact) -> Violation | None:
        """Apply one fact; return the violation instead if the rules refuse it."""
        if isinstance(fact, ChannelOpened):
            self.opened = fact
            self._enter(fact.status, fact)
            return None
        opened = self.opened
        if opened is None:
            return None
        if self.status is None or fact.occurred.earliest < opened.occurred.earliest:
            return Violation(
                fact,
                NothingBeforeOpening,
                f"{describe(fact)} would fall before {opened.slug} was opened on {opened.occurred}",
                "check the date; a date that could mean an earlier day than the opening "
                "needs more precision",
            )
        if self.conclusion is not None:
            return Violation(
                fact,
                NothingAfterConclusion,
                f"{describe(fact)} would follow the conclusion of {opened.slug} on "
                f"{self.conclusion.occurred}",
                "retract the conclusion first if the channel did not end then",
            )
        return self._transition(fact, self.status)

    def _state(self, fact: Fact, status: ChannelStatus) -> str:
        """Where the channel stands when a fact is refused (written only when one is)."""
        name = self.opened.slug if self.opened else "the channel"
        return f"{name} is {status.value} on {fact.occurred} (since {self.since})"

    def _transition(self, fact: Fact, status: ChannelStatus) -> Violation | None:
        found = lifecycle.step(fact.KIND, status, self.before_suspension)
        if isinstance(found, lifecycle.Refusal):
            return Violation(fact, found.rule, self._state(fact, status), found.advice)
        # What the walk keeps of the fact, besides the status it leads to.
        if isinstance(fact, MeetingHeld):
            self.meetings.append(fact)
        elif isinstance(fact, CadenceAgreed):
            self.cadences[fact.level] = fact
        elif isinstance(fact, MeetingPlanned):
            self.plans.append(fact)
        elif isinstance(fact, Suspended):
            self.suspension = fact
        elif isinstance(fact, Resumed):
            self.last_resumed, self.suspension = fact, None
        elif isinstance(fact, Concluded):
            self.conclusion = fact
        self.before_suspension = found.before_suspension
        if found.enters is not None:
            self._enter(found.enters, fact)
        return None


def walk(timeline: Sequence[Fact]) -> tuple[Walk, Violation | None]:
    """Walk a valid-time-ordered timeline; stop at the first fact that breaks a rule."""
    # The opening is known up front so that a fact dated before it is caught, not skipped.
    state = Walk(opened=next((f for f in timeline if isinstance(f, ChannelOpened)), None))
    for fact in timeline:
        violation = state.step(fact)
        if violation is not None:
            return state, violation
    return state, None


def fact_key(fact: Fact) -> tuple[str, str, str]:
    """What makes two facts the same: kind, occurred date (as written) and details."""
    details = fact.model_dump_json(exclude=NOT_DETAILS, exclude_none=True)
    return (type(fact).__name__, str(fact.occurred), details)


class LiveTimeline:
    """A channel's live facts in valid time, the walk at their end, and what makes each unique.

    Recording a fact that falls after every other (the usual case) checks only that fact
    against the state at the end of the timeline; a backfilled fact re-walks the whole timeline.
    A fact's full key (a serialisation of its details) is only worked out when another live
    fact has the same kind and date as written, which is rare. The retracted facts are kept
    aside, so that an import can tell a fact it recorded before even if it was retracted since.
    """

    def __init__(self, events: Iterable[ChannelEvent]) -> None:
        events = events if isinstance(events, Sequence) else list(events)
        retracted = {e.retracted_seq for e in events if isinstance(e, EventRetracted)}
        self.facts = in_valid_time(
            e for e in events if isinstance(e, Fact) and e.seq not in retracted
        )
        self.state, _ = walk(self.facts)
        self._dated: dict[tuple[type[Fact], str], list[Fact]] = {}
        for fact in self.facts:
            self._dated.setdefault((type(fact), str(fact.occurred)), []).append(fact)
        # The facts retracted since they were recorded, by kind and date like the live ones.
        self._retracted: dict[tuple[type[Fact], str], list[Fact]] = {}
        if retracted:
            for event in events:
                if isinstance(event, Fact) and event.seq in retracted:
                    key = (type(event), str(event.occurred))
                    self._retracted.setdefault(key, []).append(event)
        self._last = _valid_time_key(self.facts[-1]) if self.facts else None

    def same_as(self, fact: Fact) -> int | None:
        """The sequence number of a live fact that is the same fact, if any."""
        return _same(self._dated, fact)

    def same_as_retracted(self, fact: Fact) -> int | None:
        """The sequence number of a retracted fact that was the same fact, if any."""
        return _same(self._retracted, fact)

    def add(self, fact: Fact) -> Violation | None:
        """Place the fact in valid time, or return the first rule the timeline would break."""
        key = _valid_time_key(fact)
        if self._last is None or key > self._last:
            violation = self.state.step(fact)  # step() changes nothing when it refuses
            if violation is None:
                self.facts.append(fact)
                self._last = key
        else:
            facts = list(self.facts)
            bisect.insort(facts, fact, key=_valid_time_key)
            state, violation = walk(facts)
            if violation is None:
                self.facts, self.state = facts, state
        if violation is None:
            self._dated.setdefault((type(fact), str(fact.occurred)), []).append(fact)
        return violation


def _same(dated: dict[tuple[type[Fact], str], list[Fact]], fact: Fact) -> int | None:
    others = dated.get((type(fact), str(fact.occurred)))
    if not others:
        return None
    key = fact_key(fact)
    # The latest of equal facts, should the store hold more than one.
    return next((other.seq for other in reversed(others) if fact_key(other) == key), None)
