"""Placing a date the text gives without its year, for the rules of dates.py: the sentence
and the day it is read against, and the nearest year a date of it falls in, by tense."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from tracker.domain.dates import FuzzyDate, InvalidDate


@dataclass(frozen=True, slots=True)
class Context:
    """What a date is read in: its sentence, the day of publication, and its tense."""

    sentence: str
    published: dt.date
    future: bool


# What a rule makes of its words: the date and whether it is exact; (None, False) for time
# words that give no date (they still hide the words inside them); None for words that are not
# a date at all ("they may meet").
Found = tuple[FuzzyDate | None, bool] | None
NO_DATE: Found = (None, False)


def parse_date(text: str) -> FuzzyDate | None:
    try:
        return FuzzyDate.parse(text)
    except InvalidDate:  # June 31, February 29 of a common year, a range that runs backwards
        return None


def days_between(first: dt.date, last: dt.date) -> FuzzyDate | None:
    if last < first:
        return None
    return FuzzyDate.of(first) if first == last else parse_date(f"{first}/{last}")


def nearest_year(
    make: Callable[[int], str], context: Context, *, forward: bool, strict: bool = False
) -> FuzzyDate | None:
    """The date `make` gives for the nearest year: backward, the latest that had begun by
    publication (strict: had ended before it); forward, the first not yet ended (strict: not
    yet begun). Ten years either way, so that February 29 finds a leap year."""
    published = context.published
    years = range(published.year - 1, published.year + 10)
    for year in years if forward else reversed(range(published.year - 9, published.year + 2)):
        date = parse_date(make(year))
        if date is not None and (
            (date.earliest > published if strict else date.latest >= published)
            if forward
            else (date.latest < published if strict else date.earliest <= published)
        ):
            return date
    return None


def by_tense(make: Callable[[int], str], context: Context) -> FuzzyDate | None:
    return nearest_year(make, context, forward=context.future)
