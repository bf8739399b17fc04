"""Geometry of the timeline picture: one lane per channel across the years.

Spans of each status are bars in the status's colour; meetings are marks (a dot for a known
day, a box across the month or year for a meeting known only to that, a capsule for an
interval); planned windows are boxes drawn by what became of them (pending, overdue, held,
cancelled, lapsed, and the window first agreed before a postponement). Marks of one lane that
would be drawn over each other become one mark with their number ("3"), whose tooltip lists
them. A window is at least ``MIN_WINDOW`` wide, so that a one-week window shows on a ten-year
axis. The picture covers at most the last ``MAX_YEARS`` years before the day of the report; a
channel opened earlier shows an arrow and its opening date at the left edge. Lane labels come
from :mod:`tracker.reports.labels`: never cut into ambiguity.

The picture is laid out twice: ``WIDE``, with the labels in a column beside the lanes, and
``NARROW``, for a phone, with each label above its lane and the years across the whole width
(fewer of them named on the axis), so that it fits a phone's screen without scrolling sideways.
The report shows one or the other by the width of the screen (a CSS media query). Marks are
drawn apart, windows made wide enough and labels fitted for each layout's own scale.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tracker.domain.state import ChannelState, PlannedState
from tracker.reports.labels import Label, lane_labels, years_apart

MAX_YEARS = 10
WIDTH = 1000
LABEL = 250
LANE = 26
GAP = 10
TOP = 34
MIN_WINDOW = 8.0
MIN_MEETING = 8.0  # a box for a month, a capsule for an interval
DOT = 5.0  # the radius of a meeting on a known day
CLEARANCE = 2.0  # the least room between two marks drawn apart

COLOURS = {
    "proposed": "#b8bcc6",
    "agreed": "#6baed6",
    "active": "#2ca25f",
    "suspended": "#de2d26",
    "concluded": "#636363",
}

# Every kind of mark the timeline can draw, in the legend's order, with its words.
LEGEND = {
    **{f"span-{status}": status for status in COLOURS},
    "meeting-day": "meeting on a known day",
    "meeting-fuzzy": "meeting known only to the month or year (the box spans it)",
    "meeting-interval": "meeting over an interval of days",
    "meeting-cluster": "meetings too close to draw apart, with their number (hover for dates)",
    "plan-pending": "planned meeting, window to come or open",
    "plan-overdue": "planned meeting overdue",
    "plan-held": "planned meeting held",
    "plan-lapsed": "planned window ended unheld while the channel was not expected to meet",
    "plan-cancelled": "planned meeting cancelled",
    "plan-moved": "window first agreed, since postponed",
    "earlier": "opened before the picture begins",
    "today": "the day of the report",
}


@dataclass(frozen=True)
class Layout:
    """Where a picture's parts go, in its own units (CSS pixels when it is drawn unscaled)."""

    name: str  # wide or narrow: the CSS class that shows it
    width: int
    left: int  # where the years begin
    right: int  # where they end
    above: bool  # labels above their lanes, across the width (else in a column beside them)
    top: int  # where the first lane begins
    gap: int  # between two lanes

    @property
    def label_width(self) -> float:
        """The room for a label's lines, from ``LABEL_X``."""
        return (self.right if self.above else self.left - 6) - LABEL_X


LABEL_X = 8
LINE = 13  # from one line of a label to the next
WIDE = Layout("wide", WIDTH, LABEL, WIDTH - 20, above=False, top=TOP, gap=GAP)
NARROW = Layout("narrow", 340, LABEL_X, 332, above=True, top=26, gap=8)


@dataclass(frozen=True)
class Bar:
    x: float
    width: float
    status: str
    colour: str
    label: str


@dataclass(frozen=True)
class Mark:
    """A meeting (or meetings too close to draw apart) from ``x`` over ``width``."""

    x: float
    width: float
    kind: str  # day, fuzzy, interval, cluster
    label: str
    count: int = 1

    @property
    def centre(self) -> float:
        return round(self.x + self.width / 2, 1)


@dataclass(frozen=True)
class Window:
    x: float
    width: float
    kind: str  # pending, overdue, held, lapsed, cancelled, moved
    label: str


@dataclass(frozen=True)
class Lane:
    y: float  # the top of the lane's bars and marks
    label_y: float  # the baseline of the label's first line
    slug: str
    title: str
    label: Label
    bars: list[Bar]
    meetings: list[Mark]
    windows: list[Window]
    earlier: str | None


@dataclass(frozen=True)
class Tick:
    x: float
    year: int
    named: bool = True  # the year is written by its line


@dataclass(frozen=True)
class Picture:
    width: int
    height: int
    left: int
    right: int
    lanes: list[Lane]
    ticks: list[Tick]
    today_x: float
    layout: str  # the Layout's name
    label_right: float  # no lane label goes right of it
    colours: dict[str, str] = field(default_factory=lambda: dict(COLOURS))
    legend: dict[str, str] = field(default_factory=lambda: dict(LEGEND))


def apart(marks: list[Mark]) -> list[Mark]:
    """The marks, with those that would be drawn over each other (less than ``CLEARANCE``
    apart) made into one cluster mark that counts them."""
    groups: list[list[Mark]] = []
    for mark in sorted(marks, key=lambda m: (m.x, m.width)):
        if groups and mark.x < max(m.x + m.width for m in groups[-1]) + CLEARANCE:
            groups[-1].append(mark)
        else:
            groups.append([mark])
    merged = [group[0] if len(group) == 1 else _cluster(group) for group in groups]
    return merged if len(merged) == len(marks) else apart(merged)


def _cluster(group: list[Mark]) -> Mark:
    left = min(m.x for m in group)
    right = max(m.x + m.width for m in group)
    count = sum(m.count for m in group)
    width = max(right - left, 16.0)
    return Mark(
        x=round((left + right - width) / 2, 1),
        width=round(width, 1),
        kind="cluster",
        label=f"{count} meetings: " + "; ".join(m.label.removeprefix("meeting ") for m in group),
        count=count,
    )


def _window_kind(plan: PlannedState) -> str:
    if plan.cancelled:
        return "cancelled"
    if plan.held:
        return "held"
    if plan.overdue:
        return "overdue"
    return "lapsed" if plan.window_over else "pending"


_WINDOW_WORDS = {
    "pending": "",
    "overdue": " (overdue)",
    "lapsed": " (ended unheld; not owed)",
    "cancelled": " (cancelled)",
}


def first_day(states: list[ChannelState], as_of: dt.date) -> dt.date:
    """Where the pictures begin: 1 January of the year the first channel was opened, or of the
    year ``MAX_YEARS`` before the report's, whichever is later."""
    first_year = min((s.opened.earliest.year for s in states), default=as_of.year)
    return dt.date(max(first_year, as_of.year - MAX_YEARS + 1), 1, 1)


def picture(states: list[ChannelState], as_of: dt.date, layout: Layout = WIDE) -> Picture:
    """Lay out one lane per channel between the start year and the day of the report."""
    start = first_day(states, as_of)
    end = dt.date(as_of.year, 12, 31)
    span_days = (end - start).days or 1
    left, right = layout.left, layout.right

    def x(day: dt.date) -> float:
        clamped = min(max(day, start), end)
        return round(left + (clamped - start).days / span_days * (right - left), 1)

    def box(first: dt.date, last: dt.date, least: float) -> tuple[float, float]:
        """From the start of ``first`` to the end of ``last``, at least ``least`` wide."""
        x0, x1 = x(first), x(last + dt.timedelta(days=1))
        if x1 - x0 >= least:
            return x0, round(x1 - x0, 1)
        return round((x0 + x1 - least) / 2, 1), least

    labels = lane_labels([(s.slug, s.title) for s in states], layout.label_width)
    lanes = []
    y = float(layout.top)
    for i, state in enumerate(states):
        if layout.above:  # the label's lines, then the lane under them
            label_y, y = y + 11, y + LINE * len(labels[i].lines) + 1
        else:  # the label beside the lane, its lines centred on it
            label_y = y + (12 if len(labels[i].lines) > 1 else 17)
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
        meetings = []
        for m in state.meetings:
            if m.occurred.latest < start:
                continue
            words = f"meeting {m.occurred}" + (f" in {m.location}" if m.location else "")
            kind = {"day": "day", "interval": "interval"}.get(m.occurred.precision, "fuzzy")
            if kind == "day":
                at = x(m.occurred.earliest)
                meetings.append(Mark(round(at - DOT, 1), 2 * DOT, kind, words))
            else:
                x0, width = box(m.occurred.earliest, m.occurred.latest, MIN_MEETING)
                meetings.append(Mark(x0, width, kind, words))
        windows = []
        for p in state.planned:
            if p.window.latest < start:
                continue
            kind = _window_kind(p)
            if p.change == "postponed" and p.agreed_window is not None:
                x0, width = box(p.agreed_window.earliest, p.agreed_window.latest, MIN_WINDOW)
                windows.append(
                    Window(x0, width, "moved", f"planned meeting {p.agreed_window}, postponed")
                )
            x0, width = box(p.window.earliest, p.window.latest, MIN_WINDOW)
            words = f" (held {p.held})" if p.held else _WINDOW_WORDS[kind]
            windows.append(Window(x0, width, kind, f"planned meeting {p.window}{words}"))
        lanes.append(
            Lane(
                y=y,
                label_y=label_y,
                slug=state.slug,
                title=state.title,
                label=labels[i],
                bars=bars,
                meetings=apart(meetings),
                windows=windows,
                earlier=f"since {state.opened}" if state.opened.earliest < start else None,
            )
        )
        y += LANE + layout.gap
    every = years_apart((right - left) * 365.25 / span_days)
    ticks = [
        Tick(x(dt.date(year, 1, 1)), year, named=(end.year - year) % every == 0)
        for year in range(start.year, end.year + 1)
    ]
    height = round(y) + 20
    return Picture(
        layout.width,
        height,
        left,
        right,
        lanes,
        ticks,
        x(as_of),
        layout=layout.name,
        label_right=LABEL_X + layout.label_width,
    )
