"""Whether a text reads as English: tracker extract reads English only, and an article in
another language would otherwise give "no facts found" as an English one with no dialogue fact
does.

Cheap and offline, no language model: a text is English when most of its letters are Latin
and enough of its words are the small words every English sentence is made of ("the", "of",
"and", "said" …): about a quarter of the words of English news copy, a few hundredths of a
French or Spanish article's (the English names it quotes), none of a Chinese one's.
"""

from __future__ import annotations

import re

from tracker.extraction.vocabulary import SMALL_WORDS

_WORD = re.compile(r"[^\W\d_]+")  # letters only: a run of Chinese characters is one word
FEWEST_WORDS = 6  # fewer than this: too short to tell
SMALL_WORD_SHARE = 0.1  # English news copy: 0.22 to 0.39 in the gold set and the fixtures


def looks_english(text: str) -> bool:
    """False when the text is, by its letters or its words, not English; True when it is, or
    is too short to tell."""
    letters = [c for c in text if c.isalpha()]
    if len(letters) >= 20 and sum(c.isascii() for c in letters) < len(letters) / 2:
        return False  # Chinese, Russian, Arabic …: most letters are not Latin
    words = _WORD.findall(text.lower())
    if len(words) < FEWEST_WORDS:
        return True
    return sum(w in SMALL_WORDS for w in words) >= SMALL_WORD_SHARE * len(words)
