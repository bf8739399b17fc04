"""The ledger's part of ``tracker verify``: the whole store's history, entry by entry.

The ledger (store/ledger.py) and the events are walked together, both in the order they were
committed. Each entry's digest is worked out again from the one before and the event as stored:
an event altered, deleted, inserted or moved, a whole channel deleted, or the newest events of
the store deleted, shows where it happened. The chain worked out from the first entry gives the
store's digest, and proves or disproves one noted before (``verify --expect``).
"""

from __future__ import annotations

import hmac
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from uuid import UUID

from tracker.application.findings import Problem, Verification, missing
from tracker.store.errors import ChainBroken
from tracker.store.ledger import Ledger
from tracker.store.ledger_digest import Record, entry_digest, store_digest
from tracker.store.ledger_tables import Entry

if TYPE_CHECKING:
    from tracker.application.base import TrackerApplication

PAGE = 5_000
NO_LEDGER = (
    "this store has no ledger yet (it was written by an earlier version of the tracker): "
    "deleting a channel's newest events cannot be shown until the next recording, or tracker "
    "rebuild, starts it"
)


@dataclass
class _Walk:
    """Where the walk stands: the chain as stored and as worked out again."""

    names: dict[UUID, str]
    stored: str | None = None  # the digest of the last entry read, as stored
    worked_out: str | None = None  # the chain from the first entry, as the events give it
    sound: bool = True  # whether ``worked_out`` still follows the events as recorded
    position: int = 0
    deleted: dict[UUID, list[int]] = field(default_factory=dict)

    def name(self, channel: UUID) -> str:
        # A channel whose opening cannot be read goes by its id, as in the channel pass.
        return self.names.get(channel) or str(channel)


def check_ledger(
    app: TrackerApplication,
    found: Verification,
    names: dict[UUID, str],
    expect: tuple[int, str] | None,
) -> None:
    """Walk the ledger and the events; add what is wrong to ``found``."""

    recorder: Any = app.recorder
    key = recorder.ledger_key
    with recorder.reading_ledger() as ledger:
        if not ledger.exists() or (ledger.head() is None and ledger.meta("ledger") is None):
            if ledger.has_events():
                found.note = NO_LEDGER
            if expect is not None:
                found.add(
                    Problem("(the store)", expect[0], "has no ledger, so no digest can be proved")
                )
            return
        walk = _Walk(names)
        _walk(ledger, key, walk, found, expect)
        _check_head(ledger, walk, found)
    for channel, versions in walk.deleted.items():
        for first, last in _ranges(sorted(versions)):
            what = f"{missing(first, last)}: deleted (the ledger records them)"
            found.add(Problem(walk.name(channel), first, what))
    if expect is not None and found.expected is None:
        position, _ = expect
        found.add(
            Problem(
                "(the store)",
                position,
                f"the store holds only {walk.position} entries: events recorded before the "
                "digest was noted were deleted"
                if walk.position < position
                else "the history up to here differs from the digest noted: it was changed since",
            )
        )
    if found.intact and walk.position and walk.worked_out is not None:
        found.digest = store_digest(walk.position, walk.worked_out)


def _walk(
    ledger: Ledger,
    key: bytes | None,
    walk: _Walk,
    found: Verification,
    expect: tuple[int, str] | None,
) -> None:

    entries = _entries(ledger)
    events = _events(ledger)
    entry, event = next(entries, None), next(events, None)
    while entry is not None or event is not None:
        if (
            entry is not None
            and event is not None
            and (entry.originator_id, entry.version)
            == (
                event[0],
                event[1],
            )
        ):
            _step(walk, entry, event, key, found)
            if expect is not None and entry.position == expect[0]:
                _prove(walk, expect, found)
            entry, event = next(entries, None), next(events, None)
        elif entry is not None and (event is None or not ledger_has_event(ledger, entry)):
            # The ledger records an event the store no longer holds.
            walk.deleted.setdefault(entry.originator_id, []).append(entry.version)
            _skip(walk, entry)
            if expect is not None and entry.position == expect[0]:
                _prove(walk, expect, found)
            entry = next(entries, None)
        else:
            assert event is not None
            recorded = _entry_of(ledger, event)
            what = (
                "was inserted behind the tracker's back: the ledger does not record it"
                if recorded is None
                else f"was moved: the ledger records it at #{recorded} of the store's history"
            )
            found.add(Problem(walk.name(event[0]), event[1], what))
            walk.sound = False
            event = next(events, None)


def _step(walk: _Walk, entry: Entry, event: Record, key: bytes | None, found: Verification) -> None:
    """One entry and its event: does the entry's digest follow from the one before?"""

    if entry.position != walk.position + 1:
        found.add(
            Problem(
                walk.name(entry.originator_id),
                entry.version,
                f"follows a gap in the ledger: its entries #{walk.position + 1} to "
                f"#{entry.position - 1} were deleted",
            )
        )
        walk.sound = False
    expected = entry_digest(walk.stored, entry.position, event, key)
    if not hmac.compare_digest(expected, entry.digest):
        found.add(
            Problem(
                walk.name(entry.originator_id),
                entry.version,
                # The entry's digest is the event's seal, at the storage boundary.
                "was altered: its content does not match its seal",
            )
        )
    if walk.sound:
        walk.worked_out = entry_digest(walk.worked_out, entry.position, event, key)
        walk.sound = hmac.compare_digest(walk.worked_out, entry.digest)
    walk.stored, walk.position = entry.digest, entry.position


def _skip(walk: _Walk, entry: Entry) -> None:
    walk.stored, walk.position, walk.sound = entry.digest, entry.position, False


def _prove(walk: _Walk, expect: tuple[int, str], found: Verification) -> None:
    """Does the history up to the noted position give the noted digest?"""
    position, prefix = expect
    if walk.sound and walk.worked_out is not None and walk.worked_out.startswith(prefix):
        found.expected = store_digest(position, walk.worked_out)


def _check_head(ledger: Ledger, walk: _Walk, found: Verification) -> None:
    """The newest entries: are they all still there, as the store's head records them?"""

    try:
        recorded = ledger.recorded_head()
    except ChainBroken as e:
        found.add(Problem("(the store)", walk.position, str(e)))
        return
    if recorded is None:
        if walk.position:
            found.add(Problem("(the store)", walk.position, "its recorded head was deleted"))
        return
    position, digest = recorded
    if position > walk.position:
        found.add(
            Problem(
                "(the store)",
                walk.position + 1,
                f"the newest {position - walk.position} events of the store were deleted, with "
                "their ledger entries",
            )
        )
    elif (position, digest) != (walk.position, walk.stored):
        found.add(
            Problem("(the store)", position, "the store's recorded head does not match its ledger")
        )


def ledger_has_event(ledger: Ledger, entry: Entry) -> bool:
    """Whether the store holds the event an entry records."""
    return bool(
        ledger.run(
            f"SELECT 1 FROM {ledger.events} WHERE originator_id = ? AND originator_version = ?",  # noqa: S608
            (ledger.stored_id(entry.originator_id), entry.version),
        )
    )


def _entry_of(ledger: Ledger, event: Record) -> int | None:
    from tracker.store.ledger_tables import LEDGER_TABLE

    found = ledger.run(
        f"SELECT position FROM {LEDGER_TABLE} WHERE originator_id = ? AND originator_version = ?",  # noqa: S608
        (ledger.stored_id(event[0]), event[1]),
    )
    return int(found[0][0]) if found else None


def _entries(ledger: Ledger) -> Iterator[Entry]:
    after = 0
    while page := ledger.entries(after, PAGE):
        yield from page
        after = page[-1].position


def _events(ledger: Ledger) -> Iterator[Record]:
    """The stored events in commit order; a damaged row as it is (its digest will not match)."""
    after = 0
    while page := ledger.events_after(after, PAGE):
        for _, originator_id, version, topic, state in page:
            yield (
                _uuid(originator_id),
                version if isinstance(version, int) else -1,
                topic if isinstance(topic, str) else "",
                bytes(state) if isinstance(state, bytes | bytearray | memoryview) else b"",
            )
        after = int(page[-1][0])


def _uuid(value: object) -> UUID:
    if isinstance(value, UUID):
        return value
    try:
        return UUID(str(value))
    except ValueError:
        return UUID(int=0)


def _ranges(versions: list[int]) -> Iterator[tuple[int, int]]:
    """Consecutive versions as (first, last) runs."""
    first = last = versions[0]
    for version in versions[1:]:
        if version != last + 1:
            yield first, last
            first = version
        last = version
    yield first, last
