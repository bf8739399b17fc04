"""Stores written by this version stay readable after the events change.

tests/fixtures/store-v1.db was written by this version of the tracker and is never rewritten.
The tests read it as it is, and through a later version of MeetingHeld (a field renamed, a new
required field with a default) that reads the old stored form through an upcaster: the
procedure of docs/operations.md. Each runs on SQLite and on PostgreSQL (the fixture's rows
copied as they are).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, ClassVar

import pytest

from tests.fixtures.stores import store_from_fixture
from tests.support import run_cli
from tracker.application import open_tracker
from tracker.domain.events import STORED_TOPICS, MeetingHeld

FIXTURE = Path(__file__).parents[1] / "fixtures" / "store-v1.db"


@pytest.fixture
def old_store(db: str) -> str:
    """The fixture's events, byte for byte, in the test's store."""
    return store_from_fixture(FIXTURE, db)


class MeetingHeldV2(MeetingHeld):
    """A later MeetingHeld: ``location`` renamed ``place``; a new field ``format``."""

    class_version: ClassVar[int] = 2

    location: None = None  # type: ignore[assignment]
    place: str | None = None
    format: str = "in person"

    @staticmethod
    def upcast_v1_v2(state: dict[str, Any]) -> None:
        state["place"] = state.pop("location", None)
        state["format"] = "in person"


@pytest.fixture
def later_version(monkeypatch: pytest.MonkeyPatch) -> type[MeetingHeldV2]:
    """The stored topic now names the changed class, as a renamed class's TOPIC would."""
    monkeypatch.setitem(STORED_TOPICS, MeetingHeld.TOPIC, MeetingHeldV2)
    monkeypatch.setattr(MeetingHeldV2, "TOPIC", MeetingHeld.TOPIC, raising=False)
    return MeetingHeldV2


def test_the_fixture_store_reads_and_verifies_as_written(old_store: str) -> None:
    status = run_cli(["status", "us-cn-commercial-wg", "--json"], db=old_store)
    assert status.exit_code == 0, status.output
    assert status.json()["last_meeting"] == "2024-04-04"
    history = run_cli(["history", "us-cn-mmca", "--json"], db=old_store).json()
    assert [e["kind"] for e in history] == [
        "opened",
        "suspended",
        "resumed",
        "meeting",
        "retracted",
    ]
    assert history[3]["occurred"] == "2024-04~"
    assert history[3]["retracted"] is True
    verify = run_cli(["verify"], db=old_store)
    assert verify.exit_code == 0, verify.output


def test_old_meetings_are_read_through_the_upcaster(
    old_store: str, later_version: type[MeetingHeldV2]
) -> None:
    app = open_tracker(old_store, write=False)
    try:
        meeting = next(e for e in app.channel("us-cn-commercial-wg").events if e.KIND == "meeting")
    finally:
        app.close()
    assert isinstance(meeting, later_version)
    assert meeting.place == "Beijing"  # was `location`
    assert meeting.format == "in person"  # new, with its default


def test_the_upcast_store_still_verifies_and_reports(
    old_store: str, later_version: type[MeetingHeldV2]
) -> None:
    # The seals cover the bytes as stored, so an upcaster changes nothing they check.
    assert run_cli(["verify"], db=old_store).exit_code == 0
    assert run_cli(["status", "--json"], db=old_store).exit_code == 0
    report = run_cli(["report", "--format", "json"], db=old_store)
    assert report.exit_code == 0, report.output
    channels = json.loads(report.stdout)["channels"]
    wg = next(c for c in channels if c["channel"] == "us-cn-commercial-wg")
    meeting = next(e for e in wg["history"] if e["kind"] == "meeting")
    assert meeting["details"]["place"] == "Beijing"


def test_an_event_of_the_new_version_is_stored_with_its_version_and_read_back(
    old_store: str, later_version: type[MeetingHeldV2]
) -> None:
    app = open_tracker(old_store, write=True)
    try:
        channel = app.channel("us-cn-commercial-wg")
        event = later_version(
            originator_id=channel.id,
            originator_version=channel.version + 1,
            recorded=app.clock(),
            occurred="2025-05-05",
            place="Tianjin",
            format="video call",
        )
        channel.events.append(event)
        app.save(event)
        stored = app.mapper.to_stored_event(event)
        assert json.loads(stored.state)["class_version"] == 2
        again = app.channel("us-cn-commercial-wg").events[-1]
    finally:
        app.close()
    assert isinstance(again, later_version)
    assert (again.place, again.format) == ("Tianjin", "video call")
    assert run_cli(["verify"], db=old_store).exit_code == 0


# --- the second fixture: the kinds of fact of the second series ----------------------------------

FIXTURE_V2 = Path(__file__).parents[1] / "fixtures" / "store-v2.db"


@pytest.fixture
def v2_store(db: str) -> str:
    """store-v2.db's events, byte for byte, in the test's store."""
    return store_from_fixture(FIXTURE_V2, db)


def test_corrections_amendments_and_plan_changes_read_back_as_written(v2_store: str) -> None:
    history = run_cli(["history", "us-cn-commercial-wg", "--json"], db=v2_store).json()
    by_seq = {e["seq"]: e for e in history}
    assert (by_seq[5]["corrected_by"], by_seq[6]["corrects"]) == (6, 5)
    assert by_seq[6]["occurred"] == "2024-04-05"
    assert by_seq[7]["details"] == {"retracted_seq": 5, "reason": "the readout's day"}
    assert by_seq[8]["entry_id"] == "wg-plan-2025"
    assert by_seq[9]["details"] == {"plan_seq": 8, "window": "2025-06", "reason": "schedules"}

    plan = run_cli(["status", "us-cn-commercial-wg", "--json"], db=v2_store).json()["planned"]
    assert [(p["window"], p["agreed_window"], p["change"]) for p in plan] == [
        ("2025-06", "2025-01/2025-03", "postponed")
    ]
    climate = run_cli(["status", "us-cn-climate-talks", "--json"], db=v2_store).json()
    assert climate["title"] == "Working Group on Enhancing Climate Action in the 2020s"
    assert climate["topics"] == ["methane"]
    assert [p["change"] for p in climate["planned"]] == ["cancelled"]
    before = run_cli(
        ["status", "us-cn-climate-talks", "--json", "--as-of", "2023-01-01"], db=v2_store
    ).json()
    assert before["title"] != climate["title"]
    if not v2_store.startswith("postgresql://"):  # the ledger is the SQLite file's, copied whole
        assert run_cli(["verify"], db=v2_store).exit_code == 0
