"""The extractor on short texts: each kind of fact, what takes a cue back, and linking."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.domain.dates import FuzzyDate
from tracker.extraction.catalogue import Catalogue, KnownChannel, KnownFact
from tracker.extraction.extractor import extract
from tracker.extraction.known import mark_known

PUBLISHED = dt.date(2023, 8, 29)  # a Tuesday
WG = KnownChannel(
    slug="us-cn-commercial-wg",
    titles=("US–China Commercial Issues Working Group",),
    parties=("USA", "CHN"),
    topics=("trade", "commercial issues"),
    lead_names=("Gina Raimondo", "Wang Wentao"),
    level="ministerial",
    facts=(KnownFact("open", FuzzyDate.parse("2023-08-28")),),
)
CLIMATE = KnownChannel(
    slug="us-cn-climate-talks",
    titles=("US–China climate change talks",),
    parties=("USA", "CHN"),
    topics=("climate",),
    facts=(
        KnownFact("open", FuzzyDate.parse("2013-04-13")),
        KnownFact("suspend", FuzzyDate.parse("2022-08-05")),
    ),
)
STORE = Catalogue.of([WG, CLIMATE])


def facts(text: str, catalogue: Catalogue = STORE) -> list[tuple[str, str, str]]:
    found = mark_known(extract(text, PUBLISHED, catalogue), catalogue)
    return [(p.command, p.slug, p.on) for p in found]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The United States and Japan launched an Economic Working Group and a Financial "
            "Working Group on Monday.",
            [
                ("open", "us-jp-economic-wg", "2023-08-28"),
                ("open", "us-jp-financial-wg", "2023-08-28"),
            ],
        ),
        (
            "The Commercial Issues Working Group met in Tianjin yesterday.",
            [("meet", "us-cn-commercial-wg", "2023-08-28")],
        ),
        (
            "U.S. and Chinese officials said the working group will meet again in China later "
            "this year.",
            # No day said: agreed by the day of publication, or the day before.
            [("plan", "us-cn-commercial-wg", "2023-08-28/2023-08-29")],
        ),
        (
            "China said on Monday it had suspended the climate talks with the United States.",
            [("suspend", "us-cn-climate-talks", "2023-08-28")],
        ),
        (
            "The United States and China resumed their climate talks in July.",
            [("resume", "us-cn-climate-talks", "2023-07")],
        ),
    ],
)
def test_each_kind_is_read_with_its_channel_and_date(
    text: str, expected: list[tuple[str, str, str]]
) -> None:
    assert facts(text) == expected


def test_a_rhythm_without_a_number_is_no_cadence() -> None:
    assert facts("The Commercial Issues Working Group will hold regular meetings.") == []


def test_a_stated_rhythm_is_a_cadence_at_the_level_of_those_who_meet() -> None:
    text = (
        "Raimondo said she and Wang would meet once a year and have their deputies meet twice "
        "annually."
    )
    found = extract(text, PUBLISHED, STORE)
    assert [(p.command, p.options["level"], p.options["per_year"]) for p in found] == [
        ("cadence", "ministerial", 1),
        ("cadence", "vice-ministerial", 2),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "The two sides discussed efforts to resume the climate talks.",
        "Both governments hope to resume the climate talks soon.",
        "The two countries agreed to keep lines of communication open.",
        "The climate talks were once held annually.",
        "The Commercial Issues Working Group did not meet this year.",
    ],
)
def test_hedged_vague_and_denied_sentences_give_no_fact(text: str) -> None:
    assert facts(text) == []


def test_a_suspension_the_store_dates_otherwise_is_known_and_the_note_says_they_disagree() -> None:
    text = "Beijing broke off climate talks with Washington in August 2020."
    [proposal] = mark_known(extract(text, PUBLISHED, STORE), STORE)
    assert (proposal.command, proposal.status, proposal.on) == ("suspend", "known", "2020-08")
    assert "the store records this on 2022-08-05" in (proposal.quote.note or "")
    assert proposal.quote.text == text


def test_a_new_channel_is_opened_before_its_first_fact() -> None:
    found = extract(
        "The U.S.-India 2+2 Ministerial Dialogue was held in New Delhi today.",
        dt.date(2019, 12, 18),
        Catalogue(),
    )
    assert [(p.command, p.slug) for p in found] == [
        ("open", "us-in-2plus2-dialogue"),
        ("meet", "us-in-2plus2-dialogue"),
    ]
    assert found[0].options["parties"] == ["US", "IN"]
    assert found[1].options["location"] == "New Delhi"
    assert found[1].on == "2019-12-18"


def test_a_meeting_is_linked_by_the_leads_it_names() -> None:
    text = "Raimondo met Wang Wentao in Beijing on Monday."
    assert facts(text) == [("meet", "us-cn-commercial-wg", "2023-08-28")]


def test_quotes_are_verbatim_sentences_of_the_article() -> None:
    article = (
        "Headline without a stop\n\nThe U.S. and China agreed Monday to form a working group "
        "on export controls. It will meet twice a year."
    )
    found = extract(article, PUBLISHED, Catalogue())
    assert found
    assert all(p.quote.text in article for p in found)


def test_a_paragraph_longer_than_spacy_takes_at_once_is_read_in_pieces() -> None:
    """spaCy refuses a text of over a million characters; a page without line breaks is
    read in pieces cut after a full stop, every sentence still quoted verbatim."""
    from tracker.extraction.sentences import PIECE, sentences

    sentence = "The Commercial Issues Working Group met in Tianjin yesterday. "
    article = sentence * (2 * PIECE // len(sentence) + 3)
    found = list(sentences(article))
    assert len(found) == article.count(". ")
    assert all(article[s.start : s.start + len(s.text)] == s.text for s in found)
    assert {s.paragraph for s in found} == {0}


def test_a_sentence_too_long_to_quote_whole_is_quoted_around_its_fact_verbatim() -> None:
    """An import refuses a quote of over 10,000 characters: a sentence longer than MAX_QUOTE
    is quoted by the words around the fact, cut between words, never changed."""
    from tracker.extraction.quoting import MAX_QUOTE

    filler = " ".join(["and the officials discussed the regional economy at length"] * 60)
    article = f"Readout\n\nThe Commercial Issues Working Group met in Tianjin yesterday {filler}."
    [proposal] = extract(article, PUBLISHED, STORE)
    assert len(proposal.quote.text) <= MAX_QUOTE
    assert proposal.quote.text in article
    assert "met in Tianjin yesterday" in proposal.quote.text


def test_a_sentence_longer_than_any_in_the_news_is_read_clause_by_clause_verbatim() -> None:
    """Reading a sentence compares its words of fact with one another: a run-on "sentence"
    of thousands of words (a page without full stops) is read in clauses of at most LONGEST
    characters, cut at a semicolon, a comma or a space, each quoted as the article has it, so
    that reading stays proportional to the article's length."""
    from tracker.extraction.sentences import LONGEST, sentences

    clause = "the Commercial Issues Working Group met in Tianjin yesterday; "
    article = "Readout\n\n" + "and " * 300 + clause * (5 * LONGEST // len(clause)) + "end."
    found = list(sentences(article))[1:]  # after the headline
    assert len(found) > 5
    assert all(len(s.text) <= LONGEST for s in found)
    assert all(article[s.start : s.start + len(s.text)] == s.text for s in found)
    assert "".join(s.text for s in found).replace(" ", "") == article[9:].replace(" ", "")
    assert all(s.text.endswith(";") for s in found[1:-1])  # cut at a semicolon where one is
    meetings = [p for p in extract(article, PUBLISHED, STORE) if p.command == "meet"]
    assert meetings
    assert all(p.quote.text in article for p in meetings)
