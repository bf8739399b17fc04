"""Storing snapshots, and reading them as the cache they are: one that cannot be used is passed
over.

A channel is rebuilt from its newest snapshot and the events after it (the library's
repository does this). The snapshot is derived from the events, so when it cannot be read (its
table is missing from a read-only file, it was taken in an older format or before an event
class changed, it was damaged) the channel is rebuilt from its events alone: slower, never
wrong. ``tracker verify`` reports a damaged snapshot and ``tracker rebuild`` retakes it.

The stored form (before compression and encryption, like any stored event) is one line of JSON
with what the snapshot is, then each event as it is stored, one a line::

    {"format":4,"originator_id":"…","originator_version":N,"formats":{topic: class version},
     "topics":[topic…],"kinds":[index into topics, one an event…]}
    {event 1 as stored}
    …
    {event N as stored}

A line altered in place spoils only that event: ``tracker verify`` names it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence
from typing import Any
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import (
    EventStore,
    Mapper,
    PersistenceError,
    Recording,
    StoredEvent,
)

from tracker.domain.events import STORED_TOPICS, ChannelEvent
from tracker.domain.snapshot import ChannelSnapshot, event_formats
from tracker.store.mapper import PydanticMapper, encode_state, plaintext_of

# The stored form of snapshots. Bump it when that form changes: snapshots in another form are
# then passed over (as out of date, not damaged) until they are taken again.
SNAPSHOT_FORMAT = 4  # 4: the events only (3 also held the keys of a lazy fold)


class SnapshotUnusable(Exception):
    """The newest stored snapshot of a channel cannot stand in for its events."""

    def __init__(
        self, why: str, *, version: int, damaged: bool, unreadable_event: bool = False
    ) -> None:
        super().__init__(why)
        self.version = version  # the (last) event concerned
        self.damaged = damaged  # False: merely taken in an older format
        self.unreadable_event = unreadable_event  # one event's line cannot be read


def is_current(formats: Any) -> bool:
    """Whether every kind of event in a snapshot is still stored in the same format."""
    if not isinstance(formats, dict):
        return False
    current = event_formats()
    return all(current.get(topic) == version for topic, version in formats.items())


def encode(snapshot: ChannelSnapshot) -> bytes:
    """The stored form of a snapshot (before compression and encryption)."""
    topics = list(event_formats())
    header = {
        "format": SNAPSHOT_FORMAT,
        "originator_id": str(snapshot.originator_id),
        "originator_version": snapshot.originator_version,
        "formats": event_formats(),
        "topics": topics,
        "kinds": [topics.index(type(e).TOPIC) for e in snapshot.events],
    }
    lines = [encode_state(e) for e in snapshot.events]
    if any(b"\n" in line for line in lines):
        raise ValueError("an event's stored form is not one line")
    return b"\n".join([json.dumps(header, separators=(",", ":")).encode(), *lines])


class ChannelSnapshots(EventStore[UUID]):
    """The snapshot store, yielding only snapshots that can stand in for the events."""

    def __init__(self, mapper: Mapper[UUID], recorder: Any) -> None:
        super().__init__(mapper, recorder)
        # Reads the events inside a snapshot, which was decrypted and decompressed as a whole.
        self._lines = PydanticMapper(transcoder=mapper.transcoder)
        self._lines.know(STORED_TOPICS)

    def put(
        self,
        domain_events: Sequence[DomainEventProtocol[UUID]],
        **kwargs: Any,  # noqa: ARG002 (the library's signature)
    ) -> list[Recording[UUID]]:
        """Store snapshots (the library's snapshotting calls this), each as ``keep`` does."""
        for snapshot in domain_events:
            assert isinstance(snapshot, ChannelSnapshot)
            self.keep(snapshot)
        return []

    def keep(self, snapshot: ChannelSnapshot) -> None:
        """Store a snapshot (compressed and encrypted as the store's events are)."""
        state = encode(snapshot)
        if self.mapper.compressor:
            state = self.mapper.compressor.compress(state)
        if self.mapper.cipher:
            state = self.mapper.cipher.encrypt(state)
        stored = StoredEvent(
            originator_id=snapshot.originator_id,
            originator_version=snapshot.originator_version,
            topic=ChannelSnapshot.TOPIC,
            state=state,
        )
        self.recorder.insert_events([stored])

    def newest(self, channel_id: UUID, *, lte: int | None = None) -> ChannelSnapshot | None:
        """The channel's newest snapshot (up to version ``lte``), None when it has none.

        Raises SnapshotUnusable when there is one that cannot be read or is out of date.
        """
        found = self.recorder.select_events(channel_id, desc=True, limit=1, lte=lte)
        return self._decode(found[0]) if found else None

    def _decode(self, stored: StoredEvent) -> ChannelSnapshot:
        version = stored.originator_version

        def damaged(why: str) -> SnapshotUnusable:
            return SnapshotUnusable(why, version=version, damaged=True)

        if stored.topic != ChannelSnapshot.TOPIC:
            raise damaged(f"it is not a snapshot ({stored.topic})")
        try:
            lines = plaintext_of(self.mapper, stored.state).split(b"\n")
            header = json.loads(lines[0])
        except Exception as e:
            raise damaged(f"it cannot be read ({e})") from None
        if not isinstance(header, dict):
            raise damaged("it cannot be read (not a JSON object)")
        if header.get("format") != SNAPSHOT_FORMAT or not is_current(header.get("formats")):
            raise SnapshotUnusable(_OUT_OF_DATE, version=version, damaged=False)
        try:
            return self._snapshot(UUID(str(stored.originator_id)), version, header, lines)
        except (KeyError, TypeError, ValueError) as e:
            raise damaged(f"it cannot be read ({type(e).__name__}: {e})") from None

    def _snapshot(
        self, channel_id: UUID, version: int, header: dict[str, Any], lines: list[bytes]
    ) -> ChannelSnapshot:
        topics = [_topic(t) for t in header["topics"]]
        kinds = header["kinds"]
        if not (
            header["originator_id"] == str(channel_id)
            and header["originator_version"] == version
            and len(kinds) == len(lines) - 1 == version
        ):
            raise ValueError(f"it does not hold events 1 to {version} of {channel_id}")
        if not all(type(k) is int and 0 <= k < len(topics) for k in kinds):
            raise ValueError("the kinds of its events are damaged")
        events: list[ChannelEvent] = []
        for seq, line in enumerate(lines[1:], start=1):
            topic = topics[kinds[seq - 1]]
            stored = StoredEvent(channel_id, seq, topic, line)
            try:
                event = self._lines.to_domain_event(stored)
            except Exception as e:
                raise SnapshotUnusable(
                    f"its event #{seq} cannot be read ({e})",
                    version=seq,
                    damaged=True,
                    unreadable_event=True,
                ) from None
            if not isinstance(event, ChannelEvent):
                raise SnapshotUnusable(
                    f"its #{seq} is no event", version=seq, damaged=True, unreadable_event=True
                )
            events.append(event)
        return ChannelSnapshot(events)

    def get(
        self,
        originator_id: UUID,
        *,
        gt: int | None = None,
        lte: int | None = None,
        desc: bool = False,
        limit: int | None = None,
    ) -> Iterator[DomainEventProtocol[UUID]]:
        if gt is not None or not desc or limit != 1:
            raise NotImplementedError("only the newest snapshot of a channel is ever read")
        try:
            snapshot = self.newest(originator_id, lte=lte)
        except (SnapshotUnusable, PersistenceError):
            # PersistenceError: a read-only file written before snapshots has no table for them.
            snapshot = None
        found: list[Any] = [snapshot] if snapshot is not None else []
        return iter(found)


_OUT_OF_DATE = "it was taken in an older format, or before an event format changed"


def _topic(topic: object) -> str:
    if not isinstance(topic, str) or topic not in event_formats():
        raise ValueError(f"{topic!r} is not a kind of event")
    return topic
