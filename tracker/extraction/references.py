"""Words that point back at channels named before ("the former", "the latter") or at what
replaced them."""

from __future__ import annotations

import re

from tracker.extraction.linking import ChannelRef
from tracker.extraction.proposal import Proposal

_POINTING = re.compile(r"^(?:The|the)\s+(?P<which>former|latter)\b(?!\s+[a-z]+\s+(?:of|in)\b)")


def former_or_latter(sentence: str, named_together: list[ChannelRef]) -> ChannelRef | None:
    """The channel a sentence that begins "The former …" or "The latter …" speaks of: the
    first or the last of those the sentence before named together ("The former was initiated
    in 2004"; not "the former US treasury secretary")."""
    found = _POINTING.match(sentence)
    if found is None or len(named_together) < 2:
        return None
    if re.match(r"\s+[a-z]", sentence[found.end() :]) and not re.match(
        r"\s+(?:was|were|is|had|has|began|started|met|ended)\b", sentence[found.end() :]
    ):
        return None  # "The former president …": an adjective, not a pronoun
    return named_together[0] if found["which"] == "former" else named_together[-1]


_REPLACED = re.compile(
    r"replaced|superseded|subsumed|merged|combined|developed|evolved|grew|succeeded|took over",
    re.IGNORECASE,
)


def replacing_opening(
    proposals: list[Proposal], cue_words: str, replaced: str, position: int
) -> Proposal | None:
    """The opening of the channel that replaced another, as the article stated it before
    ("The mechanism combined and replaced two previous ones": the mechanism set up on
    April 1, 2009), which dates the end of the channels it replaced."""
    if not _REPLACED.search(cue_words):
        return None
    openings = [
        p for p in proposals if p.command == "open" and p.slug != replaced and p.position < position
    ]
    return openings[-1] if openings else None
