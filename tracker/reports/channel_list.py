"""The list of channels (`tracker channels`): which channels match the filters, and their lines.

Filters combine with AND. Repeated, a filter on what a channel has several of (its parties, its
topics) asks for every value given; one on what a channel has one of (its status, its level)
asks for any of them. ``lineage`` keeps the channels in one line of succession with a channel:
those it follows or is succeeded by, and theirs, in both directions.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from tracker.reports.escaping import printable_cells
from tracker.reports.fitting import Column, fit
from tracker.reports.views import View


def lineage_of(slug: str, views: Iterable[View]) -> set[str]:
    """The channels in one line of succession with ``slug`` (itself included)."""
    links: dict[str, set[str]] = {}
    for view in views:
        for other in (view.get("follows"), view.get("successor")):
            if other:
                links.setdefault(view["channel"], set()).add(other)
                links.setdefault(other, set()).add(view["channel"])
    line, todo = {slug}, [slug]
    while todo:
        for other in links.get(todo.pop(), ()):
            if other not in line:
                line.add(other)
                todo.append(other)
    return line


def matching(
    views: Sequence[View],
    *,
    parties: Sequence[str] = (),
    topics: Sequence[str] = (),
    statuses: Sequence[str] = (),
    levels: Sequence[str] = (),
    lineage: str | None = None,
) -> list[View]:
    """The channels every given filter keeps, by slug."""
    wanted_topics = [t.casefold() for t in topics]
    line = lineage_of(lineage, views) if lineage else None
    kept = [
        v
        for v in views
        if all(p in v["parties"] for p in parties)
        and all(t in {x.casefold() for x in v["topics"]} for t in wanted_topics)
        and (not statuses or v["status"] in statuses)
        and (not levels or v["level"] in levels)
        and (line is None or v["channel"] in line)
    ]
    return sorted(kept, key=lambda v: v["channel"])


COLUMNS = (
    Column("channel", keep=True, position=0),
    Column("status", keep=True, joiner=" ", position=1),
    Column("level", position=2),
    Column("parties", position=3),
    Column("lineage", position=5),
    Column("topics", position=4),
    Column("title", shrink=True, joiner=" ", position=6),
)


def _lineage(view: View) -> list[str]:
    cells = []
    if view.get("follows"):
        cells.append(f"follows {view['follows']}")
    if view.get("successor"):
        cells.append(f"succeeded by {view['successor']}")
    return cells or ["—"]


def lines(views: Sequence[View], width: int | None) -> list[str]:
    """One row per channel, fitted to ``width`` (None: every column in full)."""
    # Only what is shown is made printable (not every value of the view).
    rows = printable_cells(
        [
            [
                [v["channel"]],
                [f"{v['status']} since", v["status_since"]],
                [v["level"] or "—"],
                ["/".join(v["parties"])],
                _lineage(v),
                list(v["topics"]) or ["—"],
                [v["title"]],
            ]
            for v in views
        ]
    )
    return fit(COLUMNS, rows, width)
