"""DialogueTracker: the application that records and reads channels.

Every write takes the write lock of the channels it touches (store/locks.py: writers of one
channel take turns), loads them, asks the domain to record the fact, seals the new events
into each channel's hash chain and saves them in one transaction: all channels or none. If a
writer that does not take the lock got there first (the store refuses a version that already
exists), it reloads, re-checks the rules and tries again, a bounded number of times.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import (
    IntegrityError,
    Mapper,
    MapperDeserialisationError,
    Notification,
    PersistenceError,
)
from eventsourcing.utils import Environment

from tracker.application.acting import act
from tracker.application.commands import (
    AgreeCadence,
    AgreeChannel,
    ChannelCommand,
    ConcludeChannel,
    HoldMeeting,
    OpenChannel,
    PlanMeeting,
    RecordingCommand,
    ResumeChannels,
    RetractEvent,
    SuspendChannels,
)
from tracker.application.errors import (
    BadInput,
    ChannelNotFound,
    Refused,
    StoreError,
    WriteConflict,
)
from tracker.application.snapshots import ChannelSnapshots, SnapshotUnusable
from tracker.domain.channel import Channel, project_channel
from tracker.domain.events import (
    STORED_TOPICS,
    ChannelEvent,
    ChannelOpened,
    EventRetracted,
    Fact,
)
from tracker.domain.rules import ChannelAlreadyOpened, DomainError
from tracker.domain.snapshot import ChannelSnapshot
from tracker.domain.state import ChannelState, ChannelSummary
from tracker.domain.values import InvalidValue, channel_id, check_slug
from tracker.store import driver_errors
from tracker.store.chain import chain, seal_key
from tracker.store.ledger import ChainBroken, LedgerError
from tracker.store.mapper import EventDamaged, PydanticMapper
from tracker.store.settings import SQLiteStore, Store, StoreUnavailable

if TYPE_CHECKING:
    # Imported where they are used: recording one fact needs none of them.
    from tracker.application.importing import ImportResult
    from tracker.application.seedfile import SeedFile
    from tracker.application.verification import Verification
    from tracker.store.readmodel import ReadModelStore

MAX_TRIES = 8
POLL_SECONDS = 1.0  # how often `watch` reads a SQLite store again
BUSY_WAIT = 1.0  # seconds the dashboard waits to bring its read model up to date
SNAPSHOT_EVERY = 500  # events; a channel's snapshot is renewed each time it grows this much


def _crossed(before: int, after: int) -> bool:
    return after // SNAPSHOT_EVERY > before // SNAPSHOT_EVERY


def _plain_json(state: bytes) -> bool:
    """Whether stored bytes are an event in clear: a JSON object with its record time."""
    import json

    try:
        found = json.loads(state)
    except ValueError:
        return False
    return isinstance(found, dict) and "recorded" in found


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def refuse_store_file(store: Store, target: Path | int) -> None:
    """Raise BadInput if the output ``target`` (a path, or an open file descriptor: 1 is
    standard output) is one of the store's own files, under whatever name."""
    found = store.file_of(target)
    if found is None:
        return
    if isinstance(target, int):
        where = "standard output" if target == 1 else "the output"
        fix = "send it to another file" if target == 1 else "choose another file"
    else:
        where, fix = f"--output {target}", "choose another file with -o"
    raise BadInput(
        f"{where} is {found}: writing there would destroy what is recorded; nothing was "
        f"written; {fix}"
    )


@dataclass(frozen=True)
class Recorded:
    """One event a command recorded."""

    slug: str
    seq: int
    kind: str
    occurred: str | None


@dataclass(frozen=True)
class HistoryEntry:
    """One event of a channel's history, with its retraction (if any)."""

    event: ChannelEvent
    retracted_by: EventRetracted | None


class DialogueTracker(Application[UUID]):
    """Records facts about dialogue channels and answers questions about them."""

    name = "tracker"
    mapper: PydanticMapper
    is_snapshotting_enabled = True  # snapshots are taken by snapshot(), for long channels

    def __init__(
        self, store: Store, *, write: bool = True, clock: Callable[[], dt.datetime] = utc_now
    ) -> None:
        self.store = store
        self.clock = clock
        self.notices: list[str] = []  # what the user should know besides the answer
        self._read_model: ReadModelStore | None = None
        self.seal_key = seal_key(store.encryption_key)
        with self.store_errors():
            super().__init__(env=store.library_env(write=write))
            self._check_encryption()

    def _check_encryption(self) -> None:
        """Refuse a store this command's key (or lack of one) cannot read, saying which.

        A store's encryption is decided by its first write, under the write lock, and kept in
        its meta table (store/ledger.py); a store written before that is judged by its first
        events. Either way the answer is certain, whatever the cipher text looks like.
        """
        from tracker.store.ledger import encryption_marker

        recorder: Any = self.recorder
        with recorder.reading_ledger() as ledger:
            marker = ledger.meta("encryption") if ledger.exists() else None
        if marker is None:
            marker = self._judged_encryption()
        ours = recorder.encryption
        if marker is None or marker == ours:
            return
        where = self.store.describe()
        if marker == encryption_marker(encrypted=False, key_check=None):
            raise StoreError(
                f"the store {where} is not encrypted, but TRACKER_ENCRYPTION_KEY is set; "
                "unset it to use this store"
            )
        if ours == encryption_marker(encrypted=False, key_check=None):
            raise StoreError(
                f"the store {where} is encrypted; set TRACKER_ENCRYPTION_KEY to its key"
            )
        raise StoreError(
            f"TRACKER_ENCRYPTION_KEY does not open this store ({where}): it is another key; "
            "set it to the store's key (the key itself is not shown)"
        )

    def _judged_encryption(self) -> str | None:
        """The encryption of a store written before it was recorded, judged by its first
        events: plain JSON is no encryption; what this key opens is this key's; anything else
        is another key's. None for a store with no events."""
        from tracker.store.ledger import encryption_marker

        recorder: Any = self.recorder
        first = self.recorder.select_notifications(1, 5)
        if not first:
            return None
        for notification in first:
            state = notification.state
            if isinstance(state, bytes) and _plain_json(state):
                return encryption_marker(encrypted=False, key_check=None)
        if self.mapper.cipher is not None:
            for notification in first:
                try:
                    self.mapper.cipher.decrypt(notification.state)
                except Exception:  # noqa: S112 (another of the first events may open)
                    continue
                return str(recorder.encryption)
        return "aes-gcm:unknown key"

    def check_output(self, target: Path | int) -> None:
        """Refuse (BadInput) to write output over one of the store's own files: ``target`` is
        the path to be written, or the descriptor of a file opened for writing."""
        refuse_store_file(self.store, target)

    def seal(self, channel: Channel, events: Sequence[ChannelEvent]) -> list[ChannelEvent]:
        """Seal a channel's new events into its hash chain (they end its list of events)."""
        events = list(events)
        if not events:
            return events
        before = channel.events[: -len(events)]
        sealed = chain(events, before[-1].seal if before else None, self.seal_key)
        channel.events[-len(events) :] = sealed
        return sealed

    def construct_env(self, name: str, env: Any = None) -> Environment:
        # Only the settings made from --db / TRACKER_DB: nothing leaks in from os.environ.
        # Snapshots are on by setting, not by the class attribute, which the library reads
        # only in the construct_env this replaces.
        return Environment(name, {"IS_SNAPSHOTTING_ENABLED": "y", **(env or {})})

    def construct_mapper(self) -> Mapper[UUID]:
        mapper = self.factory.mapper(mapper_class=PydanticMapper)
        assert isinstance(mapper, PydanticMapper)
        mapper.know(STORED_TOPICS)  # stored topics name these, and nothing else
        return mapper

    def construct_snapshot_store(self) -> ChannelSnapshots:
        recorder = self.factory.aggregate_recorder(purpose="snapshots")
        return ChannelSnapshots(mapper=self.mapper, recorder=recorder)

    # --- recording ---------------------------------------------------------------------------

    def open_channel(self, command: OpenChannel) -> list[Recorded]:
        """Open a new channel."""

        def change(_: dict[str, Channel]) -> list[Channel]:
            if channel_id(command.slug) in self._ids_present([command.slug]):
                raise ChannelAlreadyOpened(
                    f"refused: the channel {command.slug} exists already; "
                    f"see tracker status {command.slug}"
                )
            return [self.opening(command)]

        return self._write([], change, opening=command.slug)

    def agree(self, command: AgreeChannel) -> list[Recorded]:
        """Record that the parties agreed to a proposed channel."""
        return self._each(command)

    def agree_cadence(self, command: AgreeCadence) -> list[Recorded]:
        """Record an agreed rhythm of meetings at one level."""
        return self._each(command)

    def plan_meeting(self, command: PlanMeeting) -> list[Recorded]:
        """Record a meeting agreed for a future window."""
        return self._each(command)

    def hold_meeting(self, command: HoldMeeting) -> list[Recorded]:
        """Record a meeting held."""
        return self._each(command)

    def suspend(self, command: SuspendChannels) -> list[Recorded]:
        """Suspend one or more channels, all or none."""
        return self._each(command)

    def resume(self, command: ResumeChannels) -> list[Recorded]:
        """Resume one or more suspended channels, all or none."""
        return self._each(command)

    def conclude(self, command: ConcludeChannel) -> list[Recorded]:
        """Record that a channel ended."""
        return self._each(command)

    def retract(self, command: RetractEvent) -> list[Recorded]:
        """Retract one event of a channel."""

        def change(channels: dict[str, Channel]) -> list[Channel]:
            channel = channels[command.slug]
            channel.retract(seq=command.seq, reason=command.reason, recorded=self.clock())
            return [channel]

        return self._write([command.slug], change)

    def record(self, command: RecordingCommand) -> list[Recorded]:
        """Carry out any recording command."""
        if isinstance(command, OpenChannel):
            return self.open_channel(command)
        return self._each(command)

    def import_file(
        self, source: Path | SeedFile, progress: Callable[[int, int], None] | None = None
    ) -> ImportResult:
        """Record every entry of a seed file (a path, or a file opened with open_seed): all or
        nothing, and nothing twice."""
        from tracker.application.importing import import_file

        return import_file(self, source, progress, snapshot_from=SNAPSHOT_EVERY)

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

    # --- reading -------------------------------------------------------------------------------

    def channel(self, slug: str, *, every_event: bool = True) -> Channel:
        """The channel with all its events (raises ChannelNotFound).

        ``every_event=False`` leaves the events a snapshot holds unread until they are asked
        for (a fold reads only those that count); reading one may then raise SnapshotUnusable.
        """
        try:
            check_slug(slug)
        except InvalidValue as e:
            raise BadInput(str(e)) from None
        with self.store_errors():
            try:
                return self._channel_by_id(channel_id(slug), every_event=every_event)
            except AggregateNotFoundError:
                raise ChannelNotFound(
                    f"no channel {slug!r}; tracker status lists the channels recorded"
                ) from None

    def slugs(self) -> list[str]:
        """Every channel's slug, in the order they were opened in the store."""
        with self.store_errors():
            slugs: list[str] = []
            start = 1
            while True:
                page = self.recorder.select_notifications(start, 1000, topics=[ChannelOpened.TOPIC])
                for notification in page:
                    opening = self.mapper.to_domain_event(notification)
                    assert isinstance(opening, ChannelOpened)
                    slugs.append(opening.slug)
                if len(page) < 1000:
                    return slugs
                start = page[-1].id + 1

    def state(
        self, slug: str, *, as_of: dt.date | None = None, known_on: dt.datetime | None = None
    ) -> ChannelState:
        """One channel's state as of a day, as known at a moment."""
        as_of = as_of or self.clock().date()
        state = self._state(slug, as_of=as_of, known_on=known_on)
        if state is None:
            when = f"as of {as_of}" + (f" as known on {known_on.isoformat()}" if known_on else "")
            raise ChannelNotFound(f"the channel {slug} did not exist {when}")
        return state

    def states(
        self, *, as_of: dt.date | None = None, known_on: dt.datetime | None = None
    ) -> list[ChannelState]:
        """Every channel that existed as of the day (and was known at the moment)."""
        as_of = as_of or self.clock().date()
        found = (self._state(s, as_of=as_of, known_on=known_on) for s in self.slugs())
        return [s for s in found if s is not None]

    def _state(
        self, slug: str, *, as_of: dt.date, known_on: dt.datetime | None
    ) -> ChannelState | None:
        # Through the snapshot, reading only the events that count; should one of them be
        # unreadable, from the events alone.
        try:
            return self.channel(slug, every_event=False).state(as_of=as_of, known_on=known_on)
        except SnapshotUnusable:
            with self.store_errors():
                channel = self._from_events(channel_id(slug))
            return channel.state(as_of=as_of, known_on=known_on)

    def summaries(
        self,
        *,
        as_of: dt.date | None = None,
        known_on: dt.datetime | None = None,
        progress: Callable[[int], None] | None = None,
    ) -> list[ChannelSummary]:
        """The dashboard: every channel that existed as of the day.

        As known now, it comes from the read model (caught up first): one index seek per
        channel at most, whatever the number of events. As known at an earlier moment, the
        read model's projector applies the events recorded by then to temporary tables of its
        own: exact, and it grows with the events. A read model found damaged is rebuilt (and a
        notice says so). ``progress``
        hears how many events the catch-up has applied, page by page (after an import of many
        events it can take a while).
        """
        as_of = as_of or self.clock().date()
        if not self._read_model_usable():
            return list(self.states(as_of=as_of, known_on=known_on))
        from tracker.application.projection import known_on_summaries, summaries
        from tracker.store.readmodel import ReadModelBusy, ReadModelDamaged

        if known_on is not None:
            moment = known_on

            def facts_known(channel: UUID) -> tuple[list[Fact], int]:
                return self._facts(channel, moment)

            with self.store_errors(), self.read_model.transaction(write=False) as cursor:
                return known_on_summaries(cursor, self.mapper, facts_known, as_of, moment)

        def read() -> list[ChannelSummary]:
            self.catch_up(progress, wait=BUSY_WAIT)
            with self.store_errors(), self.read_model.transaction(write=False) as cursor:
                return summaries(cursor, as_of)

        try:
            try:
                return read()
            except ReadModelDamaged as e:
                self._mend_read_model(e)
                return read()
        except ReadModelBusy:
            # Another writer holds the store (an import, say): fold, which only reads.
            return list(self.states(as_of=as_of, known_on=known_on))

    def _mend_read_model(self, damage: Exception) -> None:
        """Rebuild a read model found damaged: it is derived from the events, never trusted."""
        from tracker.store.readmodel import ReadModelDamaged

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

    @property
    def read_model(self) -> ReadModelStore:
        if self._read_model is None:
            from tracker.store.readmodel import ReadModelStore, TextSeal

            self._read_model = ReadModelStore(self.store, TextSeal(self.mapper.cipher))
        return self._read_model

    def _read_model_usable(self) -> bool:
        # A read-only file cannot be kept up to date. (An encrypted store's read model keeps
        # its texts encrypted: see store/readmodel.py.)
        return not (isinstance(self.store, SQLiteStore) and self.store.read_only())

    def catch_up(
        self, progress: Callable[[int], None] | None = None, wait: float | None = None
    ) -> int:
        """Apply the events recorded since the read model was last brought up to date."""
        from tracker.application.projection import catch_up

        with self.store_errors(), self.read_model.transaction(write=True, wait=wait) as cursor:
            return catch_up(cursor, self.mapper, self._facts, progress)

    def rebuild(self, progress: Callable[[int], None] | None = None) -> int:
        """Rebuild what is derived from the events: the snapshots of long channels, then the
        read model (whose catch-up reads channels through them). Return how many events were
        applied to the read model. A store written before the ledger existed gets its ledger."""
        with self.store_errors():
            cast("Any", self.recorder).start_ledger()
        self.retake_snapshots()
        return self.rebuild_read_model(progress)

    def retake_snapshots(self) -> None:
        """Drop every snapshot, and take one of each long channel."""
        from tracker.store.snapshots import drop_snapshots, long_channels

        with self.store_errors():
            drop_snapshots(self.store)
            for found in long_channels(self.store, at_least=SNAPSHOT_EVERY):
                self._snapshot(self._channel_by_id(found))

    def rebuild_read_model(self, progress: Callable[[int], None] | None = None) -> int:
        """Empty the read model and apply every event again; return how many were applied."""
        from tracker.application.projection import catch_up

        with self.store_errors(), self.read_model.transaction(write=True) as cursor:
            cursor.clear()
            return catch_up(cursor, self.mapper, self._facts, progress)

    def _facts(
        self, channel_id: UUID, known_on: dt.datetime | None = None
    ) -> tuple[list[Fact], int]:
        from tracker.application.projection import live_facts_of

        return live_facts_of(self._channel_by_id(channel_id).events, known_on)

    def _channel_by_id(self, channel_id: UUID, *, every_event: bool = True) -> Channel:
        """The channel, through its snapshot if it has a usable one (raises
        AggregateNotFoundError)."""
        try:
            found = self.repository.get(channel_id, projector_func=project_channel)
            assert isinstance(found, Channel)
            if every_event:
                found.events  # noqa: B018 (reads every event the snapshot holds)
        except SnapshotUnusable:
            # An event inside the snapshot cannot be read: the snapshot is passed over.
            return self._from_events(channel_id)
        return found

    def _from_events(self, channel_id: UUID) -> Channel:
        """The channel from its events alone, without its snapshot."""
        events = cast("Iterator[ChannelEvent]", self.events.get(channel_id))
        found = project_channel(None, events)
        if found is None:
            raise AggregateNotFoundError(channel_id)
        return found

    def close(self) -> None:
        if self._read_model is not None:
            self._read_model.close()
        super().close()

    def follow(self, *, replay: bool = False) -> Iterator[tuple[str, ChannelEvent]]:
        """Every event as it is recorded, by anyone, until the caller stops: (slug, event).

        On PostgreSQL this is the library's subscription (LISTEN/NOTIFY); a SQLite file has
        no notifications, so it is read again every second. ``replay`` starts from the first
        event instead of from now.
        """
        from tracker.store.settings import PostgresStore

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
        from tracker.store.ledger import parse_store_digest

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
            found = verify(self, stored_rows(self.store), seen, names, expected)
            # Derived from the events: compared only when the events themselves are sound.
            problem = self._read_model_problem() if found.intact else None
        if problem is not None:
            from tracker.application.verification import Problem

            found.add(Problem("(the read model)", 0, f"{problem}; run tracker rebuild"))
        return found

    def _read_model_problem(self) -> str | None:
        """What is wrong with the read model, found by projecting the events again into
        temporary tables and comparing every row; None when nothing is (or it cannot be
        compared: not yet caught up, or read-only)."""
        from tracker.application.projection import catch_up

        if not self._read_model_usable():
            return None
        with self.read_model.transaction(write=False) as cursor:
            if not cursor.exists():
                return None
            try:
                position = cursor.position()
                # Not yet caught up: the next reading catches it up, and it is compared then.
                stored = cursor.fingerprint() if position == cursor.newest_notification() else None
            except Exception as e:  # a damaged row fails in any way
                return f"the dashboard's read model cannot be read ({e or type(e).__name__})"
            if stored is None:
                return None
            cursor.create_temporary_tables()
            try:
                catch_up(cursor, self.mapper, self._facts, stop=position)
                fresh = cursor.fingerprint()
            finally:
                cursor.drop_temporary_tables()
        return None if stored == fresh else "the dashboard's read model differs from the events"

    def history(
        self, slug: str, *, as_of: dt.date | None = None, known_on: dt.datetime | None = None
    ) -> list[HistoryEntry]:
        """Every event of a channel in the order recorded, with retractions marked.

        ``known_on`` keeps what had been recorded by then; ``as_of`` keeps the facts that had
        occurred by then (and the retractions of those facts).
        """
        events = [
            e for e in self.channel(slug).events if known_on is None or e.recorded <= known_on
        ]
        if not events:
            raise ChannelNotFound(
                f"the channel {slug} was not yet recorded on "
                f"{known_on.isoformat() if known_on else known_on}"
            )
        if as_of is not None:
            kept = {e.seq for e in events if isinstance(e, Fact) and e.occurred.earliest <= as_of}
            if 1 not in kept:
                raise ChannelNotFound(f"the channel {slug} did not exist as of {as_of}")
            events = [
                e
                for e in events
                if e.seq in kept or (isinstance(e, EventRetracted) and e.retracted_seq in kept)
            ]
        retractions = {e.retracted_seq: e for e in events if isinstance(e, EventRetracted)}
        return [HistoryEntry(e, retractions.get(e.seq)) for e in events]

    # --- the write path --------------------------------------------------------------------------

    def opening(self, command: OpenChannel, recorded: dt.datetime | None = None) -> Channel:
        """A new channel, opened as the command says (not yet saved)."""
        return Channel.open(
            slug=command.slug,
            title=command.title,
            parties=command.parties,
            occurred=command.on,
            recorded=recorded or self.clock(),
            status=command.status,
            topics=command.topics,
            level=command.level,
            leads=command.leads,
            follows=command.follows,
            sources=command.sources,
        )

    def _each(self, command: ChannelCommand) -> list[Recorded]:
        """Apply the same change to every channel the command names; save all or none."""

        def change(channels: dict[str, Channel]) -> list[Channel]:
            recorded = self.clock()
            for channel in channels.values():
                act(command, channel, recorded)
            return list(channels.values())

        return self._write(list(command.channels()), change)

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

        for attempt in range(1, MAX_TRIES + 1):
            try:
                # Writers of the same channels queue here instead of racing to the store; a
                # writer that does not take the lock (an old version, say) still only causes
                # a conflict, and a retry below.
                with self.store_errors(), writing(self.store, locked):
                    channels = {slug: self.channel(slug) for slug in slugs}
                    with self._domain_errors():
                        changed = change(channels)
                    pending = [(c, self.seal(c, c.collect_events())) for c in changed]
                    self.save(*(e for _, events in pending for e in events))
                for channel, events in pending:
                    if events and _crossed(events[0].seq - 1, channel.version):
                        self.snapshot(channel)
            except WriteConflict:
                if attempt == MAX_TRIES:
                    raise
                time.sleep(random.uniform(0.005, 0.02) * attempt)  # noqa: S311 (jitter)
                continue
            return [
                Recorded(c.slug, e.seq, e.KIND, str(e.occurred) if isinstance(e, Fact) else None)
                for c, events in pending
                for e in events
            ]
        raise AssertionError("unreachable")

    def _ids_present(self, slugs: Iterable[str]) -> set[UUID]:
        with self.store_errors():
            found = set()
            for slug in slugs:
                if self.recorder.select_events(channel_id(slug), limit=1):
                    found.add(channel_id(slug))
            return found

    @contextmanager
    def _domain_errors(self) -> Iterator[None]:
        try:
            yield
        except DomainError as e:
            raise Refused(str(e)) from None

    @contextmanager
    def store_errors(self) -> Iterator[None]:
        try:
            yield
        except IntegrityError:
            raise WriteConflict(
                f"another writer kept changing the same channel; nothing was recorded after "
                f"{MAX_TRIES} tries — try again"
            ) from None
        except EventDamaged as e:
            raise StoreError(self._damaged(e)) from None
        except ChainBroken as e:
            raise StoreError(
                f"refused: the history of the store {self.store.describe()} is broken ({e}); "
                "nothing was recorded: run tracker verify, and restore the store from a backup"
            ) from None
        except LedgerError as e:
            raise StoreError(f"the store {self.store.describe()} cannot be used: {e}") from None
        except StoreUnavailable as e:
            raise StoreError(str(e)) from None
        except MapperDeserialisationError as e:
            raise StoreError(
                f"the store {self.store.describe()} holds an event that cannot be read ({e}); "
                "run tracker verify, and restore from a backup if it was damaged"
            ) from None
        except Exception as e:
            if isinstance(e, (PersistenceError, OSError, *driver_errors())):
                raise StoreError(self._unavailable(e)) from None
            raise

    def _damaged(self, error: EventDamaged) -> str:
        """Say which stored event is damaged (by its channel's slug when it can be read)."""
        what = "an event"
        if isinstance(error.version, int) and not isinstance(error.version, bool):
            what = f"event #{error.version}"
        if error.originator_id is not None:
            what += f" of {self._channel_name(error.originator_id)}"
        return (
            f"the store {self.store.describe()} is damaged: {what}: {error.what}; run tracker "
            "verify to see all the damage, and restore the store from a backup"
        )

    def _channel_name(self, originator_id: object) -> str:
        """The slug of a channel by its id, if its opening can be read; its id otherwise."""
        try:
            wanted = UUID(str(originator_id))
            for slug in self.slugs():
                if channel_id(slug) == wanted:
                    return slug
        except Exception:  # noqa: S110 (damage elsewhere: name the channel by its id)
            pass
        return f"the channel with id {str(originator_id)[:36]}"

    def _unavailable(self, error: Exception) -> str:
        from tracker.store.waiting import busy_message, failure, unreachable_message

        detail = " ".join(str(error).split()) or type(error).__name__
        if hasattr(self.store, "redact"):
            detail = self.store.redact(detail)
        match failure(error):
            case "busy":
                return busy_message(self.store.describe())
            case "cancelled":
                reason = f"the server cancelled a statement ({detail})"
                return busy_message(self.store.describe(), reason)
            case "unreachable":
                return unreachable_message(self.store.describe(), detail)
        return f"the store {self.store.describe()} cannot be used: {detail}"
