"""The dashboard: one row per channel, filtered and sorted, as a table or plain lines."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from tracker.domain.dates import FuzzyDate
from tracker.domain.values import ChannelStatus
from tracker.reports.escaping import printable_cells
from tracker.reports.fitting import Column, fit
from tracker.reports.text import days
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


def late(n: int) -> str:
    """Lateness in words no reader can misread: '827 days late' (as `tracker overdue` says)."""
    return f"{days(n)} late"


def _due_cell(view: View) -> list[str]:
    cells = []
    for c in view["cadences"]:
        if c["next_due"] is None:
            continue  # the channel owes no meeting now
        mark = f", {late(c['days_late'])}" if c["overdue"] else ""
        cells.append(f"{c['level']} {c['next_due']}{mark}")
    return cells


def _planned_cell(view: View) -> list[str]:
    cells = []
    for p in view["planned"]:
        if p["held"] or p.get("change") == "cancelled":
            continue
        what = f"{p['level']} " if p["level"] else ""
        mark = f", {late(p['days_late'])}" if p["overdue"] else ""
        cells.append(f"{what}{p['window']}{mark}")
    return cells


# The columns in the order they give way to a narrow terminal (the first four never do; the
# title is cut at a word before it goes), each with the place it is shown in.
COLUMNS = (
    Column("channel", keep=True, position=0),
    Column("status", keep=True, joiner=" ", position=3),
    Column("next due", keep=True, position=5),
    Column("", keep=True, position=7),
    Column("last meeting", position=4),
    Column("planned", position=6),
    Column("parties", position=2),
    Column("title", shrink=True, joiner=" ", position=1),
)
PIPED_WIDTH = 120  # columns when the output is not a terminal and COLUMNS says nothing


def rows(views: Iterable[View]) -> list[list[list[str]]]:
    """The cells of each row, in the order of COLUMNS, as segments of text (control characters
    shown as escapes)."""
    return printable_cells(
        [
            [
                [v["channel"]],
                [f"{v['status']} since", v["status_since"]],
                _due_cell(v) or ["—"],
                ["OVERDUE"] if v["overdue"] else [""],
                [v["last_meeting"] or "—"],
                _planned_cell(v) or ["—"],
                ["/".join(v["parties"])],
                [v["title"]],
            ]
            for v in views
        ]
    )


def lines(views: Sequence[View], width: int | None) -> list[str]:
    """The dashboard's lines, none wider than ``width`` (None: every column in full)."""
    return fit(COLUMNS, rows(views), width)


def plain(views: Sequence[View], width: int | None = PIPED_WIDTH) -> str:
    """Aligned columns for a pipe or a file: no colour, no box drawing."""
    return "\n".join(lines(views, width))


# Each status's colour, and OVERDUE's, as ECMA-48 SGR parameters: the standard colours, which
# rich writes the same in every colour system it detects.
STATUS_COLOURS = {
    "active": "32",  # green
    "agreed": "36",  # cyan
    "proposed": "2",  # dim
    "suspended": "31",  # red
    "concluded": "90",  # bright black
}
OVERDUE_COLOUR = "1;31"  # bold red
HEADER = "1"  # bold


def coloured(views: Sequence[View], width: int | None) -> str:
    """The same lines for a terminal that shows colours: the header bold, each status and
    OVERDUE in colour. Written as SGR codes here, the bytes rich would write for them
    (tests/unit/test_dashboard_colours.py), rather than by rich, which makes a text of every
    line: its figure in `make bench` ("What each speed trick buys"): the dashboard of 2,000
    channels in colour took 198% longer through rich (2026-12-04); 10,000 channels on a
    terminal took 1.9 s end to end, 0.9 s so."""
    found = lines(views, width)
    if not found:
        return ""
    # Below the first line each word is coloured wherever it stands: one replace of each word
    # over all the lines at once (no two words overlap, and no code holds one).
    body = "\n".join(found[1:])
    for word, code in _MARKS.items():
        if word in body:
            body = body.replace(word, _sgr(word, code))
    first = _marked(found[0])
    return f"{first}\n{body}" if len(found) > 1 else first


_MARKS = {f"{status} since": code for status, code in STATUS_COLOURS.items()}
_MARKS["OVERDUE"] = OVERDUE_COLOUR
# No two of the words overlap, so one pass finds what a search for each in turn would find.
_MARKED = re.compile("|".join(re.escape(word) for word in _MARKS))


def _marked(line: str) -> str:
    """The first line (the header, or a card's first line) bold, and each status and OVERDUE
    in it bold and in its colour."""
    parts, at = [], 0
    for found in _MARKED.finditer(line):
        parts.append(_sgr(line[at : found.start()], HEADER))
        code = _MARKS[found.group()]
        parts.append(
            _sgr(found.group(), code if code.startswith(f"{HEADER};") else f"{HEADER};{code}")
        )
        at = found.end()
    parts.append(_sgr(line[at:], HEADER))
    return "".join(parts)


def _sgr(text: str, code: str) -> str:
    return f"\x1b[{code}m{text}\x1b[0m" if text else text
