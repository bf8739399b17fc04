"""Storing snapshots, and reading them as the cache they are: one that cannot be used is passed
over.

A channel is rebuilt from its newest snapshot and the events after it. The snapshot is derived
from the events, so when it cannot be read (its table is missing from a read-only file, it was
taken in an older format or before an event class changed, it was damaged) the channel is
rebuilt from its events alone: slower, never wrong. ``tracker verify`` reports a damaged
snapshot and ``tracker rebuild`` retakes it.

The stored form (before compression and encryption, like any stored event) is one line of JSON
with the snapshot's keys, column by column, then each event as it is stored, one a line::

    {"format":2,"originator_id":"…","originator_version":N,"formats":{topic: class version},
     "topics":[topic…],"kinds":[index into topics…],"earliest":[ordinal or 0…],
     "recorded":[microseconds…],"retracts":[[position, seq]…]}
    {event 1 as stored}
    …
    {event N as stored}

Reading it parses the first line only (integers, no dates); an event's line is parsed when a
fold chooses that event, or when every event is asked for. A line altered in place spoils only
that event (``tracker verify`` names it), not the lines after it.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import (
    EventStore,
    Mapper,
    PersistenceError,
    StoredEvent,
)
from pydantic import TypeAdapter

from tracker.domain.events import STORED_TOPICS, ChannelEvent
from tracker.domain.snapshot import ChannelSnapshot, event_formats
from tracker.domain.timeline import EventKeys
from tracker.store.mapper import PydanticMapper, encode_state, identified, plaintext_of

# The stored form of snapshots. Bump it when that form changes: snapshots in another form are
# then passed over (as out of date, not damaged) until they are taken again.
SNAPSHOT_FORMAT = 3  # 3: events without the chain of events written before the ledger


class SnapshotUnusable(Exception):
    """The newest stored snapshot of a channel cannot stand in for its events."""

    def __init__(self, why: str, *, version: int, damaged: bool) -> None:
        super().__init__(why)
        self.version = version  # the (last) event concerned
        self.damaged = damaged  # False: merely taken in an older format


def is_current(formats: Any) -> bool:
    """Whether every kind of event in a snapshot is still stored in the same format."""
    if not isinstance(formats, dict):
        return False
    current = event_formats()
    return all(current.get(topic) == version for topic, version in formats.items())


def encode(snapshot: ChannelSnapshot) -> bytes:
    """The stored form of a snapshot (before compression and encryption)."""
    events = snapshot.events()
    topics = list(event_formats())
    keys = snapshot.keys
    header = {
        "format": SNAPSHOT_FORMAT,
        "originator_id": str(snapshot.originator_id),
        "originator_version": snapshot.originator_version,
        "formats": event_formats(),
        "topics": topics,
        "kinds": [topics.index(type(e).TOPIC) for e in events],
        "earliest": list(keys.earliest),
        "recorded": list(keys.recorded()),
        "retracts": sorted(keys.retracts.items()),
    }
    lines = [encode_state(e) for e in events]
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

        Raises SnapshotUnusable when there is one that cannot be read or is out of date. The
        events in it are read later, when asked for: one that cannot be read raises
        SnapshotUnusable then.
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
        kinds, earliest, recorded = header["kinds"], header["earliest"], header["recorded"]
        retracts = {_position(p, version): _int(s) for p, s in header["retracts"]}
        if not (
            header["originator_id"] == str(channel_id)
            and header["originator_version"] == version
            and len(kinds) == len(earliest) == len(recorded) == len(lines) - 1 == version
        ):
            raise ValueError(f"it does not hold events 1 to {version} of {channel_id}")
        for column in (kinds, earliest, recorded):
            if not all(type(n) is int for n in column):
                raise TypeError("a column holds something other than whole numbers")
        kind_topics = [topics[k] for k in kinds]

        def read(seq: int) -> ChannelEvent:
            stored = StoredEvent(channel_id, seq, kind_topics[seq - 1], lines[seq])
            try:
                event = self._lines.to_domain_event(stored)
            except Exception as e:
                raise SnapshotUnusable(
                    f"its event #{seq} cannot be read ({e})", version=seq, damaged=True
                ) from None
            if not isinstance(event, ChannelEvent):
                raise SnapshotUnusable(f"its #{seq} is no event", version=seq, damaged=True)
            return event

        def read_many(seqs: list[int]) -> list[ChannelEvent]:
            by_kind: dict[str, list[int]] = {}
            for seq in seqs:
                by_kind.setdefault(kind_topics[seq - 1], []).append(seq)
            found: dict[int, ChannelEvent] = {}
            for topic, of_kind in by_kind.items():
                events = self._read_kind(channel_id, topic, of_kind, lines, read)
                found.update(zip(of_kind, events, strict=True))
            return [found[seq] for seq in seqs]

        keys = EventKeys(range(1, version + 1), earliest, retracts, recorded)
        return ChannelSnapshot(channel_id, keys, read, read_many)

    def _read_kind(
        self,
        channel_id: UUID,
        topic: str,
        seqs: list[int],
        lines: list[bytes],
        read: Callable[[int], ChannelEvent],
    ) -> list[ChannelEvent]:
        """Events of one kind, parsed as one JSON array; one by one if that fails, so that
        the one that cannot be read is named."""
        cls = self._lines.event_class(topic)
        if getattr(cls, "class_version", 1) == 1:  # stored as the class reads it: no upcast
            document = b"[" + b",".join(identified(channel_id, s, lines[s]) for s in seqs) + b"]"
            try:
                events: list[ChannelEvent] = _list_of(cls).validate_json(document)
            except Exception:  # noqa: S110 (read one by one below, which says what is wrong)
                pass
            else:
                if len(events) == len(seqs):
                    return events
        return [read(seq) for seq in seqs]

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


@lru_cache(maxsize=16)
def _list_of(cls: type[ChannelEvent]) -> TypeAdapter[list[ChannelEvent]]:
    return TypeAdapter(list[cls])  # type: ignore[valid-type]


def _topic(topic: object) -> str:
    if not isinstance(topic, str) or topic not in event_formats():
        raise ValueError(f"{topic!r} is not a kind of event")
    return topic


def _int(value: object) -> int:
    if type(value) is not int:
        raise TypeError(f"{value!r} is not a whole number")
    return value


def _position(value: object, version: int) -> int:
    if not 0 <= _int(value) < version:
        raise ValueError(f"no event at position {value!r}")
    return _int(value)
