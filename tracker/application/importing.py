"""Importing a seed file: all or nothing, nothing twice, and memory that stays flat.

The file is read once, in order, and each entry is validated as it is read (see seedentries.py)
and recorded at once on the channels it names, exactly as recording the file from top to
bottom would. Only the channels the last entries touched are kept in memory: a channel no
longer in use is saved and let go. If the file comes back to a channel let go (its entries are
interleaved with many others), or another writer got in the way, what was done is undone and
the file is recorded channel by channel instead: every entry is validated first, then each
channel's entries are read again, in file order, with one channel in memory at a time. The
rules of a channel never depend on another channel, so both ways decide alike.

Events are written in batches inside one transaction that holds the store's write lock: a
refused entry, a crash or a kill leaves nothing behind. A bad entry (exit 2) is reported before
any refusal, wherever it is in the file; of several refused entries, the first in the file is
reported. An entry already recorded (the same fact, or the same opening) is skipped, also when
the fact was retracted since, so importing a file again records nothing new.
"""

from __future__ import annotations

import contextlib
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from tracker.application.entry_recorder import (
    BATCH,
    DryRun,
    EntryRecorder,
    HeldChannel,
    Interleaved,
    Outcome,
)
from tracker.application.errors import StoreError, WriteConflict
from tracker.application.garbage import fewer_collections
from tracker.application.lineage import unknown_lineage
from tracker.application.seedfile import SeedFile, open_seed
from tracker.application.seedplan import ImportPlan, Positioned, SeedReader
from tracker.application.unit_of_work import retrying
from tracker.store.bulk import event_writer
from tracker.store.waiting import budget

if TYPE_CHECKING:
    from tracker.application.unit_of_work import UnitOfWork

# Reading in file order keeps the channels of the latest entries in memory, at most this many,
# holding at most about this many events besides the channel in use.
OPEN_CHANNELS = 8
OPEN_EVENTS = 20_000
PROGRESS_EVERY = 1_000  # entries


@dataclass(frozen=True)
class ImportResult:
    """What an import did: entries read, events recorded, facts already recorded before."""

    entries: int
    recorded: int  # or, in a dry run, would have recorded
    already: int
    channels: int
    dry_run: bool = False


def import_file(
    app: UnitOfWork,
    source: Path | SeedFile,
    progress: Callable[[int, int], None] | None = None,
    snapshot_from: int | None = None,
    *,
    dry_run: bool = False,
) -> ImportResult:
    """Record a seed file in one reading; channel by channel if it interleaves channels.

    ``source`` is a seed file already opened (open_seed), or the path of one to open. However
    it goes, it waits for other writers within one time budget (store/waiting.py). A dry run
    does all of it in a transaction it then rolls back: it says what would be recorded, or the
    first entry the rules would refuse, and writes nothing.
    """
    if isinstance(source, Path):
        with open_seed(source) as seed:
            return import_file(app, seed, progress, snapshot_from, dry_run=dry_run)
    with budget():
        return _import_file(app, source, progress, snapshot_from, dry_run)


def _import_file(
    app: UnitOfWork,
    source: SeedFile,
    progress: Callable[[int, int], None] | None,
    snapshot_from: int | None,
    dry_run: bool = False,
) -> ImportResult:
    reader = SeedReader(source)
    try:
        with fewer_collections(50_000), app.store_errors(), event_writer(app.store) as writer:
            recorder = EntryRecorder(app, source.name, writer, snapshot_from, dry_run=dry_run)
            _record_in_file_order(recorder, reader, progress)
    except DryRun as done:
        return _dry(app, reader.plan, done.outcome)
    except (Interleaved, WriteConflict):
        # Undone; validate the rest of the file first, then record it channel by channel.
        return import_plan(app, reader.finish(), progress, snapshot_from, dry_run=dry_run)
    return _done(app, reader.plan, recorder.outcome)


def import_plan(
    app: UnitOfWork,
    plan: ImportPlan,
    progress: Callable[[int, int], None] | None = None,
    snapshot_from: int | None = None,
    *,
    dry_run: bool = False,
) -> ImportResult:
    """Record a validated seed file; retry if another writer changed a channel meanwhile."""
    with budget():
        return _import_plan(app, plan, progress, snapshot_from, dry_run)


def _import_plan(
    app: UnitOfWork,
    plan: ImportPlan,
    progress: Callable[[int, int], None] | None,
    snapshot_from: int | None,
    dry_run: bool = False,
) -> ImportResult:
    def attempt() -> ImportResult:
        try:
            with fewer_collections(50_000), app.store_errors(), event_writer(app.store) as writer:
                recorder = EntryRecorder(
                    app, plan.path.name, writer, snapshot_from, dry_run=dry_run
                )
                _record_by_channel(recorder, plan, progress)
        except DryRun as done:
            return _dry(app, plan, done.outcome)
        return _done(app, plan, recorder.outcome)

    return retrying(attempt, pause=0.01)


def _dry(app: UnitOfWork, plan: ImportPlan, outcome: Outcome) -> ImportResult:
    _warn_of_lineage(app, outcome, recorded=False)
    already = outcome.already + plan.known
    return ImportResult(plan.entries, outcome.recorded, already, len(plan.channels), dry_run=True)


def _done(app: UnitOfWork, plan: ImportPlan, outcome: Outcome) -> ImportResult:
    app.notices.extend(outcome.notices)
    if outcome.more_notices:
        app.notices.append(
            f"and {outcome.more_notices} more meetings held on the day of another of their "
            "channel; tracker history SLUG lists them"
        )
    _warn_of_lineage(app, outcome, recorded=True)
    for slug in outcome.long_channels:
        app.snapshot(slug)
    already = outcome.already + plan.known
    return ImportResult(plan.entries, outcome.recorded, already, len(plan.channels))


def _warn_of_lineage(app: UnitOfWork, outcome: Outcome, *, recorded: bool) -> None:
    """Warn of the channels the file names as predecessor or successor that neither the store
    nor the file opens: once each, at the first entry naming it."""
    # Recorded all the same: a store that cannot be read now loses the warning only.
    with contextlib.suppress(StoreError):
        app.notices.extend(unknown_lineage(app, outcome.named, outcome.opened, recorded=recorded))


def _record_in_file_order(
    recorder: EntryRecorder, reader: SeedReader, progress: Callable[[int, int], None] | None
) -> None:
    window = _Window(recorder)
    for entry in reader:
        if recorder.outcome.first_refusal is not None:
            continue  # the rest is only validated: a bad entry is reported before a refusal
        for slug in entry.channels:
            if not window.apply(slug, entry):
                break
        else:
            window.trim()
            if entry.number % BATCH == 0:
                recorder.save(window.held.values())
        if progress and entry.number % PROGRESS_EVERY == 0:
            progress(reader.done, reader.total)
    if recorder.outcome.first_refusal is None:
        for current in window.held.values():
            recorder.done(current)
    recorder.finish()
    if progress:
        progress(reader.total, reader.total)


class _Window:
    """The channels of the latest entries, in memory while the file is read in order."""

    def __init__(self, recorder: EntryRecorder) -> None:
        self.recorder = recorder
        self.held: OrderedDict[str, HeldChannel] = OrderedDict()  # least recently used first
        self.let_go: set[str] = set()
        self.events = 0

    def apply(self, slug: str, entry: Positioned) -> bool:
        """Record the entry on one of its channels; False if it is refused."""
        current = self.held.get(slug)
        if current is None:
            if slug in self.let_go:
                raise Interleaved(slug)
            current = self.held[slug] = self.recorder.load(slug)
            self.events += current.size
        else:
            self.held.move_to_end(slug)
        if not self.recorder.apply(current, entry):
            return False
        current.size += 1
        self.events += 1
        return True

    def trim(self) -> None:
        """Save and let go of the channels used longest ago, beyond what memory is allowed."""
        held = self.held
        while len(held) > OPEN_CHANNELS or (len(held) > 1 and self.events > OPEN_EVENTS):
            slug, oldest = held.popitem(last=False)
            self.recorder.done(oldest)
            self.let_go.add(slug)
            self.events -= oldest.size


def _record_by_channel(
    recorder: EntryRecorder, plan: ImportPlan, progress: Callable[[int, int], None] | None
) -> None:
    total = sum(len(found.numbers) for found in plan.channels.values())
    done = 0
    for slug in plan.channels:
        current = recorder.load(slug)
        for count, entry in enumerate(plan.channel_entries(slug), start=1):
            first = recorder.outcome.first_refusal
            if first is not None and entry.number >= first[0]:
                break  # only a refusal earlier in the file could still matter
            if not recorder.apply(current, entry):
                break
            if count % BATCH == 0:
                recorder.save([current])  # a long channel is written as it goes
        if recorder.outcome.first_refusal is None:
            recorder.done(current)
        done += len(plan.channels[slug].numbers)
        if progress:
            progress(done, total)
    recorder.finish()
