"""Which proposals the store records already, and where the article and the store disagree.

A fact is known when the store holds one of its kind on the same channel that could be the
same: an opening, an agreement or a conclusion whatever its date (a channel has one of each);
a meeting or plan whose date overlaps; a cadence of the same level and rhythm; a suspension or
resumption that overlaps, or the nearest one when none of the other kind lies between the
two, since a second suspension needs a resumption first. When the dates differ the proposal
stays known, and its note says what the store records, so an article's mistake stays visible
and is never imported as a second fact.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from tracker.domain.dates import FuzzyDate
from tracker.extraction.catalogue import Catalogue, KnownChannel, KnownFact
from tracker.extraction.proposal import Proposal

_ONCE = {"open", "agree", "conclude"}
_OPPOSITE = {"suspend": "resume", "resume": "suspend"}


def _overlap(a: FuzzyDate, b: FuzzyDate) -> bool:
    return a.earliest <= b.latest and b.earliest <= a.latest


def _between(channel: KnownChannel, kind: str, a: dt.date, b: dt.date) -> bool:
    low, high = min(a, b), max(a, b)
    return any(f.kind == kind and low <= f.on.earliest <= high for f in channel.facts)


def _same(proposal: Proposal, channel: KnownChannel) -> KnownFact | None:  # noqa: PLR0911
    on = FuzzyDate.parse(proposal.on)
    facts = [f for f in channel.facts if f.kind == proposal.command]
    if proposal.command in _ONCE:
        return facts[0] if facts else None
    if proposal.command == "cadence":
        per_year = float(proposal.options.get("per_year", 0))
        level = proposal.options.get("level")
        return next(
            (f for f in facts if f.level == level and abs((f.per_year or 0) - per_year) < 0.01),
            None,
        )
    if proposal.command == "plan":
        window = FuzzyDate.parse(str(proposal.options["window"]))
        return next((f for f in facts if f.window and _overlap(f.window, window)), None)
    overlapping = next((f for f in facts if _overlap(f.on, on)), None)
    if overlapping or proposal.command not in _OPPOSITE:
        return overlapping
    if not facts:
        return None
    nearest = min(facts, key=lambda f: abs((f.on.earliest - on.earliest).days))
    if _between(channel, _OPPOSITE[proposal.command], nearest.on.earliest, on.earliest):
        return None
    return nearest


def mark_known(proposals: list[Proposal], catalogue: Catalogue) -> list[Proposal]:
    """The proposals, those the store records marked known (with a note where it dates the
    fact otherwise than the article)."""
    marked: list[Proposal] = []
    for proposal in proposals:
        channel = catalogue.channel(proposal.slug)
        fact = _same(proposal, channel) if channel is not None else None
        if channel is not None and proposal.command == "open" and fact is None:
            fact = KnownFact("open", FuzzyDate.parse(proposal.on))  # the channel exists
        if fact is None:
            marked.append(proposal)
            continue
        proposal.status = "known"
        if proposal.command == "open":  # complete, so that it imports if turned to new
            proposal.options = (
                {"title": channel.titles[0], "parties": list(channel.parties), **proposal.options}
                if channel is not None
                else proposal.options
            )
        on = FuzzyDate.parse(proposal.on)
        if proposal.command not in {"cadence", "plan"} and not _overlap(fact.on, on):
            said = f"the store records this on {fact.on}; the article says {on}: the two disagree"
            note = "; ".join(n for n in (proposal.quote.note, said) if n)
            proposal.quote = replace(proposal.quote, note=note)
        marked.append(proposal)
    return marked
