"""Openings of the new channels an article speaks of, and one proposal per fact.

A channel the store does not hold must be opened before its facts import: by the opening the
article states, or else by one dated to the channel's earliest fact, whose note says the
article does not state it. A fact stated by several sentences is one proposal, quoting each.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from tracker.domain.dates import FuzzyDate
from tracker.extraction.linking import Linker
from tracker.extraction.proposal import Proposal, Quote

ADDED_OPENING = "the article does not say when the channel began: dated to its first fact"
# A sentence that states the agreement a new channel began with.
_AGREED = re.compile(
    r"\b(?:agree(?:d|s)?|agreement)\b(?:\s+\S+){0,4}?\s+to\s+(?:hold|have|establish|form|set up|"
    r"create|launch|start|begin|exchange|convene)\b",
    re.IGNORECASE,
)

# "the fifth round", "their 23rd meeting", "the next round": the channel met before the fact
# its added opening is dated to.
_LATER_ROUND = re.compile(
    r"\b(?:(?:second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|"
    r"\w+teenth|\w+tieth|\d+(?:st|nd|rd|th))|next|latest|another|new)\s+"
    # "the 29th WMCC meeting", "the fifth Strategic Dialogue session": a name may come between
    r"(?-i:[A-Z][\w+&-]*\s+){0,4}(?:round|meeting|session|edition)s?\b",
    re.IGNORECASE,
)


def added_opening(first: Proposal) -> Quote:
    """The source of an opening the article does not state, dated to the channel's earliest
    fact ``first``: no note when its sentence states the agreement the channel began with; a
    low confidence, and a note that says so, when it calls that fact a later round."""
    text = first.quote.text
    if _AGREED.search(text):
        return Quote(text, "medium", None)
    later = _LATER_ROUND.search(text)
    if later is None:
        return Quote(text, "medium", ADDED_OPENING)
    return Quote(
        text,
        "low",
        f"{ADDED_OPENING}; it calls that fact “{later.group()}”: the channel began earlier, "
        "give the date it did",
    )


NO_PARTIES = (
    "the article does not name two parties of the channel: give them (parties = [...]) "
    "before importing"
)


def noted(quote: Quote, note: str) -> Quote:
    return Quote(quote.text, quote.confidence, f"{quote.note}; {note}" if quote.note else note)


def headline(text: str) -> bool:
    """A line without a full stop: a headline, a subheading, a caption. A closing quotation
    mark ends a sentence only after a stop ("… he said.”"), not after a name ("launch “Policy
    Dialogue”")."""
    bare = text.rstrip("”\"’'")
    return not bare.endswith((".", "!", "?"))


def with_openings(proposals: Iterable[Proposal], linker: Linker) -> list[Proposal]:
    """The proposals, each new channel opened before its first fact: by the opening the
    article states, or else by one dated to the channel's earliest fact (so that no fact
    comes before it), which says so in its note unless its sentence states an agreement."""
    ordered = sorted(proposals, key=lambda p: p.position)
    out: list[Proposal] = []
    for proposal in ordered:
        ref = linker.proposed.get(proposal.slug)
        if ref is None:
            out.append(proposal)
            continue
        if any(p.slug == proposal.slug and p.command == "open" for p in out):
            if proposal.command != "open":
                out.append(proposal)
            continue
        facts = [p for p in ordered if p.slug == proposal.slug]
        stated = next((p for p in facts if p.command == "open"), None)
        options = {"title": ref.title, "parties": list(ref.parties)}
        if stated is not None:
            stated.options = {**options, **stated.options}
            stated.position = proposal.position
            opening = stated
        else:
            first = min(facts, key=lambda p: FuzzyDate.parse(p.on).earliest)
            opening = Proposal(
                "open",
                proposal.slug,
                first.on,
                added_opening(first),
                options,
                position=proposal.position,
            )
        if len(ref.parties) < 2:  # "the two countries": a channel of parties not named
            opening.quote = noted(opening.quote, NO_PARTIES)
        out.append(opening)
        if proposal.command != "open":
            out.append(proposal)
    return _distinct(out)


def _distinct(proposals: list[Proposal]) -> list[Proposal]:
    """One proposal per fact, quoting each sentence that states it: an opening, agreement or
    conclusion of a channel; a meeting of a channel on a date (the first sentence's place and
    level kept, a later one's where it names none); a plan of a channel for a window; a
    cadence of a level and rhythm; a suspension or resumption on a date."""
    seen: dict[tuple[object, ...], Proposal] = {}
    out = []
    # A headline's fact is kept only when the body does not state it.
    for p in sorted(proposals, key=lambda p: (headline(p.quote.text), p.position)):
        key: tuple[object, ...] = (
            p.command,
            p.slug,
            p.on,
            tuple(sorted((k, str(v)) for k, v in p.options.items())),
        )
        if p.command in {"open", "agree", "conclude"}:
            key = (p.command, p.slug)
        elif p.command == "meet":
            key = (p.command, p.slug, p.on)
        elif p.command == "plan":
            key = (p.command, p.slug, p.options.get("window"))
        if key not in seen:
            seen[key] = p
            out.append(p)
        elif p.quote.text not in {q.text for q in (seen[key].quote, *seen[key].also)}:
            seen[key].also.append(p.quote)
            if p.command in {"meet", "plan"}:
                # "The talks … were held in Tokyo and attended by deputy foreign ministers":
                # what the first sentence left unsaid (its place and level stay first)
                seen[key].options = {**p.options, **seen[key].options}
    return sorted(out, key=lambda p: p.position)
