"""Read models as plain data: what every renderer (JSON, text, Markdown, HTML) shows.

Dates keep their EDTF text (``2024-04~`` stays ``2024-04~``); days computed by the tracker
(next due, as of) are ISO days. Levels and statuses are string enums: ``str()`` gives their
value as a plain string (a fifth of the time of ``.value``, which the dashboard asks 60,000
times).
"""

from __future__ import annotations

from typing import Any

from tracker.application.queries import HistoryEntry
from tracker.application.summary_views import View, status_view
from tracker.domain.dates import FuzzyDate
from tracker.domain.events import EVENT_CLASSES, Fact
from tracker.domain.state import ChannelState

__all__ = ["View", "status_view"]  # a channel's view is the application's (the dashboard's)


def meeting_view(fact: Fact) -> View:
    return {"seq": fact.seq, "occurred": str(fact.occurred), **fact.details()}


RECENT = 5


def recent_meetings(state: ChannelState) -> list[View]:
    """The last few meetings held, for the text of one channel (history lists them all)."""
    return [meeting_view(m) for m in state.meetings[-RECENT:]]


def history_view(entry: HistoryEntry) -> View:
    """One event of a channel's history, as ``history --json`` prints it."""
    event = entry.event
    fact = event if isinstance(event, Fact) else None
    return {
        "seq": event.seq,
        "kind": event.KIND,
        "event": type(event).__name__,
        "occurred": str(fact.occurred) if fact else None,
        "precision": fact.occurred.precision if fact else None,
        "approximate": fact.occurred.approximate if fact else None,
        "recorded": event.recorded.isoformat(),
        "details": event.details(),
        "sources": [s.model_dump(mode="json") for s in fact.sources] if fact else [],
        "cameo": event.CAMEO,
        "entry_id": event.entry_id,
        "corrects": fact.corrects if fact else None,
        "corrected_by": entry.corrected_by,
        "retracted": entry.retracted_by is not None,
        "retraction": {
            "seq": entry.retracted_by.seq,
            "reason": entry.retracted_by.reason,
            "recorded": entry.retracted_by.recorded.isoformat(),
        }
        if entry.retracted_by
        else None,
    }


# Details an event may leave out (None: as it was) or give as an empty list (taken away: an
# amendment corrected to take its topics away). Shown as text, an empty list would read as a
# detail left out; every renderer writes it as NONE_LEFT instead (JSON keeps the list).
_CLEARABLE = {
    cls.KIND: frozenset(name for name, field in cls.model_fields.items() if field.default is None)
    for cls in EVENT_CLASSES
}
NONE_LEFT = "(none)"


def details_shown(entry: View) -> dict[str, Any]:
    """The details of an event of ``history_view``, each list taken away written NONE_LEFT."""
    cleared = _CLEARABLE.get(entry["kind"], frozenset())
    return {k: NONE_LEFT if x == [] and k in cleared else x for k, x in entry["details"].items()}


def overdue_views(view: View) -> list[View]:
    """What a channel owes as of the day (its ``status_view``): lapsed cadences and planned
    meetings not held."""
    items: list[View] = [
        {
            "channel": view["channel"],
            "title": view["title"],
            "kind": "cadence",
            "level": c["level"],
            "per_year": c["per_year"],
            "due": c["next_due"],
            "last_meeting": c["last_meeting"],
            "days_late": c["days_late"],
        }
        for c in view["cadences"]
        if c["overdue"]
    ]
    items.extend(
        {
            "channel": view["channel"],
            "title": view["title"],
            "kind": "planned",
            "level": p["level"],
            "window": p["window"],
            "agreed_window": p["agreed_window"],
            "due": FuzzyDate.parse(p["window"]).latest.isoformat(),
            "agreed_on": p["agreed_on"],
            "days_late": p["days_late"],
        }
        for p in view["planned"]
        if p["overdue"]
    )
    return items
