"""Extract reads English only, and says so of an article that is not: a text is English by its
letters (mostly Latin) and its words (enough of the small words English sentences are made of).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.extraction import quality
from tracker.extraction.article import read_article
from tracker.extraction.language import looks_english

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
ENGLISH = sorted(quality.GOLD.glob("*.txt")) + sorted(FIXTURES.glob("*.txt"))


@pytest.mark.parametrize("path", ENGLISH, ids=lambda p: p.name)
def test_every_english_text_of_the_gold_set_and_the_fixtures_looks_english(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    assert not text.strip() or looks_english(text)


@pytest.mark.parametrize(
    "text",
    [
        # French, quoting an English name
        "PÉKIN (AFP) — Des responsables chinois et américains de la défense se sont réunis mardi "
        "et mercredi au Pentagone pour les premières « Defense Policy Coordination Talks » depuis "
        "près de trois ans, a annoncé le ministère chinois de la Défense.",
        # Spanish
        "Los gobiernos de México y Canadá celebraron el lunes en Ottawa la primera reunión del "
        "Diálogo de Energía y acordaron reunirse dos veces al año.",
        # German
        "Die Außenminister beider Länder trafen sich am Montag in Berlin zum strategischen Dialog "
        "und vereinbarten, sich zweimal im Jahr zu treffen.",
        # Chinese
        "新华社华盛顿1月10日电 中美两军于1月8日至9日在美国国防部举行第17次中美国防政策协调会谈。"
        "双方同意于今年春季举行中美海上军事安全磋商机制会议。",
        # Russian
        "Министры иностранных дел двух стран провели в понедельник в Москве стратегический "
        "диалог и договорились встречаться два раза в год.",
    ],
)
def test_a_text_in_another_language_does_not(text: str) -> None:
    assert not looks_english(text)
    assert not read_article(text.encode("utf-8"), "article.txt").english


@pytest.mark.parametrize(
    "text",
    [
        "US and Japanese officials met in Tokyo on Monday for the US–Japan Economic Policy "
        "Dialogue.",
        "Talks resume",  # a headline: too short to tell
        "Diálogo",
    ],
)
def test_an_english_sentence_or_a_text_too_short_to_tell_looks_english(text: str) -> None:
    assert looks_english(text)
