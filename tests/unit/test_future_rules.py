"""Facts that have not happened yet are refused; only a plan (and its window) may lie ahead."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest

from tests.unit.builders import START, d, kinds, opened
from tracker.domain.channel import Channel
from tracker.domain.rules import NothingBeforeItHappens
from tracker.domain.values import ChannelStatus, Level

TODAY = dt.date(2026, 12, 3)

Action = Callable[[Channel, str], None]
FACTS: dict[str, Action] = {
    "meeting": lambda c, on: c.hold_meeting(occurred=d(on), recorded=START, today=TODAY),
    "suspension": lambda c, on: c.suspend(occurred=d(on), recorded=START, today=TODAY),
    "conclusion": lambda c, on: c.conclude(occurred=d(on), recorded=START, today=TODAY),
    "cadence": lambda c, on: c.agree_cadence(
        level=Level.MINISTERIAL, per_year=1, occurred=d(on), recorded=START, today=TODAY
    ),
}


@pytest.mark.parametrize("fact", FACTS)
def test_a_fact_dated_after_today_is_refused_naming_today(fact: str) -> None:
    channel = opened("2013-01-01")

    with pytest.raises(NothingBeforeItHappens) as refused:
        FACTS[fact](channel, "2026-12-04")

    assert "2026-12-03" in str(refused.value)
    assert kinds(channel) == ["opened"]


@pytest.mark.parametrize("on", ["2026-12-03", "2026-12", "2026", "2026-12~", "2026-11/2027-02"])
def test_a_date_that_may_already_have_come_is_accepted(on: str) -> None:
    channel = opened("2013-01-01")

    FACTS["meeting"](channel, on)

    assert kinds(channel) == ["opened", "meeting"]


@pytest.mark.parametrize("on", ["2027", "2027-01", "2026-12-04~", "2027-01/2027-02"])
def test_a_date_whose_earliest_day_is_after_today_is_refused(on: str) -> None:
    with pytest.raises(NothingBeforeItHappens):
        FACTS["meeting"](opened("2013-01-01"), on)


def test_a_resumption_and_an_agreement_after_today_are_refused() -> None:
    proposed = opened("2013-01-01", status=ChannelStatus.PROPOSED)
    with pytest.raises(NothingBeforeItHappens):
        proposed.agree(occurred=d("2027-01"), recorded=START, today=TODAY)
    suspended = opened("2013-01-01")
    suspended.suspend(occurred=d("2020"), recorded=START, today=TODAY)
    with pytest.raises(NothingBeforeItHappens):
        suspended.resume(occurred=d("2027"), recorded=START, today=TODAY)


def test_an_opening_after_today_is_refused() -> None:
    with pytest.raises(NothingBeforeItHappens, match="2026-12-03"):
        Channel.open(
            slug="eu-us-ttc",
            title="Trade and Technology Council",
            parties=["US", "EU"],
            occurred=d("2027-06"),
            recorded=START,
            today=TODAY,
        )


def test_a_plan_may_lie_in_the_future_its_window_too() -> None:
    channel = opened("2013-01-01")

    channel.plan_meeting(window=d("2027-04"), occurred=d("2026-12-03"), recorded=START, today=TODAY)
    channel.plan_meeting(window=d("2028"), occurred=d("2027-01"), recorded=START, today=TODAY)

    assert kinds(channel) == ["opened", "planned", "planned"]


def test_without_today_the_date_is_not_checked() -> None:
    channel = opened("2013-01-01")

    channel.hold_meeting(occurred=d("2029"), recorded=START)

    assert kinds(channel) == ["opened", "meeting"]
