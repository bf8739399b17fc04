"""The words dates are written with in English news and readouts: the regular expressions
tracker.extraction.dates finds them with, and the months they name.

Each pattern is matched case-insensitively; the names of months and weekdays must still be
Capitalised, which month_number and the rules check ("may" is a verb). The named groups are
what the rules read.
"""

from __future__ import annotations

import calendar
import re

MONTHS: dict[str, int] = {name.lower(): n for n, name in enumerate(calendar.month_name) if name}
MONTHS |= {name.lower(): n for n, name in enumerate(calendar.month_abbr) if name} | {"sept": 9}
# Month names that are also everyday words or names: a date only with a day, a year or a cue.
AMBIGUOUS_MONTHS = frozenset({"may", "march"}) | (
    MONTHS.keys() - {m.lower() for m in calendar.month_name}
)

WEEKDAYS: dict[str, int] = {name.lower(): n for n, name in enumerate(calendar.day_name)}
# "Black Friday", "Good Friday", "Super Tuesday": named days, not dates.
NOT_WEEKDAYS = frozenset(
    {"black", "good", "cyber", "ash", "super", "holy", "maundy", "palm", "easter"}
)

# First and last month of each season (northern hemisphere); winter runs into the next year.
SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
    "winter": (12, 14),
}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "final": 4, "last": 4, "latter": 2}

# Words before a bare month, season or year that make it a date: "in May", "since 2020".
CUES = frozenset(
    {"in", "since", "until", "till", "by", "before", "after", "during", "from", "through"}
    | {"throughout", "for", "between", "around", "over"}
)
# A year after these is one even before a lowercase word ("in 2020 people voted"); after the
# others, not ("for 2020 people", "the 2020 people", "2020 people").
STRONG_YEAR_CUES = frozenset({"in", "since", "until", "till", "by", "before", "after", "during"})
YEAR_CUES = CUES | {"of", "to", "and", "or", "the", "year", "than", "circa", "c"}
# Words that may follow a bare year at the start of a clause: "2024 will be ...".
YEAR_FOLLOWERS = frozenset(
    {"was", "is", "will", "would", "saw", "marked", "has", "had", "could", "should", "may"}
    | {"might", "must", "brought", "began", "ended", "and", "or", "to", "when", "as", "onwards"}
)

_FLAGS = re.IGNORECASE | re.VERBOSE
MONTH = (
    r"(?:\b(?:january|february|march|april|may|june|july|august|september|october|november"
    r"|december)\b|\b(?:jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec)\b\.?)"
)
WEEKDAY = r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b"
# A day of the month: not part of a number, a time ("5:30"), a fraction or a percentage.
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?(?![\w%]|[.,:/]\d)"
DAY_START = r"(?<![\w$€£.,:/-])"
YEAR_DIGITS = r"(?:19\d\d|20\d\d|2100)"
YEAR = YEAR_DIGITS + r"(?![\w%]|[.,:/-]\d)"
YEAR_START = r"(?<![\w$€£¥#+.,/-])"
DAY_SEP = r"(?P<sep>\s*[-–—]\s*|\s+(?:to|through|until|till|and)\s+)"
_OPT_YEAR = r"(?:,?\s+(?P<{}>" + YEAR + r"))?"

ISO = re.compile(r"(?<![\w/.-])(?P<y>\d{4})-(?P<m>\d\d)-(?P<d>\d\d)(?![\w/]|[-.]\d)")
# "July 5", "Monday, July 5th, 2023"; "January 30-31", "from May 21 to 23", "May 21-23, 2024"
MDY = re.compile(
    rf"\b(?:(?P<w>{WEEKDAY}),?\s+)?(?P<m1>{MONTH})\s+(?P<d1>{DAY}){_OPT_YEAR.format('y1')}", _FLAGS
)
MDY_RANGE = re.compile(
    rf"""\b(?:(?P<fr>from|between)\s+)?(?:{WEEKDAY},?\s+)?(?P<m1>{MONTH})\s+(?P<d1>{DAY})
    {_OPT_YEAR.format("y1")} {DAY_SEP} (?:{WEEKDAY},?\s+)?(?:(?P<m2>{MONTH})\s+)?(?P<d2>{DAY})
    {_OPT_YEAR.format("y2")}""",
    _FLAGS,
)
# "5 July", "the 5th of July 2023"; "30-31 January 2020", "between 5 and 7 June"
DMY = re.compile(
    rf"""\b(?:(?P<w>{WEEKDAY}),?\s+)?(?:the\s+)?{DAY_START}(?P<d1>{DAY})(?:\s+of)?\s+
    (?P<m1>{MONTH}){_OPT_YEAR.format("y1")}""",
    _FLAGS,
)
DMY_RANGE = re.compile(
    rf"""\b(?:(?P<fr>from|between)\s+)?{DAY_START}(?P<d1>{DAY})(?:\s+(?P<m1>{MONTH})
    {_OPT_YEAR.format("y1")})? {DAY_SEP} (?:the\s+)?(?P<d2>{DAY})(?:\s+of)?\s+(?P<m2>{MONTH})
    {_OPT_YEAR.format("y2")}""",
    _FLAGS,
)
# "July", "in mid-July", "the end of July 2024", "last November", "August of 2020"
MONTH_ALONE = re.compile(
    rf"""\b(?:(?P<mod>early|late|mid-?|(?:the\s+)?(?:beginning|start|middle|end)\s+of)\s*
    |(?P<rel>last|next|this)\s+)?(?P<m>{MONTH})(?:,?\s+(?:of\s+)?(?P<y>{YEAR})
    |\s+(?:of\s+)?(?P<yrel>last|this|next)\s+year\b)?""",
    _FLAGS,
)
# "June-August 2024", "between June and August"
MONTH_RANGE = re.compile(
    rf"""\b(?:(?P<fr>between)\s+)?(?P<m1>{MONTH})(?:\s+(?P<y1>{YEAR}))?
    (?P<sep>\s*[-–—]\s*|\s+and\s+)(?P<m2>{MONTH}){_OPT_YEAR.format("y2")}""",
    _FLAGS,
)
_PART = r"""\b(?P<part>early(?:\s+in)?|(?:the\s+)?(?:beginning|start)\s+of|mid-?
    |(?:the\s+)?middle\s+of|late(?:\s+in)?|(?:the\s+)?end\s+of|end-
    |(?:the\s+)?(?P<half>first|second|latter)\s+half\s+of
    |(?:the\s+)?(?P<qo>first|second|third|fourth|final|last)\s+quarter\s+of
    |(?:the\s+)?(?P<season>spring|summer|autumn|fall|winter)(?:\s+of)?)"""
# "early 2024", "mid-2024", "the end of the year", "the first half of next year", "spring 2024"
PART_OF_YEAR = re.compile(
    rf"""{_PART}\s*(?:(?P<y>{YEAR})|(?P<rel>this|next|last)\s+year
    |the\s+(?:current\s+)?year)""",
    _FLAGS,
)
# "Q1 2024", "H2", "the second half", "in the first quarter", "mid-year", "by year-end"
SHORT_PART = re.compile(
    rf"""\b(?P<qh>[qh][1-4])\b(?:\s+(?:of\s+)?(?P<y>{YEAR}))?
    |\b(?:the\s+)?(?:(?P<half>first|second|latter)\s+half|(?P<qo>first|second|third|fourth|final)
    \s+quarter)\b(?!\s+of\b)
    |\b(?P<part>mid-?year|year[-\s]end|year's\s+end)\b""",
    _FLAGS,
)
# "this summer", "last winter", "in the spring", "early summer" (not "the fall of Kabul")
SEASON = re.compile(
    r"""\b(?:(?P<rel>this|last|next)\s+|(?P<mod>early|late|mid-?)\s*)?(?:the\s+)?
    \b(?P<season>spring|summer|autumn|fall|winter)\b(?!\s+of\b|-)""",
    _FLAGS,
)
RELATIVE_DAY = re.compile(
    r"""\b(?:today|tonight|yesterday|tomorrow|this\s+(?:morning|afternoon|evening)|last\s+night
    |(?:earlier|later)\s+today)\b""",
    _FLAGS,
)
RELATIVE_DAYS = {"yesterday": -1, "tomorrow": 1, "last night": -1}
WEEKDAY_ALONE = re.compile(rf"(?:\b(?P<rel>last|next|this)\s+)?(?P<w>{WEEKDAY})", _FLAGS)
# "Tuesday and Wednesday", "from Tuesday to Thursday", "Tuesday-Thursday": one span of days
WEEKDAY_RANGE = re.compile(
    rf"""(?:\b(?P<fr>from|between)\s+)?(?:\b(?P<rel>last|next|this)\s+)?(?P<w>{WEEKDAY})
    {DAY_SEP}(?P<w2>{WEEKDAY})""",
    _FLAGS,
)
# "this week", "later this month", "earlier in the year", "by the end of next month"
PERIOD = re.compile(
    r"""\b(?P<rel>this|last|next|earlier\s+this|later\s+this|(?:earlier|later)\s+in\s+the
    |(?:the\s+)?end\s+of\s+(?:the|this|next|last))\s+(?P<unit>week|month|year)\b""",
    _FLAGS,
)
YEAR_ALONE = re.compile(rf"{YEAR_START}(?P<y>{YEAR})", _FLAGS)
# "2023-2024", "2023-24" (a hyphen or a dash), "between 2020 and 2022"
YEAR_RANGE = re.compile(
    rf"""\b(?:(?P<fr>between)\s+)?{YEAR_START}(?P<y1>{YEAR_DIGITS})(?P<sep>\s*[-–—]\s*|\s+and\s+)
    (?P<y2>{YEAR}|\d\d(?![\w%]|[.,:/-]\d))""",
    _FLAGS,
)
DECADE = re.compile(r"\b(?:the\s+)?(?:(?:early|mid-?|late)\s*)?\b(?P<dec>(?:19|20)\d0)s\b", _FLAGS)
# Time words that give no date; matched so that the words inside them give none either
# ("over the last year" is not last year).
VAGUE = re.compile(
    r"""\b(?:recently|soon|shortly|regularly|in\s+due\s+course|at\s+an?\s+(?:early|later)\s+date
    |in\s+recent\s+(?:days|weeks|months|years)
    |(?:the|these)\s+(?:coming|past|last|next|previous)\s+(?:(?:few|several|couple\s+of|two
    |three|four|five|six|seven|eight|nine|ten|twelve|\d+)\s+)?(?:days?|weeks?|months?|years?)
    |fiscal(?:\s+year)?\s+(?:19|20)\d\d|financial\s+year\s+(?:19|20)\d\d|FY\s?(?:19|20)?\d\d)
    (?:[-–/]\d\d(?:\d\d)?)?\b""",
    _FLAGS,
)


def month_number(token: str | None) -> int | None:
    """1 to 12 for a Capitalised month name or abbreviation ("Sept."), else None."""
    if not token or not token[0].isupper():
        return None
    return MONTHS.get(token.rstrip(".").lower())


def part_months(match: re.Match[str]) -> tuple[int, int, str] | None:
    """The first and last month of "early", "the first half", "Q3", "winter" ... (the last may
    pass 12: winter ends in the next year), and "~" when they are approximate."""
    group = match.groupdict("")
    part = " ".join(group.get("part", "").lower().replace("-", " ").split())
    short = group.get("qh", "").lower()
    if group.get("season"):
        return (*SEASONS[group["season"].lower()], "~")
    if group.get("half") or short.startswith("h"):
        half = ORDINALS.get(group.get("half", "").lower()) or int(short[1:])
        return None if half > 2 else (6 * half - 5, 6 * half, "")
    if group.get("qo") or short.startswith("q"):
        quarter = ORDINALS.get(group.get("qo", "").lower()) or int(short[1:])
        return 3 * quarter - 2, 3 * quarter, ""
    if part.startswith(("early", "the beginning", "beginning", "the start", "start")):
        return 1, 4, "~"
    if part.startswith(("mid", "the middle", "middle")):
        return 5, 8, "~"
    return 9, 12, "~"  # late, the end of, year-end


def months_text(year: int, first: int, last: int, approx: str = "") -> str:
    """EDTF text for months first..last of a year (last may pass 12)."""
    end_year, last = year + (last - 1) // 12, (last - 1) % 12 + 1
    start = f"{year:04d}-{first:02d}{approx}"
    if (end_year, last) == (year, first):
        return start
    return f"{start}/{end_year:04d}-{last:02d}{approx}"


def day_text(year: int, month: int, day: int) -> str:
    return f"{year:04d}-{month:02d}-{day:02d}"


def number(text: str | None) -> int | None:
    """The number in "5th", "2024"; None for no text."""
    return int(re.sub(r"\D", "", text)) if text else None


def word_before(sentence: str, start: int) -> str:
    """The word just before `start`, separated from it only by spaces; '' if none."""
    found = re.search(r"([A-Za-z]+)\.?\s+$", sentence[:start])
    return found[1] if found else ""


def name_follows(sentence: str, end: int) -> bool:
    """A Capitalised word follows: "April Ryan", "the Winter Olympics"."""
    return re.match(r"\s+[A-Z][a-z]", sentence[end:]) is not None


def alone_is_date(sentence: str, start: int, end: int, month: str | None) -> bool:
    """Whether a month (or, month None, a season) named alone is a date: after a preposition
    ("in May", "by summer"), or a month that is no everyday word ("May", "March", "Jan") and
    begins no name ("April Ryan"); a season never begins one ("the Winter Olympics")."""
    cue = word_before(sentence, start).lower() in CUES
    if month is None:
        return cue and not name_follows(sentence, end)
    ambiguous = month.rstrip(".").lower() in AMBIGUOUS_MONTHS
    return cue or not (ambiguous or name_follows(sentence, end))
