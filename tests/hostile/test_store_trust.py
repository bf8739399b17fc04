"""No command may destroy, leak or silently accept damage to a store.

Each test plays someone with access to the database but not to the tracker (or a careless
colleague): it deletes, alters or inserts rows directly, or runs two writers at once, and
checks what the tracker then says and refuses. Every test runs on a SQLite file and on
PostgreSQL.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from tests.support import (
    CliResult,
    events_table,
    every_stored_byte,
    execute,
    fingerprint,
    query,
    stored_channel_id,
)
from tracker.cli.app import app
from tracker.store.library_tables import POSTGRES
from tracker.store.ownership import tracker_tables

SEEDS = Path(__file__).parents[2] / "seeds" / "us-china-2023.toml"
WG = "us-cn-commercial-wg"
MMCA = "us-cn-mmca"
PYTHON = Path(sys.prefix) / "bin" / "python"


def run(args: list[str], db: str, key: str | None = None) -> CliResult:
    """The real CLI, in-process, with or without an encryption key."""
    env = {"NO_COLOR": "1", "COLUMNS": "200", "TRACKER_DB": db, "TRACKER_ENCRYPTION_KEY": key or ""}
    result = CliRunner().invoke(app, args, env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return CliResult(result.exit_code, result.stdout, result.stderr)


def new_key() -> str:
    return CliRunner().invoke(app, ["keygen"]).stdout.strip()


@pytest.fixture
def seeded(db: str) -> str:
    """The article's channels, one more meeting of the working group, the dashboard seen."""
    assert run(["import", str(SEEDS)], db).exit_code == 0
    meet = ["meet", WG, "--on", "2024-04-04", "--level", "vice-ministerial", "--location", "DC"]
    assert run(meet, db).exit_code == 0
    assert run(["status"], db).exit_code == 0
    return db


def problems(db: str, *args: str) -> tuple[int, list[dict[str, Any]], dict[str, Any]]:
    result = run(["verify", "--json", *args], db)
    assert "Traceback" not in result.output
    report = result.json()
    return result.exit_code, report["problems"], report


def delete_events(db: str, slug: str, *, from_version: int = 1) -> None:
    execute(
        db,
        f"DELETE FROM {events_table(db)} WHERE originator_id = ? AND originator_version >= ?",
        (stored_channel_id(db, slug), from_version),
    )


def newest_position(db: str) -> str:
    return "notification_id" if db.startswith("postgresql://") else "rowid"


# --- deletions are evident -------------------------------------------------------------------


def test_a_channels_newest_events_deleted_stay_evident_after_a_rebuild(seeded: str) -> None:
    delete_events(seeded, WG, from_version=4)
    assert run(["rebuild"], seeded).exit_code == 0
    code, found, _ = problems(seeded)
    assert code == 1
    assert [(p["channel"], p["seq"]) for p in found] == [(WG, 4)]
    assert "deleted" in found[0]["problem"]
    assert "#5" in found[0]["problem"]  # the run of deleted events is named to its end


def test_a_write_refuses_to_extend_a_channel_whose_newest_events_were_deleted(
    seeded: str,
) -> None:
    delete_events(seeded, WG, from_version=5)
    before = fingerprint(seeded)
    result = run(["meet", WG, "--on", "2024-06-01"], seeded)
    assert result.exit_code == 3, result.output
    assert "tracker verify" in result.stderr
    assert result.stderr.count("\n") == 1
    assert fingerprint(seeded) == before
    code, found, _ = problems(seeded)
    assert code == 1
    assert [(p["channel"], p["seq"]) for p in found] == [(WG, 5)]


def test_a_whole_channel_deleted_is_named_and_cannot_be_opened_again(seeded: str) -> None:
    delete_events(seeded, MMCA)
    code, found, _ = problems(seeded)
    assert code == 1
    assert [(p["channel"], p["seq"]) for p in found] == [(MMCA, 1)]
    assert "deleted" in found[0]["problem"]
    again = ["open", MMCA, "--title", "Talks", "--party", "US", "--party", "CN", "--on", "2020"]
    result = run(again, seeded)
    assert result.exit_code == 3, result.output
    assert "tracker verify" in result.stderr


def test_a_whole_channel_deleted_before_the_dashboard_saw_it_is_named_by_its_id(db: str) -> None:
    assert run(["import", str(SEEDS)], db).exit_code == 0
    delete_events(db, MMCA)
    code, found, _ = problems(db)
    assert code == 1
    from tracker.domain.values import channel_id

    assert [(p["channel"], p["seq"]) for p in found] == [
        (f"the channel with id {channel_id(MMCA)}", 1)
    ]


def test_the_stores_newest_events_deleted_are_evident_and_stop_writes(seeded: str) -> None:
    table, position = events_table(seeded), newest_position(seeded)
    execute(seeded, f"DELETE FROM {table} WHERE {position} = (SELECT MAX({position}) FROM {table})")
    code, found, _ = problems(seeded)
    assert code == 1
    assert [(p["channel"], p["seq"]) for p in found] == [(WG, 5)]
    before = fingerprint(seeded)
    result = run(["resume", MMCA, "--on", "2024-05-01"], seeded)  # another channel
    assert result.exit_code == 3, result.output
    assert "tracker verify" in result.stderr
    assert fingerprint(seeded) == before


def test_the_newest_events_deleted_with_their_ledger_entries_are_evident(seeded: str) -> None:
    table, position = events_table(seeded), newest_position(seeded)
    execute(seeded, f"DELETE FROM {table} WHERE {position} = (SELECT MAX({position}) FROM {table})")
    execute(
        seeded,
        "DELETE FROM tracker_ledger WHERE position = (SELECT MAX(position) FROM tracker_ledger)",
    )
    code, found, _ = problems(seeded)
    assert code == 1
    assert any("newest 1 events of the store were deleted" in p["problem"] for p in found), found
    assert run(["resume", MMCA, "--on", "2024-05-01"], seeded).exit_code == 3


# --- the store's digest ------------------------------------------------------------------------


def test_a_digest_noted_before_proves_the_history_up_to_it_unchanged(seeded: str) -> None:
    code, _, report = problems(seeded)
    digest = report["digest"]
    assert code == 0
    assert digest.startswith("19-")
    assert run(["meet", WG, "--on", "2024-06-01"], seeded).exit_code == 0
    code, found, report = problems(seeded, "--expect", digest)
    assert (code, found) == (0, [])
    assert report["expected"] == digest
    assert report["digest"].startswith("20-")
    text = run(["verify", "--expect", digest], seeded)
    assert f"the history up to {digest} is unchanged" in text.stdout


def test_a_history_rewritten_consistently_still_fails_the_digest_noted_before(
    seeded: str,
) -> None:
    # Someone with write access deletes the newest event, its ledger entry, mends the store's
    # head and rebuilds the read model: the store alone looks intact; only the digest noted
    # before shows it.
    digest = problems(seeded)[2]["digest"]
    table, position = events_table(seeded), newest_position(seeded)
    execute(seeded, f"DELETE FROM {table} WHERE {position} = (SELECT MAX({position}) FROM {table})")
    execute(seeded, "DELETE FROM tracker_ledger WHERE position = 19")
    head = query(seeded, "SELECT digest FROM tracker_ledger WHERE position = 18")[0][0]
    execute(seeded, "UPDATE tracker_meta SET value = ? WHERE key = 'head'", (f"18:{head}",))
    assert run(["rebuild"], seeded).exit_code == 0
    assert problems(seeded)[0] == 0  # what no published digest can catch (docs/operations.md)
    code, found, _ = problems(seeded, "--expect", digest)
    assert code == 1
    assert "deleted" in found[0]["problem"]


def test_an_event_altered_before_the_digest_fails_it(seeded: str) -> None:
    digest = problems(seeded)[2]["digest"]
    table = events_table(seeded)
    execute(
        seeded,
        f"UPDATE {table} SET topic = 'tracker.events:Concluded' "
        "WHERE originator_id = ? AND originator_version = 2",
        (stored_channel_id(seeded, WG),),
    )
    code, found, _ = problems(seeded, "--expect", digest)
    assert code == 1
    assert any("differs from the digest" in p["problem"] for p in found), found


@pytest.mark.parametrize("digest", ["nonsense", "19-xyz", "0-" + "a" * 32, "19-abc"])
def test_a_malformed_digest_is_bad_input(seeded: str, digest: str) -> None:
    result = run(["verify", "--expect", digest], seeded)
    assert result.exit_code == 2, result.output
    assert result.stderr.startswith("error: --expect:")


# --- stored data never chooses code ------------------------------------------------------------


@pytest.mark.parametrize(
    "topic",
    [
        "this:s",
        "os:system",
        "tracker.cli.app:app",
        "eventsourcing.utils:resolve_topic",
        "",
        "x" * 500,
    ],
)
def test_a_stored_kind_naming_other_code_is_damage_and_imports_nothing(
    seeded: str, topic: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    import importlib

    sys.modules.pop("this", None)
    imported: list[str] = []
    real = importlib.import_module

    def watched(name: str, package: str | None = None) -> Any:
        imported.append(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", watched)
    execute(
        seeded,
        f"UPDATE {events_table(seeded)} SET topic = ? "
        "WHERE originator_id = ? AND originator_version = 3",
        (topic, stored_channel_id(seeded, WG)),
    )
    code, found, _ = problems(seeded)
    assert code == 1
    assert [(p["channel"], p["seq"]) for p in found] == [(WG, 3)]
    assert "not one of the tracker's" in found[0]["problem"]
    for command in (["history", WG], ["status", WG], ["report", "-o", os.devnull]):
        result = run(command, seeded)
        assert result.exit_code == 3, (command, result.output)
        assert f"event #3 of {WG}" in result.stderr
        assert "Beautiful is better than ugly" not in result.output
    assert "this" not in sys.modules
    assert not [name for name in imported if name in ("this", "os") or ":" in name]


# --- damaged rows are named, never crash ------------------------------------------------------

DAMAGE = {
    "a NULL payload": ("UPDATE {t} SET state = NULL WHERE {row}", ()),
    "truncated JSON": ("UPDATE {t} SET state = ? WHERE {row}", (b'{"recorded":"2023-',)),
    "a JSON list": ("UPDATE {t} SET state = ? WHERE {row}", (b"[1, 2]",)),
    "an unknown kind": ("UPDATE {t} SET topic = 'tracker.events:Nothing' WHERE {row}", ()),
    "a NULL kind": ("UPDATE {t} SET topic = NULL WHERE {row}", ()),
}


@pytest.mark.parametrize("damage", list(DAMAGE))
@pytest.mark.parametrize(
    "command",
    [
        ["status", WG],
        ["history", WG],
        ["status", WG, "--as-of", "2024-01-01"],
        ["report", "-o", os.devnull],
        ["export", "-o", os.devnull],
        ["rebuild"],
        ["meet", WG, "--on", "2024-07-01"],
    ],
)
def test_a_damaged_event_gives_exit_3_naming_it(
    seeded: str, damage: str, command: list[str]
) -> None:
    statement, params = DAMAGE[damage]
    row = "originator_id = ? AND originator_version = 3"
    execute(
        seeded,
        statement.format(t=events_table(seeded), row=row),
        (*params, stored_channel_id(seeded, WG)),
    )
    before = fingerprint(seeded)
    result = run(command, seeded)
    assert result.exit_code == 3, result.output
    assert result.stderr.count("\n") == 1, result.stderr
    assert f"event #3 of {WG}" in result.stderr
    assert "tracker verify" in result.stderr
    if command[0] == "meet":
        assert fingerprint(seeded) == before
    code, found, _ = problems(seeded)
    assert code == 1
    assert (WG, 3) in [(p["channel"], p["seq"]) for p in found]


# Each damage, and a reading that reads the damaged value: the dashboard reads each channel
# from its view at the end of its timeline (column view) as of a day after its last fact, so
# the other columns of its row are read by the status of one channel, and by the dashboard as
# of a day before its last fact.
DASHBOARD = ["status", "--json", "--as-of", "2024-09-01"]
ONE_CHANNEL = ["status", "us-cn-mmca", "--json", "--as-of", "2024-09-01"]
EARLY_DASHBOARD = ["status", "--json", "--as-of", "2019-06-01"]
READ_MODEL_DAMAGE = {
    "a title that is not JSON": ("UPDATE rm_channels SET title = 'garbage'", ONE_CHANNEL),
    "a status of no kind": ("UPDATE rm_channels SET status = 'bogus'", ONE_CHANNEL),
    "a date that is no date": ("UPDATE rm_channels SET since_text = '20xx'", ONE_CHANNEL),
    "a list of parties that is no list": ("UPDATE rm_channels SET parties = '{}'", ONE_CHANNEL),
    "an encrypted text in a store without a key": (
        "UPDATE rm_channels SET slug = '~AAAA' WHERE slug = 'us-cn-mmca'",
        ONE_CHANNEL,
    ),
    "a title of another type": ("UPDATE rm_channels SET title = '123'", EARLY_DASHBOARD),
    "a view that is not JSON": ("UPDATE rm_channels SET view = 'garbage'", DASHBOARD),
    "a view of another shape": ("UPDATE rm_channels SET view = '[{}, [], []]'", DASHBOARD),
    "a view whose due day is no day": (
        "UPDATE rm_channels SET view = replace(view, '},[\"', '},[\"x')",
        DASHBOARD,
    ),
    "a view judged by more days than it has cadences": (
        "UPDATE rm_channels SET view = replace(view, '},[', '},[null,')",
        DASHBOARD,
    ),
    "a position beyond the events": (
        "UPDATE rm_tracking SET notification_id = 999999",
        DASHBOARD,
    ),
    "a position behind a deleted event": (
        "UPDATE rm_tracking SET notification_id = -5",
        DASHBOARD,
    ),
}


@pytest.mark.parametrize("damage", list(READ_MODEL_DAMAGE))
def test_a_damaged_read_model_is_rebuilt_not_trusted(seeded: str, damage: str) -> None:
    statement, reading = READ_MODEL_DAMAGE[damage]
    expected = run(reading, seeded).json()
    execute(seeded, statement)
    result = run(reading, seeded)
    assert result.exit_code == 0, result.output
    assert result.json() == expected
    assert "rebuilt" in result.stderr
    assert run(["verify"], seeded).exit_code == 0


def test_a_read_model_that_answers_wrongly_is_found_by_verify(seeded: str) -> None:
    execute(seeded, "UPDATE rm_channels SET status = 'active' WHERE status = 'suspended'")
    code, found, _ = problems(seeded)
    assert code == 1
    assert found == [
        {
            "channel": "(the read model)",
            "seq": 0,
            "problem": "the dashboard's read model differs from the events; run tracker rebuild",
        }
    ]
    assert run(["rebuild"], seeded).exit_code == 0
    assert problems(seeded)[0] == 0


# --- encryption --------------------------------------------------------------------------------

SECRETS = (
    "Commercial Issues Working Group",
    "Raimondo",
    "Wang Wentao",
    "Maritime",
    "she and Wang would meet once a year",
    "commercial issues",
    "us-cn-commercial-wg",
    "Tianjin-Atlantis",
)


@pytest.fixture
def encrypted(db: str) -> tuple[str, str]:
    key = new_key()
    assert run(["import", str(SEEDS)], db, key).exit_code == 0
    return db, key


def test_no_command_writes_a_users_text_in_clear_into_an_encrypted_store(
    encrypted: tuple[str, str], tmp_path: Path
) -> None:
    db, key = encrypted
    commands = [
        ["meet", WG, "--on", "2024-04-04", "--location", "Tianjin-Atlantis", "--summary", "x"],
        ["suspend", WG, "--on", "2024-05-01", "--by", "CN", "--reason", "Tianjin-Atlantis"],
        ["status"],
        ["status", "--as-of", "2023-01-01"],
        ["status", "--known-on", "2000-01-01"],
        ["status", "--known-on", "2999-01-01"],
        ["status", WG],
        ["history", WG],
        ["overdue"],
        ["report", "-o", str(tmp_path / "r.md")],
        ["export", "-o", str(tmp_path / "e.jsonl")],
        ["rebuild"],
        ["verify"],
    ]
    for command in commands:
        assert run(command, db, key).exit_code == 0, (command, run(command, db, key).output)
    stored = every_stored_byte(db)
    for text in SECRETS:
        assert text.encode() not in stored, text
    # ...and the fast dashboard reads them back with the key.
    dashboard = run(["status", "--json"], db, key).json()
    assert {c["channel"] for c in dashboard} >= {WG, MMCA}
    assert "Tianjin-Atlantis" in run(["history", WG], db, key).stdout


def test_the_same_commands_without_a_key_leave_the_texts_in_clear(db: str) -> None:
    # The check above is not vacuous: without a key the read model holds the texts.
    assert run(["import", str(SEEDS)], db).exit_code == 0
    assert run(["rebuild"], db).exit_code == 0
    assert b"Raimondo" in every_stored_byte(db)
    rows = query(db, "SELECT title FROM rm_channels")
    assert any("Commercial Issues" in str(r[0]) for r in rows)


@pytest.mark.parametrize("key_given", ["none", "another"])
def test_verify_without_the_key_or_with_another_says_so(
    encrypted: tuple[str, str], key_given: str
) -> None:
    db, _ = encrypted
    result = run(["verify"], db, None if key_given == "none" else new_key())
    assert result.exit_code == 3, result.output
    assert result.stderr.count("\n") == 1
    assert "TRACKER_ENCRYPTION_KEY" in result.stderr
    assert "changed outside the tracker" not in result.output


def test_a_key_given_to_a_store_without_one_is_refused_before_anything_is_written(
    db: str,
) -> None:
    assert run(["import", str(SEEDS)], db).exit_code == 0
    before = fingerprint(db)
    result = run(["meet", WG, "--on", "2024-04-04"], db, new_key())
    assert result.exit_code == 3
    assert "not encrypted" in result.stderr
    assert fingerprint(db) == before


def test_an_encrypted_store_is_told_from_a_damaged_one_whatever_its_cipher_text_starts_with(
    db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    from eventsourcing.cryptography import AESCipher

    real = AESCipher.random_bytes

    def brace_first(num_bytes: int) -> bytes:
        # Every nonce, and so every stored event, starts with "{", as 1 in 256 do by chance.
        return b"{" + real(num_bytes)[1:]

    monkeypatch.setattr(AESCipher, "random_bytes", staticmethod(brace_first))
    key = new_key()
    assert run(["import", str(SEEDS)], db, key).exit_code == 0
    for command in (["history", MMCA], ["status"], ["verify"], ["meet", WG, "--on", "2024-04-04"]):
        result = run(command, db, None)
        assert result.exit_code == 3, (command, result.output)
        assert "is encrypted; set TRACKER_ENCRYPTION_KEY" in result.stderr, result.stderr


def _open_concurrently(db: str, runs: int) -> Iterator[tuple[int, int]]:
    """Two first writers to a new store at the same moment, one with a key and one without:
    the exit codes of each pair."""
    script = (
        "import sys, time\n"
        "start = float(sys.argv[1])\n"
        "while time.time() < start: pass\n"
        "from tracker.cli import main\n"
        "sys.argv = ['tracker', 'open', sys.argv[2], '--title', 'T', '--party', 'US',"
        " '--party', 'CN', '--on', '2020']\n"
        "main()\n"
    )
    key = new_key()
    for attempt in range(runs):
        store = db if db.startswith("postgresql://") else f"{db}.{attempt}"
        if db.startswith("postgresql://"):
            # Every table of the tracker's: a read model left alone would make the database
            # another program's (store/ownership.py).
            tables = ", ".join(tracker_tables(POSTGRES))
            execute(db, f"DROP TABLE IF EXISTS {tables} CASCADE")
        start = f"{__import__('time').time() + 1.0}"
        base = {**os.environ, "TRACKER_DB": store, "NO_COLOR": "1"}
        with_key = subprocess.Popen(
            [str(PYTHON), "-c", script, start, "keyed"],
            env={**base, "TRACKER_ENCRYPTION_KEY": key},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        without = subprocess.Popen(
            [str(PYTHON), "-c", script, start, "plain"],
            env={**base, "TRACKER_ENCRYPTION_KEY": ""},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        codes = (with_key.wait(timeout=120), without.wait(timeout=120))
        readable_with_key = run(["status", "--json"], store, key)
        readable_without = run(["status", "--json"], store, None)
        # Exactly one of the two ways of reading works, and it reads everything recorded.
        assert (readable_with_key.exit_code == 0) != (readable_without.exit_code == 0), codes
        readable = readable_with_key if readable_with_key.exit_code == 0 else readable_without
        recorded = {c["channel"] for c in readable.json()}
        assert recorded == {
            name for name, code in zip(("keyed", "plain"), codes, strict=True) if code == 0
        }
        yield codes


def test_two_first_writers_with_and_without_a_key_never_mix_encryption(db: str) -> None:
    outcomes = list(_open_concurrently(db, 8))
    assert all(sorted(codes) == [0, 3] for codes in outcomes), outcomes
