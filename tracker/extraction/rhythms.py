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


# Who directed, set up or agreed to a channel did not meet in it: "Under the direction of
# Secretary Yellen, the group held its fourth meeting"; "the talks the presidents agreed to".
_NOT_WHO_MET = re.compile(
    r"\b(?:under the (?:direction|guidance|auspices|leadership) of|"
    r"at the (?:direction|instruction|request|invitation) of|"
    r"(?:set up|established|launched|created|agreed|endorsed|mandated|directed|instructed|"
    r"tasked|announced) by|on behalf of)\s+[^,;]*",
    _FLAGS,
)


def level_in(text: str, at: int) -> str | None:
    """The level of the people the text names as meeting, if it names one: of the words
    nearest ``at`` (where the verb of meeting stands), so that "the presidents agreed that
    the ministers would meet" is ministerial."""
    # Blanked, not cut: the positions of the words after it stay where they were.
    text = _NOT_WHO_MET.sub(lambda m: " " * len(m.group()), text)
    words = [
        (m, order) for order, (_, pattern) in enumerate(_LEVELS) for m in pattern.finditer(text)
    ]
    found = [
        (_distance(m, at), order, _LEVELS[order][0])
        for m, order in words
        if not _within_title(m, order, words, text)
    ]
    return min(found)[2] if found else None


def _within_title(
    word: re.Match[str], order: int, words: list[tuple[re.Match[str], int]], text: str
) -> bool:
    """Whether ``word`` ends (or lies in) a title a word of a level listed before it begins
    ("deputy foreign minister", "Deputy Secretary of State", "vice-minister"): the title's
    level is the first word's."""
    return any(
        other < order
        and m.start() <= word.start()
        and (m.end() >= word.end() or _TITLE_GAP.fullmatch(text[m.end() : word.start()]))
        for m, other in words
    )


# Between the words of one title: a space or hyphen, and at most two words ("foreign").
_TITLE_GAP = re.compile(r"[ -](?:[A-Za-z]+ ){0,2}")


def _distance(word: re.Match[str], at: int) -> int:
    return at - word.end() if word.end() <= at else word.start() - at
