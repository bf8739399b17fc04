"""The date expressions of one sentence, resolved against the article's publication date.

Each expression becomes the fuzzy date (EDTF text) of exactly what it says, at its precision:
"in July" is the month, never a day of it; a wrong year is kept ("in August 2020").

- Without a year, a date is placed by the tense of its clause: in a report, the latest that had
  begun by publication (its earliest day on or before it); in a plan, the first that has not
  ended (its latest day on or after it). "The end of the year" in a plan made in December is
  the next year's.
- Vague spans give no date: "recently", "soon", "in recent weeks", "over the last year",
  "fiscal 2024" (not the calendar's year). A decade is its years ("the 1990s": ``1990/1999``,
  which the text states and an interval of years keeps); "the 1900s" (or a century?) gives none.
- Parts of a year are approximate months, as the seed files write them (early ``01~/04~``,
  mid ``05~/08~``, late ``09~/12~``, winter 2024 ``2024-12~/2025-02~``); halves, quarters and
  "earlier/later this year" are exact months. "Early July", "the end of July" are the month.
- Only Capitalised month and weekday names count; "May", "March" and abbreviations only with a
  day, a year, a modifier (last, mid-) or a preposition (in, by, since ...).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from tracker.domain.dates import FuzzyDate, days_in_month
from tracker.extraction import date_words as words
from tracker.extraction.date_lists import years_named_before, years_shared
from tracker.extraction.date_placing import (
    NO_DATE,
    Context,
    Found,
    by_tense,
    days_between,
    nearest_year,
    parse_date,
)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date expression of a sentence and the fuzzy date it resolves to."""

    text: str  # the words as written in the sentence, e.g. "January 30-31"
    start: int  # character offsets in the sentence
    end: int
    date: FuzzyDate
    # True when the text states the day(s) (or today, yesterday, a weekday); False for a month,
    # a year, a season, "this week", "later this year" ...
    exact: bool


def find_dates(sentence: str, published: dt.date, *, future: bool) -> list[DateMention]:
    """Every date expression in the sentence, left to right, non-overlapping (longest wins).
    future=True when the clause is in the future tense (a plan): ambiguous dates are then
    resolved forward (never to the past), else backward (never after `published`, except
    explicit years)."""
    context = Context(sentence, published, future)
    found: list[tuple[int, int, int, tuple[FuzzyDate | None, bool]]] = []
    for order, (pattern, rule) in enumerate(_RULES):
        for match in pattern.finditer(sentence):
            try:
                result = rule(match, context)
            except OverflowError:  # "last week" of an article of the first days of year 1
                result = NO_DATE
            if result is not None:
                found.append((match.start(), match.end(), order, result))
    taken: list[tuple[int, int, tuple[FuzzyDate | None, bool]]] = []
    for start, end, _, result in sorted(found, key=lambda f: (f[0] - f[1], f[0], f[2])):
        if all(end <= s or start >= e for s, e, _ in taken):
            taken.append((start, end, result))
    found_dates = [
        DateMention(sentence[start:end], start, end, date, exact)
        for start, end, (date, exact) in sorted(taken, key=lambda t: t[0])
        if date is not None
    ]
    for index, date in years_shared(found_dates, sentence).items():
        found_dates[index] = replace(found_dates[index], date=date)
    for index, date in years_named_before(found_dates, sentence).items():
        found_dates[index] = replace(found_dates[index], date=date)
    return found_dates


# --- the rules -----------------------------------------------------------------------------------


def _iso(match: re.Match[str], _: Context) -> Found:
    date = parse_date(match[0])
    return NO_DATE if date is None else (date, True)


def _calendar_days(match: re.Match[str], context: Context) -> Found:
    """A day or a range of days written with its month: "July 5", "30-31 January 2020"; two
    days running joined by "and" are one span ("Jan. 9 and 10")."""
    group = match.groupdict()
    joined_by = (group.get("sep") or "").strip().lower()
    between = (group.get("fr") or "").lower() == "between"
    if between and joined_by != "and":
        return None  # "between" goes with "and"
    if group.get("w") and not group["w"][0].isupper():
        return None
    # "30-31 January": the first day's month is the last's; "January 30-31": the reverse.
    first_month = words.month_number(group["m1"] or group["m2"])
    last_month = words.month_number(group.get("m2") or group["m1"])
    if first_month is None or last_month is None:
        return None
    first_day, last_day = words.number(group["d1"]) or 0, words.number(group.get("d2"))
    first_year, last_year = words.number(group.get("y1")), words.number(group.get("y2"))
    wraps = int(last_month < first_month)  # "December 30 to January 2"

    def make(year: int, end_year: int | None = None) -> str:
        first = words.day_text(year, first_month, first_day)
        if last_day is None:
            return first
        return f"{first}/{words.day_text(end_year or year + wraps, last_month, last_day)}"

    if first_year or last_year:
        year = first_year or (last_year or 0) - wraps
        date = parse_date(make(year, last_year))
    else:
        date = by_tense(make, context)
    if date is not None and joined_by == "and" and not between and not _running(date):
        return None  # "5 and 7 June" are two days, not a span
    return NO_DATE if date is None else (date, True)


def _running(date: FuzzyDate) -> bool:
    """Two days running: one meeting over both, not two."""
    return (date.latest - date.earliest).days == 1


def _named_span(match: re.Match[str], context: Context) -> Found:  # noqa: PLR0911
    """A month or season without a day: "July", "in mid-July", "last November", "July of
    2023", "this summer", "last winter", "in the spring"."""
    group = match.groupdict()
    if group.get("season"):
        (first, last), approx = words.SEASONS[group["season"].lower()], "~"
    else:
        month, approx = words.month_number(group["m"]), ""
        if month is None:
            return None
        first = last = month
    rel, published = (group["rel"] or "").lower(), context.published

    def make(year: int) -> str:
        return words.months_text(year, first, last, approx)

    if group.get("y"):
        return parse_date(make(int(group["y"]))), False
    if group.get("yrel"):  # "September last year"
        shift = {"last": -1, "this": 0, "next": 1}[group["yrel"].lower()]
        return parse_date(make(published.year + shift)), False
    if rel == "this" and not group.get("season"):  # "this summer" is by tense, as "summer"
        return parse_date(make(published.year)), False
    if rel in {"last", "next"}:
        return nearest_year(make, context, forward=rel == "next", strict=True), False
    if not (rel or group["mod"]) and not words.alone_is_date(
        context.sentence, match.start(), match.end(), group.get("m")
    ):
        return None
    return by_tense(make, context), False


def _month_range(match: re.Match[str], context: Context) -> Found:
    if (match["sep"].strip().lower() == "and") != bool(match["fr"]):
        return None
    first, last = words.month_number(match["m1"]), words.month_number(match["m2"])
    if first is None or last is None:
        return None
    wraps = int(last < first)

    def make(year: int) -> str:
        return words.months_text(year, first, last + 12 * wraps)

    if match["y1"] and match["y2"]:
        return parse_date(f"{match['y1']}-{first:02d}/{match['y2']}-{last:02d}"), False
    if match["y1"] or match["y2"]:
        year = int(match["y1"]) if match["y1"] else int(match["y2"]) - wraps
        return parse_date(make(year)), False
    return by_tense(make, context), False


def _part_of_year(match: re.Match[str], context: Context) -> Found:
    """ "early 2024", "the end of the year", "the first half of next year", "Q1", "mid-year"."""
    group = match.groupdict()
    if group.get("qh") and not group["qh"][0].isupper():
        return None
    months = words.part_months(match)
    if months is None:
        return None
    first, last, approx = months
    published = context.published

    def make(year: int) -> str:
        return words.months_text(year, first, last, approx)

    rel = (group.get("rel") or "").lower()
    if group.get("y"):
        return parse_date(make(int(group["y"] or 0))), False
    if rel:
        return parse_date(make(published.year + {"this": 0, "next": 1, "last": -1}[rel])), False
    if last == 12 and approx and context.future:  # a plan for the end of the year
        return parse_date(make(published.year + (published.month == 12))), False
    return by_tense(make, context), False


def _relative_day(match: re.Match[str], context: Context) -> Found:
    shift = words.RELATIVE_DAYS.get(" ".join(match[0].lower().split()), 0)
    return FuzzyDate.of(context.published + dt.timedelta(days=shift)), True


def _weekday(match: re.Match[str], context: Context) -> Found:
    """ "Monday": in a report the latest on or before publication, in a plan the next after
    it; "last Monday" before publication, "next Monday" after it. "From Tuesday to Thursday",
    "between Monday and Thursday", "Tuesday and Wednesday" (two days running): the days from
    the first, placed so, to the last."""
    name, rel = match["w"], (match["rel"] or "").lower()
    last = match.groupdict().get("w2") or name
    if (
        not (name[0].isupper() and last[0].isupper())
        or words.word_before(context.sentence, match.start()).lower() in words.NOT_WEEKDAYS
    ):
        return None
    length = (words.WEEKDAYS[last.lower()] - words.WEEKDAYS[name.lower()]) % 7
    if last is not name and not _a_span(match, length):
        return None  # "on Monday and Wednesday": two days, each a date of its own
    weekday, published = words.WEEKDAYS[name.lower()], context.published
    if rel == "next" or (rel != "last" and context.future):
        shift = (weekday - published.weekday() - 1) % 7 + 1
    elif rel == "last":
        shift = -((published.weekday() - weekday - 1) % 7 + 1)
    else:
        shift = -((published.weekday() - weekday) % 7)
    first = published + dt.timedelta(days=shift)
    return days_between(first, first + dt.timedelta(days=length)), True


def _a_span(match: re.Match[str], length: int) -> bool:
    """ "between" goes with "and", "from" with "to"; "and" alone joins two days running."""
    after, joined = (match["fr"] or "").lower(), match["sep"].strip().lower()
    if joined == "and":
        return after == "between" or (not after and length == 1)
    return length > 0 and after != "between"


def _period(match: re.Match[str], context: Context) -> Found:
    """ "this week", "last month", "later this year", "by the end of next month"."""
    rel, unit = " ".join(match["rel"].lower().split()), match["unit"].lower()
    if "end of" in rel:
        if unit != "month":
            return None  # the end of the year is a part of the year; of a week, no date
        rel = {"the": "this"}.get(rel.split()[-1], rel.split()[-1])
    rel = rel.split()[0]  # "earlier in the", "later this": earlier, later
    if unit == "week":
        return _week(rel, context), False
    published, step = context.published, {"last": -1, "next": 1}.get(rel, 0)
    year, month = published.year, published.month
    if unit == "year":
        later = words.months_text(year, min(month + 1, 12), 12)
        earlier = words.months_text(year, 1, month)
        return parse_date(
            {"earlier": earlier, "later": later}.get(rel, f"{year + step:04d}")
        ), False
    if rel == "earlier":
        return days_between(published.replace(day=1), published), False
    if rel == "later":
        last = published.replace(day=days_in_month(year, month))
        return days_between(published + dt.timedelta(days=1), last), False
    year, month = divmod(year * 12 + month - 1 + step, 12)
    return parse_date(f"{year:04d}-{month + 1:02d}"), False


def _week(rel: str, context: Context) -> FuzzyDate | None:
    """Weeks run Monday to Sunday; this week is, in a report, its days up to publication, in a
    plan, its days after it (or, in a plan made on a Sunday, the coming week)."""
    published, day = context.published, dt.timedelta(days=1)
    monday = published - published.weekday() * day
    step = {"last": -1, "next": 1}.get(rel, 0)
    if rel == "this" and context.future and published.weekday() == 6:
        step = 1
    if step:
        return days_between(monday + 7 * step * day, monday + (7 * step + 6) * day)
    if rel == "earlier" or (rel == "this" and not context.future):
        return days_between(monday, published)
    return days_between(published + day, monday + 6 * day)


def _year(match: re.Match[str], context: Context) -> Found:
    """A bare year: "in 2020", "2024 will", "(2020)"; not a count ("for 2020 people"), an
    amount ("$2020") or a name ("Resolution 2020", "Vision 2030")."""
    before = words.word_before(context.sentence, match.start())
    if before.lower() not in words.STRONG_YEAR_CUES:
        if before.lower() not in words.YEAR_CUES and before[:1].isupper():
            return None
        after = re.match(r"\s+([a-z]+)\b", context.sentence[match.end() :])
        if after and after[1] not in words.YEAR_FOLLOWERS:
            return None
    return parse_date(match["y"]), False


def _year_range(match: re.Match[str], _: Context) -> Found:
    if (match["sep"].strip().lower() == "and") != bool(match["fr"]):
        return None
    first, last = int(match["y1"]), match["y2"]
    end = int(last) if len(last) == 4 else first // 100 * 100 + int(last)
    return (parse_date(f"{first:04d}/{end:04d}"), False) if end > first else None


def _decade(match: re.Match[str], _: Context) -> Found:
    first = int(match["dec"])
    return NO_DATE if first % 100 == 0 else (parse_date(f"{first:04d}/{first + 9:04d}"), False)


def _vague(_match: re.Match[str], _: Context) -> Found:
    return NO_DATE


_RULES: list[tuple[re.Pattern[str], Callable[[re.Match[str], Context], Found]]] = [
    (words.VAGUE, _vague),
    (words.ISO, _iso),
    (words.MDY_RANGE, _calendar_days),
    (words.DMY_RANGE, _calendar_days),
    (words.MDY, _calendar_days),
    (words.DMY, _calendar_days),
    (words.MONTH_RANGE, _month_range),
    (words.PART_OF_YEAR, _part_of_year),
    (words.SHORT_PART, _part_of_year),
    (words.MONTH_ALONE, _named_span),
    (words.SEASON, _named_span),
    (words.RELATIVE_DAY, _relative_day),
    (words.WEEKDAY_RANGE, _weekday),
    (words.WEEKDAY_ALONE, _weekday),
    (words.PERIOD, _period),
    (words.YEAR_RANGE, _year_range),
    (words.DECADE, _decade),
    (words.YEAR_ALONE, _year),
]
