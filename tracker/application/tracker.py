"""DialogueTracker: the application that records and reads channels.

Each command loads the channels it names, lets the domain decide, and saves what was decided,
through the unit of work (unit_of_work.py). The queries are in queries.py, the care of the store
(verify, rebuild, watch) in care.py, what every part shares in base.py.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.application.acting import act, correct, opening, seq_named
from tracker.application.base import utc_now
from tracker.application.care import StoreCare
from tracker.application.changing import AmendChannel, CancelMeeting, CorrectFact, PostponeMeeting
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
from tracker.application.queries import HistoryEntry
from tracker.application.unit_of_work import MAX_TRIES, Recorded
from tracker.domain.channel import Channel
from tracker.domain.notices import held_the_same_day, same_day_meetings
from tracker.domain.rules import ChannelAlreadyOpened

if TYPE_CHECKING:
    import datetime as dt

    from tracker.application.importing import ImportResult
    from tracker.application.seedfile import SeedFile
    from tracker.extraction.proposal import Proposal

__all__ = [
    "MAX_TRIES",
    "DialogueTracker",
    "HistoryEntry",
    "Recorded",
    "utc_now",
]


class DialogueTracker(StoreCare):
    """Records facts about dialogue channels and answers questions about them."""

    # The library names each subclass after itself, and its tables after that name.
    name = "tracker"

    def open_channel(self, command: OpenChannel) -> list[Recorded]:
        """Open a new channel."""

        def change(_: dict[str, Channel]) -> list[Channel]:
            if self.channel_id(command.slug) in self._ids_present([command.slug]):
                raise ChannelAlreadyOpened(
                    f"refused: the channel {command.slug} exists already; "
                    f"see tracker status {command.slug}"
                )
            return [opening(command, self.clock(), self.id_namespace)]

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
        """Record a meeting held; with a warning (in ``notices``) if the channel has another
        meeting on the same day, which is more often the same meeting reported twice."""
        warnings: list[str] = []

        def change(channels: dict[str, Channel]) -> list[Channel]:
            warnings.clear()  # a retry after a write conflict starts again
            channel = channels[command.slug]
            act(command, channel, self.clock())
            fact = channel.events[-1]
            earlier = same_day_meetings(channel.live.facts, fact)
            if earlier:
                warnings.append(held_the_same_day(channel.slug, fact, earlier))
            return [channel]

        recorded = self._write([command.slug], change)
        self.notices.extend(warnings)
        return recorded

    def suspend(self, command: SuspendChannels) -> list[Recorded]:
        """Suspend one or more channels, all or none."""
        return self._each(command)

    def resume(self, command: ResumeChannels) -> list[Recorded]:
        """Resume one or more suspended channels, all or none."""
        return self._each(command)

    def conclude(self, command: ConcludeChannel) -> list[Recorded]:
        """Record that a channel ended."""
        return self._each(command)

    def amend(self, command: AmendChannel) -> list[Recorded]:
        """Record that from a day on a channel goes by another title, leads, topics or level."""
        return self._each(command)

    def postpone(self, command: PostponeMeeting) -> list[Recorded]:
        """Record that a planned meeting was moved to another window."""
        return self._each(command)

    def cancel(self, command: CancelMeeting) -> list[Recorded]:
        """Record that a planned meeting was called off."""
        return self._each(command)

    def correct(self, command: CorrectFact) -> list[Recorded]:
        """Replace a recorded fact with a corrected copy, retracting the original: one step."""

        def change(channels: dict[str, Channel]) -> list[Channel]:
            channel = channels[command.slug]
            correct(command, channel, self.clock())
            return [channel]

        return self._write([command.slug], change)

    def retract(self, command: RetractEvent) -> list[Recorded]:
        """Retract one event of a channel."""

        def change(channels: dict[str, Channel]) -> list[Channel]:
            channel = channels[command.slug]
            seq = seq_named(command, channel)
            channel.retract(seq=seq, reason=command.reason, recorded=self.clock())
            return [channel]

        return self._write([command.slug], change)

    def record(self, command: RecordingCommand) -> list[Recorded]:
        """Carry out any recording command."""
        if isinstance(command, OpenChannel):
            return self.open_channel(command)
        return self._each(command)

    def import_file(
        self,
        source: Path | SeedFile,
        progress: Callable[[int, int], None] | None = None,
        *,
        dry_run: bool = False,
    ) -> ImportResult:
        """Record every entry of a seed file (a path, or a file opened with open_seed): all or
        nothing, and nothing twice; a dry run says what it would record and writes nothing."""
        from tracker.application.importing import import_file

        return import_file(
            self, source, progress, snapshot_from=self.snapshot_every, dry_run=dry_run
        )

    def extract_facts(self, text: str, *, published: dt.date) -> list[Proposal]:
        """The facts an article published on that day states, proposed for review: new, or
        known when the store records them already."""
        from tracker.application.extracting import extract_facts

        return extract_facts(self, text, published)

    def _each(self, command: ChannelCommand) -> list[Recorded]:
        """Apply the same change to every channel the command names; save all or none."""

        def change(channels: dict[str, Channel]) -> list[Channel]:
            recorded = self.clock()
            for channel in channels.values():
                act(command, channel, recorded)
            return list(channels.values())

        return self._write(list(command.channels()), change)
