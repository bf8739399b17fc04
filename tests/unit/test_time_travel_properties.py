"""Properties of time travel, through the application on a real SQLite file.

Random sequences of commands are tried through DialogueTracker; the refused ones are dropped
(each must change nothing). On what was accepted:

(a) the state as of any day is the state folded from exactly the live facts that occurred by
    then, and agrees with a small independent replay of the status rules;
(b) the state known on any past moment is the answer the tracker gave at that moment.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings, target
from hypothesis import strategies as st
from pydantic import ValidationError

from tests.support import fingerprint
from tests.unit.builders import SLUG, Clock
from tests.unit.strategies import Op, command_lists, days, openings
from tracker.application.changing import (
    AmendChannel,
    CancelMeeting,
    CorrectFact,
    PostponeMeeting,
)
from tracker.application.commands import (
    AgreeCadence,
    AgreeChannel,
    ConcludeChannel,
    HoldMeeting,
    OpenChannel,
    PlanMeeting,
    ResumeChannels,
    RetractEvent,
    SuspendChannels,
)
from tracker.application.errors import BadInput, ChannelNotFound, Refused
from tracker.application.tracker import DialogueTracker
from tracker.domain.events import (
    ChannelAgreed,
    ChannelEvent,
    ChannelOpened,
    Concluded,
    EventRetracted,
    Fact,
    MeetingHeld,
    Resumed,
    Suspended,
)
from tracker.domain.state import ChannelState, fold
from tracker.domain.values import ChannelStatus
from tracker.store.sqlite_store import SQLiteStore

PROPERTY_SETTINGS = settings(max_examples=40, deadline=None)

# --- running them through the application --------------------------------------------------------


@dataclasses.dataclass
class Tracker:
    app: DialogueTracker
    clock: Clock
    path: Path
    version: int = 0  # of the one channel, as recorded so far
    stored: str = ""  # fingerprint of everything stored so far

    def open(self, command: OpenChannel) -> None:
        self.app.open_channel(command)
        self.version, self.stored = 1, fingerprint(str(self.path))


@contextmanager
def new_tracker() -> Iterator[Tracker]:
    """The application on a new SQLite file, with a clock that moves a minute at each reading."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "tracker.db"
        clock = Clock()
        app = DialogueTracker(SQLiteStore(path=path), write=True, clock=clock)
        try:
            yield Tracker(app, clock, path)
        finally:
            app.close()


# The kind of event each accepted operation records.
RECORDS = {"agree": "agreed", "cadence": "cadence", "plan": "planned", "meet": "meeting"}
RECORDS |= {"suspend": "suspended", "resume": "resumed", "conclude": "concluded"}
RECORDS |= {"retract": "retracted", "postpone": "postponed", "cancel": "cancelled"}
RECORDS |= {"amend": "amended"}


def attempt(tracker: Tracker, op: Op) -> bool:
    """Try one command; True if it was recorded. A refused command must change nothing."""
    app = tracker.app
    kind, on = op[0], op[1]
    try:
        match kind:
            case "agree":
                recorded = app.agree(AgreeChannel(slug=SLUG, on=on))
            case "cadence":
                command = AgreeCadence(slug=SLUG, on=on, level=op[2], per_year=op[3])
                recorded = app.agree_cadence(command)
            case "plan":
                try:
                    command = PlanMeeting(slug=SLUG, on=on, window=op[2], level=op[3])
                except ValidationError:
                    return False  # bad input (a window ending before the agreement): not sent
                recorded = app.plan_meeting(command)
            case "meet":
                command = HoldMeeting(slug=SLUG, on=on, level=op[2], location=op[3])
                recorded = app.hold_meeting(command)
            case "suspend":
                recorded = app.suspend(SuspendChannels(slugs=(SLUG,), on=on, by=op[2]))
            case "resume":
                recorded = app.resume(ResumeChannels(slugs=(SLUG,), on=on))
            case "conclude":
                recorded = app.conclude(ConcludeChannel(slug=SLUG, on=on))
            case "postpone":
                plan = 1 + op[2] % tracker.version
                try:
                    postponed = PostponeMeeting(slug=SLUG, seq=plan, on=on, window=op[3])
                except ValidationError:
                    return False  # a new window that ends before the postponement: not sent
                recorded = app.postpone(postponed)
            case "cancel":
                plan = 1 + op[2] % tracker.version
                recorded = app.cancel(CancelMeeting(slug=SLUG, seq=plan, on=on))
            case "amend":
                recorded = app.amend(AmendChannel(slug=SLUG, on=on, title=op[2], level=op[3]))
            case "correct":
                seq = 1 + op[1] % tracker.version
                recorded = app.correct(CorrectFact(slug=SLUG, seq=seq, on=op[2]))
            case "retract":
                seq = 1 + op[1] % tracker.version
                command = RetractEvent(slug=SLUG, seq=seq, reason="recorded by mistake")
                recorded = app.retract(command)
            case _:
                raise AssertionError(f"an operation these tests do not know: {op}")
    except (Refused, BadInput):
        assert fingerprint(str(tracker.path)) == tracker.stored, f"{op} refused but stored"
        return False
    kinds = [RECORDS[op[0]]] if kind != "correct" else [None, "retracted"]
    first = tracker.version + 1
    tracker.version += len(kinds)
    tracker.stored = fingerprint(str(tracker.path))
    found = [(r.slug, r.seq, r.kind) for r in recorded]
    expected = [(SLUG, first + i, k) for i, k in enumerate(kinds)]
    if kind == "correct":  # the copy is of the corrected fact's kind
        expected[0] = (SLUG, first, found[0][2])
    assert found == expected
    return True


def state_or_none(
    app: DialogueTracker, *, as_of: dt.date, known_on: dt.datetime | None = None
) -> ChannelState | None:
    try:
        return app.state(SLUG, as_of=as_of, known_on=known_on)
    except ChannelNotFound:
        return None


# --- an independent replay of the status rules ---------------------------------------------------


WORKING = (ChannelStatus.AGREED, ChannelStatus.ACTIVE)


def replay(facts: Sequence[Fact]) -> tuple[ChannelStatus, str, int]:
    """Status, since when, and meetings held, replaying the rules of DESIGN §3 in valid time.

    Asserts on the way that the recorded timeline keeps every rule.
    """
    ordered = sorted(
        facts, key=lambda f: (f.occurred.earliest, not isinstance(f, ChannelOpened), f.seq)
    )
    opening = ordered[0]
    assert isinstance(opening, ChannelOpened)
    status, since, before, meetings = opening.status, opening.occurred, ChannelStatus.ACTIVE, 0
    for fact in ordered[1:]:
        assert fact.occurred.earliest >= opening.occurred.earliest, "nothing before the opening"
        assert status is not ChannelStatus.CONCLUDED, "nothing after the conclusion"
        new = status
        if isinstance(fact, ChannelAgreed):
            assert status is ChannelStatus.PROPOSED
            new = ChannelStatus.AGREED
        elif isinstance(fact, MeetingHeld):
            assert status in WORKING, "a meeting needs an agreed or active channel"
            meetings += 1
            new = ChannelStatus.ACTIVE
        elif isinstance(fact, Suspended):
            assert status in WORKING, "only an agreed or active channel can be suspended"
            before, new = status, ChannelStatus.SUSPENDED
        elif isinstance(fact, Resumed):
            assert status is ChannelStatus.SUSPENDED, "only a suspended channel can be resumed"
            new = before
        elif isinstance(fact, Concluded):
            new = ChannelStatus.CONCLUDED
        if new is not status or isinstance(fact, Resumed):
            status, since = new, fact.occurred
    return status, str(since), meetings


def live_by(events: Sequence[ChannelEvent], day: dt.date) -> list[Fact]:
    """The facts not retracted that occurred by ``day`` (their earliest day is not after it)."""
    retracted = {e.retracted_seq for e in events if isinstance(e, EventRetracted)}
    return [
        e
        for e in events
        if isinstance(e, Fact) and e.seq not in retracted and e.occurred.earliest <= day
    ]


def summary(state: ChannelState) -> dict[str, Any]:
    return {
        "status": state.status,
        "status_since": str(state.status_since),
        "meetings": len(state.meetings),
        "cadences": [
            (c.level, c.per_year, c.next_due, c.overdue, c.days_late, str(c.last_meeting))
            for c in state.cadences
        ],
        "planned": [
            (p.seq, str(p.window), p.level, str(p.held), p.overdue, p.days_late)
            for p in state.planned
        ],
    }


# --- the properties ------------------------------------------------------------------------------


@PROPERTY_SETTINGS
@given(
    opening=openings,
    ops=command_lists,
    probes=st.lists(days, min_size=1, max_size=6),
)
def test_the_state_as_of_any_day_is_folded_from_exactly_the_live_facts_that_occurred_by_then(
    opening: OpenChannel, ops: list[Op], probes: list[dt.date]
) -> None:
    with new_tracker() as tracker:
        tracker.open(opening)
        target(float(sum(attempt(tracker, op) for op in ops)), label="commands accepted")
        events = tracker.app.channel(SLUG).events
        # Random days, and the first day each fact could mean and the day before (boundaries).
        edges = [e.occurred.earliest for e in events if isinstance(e, Fact)]
        edges += [edge - dt.timedelta(days=1) for edge in edges]

        for day in sorted({*probes, *edges, dt.date(2030, 1, 1)}):
            facts = live_by(events, day)
            actual = state_or_none(tracker.app, as_of=day)
            if not facts:
                assert actual is None
                continue
            expected = fold(facts, as_of=day)
            assert actual is not None
            assert expected is not None
            assert summary(actual) == summary(expected)
            assert (actual.status, str(actual.status_since), len(actual.meetings)) == replay(facts)


@PROPERTY_SETTINGS
@given(opening=openings, ops=command_lists, as_of=days)
def test_the_state_known_on_any_past_moment_is_the_answer_the_tracker_gave_then(
    opening: OpenChannel, ops: list[Op], as_of: dt.date
) -> None:
    with new_tracker() as tracker:
        app, clock = tracker.app, tracker.clock
        before_anything = clock.now
        answers: list[tuple[dt.datetime, ChannelState | None]] = []
        changed = 0
        tracker.open(opening)
        answers.append((clock.now, state_or_none(app, as_of=as_of)))
        for op in ops:
            accepted = attempt(tracker, op)
            answers.append((clock.now, state_or_none(app, as_of=as_of)))
            changed += accepted
        target(float(changed), label="commands accepted")

        assert state_or_none(app, as_of=as_of, known_on=before_anything) is None
        for moment, answer in answers:
            for known_on in (moment, moment + dt.timedelta(seconds=30)):
                later = state_or_none(app, as_of=as_of, known_on=known_on)
                if answer is None:
                    assert later is None
                else:
                    assert later is not None
                    assert later.known_on == known_on
                    assert dataclasses.replace(later, known_on=None) == answer


@PROPERTY_SETTINGS
@given(opening=openings, ops=command_lists)
def test_every_timeline_the_tracker_accepts_keeps_the_rules_in_valid_time(
    opening: OpenChannel, ops: list[Op]
) -> None:
    with new_tracker() as tracker:
        tracker.open(opening)
        accepted = [op for op in ops if attempt(tracker, op)]
        target(float(len(accepted)), label="commands accepted")
        events = tracker.app.channel(SLUG).events

        # A correction records two events (its copy and a retraction), at one moment.
        assert len(events) == 1 + sum(2 if op[0] == "correct" else 1 for op in accepted)
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        recorded = [e.recorded for e in events]
        assert recorded == sorted(recorded)
        assert len(set(recorded)) == 1 + len(accepted)
        replay(live_by(events, dt.date.max))


# --- several channels at once --------------------------------------------------------------------


def test_a_suspension_of_several_channels_records_on_all_of_them_or_on_none(
    tmp_path: Path,
) -> None:
    clock = Clock()
    path = tmp_path / "tracker.db"
    app = DialogueTracker(SQLiteStore(path=path), write=True, clock=clock)
    try:
        for slug, status in (("a", ChannelStatus.AGREED), ("b", ChannelStatus.PROPOSED)):
            app.open_channel(
                OpenChannel(slug=slug, title=slug, parties=("US", "CN"), on="2013", status=status)
            )
        before = fingerprint(str(path))

        with pytest.raises(Refused, match="proposed"):
            app.suspend(SuspendChannels(slugs=("a", "b"), on="2022-08-05", by="CN"))

        assert fingerprint(str(path)) == before
        assert app.channel("a").version == 1
        app.agree(AgreeChannel(slug="b", on="2014"))
        recorded = app.suspend(SuspendChannels(slugs=("a", "b"), on="2022-08-05", by="CN"))
        assert [(r.slug, r.kind) for r in recorded] == [("a", "suspended"), ("b", "suspended")]
        as_of = dt.date(2023, 1, 1)
        assert [app.state(s, as_of=as_of).status for s in "ab"] == [ChannelStatus.SUSPENDED] * 2
    finally:
        app.close()
