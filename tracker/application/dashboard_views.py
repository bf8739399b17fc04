"""The dashboard as plain data, from the read model: each channel as it is at the end of its
timeline, judged on the day asked about.

A channel none of whose facts falls after the day (every channel, on the dashboard as of today)
shows what it showed at the end of its timeline, but for what the day itself decides: which
meetings are overdue and by how many days, which planned windows are over, and the day and
moment asked about. So the projector keeps, in each version of a channel's row, the channel's
view at the end of its timeline and the days those judgements turn on (``view_at_end``), and the
dashboard judges them on its day (``judged``) by the domain's rules (domain/state.py
``days_late``, ``plan_judged``), with no summary made. A channel with facts after the day is
read as of the day (readings.py) and made a view the same way (summary_views.py).

Its figure in `make bench` ("dashboard", 10,000 channels of 100 events, SQLite): made from the
channels' summaries, the dashboard took 0.60 s in-process and 1.35 s end to end as JSON
(2026-12-03); judged from their views, 0.34 s and 0.86 s (2026-12-04).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import orjson

from tracker.application.readings import moment_of, summaries, summary_of_row, unreadable
from tracker.application.summary_views import View, status_view
from tracker.domain.state import ChannelSummary, days_late, plan_judged
from tracker.store.readmodel.cursor import ReadModelCursor
from tracker.store.readmodel.errors import ReadModelDamaged
from tracker.store.readmodel.queries import select_views


def view_at_end(summary: ChannelSummary) -> str:
    """What the row keeps of a channel at the end of its timeline (``summary`` as of a day on or
    after its last fact): its view, each cadence's next due day and each plan's last day with
    whether it is still owed, as JSON."""
    dues = [c.next_due.isoformat() if c.next_due else None for c in summary.cadences]
    plans = [[p.window.latest.isoformat(), p.owes] for p in summary.planned]
    return orjson.dumps([status_view(summary), dues, plans]).decode()


def judged(stored: str, as_of: dt.date, known_on: str | None) -> View:
    """The view ``view_at_end`` kept, judged on the day ``as_of`` (a day on or after the
    channel's last fact), as known at ``known_on`` (ISO, or None for now)."""
    view, dues, plans = orjson.loads(stored)
    day = dt.date.fromisoformat
    overdue = False
    for cadence, due in zip(view["cadences"], dues, strict=True):
        late = days_late(day(due), as_of) if due else 0
        cadence["overdue"], cadence["days_late"] = late > 0, late
        overdue = overdue or late > 0
    for plan, (last_day, owes) in zip(view["planned"], plans, strict=True):
        judgement = plan_judged(day(last_day), owes, as_of)
        plan["overdue"], plan["days_late"], plan["window_over"] = judgement
        overdue = overdue or judgement[0]
    view["overdue"], view["as_of"], view["known_on"] = overdue, as_of.isoformat(), known_on
    return view  # type: ignore[no-any-return]


def dashboard(
    cursor: ReadModelCursor, as_of: dt.date, known_on: dt.datetime | None = None
) -> list[View]:
    """Every channel that existed as of the day and was recorded by the moment, as plain data:
    in no particular order (the dashboard sorts)."""
    params = {"d": as_of.isoformat(), "m": moment_of(known_on), "channel": ""}
    found = cursor.execute(select_views(now=known_on is None), params).fetchall()
    opened = cursor.store.seal.open
    moment = known_on.isoformat() if known_on else None
    views = []
    for channel_id, stored in found:
        try:
            views.append(judged(opened(stored), as_of, moment))
        except ReadModelDamaged:
            raise
        except Exception as e:  # whatever a damaged row makes the reading fail with
            raise unreadable(channel_id, e) from None
    later = summaries(cursor, as_of, known_on, later_only=True)
    return views + [status_view(s) for s in later]


def stored_view(values: dict[str, Any], opened: Callable[[Any], Any]) -> str:
    """``view_at_end`` of a channel's row of rm_channels (by column, its texts as stored), as
    the dashboard reads it at the end of the channel's timeline."""
    return view_at_end(summary_of_row(values, opened))
