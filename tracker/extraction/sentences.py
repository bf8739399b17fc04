"""An article's sentences, each with its place in the text, verbatim.

spaCy's blank English pipeline (no model, nothing downloaded) tokenizes with its exceptions
for abbreviations, so "the U.S. Commerce Secretary" or "on Jan. 5" end no sentence; its
sentencizer then splits at the sentence-final punctuation. A line of the article is a
paragraph: a headline or dateline without a full stop is its own sentence.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any


@dataclass(frozen=True, slots=True)
class Sentence:
    text: str
    start: int  # offset of its first character in the article
    paragraph: int
    whole_paragraph: bool = False  # the paragraph holds this sentence only (a headline?)


@lru_cache(maxsize=1)
def _pipeline() -> Any:
    import spacy

    nlp: Any = spacy.blank("en")
    # Titles and abbreviations news copy puts before a name or a number ("the No. 2 leader",
    # "Sen. Smith", "Amb. Burns") that spaCy's English exceptions lack.
    # An initial in a name ("Donald J. Trump", "Wendy R. Sherman") ends no sentence.
    for letter in "ABCDEFGHIJKLMNOPQRSTUVWXYZ":
        nlp.tokenizer.add_special_case(f"{letter}.", [{"ORTH": f"{letter}."}])
    for abbreviation in _ABBREVIATIONS:
        for form in (abbreviation, abbreviation.capitalize(), abbreviation.upper()):
            nlp.tokenizer.add_special_case(form, [{"ORTH": form}])
    nlp.add_pipe("sentencizer")
    return nlp


_ABBREVIATIONS = (
    "no.",
    "nos.",
    "gen.",
    "sen.",
    "rep.",
    "gov.",
    "amb.",
    "lt.",
    "col.",
    "adm.",
    "maj.",
    "sgt.",
    "capt.",
    "cmdr.",
    "dept.",
    "pres.",
    "prof.",
    "sec.",
    "vol.",
    "art.",
    "para.",
    "approx.",
    "est.",
    "govt.",
    "min.",
    "u.k.",
    "u.n.",
    "e.u.",
    "p.m.",
    "a.m.",
)


# The most characters handed to spaCy at once: a paragraph longer than this (a page with no
# line breaks) is read in pieces cut after a full stop, so memory stays bounded (spaCy refuses
# texts over a million characters, to protect its parser, which this pipeline does not have).
PIECE = 100_000


def _pieces(start: int, text: str) -> Iterator[tuple[int, str]]:
    while len(text) > PIECE:
        cut = text.rfind(". ", 0, PIECE) + 1 or PIECE
        yield start, text[:cut]
        start, text = start + cut, text[cut:]
    yield start, text


def sentences(article: str) -> Iterator[Sentence]:
    """The sentences of the article, in reading order."""
    lines: list[tuple[int, int, str]] = []  # paragraph, offset, text
    offset, paragraph = 0, 0
    for line in article.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            for start, piece in _pieces(offset + line.index(stripped[0]), stripped):
                lines.append((paragraph, start, piece))
            paragraph += 1
        offset += len(line)
    nlp = _pipeline()
    counts: dict[int, int] = {}
    read: list[tuple[int, int, Any]] = []
    for (paragraph, start, _), doc in zip(lines, nlp.pipe(t for _, _, t in lines), strict=True):
        sents = [s for s in doc.sents if s.text.strip()]
        counts[paragraph] = counts.get(paragraph, 0) + len(sents)
        read.extend((paragraph, start, s) for s in sents)
    for paragraph, start, sent in read:
        said = sent.text.strip()
        where = start + sent.start_char + sent.text.index(said[0])  # after leading spaces
        if len(said) <= LONGEST:
            yield Sentence(said, where, paragraph, counts[paragraph] == 1)
            continue
        for offset, clause in _clauses(said):
            yield Sentence(clause, where + offset, paragraph)


# The most characters read as one sentence. News sentences run to a few hundred; a longer
# one (a page without full stops, a list run together) is read clause by clause, cut at a
# semicolon, a comma or else a space before this length: reading a sentence compares each of
# its words of fact with its other words, so its time grows with the square of its length
# (a sentence of 8,000 words took 43 s, one of 40,000 more than 5 minutes).
LONGEST = 1_000


def _clauses(text: str) -> Iterator[tuple[int, str]]:
    """Pieces of a long sentence, each at most LONGEST characters, with their offsets."""
    start = 0
    while start < len(text):
        end = start + LONGEST
        cut = (
            len(text)
            if end >= len(text)
            else next(
                (
                    at + len(mark)
                    for mark in ("; ", ", ", " ")
                    if (at := text.rfind(mark, start, end)) > start
                ),
                end,
            )
        )
        piece = text[start:cut]
        if said := piece.strip():
            yield start + piece.index(said[0]), said
        start = cut
