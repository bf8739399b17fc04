"""One meeting over days running is one fact dated as an interval: "on Tuesday and Wednesday",
"from Tuesday to Thursday", "on Jan. 9 and 10". Days that do not run on ("on Monday and
Wednesday", "5 and 7 June") stay dates of their own.

The sentences are made up for these tests, in the style of news copy.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.extraction.catalogue import Catalogue
from tracker.extraction.dates import find_dates
from tracker.extraction.extractor import extract

PUBLISHED = dt.date(2022, 3, 10)  # a Thursday


def dates(sentence: str, *, future: bool = False) -> list[str]:
    return [str(m.date) for m in find_dates(sentence, PUBLISHED, future=future)]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Officials met in Ottawa on Tuesday and Wednesday.", "2022-03-08/2022-03-09"),
        ("Officials met in Ottawa on Wednesday and Thursday.", "2022-03-09/2022-03-10"),
        ("Officials met in Ottawa from Monday to Wednesday.", "2022-03-07/2022-03-09"),
        ("Officials met in Ottawa from Monday through Wednesday.", "2022-03-07/2022-03-09"),
        ("Officials met in Ottawa between Monday and Wednesday.", "2022-03-07/2022-03-09"),
        ("Officials met in Ottawa Monday-Tuesday.", "2022-03-07/2022-03-08"),
        ("Officials met in Ottawa on March 1 and 2.", "2022-03-01/2022-03-02"),
        ("Officials met in Ottawa on Mar. 1 and 2.", "2022-03-01/2022-03-02"),
        ("Officials met in Ottawa on 1 and 2 March.", "2022-03-01/2022-03-02"),
        ("Officials met in Ottawa on Feb. 28 and March 1.", "2022-02-28/2022-03-01"),
    ],
)
def test_days_running_are_one_span(sentence: str, expected: str) -> None:
    assert dates(sentence) == [expected]


def test_days_running_to_come_are_the_next_ones() -> None:
    assert dates("Officials will meet from Tuesday to Thursday.", future=True) == [
        "2022-03-15/2022-03-17"
    ]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Officials met in Ottawa on Monday and Wednesday.", ["2022-03-07", "2022-03-09"]),
        ("Officials met in Ottawa on March 1 and March 3.", ["2022-03-01", "2022-03-03"]),
        ("Officials met in Ottawa on Good Friday and Saturday.", ["2022-03-05"]),
    ],
)
def test_days_that_do_not_run_on_stay_dates_of_their_own(
    sentence: str, expected: list[str]
) -> None:
    assert dates(sentence) == expected


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Canadian and Mexican officials held the Canada–Mexico Energy Dialogue in Ottawa on "
            "Tuesday and Wednesday.",
            "2022-03-08/2022-03-09",
        ),
        (
            "Canadian and Mexican officials met in Ottawa from Monday to Wednesday for the "
            "Canada–Mexico Energy Dialogue.",
            "2022-03-07/2022-03-09",
        ),
        (
            "The Canada–Mexico Energy Dialogue was held in Mexico City on Feb. 3 and 4.",
            "2022-02-03/2022-02-04",
        ),
    ],
)
def test_a_meeting_over_days_running_is_one_meeting(sentence: str, expected: str) -> None:
    found = extract(f"Readout\n\n{sentence}\n", PUBLISHED, Catalogue())
    assert [(p.command, p.on) for p in found if p.command == "meet"] == [("meet", expected)]


def test_an_undated_fact_of_the_article_takes_both_ends_of_its_days_running() -> None:
    article = (
        "Readout\n\nCanadian and Mexican ministers met in Ottawa on Tuesday and Wednesday.\n\n"
        "They launched the Canada–Mexico Energy Dialogue.\n"
    )
    [opening] = [p for p in extract(article, PUBLISHED, Catalogue()) if p.command == "open"]
    assert opening.on == "2022-03-08/2022-03-09"
