"""What a channel goes by on a day: its title, topics, level and leads, as opened and amended.

A group is renamed, an envoy replaced, a channel upgraded: each is an amendment from a day of
valid time on, so the channel as of an earlier day still shows the values that held then.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from tracker.domain.dates import FuzzyDate
from tracker.domain.events import ChannelAmended, ChannelOpened
from tracker.domain.values import Lead, Level


@dataclass(frozen=True)
class Profile:
    """The values a channel goes by from ``since`` on."""

    title: str
    topics: tuple[str, ...]
    level: Level | None
    leads: tuple[Lead, ...]
    since: FuzzyDate
    seq: int  # the opening or amendment that set them

    @classmethod
    def opened(cls, opening: ChannelOpened) -> Profile:
        return cls(
            opening.title,
            opening.topics,
            opening.level,
            opening.leads,
            opening.occurred,
            opening.seq,
        )

    def amended(self, amendment: ChannelAmended) -> Profile:
        """The values from the amendment's day on: only those it gives change."""
        leads = {lead.party: lead for lead in self.leads}
        for party in amendment.drop_leads:
            leads.pop(party, None)
        for lead in amendment.leads:
            leads[lead.party] = lead
        return replace(
            self,
            title=amendment.title if amendment.title is not None else self.title,
            topics=amendment.topics if amendment.topics is not None else self.topics,
            level=amendment.level if amendment.level is not None else self.level,
            leads=tuple(leads.values()),
            since=amendment.occurred,
            seq=amendment.seq,
        )

    def as_json(self) -> dict[str, object]:
        """The values as the read model stores them."""
        return {
            "title": self.title,
            "topics": list(self.topics),
            "level": None if self.level is None else self.level.value,
            "leads": [lead.model_dump(mode="json") for lead in self.leads],
        }
