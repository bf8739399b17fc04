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


def sentences(article: str) -> Iterator[Sentence]:
    """The sentences of the article, in reading order."""
    lines: list[tuple[int, str]] = []
    offset = 0
    for line in article.splitlines(keepends=True):
        stripped = line.strip()
        if stripped:
            lines.append((offset + line.index(stripped[0]), stripped))
        offset += len(line)
    nlp = _pipeline()
    for paragraph, ((start, _), doc) in enumerate(
        zip(lines, nlp.pipe(t for _, t in lines), strict=True)
    ):
        sents = [s for s in doc.sents if s.text.strip()]
        for sent in sents:
            yield Sentence(sent.text.strip(), start + sent.start_char, paragraph, len(sents) == 1)
