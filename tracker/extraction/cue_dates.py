"""Which of a sentence's dates are a fact's: not a date another change stands closer to, nor
the start of a gap ("their first round since 2019")."""

from __future__ import annotations

import re

from tracker.extraction.cues import Cue
from tracker.extraction.dates import DateMention


def dates_of(cue: Cue, cues: list[Cue], past: list[DateMention], text: str) -> list[DateMention]:
    """The dates (read as of a report) that may date the fact a cue states."""
    return [m for m in past if not _beyond(cue, m, cues) and not _since(cue, m, text)]


def _beyond(cue: Cue, date: DateMention, cues: list[Cue]) -> bool:
    """True when a change of another kind stands between a change and a date: the date is
    that change's. A meeting between them is the occasion that dates both ("agreed … when they
    met last month")."""
    if cue.kind not in _CHANGES:
        return False  # "agreed Monday to form a group, … would meet once a year": one day
    low, high = sorted((cue.start, date.start))
    return any(
        other.kind in _CHANGES and other.kind != cue.kind and low < other.start < high
        for other in cues
    )


def _since(cue: Cue, date: DateMention, text: str) -> bool:
    """True for a gap's start, not a meeting's day: "their first round since 2019" (but "has
    not been held since 2009" was held then)."""
    return (
        cue.kind == "meet"
        and re.search(r"\bsince\s+(?:the\s+)?$", text[max(0, date.start - 12) : date.start])
        is not None
        and not re.search(r"\bnot\b", text[cue.start : cue.end])
    )


_CHANGES = frozenset({"open", "suspend", "resume", "conclude"})
