"""Steps of features/store_care.feature: rebuild, verify, encryption and watch."""

from __future__ import annotations

import contextlib
import gc
import json
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from pytest_bdd import given, parsers, then, when

from tests.features.helpers import Outcome, q, read_json, run
from tests.support import CliResult, answers, run_cli, sqlite_connection


def execute(store: str, statement: str, params: tuple[Any, ...] = ()) -> None:
    """Change the database directly, as someone without the tracker would."""
    if store.startswith("postgresql://"):
        import psycopg

        table = "tracker_events"
        with psycopg.connect(store, autocommit=True) as conn:
            conn.execute(statement.format(table=table).replace("?", "%s"), params)
        return
    with sqlite_connection(store) as conn:
        conn.execute(statement.format(table="stored_events"), params)


@given(parsers.re(r'I noted the dashboard as of "(?P<day>[^"]+)"'), target_fixture="noted")
def noted_dashboard(store: str, day: str) -> Any:
    return read_json(store, ["status", "--as-of", day])


@when("I rebuild the read model", target_fixture="outcome")
@when("I rebuild the read model and the snapshots", target_fixture="outcome")
def rebuild(store: str) -> Outcome:
    return run(store, ["rebuild"])


@then(parsers.re(r'the dashboard as of "(?P<day>[^"]+)" is the one I noted'))
def same_dashboard(store: str, day: str, noted: Any) -> None:
    assert read_json(store, ["status", "--as-of", day]) == noted


@when("I verify the store", target_fixture="outcome")
def verify(store: str) -> Outcome:
    return run(store, ["verify"])


@given(
    parsers.re(
        r"someone changed " + q("old") + r" to " + q("new") + r" in the stored events, "
        r"behind the tracker's back"
    )
)
def tampered(store: str, old: str, new: str) -> None:
    if store.startswith("postgresql://"):
        execute(
            store,
            "UPDATE {table} SET state = replace(state::text, ?, ?)::bytea",
            (old, new),
        )
        return
    with sqlite_connection(store) as conn:
        rows = conn.execute("SELECT rowid, state FROM stored_events").fetchall()
        for rowid, state in rows:
            if old.encode() in bytes(state):
                changed = bytes(state).replace(old.encode(), new.encode())
                conn.execute("UPDATE stored_events SET state = ? WHERE rowid = ?", (changed, rowid))


@given(
    parsers.re(
        q("slug")
        + r" was opened with (?P<count>\d+) meetings, one a day from "
        + q("first")
        + r' in "City 1", "City 2" and so on'
    )
)
def long_channel(store: str, slug: str, count: str, first: str, tmp_path: Path) -> None:
    # Through a seed file: recording hundreds of meetings one command at a time is slow.
    import datetime as dt

    from tests.integration.seeding import meeting, opening, write_seed

    start = dt.date.fromisoformat(first)
    entries = [opening(slug, on=(start - dt.timedelta(days=1)).isoformat())] + [
        meeting(slug, on=(start + dt.timedelta(days=n)).isoformat(), location=f"City {n + 1}")
        for n in range(int(count))
    ]
    result = run_cli(["import", str(write_seed(tmp_path / "long.toml", entries))], db=store)
    assert result.exit_code == 0, result.output


@given(
    parsers.re(
        r"someone changed " + q("old") + r" to " + q("new") + r" in the channel's snapshot, "
        r"behind the tracker's back"
    )
)
def tampered_snapshot(store: str, old: str, new: str) -> None:
    from tests.support import snapshot_rows

    ((channel, version, _, state),) = snapshot_rows(store)
    changed = bytes(state).replace(f'"{old}"'.encode(), f'"{new}"'.encode(), 1)
    assert changed != bytes(state), f"{old!r} is not in the snapshot"
    table = "tracker_snapshots" if store.startswith("postgresql://") else "stored_snapshots"
    execute(
        store,
        f"UPDATE {table} SET state = ? WHERE originator_id = ? AND originator_version = ?",
        (changed, channel, version),
    )


@then("the store verifies")
def store_verifies(store: str) -> None:
    result = run_cli(["verify"], db=store)
    assert result.exit_code == 0, result.output


@then(
    parsers.re(
        r"the history of "
        + q("slug")
        + r" shows a meeting in "
        + q("place")
        + r" and none in "
        + q("other")
    )
)
def history_places(store: str, slug: str, place: str, other: str) -> None:
    text = json.dumps(read_json(store, ["history", slug]))
    assert f'"{place}"' in text
    assert f'"{other}"' not in text


@given(parsers.re(r"someone deleted event #(?P<seq>\d+) of " + q("slug") + r" from the database"))
def deleted(store: str, seq: str, slug: str) -> None:
    from tracker.domain.values import channel_id

    ident: Any = channel_id(slug)
    ident = str(ident) if store.startswith("postgresql://") else ident.hex
    execute(
        store,
        "DELETE FROM {table} WHERE originator_id = ? AND originator_version = ?",
        (ident, int(seq)),
    )


@given(
    parsers.re(
        r"someone deleted event #(?P<seq>\d+) of " + q("slug") + r" and every later one from the "
        r"database"
    )
)
def deleted_from(store: str, seq: str, slug: str) -> None:
    _delete(store, slug, int(seq))


@given(parsers.re(r"someone deleted every event of " + q("slug") + r" from the database"))
def deleted_channel(store: str, slug: str) -> None:
    _delete(store, slug, 1)


def _delete(store: str, slug: str, first: int) -> None:
    from tracker.domain.values import channel_id

    ident: Any = channel_id(slug)
    ident = str(ident) if store.startswith("postgresql://") else ident.hex
    execute(
        store,
        "DELETE FROM {table} WHERE originator_id = ? AND originator_version >= ?",
        (ident, first),
    )


@given(
    parsers.re(
        r"someone made the opening of " + q("slug") + r" an event of a kind the tracker does "
        r"not know, behind the tracker's back"
    )
)
def opening_of_no_kind(store: str, slug: str) -> None:
    from tracker.domain.values import channel_id

    ident: Any = channel_id(slug)
    ident = str(ident) if store.startswith("postgresql://") else ident.hex
    execute(
        store,
        "UPDATE {table} SET topic = 'tracker.events:Unheard' "
        "WHERE originator_id = ? AND originator_version = 1",
        (ident,),
    )


YESTERDAYS_BACKUP = b'{"kind": "opened", "channel": "from yesterday"}\n'


@given(parsers.re(r"yesterday's backup is in " + q("file")))
def yesterdays_backup(tmp_path: Path, file: str) -> None:
    (tmp_path / file).write_bytes(YESTERDAYS_BACKUP)


@then(parsers.re(q("file") + r" still holds yesterday's backup"))
def backup_kept(tmp_path: Path, file: str) -> None:
    assert (tmp_path / file).read_bytes() == YESTERDAYS_BACKUP
    leftovers = [p.name for p in tmp_path.iterdir() if file in p.name and p.name != file]
    assert leftovers == [], f"files left behind: {leftovers}"


@given("someone deleted the newest event of the store from the database")
def deleted_newest(store: str) -> None:
    position = "notification_id" if store.startswith("postgresql://") else "rowid"
    execute(
        store, f"DELETE FROM {{table}} WHERE {position} = (SELECT MAX({position}) FROM {{table}})"
    )


@given("the read model was rebuilt")
def rebuilt(store: str) -> None:
    assert run(store, ["rebuild"]).result.exit_code == 0


@given("the dashboard was read")
def dashboard_read(store: str) -> None:
    assert run(store, ["status"]).result.exit_code == 0


@given("I noted the store's digest", target_fixture="digest")
def noted_digest(store: str) -> str:
    digest = read_json(store, ["verify"])["digest"]
    assert isinstance(digest, str)
    return digest


@when("I verify the store against the digest I noted", target_fixture="outcome")
def verify_against(store: str, digest: str) -> Outcome:
    return run(store, ["verify", "--expect", digest])


@then(
    parsers.re(
        r"the tracker finds the store changed with exit code (?P<code>\d+), "
        r'saying "(?P<message>.*)"'
    )
)
def store_changed(outcome: Outcome, code: str, message: str) -> None:
    result = outcome.result
    assert result.exit_code == int(code), result.output
    assert result.stderr.count("\n") == 1, result.stderr
    assert message in result.stderr, result.stderr


@given("a new store encrypted with a key from tracker keygen", target_fixture="store")
def encrypted_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    key = run_cli(["keygen"], db=None).stdout.strip()
    monkeypatch.setenv("TRACKER_ENCRYPTION_KEY", key)
    return str(tmp_path / "encrypted.db")


# A store encrypted by an earlier version, before channel ids were keyed, and its key.
ENCRYPTED_BEFORE_KEYED_IDS = Path(__file__).parents[1] / "fixtures" / "store-encrypted-v2.db"
ITS_KEY = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8="


@given(
    parsers.re(r"a store encrypted before channel ids were keyed, holding " + q("slug")),
    target_fixture="store",
)
def encrypted_before_keyed_ids(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, slug: str) -> str:
    store = str(tmp_path / "encrypted-v2.db")
    shutil.copy(ENCRYPTED_BEFORE_KEYED_IDS, store)  # a copy: opening it upgrades it in place
    monkeypatch.setenv("TRACKER_ENCRYPTION_KEY", ITS_KEY)
    with sqlite3.connect(store) as conn:
        opened = conn.execute("SELECT count(*) FROM stored_events WHERE originator_version = 1")
        assert opened.fetchone()[0] > 0, "the fixture holds no channel"
    assert slug in run_cli(["channels"], db=store).stdout
    return store


@then(parsers.re(r"it succeeds with one warning, saying " + q("text")))
def succeeds_with_warning(outcome: Outcome, text: str) -> None:
    result = outcome.result
    assert result.exit_code == 0, result.output
    assert result.stderr.startswith("warning: "), result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert text in result.stderr, result.stderr


@then(parsers.re(r"the database does not contain " + q("first") + r" or " + q("second")))
def not_in_database(store: str, first: str, second: str) -> None:
    with sqlite3.connect(store) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stored = b"".join(p.read_bytes() for p in Path(store).parent.glob(Path(store).name + "*"))
    assert first.encode() not in stored
    assert second.encode() not in stored


@then(
    parsers.re(r"the database holds no id that the slug " + q("slug") + r" gives without the key")
)
def no_guessable_id(store: str, slug: str) -> None:
    from tracker.domain.values import channel_id

    with sqlite3.connect(store) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    stored = b"".join(p.read_bytes() for p in Path(store).parent.glob(Path(store).name + "*"))
    guessed = channel_id(slug)  # the id every store in clear gives the slug
    for form in (guessed.hex.encode(), str(guessed).encode(), guessed.bytes):
        assert form not in stored


@when(
    "I forget the key and ask for the status of every channel",
    target_fixture="outcome",
)
def without_key(store: str, monkeypatch: pytest.MonkeyPatch) -> Outcome:
    monkeypatch.delenv("TRACKER_ENCRYPTION_KEY")
    return run(store, ["status"])


@when(
    parsers.re(r"I watch the store from the start for (?P<count>\d+) events"),
    target_fixture="outcome",
)
def watch(store: str, count: str) -> Outcome:
    return run(store, ["watch", "--all", "--count", count])


# --- the store's own files are never an output -------------------------------------------------

SQLITE_FILES = ("", "-wal", "-shm", "-journal")  # the store and SQLite's sidecars


def store_files(store: str) -> dict[str, bytes | None]:
    """Every byte of the SQLite store and of each sidecar (None where there is none)."""
    gc.collect()  # connections left open by earlier steps close (and take their sidecars)
    return {
        suffix: Path(store + suffix).read_bytes() if Path(store + suffix).exists() else None
        for suffix in SQLITE_FILES
    }


@given("I noted every byte of the store's files", target_fixture="noted_files")
def noted_files(store: str) -> dict[str, bytes | None]:
    assert not store.startswith("postgresql://"), "a PostgreSQL store has no files here"
    return store_files(store)


@when(
    parsers.re(
        r"I (?P<what>ask for the report|export every event) written over the store's own file"
    ),
    target_fixture="outcome",
)
def output_over_the_store(store: str, what: str) -> Outcome:
    command = "report" if what.startswith("ask") else "export"
    return run(store, [command, "-o", store])


@when(
    parsers.re(r"I export every event to a link that names the store's write-ahead log"),
    target_fixture="outcome",
)
def output_through_a_link(store: str, tmp_path: Path) -> Outcome:
    link = tmp_path / "events.jsonl"
    link.symlink_to(store + "-wal")
    return run(store, ["export", "-o", str(link)])


@then("every byte of the store's files is as I noted it")
def files_as_noted(store: str, noted_files: dict[str, bytes | None]) -> None:
    assert store_files(store) == noted_files


# --- a store in memory, across runs of the tracker ------------------------------------------


def tracker_program(args: list[str], db: str) -> CliResult:
    """Run the tracker in a process of its own, as a user's shell does."""
    import os
    import subprocess
    import sys

    env = {**os.environ, "NO_COLOR": "1", "TRACKER_DB": db}
    done = subprocess.run(
        [sys.executable, "-m", "tracker", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=False,
    )
    return CliResult(done.returncode, done.stdout, done.stderr)


@given(
    parsers.re(
        r"one run of the tracker recorded the channel " + q("slug") + r" in the store " + q("db")
    )
)
def recorded_in_one_run(slug: str, db: str) -> None:
    args = ["open", slug, "--title", "Talks", "--party", "US", "--party", "CN"]
    result = tracker_program([*args, "--on", "2023-08-28"], db)
    assert result.exit_code == 0, result.output


@when(
    parsers.re(
        r"another run of the tracker asks for the status of " + q("slug") + r" in " + q("db")
    ),
    target_fixture="outcome",
)
def status_in_another_run(slug: str, db: str) -> Outcome:
    return Outcome(("status", slug), tracker_program(["status", slug], db), None)


# --- a round trip through export --format seed -----------------------------------------------


@then(
    parsers.re(r"importing " + q("file") + r" into a new store gives the same answers as this one")
)
def round_trip(store: str, tmp_path: Path, file: str, request: pytest.FixtureRequest) -> None:
    import uuid

    from tracker.store.memory_store import forget

    name = "round-trip-" + uuid.uuid4().hex[:12]
    request.addfinalizer(lambda: forget(name))
    copy = f"memory://{name}"
    imported = run_cli(["import", str(tmp_path / file)], db=copy)
    assert imported.exit_code == 0, imported.output
    assert answers(copy) == answers(store)


@then("no store was made")
def no_store_made(store: str) -> None:
    gc.collect()  # connections left open by earlier steps close (and take their sidecars)
    made = [store + suffix for suffix in SQLITE_FILES if Path(store + suffix).exists()]
    assert made == [], made
    # Nor anything under another name beside it (a store begun under a hidden name).
    name = Path(store).name
    beside = [p.name for p in Path(store).parent.iterdir() if name in p.name]
    assert beside == [], beside


@then("the link is all there is beside it")
def only_the_link(store: str) -> None:
    gc.collect()
    assert Path(store).is_symlink()
    assert [p.name for p in Path(store).parent.iterdir()] == [Path(store).name]


# --- a database of another program ------------------------------------------------------------

OTHER_PROGRAMS_ROW = "kept by another program"


def _tables_and_rows(store: str, table: str) -> tuple[list[str], list[tuple[Any, ...]]]:
    """The tables of the store's database, and the rows of one of them."""
    if store.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(store) as connection:
            names = connection.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() "
                "ORDER BY tablename"
            ).fetchall()
            rows = connection.execute(f"SELECT * FROM {table}").fetchall()
    else:
        with contextlib.closing(sqlite_connection(store)) as connection:
            names = connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            ).fetchall()
            rows = connection.execute(f"SELECT * FROM {table}").fetchall()
    return [name for (name,) in names], list(rows)


@given(parsers.re(r"another program keeps a table " + q("table") + r" in the store"))
def other_programs_table(store: str, table: str) -> None:
    if store.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(store) as connection:
            connection.execute(f"CREATE TABLE {table} (note TEXT)")
            connection.execute(f"INSERT INTO {table} VALUES (%s)", (OTHER_PROGRAMS_ROW,))
        return
    with contextlib.closing(sqlite_connection(store)) as connection:
        connection.execute(f"CREATE TABLE {table} (note TEXT)")
        connection.execute(f"INSERT INTO {table} VALUES (?)", (OTHER_PROGRAMS_ROW,))
        connection.commit()


@then(parsers.re(r"the other program's table " + q("table") + r" is as it was, and alone"))
def other_programs_table_kept(store: str, table: str) -> None:
    tables, rows = _tables_and_rows(store, table)
    assert tables == [table], tables  # no table of the tracker's was made beside it
    assert rows == [(OTHER_PROGRAMS_ROW,)], rows
