"""How often a text says a channel meets (a stated number of meetings a year), and at what
level the people it names meet."""

from __future__ import annotations

import re

_FLAGS = re.IGNORECASE

# Meetings a year, as a text states a rhythm; only a stated number counts, so "regular" or
# "ongoing" meetings give no cadence.
RHYTHMS: tuple[tuple[str, float], ...] = (
    (
        r"once a year|once annually|once every year|annually|every year|each year|yearly|"
        r"on an annual basis|on a yearly basis|an annual(?= (?:[\w-]+ ){0,4}(?:dialogue|summit|"
        r"meeting|talks|consultations|forum)s?\b)",
        1,
    ),
    (
        r"twice a year|twice annually|twice yearly|twice each year|twice every year|"
        r"two times a year|semi-?annually|biannually|every six months",
        2,
    ),
    (r"three times a year|thrice (?:a year|yearly|annually)|every four months", 3),
    (
        r"four times a year|quarterly|every three months|once a quarter|every quarter|"
        r"on a quarterly basis",
        4,
    ),
    (r"every month|once a month|monthly", 12),
    (r"every two years|every other year|once every two years|biennially", 0.5),
    (r"every three years|once every three years|triennially", 1 / 3),
)
RHYTHM = re.compile(
    r"\b(?:" + "|".join(f"(?P<r{i}>{words})" for i, (words, _) in enumerate(RHYTHMS)) + r")\b",
    _FLAGS,
)
# A rhythm counts only for meetings: the clause must say something meets.
MEETS = re.compile(
    r"\b(?:meet|meets|met|meeting|meetings|hold|held|convene|convened|gather|talks|dialogue|"
    r"summit|session|sessions|consultations?|rounds?)\b",
    _FLAGS,
)

_LEVELS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (
        "vice-ministerial",
        re.compile(
            r"\b(?:deput(?:y|ies)|vice[- ]ministers?|vice[- ]ministerial|"
            r"under ?secretar(?:y|ies))\b",
            _FLAGS,
        ),
    ),
    (
        "senior-official",
        re.compile(
            r"\b(?:senior officials?|assistant secretar(?:y|ies)|director[s]?[- ]general|"
            r"senior-official)\b",
            _FLAGS,
        ),
    ),
    ("expert", re.compile(r"\b(?:experts?|technical|expert-level)\b", _FLAGS)),
    ("working", re.compile(r"\bworking[- ]level\b", _FLAGS)),
    (
        "leader",
        re.compile(
            r"\b(?:leaders?|presidents?|heads? of (?:state|government)|prime ministers?|"
            r"leader-level)\b",
            _FLAGS,
        ),
    ),
    (
        "ministerial",
        re.compile(r"\b(?:ministers?|ministerial|secretar(?:y|ies)|cabinet-level)\b", _FLAGS),
    ),
)


def level_in(text: str) -> str | None:
    """The level of the people the text names as meeting, if it names one."""
    for level, words in _LEVELS:
        if words.search(text):
            return level
    return None
