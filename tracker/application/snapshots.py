"""Reading snapshots as the cache they are: one that cannot be used is passed over.

A channel is rebuilt from its newest snapshot and the events after it. The snapshot is derived
from the events, so when it cannot be read (its table is missing from a read-only file, it was
taken before an event class changed, it was damaged) the channel is rebuilt from its events
alone: slower, never wrong. ``tracker verify`` reports a damaged snapshot and ``tracker
rebuild`` retakes it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any
from uuid import UUID

from eventsourcing.domain import DomainEventProtocol
from eventsourcing.persistence import (
    EventStore,
    Mapper,
    MapperDeserialisationError,
    PersistenceError,
)
from eventsourcing.utils import TopicError, resolve_topic

from tracker.domain.snapshot import ChannelSnapshot
from tracker.store.mapper import plaintext_of


class SnapshotUnusable(Exception):
    """The newest stored snapshot of a channel cannot stand in for its events."""

    def __init__(self, why: str, *, version: int, damaged: bool) -> None:
        super().__init__(why)
        self.version = version  # the last event the snapshot holds
        self.damaged = damaged  # False: merely taken before an event format changed


def is_current(formats: Any) -> bool:
    """Whether every kind of event in a snapshot is still stored in the same format."""
    if not isinstance(formats, dict):
        return False
    try:
        return all(
            getattr(resolve_topic(topic), "class_version", 1) == version
            for topic, version in formats.items()
        )
    except TopicError:
        return False


class ChannelSnapshots(EventStore[UUID]):
    """The snapshot store, yielding only snapshots that can stand in for the events."""

    def newest(self, channel_id: UUID, *, lte: int | None = None) -> ChannelSnapshot | None:
        """The channel's newest snapshot (up to version ``lte``), None when it has none.

        Raises SnapshotUnusable when there is one that cannot be read or is out of date.
        """
        found = self.recorder.select_events(channel_id, desc=True, limit=1, lte=lte)
        if not found:
            return None
        stored = found[0]
        version = stored.originator_version
        try:
            snapshot = self.mapper.to_domain_event(stored)
        except MapperDeserialisationError as e:
            if _stored_formats(self.mapper, stored.state) not in (None, _CURRENT):
                raise SnapshotUnusable(_OUT_OF_DATE, version=version, damaged=False) from None
            raise SnapshotUnusable(
                f"it cannot be read ({e})", version=version, damaged=True
            ) from None
        if not isinstance(snapshot, ChannelSnapshot):
            raise SnapshotUnusable(
                f"it is not a snapshot ({stored.topic})", version=version, damaged=True
            )
        if not is_current(snapshot.formats):
            raise SnapshotUnusable(_OUT_OF_DATE, version=version, damaged=False)
        return snapshot

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
            # Not the repository's question ("the newest snapshot up to a version").
            return super().get(originator_id, gt=gt, lte=lte, desc=desc, limit=limit)
        try:
            snapshot = self.newest(originator_id, lte=lte)
        except (SnapshotUnusable, PersistenceError):
            # PersistenceError: a read-only file written before snapshots has no table for them.
            snapshot = None
        found: list[Any] = [snapshot] if snapshot is not None else []
        return iter(found)


_OUT_OF_DATE = "it was taken before an event format changed"
_CURRENT = object()


def _stored_formats(mapper: Mapper[UUID], state: bytes) -> object:
    """The formats a stored snapshot names: _CURRENT, None (unreadable), or what it says."""
    try:
        formats = json.loads(plaintext_of(mapper, state)).get("formats")
    except Exception:
        return None
    return _CURRENT if is_current(formats) else formats
