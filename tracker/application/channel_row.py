"""The projector's running state of a channel, and its row of rm_channels both ways.

What the projector keeps of a channel between events (its status, its counts, each level's run
of meetings since the cadence in force, the plans no meeting has settled yet) is its current row
of rm_channels. It is kept apart from the placing of facts (projector.py) so that the row's
stored form, with its sealed texts and its JSON of levels and plans, is written and read back in
one place.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from tracker.domain.values import ChannelStatus

NO_DATE = ""


@dataclass
class LevelRun:
    """Per level: the cadence in force and the latest day of the meetings since it."""

    cadence_start: str | None = None
    run_max: str | None = None
    last_start: str | None = None
    day_max: str | None = None
    last_text: str | None = None  # the last meeting at the level, as written


@dataclass
class ChannelRow:
    """The projector's running state of one channel: its current row of rm_channels."""

    channel_id: str
    opening: Mapping[str, Any]
    opened_text: str
    opened_start: str
    known_from: int  # the record time this state holds from
    stored_from: int | None = None  # rec_from of the channel's current row in the table
    changed: bool = True
    version: int = 1
    status: str = ChannelStatus.AGREED.value
    before_suspension: str = ChannelStatus.ACTIVE.value
    last_start: str = NO_DATE
    meetings_count: int = 0
    spans_count: int = 0
    # At the end of the timeline: the span in force, the last meeting, the last resumption.
    since_text: str = NO_DATE
    since_by: str = "opened"  # the kind of fact the status in force began with
    detail: str | None = None
    reason: str | None = None  # why a suspended channel was suspended
    last_meeting_text: str | None = None
    resumed_latest: str | None = None
    levels: dict[str, LevelRun] = field(default_factory=dict)
    # Plans no meeting has settled yet: (seq, the first day a meeting may settle it, level or
    # None), and the meeting that settled each of the others.
    open_plans: list[tuple[int, str, str | None]] = field(default_factory=list)
    held: dict[int, str] = field(default_factory=dict)

    def level(self, name: str) -> LevelRun:
        found = self.levels.get(name)
        if found is None:
            found = self.levels[name] = LevelRun()
        return found


def channel_row_of(key: str, found: dict[str, Any], opened: Callable[[Any], Any]) -> ChannelRow:
    """The running state of channel ``key`` as its stored row ``found`` holds it (by column);
    ``opened`` opens a sealed text."""
    plans = json.loads(found["plans"])
    levels = json.loads(found["levels"])
    row = ChannelRow(
        channel_id=key,
        opening={},
        opened_text=str(found["opened_text"]),
        opened_start=str(found["opened_start"]),
        known_from=int(found["rec_from"]),
        stored_from=int(found["rec_from"]),
        changed=False,
        version=int(found["version"]),
        status=ChannelStatus(found["status"]).value,
        before_suspension=ChannelStatus(found["before_suspension"]).value,
        last_start=str(found["last_start"]),
        meetings_count=int(found["meetings_count"]),
        spans_count=int(found["spans_count"]),
        since_text=str(found["since_text"]),
        since_by=str(found["since_by"]),
        detail=opened(found["detail"]),
        reason=opened(found["reason"]),
        last_meeting_text=found["last_meeting_text"],
        resumed_latest=found["resumed_latest"],
        levels={str(name): LevelRun(*run) for name, run in levels.items()},
        open_plans=[(int(s), str(w), lv) for s, w, lv in plans["open"]],
        held={int(seq): str(text) for seq, text in plans["held"].items()},
    )
    row.opening = {name: found[name] for name in ("slug", "title", "parties", "topics",
                                                 "level", "leads", "follows")}  # fmt: skip
    return row


def channel_values(
    row: ChannelRow, seal: Callable[[str | None], str | None], *, until: int
) -> tuple[Any, ...]:
    """The channel's row of rm_channels, holding from ``row.known_from`` until ``until``;
    ``seal`` seals a user's text."""
    opening = row.opening
    if "title" in opening and not isinstance(opening.get("parties"), str):
        # As read from an event: texts to seal, lists to write as JSON. (A row read back
        # from the table holds them as stored already.)
        texts = (
            seal(opening["slug"]), seal(json.dumps(opening["title"])),
            seal(json.dumps(opening["parties"])), seal(json.dumps(opening.get("topics", []))),
            opening.get("level"), seal(json.dumps(opening.get("leads", []))),
            seal(opening.get("follows")),
        )  # fmt: skip
    else:
        texts = tuple(opening[name] for name in ("slug", "title", "parties", "topics",
                                                 "level", "leads", "follows"))  # fmt: skip
    levels = {
        name: [run.cadence_start, run.run_max, run.last_start, run.day_max, run.last_text]
        for name, run in row.levels.items()
    }
    plans = {"open": row.open_plans, "held": row.held}
    return (
        row.channel_id, row.known_from, until, *texts, row.opened_text, row.opened_start,
        row.version, row.status, row.before_suspension, row.last_start, row.meetings_count,
        row.spans_count, row.since_text, row.since_by, seal(row.detail), seal(row.reason),
        row.last_meeting_text,
        row.resumed_latest, json.dumps(levels), json.dumps(plans),
    )  # fmt: skip
