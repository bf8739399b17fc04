"""Fuzzy dates: the EDTF forms analysts write, their precision, and the days they could mean."""

from __future__ import annotations

import calendar
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError

from tracker.domain.dates import DatePoint, FuzzyDate, InvalidDate, parse_day

# --- parsing every form the design lists ---------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "precision", "approximate", "earliest", "latest"),
    [
        ("2023", "year", False, "2023-01-01", "2023-12-31"),
        ("2023-08", "month", False, "2023-08-01", "2023-08-31"),
        ("2023-08-28", "day", False, "2023-08-28", "2023-08-28"),
        ("2024-04~", "month", True, "2024-04-01", "2024-04-30"),
        ("2023~", "year", True, "2023-01-01", "2023-12-31"),
        ("2023-08-28~", "day", True, "2023-08-28", "2023-08-28"),
        ("2023-07-16/2023-07-19", "interval", False, "2023-07-16", "2023-07-19"),
        ("2023-07-16~/2023-07-19", "interval", True, "2023-07-16", "2023-07-19"),
        ("2023-07-16/2023-07-19~", "interval", True, "2023-07-16", "2023-07-19"),
        ("2024-01/2024-06", "interval", False, "2024-01-01", "2024-06-30"),
        ("2023/2024", "interval", False, "2023-01-01", "2024-12-31"),
    ],
)
def test_each_edtf_form_parses_with_its_precision_and_the_days_it_could_mean(
    text: str, precision: str, approximate: bool, earliest: str, latest: str
) -> None:
    date = FuzzyDate.parse(text)

    assert date.precision == precision
    assert date.approximate is approximate
    assert date.earliest == dt.date.fromisoformat(earliest)
    assert date.latest == dt.date.fromisoformat(latest)


@pytest.mark.parametrize(
    "text",
    [
        "2023",
        "2023-08",
        "2023-08-28",
        "2024-04~",
        "2023~",
        "2023-07-16/2023-07-19",
        "2023-07-16~/2023-07-19~",
        "2024-01/2024-06",
        "0001",
        "9999-12-31",
    ],
)
def test_the_text_of_a_date_is_kept_exactly_so_its_precision_is_never_widened(text: str) -> None:
    assert str(FuzzyDate.parse(text)) == text


def test_a_year_is_not_silently_turned_into_its_first_day() -> None:
    date = FuzzyDate.parse("2023")

    assert str(date) == "2023"
    assert date != FuzzyDate.parse("2023-01-01")
    assert date.earliest == FuzzyDate.parse("2023-01-01").earliest


def test_surrounding_spaces_are_ignored() -> None:
    assert FuzzyDate.parse("  2023-08-28\n") == FuzzyDate.parse("2023-08-28")


def test_an_interval_keeps_both_of_its_endpoints() -> None:
    date = FuzzyDate.parse("2023-07-16/2023-07-19")

    assert date.start == DatePoint(2023, 7, 16)
    assert date.end == DatePoint(2023, 7, 19)


def test_an_interval_may_start_and_end_on_the_same_day() -> None:
    date = FuzzyDate.parse("2023-07-16/2023-07-16")

    assert date.earliest == date.latest == dt.date(2023, 7, 16)


def test_an_exact_day_becomes_a_date_of_day_precision() -> None:
    date = FuzzyDate.of(dt.date(2023, 8, 28))

    assert str(date) == "2023-08-28"
    assert date.precision == "day"
    assert date == FuzzyDate.parse("2023-08-28")


def test_the_repr_shows_the_edtf_text() -> None:
    assert repr(FuzzyDate.parse("2024-04~")) == "FuzzyDate('2024-04~')"


# --- earliest and latest days --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "latest"),
    [
        ("2023-01", "2023-01-31"),
        ("2023-04", "2023-04-30"),
        ("2023-02", "2023-02-28"),
        ("2024-02", "2024-02-29"),
        ("1900-02", "1900-02-28"),
        ("2000-02", "2000-02-29"),
        ("2023-12", "2023-12-31"),
        ("2023", "2023-12-31"),
        ("2024", "2024-12-31"),
    ],
)
def test_a_month_or_a_year_could_mean_any_day_up_to_its_last(text: str, latest: str) -> None:
    date = FuzzyDate.parse(text)

    assert date.latest == dt.date.fromisoformat(latest)
    assert date.earliest.day == 1


def test_a_point_knows_its_precision() -> None:
    assert DatePoint(2023).precision == "year"
    assert DatePoint(2023, 8).precision == "month"
    assert DatePoint(2023, 8, 28).precision == "day"


# --- invalid input -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("2023-13-01", ["2023-13-01", "month 13", "01 to 12"]),
        ("2023-00", ["month 00"]),
        ("2023-02-30", ["2023-02-30", "February 2023", "28 days"]),
        ("2023-02-29", ["2023-02-29", "February 2023", "28 days"]),
        ("1900-02-29", ["February 1900", "28 days"]),
        ("2023-04-31", ["April 2023", "30 days"]),
        ("2023-08-00", ["2023-08-00", "31 days"]),
        ("yesterday", ["yesterday", "2023-08-28", "2024-04~", "2023-07-16/2023-07-19"]),
        ("0000", ["0000", "year"]),
        ("23", ["'23'", "2023-08-28"]),
        ("2023-8-1", ["2023-8-1"]),
        ("20230828", ["20230828"]),
        ("2023-08-28T10:00", ["2023-08-28T10:00"]),
        ("~2023", ["~2023"]),
        ("2023/2024/2025", ["2024/2025"]),
        ("2023-07-19/2023-07-16", ["2023-07-19/2023-07-16", "ends before it starts"]),
        ("2024/2023-06", ["ends before it starts"]),
        ("2023-07-16/", ["''"]),
    ],
)
def test_an_invalid_date_is_refused_saying_what_is_wrong(text: str, words: list[str]) -> None:
    with pytest.raises(InvalidDate) as refused:
        FuzzyDate.parse(text)

    for word in words:
        assert word in str(refused.value)


@pytest.mark.parametrize("text", ["", "   "])
def test_an_empty_date_is_refused_as_required(text: str) -> None:
    with pytest.raises(InvalidDate, match="required") as refused:
        FuzzyDate.parse(text)

    assert "2023-08-28" in str(refused.value)


@pytest.mark.parametrize("text", ["２０２３", "٢٠٢٣-٠٨"])
def test_a_date_written_with_digits_other_than_ascii_is_refused(text: str) -> None:
    # EDTF dates are written with the ASCII digits 0-9; the text typed is the stored form.
    with pytest.raises(InvalidDate):
        FuzzyDate.parse(text)


def test_the_29th_of_february_exists_only_in_a_leap_year() -> None:
    with pytest.raises(InvalidDate, match="28 days"):
        FuzzyDate.parse("2023-02-29")

    leap_day = FuzzyDate.parse("2024-02-29")

    assert leap_day.earliest == dt.date(2024, 2, 29)
    assert str(leap_day) == "2024-02-29"


def test_an_invalid_date_is_a_value_error_so_validation_reports_it() -> None:
    assert issubclass(InvalidDate, ValueError)


# --- in pydantic models --------------------------------------------------------------------------


class _Dated(BaseModel):
    occurred: FuzzyDate


def test_a_model_field_accepts_text_a_date_or_a_fuzzy_date() -> None:
    assert _Dated(occurred="2024-04~").occurred == FuzzyDate.parse("2024-04~")  # type: ignore[arg-type]
    assert _Dated(occurred=dt.date(2023, 8, 28)).occurred == FuzzyDate.parse("2023-08-28")  # type: ignore[arg-type]
    fuzzy = FuzzyDate.parse("2023")
    assert _Dated(occurred=fuzzy).occurred is fuzzy


@pytest.mark.parametrize("value", [dt.datetime(2023, 8, 28, 10, 0), 2023, "2023-13"])
def test_a_model_field_refuses_what_is_not_a_date(value: object) -> None:
    with pytest.raises(ValidationError):
        _Dated(occurred=value)  # type: ignore[arg-type]


def test_a_model_stores_the_date_in_its_edtf_text_and_reads_it_back_unchanged() -> None:
    model = _Dated(occurred=FuzzyDate.parse("2023-07-16~/2023-07-19"))

    stored = model.model_dump_json()

    assert stored == '{"occurred":"2023-07-16~/2023-07-19"}'
    assert _Dated.model_validate_json(stored) == model


# --- parse_day: the exact day of --as-of ---------------------------------------------------------


def test_parse_day_reads_an_exact_day() -> None:
    assert parse_day("2023-01-01") == dt.date(2023, 1, 1)
    assert parse_day(" 2024-02-29 ") == dt.date(2024, 2, 29)


@pytest.mark.parametrize("text", ["2023", "2023-08", "2023-08-28~"])
def test_parse_day_refuses_a_date_that_is_not_one_day(text: str) -> None:
    with pytest.raises(InvalidDate, match="not a single day") as refused:
        parse_day(text)

    assert "YYYY-MM-DD" in str(refused.value)


@pytest.mark.parametrize("text", ["yesterday", "2023-02-29", "", "2023-07-16/2023-07-19"])
def test_parse_day_refuses_what_is_not_a_day(text: str) -> None:
    with pytest.raises(InvalidDate, match="YYYY-MM-DD"):
        parse_day(text)


# --- properties ----------------------------------------------------------------------------------


@st.composite
def point_texts(draw: st.DrawFn, min_year: int = 1, max_year: int = 9999) -> str:
    year = draw(st.integers(min_year, max_year))
    text = f"{year:04d}"
    precision = draw(st.sampled_from(["year", "month", "day"]))
    if precision != "year":
        month = draw(st.integers(1, 12))
        text += f"-{month:02d}"
        if precision == "day":
            text += f"-{draw(st.integers(1, calendar.monthrange(year, month)[1])):02d}"
    return text + ("~" if draw(st.booleans()) else "")


@st.composite
def date_texts(draw: st.DrawFn) -> str:
    """Any valid date text: a point, or an interval whose end does not come before its start."""
    first = draw(point_texts())
    if draw(st.booleans()):
        return first
    second = draw(point_texts())
    if DatePoint.parse(second).latest < DatePoint.parse(first).earliest:
        first, second = second, first
    return f"{first}/{second}"


@given(date_texts())
def test_any_valid_date_survives_a_round_trip_through_its_text(text: str) -> None:
    date = FuzzyDate.parse(text)

    assert str(date) == text
    assert FuzzyDate.parse(str(date)) == date
    assert str(FuzzyDate.parse(str(date))) == str(date)


@given(date_texts())
def test_the_earliest_day_of_any_date_is_never_after_its_latest(text: str) -> None:
    date = FuzzyDate.parse(text)

    assert date.earliest <= date.latest
    assert date.start.earliest <= date.start.latest


@given(point_texts())
def test_a_more_precise_date_lies_within_the_coarser_dates_it_refines(text: str) -> None:
    point = DatePoint.parse(text)
    year = DatePoint(point.year)
    month = DatePoint(point.year, point.month) if point.month else year

    assert year.earliest <= month.earliest <= point.earliest
    assert point.latest <= month.latest <= year.latest


@given(st.lists(date_texts(), min_size=2, max_size=8))
def test_dates_sorted_by_earliest_day_keep_every_date_that_ends_first_before_one_that_starts_later(
    texts: list[str],
) -> None:
    dates = sorted((FuzzyDate.parse(t) for t in texts), key=lambda f: f.earliest)

    for i, earlier in enumerate(dates):
        for later in dates[i + 1 :]:
            assert earlier.earliest <= later.earliest
            assert not later.latest < earlier.earliest


@given(st.text(max_size=25))
def test_any_text_either_parses_or_is_refused_as_an_invalid_date(text: str) -> None:
    try:
        date = FuzzyDate.parse(text)
    except InvalidDate:
        return
    assert FuzzyDate.parse(str(date)) == date


def _same_date(quick: FuzzyDate, parsed: FuzzyDate) -> None:
    """The date made the quick way is the parser's in every way it is read."""
    assert quick == parsed
    assert (str(quick), quick.earliest, quick.latest, quick.precision) == (
        str(parsed),
        parsed.earliest,
        parsed.latest,
        parsed.precision,
    )
    assert (quick.earliest_iso, quick.latest_iso) == (parsed.earliest_iso, parsed.latest_iso)


@given(date_texts())
def test_an_exact_day_made_the_quick_way_is_the_date_the_parser_makes(text: str) -> None:
    quick = FuzzyDate._exact_day(text)
    if quick is None:
        assert len(text) != 10 or FuzzyDate._parse(text).precision != "day"
        return
    parsed = FuzzyDate._parse(text)
    _same_date(quick, parsed)


@given(point_texts(), point_texts())
def test_a_window_of_exact_days_made_the_quick_way_is_the_date_the_parser_makes(
    first: str, last: str
) -> None:
    text = f"{first}/{last}"
    quick = FuzzyDate._exact_window(text)
    try:
        parsed = FuzzyDate._parse(text)
    except InvalidDate:  # it ends before it starts
        assert quick is None
        return
    assert parsed.end is not None
    exact = parsed.start.precision == parsed.end.precision == "day" and not parsed.approximate
    if quick is None:
        assert not exact
        return
    assert exact
    _same_date(quick, parsed)
