"""A channel damaged behind the tracker's back is never left out of what reads every channel.

Channels are listed by their openings. Someone with access to the database (not to the
tracker) alters the kind of one channel's opening, deletes its row, or makes it unreadable:
the channel can no longer be listed by its opening, and an export or a report used to leave it
out and exit 0, a backup silently incomplete. Each must instead say the store is damaged, in
one line naming the channel (by its id: its slug is in the opening that cannot be read) and
``tracker verify``, with exit code 3, and write nothing: no output file, and an existing one
untouched. On a SQLite file, on PostgreSQL and in memory.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.hostile.hostile import run
from tests.support import events_table, execute, stored_channel_id
from tracker.domain.values import channel_id

SEEDS = Path(__file__).parents[2] / "seeds" / "us-china-2023.toml"
WG = "us-cn-commercial-wg"  # opened, then three more events
OPENING = "originator_id = ? AND originator_version = 1"
DAMAGE = {
    "its opening's kind unknown": f"UPDATE {{t}} SET topic = 'tracker.events:No' WHERE {OPENING}",
    "its opening deleted": f"DELETE FROM {{t}} WHERE {OPENING}",
    "its opening not JSON": f"UPDATE {{t}} SET state = NULL WHERE {OPENING}",
}
DOCUMENTS = [
    *(
        ["export", "--format", f, "-o", f"out.{f if f != 'seed' else 'jsonl'}"]
        for f in ("jsonl", "csv", "seed")
    ),
    *(["report", "--format", f, "-o", f"out.{f}"] for f in ("md", "html", "json")),
]
# What else reads every channel: from the read model, caught up over the damage first.
EVERY_CHANNEL = [
    ["status"],
    ["status", "--json"],
    ["calendar"],
    ["overdue"],
    ["channels"],
    ["search", "commercial"],
]


@pytest.fixture(params=["sqlite", "memory", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest) -> str:
    db = str(request.getfixturevalue(f"{request.param}_db"))
    assert run(["import", str(SEEDS)], db=db).exit_code == 0
    return db


def damage(db: str, how: str) -> None:
    execute(db, DAMAGE[how].format(t=events_table(db)), (stored_channel_id(db, WG),))


def assert_damage_reported(args: list[str], db: str) -> None:
    result = run(args, db=db)
    assert result.exit_code == 3, (args, result.output)
    assert result.stdout == "", args
    assert result.stderr.count("\n") == 1, (args, result.stderr)
    assert result.stderr.startswith("error: the store "), result.stderr
    assert "is damaged" in result.stderr, result.stderr
    assert f"the channel with id {channel_id(WG)}" in result.stderr, result.stderr
    assert "tracker verify" in result.stderr, result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("how", list(DAMAGE))
def test_export_and_report_refuse_a_store_with_a_channel_they_cannot_list(
    store: str, how: str, tmp_path: Path
) -> None:
    folder = tmp_path / "backups"
    folder.mkdir()
    damage(store, how)
    for args in DOCUMENTS:
        *command, output = args
        target = folder / output
        assert_damage_reported([*command, str(target)], store)
        assert list(folder.iterdir()) == [], f"{args} left {list(folder.iterdir())}"
        # An earlier backup stays as it was: the damaged store writes nothing over it.
        target.write_bytes(b"yesterday's backup\n")
        assert_damage_reported([*command, str(target)], store)
        assert target.read_bytes() == b"yesterday's backup\n", args
        assert list(folder.iterdir()) == [target], args
        target.unlink()
        assert_damage_reported(command[:-1], store)  # to standard output: nothing printed


@pytest.mark.parametrize("how", list(DAMAGE))
def test_every_reading_of_every_channel_reports_the_damage(store: str, how: str) -> None:
    damage(store, how)
    for args in EVERY_CHANNEL:
        assert_damage_reported(args, store)


@pytest.mark.parametrize("how", list(DAMAGE))
def test_a_read_only_file_read_from_its_events_reports_the_damage(sqlite_db: str, how: str) -> None:
    assert run(["import", str(SEEDS)], db=sqlite_db).exit_code == 0
    assert run(["status"], db=sqlite_db).exit_code == 0  # its read model, current before
    damage(sqlite_db, how)
    Path(sqlite_db).chmod(0o444)  # no read model kept up to date: every channel is folded
    for args in [*EVERY_CHANNEL, ["report"], ["export"]]:
        assert_damage_reported(args, sqlite_db)


def test_a_channel_whose_opening_was_deleted_is_damaged_not_unknown(store: str) -> None:
    damage(store, "its opening deleted")
    for args in (["history", WG], ["status", WG, "--as-of", "2024-01-01"]):
        assert_damage_reported(args, store)


def test_an_intact_store_exports_every_channel(store: str) -> None:
    # The check is not vacuous: the same store, undamaged, exports every channel.
    result = run(["export"], db=store)
    assert result.exit_code == 0, result.output
    assert WG in result.stdout
