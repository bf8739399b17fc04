"""Dialogue health per pair of parties, quarter by quarter: how many of the pair's channels were
active, how many suspended, and how many meetings they held.

- A channel counts for **every pair** of its parties: a channel of the USA, China and Japan
  counts for USA-CHN, USA-JPN and CHN-JPN (the question is how two governments talk, whatever
  else sits at the table). A pair is named with an en dash in the report.
- A channel's status in a quarter is its status on the quarter's last day, or on the report's
  day for the quarter that holds it: each channel is counted once per quarter. Channels that are
  proposed, agreed (not yet meeting) or concluded are in neither count.
- A meeting counts in the quarter of the earliest day its date could mean (the rule by which
  the tracker orders facts), and only if that day is on or before the report's day.

Pure: the same channel states and day always give the same numbers. The picture of these numbers
is laid out by :func:`health_picture` and drawn by ``templates/health.svg.j2``, wide (each
panel's words in a column beside it) and narrow, for a phone (its words above and inside it, the
quarters across the whole width, fewer years named on the axis).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import combinations

from tracker.domain.state import ChannelState
from tracker.reports.labels import years_apart


@dataclass(frozen=True)
class Quarter:
    year: int
    number: int  # 1 to 4

    @property
    def first(self) -> dt.date:
        return dt.date(self.year, 3 * self.number - 2, 1)

    @property
    def last(self) -> dt.date:
        if self.number == 4:
            return dt.date(self.year, 12, 31)
        return dt.date(self.year, 3 * self.number + 1, 1) - dt.timedelta(days=1)

    def __str__(self) -> str:
        return f"{self.year}-Q{self.number}"


def quarter_of(day: dt.date) -> Quarter:
    return Quarter(day.year, (day.month - 1) // 3 + 1)


def quarters(first: dt.date, last: dt.date) -> list[Quarter]:
    """Every quarter from the one holding ``first`` to the one holding ``last``."""
    found, quarter = [], quarter_of(first)
    while quarter.first <= last:
        found.append(quarter)
        if quarter.last == dt.date.max:  # the last quarter of year 9999 has none after it
            break
        quarter = quarter_of(quarter.last + dt.timedelta(days=1))
    return found


@dataclass(frozen=True)
class Count:
    quarter: Quarter
    active: int
    suspended: int
    meetings: int


@dataclass(frozen=True)
class PairHealth:
    parties: tuple[str, str]
    channels: tuple[str, ...]  # slugs
    counts: tuple[Count, ...]  # one per quarter of the report's range

    @property
    def name(self) -> str:
        return "–".join(self.parties)


def status_on(state: ChannelState, day: dt.date) -> str | None:
    """The channel's status on a day (by the earliest day each status could have begun), or
    None before it was opened."""
    status = None
    for span in state.spans:
        if span.since.earliest > day:
            break
        status = str(span.status)
    return status


def pairs_of(states: list[ChannelState]) -> dict[tuple[str, str], list[ChannelState]]:
    """Each pair of parties, in the order the channels (then their parties) first name it, with
    the channels both of them are in."""
    found: dict[frozenset[str], tuple[tuple[str, str], list[ChannelState]]] = {}
    for state in states:
        for a, b in combinations(dict.fromkeys(state.parties), 2):
            found.setdefault(frozenset((a, b)), ((a, b), []))[1].append(state)
    return dict(found.values())


def health(states: list[ChannelState], as_of: dt.date, start: dt.date) -> list[PairHealth]:
    """The counts of every pair, for each quarter from ``start`` to ``as_of``."""
    span = quarters(start, as_of)
    result = []
    for parties, channels in pairs_of(states).items():
        counts = []
        for quarter in span:
            day = min(quarter.last, as_of)
            statuses = [status_on(s, day) for s in channels]
            held = sum(
                1
                for s in channels
                for m in s.meetings
                if quarter.first <= m.occurred.earliest <= day
            )
            counts.append(
                Count(quarter, statuses.count("active"), statuses.count("suspended"), held)
            )
        result.append(PairHealth(parties, tuple(s.slug for s in channels), tuple(counts)))
    return result


# --- the picture ----------------------------------------------------------------------------

WIDTH = 1000
LEFT = 250
RIGHT = WIDTH - 20
TOP = 24
CHANNELS = 36  # the height of the most channels active (up) or suspended (down)
MEETINGS = 28  # the height of the most meetings in a quarter
PANEL = 26 + 2 * CHANNELS + 10 + MEETINGS + 16
# Narrow, for a phone: the pair's name and channels, then the channels' scale, above the panel;
# the meetings' scale between the channels and the meetings.
NARROW_WIDTH = 340
NARROW_PANEL = 34 + 2 * CHANNELS + 18 + MEETINGS + 16


@dataclass(frozen=True)
class Column:
    x: float
    width: float
    count: Count
    active: float  # heights
    suspended: float
    meetings: float


@dataclass(frozen=True)
class Panel:
    y: float
    baseline: float  # channels: active above it, suspended below
    floor: float  # meetings stand on it
    pair: PairHealth
    columns: tuple[Column, ...]


@dataclass(frozen=True)
class HealthPicture:
    width: int
    height: int
    left: int
    right: int
    panels: tuple[Panel, ...]
    ticks: tuple[tuple[float, int, bool], ...]  # (x, year, named) at each year's first quarter
    most_channels: int
    most_meetings: int
    layout: str = "wide"  # or narrow


def health_picture(pairs: list[PairHealth], *, narrow: bool = False) -> HealthPicture:
    """Small multiples: a panel per pair, a column per quarter, on scales shared by all."""
    width, left, right = (NARROW_WIDTH, 8, NARROW_WIDTH - 8) if narrow else (WIDTH, LEFT, RIGHT)
    step = NARROW_PANEL if narrow else PANEL
    counts = [c for pair in pairs for c in pair.counts]
    most_channels = max((max(c.active, c.suspended) for c in counts), default=0) or 1
    most_meetings = max((c.meetings for c in counts), default=0) or 1
    # Whole years, as on the timeline above it: a year's quarters sit under that year.
    size = -(-max((len(pair.counts) for pair in pairs), default=1) // 4) * 4
    slot = (right - left) / size
    panels = []
    for i, pair in enumerate(pairs):
        y = TOP + i * step
        baseline = y + (34 if narrow else 22) + CHANNELS
        floor = baseline + CHANNELS + (18 if narrow else 10) + MEETINGS
        columns = tuple(
            Column(
                x=round(left + j * slot + slot * 0.15, 1),
                width=round(slot * 0.7, 1),
                count=c,
                active=round(c.active / most_channels * CHANNELS, 1),
                suspended=round(c.suspended / most_channels * CHANNELS, 1),
                meetings=round(c.meetings / most_meetings * MEETINGS, 1),
            )
            for j, c in enumerate(pair.counts)
        )
        panels.append(Panel(y, baseline, floor, pair, columns))
    every = years_apart(4 * slot)
    axis = list(pairs[0].counts if pairs else ())
    last = axis[-1].quarter.year if axis else 0
    ticks = tuple(
        (round(left + j * slot, 1), c.quarter.year, (last - c.quarter.year) % every == 0)
        for j, c in enumerate(axis)
        if c.quarter.number == 1 or j == 0
    )
    height = TOP + len(pairs) * step + 8
    return HealthPicture(
        width,
        height,
        left,
        right,
        tuple(panels),
        ticks,
        most_channels,
        most_meetings,
        layout="narrow" if narrow else "wide",
    )
