"""Small builders for the unit tests: dates, a record-time clock and channels to act on."""

from __future__ import annotations

import datetime as dt

from tracker.domain.channel import Channel
from tracker.domain.dates import FuzzyDate
from tracker.domain.values import ChannelStatus, Level

SLUG = "us-cn-commercial-wg"
# Record time after every day the tests record facts on: nothing after today can be recorded.
START = dt.datetime(2030, 1, 1, 9, 0, tzinfo=dt.UTC)


def d(text: str) -> FuzzyDate:
    """A fuzzy date from its EDTF text."""
    return FuzzyDate.parse(text)


def day(text: str) -> dt.date:
    """An exact calendar day from YYYY-MM-DD."""
    return dt.date.fromisoformat(text)


class Clock:
    """Record time that moves one minute each time it is read, so every event gets its own."""

    def __init__(self, start: dt.datetime = START, step: dt.timedelta | None = None) -> None:
        self.now = start
        self.step = step or dt.timedelta(minutes=1)

    def __call__(self) -> dt.datetime:
        self.now += self.step
        return self.now


def opened(
    on: str = "2013-01-01",
    *,
    status: ChannelStatus = ChannelStatus.AGREED,
    level: Level | None = None,
    clock: Clock | None = None,
    slug: str = SLUG,
) -> Channel:
    """A channel opened on ``on``, with its opening already collected (as if saved)."""
    channel = Channel.open(
        slug=slug,
        title="US–China Commercial Issues Working Group",
        parties=["US", "CN"],
        occurred=d(on),
        recorded=(clock or Clock())(),
        status=status,
        level=level,
    )
    channel.collect_events()
    return channel


# Each records one fact on the channel, dated by its EDTF text; ``at`` is the record time.


def agree(channel: Channel, on: str, *, at: dt.datetime = START) -> None:
    channel.agree(occurred=d(on), recorded=at)


def cadence(
    channel: Channel, on: str, level: Level, per_year: float, *, at: dt.datetime = START
) -> None:
    channel.agree_cadence(level=level, per_year=per_year, occurred=d(on), recorded=at)


def plan(
    channel: Channel,
    on: str,
    window: str,
    level: Level | None = None,
    *,
    host: str | None = None,
    at: dt.datetime = START,
) -> None:
    channel.plan_meeting(window=d(window), level=level, host=host, occurred=d(on), recorded=at)


def meet(
    channel: Channel,
    on: str,
    level: Level | None = None,
    *,
    location: str | None = None,
    at: dt.datetime = START,
) -> None:
    channel.hold_meeting(level=level, location=location, occurred=d(on), recorded=at)


def suspend(
    channel: Channel,
    on: str,
    *,
    by: str | None = None,
    reason: str | None = None,
    at: dt.datetime = START,
) -> None:
    channel.suspend(by=by, reason=reason, occurred=d(on), recorded=at)


def resume(channel: Channel, on: str, *, at: dt.datetime = START) -> None:
    channel.resume(occurred=d(on), recorded=at)


def conclude(
    channel: Channel, on: str, *, successor: str | None = None, at: dt.datetime = START
) -> None:
    channel.conclude(successor=successor, occurred=d(on), recorded=at)


def retract(channel: Channel, seq: int, *, at: dt.datetime = START) -> None:
    channel.retract(seq=seq, reason="recorded by mistake", recorded=at)


def kinds(channel: Channel) -> list[str]:
    """The kind of every event of the channel, in the order recorded."""
    return [e.KIND for e in channel.events]
