"""Full-text search of the read model's texts (``rm_search``): the words of a text as both
stores hold them, the query each store is given, and the statement that finds the facts
holding every word of a search.

A word is a run of letters, digits and the marks on them (accents, vowel signs); it is held
and searched for folded (``fold``): in lower case, without accents or other diacritics, and
with the few Latin letters that have no decomposition spelled plainly ("Wáng Yì" is held as
"wang yi", "São" as "sao", "Łódź" as "lodz", "Straße" as "strasse"). The folding is done here,
in Python, for both stores and for a search's words alike: SQLite's FTS5 then indexes the
folded words with its ``ascii`` tokenizer (which only splits them at the spaces between them)
and PostgreSQL holds them as a tsvector, so the two stores find the same facts whatever
SQLite's Unicode tables or PostgreSQL's extensions say (``unaccent`` need not be installable;
FTS5's ``unicode61 remove_diacritics 2``, tried on SQLite 3.40, folds "ệ" but not "ø", "ł",
"đ", "ß" or a Greek accent, and cuts "हिन्दी" into three letters).

A search is never handed to a store's query language as written: its words are cut out of it
here and each is quoted, so that quotes, ``*``, ``NEAR``, ``:``, ``&``, ``!`` or parentheses in it
are never query syntax. Every word must be found (AND); the last one may be the start of a
word ("meet" finds "meeting"). The order of the facts found is one, the same in both stores
(``ORDER``): the fewest words first (so the words searched for are the largest share of what
the fact says), then the latest in valid time, then by channel slug and number.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Sequence
from functools import cache
from typing import Any

from tracker.store.readmodel.schema import FOREVER

WORD = re.compile(r"[^\W_]+")  # letters and digits, in an ASCII text


@cache
def _marked_word() -> re.Pattern[str]:
    """Letters and digits with the marks on them (Unicode's categories M*: accents, and the
    vowel signs of Indic scripts, without which "हिन्दी" would be three words), in any text.
    Made once, when first needed (about 30 ms)."""
    ranges, start = [], None
    for point in range(0x10001):
        mark = point < 0x10000 and unicodedata.category(chr(point)).startswith("M")
        if mark and start is None:
            start = point
        elif not mark and start is not None:
            ranges.append(f"\\u{start:04x}-\\u{point - 1:04x}")
            start = None
    return re.compile(rf"(?:[^\W_]|[{''.join(ranges)}])+")


def word_pattern(text: str) -> re.Pattern[str]:
    """What cuts this text into words: runs of letters, digits and the marks on them."""
    return WORD if text.isascii() else _marked_word()


MARKS = ("[", "]")  # around each word found, in a snippet
SNIPPET_WORDS = 16
LONGEST_LEXEME = 2047  # bytes: PostgreSQL refuses a longer word in a tsvector
# Latin letters without a decomposition into a letter and an accent, spelled as a reader would
# type them on a plain keyboard (after case folding: "ß" is already "ss").
_PLAIN = str.maketrans(
    {"ø": "o", "ł": "l", "đ": "d", "ħ": "h", "ı": "i", "ŧ": "t", "ð": "d", "þ": "th",
     "æ": "ae", "œ": "oe"}
)  # fmt: skip
VIRAMA = 9  # the combining class of a virama, which is part of a word in Indic scripts


def fold(text: str) -> str:
    """The text in lower case (Unicode case folding), without accents or other diacritics
    (compatibility decomposition, then the combining marks dropped), plain Latin letters."""
    if text.isascii():
        return text.lower()
    # Folded again after the decomposition: a compatibility letter (U+1D56C, a bold Fraktur
    # capital A) decomposes to a capital one.
    decomposed = unicodedata.normalize("NFKD", text.casefold()).casefold().translate(_PLAIN)
    kept = (c for c in decomposed if unicodedata.combining(c) in {0, VIRAMA})
    return unicodedata.normalize("NFC", "".join(kept))


def lexemes_of(text: str) -> list[str]:
    """The words of a text, folded, in order: as both stores hold them."""
    folded = fold(text)
    return word_pattern(folded).findall(folded)


def words_of(text: str) -> list[str]:
    """The words of a search, folded (repeated ones once)."""
    return list(dict.fromkeys(lexemes_of(text)))


def indexed(lexemes: Sequence[str]) -> list[str]:
    """The distinct words a store holds of a text's: PostgreSQL refuses a longer word than
    LONGEST_LEXEME, and so that both find the same, neither holds one."""
    return [
        w
        for w in dict.fromkeys(lexemes)
        if len(w) * 4 <= LONGEST_LEXEME or len(w.encode()) <= LONGEST_LEXEME
    ]


def index_entry(text: str) -> tuple[int, str]:
    """What a row of rm_search holds of its text besides it: how many words it has (the
    order's first key), and its distinct folded words, separated by spaces (SQLite's FTS5
    indexes them; PostgreSQL's tsvector is made of them: ``tsvector_of``)."""
    lexemes = lexemes_of(text)
    return len(lexemes), " ".join(indexed(lexemes))


def tsvector_of(words: str) -> str:
    """The words of index_entry as a PostgreSQL tsvector (its text form: 'a' 'b' …), without
    positions, which nothing reads (a snippet is made from the text)."""
    return " ".join(f"'{w}'" for w in words.split())


def matches(words: Sequence[str], held: set[str]) -> bool:
    """Whether a text whose distinct words are ``held`` holds every word searched for, the
    last as the start of one."""
    *whole, last = words
    return set(whole) <= held and any(w.startswith(last) for w in held)


def fts5_query(words: Sequence[str]) -> str:
    """An FTS5 query for every word, the last one as a prefix: each word quoted."""
    *whole, last = words
    return " ".join([*(f'"{w}"' for w in whole), f'"{last}" *'])


def ts_query(words: Sequence[str]) -> str:
    """A PostgreSQL tsquery (its text form) for every word, the last one as a prefix."""
    *whole, last = words
    return " & ".join([*(f"'{w}'" for w in whole), f"'{last}':*"])


ORDER = "found.length, found.occurred_start DESC, c.slug, found.seq"
_ROWS = "s.channel_id, s.seq, s.kind, s.occurred_text, s.occurred_start, s.length, s.text"
_SELECT = f"""
SELECT c.slug, found.seq, found.kind, found.occurred_text, found.text
  FROM ({{rows}}) found
  JOIN rm_channels c ON c.channel_id = found.channel_id AND c.rec_to = {FOREVER}
 ORDER BY {ORDER}
 LIMIT :limit
"""  # noqa: S608 (no value is written into the text: only constant names and FOREVER)
# The current rows, found by the store's index of them. (No value is written into these
# texts: only constant names and FOREVER.)
_CURRENT = {
    "sqlite": f"SELECT {_ROWS} FROM rm_search_fts f JOIN rm_search s ON s.id = f.rowid "  # noqa: S608
    f"WHERE f.rm_search_fts MATCH :q AND s.rec_to = {FOREVER}",
    "postgres": f"SELECT {_ROWS} FROM rm_search s "  # noqa: S608
    f"WHERE s.words @@ CAST(:q AS tsquery) AND s.rec_to = {FOREVER}",
}
# The rows closed since a moment (--known-on), which no index holds: read one by one.
_CLOSED = (
    f" UNION ALL SELECT {_ROWS} FROM rm_search s WHERE s.rec_to < {FOREVER} "  # noqa: S608
    "AND s.rec_to > :m AND s.rec_from <= :m AND {scan}{filters}"
)


def select_found(
    words: Sequence[str],
    channels: Sequence[str],
    limit: int,
    *,
    as_of: str | None = None,
    moment: int | None = None,
    postgres: bool,
) -> tuple[str, dict[str, Any]]:
    """The statement that finds the facts holding every word (in the channels of these ids,
    if any are given) that had occurred by ``as_of`` (a day, ISO) and were live at ``moment``
    (record time, as rm_search holds it; now if None), and its parameters: rows of (slug,
    seq, kind, occurred, text), in ORDER."""
    params: dict[str, Any] = {"limit": limit}
    filters = ""
    if channels:
        if postgres:
            params["channels"] = list(channels)
            filters += " AND s.channel_id = ANY(:channels)"
        else:
            params["channels"] = json.dumps(list(channels))
            filters += " AND s.channel_id IN (SELECT value FROM json_each(:channels))"
    if as_of is not None:
        params["d"] = as_of
        filters += " AND s.occurred_start <= :d"
    if postgres:
        params["q"] = ts_query(words)
        scan = "s.words @@ CAST(:q AS tsquery)"
    else:
        params["q"] = fts5_query(words)
        *whole, last = words
        params |= {f"w{i}": f" {w} " for i, w in enumerate(whole)} | {"last": f" {last}"}
        scan = " AND ".join(
            [*(f"instr(' ' || s.words || ' ', :w{i}) > 0" for i in range(len(whole))),
             "instr(' ' || s.words, :last) > 0"]
        )  # fmt: skip
    rows = _CURRENT["postgres" if postgres else "sqlite"] + filters
    if moment is not None:
        params["m"] = moment
        rows += " AND s.rec_from <= :m" + _CLOSED.format(scan=scan, filters=filters)
    return _SELECT.format(rows=rows), params
