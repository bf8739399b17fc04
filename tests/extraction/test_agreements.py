"""A cadence or a planned meeting is an agreement that was made: what a sentence says was only
discussed, expected or hoped for, or what the words after it say was not agreed ("but had not
agreed on a schedule", "without agreeing", "no date was set"), is no fact.

The sentences are made up for these tests, in the style of news copy (none is from the gold
set or from the articles the rules were found on).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.extraction.catalogue import Catalogue
from tracker.extraction.extractor import extract
from tracker.extraction.hedges import doubt, unsettled

PUBLISHED = dt.date(2022, 3, 10)  # a Thursday


def facts(sentence: str) -> list[tuple[str, str]]:
    """The kind and date (a plan's window) of each fact proposed, openings left out."""
    found = extract(f"Readout\n\n{sentence}\n", PUBLISHED, Catalogue())
    return [(p.command, str(p.options.get("window", p.on))) for p in found if p.command != "open"]


@pytest.mark.parametrize(
    "sentence",
    [
        # discussed, not agreed
        "An official said Canada and Mexico had also discussed holding the Energy Dialogue "
        "twice a year in the future but had not agreed on a schedule.",
        "Canadian and Mexican officials discussed holding the Canada–Mexico Energy Dialogue "
        "twice a year.",
        "The two governments talked about meeting quarterly under the Canada–Mexico Energy "
        "Dialogue.",
        # agreed, then taken back by the words after it
        "Canada and Mexico said the Canada–Mexico Energy Dialogue would meet every six months, "
        "but they had not agreed on it yet.",
        "The Canada–Mexico Energy Dialogue will meet once a year, officials said, though no "
        "final decision has been taken.",
        "Canada and Mexico said the Canada–Mexico Energy Dialogue would meet twice a year "
        "without agreeing to it.",
    ],
)
def test_a_rhythm_discussed_or_not_agreed_is_no_cadence(sentence: str) -> None:
    assert facts(sentence) == []


@pytest.mark.parametrize(
    "sentence",
    [
        # expected, likely: a forecast
        "A Canada–Mexico Energy Dialogue summit, the first in person since 2019, is expected to "
        "take place in Ottawa before the end of the year.",
        "The next Canada–Mexico Energy Dialogue is likely to be held in Ottawa in June.",
        "Officials expect to convene the Canada–Mexico Energy Dialogue in Ottawa next month.",
        # discussed
        "Canada and Mexico discussed holding the next Canada–Mexico Energy Dialogue in Ottawa "
        "in June.",
        # to come, but without a date or an agreement
        "The Canada–Mexico Energy Dialogue will meet in Ottawa next month, though no date has "
        "been set.",
        "Officials said the Canada–Mexico Energy Dialogue would meet again next year, but they "
        "have yet to set a date.",
        "The Canada–Mexico Energy Dialogue will be held in Ottawa in June, diplomats said, "
        "adding that nothing is on the calendar yet.",
        "The two sides agreed to hold the Canada–Mexico Energy Dialogue in Ottawa in June, but "
        "no agreement has been reached.",
    ],
)
def test_a_meeting_expected_discussed_or_undated_is_no_plan(sentence: str) -> None:
    assert facts(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        # agreed: the window is what was agreed, whatever day is set later
        (
            "Canada and Mexico agreed to hold the next Canada–Mexico Energy Dialogue in Ottawa "
            "next year, but no date was set.",
            [("plan", "2023")],
        ),
        # not agreed on something else than the fact
        (
            "The ministers agreed that the Canada–Mexico Energy Dialogue would meet twice a "
            "year, but had not agreed on a venue for the next round.",
            [("cadence", "2022-03-09/2022-03-10")],
        ),
        (
            "The Canada–Mexico Energy Dialogue met in Ottawa on Monday, but the two sides did "
            "not agree on a joint statement.",
            [("meet", "2022-03-07")],
        ),
        # talk about something else before the fact
        (
            "The ministers discussed trade and agreed to hold the Canada–Mexico Energy Dialogue "
            "once a year.",
            [("cadence", "2022-03-09/2022-03-10")],
        ),
        # a meeting held, with no date set for the next one
        (
            "The Canada–Mexico Energy Dialogue met in Ottawa on Monday; no date was set for the "
            "next round.",
            [("meet", "2022-03-07")],
        ),
    ],
)
def test_an_agreement_made_or_a_meeting_held_stands(
    sentence: str, expected: list[tuple[str, str]]
) -> None:
    assert facts(sentence) == expected


def test_talk_before_a_fact_hedges_it_only_when_the_fact_is_what_was_talked_about() -> None:
    assert doubt("the two sides had also discussed holding the talks ", "cadence")
    assert doubt("they talked about ", "resume")
    assert doubt("they discussed the possibility of ", "meet")
    assert doubt("the ministers discussed trade at the ", "meet") is None
    assert doubt("the summit is expected to ", "meet")
    assert doubt("as expected, the ministers ", "meet") is None


def test_what_the_words_after_a_fact_say_was_not_agreed() -> None:
    assert unsettled(" in the future but had not agreed on a schedule.", "cadence", agreed=True)
    assert unsettled(", but had not agreed on a schedule.", "meet", agreed=True) is None
    assert unsettled(", but had not agreed on a date.", "meet", agreed=False)
    assert unsettled(", without agreeing.", "open", agreed=True)
    assert unsettled(", without agreeing on a date.", "open", agreed=True) is None
    assert unsettled(", though no decision has been taken.", "meet", agreed=True)
    assert unsettled(", the ministry said without giving a date.", "meet", agreed=False) is None
