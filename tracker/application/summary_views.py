"""A channel as of a day as plain data: each element of the dashboard and ``status SLUG --json``.

Here, not among the renderers, because the read model keeps each channel's view at the end of
its timeline (dashboard_views.py): the dashboard is this plain data, which every renderer (JSON,
text, Markdown, HTML) shows. Dates keep their EDTF text (``2024-04~`` stays ``2024-04~``); days
computed by the tracker (next due, as of) are ISO days. Levels and statuses are string enums:
``str()`` gives their value as a plain string (a fifth of the time of ``.value``).
"""

from __future__ import annotations

from typing import Any

from tracker.domain.state import CadenceState, ChannelSummary, PlannedState

View = dict[str, Any]


def text_or_none(value: object) -> str | None:
    return None if value is None else str(value)


def cadence_view(cadence: CadenceState) -> View:
    return {
        "level": str(cadence.level),
        "per_year": cadence.per_year,
        "agreed_on": str(cadence.agreed_on),
        "last_meeting": text_or_none(cadence.last_meeting),
        "next_due": cadence.next_due.isoformat() if cadence.next_due else None,
        "overdue": cadence.overdue,
        "days_late": cadence.days_late,
    }


def planned_view(plan: PlannedState) -> View:
    return {
        "seq": plan.seq,
        "agreed_on": str(plan.agreed_on),
        "window": str(plan.window),
        "level": str(plan.level) if plan.level else None,
        "host": plan.host,
        "location": plan.location,
        "held": text_or_none(plan.held),
        "overdue": plan.overdue,
        "days_late": plan.days_late,
        "window_over": plan.window_over,
        "agreed_window": text_or_none(plan.agreed_window),
        "change": plan.change,
        "changed_on": text_or_none(plan.changed_on),
        "postponements": plan.postponements,
    }


def status_view(state: ChannelSummary) -> View:
    """One channel as of a day: ``status SLUG --json``, and each element of the dashboard."""
    return {
        "channel": state.slug,
        "title": state.title,
        "parties": list(state.parties),
        "status": str(state.status),
        "status_since": str(state.status_since),
        "opened": str(state.opened),
        "level": str(state.level) if state.level else None,
        "leads": [str(lead) for lead in state.leads],
        "topics": list(state.topics),
        "follows": state.follows,
        "successor": state.successor,
        "suspended_by": state.suspended_by,
        "suspension_reason": state.suspension_reason,
        "since_by": state.since_by,
        "meetings_held": state.meetings_held,
        "last_meeting": text_or_none(state.last_meeting),
        "cadences": [cadence_view(c) for c in state.cadences],
        "planned": [planned_view(p) for p in state.planned],
        "overdue": state.overdue,
        "version": state.version,
        "as_of": state.as_of.isoformat(),
        "known_on": state.known_on.isoformat() if state.known_on else None,
    }
