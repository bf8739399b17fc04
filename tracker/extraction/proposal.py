"""A proposed fact: one entry of the import format, read from an article, for an analyst to
review before it is recorded."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

Kind = Literal["open", "agree", "cadence", "plan", "meet", "suspend", "resume", "conclude"]
KINDS: tuple[Kind, ...] = (
    "open",
    "agree",
    "cadence",
    "plan",
    "meet",
    "suspend",
    "resume",
    "conclude",
)


@dataclass(frozen=True, slots=True)
class Quote:
    """Where the article states the fact: the sentence or clause, verbatim."""

    text: str
    confidence: Literal["high", "medium", "low"]
    note: str | None = None  # why the confidence is low; where the article and the store differ


@dataclass(slots=True)
class Proposal:
    """One proposed entry: ``command`` and ``slug`` and ``on`` as in the import format, the
    command's other options in ``options`` (``title`` and ``parties`` of a new channel,
    ``window``, ``per_year``, ``level``, ``location``, ``leads`` …), the quote it rests on, and
    whether the store records the fact already (``known``)."""

    command: Kind
    slug: str
    on: str  # a fuzzy date in the tracker's form (EDTF)
    quote: Quote
    options: dict[str, Any] = field(default_factory=dict)
    status: Literal["new", "known"] = "new"
    # Other sentences of the article that state the same fact.
    also: list[Quote] = field(default_factory=list)
    # The offset of the sentence in the article: proposals are listed in reading order.
    position: int = 0

    def entry(self, citation: str) -> dict[str, Any]:
        """The import-format entry, sourced to ``citation``. A new channel's own status
        (``proposed`` or ``agreed``) is written as ``channel_status``: ``status`` says whether
        the proposal is new or known."""
        options = dict(self.options)
        entry: dict[str, Any] = {"command": self.command, "status": self.status}
        entry["slug"] = self.slug
        if "status" in options:
            entry["channel_status"] = options.pop("status")
        entry["on"] = self.on
        entry.update(options)
        entry["sources"] = [_source(citation, quote) for quote in (self.quote, *self.also)]
        return entry


def _source(citation: str, quote: Quote) -> dict[str, Any]:
    source: dict[str, Any] = {
        "citation": citation,
        "quote": quote.text,
        "confidence": quote.confidence,
    }
    if quote.note:
        source["note"] = quote.note
    return source
