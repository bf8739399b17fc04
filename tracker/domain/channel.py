"""The Channel aggregate: one standing dialogue between governments, rebuilt from its events.

Each command builds the event it would record, places it on the channel's timeline in valid
time, and records it only if the whole timeline still keeps every rule. Applying a recorded
event never validates: it re-runs on every rebuild.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any
from uuid import UUID

from tracker.domain import refusals
from tracker.domain.aggregate import ChannelRecord
from tracker.domain.dates import FuzzyDate
from tracker.domain.events import (
    CadenceAgreed,
    ChannelAgreed,
    ChannelAmended,
    ChannelEvent,
    ChannelOpened,
    Concluded,
    MeetingCancelled,
    MeetingHeld,
    MeetingPlanned,
    MeetingPostponed,
    Resumed,
    Suspended,
)
from tracker.domain.snapshot import ChannelSnapshot
from tracker.domain.values import (
    CHANNEL_NAMESPACE,
    ChannelStatus,
    Lead,
    Level,
    Source,
    channel_id,
    party_code,
)


class Channel(ChannelRecord):
    """A channel and every event recorded about it, in the order they were recorded.

    Each recording method takes, besides its own fields, ``sources``, ``retracted_counts`` and
    ``today``: a fact dated after today is refused (a plan aside); None does not check.
    The same fact recorded twice is refused as a duplicate; a fact retracted since may be
    recorded again (that is how a mistake is corrected), unless ``retracted_counts`` is set:
    an import sets it, so that importing a file again adds nothing, whatever was retracted
    since it was first imported.
    """

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
        entry_id: str | None = None,
        id_namespace: UUID = CHANNEL_NAMESPACE,
    ) -> Channel:
        """Open a new channel, as proposed or already agreed (not after ``today``); its id is
        derived from its slug in the store's namespace of ids."""
        if status not in (ChannelStatus.PROPOSED, ChannelStatus.AGREED):
            raise ValueError("a channel opens as proposed or agreed")
        unique_parties = tuple(dict.fromkeys(parties))
        opening = ChannelOpened(
            originator_id=channel_id(slug, id_namespace),
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
            entry_id=entry_id,
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
            level=level or self.level_on(occurred),
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

    def amend(
        self,
        *,
        occurred: FuzzyDate,
        recorded: dt.datetime,
        title: str | None = None,
        leads: Iterable[Lead] = (),
        drop_leads: Iterable[str] = (),
        topics: Iterable[str] | None = None,
        level: Level | None = None,
        **common: Any,
    ) -> None:
        """Record that from ``occurred`` on the channel goes by other values."""
        leads, drop_leads = tuple(leads), tuple(party_code(p) for p in drop_leads)
        self._check_parties("a lead", [lead.party for lead in leads])
        self._check_parties("a lead dropped", drop_leads)
        self._record(
            ChannelAmended,
            title=title,
            leads=leads,
            drop_leads=tuple(dict.fromkeys(drop_leads)),
            topics=None if topics is None else tuple(dict.fromkeys(topics)),
            level=level,
            occurred=occurred,
            recorded=recorded,
            **common,
        )

    def postpone(
        self,
        *,
        plan: int,
        window: FuzzyDate,
        occurred: FuzzyDate,
        recorded: dt.datetime,
        reason: str | None = None,
        **common: Any,
    ) -> None:
        """Record that planned meeting ``plan`` was moved to ``window`` on ``occurred``."""
        self._record(
            MeetingPostponed,
            plan_seq=self._plan_seq(plan),
            window=window,
            reason=reason,
            occurred=occurred,
            recorded=recorded,
            **common,
        )

    def cancel(
        self,
        *,
        plan: int,
        occurred: FuzzyDate,
        recorded: dt.datetime,
        reason: str | None = None,
        **common: Any,
    ) -> None:
        """Record that planned meeting ``plan`` was called off on ``occurred``."""
        self._record(
            MeetingCancelled,
            plan_seq=self._plan_seq(plan),
            reason=reason,
            occurred=occurred,
            recorded=recorded,
            **common,
        )


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
