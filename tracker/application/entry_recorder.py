"""Recording an import's entries onto channels held in memory, and writing their new events in
batches through the store's bulk writer (importing.py decides which channels are held, and in
which order the entries come)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING
from uuid import UUID

from tracker.application.acting import act, correct, opening, seq_named
from tracker.application.base import local_day
from tracker.application.changing import CorrectFact
from tracker.application.commands import OpenChannel, RetractEvent
from tracker.application.errors import BadInput, Refused
from tracker.application.fixing import correction_advice
from tracker.application.lineage import Named, named_by
from tracker.application.seedplan import Positioned
from tracker.domain import refusals
from tracker.domain.channel import Channel
from tracker.domain.events import ChannelOpened, Fact
from tracker.domain.notices import held_the_same_day, meeting_day, meetings_by_day
from tracker.domain.rules import DomainError, DuplicateFact, EntryChanged
from tracker.domain.values import InvalidValue
from tracker.store.bulk import EventWriter, Row
from tracker.store.mapper import PydanticMapper, encode_state

if TYPE_CHECKING:
    from tracker.application.unit_of_work import UnitOfWork

BATCH = 5_000  # events written at a time
MAX_NOTICES = 10  # warnings of meetings held the same day, one line each; then a count


@dataclass
class Outcome:
    """What recording the entries did so far."""

    recorded: int = 0
    already: int = 0
    first_refusal: tuple[int, str] | None = None
    long_channels: list[str] = dataclasses.field(default_factory=list)
    notices: list[str] = dataclasses.field(default_factory=list)  # meetings held the same day
    more_notices: int = 0  # beyond MAX_NOTICES
    # The channels the facts recorded name as predecessor or successor, and those opened.
    named: list[Named] = dataclasses.field(default_factory=list)
    opened: set[str] = dataclasses.field(default_factory=set)


@dataclass
class HeldChannel:
    """A channel in memory while it is recorded (None until its opening, if it is new)."""

    slug: str
    channel: Channel | None
    size: int = 0  # events in memory
    saved_any: bool = False
    meeting_days: dict[dt.date, list[int]] | None = None  # its meetings' seqs by day, once asked


class Interleaved(Exception):
    """The file came back to a channel that was let go."""


class DryRun(Exception):  # not an error: how a dry run ends, undoing its writes
    """A dry run has recorded every entry: what it would have recorded, undone."""

    def __init__(self, outcome: Outcome) -> None:
        super().__init__("dry run")
        self.outcome = outcome


def same_opening(recorded: ChannelOpened, command: OpenChannel, id_namespace: UUID) -> bool:
    """Whether an open entry describes the channel exactly as it was opened (its sources
    aside: they are not what makes two openings the same)."""
    candidate = opening(command, recorded.recorded, id_namespace).opening
    return str(candidate.occurred) == str(recorded.occurred) and (
        candidate.details() == recorded.details()
    )


class EntryRecorder:
    """Applies entries to channels in memory and writes their new events in batches."""

    def __init__(
        self,
        app: UnitOfWork,
        file: str,
        writer: EventWriter,
        snapshot_from: int | None,
        *,
        dry_run: bool = False,
    ) -> None:
        self.app = app
        self.dry_run = dry_run
        self.file = file
        self.writer = writer
        self.snapshot_from = snapshot_from
        self.recorded_at = app.clock()
        # Every entry is recorded at one moment, so on one day: found once, not per entry
        # (finding the local day asks the C library for the time zone each time).
        self.today = local_day(self.recorded_at)
        self.outcome = Outcome()
        self.batch: list[Row] = []
        mapper = app.mapper
        assert isinstance(mapper, PydanticMapper)
        self.mapper = mapper

    def load(self, slug: str) -> HeldChannel:
        """The channel as stored (None if it is not), to be recorded on."""
        if not self.writer.has_events(self.app.channel_id(slug)):
            return HeldChannel(slug, None)
        channel = self.app.channel(slug)
        return HeldChannel(slug, channel, size=len(channel.events))

    def apply(self, held: HeldChannel, entry: Positioned) -> bool:
        """Record one entry on one channel; False if it is refused (the first refusal is kept)."""
        command, outcome = entry.command, self.outcome
        before = 0 if held.channel is None else held.channel.version
        try:
            if isinstance(command, OpenChannel):
                self._open(held, command, entry)
            elif held.channel is None:
                raise Refused(
                    f"{self._where(entry)}: no channel {held.slug!r}; open it in an earlier entry"
                )
            elif isinstance(command, RetractEvent):
                self._retract(held.channel, command)
            elif isinstance(command, CorrectFact):
                self._correct(held.channel, command)
            else:
                try:
                    # A fact recorded before counts even if it was retracted since: importing
                    # the file again must not bring it back.
                    act(
                        command,
                        held.channel,
                        self.recorded_at,
                        retracted_counts=True,
                        today=self.today,
                    )
                except DuplicateFact:
                    outcome.already += 1
                else:
                    self._notice_same_day(held)
        except InvalidValue as e:  # a corrected value the domain found wrong
            raise BadInput(f"{self._where(entry)}: {e}") from None
        except (DomainError, Refused) as e:
            message = str(e) if isinstance(e, Refused) else f"{self._where(entry)}: {e}"
            if isinstance(e, EntryChanged):
                message += f"; {correction_advice(held.slug, e)}"
            if outcome.first_refusal is None or entry.number < outcome.first_refusal[0]:
                outcome.first_refusal = (entry.number, message)
            return False
        self._note_lineage(held, entry, before)
        return True

    def _note_lineage(self, held: HeldChannel, entry: Positioned, before: int) -> None:
        """Keep the channels the entry's new events (those after #``before``) name as
        predecessor or successor, and the channel if the entry opened it."""
        if held.channel is None or held.channel.version == before:
            return  # recorded before: named before
        new = held.channel.events[before:]
        self.outcome.named.extend(named_by(held.slug, new, self._where(entry)))
        if before == 0:
            self.outcome.opened.add(held.slug)

    def _open(self, held: HeldChannel, command: OpenChannel, entry: Positioned) -> None:
        if held.channel is None:
            held.channel = opening(command, self.recorded_at, self.app.id_namespace)
            # Written at once: the store lists channels in the order they were opened.
            self.save([held])
            return
        openings = [e for e in held.channel.events if isinstance(e, ChannelOpened)]
        ids = self.app.id_namespace
        if any(same_opening(recorded, command, ids) for recorded in openings):
            self.outcome.already += 1  # as opened, or as corrected since
        elif command.id is not None and held.channel.opening.entry_id == command.id:
            changed = opening(command, self.recorded_at, self.app.id_namespace).opening
            raise refusals.entry_changed(held.slug, held.channel.opening, changed, ())
        else:
            raise Refused(
                f"{self._where(entry)}: the channel {held.slug} exists already with a "
                "different opening; give the entry another slug"
            )

    def _retract(self, channel: Channel, command: RetractEvent) -> None:
        # Named by its entry's id, a fact retracted since has no live version left to name.
        gone = command.seq is None and channel.seq_of_entry(command.ref or "") is None
        if gone and any(e.entry_id == command.ref for e in channel.events):
            self.outcome.already += 1  # retracted before: importing again adds nothing
            return
        seq = seq_named(command, channel)
        if seq in channel.retracted():
            self.outcome.already += 1  # retracted before: importing again adds nothing
        else:
            channel.retract(seq=seq, reason=command.reason, recorded=self.recorded_at)

    def _correct(self, channel: Channel, command: CorrectFact) -> None:
        seq = command.seq
        if (
            seq is not None
            and seq in channel.retracted()
            and any(isinstance(e, Fact) and e.corrects == seq for e in channel.events)
        ):
            self.outcome.already += 1  # corrected before: importing again adds nothing
            return
        try:
            correct(command, channel, self.recorded_at)
        except DuplicateFact:
            self.outcome.already += 1  # by its id, or by its ref: the correction is made

    def _notice_same_day(self, held: HeldChannel) -> None:
        """Warn of a meeting held on the day of another of its channel's (as `meet` does)."""
        assert held.channel is not None
        fact = held.channel.events[-1]
        day = meeting_day(fact)
        if day is None:
            return
        if held.meeting_days is None:  # once per channel: the import stays linear
            held.meeting_days = meetings_by_day(
                f for f in held.channel.live.facts if f.seq != fact.seq
            )
        earlier = held.meeting_days.setdefault(day, [])
        if earlier:
            if len(self.outcome.notices) < MAX_NOTICES:
                notice = held_the_same_day(held.slug, fact, list(earlier))
                self.outcome.notices.append(notice)
            else:
                self.outcome.more_notices += 1
        earlier.append(fact.seq)

    def _where(self, entry: Positioned) -> str:
        return f"{self.file}: {entry.where}"

    def save(self, channels: Iterable[HeldChannel]) -> None:
        """Write the channels' new events (in batches)."""
        for held in channels:
            if held.channel is None:
                continue
            pending = held.channel.collect_events()
            if not pending:
                continue
            row_id = self.writer.row_id(held.channel.id)
            stored_state = self.mapper.stored_state
            rows = [
                (row_id, e.originator_version, e.TOPIC, stored_state(encode_state(e)))
                for e in pending
            ]
            self.batch.extend(rows)
            held.saved_any = True
            self.outcome.recorded += len(pending)
        if len(self.batch) >= BATCH:
            self.writer.insert(self.batch)
            self.batch = []

    def done(self, held: HeldChannel) -> None:
        """Save a channel the import is done with."""
        self.save([held])
        if (
            held.saved_any
            and self.snapshot_from
            and held.channel is not None
            and held.channel.version >= self.snapshot_from
        ):
            self.outcome.long_channels.append(held.slug)

    def finish(self) -> None:
        """Write what is left, or raise the first refusal (and nothing is committed); a dry run
        raises DryRun instead, and nothing is committed either."""
        if self.outcome.first_refusal is not None:
            raise Refused(self.outcome.first_refusal[1])
        if self.dry_run:
            raise DryRun(self.outcome)  # the writer's transaction is rolled back
        self.writer.insert(self.batch)
        self.batch = []
