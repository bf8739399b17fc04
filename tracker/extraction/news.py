"""An article's sentences with their dates, and the days its news happened on."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from tracker.extraction.dates import DateMention, find_dates
from tracker.extraction.openings import headline
from tracker.extraction.sentences import Sentence, sentences
from tracker.extraction.when import bracketed

NEWS_DAYS = 14  # how far back from publication a day may be a day of the article's news


@dataclass(frozen=True, slots=True)
class Dates:
    """The dates of one sentence, read as of a report (past) and as of a plan (future)."""

    past: list[DateMention]
    future: list[DateMention]
    # Where the words of a fact end: the next meeting's verb ("which last took place in 2019,
    # was held in Chongqing": Chongqing is the second meeting's place, not the first's).
    reach: int | None = None


def dated_sentences(article: str, published: dt.date) -> list[tuple[Sentence, Dates]]:
    """The sentences of the article's body, each with its dates. A headline, subheading or
    caption (the first lines, or a short line without a full stop) is left out: the body
    states what it does, in a sentence."""
    return [
        (
            s,
            Dates(
                find_dates(s.text, published, future=False),
                find_dates(s.text, published, future=True),
            ),
        )
        for s in sentences(article)
        if not _heading(s)
    ]


def news_days(dated: list[tuple[Sentence, Dates]], published: dt.date) -> list[dt.date]:
    """The days the article's news happened on (the days of the last two weeks it names),
    wherever in the article it names them ("The announcement came after they met on
    Tuesday"): what an undated fact is dated to."""
    days: list[dt.date] = []
    for sentence, dates in dated:
        # "will hold talks on Tuesday" is next Tuesday, not last: no day of the news
        ahead = {m.start for m in dates.future if m.date.earliest > published}
        coming = _COMING.search(sentence.text) is not None
        days.extend(
            day
            for m in dates.past
            # both ends of "on Tuesday and Wednesday", but not a day after publication
            for day in {m.date.earliest, min(m.date.latest, published)}
            if m.exact
            and 0 <= (published - m.date.earliest).days <= NEWS_DAYS
            and not bracketed(sentence.text, m.start)
            and not (coming and m.start in ahead)
        )
    return days


_COMING = re.compile(r"\b(?:will|shall|to be held|scheduled|plans? to|is to|are to)\b")


def _heading(sentence: Sentence) -> bool:
    return (
        sentence.whole_paragraph
        and headline(sentence.text)
        and (sentence.paragraph <= 1 or len(sentence.text.split()) <= 12)
    )
