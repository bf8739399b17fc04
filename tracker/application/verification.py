"""``tracker verify``: check every channel's hash chain, and the store's ledger, against what
is stored.

Reports, per channel and sequence number, every event that was altered (its content does not
match its seal, or it cannot be read), deleted (a gap in the versions, fewer events than the
read model has seen, or an event the ledger records and the store no longer holds), reordered
or inserted (its ``previous`` is not the seal before it, or the ledger does not record it), and
deletions of the store's newest events or of whole channels (see store/ledger.py). It gives the
store's digest (its history up to now in one short line) and checks one noted before.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import groupby
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.persistence import PersistenceError, StoredEvent

from tracker.application.findings import Problem, Verification, missing
from tracker.application.snapshots import ChannelSnapshots, SnapshotUnusable
from tracker.domain.events import ChannelEvent
from tracker.domain.snapshot import ChannelSnapshot
from tracker.store.chain import seal_of, split_seal
from tracker.store.mapper import EventDamaged, plaintext

if TYPE_CHECKING:
    from tracker.application.base import TrackerApplication


def verify(
    app: TrackerApplication,
    rows: Iterable[StoredEvent],
    seen: dict[str, int],
    names: dict[UUID, str],
    expect: tuple[int, str] | None = None,
    *,
    ledger_kept: bool = True,
) -> Verification:
    """Check every channel's chain, then the store's ledger.

    ``seen`` is each channel's version in the read model, ``names`` the slugs the read model
    knows (for channels whose every event is gone), ``expect`` a digest noted before.
    """
    found = Verification()
    for originator_id, channel_rows in groupby(rows, key=lambda r: r.originator_id):
        found.channels += 1
        if not isinstance(originator_id, UUID):
            shown = str(originator_id)[:40]
            found.add(Problem(f"(a row of channel {shown!r})", 0, "was altered: its channel id"))
            continue
        _verify_channel(app, originator_id, channel_rows, seen, found, ledger_kept=ledger_kept)
    from tracker.application.ledger_check import check_ledger

    check_ledger(app, found, found.names, expect)
    _name_channels(found, names)
    return found


def _name_channels(found: Verification, names: dict[UUID, str]) -> None:
    """Name by its slug (as the read model knew it) a channel whose opening cannot be read."""
    problems, found.problems = found.problems, []
    for problem in problems:
        try:
            channel = UUID(problem.channel)
        except ValueError:
            found.add(problem)
            continue
        name = names.get(channel) or f"the channel with id {channel}"
        found.add(Problem(name, problem.seq, problem.what))


def _verify_channel(
    app: TrackerApplication,
    channel_id: UUID,
    rows: Iterator[StoredEvent],
    seen: dict[str, int],
    found: Verification,
    *,
    ledger_kept: bool,
) -> None:
    name = str(channel_id)
    expected, last_seal, chained = 1, None, True
    snapshot, snapshot_problem = _snapshot(app, channel_id)
    stored: dict[int, object] = {}  # the events the snapshot holds, as stored
    for row in rows:
        found.events += 1
        version = row.originator_version
        if type(version) is not int:
            found.add(Problem(name, expected, "was altered: its sequence number is damaged"))
            continue
        if version != expected:
            found.add(Problem(name, expected, missing(expected, version - 1) + ": deleted"))
            chained = False
        expected = version + 1
        problem, body, seal, event = _read(app, channel_id, row, ledger_kept)
        if problem is not None:
            found.add(Problem(name, version, problem))
            last_seal, chained = None, False
            continue
        assert body is not None
        if snapshot is not None and version <= snapshot.originator_version:
            stored[version] = event
        state = json.loads(body)
        if version == 1 and isinstance(state.get("slug"), str):
            name = found.names[channel_id] = state["slug"]
            found.problems[:] = [
                Problem(name, p.seq, p.what) if p.channel == str(channel_id) else p
                for p in found.problems
            ]
        # Only an event written before the ledger carries the seal of the one before it.
        if chained and "previous" in state and state["previous"] != last_seal:
            found.add(
                Problem(
                    name,
                    version,
                    f"does not follow #{version - 1}: it was inserted or moved, or "
                    f"#{version - 1} was replaced",
                )
            )
        last_seal, chained = seal, True
    recorded = seen.get(str(channel_id), 0)
    if recorded >= expected:
        found.add(
            Problem(
                name, expected, missing(expected, recorded) + ": deleted after they were recorded"
            )
        )
    if last_seal:
        found.heads[name] = last_seal
    if snapshot_problem is not None:
        found.add(Problem(name, snapshot_problem[0], snapshot_problem[1]))
    elif snapshot is not None:
        differences = _differences(snapshot, stored)
        for seq, what in differences:
            found.add(Problem(name, seq, what))


_RETAKE = "tracker rebuild takes it again"
_SNAPSHOT_DIFFERS = f"differs in the channel's snapshot, which was altered; {_RETAKE}"


def _differences(snapshot: ChannelSnapshot, stored: dict[int, object]) -> Iterator[tuple[int, str]]:
    """Where the snapshot does not hold what is stored."""
    for seq, event in sorted(stored.items()):
        if not isinstance(event, ChannelEvent):
            continue  # reported already
        held = snapshot.events[seq - 1]
        if type(held) is not type(event) or held != event:
            yield seq, _SNAPSHOT_DIFFERS


def _snapshot(
    app: TrackerApplication, channel_id: UUID
) -> tuple[ChannelSnapshot | None, tuple[int, str] | None]:
    """The channel's newest snapshot, or (sequence, problem) when it was damaged."""
    if not isinstance(app.snapshots, ChannelSnapshots):
        return None, None
    try:
        return app.snapshots.newest(channel_id), None
    except PersistenceError:
        return None, None  # a read-only file written before snapshots has no table for them
    except SnapshotUnusable as e:
        if not e.damaged:
            return None, None  # passed over when read; harmless
        if e.unreadable_event:
            return None, (e.version, f"cannot be read in the channel's snapshot ({e}); {_RETAKE}")
        return None, (
            e.version,
            f"the channel's snapshot up to here was altered: {e}; tracker rebuild takes it again",
        )


def _read(
    app: TrackerApplication, channel_id: UUID, row: StoredEvent, ledger_kept: bool
) -> tuple[str | None, bytes | None, str | None, object]:
    """(problem, content without seal, seal, event) of one stored row."""
    try:
        app.mapper.event_class(row.topic)
    except EventDamaged:
        shown = row.topic[:80] if isinstance(row.topic, str) else row.topic
        return f"was altered: its kind {shown!r} is not one of the tracker's", None, None, None
    try:
        content = plaintext(app.mapper, row)
    except Exception as e:
        return f"cannot be read ({e})", None, None, None
    sealed = split_seal(content)
    if sealed is None:
        if not ledger_kept:  # every event of a store without a ledger carries its seal
            return "was altered: it has no seal", None, None, None
        body, seal = content, None
    else:
        body, seal = sealed
        expected = seal_of(channel_id, row.originator_version, row.topic, body, app.seal_key)
        if seal != expected:
            return "was altered: its content does not match its seal", None, None, None
    try:
        event = app.mapper.to_domain_event(row)
    except Exception as e:
        return f"cannot be read as an event ({e})", None, None, None
    return None, body, seal, event
