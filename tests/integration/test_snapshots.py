"""Snapshots of long channels: taken, renewed and pruned; read as the events would be.

A snapshot is a cache of a channel's events. Every answer read through one must equal the
answer folded from the events alone; a snapshot that cannot be used (out of date, damaged, or
missing from a read-only file) is passed over; ``tracker verify`` reports a damaged one and
``tracker rebuild`` takes it again. Each test runs on a SQLite file and on PostgreSQL.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import stat
from pathlib import Path
from typing import Any

import pytest
from eventsourcing.persistence import IntegrityError

from tests.integration.seeding import meeting, opening, write_seed
from tests.integration.test_encryption import everything_stored
from tests.integration.test_encryption import run as run_with_key
from tests.integration.test_format_evolution import FIXTURE, MeetingHeldV2, later_version
from tests.support import run_cli, snapshot_rows, stored_rows
from tracker.application import open_tracker
from tracker.application.snapshots import ChannelSnapshots, SnapshotUnusable
from tracker.application.unit_of_work import UnitOfWork
from tracker.domain.channel import Channel, project_channel
from tracker.domain.snapshot import event_formats
from tracker.domain.values import channel_id

__all__ = ["later_version"]  # a fixture, used by name

SLUG = "us-cn-long-talks"
START = dt.date(1990, 1, 1)
EVENTS = 1_100  # more than twice the snapshot interval (500)


def day(n: int) -> str:
    return (START + dt.timedelta(days=n)).isoformat()


def long_channel(path: Path, events: int = EVENTS) -> Path:
    """A seed file of one channel: its opening and then one meeting a day."""
    entries = [opening(SLUG, on=day(0))]
    entries += [meeting(SLUG, on=day(n), location=f"City {n}") for n in range(1, events)]
    return write_seed(path, entries)


@pytest.fixture
def imported(db: str, tmp_path: Path) -> str:
    result = run_cli(["import", str(long_channel(tmp_path / "long.toml"))], db=db)
    assert result.exit_code == 0, result.output
    return db


def snapshot_versions(db: str) -> list[int]:
    return [int(row[1]) for row in snapshot_rows(db)]


def stored_snapshot(db: str) -> bytes:
    """The state of the one stored snapshot (not encrypted)."""
    (state,) = [row[3] for row in snapshot_rows(db)]
    return bytes(state)


def execute(db: str, statement: str, params: tuple[Any, ...] = ()) -> None:
    """Change the database directly, as someone with access to it (not the tracker) would."""
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute(statement.replace("?", "%s").replace("stored_", "tracker_"), params)
        return
    import sqlite3

    with sqlite3.connect(db) as conn:
        conn.execute(statement, params)


def readings(db: str, moments: tuple[dt.datetime, ...] = ()) -> dict[str, Any]:
    """The answers a user reads about the long channel, one JSON document per question; with
    ``moments``, also as known at each of them."""
    questions = {
        "status": ["status", SLUG, "--json"],
        "as_of": ["status", SLUG, "--as-of", day(700), "--json"],
        "as_of_early": ["status", SLUG, "--as-of", day(5), "--json"],
        "history": ["history", SLUG, "--json"],
        "history_as_of": ["history", SLUG, "--as-of", day(30), "--json"],
        "overdue": ["overdue", "--json"],
        "overdue_as_of": ["overdue", "--as-of", day(400), "--json"],
        "dashboard": ["status", "--json"],
    }
    for n, moment in enumerate(moments):
        known_on = ["--known-on", moment.isoformat()]
        questions |= {
            f"known_on {n}": ["status", SLUG, *known_on, "--json"],
            f"as_of known_on {n}": ["status", SLUG, "--as-of", day(700), *known_on, "--json"],
            f"history known_on {n}": ["history", SLUG, *known_on, "--json"],
            f"dashboard known_on {n}": ["status", *known_on, "--json"],
        }
    answers = {}
    for name, args in questions.items():
        result = run_cli(args, db=db)
        assert result.exit_code == 0, (args, result.output)
        answers[name] = result.json()
    return answers


def test_an_imported_long_channel_keeps_one_snapshot_of_all_its_events(imported: str) -> None:
    assert snapshot_versions(imported) == [EVENTS]
    app = open_tracker(imported, write=False)
    try:
        assert app.snapshots is not None
        snapshot = app.snapshots.newest(channel_id(SLUG))
        assert snapshot is not None
        assert [e.originator_version for e in snapshot.events] == list(range(1, EVENTS + 1))
    finally:
        app.close()


def test_a_channel_read_through_its_snapshot_equals_the_fold_of_its_events(
    imported: str,
) -> None:
    # Events after the snapshot too: a retraction of a fact it holds, and more facts.
    for args in (["retract", SLUG, "700", "--reason", "no"], ["meet", SLUG, "--on", day(2000)]):
        assert run_cli(args, db=imported).exit_code == 0
    app = open_tracker(imported, write=False)
    try:
        whole = app.channel(SLUG)
        from_events = project_channel(None, app.events.get(channel_id(SLUG)))
    finally:
        app.close()
    assert from_events is not None
    assert whole.events == from_events.events
    recorded = [e.recorded for e in from_events.events]
    moments = [None, recorded[0], recorded[EVENTS // 2], recorded[EVENTS], recorded[-1]]
    days = [START - dt.timedelta(days=1), START, *(START + dt.timedelta(n) for n in (5, 699))]
    days += [START + dt.timedelta(n) for n in (700, 1500, 2000)] + [dt.date(2100, 1, 1)]
    for as_of in days:
        for known_on in moments:
            expected = from_events.state(as_of=as_of, known_on=known_on)
            assert whole.state(as_of=as_of, known_on=known_on) == expected


def test_every_answer_is_the_same_with_and_without_the_snapshot(imported: str) -> None:
    with_snapshot = readings(imported)
    execute(imported, "DELETE FROM stored_snapshots")
    assert snapshot_versions(imported) == []
    assert readings(imported) == with_snapshot


def test_retractions_and_earlier_moments_read_the_same_with_and_without_the_snapshot(
    imported: str,
) -> None:
    moments = [dt.datetime.now(dt.UTC)]
    for args in (
        ["retract", SLUG, "7", "--reason", "no such meeting"],  # a fact the snapshot holds
        ["meet", SLUG, "--on", day(EVENTS + 5)],
        ["retract", SLUG, str(EVENTS + 2), "--reason", "recorded twice"],  # one after it
    ):
        moments.append(dt.datetime.now(dt.UTC))
        result = run_cli(args, db=imported)
        assert result.exit_code == 0, result.output
    moments.append(dt.datetime.now(dt.UTC))
    with_snapshot = readings(imported, tuple(moments))
    assert with_snapshot["known_on 1"]["meetings_held"] == EVENTS - 1
    assert with_snapshot["known_on 2"]["meetings_held"] == EVENTS - 2
    execute(imported, "DELETE FROM stored_snapshots")
    assert readings(imported, tuple(moments)) == with_snapshot


def test_recording_renews_the_snapshot_and_keeps_only_the_newest(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(UnitOfWork.snapshotting_intervals, Channel, 10)
    run_cli(["import", str(long_channel(tmp_path / "short.toml", events=5))], db=db)
    assert snapshot_versions(db) == []  # short channels have none
    for n in range(5, 25):
        result = run_cli(["meet", SLUG, "--on", day(n)], db=db)
        assert result.exit_code == 0, result.output
        if n == 9:
            assert snapshot_versions(db) == [10]
    assert snapshot_versions(db) == [20]
    # Events recorded after a snapshot are chained to the seals it holds.
    verify = run_cli(["verify"], db=db)
    assert verify.exit_code == 0, verify.output


def test_a_snapshot_another_writer_took_first_does_not_fail_or_repeat_the_write(
    db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(UnitOfWork.snapshotting_intervals, Channel, 10)
    run_cli(["import", str(long_channel(tmp_path / "short.toml", events=9))], db=db)

    def taken_already(self: ChannelSnapshots, snapshot: Any) -> Any:
        # What the library raises when another writer stored this snapshot a moment before.
        raise IntegrityError("UNIQUE constraint failed: stored_snapshots")

    monkeypatch.setattr(ChannelSnapshots, "keep", taken_already)
    result = run_cli(["meet", SLUG, "--on", day(9)], db=db)
    assert result.exit_code == 0, result.output
    history = run_cli(["history", SLUG, "--json"], db=db).json()
    assert len(history) == 10  # recorded once, not retried into a refusal


def test_a_fact_held_in_the_snapshot_can_still_be_retracted(imported: str) -> None:
    result = run_cli(["retract", SLUG, str(EVENTS), "--reason", "wrong date"], db=imported)
    assert result.exit_code == 0, result.output
    status = run_cli(["status", SLUG, "--json"], db=imported).json()
    assert status["last_meeting"] == day(EVENTS - 2)
    history = run_cli(["history", SLUG, "--json"], db=imported).json()
    assert history[EVENTS - 1]["retracted"] is True
    assert run_cli(["verify"], db=imported).exit_code == 0


def test_verify_reports_an_altered_snapshot_and_rebuild_takes_it_again(imported: str) -> None:
    before = readings(imported)
    # Someone moves meeting #7 to another city inside the snapshot, not in the events.
    (state,) = [row[3] for row in snapshot_rows(imported)]
    forged = bytes(state).replace(b'"City 6"', b'"Atlantis"', 1)
    assert forged != bytes(state)
    execute(imported, "UPDATE stored_snapshots SET state = ?", (forged,))

    verify = run_cli(["verify"], db=imported)
    assert verify.exit_code == 1
    assert f"{SLUG} #7" in verify.output
    assert "snapshot" in verify.output

    rebuild = run_cli(["rebuild"], db=imported)
    assert rebuild.exit_code == 0, rebuild.output
    assert snapshot_versions(imported) == [EVENTS]
    assert run_cli(["verify"], db=imported).exit_code == 0
    assert readings(imported) == before


def test_an_event_that_cannot_be_read_inside_the_snapshot_is_passed_over_and_named(
    imported: str,
) -> None:
    before = readings(imported)
    forged = stored_snapshot(imported).replace(b'"City 6"', b'"City 6', 1)  # not JSON any more
    execute(imported, "UPDATE stored_snapshots SET state = ?", (forged,))
    assert readings(imported) == before  # read from the events instead
    verify = run_cli(["verify"], db=imported)
    assert verify.exit_code == 1
    assert f"{SLUG} #7: cannot be read in the channel's snapshot" in verify.output


def test_a_snapshot_in_the_format_before_keys_is_passed_over_and_taken_again(
    imported: str,
) -> None:
    """Snapshots of format 1 held every event grouped by kind, in one JSON document."""
    before = readings(imported)
    groups: dict[str, list[Any]] = {}
    for _, version, topic, state in stored_rows(imported):
        event = {"originator_id": str(channel_id(SLUG)), "originator_version": int(version)}
        group = {"tracker.events:ChannelOpened": "opened", "tracker.events:MeetingHeld": "meetings"}
        groups.setdefault(group[topic], []).append(event | json.loads(bytes(state)))
    old = {
        "originator_id": str(channel_id(SLUG)),
        "originator_version": EVENTS,
        "formats": event_formats(),
        **groups,
    }
    execute(imported, "UPDATE stored_snapshots SET state = ?", (json.dumps(old).encode(),))

    app = open_tracker(imported, write=False)
    try:
        assert app.snapshots is not None
        with pytest.raises(SnapshotUnusable) as unusable:
            app.snapshots.newest(channel_id(SLUG))
    finally:
        app.close()
    assert not unusable.value.damaged  # out of date, not damage: verify has nothing to report
    assert run_cli(["verify"], db=imported).exit_code == 0
    assert readings(imported) == before
    assert run_cli(["rebuild"], db=imported).exit_code == 0
    assert stored_snapshot(imported).startswith(b'{"format":4,')
    assert readings(imported) == before


def test_an_unreadable_snapshot_is_reported_and_passed_over(imported: str) -> None:
    before = readings(imported)
    execute(imported, "UPDATE stored_snapshots SET state = ?", (b"{not json",))
    assert readings(imported) == before  # read from the events instead
    verify = run_cli(["verify"], db=imported)
    assert verify.exit_code == 1
    assert f"{SLUG} #{EVENTS}" in verify.output
    assert "snapshot" in verify.output


def test_a_snapshot_taken_before_an_event_format_changed_is_passed_over(
    imported: str, later_version: type[MeetingHeldV2]
) -> None:
    app = open_tracker(imported, write=False)
    try:
        events = app.channel(SLUG).events
    finally:
        app.close()
    # Read through the upcaster, not from the snapshot's copies in the old format.
    assert isinstance(events[-1], later_version)
    assert events[-1].place == f"City {EVENTS - 1}"
    # An out-of-date snapshot is not damage.
    assert run_cli(["verify"], db=imported).exit_code == 0


def test_an_encrypted_snapshot_holds_no_title_or_place_in_clear(db: str, tmp_path: Path) -> None:
    key = run_with_key(["keygen"], db, None).stdout.strip()
    seed = long_channel(tmp_path / "long.toml")
    assert run_with_key(["import", str(seed)], db, key).exit_code == 0
    assert snapshot_versions(db) == [EVENTS]
    stored = everything_stored(db)
    assert f"Channel {SLUG}".encode() not in stored
    assert b"City 1" not in stored
    status = run_with_key(["status", SLUG, "--json"], db, key)
    assert status.json()["title"] == f"Channel {SLUG}"
    as_of = run_with_key(["status", SLUG, "--as-of", day(30), "--json"], db, key).json()
    assert as_of["meetings_held"] == 30
    assert run_with_key(["verify"], db, key).exit_code == 0


@pytest.fixture
def read_only_old_store(tmp_path: Path) -> str:
    """The fixture store (written before snapshots were taken), as a read-only file."""
    path = tmp_path / "old.db"
    shutil.copy(FIXTURE, path)
    path.chmod(stat.S_IRUSR | stat.S_IRGRP | stat.S_IROTH)  # 0444: the tracker must not write
    return str(path)


def test_a_read_only_store_without_a_snapshot_table_is_read_from_its_events(
    read_only_old_store: str,
) -> None:
    status = run_cli(["status", "us-cn-commercial-wg", "--json"], db=read_only_old_store)
    assert status.exit_code == 0, status.output
    assert status.json()["last_meeting"] == "2024-04-04"
    assert run_cli(["verify"], db=read_only_old_store).exit_code == 0
    assert snapshot_rows(read_only_old_store) == []  # and nothing was created in it
