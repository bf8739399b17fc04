"""Dates a sentence lists together: "in January and May 2016", "in 2000 and 2007"."""

from __future__ import annotations

import re
from typing import Protocol, TypeVar

from tracker.domain.dates import FuzzyDate, InvalidDate


class _Dated(Protocol):
    """A date expression: its words, where they stand, and the date they resolve to."""

    @property
    def text(self) -> str: ...
    @property
    def start(self) -> int: ...
    @property
    def end(self) -> int: ...
    @property
    def date(self) -> FuzzyDate: ...


D = TypeVar("D", bound=_Dated)


def _parse(text: str) -> FuzzyDate | None:
    try:
        return FuzzyDate.parse(text)
    except InvalidDate:  # "February 29 and March 1, 2023"
        return None


_LISTED = re.compile(r"\s*(?:,\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+)(?:in\s+|on\s+)?")
_A_YEAR = re.compile(r"\b\d{4}\b")
_ONE_DAY_OR_MONTH = re.compile(r"\d{4}(?:-\d{2}){1,2}")


def years_shared(found: list[D], sentence: str) -> dict[int, FuzzyDate]:
    """ "In January and May 2016": a date without a year, listed before one with a year, is
    of that year. The dates to change, by their index in ``found``."""
    shared: dict[int, FuzzyDate] = {}
    for index in range(len(found) - 2, -1, -1):
        first, second = found[index], found[index + 1]
        year = _A_YEAR.search(second.text)
        if (
            year
            and not _A_YEAR.search(first.text)
            and _ONE_DAY_OR_MONTH.fullmatch(str(first.date))
            and _LISTED.fullmatch(sentence, first.end, second.start)
        ):
            date = _parse(year.group(0) + str(first.date)[4:])
            if date is not None:
                shared[index] = date
    return shared


# "in July that year", "in July of the same year": of the year a date before it names
_THAT_YEAR = re.compile(r"\s*,?\s*(?:of\s+)?(?:that|the\s+same)\s+year\b", re.IGNORECASE)


def years_named_before(found: list[D], sentence: str) -> dict[int, FuzzyDate]:
    """ "Launched in April 2023 … held its first session in July that year": a day or month
    without a year, followed by "that year", is of the year of the last date before it that
    names one. The dates to change, by their index in ``found``."""
    named: dict[int, FuzzyDate] = {}
    for index, date in enumerate(found):
        if (
            _A_YEAR.search(date.text)
            or not _ONE_DAY_OR_MONTH.fullmatch(str(date.date))
            or not _THAT_YEAR.match(sentence, date.end)
        ):
            continue
        before = [d for d in found[:index] if _A_YEAR.search(d.text)]
        year = _A_YEAR.search(before[-1].text) if before else None
        if year and (moved := _parse(year.group(0) + str(date.date)[4:])) is not None:
            named[index] = moved
    return named


def listed_with(found: list[D], chosen: D, sentence: str) -> list[D]:
    """The dates listed together with ``chosen`` ("in 2000 and 2007"), itself among them."""
    at = found.index(chosen)
    first = last = at
    while first > 0 and _LISTED.fullmatch(sentence, found[first - 1].end, found[first].start):
        first -= 1
    while last + 1 < len(found) and _LISTED.fullmatch(
        sentence, found[last].end, found[last + 1].start
    ):
        last += 1
    return found[first : last + 1]
