"""Encryption at rest: TRACKER_ENCRYPTION_KEY turns on the library's AES cipher.

Titles and quotes must not appear anywhere in the database; a wrong or missing key is a clear
error (exit 3), never garbage; no key or password ever appears in output, errors or help.
"""

from __future__ import annotations

import base64
import sqlite3
from pathlib import Path
from uuid import UUID

import pytest
from typer.testing import CliRunner

from tests.fixtures.stores import store_from_fixture
from tests.support import CliResult, fingerprint
from tracker.cli.app import app

SEEDS = Path(__file__).parents[2] / "seeds" / "us-china-2023.toml"
# Its channels through 2024: amended titles and leads (the read model's rm_profiles), plans.
SEEDS_2024 = SEEDS.with_name("us-china-2024.toml")
SECRETS = ("Commercial Issues", "Raimondo", "Maritime", "she and Wang would meet once a year")
SECRETS += ("Enhancing Climate Action", "Liu Zhenmin", "John Podesta", "Xi'an")


def run(args: list[str], db: str, key: str | None) -> CliResult:
    env = {"NO_COLOR": "1", "TRACKER_DB": db, "TRACKER_ENCRYPTION_KEY": key or ""}
    result = CliRunner().invoke(app, args, env=env)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return CliResult(result.exit_code, result.stdout, result.stderr)


@pytest.fixture
def key() -> str:
    result = CliRunner().invoke(app, ["keygen"])
    assert result.exit_code == 0
    return result.stdout.strip()


@pytest.fixture
def encrypted(db: str, key: str) -> str:
    assert run(["import", str(SEEDS)], db, key).exit_code == 0
    assert run(["import", str(SEEDS_2024)], db, key).exit_code == 0
    for command in (["status"], ["status", "--as-of", "2023-12-01"], ["report", "-o", "/dev/null"],
                    ["overdue"], ["search", "Raimondo"], ["verify"]):  # fmt: skip
        assert run(command, db, key).exit_code == 0, command
    return db


def everything_stored(db: str) -> bytes:
    """Every byte the database holds, in every table (SQLite: the files themselves)."""
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db) as conn:
            tables = [
                row[0]
                for row in conn.execute(
                    "SELECT tablename FROM pg_tables WHERE schemaname = 'public'"
                )
            ]
            dump = b""
            for name in tables:
                for row in conn.execute(f'SELECT * FROM "{name}"'):
                    dump += repr(row).encode()
            return dump
    with sqlite3.connect(db) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return b"".join(p.read_bytes() for p in Path(db).parent.glob(Path(db).name + "*"))


def test_a_new_key_is_256_random_bits_in_base64(key: str) -> None:
    assert len(base64.b64decode(key, validate=True)) == 32
    another = CliRunner().invoke(app, ["keygen"]).stdout.strip()
    assert another != key


def test_titles_and_quotes_appear_nowhere_in_an_encrypted_store(encrypted: str, key: str) -> None:
    stored = everything_stored(encrypted)
    for text in SECRETS:
        assert text.encode() not in stored, text
    # ...and the tracker reads them back with the key.
    status = run(["status", "us-cn-commercial-wg"], encrypted, key)
    assert "Commercial Issues" in status.stdout


def test_an_encrypted_store_is_searched_in_its_events(encrypted: str, key: str) -> None:
    # Its read model indexes no words (they would be stored in clear): the events are read.
    found = run(["search", "raimondo commerce"], encrypted, key)
    assert found.exit_code == 0, found.stderr
    assert "us-cn-commercial-wg #1 opened" in found.stdout
    assert "[Raimondo]" in found.stdout


def test_without_encryption_the_same_titles_are_stored_in_clear(db: str) -> None:
    # The check above is not vacuous: the same data without a key is readable in the file.
    assert run(["import", str(SEEDS)], db, None).exit_code == 0
    assert run(["import", str(SEEDS_2024)], db, None).exit_code == 0
    assert run(["status", "--as-of", "2023-12-01"], db, None).exit_code == 0
    stored = everything_stored(db)
    for text in SECRETS:
        assert text.encode() in stored, text


@pytest.mark.parametrize(
    "command", [["status"], ["history", "us-cn-mmca"], ["meet", "us-cn-mmca", "--on", "2024-01-01"]]
)
def test_a_missing_key_is_a_clear_error(encrypted: str, command: list[str]) -> None:
    before = fingerprint(encrypted)
    result = run(command, encrypted, None)
    assert result.exit_code == 3, result.output
    assert result.stderr.count("\n") == 1
    assert "encrypted" in result.stderr
    assert "TRACKER_ENCRYPTION_KEY" in result.stderr
    assert fingerprint(encrypted) == before


@pytest.mark.parametrize(
    "command",
    [["status"], ["open", "x-y", "--title", "T", "--party", "US", "--party", "CN", "--on", "2020"]],
)
def test_a_wrong_key_is_a_clear_error_and_writes_nothing(
    encrypted: str, command: list[str]
) -> None:
    wrong = CliRunner().invoke(app, ["keygen"]).stdout.strip()
    before = fingerprint(encrypted)
    result = run(command, encrypted, wrong)
    assert result.exit_code == 3, result.output
    assert "does not open this store" in result.stderr
    assert wrong not in result.output
    assert fingerprint(encrypted) == before


def test_a_key_on_a_store_written_without_one_is_refused(db: str, key: str) -> None:
    assert run(["import", str(SEEDS)], db, None).exit_code == 0
    before = fingerprint(db)
    result = run(
        ["open", "x-y", "--title", "T", "--party", "US", "--party", "CN", "--on", "2020"], db, key
    )
    assert result.exit_code == 3
    assert "not encrypted" in result.stderr
    assert fingerprint(db) == before


def test_a_malformed_key_is_refused_without_showing_it(db: str) -> None:
    result = run(["status"], db, "not-a-key-but-a-secret-phrase")
    assert result.exit_code == 2
    assert "tracker keygen" in result.stderr
    assert "secret-phrase" not in result.output


def test_no_key_or_password_appears_in_help_output_or_errors(encrypted: str, key: str) -> None:
    password_url = "postgresql://postgres:hunter2-secret@127.0.0.1:1/test"
    outputs = [
        run(["--help"], encrypted, key),
        run(["status", "--help"], encrypted, key),
        run(["status", "no-such-channel"], encrypted, key),
        run(["verify", "--json"], encrypted, key),
        run(["status"], password_url, key),
        run(["meet", "x", "--on", "2020"], password_url, key),
    ]
    for result in outputs:
        assert key not in result.output
        assert "hunter2-secret" not in result.output


# --- channel ids: a guessed slug is not found in an encrypted store ---------------------------

SLUGS = ("us-cn-commercial-wg", "us-cn-mmca", "us-cn-climate-talks", "us-cn-export-control")
FIXTURE_ENCRYPTED = Path(__file__).parents[1] / "fixtures" / "store-encrypted-v2.db"
FIXTURE_KEY = base64.b64encode(bytes(range(32))).decode()  # the key it was written with


def _forms(slug: str) -> list[bytes]:
    """Every form a channel's slug-derived id could be stored in."""
    from tracker.domain.values import channel_id

    ident = channel_id(slug)
    return [ident.hex.encode(), str(ident).encode(), ident.bytes]


def test_an_encrypted_stores_channel_ids_cannot_be_told_from_a_guessed_slug(
    encrypted: str, key: str
) -> None:
    """Without the key, a slug's id (uuid5 of the slug) is nowhere: not in the events, the
    ledger, the snapshots or the read model."""
    stored = everything_stored(encrypted)
    for slug in SLUGS:
        assert not any(form in stored for form in _forms(slug)), slug
    # What the key opens is all there, under ids only the key gives.
    status = run(["status", "us-cn-commercial-wg", "--json"], encrypted, key)
    assert status.exit_code == 0, status.stderr
    assert "warning" not in status.stderr  # its ids are keyed: nothing to warn of


def test_without_encryption_channel_ids_stay_derived_from_slugs(db: str) -> None:
    """A store in clear has nothing to hide by its ids: they are the same in every store."""
    assert run(["import", str(SEEDS)], db, None).exit_code == 0
    stored = everything_stored(db)
    assert any(form in stored for form in _forms("us-cn-commercial-wg"))


def test_two_stores_with_two_keys_give_one_channel_two_ids(tmp_path: Path, key: str) -> None:
    other_key = run(["keygen"], str(tmp_path / "unused.db"), None).stdout.strip()
    ids = []
    for name, k in (("a.db", key), ("b.db", other_key)):
        db = str(tmp_path / name)
        assert run(["open", "us-cn-talks", "--title", "T", "--party", "US", "--party", "CN",
                    "--on", "2020"], db, k).exit_code == 0  # fmt: skip
        with sqlite3.connect(db) as conn:
            ids.append(conn.execute("SELECT originator_id FROM stored_events").fetchone()[0])
    assert ids[0] != ids[1]


@pytest.fixture
def encrypted_before_keyed_ids(db: str) -> str:
    """A store encrypted before ids were keyed (its ids derived from slugs): the fixture's
    events, byte for byte."""
    return store_from_fixture(FIXTURE_ENCRYPTED, db)


def test_a_store_encrypted_before_ids_were_keyed_keeps_its_ids(
    encrypted_before_keyed_ids: str,
) -> None:
    db = encrypted_before_keyed_ids
    before = run(["status", "us-cn-commercial-wg", "--json"], db, FIXTURE_KEY)
    assert before.exit_code == 0, before.stderr
    # Each command says that its slugs can be guessed, once, as a warning.
    warnings = [line for line in before.stderr.splitlines() if line.startswith("warning: ")]
    assert len(warnings) == 1, before.stderr
    assert "derived from their slugs alone" in warnings[0]
    met = run(["meet", "us-cn-commercial-wg", "--on", "2024-06-01"], db, FIXTURE_KEY)
    assert met.exit_code == 0, met.stderr
    opened = run(["open", "us-cn-new-talks", "--title", "T", "--party", "US", "--party", "CN",
                  "--on", "2024"], db, FIXTURE_KEY)  # fmt: skip
    assert opened.exit_code == 0, opened.stderr
    verified = run(["verify"], db, FIXTURE_KEY)
    assert verified.exit_code == 0, verified.output
    after = run(["status", "us-cn-commercial-wg", "--json"], db, FIXTURE_KEY)
    assert after.json()["meetings_held"] == before.json()["meetings_held"] + 1
    # Its ids stay what they were, new channels' too: one store, one way of naming channels.
    stored = everything_stored(db)
    for slug in ("us-cn-new-talks", "us-cn-commercial-wg"):
        assert any(form in stored for form in _forms(slug)), slug
    assert b"keyed" not in stored  # no meta value says its ids are keyed


def _execute(db: str, statement: str) -> None:
    """A change made behind the tracker's back, on either kind of store."""
    if db.startswith("postgresql://"):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute(statement.replace("stored_events", "tracker_events"))
        return
    with sqlite3.connect(db) as conn:
        conn.execute(statement)


def _open(slug: str, db: str, key: str) -> CliResult:
    return run(["open", slug, "--title", "T", "--party", "US", "--party", "CN", "--on", "2020"],
               db, key)  # fmt: skip


def test_a_keyed_store_whose_record_of_keyed_ids_is_deleted_keeps_its_keyed_ids(
    db: str, key: str
) -> None:
    """The record is only a shortcut: without it the store's ids say how they were derived.
    Read as slug-derived, the channel would be unfound, its slug could be opened a second time,
    and new channels would get ids anyone can guess."""
    assert _open("us-cn-talks", db, key).exit_code == 0
    _execute(db, "DELETE FROM tracker_meta WHERE key = 'channel ids'")
    status = run(["status", "us-cn-talks", "--json"], db, key)
    assert status.exit_code == 0, status.stderr
    again = _open("us-cn-talks", db, key)
    assert again.exit_code == 1
    assert "exists already" in again.stderr
    assert _open("us-cn-other-talks", db, key).exit_code == 0
    stored = everything_stored(db)
    for slug in ("us-cn-talks", "us-cn-other-talks"):
        assert not any(form in stored for form in _forms(slug)), slug
    assert run(["verify"], db, key).exit_code == 0


def test_a_store_encrypted_before_ids_were_keyed_refuses_a_slug_opened_again(
    encrypted_before_keyed_ids: str,
) -> None:
    again = _open("us-cn-commercial-wg", encrypted_before_keyed_ids, FIXTURE_KEY)
    assert again.exit_code == 1
    assert "exists already" in again.stderr


def test_a_store_whose_ids_are_of_neither_kind_is_damaged(
    encrypted_before_keyed_ids: str,
) -> None:
    """Its first channel's id is derived neither from its slug nor from the key: which ids
    the store holds cannot be told, so nothing is read as either, and nothing is written."""
    db = encrypted_before_keyed_ids
    stranger = "00112233445566778899aabbccddeeff"
    if db.startswith("postgresql://"):
        stranger = str(UUID(stranger))
    first = "(SELECT originator_id FROM stored_events ORDER BY originator_version, {} LIMIT 1)"
    first = first.format("notification_id" if db.startswith("postgresql://") else "rowid")
    _execute(db, f"UPDATE stored_events SET originator_id = '{stranger}' "
                 f"WHERE originator_id = {first}")  # fmt: skip
    before = fingerprint(db)
    for command in (["status"], ["status", "us-cn-mmca"]):
        result = run(command, db, FIXTURE_KEY)
        assert result.exit_code == 3, (command, result.output)
        assert "is damaged" in result.stderr
        assert "tracker verify" in result.stderr
        assert len(result.stderr.strip().splitlines()) == 1
    assert _open("us-cn-new-talks", db, FIXTURE_KEY).exit_code == 3
    assert fingerprint(db) == before
