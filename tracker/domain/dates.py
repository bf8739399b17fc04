"""Fuzzy dates: the real-world date of a fact, with the precision it was reported at.

Analysts rarely know the exact day. A fact may be dated to a year (``2023``), a month
(``2023-08``), a day (``2023-08-28``), an interval (``2023-07-16/2023-07-19``) and may be
approximate (``2024-04~``). These are the ISO 8601 / EDTF level-1 forms; the text an analyst
typed is kept as the canonical form so its precision is never silently widened.

Ordering and "as of" use the earliest day a date could mean; overdue checks use the latest.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Literal

from pydantic import GetCoreSchemaHandler
from pydantic_core import core_schema

Precision = Literal["year", "month", "day"]

_POINT = re.compile(
    r"(?P<year>[0-9]{4})(?:-(?P<month>[0-9]{2})(?:-(?P<day>[0-9]{2}))?)?(?P<approx>~)?"
)

_FORMS = "2023, 2023-08, 2023-08-28, 2024-04~ or an interval 2023-07-16/2023-07-19"


class InvalidDate(ValueError):
    """The text is not a date this tracker understands."""


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    # calendar.monthrange also works out the weekday, which costs more than the rest of parsing.
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS[month - 1]


@dataclass(frozen=True, slots=True)
class DatePoint:
    """One end of a fuzzy date: a year, month or day, perhaps approximate."""

    year: int
    month: int | None = None
    day: int | None = None
    approximate: bool = False

    @property
    def precision(self) -> Precision:
        if self.day is not None:
            return "day"
        if self.month is not None:
            return "month"
        return "year"

    @property
    def earliest(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    @property
    def latest(self) -> dt.date:
        if self.day is not None:
            return dt.date(self.year, self.month or 1, self.day)
        if self.month is not None:
            return dt.date(self.year, self.month, days_in_month(self.year, self.month))
        return dt.date(self.year, 12, 31)

    def __str__(self) -> str:
        text = f"{self.year:04d}"
        if self.month is not None:
            text += f"-{self.month:02d}"
        if self.day is not None:
            text += f"-{self.day:02d}"
        return text + ("~" if self.approximate else "")

    @classmethod
    def parse(cls, text: str) -> DatePoint:
        match = _POINT.fullmatch(text)
        if match is None:
            raise InvalidDate(f"{text!r} is not a date; use {_FORMS}")
        year = int(match["year"])
        month = int(match["month"]) if match["month"] else None
        day = int(match["day"]) if match["day"] else None
        if year < 1:
            raise InvalidDate(f"{text!r} has no year 0000; years start at 0001")
        if month is not None and not 1 <= month <= 12:
            raise InvalidDate(f"{text!r} has no month {month:02d}; months run 01 to 12")
        if day is not None and month is not None:
            last = days_in_month(year, month)
            if not 1 <= day <= last:
                raise InvalidDate(
                    f"{text!r} is not a day of the calendar: "
                    f"{calendar.month_name[month]} {year} has {last} days"
                )
        return cls(year=year, month=month, day=day, approximate=bool(match["approx"]))


@dataclass(frozen=True, slots=True)
class FuzzyDate:
    """A point or an interval in valid time, keeping the precision it was given with."""

    start: DatePoint
    end: DatePoint | None = None
    # Worked out once: ordering, as-of and overdue ask for them on every fact of every fold.
    _text: str = field(init=False, repr=False, compare=False)
    _earliest: dt.date = field(init=False, repr=False, compare=False)
    _latest: dt.date = field(init=False, repr=False, compare=False)
    earliest_iso: str = field(init=False, repr=False, compare=False)
    latest_iso: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        text = str(self.start) if self.end is None else f"{self.start}/{self.end}"
        earliest, latest = self.start.earliest, (self.end or self.start).latest
        object.__setattr__(self, "_text", text)
        object.__setattr__(self, "_earliest", earliest)
        object.__setattr__(self, "_latest", latest)
        object.__setattr__(self, "earliest_iso", earliest.isoformat())
        object.__setattr__(self, "latest_iso", latest.isoformat())

    @classmethod
    def parse(cls, text: str) -> FuzzyDate:
        """Parse an EDTF level-1 date or interval; raise InvalidDate saying what is wrong."""
        return _parse(text)

    @classmethod
    def _exact_day(cls, text: str) -> FuzzyDate | None:
        """``YYYY-MM-DD`` (most stored dates), made without the general parser and
        ``__post_init__``: the same date, in a quarter of the time. None for any other text.

        Kept for its figure in `make bench` ("What each speed trick buys"): reading 50,000
        stored dates took 43 to 64% longer without it (two runs, 2026-12-03)."""
        if not (
            len(text) == 10
            and text[4] == text[7] == "-"
            and text.isascii()
            and (text[:4] + text[5:7] + text[8:]).isdigit()
        ):
            return None
        try:
            day = dt.date.fromisoformat(text)
        except ValueError:
            return None  # the general parser says what is wrong with it
        made = object.__new__(cls)
        # The fields __post_init__ sets, as it would set them: the text of an exact day is its
        # canonical text and its ISO form; the earliest and the latest day are that day.
        for name, value in (
            ("start", DatePoint(day.year, day.month, day.day)),
            ("end", None),
            ("_text", text),
            ("_earliest", day),
            ("_latest", day),
            ("earliest_iso", text),
            ("latest_iso", text),
        ):
            object.__setattr__(made, name, value)
        return made

    @classmethod
    def _exact_window(cls, text: str) -> FuzzyDate | None:
        """``YYYY-MM-DD/YYYY-MM-DD`` (a window of exact days, as plans are agreed), made from
        its two days the quick way: the same date as the general parser's. None for any other
        text, and for a window that ends before it starts (the general parser says so).

        Kept for its figure in `make bench` ("What each speed trick buys", with
        ``_exact_day``): the dashboard of 10,000 channels from the read model (its plans'
        windows some 4,000 distinct texts), in a process that had parsed none of its dates,
        took 9% (73 ms) longer without it in two runs of three (2026-12-03, a busy machine)."""
        if len(text) != 21 or text[10] != "/":
            return None
        first, last = cls._exact_day(text[:10]), cls._exact_day(text[11:])
        if first is None or last is None or last._latest < first._earliest:
            return None
        made = object.__new__(cls)
        for name, value in (
            ("start", first.start),
            ("end", last.start),
            ("_text", text),
            ("_earliest", first._earliest),
            ("_latest", last._latest),
            ("earliest_iso", first.earliest_iso),
            ("latest_iso", last.latest_iso),
        ):
            object.__setattr__(made, name, value)
        return made

    @classmethod
    def _parse(cls, text: str) -> FuzzyDate:
        text = text.strip()
        if not text:
            raise InvalidDate(f"a date is required; use {_FORMS}")
        if "/" in text:
            first, _, second = text.partition("/")
            try:
                start, end = DatePoint.parse(first), DatePoint.parse(second)
            except InvalidDate as e:
                raise InvalidDate(f"{text!r} is not an interval: {e}") from None
            if end.latest < start.earliest:
                raise InvalidDate(f"the interval {text!r} ends before it starts")
            return cls(start=start, end=end)
        return cls(start=DatePoint.parse(text))

    @classmethod
    def of(cls, day: dt.date) -> FuzzyDate:
        """The exact day, as a fuzzy date of day precision."""
        return cls(start=DatePoint(day.year, day.month, day.day))

    @property
    def earliest(self) -> dt.date:
        """The earliest day this date could mean: used for ordering and 'as of'."""
        return self._earliest

    @property
    def latest(self) -> dt.date:
        """The latest day this date could mean: used for overdue checks."""
        return self._latest

    @property
    def precision(self) -> str:
        return "interval" if self.end is not None else self.start.precision

    @property
    def approximate(self) -> bool:
        return self.start.approximate or (self.end is not None and self.end.approximate)

    def __str__(self) -> str:
        return self._text

    def __repr__(self) -> str:
        return f"FuzzyDate({str(self)!r})"

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source: type[Any], handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        # Stored and shown in its EDTF text form, so precision survives every round trip.
        def validate(value: object) -> FuzzyDate:
            if isinstance(value, str):
                return _parse(value)
            if isinstance(value, FuzzyDate):
                return value
            if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
                return cls.of(value)
            raise InvalidDate(_not_a_date(value))

        return core_schema.no_info_plain_validator_function(
            validate, serialization=core_schema.to_string_ser_schema()
        )


def _not_a_date(value: object) -> str:
    """Why a value that is no text is not a date, shown as written (a seed file's TOML reads
    2023-08-28T10:00 as a moment, not as text), never as Python's repr."""
    if isinstance(value, dt.datetime):
        return (
            f"{value.isoformat()} is a moment, not a date: give its day ({value.date()}) or "
            f"use {_FORMS}"
        )
    if isinstance(value, dt.time):
        return f"{value.isoformat()} is a time of day, not a date; use {_FORMS}"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f'{value} is a number, not a date: write it as text ("{value}"); use {_FORMS}'
    # true, null, a list: as JSON writes them (TOML writes true alike).
    shown = json.dumps(value, ensure_ascii=False, default=repr)
    shown = shown if len(shown) <= 40 else f"{shown[:37]}…"
    return f"{shown} is not a date; use {_FORMS}"


@lru_cache(maxsize=65536)
def _parse(text: str) -> FuzzyDate:
    # Values are immutable, and stored events repeat the same few thousand dates. Its figure in
    # `make bench` ("What each speed trick buys"): reading 50,000 stored dates took 6 to 7
    # times as long without the cache (two runs, 2026-12-03).
    return FuzzyDate._exact_day(text) or FuzzyDate._exact_window(text) or FuzzyDate._parse(text)


def parse_day(text: str) -> dt.date:
    """Parse an exact calendar day (``2023-01-01``), as used by ``--as-of``."""
    try:
        point = DatePoint.parse(text.strip())
    except InvalidDate:
        raise InvalidDate(f"{text!r} is not a day; use YYYY-MM-DD, e.g. 2023-01-01") from None
    if point.precision != "day" or point.approximate:
        # "As of 2023" is ambiguous; the earliest/latest rule would silently pick one.
        raise InvalidDate(f"{text!r} is not a single day; use YYYY-MM-DD, e.g. 2023-01-01")
    return point.earliest
