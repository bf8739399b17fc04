"""The marks of the timeline picture: status spans, meetings and planned windows, their colours
and the legend's words for each (drawn by ``templates/marks.svg.j2``, alike in the picture and
in its legend). Meetings that would be drawn over each other are made one mark that counts them
(:func:`apart`), at whatever scale the picture is laid out.
"""

from __future__ import annotations

from dataclasses import dataclass

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
    "meeting-cluster": (
        "meetings too close to draw apart, with their number (hover, or tap for the channel's "
        "events, for their dates)"
    ),
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
