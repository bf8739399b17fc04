"""What the store knows, as the extractor needs it: each channel's names, parties, people and
facts, to link an article's mentions to a recorded channel and to tell new facts from known."""

from __future__ import annotations

from dataclasses import dataclass, field

from tracker.domain.dates import FuzzyDate


@dataclass(frozen=True, slots=True)
class KnownFact:
    """A fact the store records, reduced to what tells it apart from another of its kind."""

    kind: str  # a command's name: open, agree, cadence, plan, meet, suspend, resume, conclude
    on: FuzzyDate
    window: FuzzyDate | None = None  # a plan's
    level: str | None = None
    per_year: float | None = None  # a cadence's


@dataclass(frozen=True, slots=True)
class KnownChannel:
    """A recorded channel: its titles (the current one first), parties (ISO alpha-3 or an
    organisation's code), topics, the surnames of its leads, its level and status."""

    slug: str
    titles: tuple[str, ...]
    parties: tuple[str, ...]
    topics: tuple[str, ...] = ()
    lead_names: tuple[str, ...] = ()
    level: str | None = None
    status: str = "agreed"
    facts: tuple[KnownFact, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalogue:
    """The channels an article may mention, and facts the store records of them."""

    channels: tuple[KnownChannel, ...] = ()
    by_slug: dict[str, KnownChannel] = field(default_factory=dict)

    @classmethod
    def of(cls, channels: list[KnownChannel]) -> Catalogue:
        return cls(tuple(channels), {c.slug: c for c in channels})

    def channel(self, slug: str) -> KnownChannel | None:
        return self.by_slug.get(slug)
