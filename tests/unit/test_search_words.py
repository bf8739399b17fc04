"""The words a search and the stores hold: folded alike (case, accents, plain Latin letters)."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.store.readmodel.search import fold, lexemes_of, words_of


@pytest.mark.parametrize(
    ("written", "held"),
    [
        ("Wáng Yì", ["wang", "yi"]),
        ("Türkiye", ["turkiye"]),
        ("São Paulo", ["sao", "paulo"]),
        ("Sa\u0303o", ["sao"]),  # written decomposed: one word all the same
        ("Łódź, Straße, Ærø, İstanbul, Đà Nẵng", ["lodz", "strasse", "aero", "istanbul",
                                                 "da", "nang"]),
        ("ÉCHANGES À PARIS", ["echanges", "a", "paris"]),
        ("Ｔｏｋｙｏ", ["tokyo"]),
        ("https://example.org/a_b?x=1", ["https", "example", "org", "a", "b", "x", "1"]),
        ("हिन्दी 北京", ["हिन्दी", "北京"]),
    ],
)  # fmt: skip
def test_words_are_folded(written: str, held: list[str]) -> None:
    assert lexemes_of(written) == held


def test_a_search_holds_each_word_once() -> None:
    assert words_of("Yi yì YI wang") == ["yi", "wang"]


@given(st.text())
def test_folding_twice_changes_nothing(text: str) -> None:
    assert fold(fold(text)) == fold(text)
    assert lexemes_of(fold(text)) == lexemes_of(text)
