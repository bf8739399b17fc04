"""Only a party of the channel can suspend it or lead for one side; anyone may host."""

from __future__ import annotations

import datetime as dt

import pytest

from tracker.domain.channel import Channel
from tracker.domain.dates import FuzzyDate
from tracker.domain.rules import OnlyPartiesOfTheChannel
from tracker.domain.values import Lead

AT = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)


def channel(**extra: object) -> Channel:
    return Channel.open(
        slug="us-cn-mmca",
        title="MMCA talks",
        parties=["US", "CN"],
        occurred=FuzzyDate.parse("1998-01-19"),
        recorded=AT,
        **extra,  # type: ignore[arg-type]
    )


def test_a_party_given_by_its_alpha_2_code_may_suspend_the_channel() -> None:
    mmca = channel()
    mmca.suspend(occurred=FuzzyDate.parse("2022-08-05"), recorded=AT, by="CN")
    assert mmca.state(as_of=dt.date(2023, 1, 1)).suspended_by == "CHN"  # type: ignore[union-attr]


def test_a_government_that_is_not_a_party_cannot_suspend_the_channel() -> None:
    mmca = channel()
    with pytest.raises(OnlyPartiesOfTheChannel, match="JPN"):
        mmca.suspend(occurred=FuzzyDate.parse("2022-08-05"), recorded=AT, by="JP")
    assert mmca.version == 1


def test_a_government_that_is_not_a_party_may_host_a_planned_meeting() -> None:
    mmca = channel()
    mmca.plan_meeting(
        occurred=FuzzyDate.parse("2023-11-15"),
        window=FuzzyDate.parse("2024"),
        recorded=AT,
        host="EG",
    )
    assert mmca.state(as_of=dt.date(2024, 1, 1)).planned[0].host == "EGY"  # type: ignore[union-attr]


def test_a_lead_must_lead_for_a_party_of_the_channel() -> None:
    mmca = channel()
    with pytest.raises(OnlyPartiesOfTheChannel, match="GBR"):
        mmca.hold_meeting(
            occurred=FuzzyDate.parse("2021-12-14"),
            recorded=AT,
            leads=[Lead(party="GB", name="A. Minister")],
        )


def test_a_channel_cannot_open_with_a_lead_for_a_government_that_is_not_a_party() -> None:
    with pytest.raises(OnlyPartiesOfTheChannel, match="FRA"):
        channel(leads=[Lead(party="FRA", name="E. Macron")])
