"""Geometry of the timeline picture: one lane per channel across the years.

Spans of each status are bars in the status's colour; meetings are marks (a dot for a known
day, a box across the month or year for a meeting known only to that, a capsule for an
interval); planned windows are boxes drawn by what became of them (pending, overdue, held,
cancelled, lapsed, and the window first agreed before a postponement). Marks of one lane that
would be drawn over each other become one mark with their number ("3"), whose tooltip lists
them (:mod:`tracker.reports.marks`). A window is at least ``MIN_WINDOW`` wide, so that a
one-week window shows on a ten-year axis. The picture covers at most the last ``MAX_YEARS``
years before the day of the report; a channel opened earlier shows an arrow and its opening date
at the left edge. Lane labels come from :mod:`tracker.reports.labels`: never cut into ambiguity.

The picture is laid out twice: ``WIDE`` (:func:`picture`), with the labels in a column beside
the lanes, and ``NARROW`` (:func:`rows`), for a phone, with each label above its lane and the
years in rows of at most ``ROW_YEARS`` (one under the other, on one scale), so that it fits a
phone's screen without scrolling sideways. The report shows one or the other by the width of
the screen (a CSS media query). Marks are drawn apart, windows made wide enough and labels
fitted for each layout's own scale.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from tracker.domain.state import ChannelState, PlannedState
from tracker.reports.labels import Label, lane_labels, years_apart
from tracker.reports.marks import COLOURS, LEGEND, Bar, Mark, Window, apart

MAX_YEARS = 10
ROW_YEARS = 5  # the most years in a row of the narrow timeline
WIDTH = 1000
LABEL = 250
LANE = 26
GAP = 10
TOP = 34
MIN_WINDOW = 8.0
MIN_MEETING = 8.0  # a box for a month, a capsule for an interval
DOT = 5.0  # the radius of a meeting on a known day


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
    today_x: float | None  # None: the report's day is in none of the picture's years
    layout: str  # the Layout's name
    label_right: float  # no lane label goes right of it
    years: str  # the first and the last year drawn, with an en dash between
    colours: dict[str, str] = field(default_factory=lambda: dict(COLOURS))
    legend: dict[str, str] = field(default_factory=lambda: dict(LEGEND))


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


@dataclass(frozen=True)
class Scale:
    """Days to positions, for a row of ``years`` years from ``start``, drawn from ``left`` to
    ``right``. The last row (which holds the report's year) ends on that year's last day, and
    draws at its right edge what comes after it; another draws nothing after its last year."""

    start: dt.date
    years: int
    as_of: dt.date
    left: float
    right: float

    @property
    def stop(self) -> dt.date:
        return dt.date(min(self.start.year + self.years - 1, self.as_of.year), 12, 31)

    def x(self, day: dt.date) -> float:
        days = (dt.date(self.start.year + self.years - 1, 12, 31) - self.start).days or 1
        clamped = min(max(day, self.start), self.stop)
        return round(self.left + (clamped - self.start).days / days * (self.right - self.left), 1)

    def box(self, first: dt.date, last: dt.date, least: float) -> tuple[float, float]:
        """From the start of ``first`` to the end of ``last``, at least ``least`` wide."""
        end = last + dt.timedelta(days=1) if last < dt.date.max else last  # 9999-12-31
        x0, x1 = self.x(first), self.x(end)
        if x1 - x0 >= least:
            return x0, round(x1 - x0, 1)
        return round((x0 + x1 - least) / 2, 1), least

    def shows(self, first: dt.date, last: dt.date) -> bool:
        """Whether something from ``first`` to ``last`` is drawn in the row."""
        return last >= self.start and (first <= self.stop or self.stop.year == self.as_of.year)


def picture(states: list[ChannelState], as_of: dt.date, layout: Layout = WIDE) -> Picture:
    """Lay out one lane per channel between the start year and the day of the report."""
    begin = first_day(states, as_of)
    labels = lane_labels([(s.slug, s.title) for s in states], layout.label_width)
    scale = Scale(begin, as_of.year - begin.year + 1, as_of, layout.left, layout.right)
    return _row(states, labels, layout, scale, first=True)


def rows(states: list[ChannelState], as_of: dt.date, layout: Layout = NARROW) -> list[Picture]:
    """The timeline in rows of at most ``ROW_YEARS`` years, one under the other, all on one
    scale: a row has a lane for each channel opened by the end of its years."""
    begin = first_day(states, as_of)
    years = as_of.year - begin.year + 1
    per_row = -(-years // -(-years // ROW_YEARS))  # as many years in each row as can be
    labels = lane_labels([(s.slug, s.title) for s in states], layout.label_width)
    return [
        _row(
            states,
            labels,
            layout,
            Scale(dt.date(year, 1, 1), per_row, as_of, layout.left, layout.right),
            first=year == begin.year,
        )
        for year in range(begin.year, as_of.year + 1, per_row)
    ]


def _row(
    states: list[ChannelState], labels: list[Label], layout: Layout, scale: Scale, *, first: bool
) -> Picture:
    """The lanes of the channels opened by the end of the row's years (an arrow and the opening
    date, in the first row, for those opened before it)."""
    lanes = []
    y = layout.top
    for state, label in zip(states, labels, strict=True):
        if state.opened.earliest > scale.stop:
            continue
        if layout.above:  # the label's lines, then the lane under them
            label_y, y = y + 11, y + LINE * len(label.lines) + 1
        else:  # the label beside the lane, its lines centred on it
            label_y = y + (12 if len(label.lines) > 1 else 17)
        earlier = first and state.opened.earliest < scale.start
        lanes.append(
            Lane(
                y=y,
                label_y=label_y,
                slug=state.slug,
                title=state.title,
                label=label,
                bars=_bars(state, scale),
                meetings=apart(_meetings(state, scale)),
                windows=_windows(state, scale),
                earlier=f"since {state.opened}" if earlier else None,
            )
        )
        y += LANE + layout.gap
    start, stop = scale.start, scale.stop
    every = years_apart((scale.right - scale.left) / scale.years)
    ticks = [
        Tick(scale.x(dt.date(year, 1, 1)), year, named=(stop.year - year) % every == 0)
        for year in range(start.year, stop.year + 1)
    ]
    return Picture(
        layout.width,
        y + 20,
        layout.left,
        layout.right,
        lanes,
        ticks,
        scale.x(scale.as_of) if start <= scale.as_of <= stop else None,
        layout=layout.name,
        label_right=LABEL_X + layout.label_width,
        years=f"{start.year}–{stop.year}" if stop.year > start.year else str(start.year),
    )


def _bars(state: ChannelState, scale: Scale) -> list[Bar]:
    bars = []
    for j, span in enumerate(state.spans):
        until = state.spans[j + 1].since.earliest if j + 1 < len(state.spans) else scale.as_of
        if not scale.shows(span.since.earliest, until):
            continue
        x0, x1 = scale.x(span.since.earliest), scale.x(until)
        bars.append(
            Bar(
                x=x0,
                width=max(x1 - x0, 1.0),
                status=span.status.value,
                colour=COLOURS[span.status.value],
                label=f"{span.status.value} from {span.since}",
            )
        )
    return bars


def _meetings(state: ChannelState, scale: Scale) -> list[Mark]:
    meetings = []
    for m in state.meetings:
        if not scale.shows(m.occurred.earliest, m.occurred.latest):
            continue
        words = f"meeting {m.occurred}" + (f" in {m.location}" if m.location else "")
        kind = {"day": "day", "interval": "interval"}.get(m.occurred.precision, "fuzzy")
        if kind == "day":
            at = scale.x(m.occurred.earliest)
            meetings.append(Mark(round(at - DOT, 1), 2 * DOT, kind, words))
        else:
            x0, width = scale.box(m.occurred.earliest, m.occurred.latest, MIN_MEETING)
            meetings.append(Mark(x0, width, kind, words))
    return meetings


def _windows(state: ChannelState, scale: Scale) -> list[Window]:
    windows = []
    for p in state.planned:
        if p.window.latest < scale.start:
            continue
        moved = p.agreed_window if p.change == "postponed" else None
        if moved is not None and scale.shows(moved.earliest, moved.latest):
            x0, width = scale.box(moved.earliest, moved.latest, MIN_WINDOW)
            windows.append(Window(x0, width, "moved", f"planned meeting {moved}, postponed"))
        if not scale.shows(p.window.earliest, p.window.latest):
            continue
        kind = _window_kind(p)
        x0, width = scale.box(p.window.earliest, p.window.latest, MIN_WINDOW)
        words = f" (held {p.held})" if p.held else _WINDOW_WORDS[kind]
        windows.append(Window(x0, width, kind, f"planned meeting {p.window}{words}"))
    return windows
