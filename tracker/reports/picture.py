"""Geometry of the timeline picture: one lane per channel across the years.

Spans of each status are bars in the status's colour, meetings are marks, planned windows are
dashed boxes. The picture covers at most the last ``MAX_YEARS`` years before the day of the
report; a channel opened earlier shows an arrow and its opening date at the left edge.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tracker.domain.state import ChannelState

MAX_YEARS = 10
WIDTH = 1000
LABEL = 250
LANE = 26
GAP = 10
TOP = 34

COLOURS = {
    "proposed": "#b8bcc6",
    "agreed": "#6baed6",
    "active": "#2ca25f",
    "suspended": "#de2d26",
    "concluded": "#636363",
}


@dataclass(frozen=True)
class Bar:
    x: float
    width: float
    status: str
    colour: str
    label: str


@dataclass(frozen=True)
class Mark:
    x: float
    width: float
    label: str


@dataclass(frozen=True)
class Window:
    x: float
    width: float
    overdue: bool
    label: str


@dataclass(frozen=True)
class Lane:
    y: float
    slug: str
    title: str
    bars: list[Bar]
    meetings: list[Mark]
    windows: list[Window]
    earlier: str | None


@dataclass(frozen=True)
class Tick:
    x: float
    year: int


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    left: int
    right: int
    lanes: list[Lane]
    ticks: list[Tick]
    today_x: float
    colours: dict[str, str] = field(default_factory=lambda: dict(COLOURS))


def picture(states: list[ChannelState], as_of: dt.date) -> Picture:
    """Lay out one lane per channel between the start year and the day of the report."""
    first_year = min((s.opened.earliest.year for s in states), default=as_of.year)
    start = dt.date(max(first_year, as_of.year - MAX_YEARS + 1), 1, 1)
    end = dt.date(as_of.year, 12, 31)
    span_days = (end - start).days or 1
    right = WIDTH - 20

    def x(day: dt.date) -> float:
        clamped = min(max(day, start), end)
        return round(LABEL + (clamped - start).days / span_days * (right - LABEL), 1)

    lanes = []
    for i, state in enumerate(states):
        bars = []
        for j, span in enumerate(state.spans):
            until = state.spans[j + 1].since.earliest if j + 1 < len(state.spans) else as_of
            if until < start:
                continue
            x0, x1 = x(span.since.earliest), x(until)
            bars.append(
                Bar(
                    x=x0,
                    width=max(x1 - x0, 1.0),
                    status=span.status.value,
                    colour=COLOURS[span.status.value],
                    label=f"{span.status.value} from {span.since}",
                )
            )
        meetings = [
            Mark(
                x=x(m.occurred.earliest),
                width=max(x(m.occurred.latest) - x(m.occurred.earliest), 0.0),
                label=f"meeting {m.occurred}" + (f" in {m.location}" if m.location else ""),
            )
            for m in state.meetings
            if m.occurred.latest >= start
        ]
        windows = [
            Window(
                x=x(p.window.earliest),
                width=max(x(p.window.latest) - x(p.window.earliest), 2.0),
                overdue=p.overdue,
                label=f"planned meeting {p.window}"
                + (" (overdue)" if p.overdue else f" (held {p.held})" if p.held else ""),
            )
            for p in state.planned
        ]
        lanes.append(
            Lane(
                y=TOP + i * (LANE + GAP),
                slug=state.slug,
                title=state.title,
                bars=bars,
                meetings=meetings,
                windows=windows,
                earlier=f"since {state.opened}" if state.opened.earliest < start else None,
            )
        )
    ticks = [Tick(x(dt.date(y, 1, 1)), y) for y in range(start.year, end.year + 1)]
    height = TOP + len(states) * (LANE + GAP) + 40
    return Picture(WIDTH, height, LABEL, right, lanes, ticks, x(as_of))
