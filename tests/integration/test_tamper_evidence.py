"""tracker verify finds every event altered, deleted, reordered or inserted in the database.

The tests tamper with the rows directly, in SQLite and in PostgreSQL, as someone with access
to the database (and not to the tracker) would.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path
from uuid import UUID

import pytest

from tests.support import query, run_cli, stored_rows

SEEDS = Path(__file__).parents[2] / "seeds" / "us-china-2023.toml"
WG = "us-cn-commercial-wg"


def execute(db: str, statement: str, params: tuple[object, ...] = ()) -> None:
    """Run one statement straight on the database (no tracker involved)."""
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute(statement.replace("?", "%s"), params)
        return
    with sqlite3.connect(db) as conn:
        conn.execute(statement, params)


def table(db: str) -> str:
    return "tracker_events" if db.startswith("postgresql://") else "stored_events"


def channel_id(db: str) -> object:
    from tracker.domain.values import channel_id as uuid_of

    value = uuid_of(WG)
    return str(value) if db.startswith("postgresql://") else value.hex


def state_of(db: str, version: int) -> bytes:
    rows = [
        r for r in stored_rows(db) if r[1] == version and str(r[0]).replace("-", "") == uuid_hex()
    ]
    return bytes(rows[0][3])


def uuid_hex() -> str:
    from tracker.domain.values import channel_id as uuid_of

    return uuid_of(WG).hex


@pytest.fixture
def seeded(db: str) -> str:
    assert run_cli(["import", str(SEEDS)], db=db).exit_code == 0
    meet = ["meet", WG, "--on", "2024-04-04", "--level", "vice-ministerial", "--location", "DC"]
    assert run_cli(meet, db=db).exit_code == 0
    assert run_cli(["status"], db=db).exit_code == 0  # the dashboard has seen every event
    return db


def verify(db: str) -> tuple[int, list[dict[str, object]], str]:
    result = run_cli(["verify", "--json"], db=db)
    assert "Traceback" not in result.output
    return result.exit_code, result.json()["problems"], result.stderr


def test_an_untouched_store_verifies(seeded: str) -> None:
    code, problems, _ = verify(seeded)
    assert (code, problems) == (0, [])
    text = run_cli(["verify"], db=seeded)
    assert "every chain is intact" in text.stdout


def alter(db: str, version: int, old: bytes, new: bytes) -> None:
    """Replace text inside one stored event of the working group, in the database itself."""
    altered = state_of(db, version).replace(old, new)
    assert altered != state_of(db, version), f"{old!r} is not in event #{version}"
    execute(
        db,
        f"UPDATE {table(db)} SET state = ? WHERE originator_id = ? AND originator_version = ?",
        (altered, channel_id(db), version),
    )


def test_an_altered_event_is_named_by_channel_and_sequence(seeded: str) -> None:
    alter(seeded, 2, b"Beijing", b"Geneva!")

    code, problems, stderr = verify(seeded)

    assert code == 1
    assert problems == [
        {"channel": WG, "seq": 2, "problem": "was altered: its content does not match its seal"}
    ]
    assert stderr.startswith("error: 1 problem in 1 channel")


def test_the_last_event_altered_is_found_too(seeded: str) -> None:
    alter(seeded, 5, b"DC", b"NY")
    code, problems, _ = verify(seeded)
    assert code == 1
    assert [(p["channel"], p["seq"]) for p in problems] == [(WG, 5)]


@pytest.mark.parametrize("version", [1, 3])
def test_a_deleted_event_is_named(seeded: str, version: int) -> None:
    execute(
        seeded,
        f"DELETE FROM {table(seeded)} WHERE originator_id = ? AND originator_version = ?",
        (channel_id(seeded), version),
    )
    code, problems, _ = verify(seeded)
    assert code == 1
    assert any(p["seq"] == version and "deleted" in str(p["problem"]) for p in problems), problems


def test_the_last_event_deleted_after_the_dashboard_saw_it_is_named(seeded: str) -> None:
    execute(
        seeded,
        f"DELETE FROM {table(seeded)} WHERE originator_id = ? AND originator_version = 5",
        (channel_id(seeded),),
    )
    code, problems, _ = verify(seeded)
    assert code == 1
    assert [(p["channel"], p["seq"]) for p in problems] == [(WG, 5)]
    assert "deleted" in str(problems[0]["problem"])


def test_two_events_swapped_are_found(seeded: str) -> None:
    swap: Callable[[int, int], None] = lambda a, b: execute(  # noqa: E731
        seeded,
        f"UPDATE {table(seeded)} SET originator_version = ? "
        "WHERE originator_id = ? AND originator_version = ?",
        (b, channel_id(seeded), a),
    )
    swap(3, 99)
    swap(4, 3)
    swap(99, 4)
    code, problems, _ = verify(seeded)
    assert code == 1
    assert {p["seq"] for p in problems} >= {3, 4}


def test_an_event_inserted_directly_is_found(seeded: str) -> None:
    copy = state_of(seeded, 5)
    execute(
        seeded,
        f"INSERT INTO {table(seeded)} (originator_id, originator_version, topic, state) "
        "VALUES (?, 6, 'tracker.events:MeetingHeld', ?)",
        (channel_id(seeded), copy),
    )
    code, problems, _ = verify(seeded)
    assert code == 1
    assert [(p["channel"], p["seq"]) for p in problems] == [(WG, 6)]


def test_an_event_whose_kind_was_changed_is_found(seeded: str) -> None:
    execute(
        seeded,
        f"UPDATE {table(seeded)} SET topic = 'tracker.events:Concluded' "
        "WHERE originator_id = ? AND originator_version = 5",
        (channel_id(seeded),),
    )
    code, problems, _ = verify(seeded)
    assert code == 1
    assert [(p["channel"], p["seq"]) for p in problems] == [(WG, 5)]


def test_every_event_is_sealed_in_the_stores_ledger_after_the_one_before(seeded: str) -> None:
    """The seals live at the storage boundary (store/ledger.py), not in the events: each
    stored event has one ledger entry, in the order they were stored, whose digest covers the
    entry before it and the event exactly as stored."""
    import json

    from tracker.store.ledger_digest import entry_digest

    history = run_cli(["history", WG, "--json"], db=seeded).json()
    assert history  # sealed events read back normally
    assert all("seal" not in json.loads(state_of(seeded, v)) for v in range(1, 6))

    position = "notification_id" if seeded.startswith("postgresql://") else "rowid"
    events = query(
        seeded,
        f"SELECT originator_id, originator_version, topic, state FROM {table(seeded)} "
        f"ORDER BY {position}",
    )
    entries = query(seeded, "SELECT position, digest FROM tracker_ledger ORDER BY position")
    assert [p for p, _ in entries] == list(range(1, len(events) + 1))
    previous = None
    for (position_, digest), (channel, version, topic, state) in zip(entries, events, strict=True):
        record = (UUID(str(channel)), version, topic, bytes(state))
        assert digest == entry_digest(previous, position_, record, None)
        previous = digest
