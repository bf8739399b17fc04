"""Snapshots of long channels: every event up to a version.

A channel's state in valid time depends on all its facts (a backfill can land anywhere), so a
snapshot keeps the events themselves, and a channel rebuilt from it holds them all, as a
channel rebuilt from its events does. It follows the library's snapshot protocol
(``take(aggregate)``, ``originator_id``, ``originator_version``) so that the library's
snapshotting intervals take it; how it is stored is the store's business
(application/snapshots.py). A snapshot is a cache of stored facts, never a fact itself: one
that cannot be used is passed over and the events are read instead.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from typing import ClassVar, Protocol

from tracker.domain.events import STORED_TOPICS, ChannelEvent, ChannelOpened


class HasEvents(Protocol):
    """What a snapshot is taken of: a channel, with every event recorded about it."""

    @property
    def events(self) -> Sequence[ChannelEvent]: ...


class ChannelSnapshot:
    """A channel's events 1 to ``originator_version``."""

    TOPIC: ClassVar[str] = "tracker.snapshots:ChannelSnapshot"

    def __init__(self, events: Sequence[ChannelEvent]) -> None:
        """A snapshot of these events: all of one channel, from its opening on, without gaps."""
        if not events or [e.originator_version for e in events] != list(range(1, len(events) + 1)):
            raise ValueError("a snapshot holds a channel's events from #1 on, without gaps")
        if not isinstance(events[0], ChannelOpened):
            raise ValueError("a snapshot starts with the channel's opening")
        self.events: tuple[ChannelEvent, ...] = tuple(events)
        self.originator_id: uuid.UUID = events[0].originator_id
        self.originator_version = len(events)

    @classmethod
    def take(cls, channel: HasEvents) -> ChannelSnapshot:
        """A snapshot of the channel as it is (the library's snapshot protocol)."""
        return cls(channel.events)

    @property
    def state(self) -> tuple[ChannelEvent, ...]:
        """What the snapshot holds (the library's snapshot protocol): the events."""
        return self.events

    @property
    def opening(self) -> ChannelOpened:
        opening = self.events[0]
        assert isinstance(opening, ChannelOpened)
        return opening


def event_formats() -> dict[str, int]:
    """The stored topic and class version of every kind of event, as the code defines them."""
    return {topic: getattr(cls, "class_version", 1) for topic, cls in STORED_TOPICS.items()}
