"""When and where a stated meeting is: a planned meeting's window, and a meeting's place."""

from __future__ import annotations

import datetime as dt
import re

from tracker.domain.dates import FuzzyDate
from tracker.extraction.dates import DateMention


def bracketed(text: str, position: int) -> bool:
    return text.rfind("(", 0, position) > text.rfind(")", 0, position)


def window_of(
    after: int, future: list[DateMention], published: dt.date
) -> tuple[FuzzyDate, int] | None:
    """When a planned meeting is to be held, and where the sentence says so: the first date
    to come after the words of the plan ("In March, they agreed to meet in May" plans May)."""
    ahead = [m for m in future if m.date.latest >= published and m.start >= after]
    return (ahead[0].date, ahead[0].start) if ahead else None


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
    found = re.search(
        r"\b(?:in|at)\s+((?:[A-Z][\w'’-]+)(?:[ -](?:[A-Z][\w'’-]+)){0,2})", after[:90]
    )
    if found is None:
        return None
    place = found.group(1)
    if place.split()[0] in _NOT_PLACES or (place.isupper() and len(place) <= 4):
        return None
    return place
