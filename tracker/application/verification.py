"""``tracker verify``: check every channel's hash chain against what is stored.

Reports, per channel and sequence number, every event that was altered (its content does not
match its seal, or it cannot be read), deleted (a gap in the versions, or fewer events than the
read model has seen), reordered or inserted (its ``previous`` is not the seal before it).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import groupby
from typing import TYPE_CHECKING
from uuid import UUID

from eventsourcing.persistence import StoredEvent
from eventsourcing.utils import TopicError, resolve_topic

from tracker.store.chain import seal_of, split_seal
from tracker.store.mapper import plaintext

if TYPE_CHECKING:
    from tracker.application.tracker import DialogueTracker


@dataclass(frozen=True)
class Problem:
    """Something wrong with one stored event."""

    channel: str
    seq: int
    what: str

    def __str__(self) -> str:
        return f"{self.channel} #{self.seq}: {self.what}"


@dataclass
class Verification:
    """What ``tracker verify`` found."""

    channels: int = 0
    events: int = 0
    problems: list[Problem] = field(default_factory=list)
    heads: dict[str, str] = field(default_factory=dict)  # each channel's last seal

    @property
    def intact(self) -> bool:
        return not self.problems


def verify(app: DialogueTracker, rows: Iterable[StoredEvent], seen: dict[str, int]) -> Verification:
    """Check every channel's chain; ``seen`` is each channel's version in the read model."""
    found = Verification()
    for originator_id, channel_rows in groupby(rows, key=lambda r: r.originator_id):
        found.channels += 1
        _verify_channel(app, UUID(str(originator_id)), channel_rows, seen, found)
    return found


def _verify_channel(
    app: DialogueTracker,
    channel_id: UUID,
    rows: Iterator[StoredEvent],
    seen: dict[str, int],
    found: Verification,
) -> None:
    name = str(channel_id)
    expected, last_seal, chained = 1, None, True
    for row in rows:
        found.events += 1
        version = row.originator_version
        if version != expected:
            found.problems.append(
                Problem(name, expected, _missing(expected, version - 1) + ": deleted")
            )
            chained = False
        expected = version + 1
        problem, body, seal = _read(app, channel_id, row)
        if problem is not None:
            found.problems.append(Problem(name, version, problem))
            last_seal, chained = None, False
            continue
        assert body is not None
        state = json.loads(body)
        if version == 1 and isinstance(state.get("slug"), str):
            name = state["slug"]
            found.problems[:] = [
                Problem(name, p.seq, p.what) if p.channel == str(channel_id) else p
                for p in found.problems
            ]
        if chained and state.get("previous") != last_seal:
            found.problems.append(
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
        found.problems.append(
            Problem(
                name, expected, _missing(expected, recorded) + ": deleted after they were recorded"
            )
        )
    if last_seal:
        found.heads[name] = last_seal


def _missing(first: int, last: int) -> str:
    return "is missing" if first == last else f"is missing, and so are the events up to #{last}"


def _read(
    app: DialogueTracker, channel_id: UUID, row: StoredEvent
) -> tuple[str | None, bytes | None, str | None]:
    """(problem, content without seal, seal) of one stored row."""
    try:
        resolve_topic(row.topic)
    except TopicError:
        return f"was altered: its kind {row.topic!r} is unknown", None, None
    try:
        content = plaintext(app.mapper, row)
    except Exception as e:
        return f"cannot be read ({e})", None, None
    sealed = split_seal(content)
    if sealed is None:
        return "was altered: it has no seal", None, None
    body, seal = sealed
    expected = seal_of(channel_id, row.originator_version, row.topic, body, app.seal_key)
    if seal != expected:
        return "was altered: its content does not match its seal", None, None
    try:
        app.mapper.to_domain_event(row)
    except Exception as e:
        return f"cannot be read as an event ({e})", None, None
    return None, body, seal
