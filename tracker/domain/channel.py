"""The Channel aggregate: one standing dialogue between governments, rebuilt from its events.

Each command builds the event it would record, places it on the channel's timeline in valid
time, and records it only if the whole timeline still keeps every rule. Applying a recorded
event never validates: it re-runs on every rebuild.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterable, Sequence
from typing import Any

from tracker.domain import refusals
from tracker.domain.dates import FuzzyDate
from tracker.domain.events import (
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
from tracker.domain.snapshot import ChannelSnapshot
from tracker.domain.state import ChannelState, fold
from tracker.domain.timeline import LiveTimeline, describe, walk
from tracker.domain.values import ChannelStatus, Lead, Level, Source, channel_id, party_code


class Channel:
    """A channel and every event recorded about it, in the order they were recorded.

    Each recording method takes, besides its own fields, ``sources``, ``retracted_counts`` and
    ``today``: a fact dated after today is refused (a plan aside); None does not check.
    The same fact recorded twice is refused as a duplicate; a fact retracted since may be
    recorded again (that is how a mistake is corrected), unless ``retracted_counts`` is set:
    an import sets it, so that importing a file again adds nothing, whatever was retracted
    since it was first imported.
    """

    def __init__(self, events: Sequence[ChannelEvent]) -> None:
        """A channel from its recorded events (its opening first), or a snapshot's."""
        opening = events[0]
        assert isinstance(opening, ChannelOpened)
        self._id = opening.originator_id
        self._events: list[ChannelEvent] = list(events)
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
        first = self._events[0]
        assert isinstance(first, ChannelOpened)
        return first

    @property
    def slug(self) -> str:
        return self.opening.slug

    @property
    def level(self) -> Level | None:
        return self.opening.level

    def state(self, *, as_of: dt.date, known_on: dt.datetime | None = None) -> ChannelState | None:
        """The state as of a day (valid time), as known at a moment (record time)."""
        return fold(self._events, as_of=as_of, known_on=known_on)

    def retracted(self) -> dict[int, EventRetracted]:
        """The retractions recorded, by the sequence number of the event each retracts."""
        return {e.retracted_seq: e for e in self.events if isinstance(e, EventRetracted)}

    # --- commands ----------------------------------------------------------------------------

    @classmethod
    def open(
        cls,
        *,
        slug: str,
        title: str,
        parties: Iterable[str],
        occurred: FuzzyDate,
        recorded: dt.datetime,
        status: ChannelStatus = ChannelStatus.AGREED,
        topics: Iterable[str] = (),
        level: Level | None = None,
        leads: Iterable[Lead] = (),
        follows: str | None = None,
        sources: Iterable[Source] = (),
        today: dt.date | None = None,
    ) -> Channel:
        """Open a new channel, as proposed or already agreed (not after ``today``)."""
        if status not in (ChannelStatus.PROPOSED, ChannelStatus.AGREED):
            raise ValueError("a channel opens as proposed or agreed")
        unique_parties = tuple(dict.fromkeys(parties))
        opening = ChannelOpened(
            originator_id=channel_id(slug),
            originator_version=1,
            recorded=recorded,
            occurred=occurred,
            sources=tuple(sources),
            slug=slug,
            title=title,
            parties=unique_parties,
            status=status,
            topics=tuple(dict.fromkeys(topics)),
            level=level,
            leads=tuple(leads),
            follows=follows,
        )
        if (future := refusals.not_happened_yet(opening, today)) is not None:
            raise future
        channel = cls([opening])
        channel._check_parties("a lead", [lead.party for lead in opening.leads])
        channel._pending.append(opening)
        return channel

    def agree(self, *, occurred: FuzzyDate, recorded: dt.datetime, **common: Any) -> None:
        """Record that the parties agreed to this proposed channel."""
        self._record(ChannelAgreed, occurred=occurred, recorded=recorded, **common)

    def agree_cadence(
        self,
        *,
        level: Level,
        per_year: float,
        occurred: FuzzyDate,
        recorded: dt.datetime,
        **common: Any,
    ) -> None:
        """Record that the parties agreed to meet at ``level`` ``per_year`` times a year."""
        self._record(
            CadenceAgreed,
            level=level,
            per_year=per_year,
            occurred=occurred,
            recorded=recorded,
            **common,
        )

    def plan_meeting(
        self,
        *,
        window: FuzzyDate,
        occurred: FuzzyDate,
        recorded: dt.datetime,
        level: Level | None = None,
        host: str | None = None,
        location: str | None = None,
        **common: Any,
    ) -> None:
        """Record that a meeting was agreed on ``occurred`` to take place in ``window``.

        Without a level, a meeting at any level fulfils it. The host may be any country or
        organisation: a session is often hosted by a third government.
        """
        self._record(
            MeetingPlanned,
            window=window,
            level=level,
            host=host,
            location=location,
            occurred=occurred,
            recorded=recorded,
            **common,
        )

    def hold_meeting(
        self,
        *,
        occurred: FuzzyDate,
        recorded: dt.datetime,
        level: Level | None = None,
        location: str | None = None,
        leads: Iterable[Lead] = (),
        summary: str | None = None,
        **common: Any,
    ) -> None:
        """Record a meeting held; without a level it is at the channel's own level."""
        leads = tuple(leads)
        self._check_parties("a lead", [lead.party for lead in leads])
        self._record(
            MeetingHeld,
            level=level or self.level,
            location=location,
            leads=tuple(leads),
            summary=summary,
            occurred=occurred,
            recorded=recorded,
            **common,
        )

    def suspend(
        self,
        *,
        occurred: FuzzyDate,
        recorded: dt.datetime,
        by: str | None = None,
        reason: str | None = None,
        **common: Any,
    ) -> None:
        """Record that the channel was broken off (by one party, for a reason)."""
        self._check_parties("who suspended it", [by])
        self._record(
            Suspended, by=by, reason=reason, occurred=occurred, recorded=recorded, **common
        )

    def resume(
        self,
        *,
        occurred: FuzzyDate,
        recorded: dt.datetime,
        reason: str | None = None,
        **common: Any,
    ) -> None:
        """Record that the suspended channel was taken up again."""
        self._record(Resumed, reason=reason, occurred=occurred, recorded=recorded, **common)

    def conclude(
        self,
        *,
        occurred: FuzzyDate,
        recorded: dt.datetime,
        reason: str | None = None,
        successor: str | None = None,
        **common: Any,
    ) -> None:
        """Record that the channel ended, perhaps replaced by a successor channel."""
        self._record(
            Concluded,
            reason=reason,
            successor=successor,
            occurred=occurred,
            recorded=recorded,
            **common,
        )

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
        _, violation = walk([f for f in self.live.facts if f.seq != seq])
        if violation is not None:
            raise violation.rule(
                f"refused: {violation.rule.rule}: without {describe(target)} (#{seq}), "
                f"{violation.why}; {violation.advice}"
            )
        self.events.append(retraction)
        self._pending.append(retraction)
        self._live = None

    # --- recording -----------------------------------------------------------------------------

    def _check_parties(self, what: str, codes: Iterable[str | None]) -> None:
        parties = self.opening.parties
        for given in codes:
            code = None if given is None else party_code(given)
            if code is not None and code not in parties:
                raise refusals.not_a_party(code, what, self.slug, parties)

    def _record(self, kind: type[Fact], *, retracted_counts: bool = False, **fields: Any) -> None:
        today = fields.pop("today", None)
        fact = kind(originator_id=self.id, originator_version=self.version + 1, **fields)
        if (future := refusals.not_happened_yet(fact, today)) is not None:
            raise future
        live = self.live
        known = live.same_as(fact)
        if known is not None:
            raise refusals.recorded_already(fact, self.slug, known)
        if retracted_counts:
            retracted = live.same_as_retracted(fact)
            if retracted is not None:
                raise refusals.retracted_already(fact, self.slug, retracted)
        violation = live.add(fact)
        if violation is not None:
            raise refusals.breaks_a_rule(fact, self.slug, violation)
        self.events.append(fact)
        self._pending.append(fact)


def project_channel(
    channel: Channel | None, events: Iterable[ChannelEvent | ChannelSnapshot]
) -> Channel | None:
    """Rebuild a channel from its snapshot (if any) and stored events (the projector function).

    It trusts the stored order and skips the per-event protocol check of the library's default
    projector, which dominates rebuild time on long channels.
    """
    for event in events:
        if isinstance(event, ChannelSnapshot):
            channel = Channel(event.events)
        elif channel is None:
            if not isinstance(event, ChannelOpened):
                return None
            channel = Channel([event])
        else:
            channel.apply(event)
    return channel
