"""Snapshots of long channels: every event up to a version, each read only when it is needed.

A channel's state in valid time depends on all its facts (a backfill can land anywhere), so a
snapshot keeps the events themselves. It also keeps, for every event, the keys that decide
whether it counts as of a day and as known at a moment (:class:`EventKeys`: its kind of event,
the earliest day it could mean, what it retracts, when it was recorded). A fold through a
snapshot chooses by those keys and reads only the events it chose: ``status --as-of`` an early
day reads the few events that had occurred by then, not all of them.

How the events and keys are stored is the store's business (application/snapshots.py); here a
snapshot is the keys and a way to read event ``n``. A snapshot is a cache of stored facts,
never a fact itself: one that cannot be used is passed over and the events are read instead.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterator, Sequence
from typing import ClassVar, overload

from tracker.domain.events import STORED_TOPICS, ChannelEvent, ChannelOpened
from tracker.domain.timeline import EventKeys

# Fewer events than this are read one by one: a pass of the parser over many costs less than
# one per event, but each pass has its fixed cost.
READ_TOGETHER_FROM = 32


class ChannelSnapshot:
    """A channel's events 1 to ``originator_version``, with their keys."""

    TOPIC: ClassVar[str] = "tracker.snapshots:ChannelSnapshot"

    def __init__(
        self,
        originator_id: uuid.UUID,
        keys: EventKeys,
        read: Callable[[int], ChannelEvent],
        read_many: Callable[[list[int]], list[ChannelEvent]] | None = None,
    ) -> None:
        """``read(n)`` gives event ``n``, ``read_many([n, …])`` those events in one go (called
        at most once for each event)."""
        self.originator_id = originator_id
        self.originator_version = len(keys)
        self.keys = keys
        self._read = read
        self._read_many = read_many
        self._read_already: dict[int, ChannelEvent] = {}

    @classmethod
    def of(cls, events: Sequence[ChannelEvent]) -> ChannelSnapshot:
        """A snapshot of these events: all of one channel, from its opening on, without gaps."""
        if [e.originator_version for e in events] != list(range(1, len(events) + 1)):
            raise ValueError("a snapshot holds a channel's events from #1 on, without gaps")
        return cls(events[0].originator_id, EventKeys.of(events), lambda n: events[n - 1])

    def event(self, seq: int) -> ChannelEvent:
        """Event ``seq`` (1 is the opening)."""
        found = self._read_already.get(seq)
        if found is None:
            if not 1 <= seq <= self.originator_version:
                raise IndexError(seq)
            found = self._read_already[seq] = self._read(seq)
        return found

    @property
    def opening(self) -> ChannelOpened:
        opening = self.event(1)
        assert isinstance(opening, ChannelOpened)
        return opening

    def events_at(self, seqs: Sequence[int]) -> list[ChannelEvent]:
        """These events, read together when there are many (one pass of the parser each kind
        instead of one per event)."""
        unread = [seq for seq in seqs if seq not in self._read_already]
        if self._read_many is not None and len(unread) >= READ_TOGETHER_FROM:
            for seq in unread:
                if not 1 <= seq <= self.originator_version:
                    raise IndexError(seq)
            self._read_already.update(zip(unread, self._read_many(unread), strict=True))
        return [self.event(seq) for seq in seqs]

    def events(self) -> list[ChannelEvent]:
        """Every event, in the order they were recorded."""
        return self.events_at(range(1, self.originator_version + 1))

    def followed_by(self, later: list[ChannelEvent]) -> EventsAfterSnapshot:
        """The snapshot's events and then ``later`` ones, each read when asked for."""
        return EventsAfterSnapshot(self, later)


class EventsAfterSnapshot(Sequence[ChannelEvent]):
    """A snapshot's events followed by those recorded after it, as one sequence."""

    def __init__(self, snapshot: ChannelSnapshot, later: list[ChannelEvent]) -> None:
        self._snapshot, self._later = snapshot, later
        self._held = snapshot.originator_version

    def __len__(self) -> int:
        return self._held + len(self._later)

    @overload
    def __getitem__(self, index: int) -> ChannelEvent: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[ChannelEvent]: ...
    def __getitem__(self, index: int | slice) -> ChannelEvent | Sequence[ChannelEvent]:
        if isinstance(index, slice):
            return [self[i] for i in range(len(self))[index]]
        if index < 0:
            index += len(self)
        if 0 <= index < self._held:
            return self._snapshot.event(index + 1)
        return self._later[index - self._held]

    def __iter__(self) -> Iterator[ChannelEvent]:
        return (self[i] for i in range(len(self)))

    def pick(self, positions: Sequence[int]) -> list[ChannelEvent]:
        """The events at these positions (ascending), those of the snapshot read together."""
        held = [p + 1 for p in positions if p < self._held]
        return [
            *self._snapshot.events_at(held),
            *(self._later[p - self._held] for p in positions[len(held) :]),
        ]

    def keys(self) -> EventKeys:
        return self._snapshot.keys + EventKeys.of(self._later)


def event_formats() -> dict[str, int]:
    """The stored topic and class version of every kind of event, as the code defines them."""
    return {topic: getattr(cls, "class_version", 1) for topic, cls in STORED_TOPICS.items()}
