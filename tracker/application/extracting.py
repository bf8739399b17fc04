"""tracker extract: the facts an article states, proposed against what the store holds.

The article is read by tracker.extraction (rule-based, offline); the store supplies the
channels it may mention (titles, parties, topics, leads) and, for the channels the article
turned out to speak of, their live facts, so that a fact already recorded is proposed as
known instead of new.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from tracker.domain.events import (
    CadenceAgreed,
    ChannelAgreed,
    ChannelOpened,
    Concluded,
    MeetingHeld,
    MeetingPlanned,
    Resumed,
    Suspended,
)
from tracker.domain.state import ChannelSummary
from tracker.extraction.catalogue import Catalogue, KnownChannel, KnownFact

if TYPE_CHECKING:
    from tracker.application.queries import Queries
    from tracker.extraction.proposal import Proposal

_KINDS = {
    ChannelOpened: "open",
    ChannelAgreed: "agree",
    CadenceAgreed: "cadence",
    MeetingPlanned: "plan",
    MeetingHeld: "meet",
    Suspended: "suspend",
    Resumed: "resume",
    Concluded: "conclude",
}


def extract_facts(app: Queries, text: str, published: dt.date) -> list[Proposal]:
    """The proposals for one article, in an order that imports, those the store records
    marked known."""
    from tracker.extraction.extractor import extract
    from tracker.extraction.known import mark_known

    today = max(app.today(), published)
    channels = [_channel(summary) for summary in app.summaries(as_of=today)]
    proposals = extract(text, published, Catalogue.of(channels))
    named = {p.slug for p in proposals}
    with_facts = [
        _with_facts(app, channel) if channel.slug in named else channel for channel in channels
    ]
    return mark_known(proposals, Catalogue.of(with_facts))


def _channel(summary: ChannelSummary) -> KnownChannel:
    return KnownChannel(
        slug=summary.slug,
        titles=(summary.title,),
        parties=summary.parties,
        topics=summary.topics,
        lead_names=tuple(lead.name for lead in summary.leads),
        level=summary.level.value if summary.level else None,
        status=summary.status.value,
    )


def _with_facts(app: Queries, channel: KnownChannel) -> KnownChannel:
    """The channel with its live facts: retracted ones (corrected ones among them) left out."""
    facts: list[KnownFact] = []
    titles = list(channel.titles)
    for entry in app.history(channel.slug):
        event = entry.event
        if entry.retracted_by is not None:
            continue
        kind = _KINDS.get(type(event))
        if kind is None:
            continue
        if isinstance(event, ChannelOpened) and event.title not in titles:
            titles.append(event.title)  # the title it was opened under, before an amendment
        facts.append(
            KnownFact(
                kind,
                event.occurred,  # type: ignore[attr-defined]
                window=getattr(event, "window", None),
                level=(level.value if (level := getattr(event, "level", None)) else None),
                per_year=getattr(event, "per_year", None),
            )
        )
    return KnownChannel(
        channel.slug,
        tuple(titles),
        channel.parties,
        channel.topics,
        channel.lead_names,
        channel.level,
        channel.status,
        tuple(facts),
    )
