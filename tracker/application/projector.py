"""The read model's projector: applies stored events to the read-model tables, exactly once.

The read model is bitemporal. Every row holds the record time from which it was known
(``rec_from``) and the record time it was superseded at (``rec_to``; FOREVER while it is
current), in microseconds since 1970 UTC (domain.timeline.micros). A row is never changed: what
a later event changes is closed and written again. So the dashboard as known at any moment is
read from the same tables as the dashboard as known now (see readings.py).

Each new event is placed where it falls in valid time. A fact that falls after every other fact
of its channel (the usual case) is applied to the channel's running state and appends rows; a
backfilled fact or a retraction closes the channel's rows and projects its live facts again.
Which status a fact leads to is decided by the domain's lifecycle (domain/lifecycle.py), not
here; what is stored of a fact follows its kind: a span of status, a meeting, a cadence, a plan.
Rows and the tracking position are written in one transaction.

Here facts are placed and their rows made; a channel's running state and its stored row are in
channel_row.py, the writing of rows in batches in row_writer.py, and the reading of stored events
after the tracked position in catch_up.py.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable, Mapping
from typing import Any
from uuid import UUID

from tracker.application.channel_row import ChannelRow, LevelRun, channel_row_of, channel_values
from tracker.application.dashboard_views import stored_view
from tracker.application.row_writer import RowWriter
from tracker.domain import lifecycle
from tracker.domain.dates import FuzzyDate
from tracker.domain.events import Fact
from tracker.domain.plans import settle_from, settles
from tracker.domain.timeline import Walk, micros, walk
from tracker.store.readmodel.cursor import ReadModelCursor
from tracker.store.readmodel.errors import ReadModelDamaged
from tracker.store.readmodel.queries import SELECT_CHANNEL
from tracker.store.readmodel.schema import CHANNEL_COLUMNS, FOREVER

# A channel's live facts in valid time, its version, and each corrected fact's copy, as known
# at a moment.
LoadFacts = Callable[[UUID, dt.datetime], tuple[list[Fact], int, dict[int, int]]]

# Kinds of fact after which the channel is projected again from the domain's walk: they change
# a plan or what the channel goes by, which the walk decides (and they are rare).
WALKED = frozenset({"postponed", "cancelled", "amended"})
PLANS = frozenset({"planned", "postponed", "cancelled"})


def _later(a: str | None, b: str) -> str:
    return b if a is None or b > a else a


class Projector:
    """Applies facts to the read-model tables through one cursor (one transaction)."""

    def __init__(self, cursor: ReadModelCursor, load_facts: LoadFacts) -> None:
        self.cursor = cursor
        self.load_facts = load_facts
        self.seal = cursor.store.seal.seal  # a user's text as the read model keeps it
        self.channels: dict[str, ChannelRow] = {}
        self.rows = RowWriter(cursor)

    # --- applying events ------------------------------------------------------------------

    def apply(self, key: str, version: int, kind: str, payload: Mapping[str, Any]) -> None:
        """Apply one stored event of channel ``key``, given as its kind and JSON payload."""
        recorded = dt.datetime.fromisoformat(payload["recorded"])
        moment = micros(recorded)
        if kind == "opened" and version == 1:
            opened = self._open(key, payload, version, moment)
            self._span(opened, str(payload["status"]), FuzzyDate.parse(payload["occurred"]), kind)
            return
        row = self._channel(key)
        if row is None:
            # Caught up in commit order, a channel's opening comes before its other events: it
            # was lost from the events (reading the channel says so) or from the read model.
            self.load_facts(UUID(key), recorded)
            raise ReadModelDamaged(f"the read model has no row of the channel with id {key}")
        if version <= row.version:
            return  # already applied
        # Clocks of different writers may disagree: record time never goes back in a channel.
        if moment <= row.known_from:
            moment = row.known_from
            row.changed = True  # what _at does at the same moment, without the call
        else:
            self._at(row, moment)
        if kind == "retracted" or kind in WALKED or kind == "opened" or payload.get("corrects"):
            self.rebuild_channel(UUID(key), recorded, moment)
            return
        occurred = FuzzyDate.parse(payload["occurred"])
        start = occurred.earliest_iso
        if start < row.last_start or (
            # A cadence agreed on a day some meetings at its level were held counts them
            # (DESIGN §4): what those meetings' rows say of the level's run changes.
            kind == "cadence" and row.levels.get(payload["level"], LevelRun()).last_start == start
        ):
            self.rebuild_channel(UUID(key), recorded, moment)  # not simply at the end
            return
        row.version = version
        self._append(row, kind, version, occurred, payload)

    def _open(self, key: str, payload: Mapping[str, Any], version: int, moment: int) -> ChannelRow:
        occurred = FuzzyDate.parse(payload["occurred"])
        row = ChannelRow(
            channel_id=key,
            opening=dict(payload),
            opened_text=str(occurred),
            opened_start=occurred.earliest_iso,
            known_from=moment,
            version=version,
            last_start=occurred.earliest_iso,
        )
        self.channels[key] = row
        return row

    def _at(self, row: ChannelRow, moment: int) -> None:
        """From ``moment`` on, the channel's state is another: the state before is a version
        of the channel's row that holds until then."""
        if moment == row.known_from:
            row.changed = True
            return
        if row.changed:
            if row.stored_from == row.known_from:
                self.cursor.drop_channel_row(row.channel_id, row.known_from)
            self.rows.versions.append(self._values(row, until=moment))
        elif row.stored_from == row.known_from:
            self.cursor.close_channel_row(row.channel_id, row.known_from, moment)
        row.known_from, row.changed = moment, True

    def _append(
        self, row: ChannelRow, kind: str, seq: int, occurred: FuzzyDate, data: Mapping[str, Any]
    ) -> None:
        start = occurred.earliest_iso
        row.last_start = max(row.last_start, start)
        if kind == "meeting":
            self._meeting(row, seq, occurred, data.get("level"))
        elif kind == "cadence":
            run = row.level(data["level"])
            run.cadence_start = start
            # Meetings at the level on the day it was agreed count towards it (DESIGN §4).
            run.run_max = run.day_max if run.last_start == start else None
            if run.run_max is not None:
                # Only when the channel is projected again (see apply): those meetings' rows
                # were all written from this record time on, and were never seen otherwise.
                self.rows.flush()
                self.cursor.count_meetings_towards(
                    row.channel_id, data["level"], start, run.run_max, row.known_from
                )
            self.rows.cadences.append(row.cadence_row(
                (row.channel_id, seq, row.known_from, FOREVER, data["level"],
                 float(data["per_year"]), str(occurred), start, occurred.latest_iso),
            ))  # fmt: skip
        elif kind == "planned":
            self._plan(row, seq, occurred, data)
        found = lifecycle.step_by_value(kind, row.status, row.before_suspension)
        if found is not None:
            enters, row.before_suspension = found
            if enters is not None:
                detail = lifecycle.detail_of(kind)
                reason = data.get("reason") if kind == "suspended" else None
                given = data.get(detail) if detail else None
                self._span(row, enters, occurred, kind, detail=given, reason=reason)

    def _meeting(self, row: ChannelRow, seq: int, occurred: FuzzyDate, level: str | None) -> None:
        start, latest = occurred.earliest_iso, occurred.latest_iso
        row.meetings_count += 1
        row.last_meeting_text = text = str(occurred)
        run_max = None
        if row.open_plans:
            self._settle(row, (start, latest, level), text)
        if level:
            run = row.level(level)
            run.day_max = _later(run.day_max, latest) if run.last_start == start else latest
            run.last_start, run.last_text = start, text
            if run.cadence_start is not None:
                run.run_max = run_max = _later(run.run_max, latest)
        self.rows.meetings.append(
            (row.channel_id, seq, row.known_from, FOREVER, row.meetings_count, text, start,
             latest, level, run_max),
        )  # fmt: skip

    def _plan(
        self, row: ChannelRow, seq: int, occurred: FuzzyDate, data: Mapping[str, Any]
    ) -> None:
        """A plan, open until a meeting to come settles it: facts come here in valid time, so
        every meeting projected so far began on or before the day it was agreed, and none of
        them can (domain/plans.py settles)."""
        window = FuzzyDate.parse(data["window"])
        level = data.get("level")
        first_day = settle_from(window, occurred)
        row.open_plans.append((seq, first_day, level, occurred.earliest_iso))
        host, location = data.get("host"), data.get("location")
        self.rows.plans.append(row.plan_row(
            (row.channel_id, seq, occurred.earliest_iso, row.known_from, FOREVER, str(occurred),
             occurred.earliest_iso, str(window), first_day, level, self.seal(host),
             self.seal(location), str(window), None, None, 0),
            host, location,
        ))  # fmt: skip

    def _settle(self, row: ChannelRow, meeting: tuple[str, str, str | None], text: str) -> None:
        """Mark the open plans this meeting (after every other fact) is the first to settle:
        ``meeting`` is its (earliest day, latest day, level)."""
        still_open = []
        for plan in row.open_plans:
            seq, first_day, plan_level, agreed = plan
            if settles((agreed, first_day, plan_level), meeting):
                row.held[seq] = text
            else:
                still_open.append(plan)
        row.open_plans = still_open

    def _span(
        self,
        row: ChannelRow,
        status: str,
        occurred: FuzzyDate,
        by: str,
        *,
        detail: Any = None,
        reason: str | None = None,
    ) -> None:
        row.status = status
        row.since_text, row.since_by, row.detail, row.reason = str(occurred), by, detail, reason
        if by == "resumed":
            row.resumed_latest = occurred.latest_iso
        self.rows.spans.append(
            (row.channel_id, row.spans_count, row.known_from, FOREVER, occurred.earliest_iso,
             row.status, str(occurred), occurred.latest_iso, by, self.seal(detail),
             self.seal(reason)),
        )  # fmt: skip
        row.spans_count += 1

    def rebuild_channel(self, channel_id: UUID, recorded: dt.datetime, moment: int) -> None:
        """Project one channel's live facts again, in valid time, as known from ``moment``
        (the record time of the event that made it necessary, ``recorded``)."""
        self.rows.flush()
        key = str(channel_id)
        self.cursor.close_rows(key, moment)
        facts, version, aliases = self.load_facts(channel_id, recorded)
        walked, _ = walk(facts, aliases)
        opening, *rest = facts
        assert walked.profile is not None
        row = self.channels[key]
        fresh = ChannelRow(
            channel_id=key,
            opening=opening.details()
            | walked.profile.as_json()
            | {"occurred": str(opening.occurred)},
            opened_text=str(opening.occurred),
            opened_start=opening.occurred.earliest_iso,
            known_from=moment,
            stored_from=row.stored_from,
            last_start=opening.occurred.earliest_iso,
        )
        self.channels[key] = fresh
        self._span(fresh, str(opening.details()["status"]), opening.occurred, "opened")
        for fact in rest:
            if fact.KIND in PLANS:  # written from the walk's plans, below
                fresh.last_start = max(fresh.last_start, fact.occurred.earliest_iso)
            else:
                self._append(fresh, fact.KIND, fact.seq, fact.occurred, fact.details())
        self._walked_plans(fresh, walked)
        if len(walked.profiles) > 1:
            # Numbered in the walk's order, not by their facts' seq: of two profiles of one day
            # the walk's later one holds (an opening corrected to an amendment's day comes
            # first, whatever its seq).
            self.rows.profiles.extend(
                (key, p.since.earliest_iso, order, moment, FOREVER,
                 self.seal(json.dumps(p.as_json())))
                for order, p in enumerate(walked.profiles)
            )  # fmt: skip
        fresh.version = version

    def _walked_plans(self, row: ChannelRow, walked: Walk) -> None:
        """The plans as the domain's walk left them: each version's row, those still open, and
        the meeting that settled each of the others."""
        for track in walked.plans.values():
            plan = track.plan
            level = plan.level.value if plan.level else None
            versions = {}  # by the day each holds from: of two on one day, the later holds
            postponements = 0
            for v in track.versions:
                postponements += v.change == "postponed"
                versions[v.valid_from.earliest_iso] = (
                    row.channel_id, plan.seq, v.valid_from.earliest_iso, row.known_from, FOREVER,
                    str(plan.occurred), plan.occurred.earliest_iso, str(v.window),
                    settle_from(v.window, plan.occurred), level, self.seal(plan.host),
                    self.seal(plan.location),
                    str(plan.window), v.change, str(v.valid_from) if v.change else None,
                    postponements,
                )  # fmt: skip
            self.rows.plans.extend(
                row.plan_row(values, plan.host, plan.location) for values in versions.values()
            )
            if track.held is not None:
                row.held[plan.seq] = str(track.held.occurred)
            elif track.open:
                row.open_plans.append((
                    plan.seq, settle_from(track.window, plan.occurred), level,
                    plan.occurred.earliest_iso,
                ))  # fmt: skip

    # --- state of the channels --------------------------------------------------------------

    def _channel(self, key: str) -> ChannelRow | None:
        if key in self.channels:
            return self.channels[key]
        found = self.cursor.execute(SELECT_CHANNEL, (key, FOREVER)).fetchone()
        if found is None:
            return None
        try:
            columns = dict(zip(CHANNEL_COLUMNS, found, strict=True))
            row = channel_row_of(key, columns, self.cursor.store.seal.open)
        except (TypeError, ValueError, KeyError) as e:
            raise ReadModelDamaged(
                f"the read model's row of channel {key} cannot be read ({type(e).__name__})"
            ) from None
        self.channels[key] = row
        return row

    def _values(self, row: ChannelRow, *, until: int) -> tuple[Any, ...]:
        """The channel's row of rm_channels, with its view at the end of its timeline."""
        values = channel_values(row, self.seal, until=until)
        # Every column but the last, the view, made from the others here.
        columns = dict(zip(CHANNEL_COLUMNS, values, strict=False))
        return (*values, self.seal(stored_view(columns, self.cursor.store.seal.open)))

    def finish(self) -> None:
        """Write everything still held, and each changed channel's current row."""
        current = []
        for row in self.channels.values():
            if not row.changed:
                continue
            if row.stored_from == row.known_from:
                # Changed again at the record time of its stored row: that row is replaced.
                self.cursor.drop_channel_row(row.channel_id, row.known_from)
            current.append(self._values(row, until=FOREVER))
        self.rows.versions.extend(current)
        self.rows.flush()
