"""Full-text search of the read model's texts (``rm_search``): the words of a search, the query
each store is given, and the statement that finds the current facts holding every word.

A search is never handed to a store's query language as written: its words are cut out of it
here (letters and digits; everything else only separates them) and each is quoted, so that
quotes, ``*``, ``NEAR``, ``:``, ``&``, ``!`` or parentheses in it are never query syntax. Every
word must be found (AND), in any case; the last one may be the start of a word ("meet" finds
"meeting"). Found facts come best match first (SQLite's bm25, PostgreSQL's ts_rank), then the
latest in valid time, each with a snippet of its text, the words found in [brackets].
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from tracker.store.readmodel.schema import FOREVER

WORD = re.compile(r"[^\W_]+")  # as SQLite's unicode61 and the PostgreSQL column (schema) cut them
MARKS = ("[", "]")  # around each word found, in a snippet
SNIPPET_WORDS = 16
HEADLINE = (
    f"StartSel={MARKS[0]}, StopSel={MARKS[1]}, MaxWords={SNIPPET_WORDS}, MinWords=6, "
    'ShortWord=0, MaxFragments=2, FragmentDelimiter=" … "'
)


def words_of(text: str) -> list[str]:
    """The words of a text, as the search cuts them (letters and digits, in any script)."""
    return WORD.findall(text)


LONGEST_LEXEME = 2047  # bytes: PostgreSQL refuses a longer word in a tsvector


def lexemes_of(text: str) -> list[str]:
    """The words of a text in lower case, as PostgreSQL's column and query hold them."""
    return WORD.findall(text.lower())


def tsvector_of(text: str) -> str:
    """The distinct words of a text as a PostgreSQL tsvector (its text form: 'a' 'b' …),
    without positions, which nothing reads (a snippet is made from the text): cut by the same
    rule as SQLite's and a search's words."""
    return " ".join(
        f"'{lexeme}'"
        for lexeme in set(lexemes_of(text))
        if len(lexeme) * 4 <= LONGEST_LEXEME or len(lexeme.encode()) <= LONGEST_LEXEME
    )


def fts5_query(words: Sequence[str]) -> str:
    """An FTS5 query for every word, the last one as a prefix: each word quoted."""
    *whole, last = words
    return " ".join([*(f'"{w}"' for w in whole), f'"{last}" *'])


def ts_query(words: Sequence[str]) -> str:
    """A PostgreSQL tsquery (its text form) for every word, the last one as a prefix: each
    word quoted, in lower case as tsvector_of writes them."""
    *whole, last = lexemes_of(" ".join(words))
    return " & ".join([*(f"'{w}'" for w in whole), f"'{last}':*"])


_SQLITE = f"""
SELECT c.slug, found.seq, found.kind, found.occurred_text,
       snippet(rm_search_fts, 0, '{MARKS[0]}', '{MARKS[1]}', '…', {SNIPPET_WORDS})
  FROM (SELECT s.id, s.channel_id, s.seq, s.kind, s.occurred_text, s.occurred_start, f.rank
          FROM rm_search_fts f
          JOIN rm_search s ON s.id = f.rowid
         WHERE f.rm_search_fts MATCH :q AND s.rec_to = {FOREVER}{{channels}}
         ORDER BY f.rank, s.occurred_start DESC, s.channel_id, s.seq
         LIMIT :limit) found
  JOIN rm_search_fts ON rm_search_fts.rowid = found.id AND rm_search_fts MATCH :q
  JOIN rm_channels c ON c.channel_id = found.channel_id AND c.rec_to = {FOREVER}
 ORDER BY found.rank, found.occurred_start DESC, c.slug, found.seq
"""  # noqa: S608 (no value is written into the text: only constant names and FOREVER)

_POSTGRES = f"""
SELECT c.slug, found.seq, found.kind, found.occurred_text,
       ts_headline('simple', found.text, CAST(:q AS tsquery), :headline)
  FROM (SELECT s.channel_id, s.seq, s.kind, s.occurred_text, s.occurred_start, s.text,
               ts_rank(s.words, CAST(:q AS tsquery), 1) AS rank
          FROM rm_search s
         WHERE s.words @@ CAST(:q AS tsquery) AND s.rec_to = {FOREVER}{{channels}}
         ORDER BY rank DESC, s.occurred_start DESC, s.channel_id, s.seq
         LIMIT :limit) found
  JOIN rm_channels c ON c.channel_id = found.channel_id AND c.rec_to = {FOREVER}
 ORDER BY found.rank DESC, found.occurred_start DESC, c.slug, found.seq
"""  # noqa: S608


def select_found(
    words: Sequence[str], channels: Sequence[str], limit: int, *, postgres: bool
) -> tuple[str, dict[str, Any]]:
    """The statement that finds the current facts holding every word (in the channels of
    these ids, if any are given), and its parameters: (slug, seq, kind, occurred, snippet)."""
    params: dict[str, Any] = {"limit": limit}
    if postgres:
        params |= {"q": ts_query(words), "headline": HEADLINE}
        if channels:
            params["channels"] = list(channels)
        which = " AND s.channel_id = ANY(:channels)" if channels else ""
        return _POSTGRES.replace("{channels}", which), params
    params["q"] = fts5_query(words)
    if channels:
        params["channels"] = json.dumps(list(channels))
    which = " AND s.channel_id IN (SELECT value FROM json_each(:channels))" if channels else ""
    return _SQLITE.replace("{channels}", which), params
