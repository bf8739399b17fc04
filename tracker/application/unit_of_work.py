"""The unit of work: every write goes through here.

A write takes the write lock of the channels it touches (store/locks.py: writers of one channel
take turns), loads them, lets the command decide, and saves the new events in one transaction:
all channels or none (the store's recorder seals them into the ledger in that transaction). If a
writer that does not take the lock got there first (the store refuses a version that already
exists), it reloads, re-checks the rules and tries again, a bounded number of times. Once saved,
a channel that grew past a multiple of ``snapshot_every`` events gets a new snapshot.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar
from uuid import UUID

from eventsourcing.persistence import (
    PersistenceError,
)

from tracker.application.base import TrackerApplication
from tracker.application.errors import (
    StoreError,
    WriteConflict,
)
from tracker.application.snapshots import ChannelSnapshots
from tracker.domain.channel import Channel
from tracker.domain.events import (
    ChannelEvent,
    Fact,
)
from tracker.domain.snapshot import ChannelSnapshot
from tracker.domain.values import channel_id
from tracker.store import driver_errors

if TYPE_CHECKING:
    pass

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


@dataclass(frozen=True)
class Recorded:
    """One event a command recorded."""

    slug: str
    seq: int
    kind: str
    occurred: str | None


class UnitOfWork(TrackerApplication):
    """Load, decide, save: locks, saving, the retry policy and snapshots."""

    snapshot_every = SNAPSHOT_EVERY

    def _crossed(self, before: int, after: int) -> bool:
        """Whether a channel grew past a multiple of ``snapshot_every`` events."""
        return after // self.snapshot_every > before // self.snapshot_every

    def _write(
        self,
        slugs: Sequence[str],
        change: Callable[[dict[str, Channel]], list[Channel]],
        *,
        opening: str | None = None,
    ) -> list[Recorded]:
        from tracker.store.waiting import budget

        locked = [channel_id(s) for s in [*slugs, *([opening] if opening else [])]]
        with budget():  # every try waits for others within one budget
            return self._try_writing(slugs, change, locked)

    def _try_writing(
        self,
        slugs: Sequence[str],
        change: Callable[[dict[str, Channel]], list[Channel]],
        locked: list[UUID],
    ) -> list[Recorded]:
        from tracker.store.locks import writing

        def attempt() -> list[tuple[Channel, list[ChannelEvent]]]:
            # Writers of the same channels queue here instead of racing to the store; a
            # writer that does not take the lock (an old version, say) still only causes a
            # conflict, and a retry.
            with self.store_errors(), writing(self.store, locked):
                channels = {slug: self.channel(slug) for slug in slugs}
                with self._domain_errors():
                    changed = change(channels)
                pending = [(c, list(c.collect_events())) for c in changed]
                self.save(*(e for _, events in pending for e in events))
            return pending

        pending = retrying(attempt, pause=0.005)
        for channel, events in pending:
            if events and self._crossed(events[0].seq - 1, channel.version):
                self.snapshot(channel)
        return [
            Recorded(c.slug, e.seq, e.KIND, str(e.occurred) if isinstance(e, Fact) else None)
            for c, events in pending
            for e in events
        ]

    def snapshot(self, channel: str | Channel) -> bool:
        """Keep the channel's events as one snapshot, and drop its older snapshots.

        ``channel`` is a slug, or the channel itself when the caller has just saved it (all
        its events are then in memory, and it need not be read again). Called once what was
        recorded is committed, so it must not fail the command: a snapshot is only a cache,
        and another writer may have taken the same one a moment before. Returns whether a
        snapshot was taken.
        """
        failures: tuple[type[BaseException], ...] = (
            StoreError,
            PersistenceError,
            OSError,
            *driver_errors(),
        )
        try:
            self._snapshot(self.channel(channel) if isinstance(channel, str) else channel)
        except failures:
            return False
        return True

    def _snapshot(self, channel: Channel) -> None:
        from tracker.store.snapshots import prune_snapshots

        if isinstance(self.snapshots, ChannelSnapshots):
            self.snapshots.keep(ChannelSnapshot.of(channel.events))
            prune_snapshots(self.store, channel.id, below=channel.version)
