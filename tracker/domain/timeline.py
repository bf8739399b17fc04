"""A channel's timeline in valid time, and the walk that applies its rules.

Facts are placed by the earliest day their ``occurred`` date could mean, not by when they were
recorded, so a 2016 meeting recorded after a 2023 resumption lands in 2016. The same walk both
checks the rules (for a command) and builds the state (for a report), so the two never disagree.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from tracker.domain import lifecycle, plans
from tracker.domain.dates import FuzzyDate
from tracker.domain.events import (
    CadenceAgreed,
    ChannelAgreed,
    ChannelAmended,
    ChannelEvent,
    ChannelOpened,
    Concluded,
    EventRetracted,
    Fact,
    MeetingCancelled,
    MeetingHeld,
    MeetingPlanned,
    MeetingPostponed,
    Resumed,
    Suspended,
)
from tracker.domain.plans import PlanTrack, PlanVersion
from tracker.domain.profile import Profile
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
    ChannelAmended: "amendment",
    MeetingPostponed: "postponement",
    MeetingCancelled: "cancellation",
}


def describe(fact: Fact) -> str:
    """Name a fact the way an analyst would: 'the meeting of 2022-12-01'."""
    return f"the {_NOUNS.get(type(fact), fact.KIND)} of {fact.occurred}"


def live_facts(events: Iterable[ChannelEvent], known_on: dt.datetime | None = None) -> list[Fact]:
    """The facts that count: recorded by ``known_on`` (if given) and not retracted by then."""
    visible = [e for e in events if known_on is None or e.recorded <= known_on]
    retracted = {e.retracted_seq for e in visible if isinstance(e, EventRetracted)}
    return [e for e in visible if isinstance(e, Fact) and e.seq not in retracted]


def corrections(events: Iterable[ChannelEvent]) -> dict[int, int]:
    """Each fact corrected, by its sequence number: the corrected copy that replaced it."""
    return {e.corrects: e.seq for e in events if isinstance(e, Fact) and e.corrects is not None}


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


def valid_time_key(fact: Fact) -> tuple[dt.date, int, int]:
    # On the same day the opening comes first; otherwise the order they were recorded in.
    return (fact.occurred.earliest, 0 if isinstance(fact, ChannelOpened) else 1, fact.seq)


def in_valid_time(facts: Iterable[Fact]) -> list[Fact]:
    """Order facts by the earliest day each could mean."""
    return sorted(facts, key=valid_time_key)


@dataclass(frozen=True)
class StatusSpan:
    """A stretch of valid time during which the channel had one status."""

    status: ChannelStatus
    since: FuzzyDate
    seq: int
    by: str = "opened"  # the kind of fact that began it: a meeting, a resumption …


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
    plans: dict[int, PlanTrack] = field(default_factory=dict)  # by the plan's seq
    # Each corrected fact's copy, so that a change naming a corrected plan finds its copy.
    aliases: dict[int, int] = field(default_factory=dict)
    profile: Profile | None = None
    profiles: list[Profile] = field(default_factory=list)  # in valid time
    last_resumed: Resumed | None = None
    suspension: Suspended | None = None
    conclusion: Concluded | None = None

    def _enter(self, status: ChannelStatus, fact: Fact) -> None:
        self.status, self.since = status, fact.occurred
        self.spans.append(StatusSpan(status, fact.occurred, fact.seq, fact.KIND))

    def step(self, fact: Fact) -> Violation | None:
        """Apply one fact; return the violation instead if the rules refuse it."""
        if isinstance(fact, ChannelOpened):
            self.opened = fact
            self.profile = Profile.opened(fact)
            self.profiles.append(self.profile)
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
        track = None
        if isinstance(fact, MeetingPostponed | MeetingCancelled):
            track = self.plan(fact.plan_seq)
            refused = plans.refusal(fact, track)
            if refused is not None:
                return Violation(fact, *refused)
        self._keep(fact, track)
        self.before_suspension = found.before_suspension
        if found.enters is not None:
            self._enter(found.enters, fact)
        return None

    def _keep(self, fact: Fact, track: PlanTrack | None) -> None:
        """What the walk keeps of a fact it applies, besides the status it leads to."""
        if isinstance(fact, MeetingHeld):
            self.meetings.append(fact)
            for open_plan in self.plans.values():
                open_plan.meets(fact)
        elif isinstance(fact, CadenceAgreed):
            self.cadences[fact.level] = fact
        elif isinstance(fact, MeetingPlanned):
            track = self.plans[fact.seq] = PlanTrack(
                fact, [PlanVersion(fact.occurred, fact.window)]
            )
            self._settle_by_earlier(track)
        elif isinstance(fact, MeetingPostponed | MeetingCancelled):
            assert track is not None
            plans.apply_change(fact, track)
            self._settle_by_earlier(track)
        elif isinstance(fact, ChannelAmended):
            assert self.profile is not None
            self.profile = self.profile.amended(fact)
            self.profiles.append(self.profile)
        elif isinstance(fact, Suspended):
            self.suspension = fact
        elif isinstance(fact, Resumed):
            self.last_resumed, self.suspension = fact, None
        elif isinstance(fact, Concluded):
            self.conclusion = fact

    def plan(self, seq: int) -> PlanTrack | None:
        """The plan recorded as ``seq`` (or its corrected copy), if agreed by now."""
        chain = [seq]
        while chain[-1] in self.aliases and self.aliases[chain[-1]] not in chain:
            chain.append(self.aliases[chain[-1]])
        # The latest version the walk knows: a copy recorded later is not among its facts.
        return next((self.plans[s] for s in reversed(chain) if s in self.plans), None)

    def fork(self) -> Walk:
        """A copy to walk on that leaves this one as it is (what-if walks: straddles.py)."""
        return replace(
            self,
            spans=list(self.spans),
            meetings=list(self.meetings),
            cadences=dict(self.cadences),
            plans={seq: replace(t, versions=list(t.versions)) for seq, t in self.plans.items()},
            aliases=dict(self.aliases),
            profiles=list(self.profiles),
        )

    def _settle_by_earlier(self, track: PlanTrack) -> None:
        """A plan just agreed, or changed: the first meeting already walked that settles it
        (one held in its window in force, after it was agreed), if any."""
        for meeting in self.meetings:
            if track.meets(meeting):
                break


def begin(timeline: Sequence[Fact], aliases: Mapping[int, int] | None = None) -> Walk:
    """The state before the first fact of a walk of ``timeline`` (see :func:`walk`)."""
    # The opening is known up front so that a fact dated before it is caught, not skipped.
    return Walk(
        opened=next((f for f in timeline if isinstance(f, ChannelOpened)), None),
        aliases=corrections(timeline) if aliases is None else dict(aliases),
    )


def walk(
    timeline: Sequence[Fact], aliases: Mapping[int, int] | None = None
) -> tuple[Walk, Violation | None]:
    """Walk a valid-time-ordered timeline; stop at the first fact that breaks a rule.

    ``aliases`` map each corrected fact to its copy (:func:`corrections` of every event);
    without them, those of the timeline's own facts."""
    state = begin(timeline, aliases)
    for fact in timeline:
        violation = state.step(fact)
        if violation is not None:
            return state, violation
    return state, None
