"""``tracker search``: the live facts whose words hold every word of a search.

What is searched of a fact is its text (``search_text``): its title, location, leads' names,
summary, reason, topics, and its sources' citations, quotes and notes. The projector writes
it to the read model (``rm_search``), where the store's full-text index finds it
(store/readmodel/search.py). An encrypted store's read model holds no such text (an index
would hold its words in clear), and a read-only file's cannot be kept up to date: there the
facts are read from the events instead (``found_in_facts``), by the same rules, more slowly.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tracker.domain.dates import FuzzyDate
from tracker.domain.events import Fact
from tracker.store.readmodel.cursor import ReadModelCursor
from tracker.store.readmodel.schema import FOREVER
from tracker.store.readmodel.search import MARKS, SNIPPET_WORDS, WORD, lexemes_of, select_found

SEPARATOR = " | "  # between the texts of one fact


@dataclass(frozen=True)
class Found:
    """A fact that holds every word searched for, with a snippet of its text."""

    channel: str
    seq: int
    kind: str
    occurred: str
    snippet: str


def search_text(data: Mapping[str, Any]) -> str:
    """The searchable text of a fact, given as its JSON payload."""
    parts = [data[name] for name in ("title", "location", "summary", "reason") if data.get(name)]
    parts += [lead["name"] for lead in data.get("leads") or ()]
    parts += data.get("topics") or ()
    for source in data.get("sources") or ():
        parts += [source[name] for name in ("citation", "quote", "note") if source.get(name)]
    # A NUL is no part of a word, and PostgreSQL's text holds none: it separates, as a space.
    return SEPARATOR.join(parts).replace("\x00", " ")


def fact_data(fact: Fact) -> dict[str, Any]:
    """A fact as its JSON payload (as search_text reads it)."""
    return fact.model_dump(mode="json", exclude_none=True)


def search_row(  # noqa: PLR0917 (the row's columns, in order)
    key: str, seq: int, known_from: int, kind: str, occurred: FuzzyDate, data: Mapping[str, Any]
) -> tuple[Any, ...]:
    """The row of rm_search of one fact (its columns: schema.SEARCH_COLUMNS)."""
    return (
        key, seq, known_from, FOREVER, kind, str(occurred), occurred.earliest_iso,
        search_text(data),
    )  # fmt: skip


def found_in_read_model(
    cursor: ReadModelCursor, words: Sequence[str], channel_ids: Sequence[str], limit: int
) -> list[Found]:
    """The facts found by the store's full-text index, best match first."""
    statement, params = select_found(words, channel_ids, limit, postgres=cursor.store.postgres)
    return [
        Found(str(slug), int(seq), str(kind), str(occurred), str(snippet))
        for slug, seq, kind, occurred, snippet in cursor.execute(statement, params).fetchall()
    ]


def found_in_facts(
    channels: Iterable[tuple[str, Iterable[Fact]]], words: Sequence[str], limit: int
) -> list[Found]:
    """The same search over facts read from the events: every word, the last as a prefix, in
    any case; the facts where the words found are the largest share of the words come first,
    then the latest."""
    *whole, last = lexemes_of(" ".join(words))
    wanted = set(whole)

    def hit(word: str) -> bool:
        return word in wanted or word.startswith(last)

    ranked = []
    for slug, facts in channels:
        for fact in facts:
            text = search_text(fact_data(fact))
            tokens = lexemes_of(text)
            present = set(tokens)
            if not wanted <= present or not any(t.startswith(last) for t in present):
                continue
            share = sum(map(hit, tokens)) / len(tokens)
            found = Found(slug, fact.seq, fact.KIND, str(fact.occurred), _snippet(text, hit))
            ranked.append((-share, _negated(fact.occurred.earliest_iso), slug, fact.seq, found))
    ranked.sort(key=lambda r: r[:4])
    return [r[-1] for r in ranked[:limit]]


def _negated(day: str) -> tuple[int, ...]:
    """A key that sorts days (ISO text) latest first."""
    return tuple(-ord(c) for c in day)


def _snippet(text: str, hit: Any) -> str:
    """About SNIPPET_WORDS words of the text from shortly before the first word found, the
    words found marked, as the stores' snippets are."""
    spans = list(WORD.finditer(text))
    first = next(i for i, m in enumerate(spans) if hit(m.group().lower()))
    start = max(0, first - SNIPPET_WORDS // 4)
    end = min(len(spans), start + SNIPPET_WORDS)
    at = spans[start].start() if start else 0
    out = ["…" if start else ""]
    for m in spans[start:end]:
        word = m.group()
        out += [
            text[at : m.start()],
            f"{MARKS[0]}{word}{MARKS[1]}" if hit(word.lower()) else word,
        ]
        at = m.end()
    out.append(text[at:] if end == len(spans) else "…")
    return "".join(out)
