"""The application's queries: a channel's state and history, and the dashboard, answered
from the read model (caught up first, rebuilt when found damaged) or by folding the events."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.persistence import (
    PersistenceError,
)

from tracker.application.base import TrackerApplication
from tracker.application.errors import (
    ChannelNotFound,
    StoreError,
)
from tracker.application.listing import opening_of
from tracker.application.summary_views import View, status_view
from tracker.domain.events import ChannelEvent, ChannelOpened, EventRetracted, Fact
from tracker.domain.state import ChannelState, ChannelSummary
from tracker.domain.timeline import corrections, valid_time_key

if TYPE_CHECKING:
    from tracker.application.searching import Found

RECENT_MEETINGS = 5  # meetings shown with a channel's status (history lists them all)
RANGE_READ = 50  # events: a channel's last meetings within this many are read in one range
BUSY_WAIT = 1.0  # seconds the dashboard waits to bring its read model up to date


@dataclass(frozen=True)
class HistoryEntry:
    """One event of a channel's history, with its retraction (if any)."""

    event: ChannelEvent
    retracted_by: EventRetracted | None
    corrected_by: int | None = None  # the corrected copy that replaced it


class HistoryOrder(StrEnum):
    """The order of a channel's history: by real-world date (valid time), or as recorded."""

    OCCURRED = "occurred"
    RECORDED = "recorded"


def history_in_valid_time(entries: Iterable[HistoryEntry]) -> list[HistoryEntry]:
    """A history by real-world date: each fact by the earliest day its date could mean, on one
    day the opening first and then the order recorded (the order the rules walk the timeline
    in: ``valid_time_key``); a retraction, which has no date, right after what it retracts, or
    after the corrected copy that replaced it."""
    entries = list(entries)
    events = {entry.event.seq: entry.event for entry in entries}
    copies = {entry.event.seq: entry.corrected_by for entry in entries if entry.corrected_by}

    def key(event: ChannelEvent) -> tuple[Any, ...]:
        if isinstance(event, Fact):
            return valid_time_key(event)
        assert isinstance(event, EventRetracted)
        # After the corrected copy that replaced it (in this history), else after it.
        anchor = events.get(copies.get(event.retracted_seq, 0)) or events.get(event.retracted_seq)
        if anchor is None:  # not in this history: after every fact
            return (dt.date.max, 1, event.seq)
        return (*key(anchor), event.seq)

    return sorted(entries, key=lambda entry: key(entry.event))


class Queries(TrackerApplication):
    """What the tracker answers."""

    def state(
        self, slug: str, *, as_of: dt.date | None = None, known_on: dt.datetime | None = None
    ) -> ChannelState:
        """One channel's state as of a day, as known at a moment."""
        as_of = self.day_asked(as_of, known_on)
        channel = self.channel(slug)
        state = channel.state(as_of=as_of, known_on=known_on)
        if state is None:
            raise ChannelNotFound.then(slug, channel.events[0].recorded, as_of, known_on)
        return state

    def states(
        self, *, as_of: dt.date | None = None, known_on: dt.datetime | None = None
    ) -> list[ChannelState]:
        """Every channel that existed as of the day (and was known at the moment)."""
        as_of = self.day_asked(as_of, known_on)
        # In the one order of channels the dashboard, the report and the export share: by slug.
        found = (self._state(s, as_of=as_of, known_on=known_on) for s in sorted(self.slugs()))
        return [s for s in found if s is not None]

    def _state(
        self, slug: str, *, as_of: dt.date, known_on: dt.datetime | None
    ) -> ChannelState | None:
        return self.channel(slug).state(as_of=as_of, known_on=known_on)

    def summaries(
        self,
        *,
        as_of: dt.date | None = None,
        known_on: dt.datetime | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> list[ChannelSummary]:
        """Every channel that existed as of the day, as known at the moment: from the
        bitemporal read model (caught up first; rebuilt, with a notice, when found damaged),
        a few index seeks per channel at most, whatever the number of events. ``progress``
        hears how many events the catch-up has applied, page by page."""
        as_of = self.day_asked(as_of, known_on)
        if not self._read_model_usable():
            return list(self.states(as_of=as_of, known_on=known_on))
        from tracker.application.readings import summaries

        found: list[ChannelSummary] = self._from_read_model(
            lambda cursor: summaries(cursor, as_of, known_on),
            lambda: list(self.states(as_of=as_of, known_on=known_on)),
            progress,
        )
        return found

    def dashboard(
        self,
        *,
        as_of: dt.date | None = None,
        known_on: dt.datetime | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> list[View]:
        """The dashboard as plain data (summary_views.py): the channels of ``summaries``, in no
        particular order, from the read model's views (dashboard_views.py) when it is usable."""
        as_of = self.day_asked(as_of, known_on)

        def folded() -> list[View]:
            return [status_view(s) for s in self.states(as_of=as_of, known_on=known_on)]

        if not self._read_model_usable():
            return folded()
        from tracker.application.dashboard_views import dashboard

        found: list[View] = self._from_read_model(
            lambda cursor: dashboard(cursor, as_of, known_on), folded, progress
        )
        return found

    def channel_status(
        self, slug: str, *, as_of: dt.date | None = None, known_on: dt.datetime | None = None
    ) -> ChannelState:
        """One channel as of a day, as known at a moment, with its last few meetings (not all
        of them): from the read model, a few seeks whatever the channel's length."""
        as_of = self.day_asked(as_of, known_on)
        if not self._read_model_usable():
            return self.state(slug, as_of=as_of, known_on=known_on)
        from tracker.application.readings import recent_meetings, summaries

        key = self.channel_id(self._checked(slug))

        def read(cursor: Any) -> tuple[list[ChannelSummary], list[int]]:
            found = summaries(cursor, as_of, known_on, str(key))
            return found, recent_meetings(cursor, str(key), as_of, known_on, RECENT_MEETINGS)

        found, seqs = self._from_read_model(read, lambda: (None, []), None)
        if found is None:  # another writer holds the store: fold, which only reads
            return self.state(slug, as_of=as_of, known_on=known_on)
        unsnapshotted = self._check_unsnapshotted(key)
        if not found:
            with self.store_errors():
                opening = opening_of(self.recorder, self.mapper, key)
            if opening is None:
                raise self.no_channel(slug)
            raise ChannelNotFound.then(slug, opening.recorded, as_of, known_on)
        with self.store_errors():
            # Those among the events just read are not read again.
            found_events = unsnapshotted | self._events(
                key, [seq for seq in seqs if seq not in unsnapshotted]
            )
            meetings = [found_events[seq] for seq in seqs]
        summary = found[0]
        fields = {name: getattr(summary, name) for name in ChannelSummary.__dataclass_fields__}
        return ChannelState(**fields, meetings=tuple(meetings))

    def search(
        self,
        text: str,
        *,
        channels: Sequence[str] = (),
        limit: int = 50,
        as_of: dt.date | None = None,
        known_on: dt.datetime | None = None,
    ) -> list[Found]:
        """The live facts that hold every word of ``text`` (application/searching.py)."""
        from tracker.application.searching import search

        return search(self, text, channels, limit, as_of=as_of, known_on=known_on)

    def _check_unsnapshotted(self, key: UUID) -> dict[int, Any]:
        """Read the events a fold would read past the channel's newest snapshot, so that damage
        among them is reported as a fold reports it, at a cost bounded by the snapshot
        interval (UnitOfWork.snapshot_every); return them by sequence number."""
        from tracker.store.snapshots import newest_snapshot

        assert self.snapshots is not None  # snapshotting is enabled
        try:
            # Its version only: a long channel's snapshot is megabytes (the bench's 10,000
            # events: 2.4 MB), which PostgreSQL would send for nothing: make bench's
            # `status --as-of` on it went from 54-55 ms of work to 42-45 ms
            after = newest_snapshot(self.snapshots.recorder, self.store.kind, key) or 0
        except PersistenceError:  # no snapshot table: a read-only file that never had one
            after = 0
        with self.store_errors():
            return {
                stored.originator_version: self.mapper.to_domain_event(stored)
                for stored in self.recorder.select_events(key, gt=after)
            }

    def _events(self, key: UUID, seqs: list[int]) -> dict[int, Any]:
        """The channel's events of these sequence numbers, by number. A channel's last
        meetings were mostly recorded close together: when they lie within RANGE_READ of one
        another, they are read in one statement (on PostgreSQL each is a round trip), not one
        each."""
        if not seqs:
            return {}
        low, high = min(seqs), max(seqs)
        if high - low < RANGE_READ:
            wanted = set(seqs)
            stored = [
                e
                for e in self.recorder.select_events(key, gt=low - 1, lte=high)
                if e.originator_version in wanted
            ]
        else:
            stored = [self.recorder.select_events(key, gt=s - 1, lte=s)[0] for s in seqs]
        return {e.originator_version: self.mapper.to_domain_event(e) for e in stored}

    def _from_read_model(
        self,
        read: Callable[[Any], Any],
        fold: Callable[[], Any],
        progress: Callable[[int], None] | None,
    ) -> Any:
        """What ``read`` finds in the read model, caught up first; a damaged read model is
        rebuilt (once), and while another writer holds the store, ``fold`` answers instead."""
        from tracker.store.readmodel.errors import ReadModelBusy, ReadModelDamaged

        def attempt() -> Any:
            with self.store_errors(), self.read_model.transaction(write=False) as cursor:
                # Nothing new since the last catch-up (the usual case): read at once.
                if cursor.is_current():
                    return read(cursor)
            self.catch_up(progress, wait=BUSY_WAIT)
            with self.store_errors(), self.read_model.transaction(write=False) as cursor:
                return read(cursor)

        try:
            try:
                return attempt()
            except ReadModelDamaged as e:
                self._mend_read_model(e)
                return attempt()
        except ReadModelBusy:
            # Another writer holds the store (an import, say): fold, which only reads.
            return fold()

    def _mend_read_model(self, damage: Exception) -> None:
        """Rebuild a read model found damaged: it is derived from the events, never trusted."""
        from tracker.store.readmodel.errors import ReadModelDamaged

        try:
            self.rebuild_read_model()
        except ReadModelDamaged as e:
            raise StoreError(
                f"the read model of the store {self.store.describe()} cannot be rebuilt ({e}); "
                "run tracker verify"
            ) from None
        self.notices.append(
            f"the dashboard's read model was damaged ({damage}); it was rebuilt from the events"
        )

    def catch_up(
        self, progress: Callable[[int], None] | None = None, wait: float | None = None
    ) -> int:
        """Apply the events recorded since the read model was last brought up to date."""
        from tracker.application.catch_up import catch_up

        with self.store_errors(), self.read_model.transaction(write=True, wait=wait) as cursor:
            return catch_up(cursor, self.mapper, self._facts, progress)

    def index_words(self) -> int:
        """Bring the search index up to date (application/search_index.py)."""
        from tracker.application.search_index import catch_up_search

        with self.store_errors(), self.read_model.transaction(write=True, wait=BUSY_WAIT) as cursor:
            return catch_up_search(cursor, self.mapper, self._facts)

    def rebuild_read_model(self, progress: Callable[[int], None] | None = None) -> int:
        """Empty the read model and apply every event again; return how many were applied."""
        from tracker.application.catch_up import catch_up

        with self.store_errors(), self.read_model.transaction(write=True) as cursor:
            cursor.clear()
            return catch_up(cursor, self.mapper, self._facts, progress)

    def _facts(
        self, channel_id: UUID, known_on: dt.datetime | None = None
    ) -> tuple[list[Fact], int, dict[int, int]]:
        from tracker.application.readings import live_facts_of

        return live_facts_of(self._channel_by_id(channel_id).events, known_on)

    def history(
        self,
        slug: str,
        *,
        as_of: dt.date | None = None,
        known_on: dt.datetime | None = None,
        by: HistoryOrder = HistoryOrder.RECORDED,
    ) -> list[HistoryEntry]:
        """Every event of a channel, with retractions marked: in the order recorded, or ``by``
        real-world date (``history_in_valid_time``).

        ``known_on`` keeps what had been recorded by then; ``as_of`` keeps the facts that had
        occurred by then (and the retractions of those facts).
        """
        recorded = self.channel(slug).events
        events = [e for e in recorded if known_on is None or e.recorded <= known_on]
        if not events:
            raise ChannelNotFound.then(slug, recorded[0].recorded, as_of, known_on)
        if as_of is not None:
            kept = {e.seq for e in events if isinstance(e, Fact) and e.occurred.earliest <= as_of}
            if not any(isinstance(e, ChannelOpened) and e.seq in kept for e in events):
                raise ChannelNotFound.then(slug, recorded[0].recorded, as_of, known_on)
            events = [
                e
                for e in events
                if e.seq in kept or (isinstance(e, EventRetracted) and e.retracted_seq in kept)
            ]
        retractions = {e.retracted_seq: e for e in events if isinstance(e, EventRetracted)}
        copies = corrections(events)
        found = [HistoryEntry(e, retractions.get(e.seq), copies.get(e.seq)) for e in events]
        return history_in_valid_time(found) if by is HistoryOrder.OCCURRED else found
