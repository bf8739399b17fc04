"""When and where a stated meeting is: a planned meeting's window, and a meeting's place."""

from __future__ import annotations

import datetime as dt
import re

from tracker.domain.dates import FuzzyDate
from tracker.extraction.dates import DateMention


def bracketed(text: str, position: int) -> bool:
    return text.rfind("(", 0, position) > text.rfind(")", 0, position)


def window_of(
    after: int,
    future: list[DateMention],
    published: dt.date,
    sentence: str,
    past: list[DateMention],
) -> tuple[FuzzyDate, int] | None:
    """When a planned meeting is to be held, and where the sentence says so: the first date
    to come after the words of the plan ("In March, they agreed to meet in May" plans May)."""
    ahead = [
        m
        for m in future
        if m.date.latest >= published and m.start >= after and not said_on(sentence, m.start)
    ]
    if ahead:
        return ahead[0].date, ahead[0].start
    # "Next week, discussions will continue": a date that opens the sentence, when it cannot
    # be read as past ("In March, they agreed to meet" dates the agreement)
    fronted = [
        m
        for m in past
        if m.start < after
        and m.date.earliest > published
        and _OPENING.fullmatch(sentence, 0, m.start)
    ]
    return (fronted[0].date, fronted[0].start) if fronted else None


def agreed_on(
    after: int, window: int, past: list[DateMention], future: list[DateMention], sentence: str
) -> DateMention | None:
    """The day a plan whose words start at ``after`` (its window at ``window``) was agreed
    on: the last date before it that reads the same in either tense, or one next to a verb
    of the past ("agreed on Monday that … will meet"); "will travel on January 11 to …" dates
    no agreement."""
    coming = {(m.start, str(m.date)) for m in future}
    agreed = [
        m
        for m in past
        if m.end <= after
        and m.start != window
        and not _TO_COME.search(sentence, max(0, m.start - 40), m.start)
        and (
            (m.start, str(m.date)) in coming
            or _SAID.search(sentence, max(0, m.start - 30), m.end + 30)
        )
    ]
    return agreed[-1] if agreed else None


_SAID = re.compile(r"\b(?:agreed|announced|decided|said|confirmed|stated)\b", re.IGNORECASE)
# "The talks will resume in January, officials said, and the other talks will be held in the
# spring": a date after words of the future is when something is to happen, never the day a
# plan was agreed on
_TO_COME = re.compile(
    r"\b(?:will|shall|is\s+to|are\s+to)\s+(?:[\w-]+\s+){0,3}(?:in|on|by|from|before)\s+(?:the\s+)?$",
    re.IGNORECASE,
)


# What may stand before a date that opens its sentence: "Next week, …", "Later this month, …"
_OPENING = re.compile(r"\W*(?:(?:on|in|by|at|and|but|then|also)\s+)?", re.IGNORECASE)


# "…, the sources said Saturday": the day of the report, never when a plan is to be held
_SAID_ON = re.compile(
    r"\b(?:said|says|told|announced|reported|added|stated|confirmed|informed|noted)\s+"
    r"(?:[\w.]+\s+){0,3}(?:on\s+)?$",
    re.IGNORECASE,
)


def said_on(sentence: str, position: int) -> bool:
    """True when the date at ``position`` is the day something was said or reported."""
    return bool(_SAID_ON.search(sentence, max(0, position - 60), position))


# Where a meeting's place may begin, in characters after its verb: near it, anywhere; further
# (past a long name), only if no other clause comes first.
_PLACE_NEAR, _PLACE_WITHIN = 90, 140
_OTHER_CLAUSE = re.compile(
    r"\b(?:to (?!the\b)[a-z]+|following|after|before|amid|because|since|which|that|who|while|"
    r"where|when|as)\b"
)
_NOT_PLACES = {
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "The",
    "A",
    "An",
    "Its",
    "Their",
    "Person",
    "Addition",
    "Particular",
    "Response",
    "Order",
    "Early",
    "Late",
    "Mid",
}


def location_in(after: str) -> str | None:
    """The place a meeting's words name after its verb: "in Geneva", within the first words
    (past a channel's long name: "held the inaugural meeting of their intergovernmental
    dialogue on artificial intelligence in Geneva"), the place whole, never cut."""
    found = re.search(
        r"\b(?:in|at)\s+((?:[A-Z][\w'’-]+)(?:[ -](?:[A-Z][\w'’-]+)){0,2})", after[:200]
    )
    if found is None or found.start() > _PLACE_WITHIN:
        return None
    if found.start() > _PLACE_NEAR and _OTHER_CLAUSE.search(after, 0, found.start()):
        return None  # "to work on reviving tourism following … controls in China"
    place = found.group(1)
    if place.split()[0] in _NOT_PLACES or (place.isupper() and len(place) <= 4):
        return None
    return place
