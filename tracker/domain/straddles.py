"""Advice for a refusal that a fuzzy date causes: the facts it straddles are recorded already.

Rules are checked on the earliest day a date could mean. A meeting dated "2023-11" on a channel
resumed on 2023-11-15 is checked on 2023-11-01, when the channel was still suspended: refusing
it is right, but "record its resumption first" is not, as the resumption is recorded. What
helps is a more precise date: for the fact refused, a day on which it keeps every rule; or for
an earlier fact whose own fuzzy date could mean a day after it ("suspended 2022-02" and a
meeting "2022-02": the meeting may have come first).

Each advice is tried on the whole timeline before it is given, so it never names a date that
would be refused in turn. It is worked out only for a refusal: the timeline is walked once, and
each try walks on from where it departs from it, TRIES times at most. Past them (a date of a
year among hundreds of facts), the rule's own advice stands.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterable, Mapping, Sequence

from tracker.domain import lifecycle
from tracker.domain.dates import FuzzyDate
from tracker.domain.events import ChannelOpened, Fact, MeetingPlanned
from tracker.domain.timeline import Walk, begin, describe, valid_time_key

TRIES = 8  # changed timelines that one refusal's advice may walk, at most


class _Trials:
    """What-if walks of a timeline: its facts stepped once, in order, and each changed timeline
    walked on from a copy of the state where it departs from it."""

    def __init__(self, timeline: Sequence[Fact], aliases: Mapping[int, int]) -> None:
        self.timeline, self.aliases, self.left = timeline, aliases, TRIES
        self._start()

    def _start(self) -> None:
        self.state: Walk | None = begin(self.timeline, self.aliases)
        self.stepped = 0

    def at(self, position: int) -> Walk | None:
        """The state after the first ``position`` facts (None: they break a rule already)."""
        if position < self.stepped:
            self._start()
        while self.state is not None and self.stepped < position:
            if self.state.step(self.timeline[self.stepped]) is not None:
                self.state = None
            self.stepped += 1
        return self.state

    def keep_the_rules(self, position: int, facts: Iterable[Fact]) -> bool:
        """Whether the first ``position`` facts of the timeline, then ``facts``, keep every
        rule."""
        state = self.at(position)
        if state is None or not self.left:
            return False
        self.left -= 1
        trial = state.fork()
        return all(trial.step(fact) is None for fact in facts)


def advice(
    timeline: Sequence[Fact], fact: Fact, aliases: Mapping[int, int], slug: str
) -> str | None:
    """What to do when recording ``fact`` on ``timeline`` (the live facts in valid time,
    without it) breaks a rule only because a fuzzy date straddles a fact recorded already;
    None when no date more precise is found to keep the rules."""
    if isinstance(fact, ChannelOpened):
        return None
    trials = _Trials(timeline, aliases)
    return _later_day(timeline, fact, trials) or _earlier_fact_later(timeline, fact, trials, slug)


def _later_day(timeline: Sequence[Fact], fact: Fact, trials: _Trials) -> str | None:
    """The first fact the date of ``fact`` could mean a day of (or after) on whose day ``fact``
    keeps every rule: "2023-11" and a resumption on 2023-11-15."""
    key, earliest, latest = valid_time_key(fact), fact.occurred.earliest, fact.occurred.latest
    named: dict[dt.date, Fact] = {}  # each later day the date could mean: its first fact
    for other in timeline[bisect.bisect(timeline, key, key=valid_time_key) :]:
        day = other.occurred.earliest
        if day > latest:
            break
        if day > earliest:
            named.setdefault(day, other)
    for day, other in named.items():
        # After every fact of that day, as a fact recorded last is.
        position = bisect.bisect(timeline, (day, 1, fact.seq), key=valid_time_key)
        state = trials.at(position)
        if state is None or not trials.left:
            break
        if not _may_follow(fact, state):
            continue  # the status at the end of that day refuses it: no need to walk on
        moved = fact.model_copy(update={"occurred": FuzzyDate.of(other.occurred.earliest)})
        if trials.keep_the_rules(position, [moved, *timeline[position:]]):
            return (
                f"the date {fact.occurred} could mean a day before {describe(other)}: give a "
                f"more precise date (e.g. {other.occurred.earliest_iso} or later), or check "
                "the date"
            )
    return None


def _may_follow(fact: Fact, state: Walk) -> bool:
    """Whether the channel's status in ``state`` lets a fact of this kind follow."""
    if state.status is None:
        return False
    found = lifecycle.step(fact.KIND, state.status, state.before_suspension)
    return not isinstance(found, lifecycle.Refusal)


def _earlier_fact_later(
    timeline: Sequence[Fact], fact: Fact, trials: _Trials, slug: str
) -> str | None:
    """The nearest fact before ``fact`` whose own fuzzy date could mean a day after it, and
    after ``fact`` keeps every rule: a suspension "2022-02" and a meeting "2022-02"."""
    earliest = fact.occurred.earliest
    place = bisect.bisect(timeline, valid_time_key(fact), key=valid_time_key)
    nearest = [
        position
        for position in reversed(range(place))
        if timeline[position].occurred.latest > earliest and _may_be_why(timeline[position])
    ][: trials.left]
    kept = [  # walked in the order of the timeline, which walks it once
        position
        for position in sorted(nearest)
        if trials.keep_the_rules(
            position,
            [*timeline[position + 1 : place], fact, timeline[position], *timeline[place:]],
        )
    ]
    if not kept:
        return None
    other = timeline[kept[-1]]
    return (
        f"{describe(other)} (#{other.seq}) could mean a day after {describe(fact)}: if it "
        f"does, give it a more precise date (tracker correct {slug} {other.seq} --on DAY), or "
        "check the date"
    )


def _may_be_why(fact: Fact) -> bool:
    """Whether a fact could be why a later one is refused: it may change the channel's status,
    or it is a plan (that a postponement or cancellation names)."""
    if isinstance(fact, ChannelOpened):
        return False
    transition = lifecycle.TRANSITIONS.get(fact.KIND)
    return isinstance(fact, MeetingPlanned) or (
        transition is not None and transition.leads_to is not None
    )
