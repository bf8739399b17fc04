"""The dashboard: one row per channel, filtered and sorted, as a table or plain lines."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from tracker.domain.dates import FuzzyDate
from tracker.domain.values import ChannelStatus
from tracker.reports.text import safe
from tracker.reports.views import View


def _earliest(text: str | None) -> dt.date:
    # Dates sort by the earliest day they could mean: "2023-11~" comes before "2023-11-16".
    return FuzzyDate.parse(text).earliest if text else dt.date.min


# Statuses sort in the order of a channel's life, not alphabetically.
LIFECYCLE = {status.value: i for i, status in enumerate(ChannelStatus)}

SORTS: dict[str, Callable[[View], Any]] = {
    "channel": lambda v: v["channel"],
    "title": lambda v: v["title"].casefold(),
    "status": lambda v: (LIFECYCLE[v["status"]], v["channel"]),
    "since": lambda v: (_earliest(v["status_since"]), v["channel"]),
    "last-meeting": lambda v: (_earliest(v["last_meeting"]), v["channel"]),
    "next-due": lambda v: (next_due(v) or "9999", v["channel"]),
    "overdue": lambda v: (-most_days_late(v), v["channel"]),
}


def next_due(view: View) -> str | None:
    """The soonest day a meeting is due at any level (None without a cadence, or while the
    channel cannot owe a meeting)."""
    return min((c["next_due"] for c in view["cadences"] if c["next_due"]), default=None)


def most_days_late(view: View) -> int:
    late = [c["days_late"] for c in view["cadences"]] + [p["days_late"] for p in view["planned"]]
    return max(late, default=0)


def select(
    views: Iterable[View],
    *,
    statuses: Sequence[str] = (),
    parties: Sequence[str] = (),
    overdue_only: bool = False,
    sort: str = "channel",
    reverse: bool = False,
) -> list[View]:
    """Keep the channels matching every filter given, in the order asked for."""
    chosen = [
        v
        for v in views
        if (not statuses or v["status"] in statuses)
        and all(p in v["parties"] for p in parties)
        and (v["overdue"] or not overdue_only)
    ]
    return sorted(chosen, key=SORTS[sort], reverse=reverse)


def _due_cell(view: View) -> str:
    cells = []
    for c in view["cadences"]:
        if c["next_due"] is None:
            continue  # the channel owes no meeting now
        mark = f" (+{c['days_late']}d)" if c["overdue"] else ""
        cells.append(f"{c['level']} {c['next_due']}{mark}")
    return "; ".join(cells)


def _planned_cell(view: View) -> str:
    cells = []
    for p in view["planned"]:
        if p["held"]:
            continue
        what = f"{p['level']} " if p["level"] else ""
        mark = f" (+{p['days_late']}d)" if p["overdue"] else ""
        cells.append(f"{what}{p['window']}{mark}")
    return "; ".join(cells)


COLUMNS = ("channel", "title", "parties", "status", "last meeting", "next due", "planned", "")


def rows(views: Iterable[View]) -> list[tuple[str, ...]]:
    """The cells of each row, as text (control characters shown as escapes)."""
    return [
        (
            v["channel"],
            v["title"],
            "/".join(v["parties"]),
            f"{v['status']} since {v['status_since']}",
            v["last_meeting"] or "—",
            _due_cell(v) or "—",
            _planned_cell(v) or "—",
            "OVERDUE" if v["overdue"] else "",
        )
        for v in map(safe, views)
    ]


def plain(views: Sequence[View]) -> str:
    """Aligned columns for a pipe or a file: no colour, no box drawing."""
    table = [COLUMNS, *rows(views)]
    widths = [max(len(r[i]) for r in table) for i in range(len(COLUMNS))]
    return "\n".join(
        "  ".join(cell.ljust(w) for cell, w in zip(r, widths, strict=True)).rstrip() for r in table
    )


def rich_table(views: Sequence[View], *, title: str) -> Any:
    """A rich Table for a terminal; colour only where the console allows it."""
    from rich.markup import escape
    from rich.table import Table

    styles = {
        "active": "green",
        "agreed": "cyan",
        "proposed": "dim",
        "suspended": "red",
        "concluded": "bright_black",
    }
    table = Table(title=title, header_style="bold", expand=False)
    for name in COLUMNS:
        table.add_column(name or "!", overflow="fold")
    for view, cells in zip(views, rows(views), strict=True):
        style = styles.get(view["status"], "")
        text = [escape(cell) for cell in cells]
        table.add_row(
            *text[:3],
            f"[{style}]{text[3]}[/]" if style else text[3],
            *text[4:7],
            "[bold red]OVERDUE[/]" if view["overdue"] else "",
        )
    return table
