"""The unit of work: every write goes through here.

A write takes the write lock of the channels it touches (store/locks.py: writers of one channel
take turns), loads them, lets the command decide, and saves the new events in one transaction:
all channels or none (the store's recorder seals them into the ledger in that transaction). If a
writer that does not take the lock got there first (the store refuses a version that already
exists), it reloads, re-checks the rules and tries again, a bounded number of times.

Channels are saved as aggregates through the library's ``save``, so that its snapshotting
intervals take a snapshot of a channel each time it reaches a multiple of SNAPSHOT_EVERY events.
"""

from __future__ import annotations

import contextlib
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from eventsourcing.application import ProjectorFunction, project_aggregate
from eventsourcing.persistence import PersistenceError

from tracker.application.base import TrackerApplication
from tracker.application.errors import (
    StoreError,
    WriteConflict,
)
from tracker.application.lineage import named_by, unknown_lineage
from tracker.application.snapshots import ChannelSnapshots
from tracker.domain.channel import Channel, project_channel
from tracker.domain.events import Fact
from tracker.domain.snapshot import ChannelSnapshot
from tracker.store import driver_errors

MAX_TRIES = 8
T = TypeVar("T")
SNAPSHOT_EVERY = 500  # events; a channel's snapshot is renewed each time it grows this much


def retrying(attempt: Callable[[], T], *, pause: float) -> T:
    """The one retry policy: ``attempt`` again, after a growing jittered pause, while another
    writer saved the same channel first; at most MAX_TRIES times."""
    for tries in range(1, MAX_TRIES + 1):
        try:
            return attempt()
        except WriteConflict:
            if tries < MAX_TRIES:
                time.sleep(random.uniform(pause, 4 * pause) * tries)  # noqa: S311 (jitter)
    raise WriteConflict(
        f"another writer kept changing the same channel; nothing was recorded after "
        f"{MAX_TRIES} tries — try again"
    )


_SNAPSHOT_FAILURES: tuple[type[BaseException], ...] = (
    StoreError,
    PersistenceError,
    OSError,
    *driver_errors(),
)


@dataclass(frozen=True)
class Recorded:
    """One event a command recorded."""

    slug: str
    seq: int
    kind: str
    occurred: str | None


def _recorded(slug: str, event: Any) -> Recorded:
    occurred = str(event.occurred) if isinstance(event, Fact) else None
    return Recorded(slug, event.originator_version, event.KIND, occurred)


class UnitOfWork(TrackerApplication):
    """Load, decide, save: locks, saving, the retry policy and snapshots."""

    snapshotting_intervals: ClassVar[dict[type[Any], int]] = {Channel: SNAPSHOT_EVERY}
    snapshotting_projectors: ClassVar[dict[type[Any], Any]] = {Channel: project_channel}
    snapshot_class = ChannelSnapshot

    @property
    def snapshot_every(self) -> int:
        """How many events apart a channel's snapshots are taken."""
        return self.snapshotting_intervals[Channel]

    def _write(
        self,
        slugs: Sequence[str],
        change: Callable[[dict[str, Channel]], list[Channel]],
        *,
        opening: str | None = None,
    ) -> list[Recorded]:
        from tracker.store.waiting import budget

        locked = [self.channel_id(s) for s in [*slugs, *([opening] if opening else [])]]
        with budget():  # every try waits for others within one budget
            events = self._try_writing(slugs, change, locked)
        # The channels the events name as predecessor or successor: recorded all the same, so
        # a store that cannot be read now loses the warning only.
        with contextlib.suppress(StoreError):
            named = [n for slug, event in events for n in named_by(slug, [event])]
            self.notices.extend(unknown_lineage(self, named))
        return [_recorded(slug, event) for slug, event in events]

    def _try_writing(
        self,
        slugs: Sequence[str],
        change: Callable[[dict[str, Channel]], list[Channel]],
        locked: list[UUID],
    ) -> list[tuple[str, Any]]:
        """The events saved, each with its channel's slug."""
        from tracker.store.locks import writing

        def attempt() -> list[tuple[str, Any]]:
            # Writers of the same channels queue here instead of racing to the store; a
            # writer that does not take the lock (an old version, say) still only causes a
            # conflict, and a retry.
            with self.store_errors(), writing(self.store, locked):
                channels = {slug: self.channel(slug) for slug in slugs}
                with self._domain_errors():
                    changed = change(channels)
                slugs_by_id = {c.id: c.slug for c in changed}
                recordings = self.save(*changed)
            return [(slugs_by_id[r.domain_event.originator_id], r.domain_event) for r in recordings]

        return retrying(attempt, pause=0.005)

    def take_snapshot(
        self,
        aggregate_id: UUID,
        version: int | None = None,
        projector_func: ProjectorFunction[Any, Any] = project_aggregate,
    ) -> None:
        """The library's snapshotting, for a cache: a snapshot that cannot be taken (another
        writer took it a moment before, say) does not fail the command whose events were
        saved; once one is taken, the channel's older ones are dropped."""
        try:
            super().take_snapshot(aggregate_id, version, projector_func)
            if version is not None:
                self._drop_older_snapshots(aggregate_id, version)
        except _SNAPSHOT_FAILURES:
            pass

    def snapshot(self, channel: str | Channel) -> bool:
        """Keep the channel's events as one snapshot, and drop its older snapshots.

        ``channel`` is a slug, or the channel itself when the caller has just saved it (all
        its events are then in memory, and it need not be read again). Called once what was
        recorded is committed, so it must not fail the command: a snapshot is only a cache,
        and another writer may have taken the same one a moment before. Returns whether a
        snapshot was taken.
        """
        try:
            self._snapshot(self.channel(channel) if isinstance(channel, str) else channel)
        except _SNAPSHOT_FAILURES:
            return False
        return True

    def _snapshot(self, channel: Channel) -> None:
        if isinstance(self.snapshots, ChannelSnapshots):
            self.snapshots.keep(ChannelSnapshot.take(channel))
            self._drop_older_snapshots(channel.id, channel.version)

    def _drop_older_snapshots(self, channel_id: UUID, version: int) -> None:
        """Drop the channel's snapshots older than ``version``: the newest makes them useless."""
        from tracker.store.snapshots import prune_snapshots

        if self.snapshots is not None:
            prune_snapshots(self.snapshots.recorder, self.store.kind, channel_id, below=version)
