"""The projector's running state of a channel, and its row of rm_channels both ways.

What the projector keeps of a channel between events (its status, its counts, each level's run
of meetings since the cadence in force, the plans no meeting has settled yet) is its current row
of rm_channels. It is kept apart from the placing of facts (projector.py) so that the row's
stored form, with its sealed texts and its JSON of levels and plans, is written and read back in
one place.

The row also holds what the dashboard shows of the channel at the end of its timeline: each
level's cadence in force and each plan's latest version, as the projector wrote their own rows.
A dashboard as of a day on or after the channel's last fact (the dashboard as of today) reads
them here, with the rest of the row, and no row of rm_cadences or rm_plans.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from tracker.domain.state import LEVEL_ORDER
from tracker.domain.values import ChannelStatus, Level

NO_DATE = ""


@dataclass
class LevelRun:
    """Per level: the cadence in force and the latest day of the meetings since it."""

    cadence_start: str | None = None
    run_max: str | None = None
    last_start: str | None = None
    day_max: str | None = None
    last_text: str | None = None  # the last meeting at the level, as written
    # The cadence in force at the end of the timeline (agreed on cadence_start), as its row of
    # rm_cadences holds it.
    per_year: float | None = None
    agreed_text: str | None = None
    agreed_latest: str | None = None


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
    # None, the day it was agreed), and the meeting that settled each of the others.
    open_plans: list[tuple[int, str, str | None, str]] = field(default_factory=list)
    held: dict[int, str] = field(default_factory=dict)
    # Each plan's latest version in valid time, as the dashboard shows it (PLAN_HELD …), and
    # the days it was agreed and its latest version holds from.
    plans: dict[int, list[Any]] = field(default_factory=dict)
    plan_days: dict[int, tuple[str, str]] = field(default_factory=dict)

    def level(self, name: str) -> LevelRun:
        found = self.levels.get(name)
        if found is None:
            found = self.levels[name] = LevelRun()
        return found

    def cadence_row(self, values: tuple[Any, ...]) -> tuple[Any, ...]:
        """A row of rm_cadences, kept as its level's cadence in force: the projector applies
        facts in valid time (a fact before the last makes it project the channel again), so
        the last agreed at a level is the last in valid time (by its day, then its number)."""
        _, _, _, _, level, per_year, agreed_text, _, agreed_latest = values
        run = self.level(level)
        run.per_year, run.agreed_text, run.agreed_latest = per_year, agreed_text, agreed_latest
        return values

    def plan_row(
        self, values: tuple[Any, ...], host: str | None, location: str | None
    ) -> tuple[Any, ...]:
        """A row of rm_plans (a version of a plan; ``host`` and ``location`` its texts before
        they were sealed), kept as the plan's latest unless a version from a later day is."""
        (_, seq, valid_from, _, _, agreed_text, agreed_start, window_text, _, level, _, _,
         agreed_window, change, changed_text, postponements) = values  # fmt: skip
        current = self.plan_days.get(seq)
        if current is None or valid_from >= current[1]:
            self.plans[seq] = [seq, agreed_text, window_text, level, host, location, None,
                               agreed_window, change, changed_text, postponements]  # fmt: skip
            self.plan_days[seq] = (agreed_start, valid_from)
        return values


# A plan as the dashboard shows it at the end of the timeline: seq, agreed_text, window_text,
# level, host, location, held (the meeting that settled it), agreed_window_text, change,
# changed_text, postponements.
PLAN_HELD = 6


def cadence_shown(
    level: str,
    per_year: float,
    agreed: tuple[str, str, str],
    last_at_level: Sequence[str] | None,
    resumed: str | None,
) -> list[Any]:
    """A cadence as the dashboard shows it: [level, per_year, agreed_text, the last meeting at
    its level since it was agreed (or None), the day its next meeting is due one period after].

    ``agreed`` is its (agreed_text, agreed_start, agreed_latest); ``last_at_level`` the last
    meeting at the level as (occurred_start, run_max, occurred_text); ``resumed`` the latest day
    of the channel's last resumption. The day is the latest of these (each date counted by the
    latest day it could mean), as the fold counts them (domain/state.py)."""
    agreed_text, agreed_start, base = agreed
    last = None
    if last_at_level:
        meeting_start, run_max, meeting_text = last_at_level
        if meeting_start >= agreed_start:
            last = meeting_text
            base = run_max if run_max and run_max > base else base
    base = resumed if resumed and resumed > base else base
    return [level, per_year, agreed_text, last, base]


def shown_at_end(row: ChannelRow) -> list[Any]:
    """What the dashboard shows of the channel's cadences and plans at the end of its timeline:
    [cadences by level, plans in valid time (as the domain walks them: by the day agreed, then
    number)]."""
    cadences = [
        cadence_shown(
            name,
            run.per_year,
            (str(run.agreed_text), str(run.cadence_start), str(run.agreed_latest)),
            (run.last_start, run.run_max or "", run.last_text or "") if run.last_start else None,
            row.resumed_latest,
        )
        for name, run in sorted(row.levels.items(), key=lambda item: LEVEL_ORDER[Level(item[0])])
        if run.per_year is not None
    ]
    plans = [row.plans[seq] for seq in sorted(row.plans, key=lambda s: (row.plan_days[s][0], s))]
    for plan in plans:
        plan[PLAN_HELD] = row.held.get(plan[0])
    return [cadences, plans]


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
        open_plans=[(int(s), str(w), lv, str(a)) for s, w, lv, a in plans["open"]],
        held={int(seq): str(text) for seq, text in plans["held"].items()},
        plans={int(plan[0]): plan for plan in json.loads(opened(found["shown"]))[1]},
        plan_days={int(seq): (str(a), str(v)) for seq, (a, v) in plans["days"].items()},
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
        name: [run.cadence_start, run.run_max, run.last_start, run.day_max, run.last_text,
               run.per_year, run.agreed_text, run.agreed_latest]
        for name, run in row.levels.items()
    }  # fmt: skip
    plans = {"open": row.open_plans, "held": row.held, "days": row.plan_days}
    return (
        row.channel_id, row.known_from, until, *texts, row.opened_text, row.opened_start,
        row.version, row.status, row.before_suspension, row.last_start, row.meetings_count,
        row.spans_count, row.since_text, row.since_by, seal(row.detail), seal(row.reason),
        row.last_meeting_text,
        row.resumed_latest, json.dumps(levels, separators=COMPACT),
        json.dumps(plans, separators=COMPACT),
        seal(json.dumps(shown_at_end(row), separators=COMPACT)),
    )  # fmt: skip


# The row's JSON without spaces: a SQLite row longer than about a thousand bytes spills into
# overflow pages, which the dashboard then reads too.
COMPACT = (",", ":")
