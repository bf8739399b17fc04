"""Snapshots of long channels: every event up to a version, in one document.

A channel's state in valid time depends on all its facts (a backfill can land anywhere), so a
snapshot keeps the events themselves, grouped by kind so that pydantic can read the whole
document in one pass instead of one event at a time. Rebuilding a channel then reads its latest
snapshot and only the events recorded after it.

A snapshot is a cache of stored facts, never a fact itself: it names the format (class version)
of each kind of event it holds, so that one taken before an event class changed is passed over
and the events, read through their upcasters, are used instead.
"""

from __future__ import annotations

import uuid
from typing import ClassVar

from pydantic import BaseModel, ConfigDict, Field

from tracker.domain.events import (
    CadenceAgreed,
    ChannelAgreed,
    ChannelEvent,
    ChannelOpened,
    Concluded,
    EventRetracted,
    MeetingHeld,
    MeetingPlanned,
    Resumed,
    Suspended,
)


class ChannelSnapshot(BaseModel):
    """Every event of one channel up to ``originator_version``."""

    model_config = ConfigDict(frozen=True, extra="forbid", ignored_types=(str,), defer_build=True)

    TOPIC: ClassVar[str] = "tracker.snapshots:ChannelSnapshot"
    class_version: ClassVar[int] = 1

    originator_id: uuid.UUID
    originator_version: int
    formats: dict[str, int]  # stored topic -> class version of the events held
    opened: tuple[ChannelOpened, ...] = Field(min_length=1, max_length=1)
    agreed: tuple[ChannelAgreed, ...] = ()
    cadences: tuple[CadenceAgreed, ...] = ()
    planned: tuple[MeetingPlanned, ...] = ()
    meetings: tuple[MeetingHeld, ...] = ()
    suspended: tuple[Suspended, ...] = ()
    resumed: tuple[Resumed, ...] = ()
    concluded: tuple[Concluded, ...] = ()
    retracted: tuple[EventRetracted, ...] = ()

    @classmethod
    def of(cls, events: list[ChannelEvent]) -> ChannelSnapshot:
        """A snapshot of these events (all of one channel, from its opening on)."""
        groups: dict[str, list[ChannelEvent]] = {name: [] for name in _GROUPS.values()}
        for event in events:
            groups[_GROUPS[type(event)]].append(event)
        return cls.model_validate(
            {
                "originator_id": events[0].originator_id,
                "originator_version": events[-1].originator_version,
                "formats": event_formats(),
                **groups,
            }
        )

    def events(self) -> list[ChannelEvent]:
        """The events, in the order they were recorded."""
        every: list[ChannelEvent] = [
            *self.opened,
            *self.agreed,
            *self.cadences,
            *self.planned,
            *self.meetings,
            *self.suspended,
            *self.resumed,
            *self.concluded,
            *self.retracted,
        ]
        return sorted(every, key=lambda e: e.originator_version)


_GROUPS: dict[type[ChannelEvent], str] = {
    ChannelOpened: "opened",
    ChannelAgreed: "agreed",
    CadenceAgreed: "cadences",
    MeetingPlanned: "planned",
    MeetingHeld: "meetings",
    Suspended: "suspended",
    Resumed: "resumed",
    Concluded: "concluded",
    EventRetracted: "retracted",
}


def event_formats() -> dict[str, int]:
    """The stored topic and class version of every kind of event, as the code defines them."""
    return {cls.TOPIC: getattr(cls, "class_version", 1) for cls in _GROUPS}
