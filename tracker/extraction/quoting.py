"""What a proposal quotes: the sentence that states its fact, verbatim."""

from __future__ import annotations

from tracker.extraction.cues import Cue

# The longest quote: a longer sentence is quoted by the words around its cue, verbatim.
MAX_QUOTE = 1_000


def quoted(text: str, cue: Cue) -> str:
    """The sentence, or the part of a sentence too long to quote whole around the words that
    state the fact: cut between words, never changed."""
    if len(text) <= MAX_QUOTE:
        return text
    start = max(0, cue.start - MAX_QUOTE // 3)
    start = 0 if start == 0 else text.find(" ", start) + 1
    end = min(len(text), start + MAX_QUOTE)
    end = len(text) if end == len(text) else text.rfind(" ", start, end)
    return text[start:end].strip()
