"""Date expressions in a sentence, resolved against the article's publication date and the
tense of the clause: each form the extractor reads, the words that look like dates but are not,
and the rule that a report never dates an event after publication, nor a plan before it."""

from __future__ import annotations

import calendar
import datetime as dt
import itertools

import pytest
from hypothesis import given
from hypothesis import strategies as st

from tracker.domain.dates import FuzzyDate
from tracker.extraction.dates import DateMention, find_dates

P = dt.date(2023, 8, 29)  # a Tuesday
JANUARY = dt.date(2024, 1, 10)  # a Wednesday
DECEMBER = dt.date(2023, 12, 5)  # a Tuesday
LEAP_DAY = dt.date(2024, 2, 29)
SUNDAY = dt.date(2023, 9, 3)
PAST, PLAN = False, True

Expected = list[tuple[str, str, bool]]

CASES: list[tuple[str, dt.date, bool, Expected]] = [
    # --- days relative to publication ---
    ("They met today.", P, PAST, [("today", "2023-08-29", True)]),
    ("Talks were held yesterday.", P, PAST, [("yesterday", "2023-08-28", True)]),
    ("They will meet tomorrow.", P, PLAN, [("tomorrow", "2023-08-30", True)]),
    ("The ministers spoke this morning.", P, PAST, [("this morning", "2023-08-29", True)]),
    ("They will dine this evening.", P, PLAN, [("this evening", "2023-08-29", True)]),
    ("Raimondo met He Lifeng on Monday.", P, PAST, [("Monday", "2023-08-28", True)]),
    ("They met on Tuesday.", P, PAST, [("Tuesday", "2023-08-29", True)]),
    ("They will meet on Monday.", P, PLAN, [("Monday", "2023-09-04", True)]),
    ("They will meet on Tuesday.", P, PLAN, [("Tuesday", "2023-09-05", True)]),
    ("They met last Monday.", P, PAST, [("last Monday", "2023-08-28", True)]),
    ("They met last Tuesday.", P, PAST, [("last Tuesday", "2023-08-22", True)]),
    ("They will meet next Monday.", P, PLAN, [("next Monday", "2023-09-04", True)]),
    ("Shoppers came on Black Friday and Good Friday.", P, PAST, []),
    # --- weeks, months and years relative to publication ---
    ("They met this week.", P, PAST, [("this week", "2023-08-28/2023-08-29", False)]),
    ("They will meet this week.", P, PLAN, [("this week", "2023-08-30/2023-09-03", False)]),
    ("They will meet this week.", SUNDAY, PLAN, [("this week", "2023-09-04/2023-09-10", False)]),
    ("They met last week.", P, PAST, [("last week", "2023-08-21/2023-08-27", False)]),
    ("They will meet next week.", P, PLAN, [("next week", "2023-09-04/2023-09-10", False)]),
    (
        "They met this month, last month and next month.",
        P,
        PAST,
        [
            ("this month", "2023-08", False),
            ("last month", "2023-07", False),
            ("next month", "2023-09", False),
        ],
    ),
    (
        "They will meet later this month.",
        P,
        PLAN,
        [("later this month", "2023-08-30/2023-08-31", False)],
    ),
    (
        "They will meet later this month.",
        dt.date(2024, 2, 28),
        PLAN,
        [("later this month", "2024-02-29", False)],
    ),
    (
        "They will report by the end of the month.",
        P,
        PLAN,
        [("the end of the month", "2023-08", False)],
    ),
    (
        "They met this year, after talks last year, and will meet next year.",
        P,
        PAST,
        [("this year", "2023", False), ("last year", "2022", False), ("next year", "2024", False)],
    ),
    ("They met earlier this year.", P, PAST, [("earlier this year", "2023-01/2023-08", False)]),
    ("They will meet later this year.", P, PLAN, [("later this year", "2023-09/2023-12", False)]),
    (
        "They will meet later in the year.",
        P,
        PLAN,
        [("later in the year", "2023-09/2023-12", False)],
    ),
    # --- vague spans give no date, and hide the dates inside them ---
    ("Contacts have grown in recent weeks and the envoys met recently.", P, PAST, []),
    ("They will meet soon, in the coming weeks, at an early date, and regularly.", P, PLAN, []),
    ("Trade fell in the past three months.", P, PAST, []),
    ("Trade grew over the last year and in the last week.", P, PAST, []),
    ("The budget for fiscal 2024 and FY2025 was cut.", P, PAST, []),
    # --- months, by tense ---
    ("They met in July.", P, PAST, [("July", "2023-07", False)]),
    ("They met in August.", P, PAST, [("August", "2023-08", False)]),
    ("They met in September.", P, PAST, [("September", "2022-09", False)]),
    ("They will meet in July.", P, PLAN, [("July", "2024-07", False)]),
    ("They will meet in August.", P, PLAN, [("August", "2023-08", False)]),
    ("They will meet in September.", P, PLAN, [("September", "2023-09", False)]),
    ("They met last November.", P, PAST, [("last November", "2022-11", False)]),
    ("They met last August.", P, PAST, [("last August", "2022-08", False)]),
    ("They met last December.", JANUARY, PAST, [("last December", "2023-12", False)]),
    ("They met in December.", JANUARY, PAST, [("December", "2023-12", False)]),
    ("They will meet in January.", DECEMBER, PLAN, [("January", "2024-01", False)]),
    ("They will meet next March.", P, PLAN, [("next March", "2024-03", False)]),
    ("They met in Sept.", P, PAST, [("Sept.", "2022-09", False)]),
    ("Talks slowed in mid-July.", P, PAST, [("mid-July", "2023-07", False)]),
    ("They will agree by the end of October.", P, PLAN, [("the end of October", "2023-10", False)]),
    (
        "They met in July 2023 and in July of 2023.",
        P,
        PAST,
        [("July 2023", "2023-07", False), ("July of 2023", "2023-07", False)],
    ),
    # a wrong year is kept as written, never corrected
    ("They will meet in August 2020.", P, PLAN, [("August 2020", "2020-08", False)]),
    (
        "They met between June and August.",
        P,
        PAST,
        [("between June and August", "2023-06/2023-08", False)],
    ),
    # --- words that are not dates ---
    ("They may meet again.", P, PLAN, []),
    ("May the talks succeed.", P, PLAN, []),
    ("They met in May.", P, PAST, [("May", "2023-05", False)]),
    ("May they meet on May 5?", P, PAST, [("May 5", "2023-05-05", True)]),
    ("Students joined a march, the March on Washington.", P, PAST, []),
    ("She met April Ryan, and Sun Weidong wed.", P, PAST, []),
    ("The Wednesday talks ended.", P, PAST, [("Wednesday", "2023-08-23", True)]),
    ("They paid $2020 for 2020 people.", P, PAST, []),
    ("Resolution 2020 passed in 2020.", P, PAST, [("2020", "2020", False)]),
    ("Vision 2030 was launched.", P, PAST, []),
    ("The fall of Kabul came during the Winter Olympics.", P, PAST, []),
    # --- days written with their month ---
    ("They met on July 5.", P, PAST, [("July 5", "2023-07-05", True)]),
    ("They will meet on July 5th.", P, PLAN, [("July 5th", "2024-07-05", True)]),
    ("They met on 5 July.", P, PAST, [("5 July", "2023-07-05", True)]),
    ("They met on the 5th of July.", P, PAST, [("the 5th of July", "2023-07-05", True)]),
    ("They will meet on July 5, 2023.", P, PLAN, [("July 5, 2023", "2023-07-05", True)]),
    ("They met on 5 July 2023.", P, PAST, [("5 July 2023", "2023-07-05", True)]),
    ("They met on Monday, July 3.", P, PAST, [("Monday, July 3", "2023-07-03", True)]),
    ("They met on Jan. 30.", P, PAST, [("Jan. 30", "2023-01-30", True)]),
    ("They met on August 30.", P, PAST, [("August 30", "2022-08-30", True)]),
    ("They will meet on August 29.", P, PLAN, [("August 29", "2023-08-29", True)]),
    ("They will meet on August 28.", P, PLAN, [("August 28", "2024-08-28", True)]),
    ("They met on June 31.", P, PAST, []),
    ("The date 2024-04-05 was set.", P, PAST, [("2024-04-05", "2024-04-05", True)]),
    # --- ranges of days ---
    ("They met January 30-31.", P, PAST, [("January 30-31", "2023-01-30/2023-01-31", True)]),
    ("They will meet January 30–31.", P, PLAN, [("January 30–31", "2024-01-30/2024-01-31", True)]),
    (
        "They met January 30 to February 2.",
        P,
        PAST,
        [("January 30 to February 2", "2023-01-30/2023-02-02", True)],
    ),
    (
        "They will meet from May 21 to 23.",
        P,
        PLAN,
        [("from May 21 to 23", "2024-05-21/2024-05-23", True)],
    ),
    ("They met May 21-23, 2024.", P, PAST, [("May 21-23, 2024", "2024-05-21/2024-05-23", True)]),
    (
        "They met 30-31 January 2020.",
        P,
        PAST,
        [("30-31 January 2020", "2020-01-30/2020-01-31", True)],
    ),
    (
        "They met between 5 and 7 June.",
        P,
        PAST,
        [("between 5 and 7 June", "2023-06-05/2023-06-07", True)],
    ),
    ("They met on 5 and 7 June.", P, PAST, [("7 June", "2023-06-07", True)]),
    (
        "They met December 30 to January 2.",
        JANUARY,
        PAST,
        [("December 30 to January 2", "2023-12-30/2024-01-02", True)],
    ),
    # --- leap days ---
    ("They met on February 29.", P, PAST, [("February 29", "2020-02-29", True)]),
    ("They will meet on February 29.", P, PLAN, [("February 29", "2024-02-29", True)]),
    ("They met on February 29.", LEAP_DAY, PAST, [("February 29", "2024-02-29", True)]),
    ("They met on February 29, 2023.", P, PAST, []),
    ("They met yesterday.", dt.date(2024, 3, 1), PAST, [("yesterday", "2024-02-29", True)]),
    # --- years ---
    ("They met in 2020.", P, PAST, [("2020", "2020", False)]),
    ("2024 will be decisive.", P, PLAN, [("2024", "2024", False)]),
    ("The channel dates from the 1990s.", P, PAST, [("the 1990s", "1990/1999", False)]),
    ("The plan ran 2023-2024.", P, PAST, [("2023-2024", "2023/2024", False)]),
    ("They met between 2020 and 2022.", P, PAST, [("between 2020 and 2022", "2020/2022", False)]),
    # --- parts of a year ---
    ("They will meet in early 2024.", P, PLAN, [("early 2024", "2024-01~/2024-04~", False)]),
    ("They will meet in mid-2024.", P, PLAN, [("mid-2024", "2024-05~/2024-08~", False)]),
    ("They will meet in late 2024.", P, PLAN, [("late 2024", "2024-09~/2024-12~", False)]),
    (
        "They will agree by the end of 2024.",
        P,
        PLAN,
        [("the end of 2024", "2024-09~/2024-12~", False)],
    ),
    (
        "They will agree by the end of the year.",
        P,
        PLAN,
        [("the end of the year", "2023-09~/2023-12~", False)],
    ),
    (
        "They will agree by the end of the year.",
        DECEMBER,
        PLAN,
        [("the end of the year", "2024-09~/2024-12~", False)],
    ),
    (
        "Trade grew in the first half of 2024.",
        P,
        PAST,
        [("the first half of 2024", "2024-01/2024-06", False)],
    ),
    (
        "Trade grew in the second half of 2024.",
        P,
        PAST,
        [("the second half of 2024", "2024-07/2024-12", False)],
    ),
    (
        "Trade grew in the first quarter of 2024.",
        P,
        PAST,
        [("the first quarter of 2024", "2024-01/2024-03", False)],
    ),
    (
        "Trade grew in Q1 2024 and Q4 2023.",
        P,
        PAST,
        [("Q1 2024", "2024-01/2024-03", False), ("Q4 2023", "2023-10/2023-12", False)],
    ),
    (
        "Trade grew in the second quarter.",
        P,
        PAST,
        [("the second quarter", "2023-04/2023-06", False)],
    ),
    (
        "They met in spring 2024, summer 2024 and autumn 2024.",
        P,
        PAST,
        [
            ("spring 2024", "2024-03~/2024-05~", False),
            ("summer 2024", "2024-06~/2024-08~", False),
            ("autumn 2024", "2024-09~/2024-11~", False),
        ],
    ),
    ("They met in fall 2024.", P, PAST, [("fall 2024", "2024-09~/2024-11~", False)]),
    ("They met in winter 2024.", P, PAST, [("winter 2024", "2024-12~/2025-02~", False)]),
    ("They met in the spring.", P, PAST, [("the spring", "2023-03~/2023-05~", False)]),
    ("They will meet in the spring.", P, PLAN, [("the spring", "2024-03~/2024-05~", False)]),
    ("They met this winter.", JANUARY, PAST, [("this winter", "2023-12~/2024-02~", False)]),
    ("They will meet early next year.", P, PLAN, [("early next year", "2024-01~/2024-04~", False)]),
    ("They met late last year.", P, PAST, [("late last year", "2022-09~/2022-12~", False)]),
    # --- several dates in one sentence ---
    (
        "After talks on Monday and in July 2023, they plan a summit in early 2024.",
        P,
        PAST,
        [
            ("Monday", "2023-08-28", True),
            ("July 2023", "2023-07", False),
            ("early 2024", "2024-01~/2024-04~", False),
        ],
    ),
]


@pytest.mark.parametrize(("sentence", "published", "future", "expected"), CASES)
def test_each_date_expression_resolves_against_the_publication_date_and_the_tense(
    sentence: str, published: dt.date, future: bool, expected: Expected
) -> None:
    found = find_dates(sentence, published, future=future)

    assert [(m.text, str(m.date), m.exact) for m in found] == expected
    assert all(sentence[m.start : m.end] == m.text for m in found)


def test_mentions_are_in_order_and_never_overlap() -> None:
    sentence = "On Monday, July 3, and from January 30 to February 2, 2024, they met."

    found = find_dates(sentence, P, future=False)

    assert [m.text for m in found] == ["Monday, July 3", "from January 30 to February 2, 2024"]
    assert found[0].start == sentence.index("Monday")
    assert found[0].end <= found[1].start
    assert found[1].date == FuzzyDate.parse("2024-01-30/2024-02-02")


# --- properties: a report never dates after publication, a plan never before it -------------------

MONTH_NAMES = [name for name in calendar.month_name if name]
publications = st.dates(min_value=dt.date(1901, 1, 1), max_value=dt.date(2099, 12, 31))


@st.composite
def undated_expressions(draw: st.DrawFn) -> str:
    """A month, a day of a month, or a weekday, written without a year."""
    month = draw(st.integers(1, 12))
    name = MONTH_NAMES[month - 1]
    day = draw(st.integers(1, calendar.monthrange(2024, month)[1]))  # February 29 included
    weekday = draw(st.sampled_from(list(calendar.day_name)))
    return draw(
        st.sampled_from(
            [
                f"in {name}",
                f"on {name} {day}",
                f"on {day} {name}",
                f"on {name} {day}-{day}",
                f"on {weekday}",
                "in the spring",
                "in the winter",
                "in the first quarter",
            ]
        )
    )


def only_mention(sentence: str, published: dt.date, *, future: bool) -> DateMention:
    found = find_dates(sentence, published, future=future)
    assert len(found) == 1, found
    return found[0]


@given(publications, undated_expressions())
def test_in_a_report_an_undated_expression_begins_on_or_before_publication(
    published: dt.date, expression: str
) -> None:
    mention = only_mention(f"They met {expression}.", published, future=False)

    assert mention.date.earliest <= published


@given(publications, undated_expressions())
def test_in_a_plan_an_undated_expression_ends_on_or_after_publication(
    published: dt.date, expression: str
) -> None:
    mention = only_mention(f"They will meet {expression}.", published, future=True)

    assert mention.date.latest >= published


@given(publications, st.sampled_from(MONTH_NAMES), st.booleans())
def test_last_and_next_month_lie_wholly_before_and_after_the_month_of_publication(
    published: dt.date, name: str, future: bool
) -> None:
    last = only_mention(f"They met last {name}.", published, future=future).date
    after = only_mention(f"They meet next {name}.", published, future=future).date

    assert last.latest < published.replace(day=1)
    assert after.earliest > published
    assert after.earliest.month == last.earliest.month == MONTH_NAMES.index(name) + 1


@given(publications, st.sampled_from(MONTH_NAMES), st.integers(1900, 2100), st.booleans())
def test_a_written_year_is_kept_whatever_the_tense(
    published: dt.date, name: str, year: int, future: bool
) -> None:
    mention = only_mention(f"They met in {name} {year}.", published, future=future)

    assert str(mention.date) == f"{year:04d}-{MONTH_NAMES.index(name) + 1:02d}"


TOKENS = (  # noqa: SIM905 (the words read better as text than as a column of strings)
    "in on at by the of and to from between - – , . last next this early mid- late end first half"
    " quarter Q1 H2 year month week May March may July Jan. Sept. 5 5th 30-31 31 29 2020 2024-04-05"
    " 1990s $2020 fiscal Monday today spring fall winter recently people"
).split()


@given(st.lists(st.sampled_from(TOKENS), max_size=12), publications, st.booleans())
def test_any_words_give_ordered_non_overlapping_mentions_of_their_own_text(
    tokens: list[str], published: dt.date, future: bool
) -> None:
    sentence = " ".join(tokens)

    found = find_dates(sentence, published, future=future)

    assert all(sentence[m.start : m.end] == m.text for m in found)
    assert all(a.end <= b.start for a, b in itertools.pairwise(found))


@pytest.mark.parametrize(
    ("sentence", "dates"),
    [
        ("It was launched in April 2019 and held its first session in July that year.",
         ["2019-04", "2019-07"]),
        ("It began in March 2019 and met again on June 5 of the same year.",
         ["2019-03", "2019-06-05"]),
        ("It was launched in April 2019 and met in July.", ["2019-04", "2021-07"]),
    ],
)  # fmt: skip
def test_a_month_of_that_year_is_of_the_year_named_before_it(
    sentence: str, dates: list[str]
) -> None:
    found = find_dates(sentence, dt.date(2022, 3, 10), future=False)
    assert [str(m.date) for m in found] == dates
