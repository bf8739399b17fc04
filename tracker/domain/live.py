"""A channel's live facts as commands record them: the walk at their end, kept up to date.

Recording a fact that falls after every other (the usual case) steps only that fact; a
backfilled fact re-walks the whole timeline (timeline.py holds the walk and its rules).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable, Sequence

from tracker.domain.events import NOT_DETAILS, ChannelEvent, EventRetracted, Fact
from tracker.domain.timeline import (
    Violation,
    corrections,
    in_valid_time,
    valid_time_key,
    walk,
)


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
        self.aliases = corrections(events)
        self.state, _ = walk(self.facts, self.aliases)
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
        self._last = valid_time_key(self.facts[-1]) if self.facts else None

    def same_as(self, fact: Fact) -> int | None:
        """The sequence number of a live fact that is the same fact, if any."""
        return _same(self._dated, fact)

    def same_as_retracted(self, fact: Fact) -> int | None:
        """The sequence number of a retracted fact that was the same fact, if any."""
        return _same(self._retracted, fact)

    def add(self, fact: Fact) -> Violation | None:
        """Place the fact in valid time, or return the first rule the timeline would break."""
        key = valid_time_key(fact)
        if self._last is None or key > self._last:
            violation = self.state.step(fact)  # step() changes nothing when it refuses
            if violation is None:
                self.facts.append(fact)
                self._last = key
        else:
            facts = list(self.facts)
            bisect.insort(facts, fact, key=valid_time_key)
            state, violation = walk(facts, self.aliases)
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


def same_content(
    recorded: Fact, given: Fact, same_plan: Callable[[int, int], bool] | None = None
) -> bool:
    """Whether two facts say the same: date as written, details and sources. A change of a
    plan names the same plan by its corrected copy too (``same_plan`` tells)."""
    was, now = recorded.details(), given.details()
    plans = was.pop("plan_seq", None), now.pop("plan_seq", None)
    if plans != (None, None) and not (plans[0] == plans[1] or (same_plan and same_plan(*plans))):
        return False
    return (
        str(recorded.occurred) == str(given.occurred)
        and was == now
        and sources_of(recorded) == sources_of(given)
    )


def sources_of(fact: Fact) -> list[dict[str, object]]:
    """A fact's sources as values: a source as given (GivenSource) equals the one recorded."""
    return [source.model_dump() for source in fact.sources]
