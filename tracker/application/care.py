"""Store care: checking a store (``verify``), rebuilding what is derived from its events
(``rebuild``), and following what is recorded (``watch``)."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any, cast
from uuid import UUID

from eventsourcing.persistence import (
    Notification,
)

from tracker.application.errors import (
    BadInput,
)
from tracker.application.queries import Queries
from tracker.application.unit_of_work import UnitOfWork
from tracker.domain.channel import project_channel
from tracker.domain.events import (
    ChannelEvent,
    ChannelOpened,
)

if TYPE_CHECKING:
    from tracker.application.findings import Verification

POLL_SECONDS = 1.0  # how often `watch` reads a SQLite store again


class StoreCare(Queries, UnitOfWork):
    """Verify, rebuild and watch."""

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        """Rebuild what is derived from the events: the snapshots of long channels, then the
        read model (whose catch-up reads channels through them). Return how many events were
        applied to the read model. A store written before the ledger existed gets its ledger."""
        with self.store_errors():
            cast("Any", self.recorder).start_ledger()
        self.retake_snapshots()
        applied = self.rebuild_read_model(progress)
        if self.mapper.cipher is None:
            self.index_words()  # the search index too, rather than at the next search
        return applied

    def retake_snapshots(self) -> None:
        """Drop every snapshot, and take one of each long channel."""
        from tracker.store.snapshots import drop_snapshots, long_channels

        assert self.snapshots is not None  # snapshotting is enabled
        with self.store_errors():
            drop_snapshots(self.snapshots.recorder, self.store.kind)
            long = long_channels(self.recorder, self.store.kind, at_least=self.snapshot_every)
            for found in long:
                self._snapshot(self._channel_by_id(found))

    def follow(self, *, replay: bool = False) -> Iterator[tuple[str, ChannelEvent]]:
        """Every event as it is recorded, by anyone, until the caller stops: (slug, event).

        On PostgreSQL this is the library's subscription (LISTEN/NOTIFY); a SQLite file has
        no notifications, so it is read again every second. ``replay`` starts from the first
        event instead of from now.
        """
        from tracker.store.postgres_store import PostgresStore

        with self.store_errors():
            last = 0 if replay else (self.recorder.max_notification_id() or 0)
        slugs: dict[UUID, str] = {}

        def named(notification: Notification) -> tuple[str, ChannelEvent]:
            event = self.mapper.to_domain_event(notification)
            assert isinstance(event, ChannelEvent)
            if event.originator_id not in slugs:
                if isinstance(event, ChannelOpened):
                    slugs[event.originator_id] = event.slug
                else:
                    opening = self.repository.get(
                        event.originator_id, version=1, projector_func=project_channel
                    )
                    slugs[event.originator_id] = opening.slug
            return slugs[event.originator_id], event

        if isinstance(self.store, PostgresStore):
            with self.store_errors(), self.recorder.subscribe(gt=last) as subscription:
                for notification in subscription:
                    yield named(notification)
            return
        while True:
            with self.store_errors():
                page = self.recorder.select_notifications(last + 1, 500)
            for notification in page:
                with self.store_errors():
                    yield named(notification)
                last = notification.id
            if not page:
                time.sleep(POLL_SECONDS)

    def verify(self, expect: str | None = None) -> Verification:
        """Check every channel's hash chain and the store's ledger against what is stored.

        ``expect`` is a store digest noted before (``verify`` gives one): the history up to it
        must be unchanged. Raises BadInput when it is not a digest.
        """
        from tracker.application.verification import verify
        from tracker.store.bulk import stored_rows
        from tracker.store.ledger_digest import parse_store_digest

        try:
            expected = parse_store_digest(expect) if expect is not None else None
        except ValueError as e:
            raise BadInput(f"--expect: {e}") from None
        with self.store_errors():
            seen: dict[str, int] = {}
            names: dict[UUID, str] = {}
            if self._read_model_usable():
                with self.read_model.transaction(write=False) as cursor:
                    if cursor.exists():
                        seen, names = cursor.versions_and_slugs()
            recorder: Any = self.recorder
            with recorder.reading_ledger() as ledger:
                kept = ledger.exists() and (ledger.head() or ledger.meta("ledger")) is not None
            found = verify(
                self, stored_rows(self.store), seen, names, expected, ledger_kept=bool(kept)
            )
            # Derived from the events: compared only when the events themselves are sound.
            problem = self._read_model_problem() if found.intact else None
        if problem is not None:
            from tracker.application.findings import Problem

            found.add(Problem("(the read model)", 0, f"{problem}; run tracker rebuild"))
        return found

    def _read_model_problem(self) -> str | None:
        """What is wrong with the read model, found by projecting the events again into
        temporary tables and comparing every row; None when nothing is (or it cannot be
        compared: not yet caught up, or read-only)."""
        from tracker.application.catch_up import catch_up
        from tracker.application.search_index import catch_up_search
        from tracker.store.readmodel.schema import SEARCH_VIEW

        if not self._read_model_usable():
            return None
        with self.read_model.transaction(write=False) as cursor:
            if not cursor.exists():
                return None
            try:
                position, indexed = cursor.position(), cursor.position(SEARCH_VIEW)
                # Not yet caught up: the next reading catches it up, and it is compared then.
                stored = cursor.fingerprint() if position == cursor.newest_notification() else None
            except Exception as e:  # a damaged row fails in any way
                return f"the dashboard's read model cannot be read ({e or type(e).__name__})"
            if stored is None:
                return None
            cursor.create_temporary_tables()
            try:
                catch_up(cursor, self.mapper, self._facts, stop=position)
                # The search index, as far as it had come (it is brought up to date by a search).
                catch_up_search(cursor, self.mapper, self._facts, stop=indexed)
                fresh = cursor.fingerprint()
            finally:
                cursor.drop_temporary_tables()
        return None if stored == fresh else "the dashboard's read model differs from the events"
