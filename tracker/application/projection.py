"""The dashboard's read model: kept up to date from the notification log, exactly once.

Each new event is applied where it falls in valid time. A fact that falls after all others of
its channel (the usual case) updates the channel's rows in place; a backfilled fact or a
retraction rebuilds that channel's rows from its events. Rows and the tracking position are
written in one transaction.

Reading "as of" a day then takes one index seek per channel: the span in force, the last
meeting, and for each cadence and plan the meeting that settles it (see store/readmodel.py).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any
from uuid import UUID

from eventsourcing.persistence import Mapper
from pydantic_core import from_json

from tracker.domain.dates import FuzzyDate
from tracker.domain.events import ChannelEvent, Fact
from tracker.domain.state import (
    CAN_BE_OVERDUE,
    LEVEL_ORDER,
    ChannelSummary,
    cadence_state,
    planned_state,
)
from tracker.domain.values import ChannelStatus, Lead, Level, check_slug
from tracker.store.mapper import EventDamaged, PydanticMapper, plaintext_of, upcast
from tracker.store.readmodel import (
    SELECT_CADENCES,
    SELECT_CHANNELS,
    SELECT_HELD,
    SELECT_HELD_AT_LEVEL,
    SELECT_PLANS,
    ReadModelCursor,
    ReadModelDamaged,
)

PAGE = 5000
FLUSH_EVERY = 20_000
NO_DATE = ""


@dataclass
class LevelRun:
    """Per level: the cadence in force and the latest day of the meetings since it."""

    cadence_start: str | None = None
    run_max: str | None = None
    last_start: str | None = None
    day_max: str | None = None
    last_text: str | None = None  # the last meeting at the level, as written
    dirty: bool = True


@dataclass
class ChannelRow:
    """The projector's running state of one channel, mirrored in rm_channels and rm_levels."""

    channel_id: str
    opening: Mapping[str, Any]
    opened_text: str
    opened_start: str
    version: int = 1
    status: str = ChannelStatus.AGREED.value
    before_suspension: str = ChannelStatus.ACTIVE.value
    last_start: str = NO_DATE
    meetings_count: int = 0
    spans_count: int = 0
    # At the end of the timeline: the span in force, the last meeting, the last resumption.
    since_text: str = NO_DATE
    detail: str | None = None
    last_meeting_text: str | None = None
    resumed_latest: str | None = None
    levels: dict[str, LevelRun] = field(default_factory=dict)
    # Plans no meeting has settled yet: (seq, first day of the window, level or None).
    open_plans: list[tuple[int, str, str | None]] = field(default_factory=list)

    def level(self, name: str) -> LevelRun:
        found = self.levels.get(name)
        if found is None:
            found = self.levels[name] = LevelRun()
        return found


def _later(a: str | None, b: str) -> str:
    return b if a is None or b > a else a


class Projector:
    """Applies facts to the read-model tables through one cursor (one transaction)."""

    def __init__(
        self, cursor: ReadModelCursor, load_facts: Callable[[UUID], tuple[list[Fact], int]]
    ) -> None:
        self.cursor = cursor
        self.seal = cursor.store.seal.seal  # a user's text as the read model keeps it
        self.load_facts = load_facts
        self.channels: dict[str, ChannelRow] = {}
        self.rows: dict[str, list[tuple[Any, ...]]] = {
            "spans": [],
            "meetings": [],
            "cadences": [],
            "plans": [],
        }
        self.held: list[tuple[str, str, int]] = []  # plans settled: (meeting, channel, seq)
        self.pending = 0

    # --- applying events ------------------------------------------------------------------

    def apply(self, key: str, version: int, kind: str, payload: Mapping[str, Any]) -> None:
        """Apply one stored event of channel ``key``, given as its kind and JSON payload."""
        if kind == "opened":
            opened = self._open(key, payload, version)
            self._span(
                opened, payload["status"], FuzzyDate.parse(payload["occurred"]), "opened", None
            )
            return
        row = self._channel(key)
        if row is None or version <= row.version:
            return  # already applied (by a rebuild of the channel that read ahead)
        if kind == "retracted":
            self.rebuild_channel(UUID(key))
            return
        occurred = FuzzyDate.parse(payload["occurred"])
        if occurred.earliest_iso < row.last_start:
            self.rebuild_channel(UUID(key))  # backfilled: its place is not at the end
            return
        row.version = version
        self._append(row, kind, version, occurred, payload)

    def _open(self, key: str, payload: Mapping[str, Any], version: int) -> ChannelRow:
        occurred = FuzzyDate.parse(payload["occurred"])
        row = ChannelRow(
            channel_id=key,
            opening=dict(payload),
            opened_text=str(occurred),
            opened_start=occurred.earliest_iso,
            version=version,
            last_start=occurred.earliest_iso,
        )
        self.channels[key] = row
        return row

    def _append(
        self, row: ChannelRow, kind: str, seq: int, occurred: FuzzyDate, data: Mapping[str, Any]
    ) -> None:
        start, latest = occurred.earliest_iso, occurred.latest_iso
        before, row.last_start = row.last_start, max(row.last_start, start)
        if kind == "meeting":
            self._meeting(row, seq, occurred, data.get("level"))
        elif kind == "cadence":
            run = row.level(data["level"])
            run.cadence_start = start
            # Meetings on the day the cadence was agreed count towards it (DESIGN §4).
            run.run_max = run.day_max if run.last_start == start else None
            run.dirty = True
            if run.run_max is not None:
                self._flush()
                self.cursor.execute(
                    "UPDATE rm_meetings SET run_max = ? "
                    "WHERE channel_id = ? AND level = ? AND occurred_start = ?",
                    (run.run_max, row.channel_id, data["level"], start),
                )
            self._add(
                "cadences",
                (row.channel_id, seq, data["level"], float(data["per_year"]),
                 str(occurred), start, latest),
            )  # fmt: skip
        elif kind == "planned":
            self._plan(row, seq, occurred, data, before)
        elif kind == "agreed":
            self._span(row, ChannelStatus.AGREED, occurred, kind, None)
        elif kind == "suspended":
            row.before_suspension = row.status
            self._span(row, ChannelStatus.SUSPENDED, occurred, kind, data.get("by"))
        elif kind == "resumed":
            self._span(row, row.before_suspension, occurred, kind, None)
        elif kind == "concluded":
            self._span(row, ChannelStatus.CONCLUDED, occurred, kind, data.get("successor"))

    def _meeting(self, row: ChannelRow, seq: int, occurred: FuzzyDate, level: str | None) -> None:
        start, latest = occurred.earliest_iso, occurred.latest_iso
        row.meetings_count += 1
        row.last_meeting_text = text = str(occurred)
        run_max = None
        if row.open_plans:
            self._settle(row, start, level, text)
        if level:
            run = row.level(level)
            run.day_max = _later(run.day_max, latest) if run.last_start == start else latest
            run.last_start, run.last_text = start, text
            if run.cadence_start is not None:
                run.run_max = _later(run.run_max, latest)
                run_max = run.run_max
            run.dirty = True
        self._add(
            "meetings",
            (row.channel_id, seq, row.meetings_count, text, start, latest, level, run_max),
        )
        if row.status == ChannelStatus.AGREED:
            self._span(row, ChannelStatus.ACTIVE, occurred, "meeting", None)

    def _plan(
        self, row: ChannelRow, seq: int, occurred: FuzzyDate, data: Mapping[str, Any], before: str
    ) -> None:
        """A plan. When its window opened by the channel's latest fact so far (``before``), a
        meeting already projected may settle it; otherwise only a meeting to come can."""
        window = FuzzyDate.parse(data["window"])
        level = data.get("level")
        held = (
            self._held(row, window.earliest_iso, level) if window.earliest_iso <= before else None
        )
        if held is None:
            row.open_plans.append((seq, window.earliest_iso, level))
        self._add(
            "plans",
            (row.channel_id, seq, str(occurred), occurred.earliest_iso, str(window),
             window.earliest_iso, level, self.seal(data.get("host")), held),
        )  # fmt: skip

    def _settle(self, row: ChannelRow, start: str, level: str | None, text: str) -> None:
        """Mark the open plans this meeting (after every other fact) is the first to settle."""
        still_open = []
        for plan in row.open_plans:
            seq, window_start, plan_level = plan
            if window_start <= start and (plan_level is None or plan_level == level):
                self.held.append((text, row.channel_id, seq))
            else:
                still_open.append(plan)
        row.open_plans = still_open

    def _held(self, row: ChannelRow, window_start: str, level: str | None) -> str | None:
        """The first meeting already projected on or after the day, at the level if given."""
        self._flush()
        if level is None:
            found = self.cursor.execute(SELECT_HELD, (row.channel_id, window_start))
        else:
            found = self.cursor.execute(SELECT_HELD_AT_LEVEL, (row.channel_id, window_start, level))
        first = found.fetchone()
        return None if first is None else str(first[0])

    def _span(
        self, row: ChannelRow, status: str, occurred: FuzzyDate, by: str, detail: str | None
    ) -> None:
        row.status = str(status)
        row.since_text, row.detail = str(occurred), detail
        if by == "resumed":
            row.resumed_latest = occurred.latest_iso
        self._add(
            "spans",
            (row.channel_id, row.spans_count, occurred.earliest_iso, row.status,
             str(occurred), occurred.latest_iso, by, self.seal(detail)),
        )  # fmt: skip
        row.spans_count += 1

    def rebuild_channel(self, channel_id: UUID) -> None:
        """Recompute one channel's rows from its live facts, in valid time."""
        self._flush()
        key = str(channel_id)
        self.cursor.forget_channel(key)
        self.channels.pop(key, None)
        facts, version = self.load_facts(channel_id)
        opening, *rest = facts
        row = self._open(key, opening.details() | {"occurred": str(opening.occurred)}, version)
        self._span(row, opening.details()["status"], opening.occurred, "opened", None)
        for fact in rest:
            self._append(row, fact.KIND, fact.seq, fact.occurred, fact.details())
        row.version = version

    # --- state of the channels --------------------------------------------------------------

    def _channel(self, key: str) -> ChannelRow | None:
        if key in self.channels:
            return self.channels[key]
        found = self.cursor.execute(
            "SELECT opened_text, opened_start, version, status, before_suspension, last_start, "
            "meetings_count, spans_count, slug, since_text, detail, last_meeting_text, "
            "resumed_latest FROM rm_channels WHERE channel_id = ?",
            (key,),
        ).fetchone()
        if found is None:
            return None
        row = ChannelRow(
            channel_id=key,
            opening={},
            opened_text=found[0],
            opened_start=found[1],
            version=found[2],
            status=found[3],
            before_suspension=found[4],
            last_start=found[5],
            meetings_count=found[6],
            spans_count=found[7],
            since_text=found[9],
            detail=self.cursor.store.seal.open(found[10]),
            last_meeting_text=found[11],
            resumed_latest=found[12],
        )
        for level, cadence_start, run_max, last_start, day_max, last_text in self.cursor.execute(
            "SELECT level, cadence_start, run_max, last_start, day_max, last_text FROM rm_levels "
            "WHERE channel_id = ?",
            (key,),
        ).fetchall():
            row.levels[level] = LevelRun(
                cadence_start, run_max, last_start, day_max, last_text, dirty=False
            )
        row.open_plans = [
            (seq, window_start, level)
            for seq, window_start, level in self.cursor.execute(
                "SELECT seq, window_start, level FROM rm_plans "
                "WHERE channel_id = ? AND held_text IS NULL ORDER BY seq",
                (key,),
            ).fetchall()
        ]
        self.channels[key] = row
        return row

    # --- writing ------------------------------------------------------------------------------

    def _add(self, table: str, values: tuple[Any, ...]) -> None:
        self.rows[table].append(values)
        self.pending += 1
        if self.pending >= FLUSH_EVERY:
            self._flush()

    def _flush(self) -> None:
        for table, rows in self.rows.items():
            self.cursor.insert(f"rm_{table}", rows)
            rows.clear()
        self.cursor.executemany(
            "UPDATE rm_plans SET held_text = ? WHERE channel_id = ? AND seq = ?", self.held
        )
        self.held.clear()
        self.pending = 0

    def finish(self) -> None:
        """Write everything still held, and each touched channel's running state."""
        self._flush()
        channels: list[tuple[Any, ...]] = []
        updates: list[tuple[Any, ...]] = []
        levels: list[tuple[Any, ...]] = []
        seal = self.seal
        for row in self.channels.values():
            opening = row.opening
            if "title" in opening:  # opened (or rebuilt) in this transaction: a new row
                channels.append(
                    # The title as JSON: PostgreSQL text cannot hold the NUL it may contain.
                    (row.channel_id, seal(opening["slug"]), seal(json.dumps(opening["title"])),
                     seal(json.dumps(opening["parties"])),
                     seal(json.dumps(opening.get("topics", []))), opening.get("level"),
                     seal(json.dumps(opening.get("leads", []))), seal(opening.get("follows")),
                     row.opened_text, row.opened_start, row.version, row.status,
                     row.before_suspension, row.last_start, row.meetings_count,
                     row.spans_count, row.since_text, seal(row.detail), row.last_meeting_text,
                     row.resumed_latest),
                )  # fmt: skip
            else:
                updates.append(
                    (row.version, row.status, row.before_suspension, row.last_start,
                     row.meetings_count, row.spans_count, row.since_text, seal(row.detail),
                     row.last_meeting_text, row.resumed_latest, row.channel_id),
                )  # fmt: skip
            levels.extend(
                (row.channel_id, name, run.cadence_start, run.run_max, run.last_start,
                 run.day_max, run.last_text)
                for name, run in row.levels.items()
                if run.dirty
            )  # fmt: skip
        self.cursor.executemany(
            "UPDATE rm_channels SET version = ?, status = ?, before_suspension = ?, "
            "last_start = ?, meetings_count = ?, spans_count = ?, since_text = ?, detail = ?, "
            "last_meeting_text = ?, resumed_latest = ? WHERE channel_id = ?",
            updates,
        )
        self.cursor.executemany(
            "DELETE FROM rm_channels WHERE channel_id = ?", [(c[0],) for c in channels]
        )
        self.cursor.insert("rm_channels", channels)
        self.cursor.executemany(
            "INSERT INTO rm_levels VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (channel_id, level) "
            "DO UPDATE SET cadence_start = excluded.cadence_start, run_max = excluded.run_max, "
            "last_start = excluded.last_start, day_max = excluded.day_max, "
            "last_text = excluded.last_text",
            levels,
        )


def decode(mapper: Mapper[UUID], topic: str, state: bytes | None) -> tuple[str, dict[str, Any]]:
    """The kind and JSON payload of a stored event, without building the pydantic model."""
    assert isinstance(mapper, PydanticMapper)
    cls = mapper.event_class(topic)
    content = plaintext_of(mapper, state)
    try:
        payload = from_json(content)
    except ValueError as e:
        raise EventDamaged(f"it is not JSON ({e})") from None
    if not isinstance(payload, dict):
        raise EventDamaged("it is not a JSON object")
    return str(cls.KIND), upcast(cls, payload) if getattr(cls, "class_version", 1) > 1 else payload


def catch_up(
    cursor: ReadModelCursor,
    mapper: Mapper[UUID],
    load_facts: Callable[[UUID], tuple[list[Fact], int]],
    progress: Callable[[int], None] | None = None,
    *,
    known_on: dt.datetime | None = None,
    stop: int | None = None,
) -> int:
    """Apply every notification after the tracked position (only the events recorded by
    ``known_on``, if given; only up to notification ``stop``, if given); return how many
    notifications were read."""
    projector = Projector(cursor, load_facts)
    position = cursor.position()
    applied = 0
    while True:
        page = cursor.notifications(position, PAGE, stop)
        for _, key, version, topic, state in page:
            try:
                kind, payload = decode(mapper, topic, state)
            except EventDamaged as e:
                e.originator_id, e.version = key, version
                raise
            try:
                if known_on is None or dt.datetime.fromisoformat(payload["recorded"]) <= known_on:
                    projector.apply(key, version, kind, payload)
            except (EventDamaged, ReadModelDamaged):
                raise
            except Exception as e:  # a damaged row of the read model, or of the event
                raise ReadModelDamaged(
                    f"event #{version} of the channel with id {key} could not be applied "
                    f"({type(e).__name__})"
                ) from None
        if not page:
            break
        position = page[-1][0]
        applied += len(page)
        if progress:
            progress(applied)
    projector.finish()
    cursor.track(position)
    return applied


def known_on_summaries(
    cursor: ReadModelCursor,
    mapper: Mapper[UUID],
    load_facts: Callable[[UUID], tuple[list[Fact], int]],
    as_of: dt.date,
    known_on: dt.datetime,
) -> list[ChannelSummary]:
    """The dashboard as known at a moment: the events recorded by then, caught up into
    temporary tables of this connection, then read as the dashboard is.

    ``load_facts`` must give a channel's facts as known at the moment. It reads every event,
    as a fold would, but each as its JSON rather than as an event.
    """
    # Created in the transaction: should anything fail, rolling it back removes them.
    cursor.create_temporary_tables()
    catch_up(cursor, mapper, load_facts, known_on=known_on)
    found = summaries(cursor, as_of, known_on)
    cursor.drop_temporary_tables()
    return found


def live_facts_of(
    events: Iterable[ChannelEvent], known_on: dt.datetime | None = None
) -> tuple[list[Fact], int]:
    """The live facts of a channel in valid time, and its version (for a rebuild), as known at
    the moment if one is given."""
    from tracker.domain.timeline import in_valid_time, live_facts

    known = [e for e in events if known_on is None or e.recorded <= known_on]
    return in_valid_time(live_facts(known)), max(e.originator_version for e in known)


# --- reading the dashboard ------------------------------------------------------------------


def summaries(
    cursor: ReadModelCursor, as_of: dt.date, known_on: dt.datetime | None = None
) -> list[ChannelSummary]:
    """Every channel that existed as of the day, from the read model (of the events known at
    ``known_on``, when that is given)."""
    day = as_of.isoformat()
    cadences: dict[str, dict[str, tuple[Any, ...]]] = {}
    for found in cursor.execute(SELECT_CADENCES, (day,) * 3).fetchall():
        by_level = cadences.setdefault(found[0], {})
        current = by_level.get(found[2])
        # The cadence in force at a level is the last agreed in valid time.
        if current is None or (found[5], found[1]) > (current[5], current[1]):
            by_level[found[2]] = tuple(found)
    plans: dict[str, list[tuple[Any, ...]]] = {}
    for found in cursor.execute(SELECT_PLANS, (day,) * 4).fetchall():
        plans.setdefault(found[0], []).append(tuple(found))
    result = []
    opened = cursor.store.seal.open
    for found in cursor.execute(SELECT_CHANNELS, (day,) * 7).fetchall():
        try:
            result.append(
                _summary(
                    tuple(found),
                    cadences.get(found[0], {}),
                    plans.get(found[0], []),
                    (as_of, known_on),
                    opened,
                )
            )
        except ReadModelDamaged:
            raise
        except Exception as e:  # whatever a damaged row makes the reading fail with
            raise ReadModelDamaged(
                f"the read model's rows of channel {str(found[0])[:36]} cannot be read "
                f"({type(e).__name__})"
            ) from None
    return result


# Read from stored text by lookup: calling an enum class costs more than the rest of a row.
_LEVELS = {level.value: level for level in Level}
_STATUSES = {status.value: status for status in ChannelStatus}


@lru_cache(maxsize=4096)
def _leads(stored: str) -> tuple[Lead, ...]:
    # Channels share few distinct lists of leads, parties and topics: read each once.
    return tuple(Lead.model_validate(lead) for lead in json.loads(stored))


@lru_cache(maxsize=4096)
def _texts(stored: str) -> tuple[str, ...]:
    found = json.loads(stored)
    if not isinstance(found, list) or not all(isinstance(text, str) for text in found):
        raise TypeError("not a list of texts")
    return tuple(found)


def _summary(
    found: tuple[Any, ...],
    cadences: dict[str, tuple[Any, ...]],
    plans: list[tuple[Any, ...]],
    when: tuple[dt.date, dt.datetime | None],
    opened: Callable[[Any], Any],
) -> ChannelSummary:
    as_of, known_on = when
    (_, slug, title, parties, topics, level, leads, follows, opened_text, version, span,
     last_meeting, resumed) = found  # fmt: skip
    status_text, since_text, detail = span.split("|", 2)
    # An empty detail is none: the query writes none as an empty text.
    slug, title, detail = (
        check_slug(opened(slug)),
        json.loads(opened(title)),
        opened(detail or None),
    )
    if not isinstance(title, str) or type(version) is not int:
        raise TypeError("a title or version of another type")
    parties = _texts(opened(parties))
    if len(parties) < 2:
        raise ValueError("a channel of fewer than two parties")
    status = _STATUSES[status_text]
    can_be_overdue = status in CAN_BE_OVERDUE
    count, last_text = last_meeting.split("|", 1) if last_meeting else ("0", None)
    cadence_states = []
    for name, (
        _,
        _,
        _,
        per_year,
        agreed_text,
        agreed_start,
        agreed_latest,
        last_at_level,
    ) in sorted(cadences.items(), key=lambda item: LEVEL_ORDER[_LEVELS[item[0]]]):
        bases = [agreed_latest]
        last = None
        if last_at_level:
            meeting_start, run_max, meeting_text = last_at_level.split("|", 2)
            if meeting_start >= agreed_start:
                last = FuzzyDate.parse(meeting_text)
                bases.append(run_max)
        if resumed:
            bases.append(resumed)
        cadence_states.append(
            cadence_state(
                level=_LEVELS[name],
                per_year=per_year,
                agreed_on=FuzzyDate.parse(agreed_text),
                last_meeting=last,
                latest_base=dt.date.fromisoformat(max(bases)),
                as_of=as_of,
                can_be_overdue=can_be_overdue,
            )
        )
    planned = [
        planned_state(
            seq=seq,
            agreed_on=FuzzyDate.parse(agreed_text),
            window=FuzzyDate.parse(window_text),
            level=_LEVELS[plan_level] if plan_level else None,
            host=opened(host),
            held=FuzzyDate.parse(held) if held else None,
            as_of=as_of,
            can_be_overdue=can_be_overdue,
        )
        # In valid time, as the domain walks them.
        for (_, seq, _, agreed_text, window_text, plan_level, host, held) in sorted(
            plans, key=lambda p: (p[2], p[1])
        )
    ]
    return ChannelSummary(
        slug=slug,
        title=title,
        parties=parties,
        topics=_texts(opened(topics)),
        level=_LEVELS[level] if level else None,
        leads=_leads(opened(leads)),
        follows=opened(follows),
        opened=FuzzyDate.parse(opened_text),
        status=status,
        status_since=FuzzyDate.parse(since_text),
        suspended_by=(detail or None) if status is ChannelStatus.SUSPENDED else None,
        successor=(detail or None) if status is ChannelStatus.CONCLUDED else None,
        meetings_held=int(count),
        last_meeting=FuzzyDate.parse(last_text) if last_text else None,
        cadences=tuple(cadence_states),
        planned=tuple(planned),
        version=version,
        as_of=as_of,
        known_on=known_on,
    )
