"""What every channel command stands on: a channel's events, the library's aggregate protocol,
reading its live timeline, and recording, retracting and correcting a fact.

The commands that record each kind of fact are the Channel's own (channel.py).
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from tracker.domain import correction, refusals
from tracker.domain.dates import FuzzyDate
from tracker.domain.events import ChannelEvent, ChannelOpened, EventRetracted, Fact
from tracker.domain.live import LiveTimeline, same_content
from tracker.domain.rules import DuplicateFact
from tracker.domain.state import ChannelState, fold
from tracker.domain.timeline import describe, walk
from tracker.domain.values import Level, Source, party_code


class ChannelRecord:
    """A channel's events, in the order recorded, and what every command of it shares."""

    def __init__(self, events: Sequence[ChannelEvent]) -> None:
        """A channel from its recorded events (its opening first), or a snapshot's."""
        opening = events[0]
        assert isinstance(opening, ChannelOpened)
        self._id = opening.originator_id
        self._events: list[ChannelEvent] = list(events)
        # The opening in force: a corrected opening replaces the first (none can be retracted).
        self._opening = next(e for e in reversed(self._events) if isinstance(e, ChannelOpened))
        self._pending: list[ChannelEvent] = []
        self._live: LiveTimeline | None = None

    @property
    def events(self) -> list[ChannelEvent]:
        """Every event recorded, in the order recorded."""
        return self._events

    # --- the event-sourcing library's aggregate protocol -------------------------------------

    @property
    def id(self) -> uuid.UUID:
        return self._id

    @property
    def version(self) -> int:
        return self._events[-1].originator_version

    def collect_events(self) -> Sequence[ChannelEvent]:
        """Hand over the events recorded since the channel was loaded (for saving)."""
        pending, self._pending = self._pending, []
        return pending

    def apply(self, event: ChannelEvent) -> None:
        """Add a recorded event (on rebuild)."""
        self._events.append(event)
        if isinstance(event, ChannelOpened):
            self._opening = event
        self._live = None

    @property
    def live(self) -> LiveTimeline:
        """The live facts in valid time, kept up to date as commands record (built on demand)."""
        if self._live is None:
            self._live = LiveTimeline(self.events)
        return self._live

    # --- reading -----------------------------------------------------------------------------

    @property
    def opening(self) -> ChannelOpened:
        """The opening in force: the first event, or its corrected copy."""
        return self._opening

    @property
    def slug(self) -> str:
        return self.opening.slug

    @property
    def level(self) -> Level | None:
        return self.opening.level

    def level_on(self, day: FuzzyDate) -> Level | None:
        """The channel's own level on a day: as opened, or as an amendment made it since."""
        profiles = self.live.state.profiles
        found = [p for p in profiles if p.since.earliest <= day.earliest]
        return found[-1].level if found else self.level

    def state(self, *, as_of: dt.date, known_on: dt.datetime | None = None) -> ChannelState | None:
        """The state as of a day (valid time), as known at a moment (record time)."""
        return fold(self._events, as_of=as_of, known_on=known_on)

    def seq_of_entry(self, entry_id: str) -> int | None:
        """The live fact an import entry of this id recorded (its latest corrected copy)."""
        retracted = self.retracted()
        return next(
            (
                e.seq
                for e in reversed(self.events)
                if e.entry_id == entry_id and isinstance(e, Fact) and e.seq not in retracted
            ),
            None,
        )

    def retracted(self) -> dict[int, EventRetracted]:
        """The retractions recorded, by the sequence number of the event each retracts."""
        return {e.retracted_seq: e for e in self.events if isinstance(e, EventRetracted)}

    def correct(
        self,
        *,
        seq: int,
        changes: dict[str, Any],
        recorded: dt.datetime,
        sources: Iterable[Source] = (),
        reason: str | None = None,
        today: dt.date | None = None,
        entry_id: str | None = None,
    ) -> None:
        """Record a corrected copy of fact ``seq`` and retract the original, in one step.

        The copy keeps the original's entry id (an import's id names the fact, whichever its
        version); ``entry_id``, the id of an import's correct entry, goes on the retraction."""
        if entry_id is not None and any(
            isinstance(e, EventRetracted) and e.entry_id == entry_id for e in self.events
        ):
            raise DuplicateFact(f"the correction {entry_id!r} is already recorded on {self.slug}")
        retracted = self.retracted()
        target = correction.target_of(self.slug, seq, self.events, retracted)
        copy = correction.corrected_copy(
            target,
            {**changes, "entry_id": target.entry_id},
            slug=self.slug,
            version=self.version + 1,
            recorded=recorded,
            sources=tuple(sources),
        )
        if (future := refusals.not_happened_yet(copy, today)) is not None:
            raise future
        opening = copy if isinstance(copy, ChannelOpened) else self.opening
        # A corrected opening's parties must still be those every live fact names.
        others = [f for f in self.live.facts if f.seq != target.seq]
        for fact in [copy] if opening is self.opening else [*others, copy]:
            _check_leads_and_parties(fact, opening)
        correction.check_in_place(self.slug, target, copy, self.live)
        retraction = EventRetracted(
            originator_id=self.id,
            originator_version=copy.seq + 1,
            recorded=recorded,
            retracted_seq=seq,
            reason=reason or f"corrected by #{copy.seq}",
            entry_id=entry_id,
        )
        for event in (copy, retraction):
            self.apply(event)
            self._pending.append(event)

    def retract(self, *, seq: int, reason: str, recorded: dt.datetime) -> None:
        """Retract one recorded fact; refused if the timeline without it would break a rule."""
        target = next((e for e in self.events if e.seq == seq), None)
        refused = refusals.unretractable(self.slug, seq, target, self.version, self.retracted())
        if refused is not None:
            raise refused
        retraction = EventRetracted(
            originator_id=self.id,
            originator_version=self.version + 1,
            recorded=recorded,
            retracted_seq=seq,
            reason=reason,
        )
        assert isinstance(target, Fact)
        _, violation = walk([f for f in self.live.facts if f.seq != seq], self.live.aliases)
        if violation is not None:
            # The fact refused is another that needs the one retracted: "record the
            # resumption first" would name the very fact being retracted.
            raise violation.rule(
                f"refused: {violation.rule.rule}: without {describe(target)} (#{seq}), "
                f"{violation.why}; correct #{seq} rather than retract it, or retract or "
                f"correct #{violation.fact.seq} first"
            )
        self.events.append(retraction)
        self._pending.append(retraction)
        self._live = None

    # --- recording -----------------------------------------------------------------------------

    def _check_parties(self, what: str, codes: Iterable[str | None]) -> None:
        _check_parties(self.opening, what, codes)

    def _plan_seq(self, seq: int) -> int:
        """The planned meeting recorded as ``seq`` (or its corrected copy), as it is now."""
        track = self.live.state.plan(seq)
        if track is None:
            event = next((e for e in self.events if e.seq == seq), None)
            raise refusals.no_such_plan(self.slug, seq, event, self.version)
        return track.plan.seq

    def _record(self, kind: type[Fact], *, retracted_counts: bool = False, **fields: Any) -> None:
        today = fields.pop("today", None)
        fact = kind(originator_id=self.id, originator_version=self.version + 1, **fields)
        if (future := refusals.not_happened_yet(fact, today)) is not None:
            raise future
        if fact.entry_id is not None:
            self._check_entry(fact)
        live = self.live
        known = live.same_as(fact)
        if known is not None:
            raise refusals.recorded_already(fact, self.slug, known)
        # An entry with an id is known by its id (_check_entry): a retracted fact of another
        # entry that said the same is no reason to skip it.
        if retracted_counts and fact.entry_id is None:
            retracted = live.same_as_retracted(fact)
            if retracted is not None:
                raise refusals.retracted_already(fact, self.slug, retracted)
        violation = live.add(fact)
        if violation is not None:
            raise refusals.breaks_a_rule(fact, self.slug, violation, live)
        self.events.append(fact)
        self._pending.append(fact)

    def _check_entry(self, fact: Fact) -> None:
        """A fact whose entry id was recorded before: already recorded if it says the same,
        refused if the entry was changed since."""
        versions = [e for e in self.events if isinstance(e, Fact) and e.entry_id == fact.entry_id]
        if not versions:
            return
        # The entry as first recorded, or as corrected since: a file older than the store
        # adds nothing.
        for version in reversed(versions):
            if type(version) is type(fact) and same_content(version, fact, self._same_plan):
                raise DuplicateFact(
                    f"{describe(fact)} is already recorded on {self.slug} as event #{version.seq}"
                )
        raise refusals.entry_changed(self.slug, versions[-1], fact, self.retracted())

    def _same_plan(self, a: int, b: int) -> bool:
        """Whether two event numbers name one planned meeting (a plan, or its corrected copy)."""
        track = self.live.state.plan(a)
        return track is not None and track is self.live.state.plan(b)


def _check_parties(opening: ChannelOpened, what: str, codes: Iterable[str | None]) -> None:
    parties = opening.parties
    for given in codes:
        code = None if given is None else party_code(given)
        if code is not None and code not in parties:
            raise refusals.not_a_party(code, what, opening.slug, parties)


def _check_leads_and_parties(fact: Fact, opening: ChannelOpened) -> None:
    """The parties a fact names (its leads, who suspended) are the channel's."""
    leads = getattr(fact, "leads", ())
    _check_parties(opening, "a lead", [lead.party for lead in leads])
    _check_parties(opening, "a lead dropped", getattr(fact, "drop_leads", ()))
    _check_parties(opening, "who suspended it", [getattr(fact, "by", None)])
