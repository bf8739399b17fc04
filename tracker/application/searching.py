"""``tracker search``: the live facts whose words hold every word of a search.

What is searched of a fact is its text (``search_text``): its title, location, leads' names,
summary, reason, topics, and its sources' citations, quotes and notes. The projector writes
it to the read model (``rm_search``), where the store's full-text index finds it
(store/readmodel/search.py). An encrypted store's read model holds no such text (an index
would hold its words in clear), and a read-only file's cannot be kept up to date: there the
facts are read from the events instead (``found_in_facts``), by the same rules, more slowly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from tracker.application.errors import BadInput
from tracker.application.readings import moment_of
from tracker.domain.dates import FuzzyDate
from tracker.domain.events import Fact
from tracker.store.readmodel.cursor import ReadModelCursor
from tracker.store.readmodel.schema import FOREVER
from tracker.store.readmodel.search import (
    MARKS,
    SNIPPET_WORDS,
    index_entry,
    lexemes_of,
    matches,
    select_found,
    word_pattern,
    words_of,
)

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


def search(
    app: Any,  # a Queries (application/queries.py, which imports this module)
    text: str,
    channels: Sequence[str],
    limit: int,
    *,
    as_of: dt.date | None,
    known_on: dt.datetime | None,
) -> list[Found]:
    """The facts that hold every word of ``text`` (in these channels, if any are named),
    had occurred by ``as_of`` and counted at ``known_on`` (recorded by then and not retracted
    by then): from the read model's full-text index (caught up first), or from the events in
    an encrypted store or a read-only file. The index holds the rows of earlier moments too
    (closed, not indexed): ``known_on`` reads those closed since then one by one."""
    from tracker.domain.timeline import live_facts

    words = words_of(text)
    if not words:
        raise BadInput("nothing to search for: give one or more words (letters or digits)")
    slugs = list(dict.fromkeys(app._checked(slug) for slug in channels))
    for slug in slugs:
        if not app._ids_present([slug]):
            raise app.no_channel(slug)

    def from_events() -> list[Found]:
        facts = ((s, live_facts(app.channel(s).events, known_on)) for s in slugs or app.slugs())
        with app.store_errors():
            return found_in_facts(facts, words, limit, as_of)

    if app.mapper.cipher is not None or not app._read_model_usable():
        return from_events()
    from tracker.store.readmodel.errors import ReadModelBusy, ReadModelDamaged

    try:
        try:
            app.index_words()
        except ReadModelDamaged as e:
            app._mend_read_model(e)
            app.index_words()
    except ReadModelBusy:
        return from_events()  # another writer holds the store: read the events
    ids = [str(app.channel_id(slug)) for slug in slugs]
    found: list[Found] = app._from_read_model(
        lambda cursor: found_in_read_model(
            cursor, words, ids, limit, as_of=as_of, known_on=known_on
        ),
        from_events,
        None,
    )
    return found


def found_in_read_model(
    cursor: ReadModelCursor,
    words: Sequence[str],
    channel_ids: Sequence[str],
    limit: int,
    *,
    as_of: dt.date | None = None,
    known_on: dt.datetime | None = None,
) -> list[Found]:
    """The facts found by the store's full-text index, in the one order (search.ORDER)."""
    statement, params = select_found(
        words,
        channel_ids,
        limit,
        as_of=as_of.isoformat() if as_of else None,
        moment=None if known_on is None else moment_of(known_on),
        postgres=cursor.store.postgres,
    )
    hit = _hit(words)
    return [
        Found(str(slug), int(seq), str(kind), str(occurred), _snippet(str(text), hit))
        for slug, seq, kind, occurred, text in cursor.execute(statement, params).fetchall()
    ]


def found_in_facts(
    channels: Iterable[tuple[str, Iterable[Fact]]],
    words: Sequence[str],
    limit: int,
    as_of: dt.date | None = None,
) -> list[Found]:
    """The same search over facts read from the events (the live facts, as known at the
    moment wanted), in the same order: the fewest words first, then the latest in valid time,
    then by channel slug and number."""
    hit = _hit(words)
    ranked = []
    for slug, facts in channels:
        for fact in facts:
            if as_of is not None and fact.occurred.earliest > as_of:
                continue
            text = search_text(fact_data(fact))
            length, held = index_entry(text)
            if not held or not matches(words, set(held.split())):
                continue
            found = Found(slug, fact.seq, fact.KIND, str(fact.occurred), _snippet(text, hit))
            ranked.append((length, _negated(fact.occurred.earliest_iso), slug, fact.seq, found))
    ranked.sort(key=lambda r: r[:4])
    return [r[-1] for r in ranked[:limit]]


def _negated(day: str) -> tuple[int, ...]:
    """A key that sorts days (ISO text) latest first."""
    return tuple(-ord(c) for c in day)


def _hit(words: Sequence[str]) -> Callable[[str], bool]:
    """Whether a word as written is one searched for (the last: the start of one), folded."""
    *whole, last = words
    wanted = set(whole)

    def hit(written: str) -> bool:
        return any(w in wanted or w.startswith(last) for w in lexemes_of(written))

    return hit


def _snippet(text: str, hit: Callable[[str], bool]) -> str:
    """About SNIPPET_WORDS words of the text from shortly before the first word found, the
    words found marked: made here, from the text as written, the same for both stores."""
    spans = list(word_pattern(text).finditer(text))
    first = next((i for i, m in enumerate(spans) if hit(m.group())), 0)
    start = max(0, first - SNIPPET_WORDS // 4)
    end = min(len(spans), start + SNIPPET_WORDS)
    at = spans[start].start() if start else 0
    out = ["…" if start else ""]
    for m in spans[start:end]:
        word = m.group()
        out += [text[at : m.start()], f"{MARKS[0]}{word}{MARKS[1]}" if hit(word) else word]
        at = m.end()
    out.append(text[at:] if end == len(spans) else "…")
    return "".join(out)
