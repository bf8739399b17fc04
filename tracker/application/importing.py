"""Importing a seed file: all or nothing, nothing twice, and memory that stays flat.

The file is validated first (see seedfile.py). Its entries are then recorded channel by
channel, each channel's entries in file order, so that only one channel is in memory at a time;
the rules of a channel never depend on another channel, so this decides exactly as recording
the file from top to bottom would. Events are written in batches inside one transaction that
holds the store's write lock: a refused entry, a crash or a kill leaves nothing behind.

An entry already recorded (the same fact, or the same opening) is skipped, so importing a file
again records nothing new. When entries are refused, the one reported is the first in the file.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eventsourcing.persistence import StoredEvent

from tracker.application.acting import act
from tracker.application.commands import OpenChannel
from tracker.application.errors import ChannelNotFound, Refused, WriteConflict
from tracker.application.seedfile import ImportPlan
from tracker.domain.channel import Channel
from tracker.domain.events import ChannelEvent, ChannelOpened
from tracker.domain.rules import DomainError, DuplicateFact
from tracker.store.bulk import event_writer
from tracker.store.chain import sealed_states
from tracker.store.mapper import PydanticMapper

if TYPE_CHECKING:
    from tracker.application.tracker import DialogueTracker

BATCH = 5_000
MAX_TRIES = 5


@dataclass(frozen=True)
class ImportResult:
    """What an import did: entries read, events recorded, facts already recorded before."""

    entries: int
    recorded: int
    already: int
    channels: int


@dataclass
class _Outcome:
    recorded: int = 0
    already: int = 0
    first_refusal: tuple[int, str] | None = None
    long_channels: list[str] | None = None


def same_opening(opening: ChannelOpened, command: OpenChannel) -> bool:
    """Whether an open entry describes the channel exactly as it was opened."""
    candidate = Channel.open(
        slug=command.slug,
        title=command.title,
        parties=command.parties,
        occurred=command.on,
        recorded=opening.recorded,
        status=command.status,
        topics=command.topics,
        level=command.level,
        leads=command.leads,
        follows=command.follows,
    ).opening
    return str(candidate.occurred) == str(opening.occurred) and (
        candidate.details() == opening.details()
    )


def import_plan(
    app: DialogueTracker,
    plan: ImportPlan,
    progress: Callable[[int, int], None] | None = None,
    snapshot_from: int | None = None,
) -> ImportResult:
    """Record a validated seed file; retry if another writer changed a channel meanwhile."""
    for attempt in range(1, MAX_TRIES + 1):
        try:
            with app.store_errors(), event_writer(app.store) as writer:
                outcome = _record(app, plan, writer.insert, progress, snapshot_from)
        except WriteConflict:
            if attempt == MAX_TRIES:
                raise
            time.sleep(random.uniform(0.01, 0.05) * attempt)  # noqa: S311 (jitter)
            continue
        for slug in outcome.long_channels or []:
            app.snapshot(slug)
        return ImportResult(plan.entries, outcome.recorded, outcome.already, len(plan.channels))
    raise AssertionError("unreachable")


def _record(
    app: DialogueTracker,
    plan: ImportPlan,
    insert: Callable[[list[StoredEvent]], None],
    progress: Callable[[int, int], None] | None,
    snapshot_from: int | None,
) -> _Outcome:
    outcome = _Outcome(long_channels=[])
    recorded_at = app.clock()
    batch: list[StoredEvent] = []
    total = sum(len(found.numbers) for found in plan.channels.values())
    done = 0
    for slug in plan.channels:
        channel = _record_channel(app, plan, slug, recorded_at, outcome)
        done += len(plan.channels[slug].numbers)
        if channel is not None and outcome.first_refusal is None:
            pending = channel.collect_events()
            batch.extend(_stored(app, channel, pending))
            outcome.recorded += len(pending)
            if pending and snapshot_from and channel.version >= snapshot_from:
                outcome.long_channels.append(slug)  # type: ignore[union-attr]
            if len(batch) >= BATCH:
                insert(batch)
                batch = []
        if progress:
            progress(done, total)
    if outcome.first_refusal is not None:
        raise Refused(outcome.first_refusal[1])
    insert(batch)
    return outcome


def _stored(
    app: DialogueTracker, channel: Channel, pending: Sequence[ChannelEvent]
) -> list[StoredEvent]:
    """The channel's new events, sealed into its chain and encoded from one serialisation each.

    The channel itself keeps the unsealed events: it is not used again once saved.
    """
    if not pending:
        return []
    before = channel.events[-len(pending) - 1].seal if len(channel.events) > len(pending) else None
    states = sealed_states(pending, before, app.seal_key)
    mapper = app.mapper
    assert isinstance(mapper, PydanticMapper)
    return [mapper.stored_event(e, state) for e, (state, _) in zip(pending, states, strict=True)]


def _record_channel(
    app: DialogueTracker,
    plan: ImportPlan,
    slug: str,
    recorded_at: dt.datetime,
    outcome: _Outcome,
) -> Channel | None:
    """Apply one channel's entries in file order; note the first refusal and stop there."""
    try:
        channel: Channel | None = app.channel(slug)
    except ChannelNotFound:
        channel = None
    for entry in plan.channel_entries(slug):
        first = outcome.first_refusal
        if first is not None and entry.number >= first[0]:
            break  # only a refusal earlier in the file could still matter
        where = f"{plan.path.name}: {entry.where}"
        command = entry.command
        try:
            if isinstance(command, OpenChannel):
                if channel is None:
                    channel = app.opening(command, recorded_at)
                elif same_opening(channel.opening, command):
                    outcome.already += 1
                else:
                    raise Refused(
                        f"{where}: the channel {slug} exists already with a different "
                        "opening; give the entry another slug"
                    )
                continue
            if channel is None:
                raise Refused(f"{where}: no channel {slug!r}; open it in an earlier entry")
            try:
                act(command, channel, recorded_at)
            except DuplicateFact:
                outcome.already += 1
        except (DomainError, Refused) as e:
            message = str(e) if isinstance(e, Refused) else f"{where}: {e}"
            outcome.first_refusal = (entry.number, message)
            break
    return channel
