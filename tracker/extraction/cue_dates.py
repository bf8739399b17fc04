"""Which of a sentence's dates are a fact's: not a date another change stands closer to, nor
the start of a gap ("their first round since 2019")."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

from tracker.domain.dates import FuzzyDate
from tracker.extraction.cues import Cue
from tracker.extraction.dates import DateMention
from tracker.extraction.proposal import Proposal


def dates_of(cue: Cue, cues: list[Cue], past: list[DateMention], text: str) -> list[DateMention]:
    """The dates (read as of a report) that may date the fact a cue states."""
    blocking = [
        other
        for other in cues
        if other.kind != cue.kind
        and (other.kind in _CHANGES or (other.kind == "meet" and not _occasion(other, text)))
    ]
    found = [
        m
        for m in past
        if not _beyond(cue, m, blocking)
        and not _since(cue, m, text)
        and not _in_another_clause(cue, m, text)
    ]
    # "The dialogue, which last took place in 2019, was held on Friday": of two meetings
    # held, each is dated by the dates nearest it, if it has any (a plan is dated otherwise)
    meetings = [c for c in cues if c.kind == "meet" and not c.future]
    if cue not in meetings or len(meetings) < 2:
        return found
    own = [m for m in found if min(meetings, key=lambda c: c.distance(m.start, m.end)) is cue]
    return own or found


# ", which had met annually since 2009,": a relative clause of its own
_RELATIVE_CLAUSE = re.compile(r",\s*(?:which|who|that)\b[^,;]*,")


def _in_another_clause(cue: Cue, date: DateMention, text: str) -> bool:
    """True for a date in a relative clause the cue is not in ("replace the Strategic and
    Economic Dialogue, which had met annually since 2009, with a new …": not the new one's)."""
    return any(
        m.start() <= date.start < m.end() and not m.start() <= cue.start < m.end()
        for m in _RELATIVE_CLAUSE.finditer(text)
    )


# "when they met", "at a meeting in Seoul", "halted after the last meeting in 2016": the
# occasion that dates what was done at it, or after it
_OCCASION = re.compile(
    r"\bwhen\s+(?:[\w’'-]+\s+){0,4}$|\b(?:during|at|in|over|after|since|following)\s+$",
    re.IGNORECASE,
)


def _occasion(cue: Cue, text: str) -> bool:
    return bool(
        _OCCASION.search(text, max(0, cue.start - 40), cue.start)
        or re.match(r"(?:during|at|in|over)\b", text[cue.start : cue.end], re.IGNORECASE)
    )


def _beyond(cue: Cue, date: DateMention, cues: list[Cue]) -> bool:
    """True when another fact's words stand between a change and a date: the date is that
    fact's ("established in 2023, held its fourth meeting on October 8")."""
    if cue.kind not in _CHANGES:
        return False  # "agreed Monday to form a group, … would meet once a year": one day
    low, high = sorted((cue.start, date.start))
    return any(low < other.start < high for other in cues)


def _since(cue: Cue, date: DateMention, text: str) -> bool:
    """True for a gap's start, not a meeting's day: "their first round since 2019" (but "has
    not been held since 2009" was held then)."""
    return (
        cue.kind == "meet"
        and re.search(r"\bsince\s+(?:the\s+)?$", text[max(0, date.start - 12) : date.start])
        is not None
        and not re.search(r"\bnot\b", text[cue.start : cue.end])
    )


_CHANGES = frozenset({"open", "suspend", "resume", "conclude"})


# "The dialogue had been suspended during the pandemic": done before the news the article
# reports, not on its day.
_PLUPERFECT = re.compile(r"\bhad\s+(?:been\s+)?(?:\w+ly\s+)?$", re.IGNORECASE)


def before_the_news(
    cue: Cue, text: str, on: FuzzyDate, slug: str, earlier: Iterable[Proposal]
) -> tuple[FuzzyDate, str] | None:
    """For an undated change in the pluperfect, dated to the article's news ``on``: the days
    between the channel's latest fact the article reported before it and the news, and a
    note that says so (or, with no such fact, a note only). None for any other change."""
    if cue.kind not in _CHANGES or not _PLUPERFECT.search(text, 0, cue.start):
        return None
    dated = (
        FuzzyDate.parse(p.on).latest for p in earlier if p.slug == slug and p.command != "open"
    )
    before = [day for day in dated if day < on.earliest]
    if not before:
        return on, "undated, and it had happened before the article's news: give its date"
    if on.earliest == dt.date.min:
        return None  # no day before the first
    start, end = max(before) + dt.timedelta(days=1), on.earliest - dt.timedelta(days=1)
    if end < start:
        return None
    between = FuzzyDate.parse(f"{start}/{end}")
    return between, (
        "undated, and it had happened before the article's news: dated between the channel's "
        "last fact the article reports and the news; give its date"
    )
