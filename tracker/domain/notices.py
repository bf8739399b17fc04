"""What the Channel aggregate notices, without refusing it, about a fact that may be a mistake:
a second meeting on the day of one recorded already is more often the same meeting reported
twice than two meetings."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from tracker.domain.events import ChannelEvent, Fact, MeetingHeld


def meeting_day(fact: ChannelEvent) -> dt.date | None:
    """The one day a meeting was held on, or None (not a meeting, or a date of several days)."""
    if not isinstance(fact, MeetingHeld):
        return None
    occurred = fact.occurred
    return occurred.earliest if occurred.earliest == occurred.latest else None


def meetings_by_day(live: Iterable[Fact]) -> dict[dt.date, list[int]]:
    """The sequence numbers of the live meetings held on each day (of one-day dates)."""
    found: dict[dt.date, list[int]] = {}
    for fact in live:
        day = meeting_day(fact)
        if day is not None:
            found.setdefault(day, []).append(fact.seq)
    return found


def same_day_meetings(live: Iterable[Fact], fact: ChannelEvent) -> list[int]:
    """The sequence numbers of the live meetings held on the one day ``fact`` (a meeting) was."""
    day = meeting_day(fact)
    if day is None:
        return []
    return [other.seq for other in live if other.seq != fact.seq and meeting_day(other) == day]


def held_the_same_day(slug: str, fact: ChannelEvent, earlier: list[int]) -> str:
    """The warning for a meeting recorded on the day of ``earlier`` ones."""
    others = ", ".join(f"#{seq}" for seq in earlier)
    occurred = fact.occurred if isinstance(fact, Fact) else ""
    return (
        f"{slug} now has two meetings on {occurred}: #{fact.seq}, just recorded, and {others}; "
        f"if they are one meeting, retract the one recorded twice: tracker retract {slug} "
        f"{fact.seq} --reason 'recorded twice, as {others}'; if it was held on another day, "
        f"correct it: tracker correct {slug} {fact.seq} --on DATE"
    )
