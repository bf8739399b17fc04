"""What is coming, as an iCalendar file (RFC 5545): next due meetings and planned windows.

One all-day event for each cadence's next due day, and one spanning each planned window that
is neither held, cancelled nor lapsed with a suspension, on the channels that are agreed or
active (nobody expects a proposed, suspended or concluded channel to meet). Each event's UID is
made of its channel's slug and of what it stands for (the cadence's level, the plan's number),
never of a date: a calendar application subscribed to the file updates the event when its day
moves (a meeting held, a plan postponed) instead of adding another. SEQUENCE is the number of
the channel's facts counted, which only grows as facts are recorded.

Every line is built by the icalendar library, which escapes and folds what a user typed;
control characters in it are first shown as escapes, as in every text for a person.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from icalendar import Calendar, Event

from tracker import __version__
from tracker.domain.state import CAN_BE_OVERDUE, CadenceState, ChannelSummary, PlannedState
from tracker.reports.escaping import printable
from tracker.reports.text import days

PRODID = f"-//Dialogue Tracker//tracker {__version__}//EN"
DOMAIN = "dialogue-tracker"
NAME = "Dialogue channels"
ONE_DAY = dt.timedelta(days=1)


def cadence_uid(slug: str, cadence: CadenceState) -> str:
    return f"cadence-{cadence.level}.{slug}@{DOMAIN}"


def plan_uid(slug: str, plan: PlannedState) -> str:
    return f"plan-{plan.seq}.{slug}@{DOMAIN}"


def _event(
    state: ChannelSummary,
    *,
    uid: str,
    summary: str,
    start: dt.date,
    last_day: dt.date,
    lines: Iterable[str],
    location: str | None,
    stamp: dt.datetime,
    category: str,
) -> Event:
    event = Event()
    event.add("uid", uid)
    event.add("dtstamp", stamp)
    event.add("sequence", state.version)
    event.add("dtstart", start)
    last_day = max(last_day, start)
    if last_day < dt.date.max:
        event.add("dtend", last_day + ONE_DAY)  # the day after the last, as RFC 5545 wants
    else:  # a window to the end of 9999: no day after it to name, but its length
        event.add("duration", last_day - start + ONE_DAY)
    event.add("summary", printable(summary))
    event.add("description", "\n".join(printable(line) for line in lines))
    if location:
        event.add("location", printable(location))
    event.add("categories", [category])
    event.add("transp", "TRANSPARENT")  # a due day or a window is not a busy day
    return event


def cadence_event(
    state: ChannelSummary, cadence: CadenceState, due_day: dt.date, stamp: dt.datetime
) -> Event:
    """The day a level's next meeting is due."""
    due = f"{cadence.level} meeting due ({cadence.per_year:g} a year)"
    lines = [
        state.title,
        f"{cadence.level} meetings {cadence.per_year:g} a year, agreed {cadence.agreed_on}",
        f"last meeting at this level: {cadence.last_meeting or 'none since'}",
    ]
    if cadence.overdue:
        lines.append(f"OVERDUE by {days(cadence.days_late)} as of {state.as_of.isoformat()}")
    return _event(
        state,
        uid=cadence_uid(state.slug, cadence),
        summary=f"{state.slug}: {due}" + (" — OVERDUE" if cadence.overdue else ""),
        start=due_day,
        last_day=due_day,
        lines=lines,
        location=None,
        stamp=stamp,
        category="meeting due",
    )


def plan_event(state: ChannelSummary, plan: PlannedState, stamp: dt.datetime) -> Event:
    """The window a planned meeting is to take place in, from its first day to its last."""
    what = f"planned {plan.level} meeting" if plan.level else "planned meeting"
    lines = [state.title, f"to take place in {plan.window} (agreed {plan.agreed_on})"]
    if plan.change == "postponed":
        lines.append(f"postponed from {plan.agreed_window} on {plan.changed_on}")
    if plan.host:
        lines.append(f"host: {plan.host}")
    if plan.overdue:
        lines.append(f"OVERDUE by {days(plan.days_late)} as of {state.as_of.isoformat()}")
    return _event(
        state,
        uid=plan_uid(state.slug, plan),
        summary=f"{state.slug}: {what} ({plan.window})" + (" — OVERDUE" if plan.overdue else ""),
        start=plan.window.earliest,
        last_day=plan.window.latest,
        lines=lines,
        location=plan.location or plan.host,
        stamp=stamp,
        category="planned meeting",
    )


def _owed(plan: PlannedState) -> bool:
    """A plan still to be met: not held, not cancelled, and not lapsed (its window ended,
    unmet, before the channel last resumed: what was owed before a suspension is not owed
    after it, so a plan whose window is over and that is not overdue has lapsed)."""
    lapsed = plan.window_over and not plan.overdue
    return plan.held is None and not plan.cancelled and not lapsed


def events(states: Iterable[ChannelSummary], stamp: dt.datetime) -> list[Event]:
    """Every event of the calendar, in the order of their first day (then of their UID)."""
    found: list[Event] = []
    for state in states:
        if state.status not in CAN_BE_OVERDUE:
            continue
        found.extend(
            cadence_event(state, c, c.next_due, stamp)
            for c in state.cadences
            if c.next_due is not None and c.next_due < dt.date.max  # due beyond 9999: none
        )
        found.extend(plan_event(state, p, stamp) for p in state.planned if _owed(p))
    found.sort(key=lambda e: (e.decoded("dtstart"), str(e["uid"])))
    return found


def calendar(states: Iterable[ChannelSummary], *, generated: dt.datetime) -> tuple[str, str]:
    """The iCalendar text (lines end with CRLF, as RFC 5545 wants), and what it holds in words
    ("3 events"; with nothing due or planned, an empty calendar, which a subscribed calendar
    application reads as no events)."""
    stamp = generated.astimezone(dt.UTC).replace(microsecond=0)
    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("name", NAME)  # RFC 7986
    cal.add("x-wr-calname", NAME)  # what most applications read instead
    found = events(states, stamp)
    for event in found:
        cal.add_component(event)
    text: bytes = cal.to_ical()
    if not found:
        what = "an empty calendar (no meeting due or planned)"
    else:
        what = f"{len(found)} event{'s' if len(found) != 1 else ''}"
    return text.decode("utf-8"), what
