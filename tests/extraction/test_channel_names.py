"""A channel's name is its own words: not the place, the day or the preposition news copy puts
before "for the NAME", nor the full stop that ends the sentence.

The sentences are made up for these tests, in the style of news copy.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.extraction.catalogue import Catalogue
from tracker.extraction.extractor import extract
from tracker.extraction.mentions import mentions_in

PUBLISHED = dt.date(2022, 3, 10)  # a Thursday


def named(sentence: str) -> list[str]:
    return [m.text for m in mentions_in(sentence) if m.named]


@pytest.mark.parametrize(
    "sentence",
    [
        "Canadian and Mexican officials met in Ottawa on Tuesday for the Canada–Mexico Energy "
        "Dialogue.",
        "Officials gathered in Mexico City on March 8 for the Canada–Mexico Energy Dialogue.",
        "Delegations travelled to Ottawa in March for the Canada–Mexico Energy Dialogue.",
        "Ministers met in Ottawa for the Canada–Mexico Energy Dialogue on Monday.",
        "The two sides met on Monday for Canada–Mexico Energy Dialogue.",
        "Officials met in Ottawa on Jan. 9 for the Canada–Mexico Energy Dialogue.",
    ],
)
def test_a_name_after_a_place_and_a_day_begins_after_them(sentence: str) -> None:
    assert named(sentence) == ["Canada–Mexico Energy Dialogue"]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        (
            "The Strategic and Economic Dialogue met in Washington on Monday.",
            "Strategic and Economic Dialogue",
        ),
        (
            "Officials met on Monday for the Canada–Mexico Partnership for Growth Dialogue.",
            "Canada–Mexico Partnership for Growth Dialogue",
        ),
        (
            "The U.S.-China Joint Commission on Commerce and Trade met in Beijing.",
            "U.S.-China Joint Commission on Commerce and Trade",
        ),
    ],
)
def test_a_name_keeps_the_small_words_it_holds(sentence: str, name: str) -> None:
    assert named(sentence) == [name]


@pytest.mark.parametrize(
    "sentence",
    [
        "Ottawa cancelled the meetings of the Canada-Mexico Maritime Consultative Agreement.",
        "Ottawa cancelled the meetings of the Canada-Mexico Maritime Consultative Agreement on "
        "Friday.",
    ],
)
def test_the_full_stop_and_the_day_after_a_name_are_no_part_of_it(sentence: str) -> None:
    assert named(sentence) == ["Canada-Mexico Maritime Consultative Agreement"]


def test_a_name_after_a_meeting_of_may_begin_with_its_parties_joined_by_a_dash() -> None:
    assert named("Ottawa cancelled the meetings of the Canada–Mexico Maritime Agreement.") == [
        "Canada–Mexico Maritime Agreement"
    ]


def test_an_abbreviation_keeps_its_full_stop() -> None:
    assert named("Officials attended the third meeting of the Joint Board of the U.S.A.") == [
        "Joint Board of the U.S.A."
    ]


def test_a_new_channel_met_for_is_proposed_under_its_own_name() -> None:
    article = (
        "Readout\n\nCanadian and Mexican officials met in Ottawa on Tuesday for the "
        "Canada–Mexico Energy Dialogue.\n"
    )
    opening, meeting = extract(article, PUBLISHED, Catalogue())
    assert (opening.command, opening.slug, opening.options["title"]) == (
        "open",
        "ca-mx-energy-dialogue",
        "Canada–Mexico Energy Dialogue",
    )
    assert (meeting.command, meeting.on, meeting.options["location"]) == (
        "meet",
        "2022-03-08",
        "Ottawa",
    )
