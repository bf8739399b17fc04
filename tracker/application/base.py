"""The tracker's application on one store: made from the store's settings, it refuses a store
this command cannot read (another encryption), loads channels (through their snapshots), and
translates what the store and the rules raise into the application's errors."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any
from uuid import UUID

from eventsourcing.application import AggregateNotFoundError, Application
from eventsourcing.persistence import (
    IntegrityError,
    Mapper,
    MapperDeserialisationError,
    PersistenceError,
)
from eventsourcing.utils import Environment

from tracker.application.errors import (
    BadInput,
    ChannelNotFound,
    Refused,
    StoreError,
    WriteConflict,
)
from tracker.application.identity import check_encryption, id_namespace, ids_notice
from tracker.application.listing import opening_of, unlisted_slugs
from tracker.application.outputs import refuse_store_file
from tracker.application.slugs import close_slugs
from tracker.application.snapshots import ChannelSnapshots
from tracker.domain.channel import Channel, project_channel
from tracker.domain.events import (
    STORED_TOPICS,
    ChannelOpened,
)
from tracker.domain.rules import DomainError
from tracker.domain.values import InvalidValue, channel_id, check_slug
from tracker.store import driver_errors
from tracker.store.chain import seal_key
from tracker.store.channels import channel_ids
from tracker.store.errors import ChainBroken, LedgerError, StoreUnavailable
from tracker.store.mapper import EventDamaged, PydanticMapper
from tracker.store.settings import Store
from tracker.store.sqlite_store import SQLiteStore

if TYPE_CHECKING:
    from tracker.store.readmodel.connection import ReadModelStore


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def local_day(moment: dt.datetime) -> dt.date:
    """The day a moment falls on where the tracker runs (its time zone, TZ): "today" for the
    dashboard and the rule that a fact cannot be dated after today. Record time stays UTC; an
    analyst in Beijing records this morning's meeting although it is still yesterday in UTC."""
    try:
        return moment.astimezone().date()
    except (ValueError, OverflowError):  # TZ=UTC-24: an offset of a day or more
        raise BadInput(
            f"the time zone TZ={os.environ.get('TZ', '')!r} is a day or more from UTC; set TZ "
            "to a zone such as Europe/Paris or UTC"
        ) from None


# A slug suggested for one not found: at most this many, at least this alike (difflib's ratio;
# one letter missing or swapped in a slug of a dozen letters is about 0.9).


class TrackerApplication(Application[UUID]):
    """The library's application, made for the tracker's store: what every part shares."""

    mapper: PydanticMapper
    is_snapshotting_enabled = True  # snapshots are taken by the unit of work, for long channels

    def __init__(
        self, store: Store, *, write: bool = True, clock: Callable[[], dt.datetime] = utc_now
    ) -> None:
        self.store = store
        self.clock = clock
        self.notices: list[str] = []  # what the user should know besides the answer
        self._read_model: ReadModelStore | None = None
        self.after_close: list[Callable[[], None]] = []  # e.g. putting a new store in place
        self._closed = False
        self.seal_key = seal_key(store.encryption_key)
        with self.store_errors():
            super().__init__(env=store.library_env(write=write))
            check_encryption(self.recorder, self.mapper, store.describe())
            self.id_namespace = id_namespace(self.recorder, self.mapper, store)
        if notice := ids_notice(store, self.id_namespace):
            self.notices.append(notice)

    def today(self) -> dt.date:
        """Today where the tracker runs, by the application's clock."""
        return local_day(self.clock())

    def day_asked(self, as_of: dt.date | None, known_on: dt.datetime | None) -> dt.date:
        """The day a reading answers as of: the day asked (--as-of); else, for a moment asked
        (--known-on), that moment's day where the tracker runs, as it would have answered then
        (DESIGN §4: nothing fell due after it), though never after today; else today."""
        if as_of is not None:
            return as_of
        today = self.today()  # refuses a time zone a day or more from UTC
        if known_on is None:
            return today
        try:
            day = known_on.astimezone().date()
        except (OverflowError, ValueError):  # a moment at an end of the calendar (0001-01-01)
            day = dt.date.min if known_on.year < 2 else today
        return min(day, today)

    def channel_id(self, slug: str) -> UUID:
        """The id of the channel named by this slug, in this store."""
        return channel_id(slug, self.id_namespace)

    def check_output(self, target: Path | int) -> None:
        """Refuse (BadInput) to write output over one of the store's own files: ``target`` is
        the path to be written, or the descriptor of a file opened for writing."""
        refuse_store_file(self.store, target)

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

    def close(self) -> None:
        """Close the connections, then settle a new store (put in place, or removed); a
        second call does nothing (a command closes its tracker before saying what it did)."""
        if self._closed:
            return
        self._closed = True
        if self._read_model is not None:
            self._read_model.close()
        super().close()
        with self.store_errors():
            while self.after_close:
                self.after_close.pop(0)()

    @staticmethod
    def _checked(slug: str) -> str:
        try:
            return check_slug(slug)
        except InvalidValue as e:
            raise BadInput(str(e)) from None

    def channel(self, slug: str) -> Channel:
        """The channel with all its events (raises ChannelNotFound)."""
        try:
            check_slug(slug)
        except InvalidValue as e:
            raise BadInput(str(e)) from None
        with self.store_errors():
            try:
                return self._channel_by_id(self.channel_id(slug))
            except AggregateNotFoundError:
                raise self.no_channel(slug) from None

    def no_channel(self, slug: str) -> ChannelNotFound:
        """The refusal of a slug no channel has, naming the closest slugs recorded (a typo's
        likely meaning)."""
        guess = self.did_you_mean([slug])[slug] or ";"
        return ChannelNotFound(
            f"no channel {slug!r}{guess} tracker status lists the channels recorded"
        )

    def did_you_mean(self, slugs: Iterable[str], also: Iterable[str] = ()) -> dict[str, str]:
        """For each slug no channel has, "; did you mean a or b?" naming the slugs recorded (and
        ``also``) closest to it, or "" when none is close. The store's slugs are read only here,
        once a channel is found missing: finding one that exists never lists them."""
        try:
            known = list(dict.fromkeys([*self._opened_slugs(), *also]))
        except StoreError:  # the store cannot list them: what is said still holds
            known = []
        guesses = {}
        for slug in slugs:
            close = close_slugs(slug, known)
            if len(close) > 1:
                close[-2:] = [f"{close[-2]} or {close[-1]}"]
            guesses[slug] = f"; did you mean {', '.join(close)}?" if close else ""
        return guesses

    def _channel_by_id(self, channel_id: UUID) -> Channel:
        """The channel, through its snapshot if it has a usable one, by the library's repository
        (raises AggregateNotFoundError). A snapshot that cannot be used is passed over by the
        snapshot store (application/snapshots.py): the channel is then read from its events."""
        try:
            found = self.repository.get(channel_id, projector_func=project_channel)
        except AggregateNotFoundError:
            opening_of(self.recorder, self.mapper, channel_id)  # events without one: damage
            raise
        assert isinstance(found, Channel)
        return found

    def slugs(self) -> list[str]:
        """Every channel's slug, in the order they were opened in the store, none left out: a
        channel with events whose opening cannot be read is damage (StoreError), never a
        channel that an export, a report or a dashboard read from the events leaves out."""
        with self.store_errors():
            # Only what reads every channel's events calls this (never the dashboard's read
            # model): the ids cost a small part of that (a million events: 45-80 ms).
            with_events = channel_ids(self.recorder, self.store.kind)
            slugs = self._opened_slugs()
            return slugs + unlisted_slugs(
                self.recorder, self.mapper, with_events, slugs, self.id_namespace
            )

    def _opened_slugs(self) -> list[str]:
        """The slugs of the channels whose openings can be read, in the order they were
        opened: enough to suggest or name one (``slugs`` checks that none is left out)."""
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
                    # A corrected opening is an opening too: the channel is listed once.
                    return list(dict.fromkeys(slugs))
                start = page[-1].id + 1

    def _ids_present(self, slugs: Iterable[str]) -> set[UUID]:
        with self.store_errors():
            found = set()
            for slug in slugs:
                if self.recorder.select_events(self.channel_id(slug), limit=1):
                    found.add(self.channel_id(slug))
            return found

    @property
    def read_model(self) -> ReadModelStore:
        if self._read_model is None:
            from tracker.store.readmodel.connection import ReadModelStore
            from tracker.store.readmodel.seal import TextSeal

            self._read_model = ReadModelStore(self.store, TextSeal(self.mapper.cipher))
        return self._read_model

    def _read_model_usable(self) -> bool:
        # A read-only file cannot be kept up to date. (An encrypted store's read model keeps
        # its texts encrypted: see store/readmodel/seal.py.)
        return not (isinstance(self.store, SQLiteStore) and self.store.read_only())

    @contextmanager
    def _domain_errors(self) -> Iterator[None]:
        try:
            yield
        except DomainError as e:
            raise Refused(str(e)) from None
        except InvalidValue as e:  # a value the domain found wrong only once it saw the fact
            raise BadInput(str(e)) from None

    @contextmanager
    def store_errors(self) -> Iterator[None]:
        try:
            yield
        except IntegrityError:
            # Another writer saved the same version first: the unit of work tries again.
            raise WriteConflict("another writer changed the same channel") from None
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
            for slug in self._opened_slugs():
                if self.channel_id(slug) == wanted:
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
