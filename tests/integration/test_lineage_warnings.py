"""A channel named as predecessor (open --follows) or successor (conclude --successor) may be
recorded later: one no channel has is recorded as given, with one warning line naming the
channel most likely meant. An import warns once for each such slug, and not of the channels the
file opens itself."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.integration.seeding import opening, write_seed
from tests.support import run_cli
from tracker.application.base import TrackerApplication
from tracker.application.errors import StoreError
from tracker.application.lineage import MAX_WARNINGS

OPEN_FOLLOWING_ONE_NOT_RECORDED = [
    *("open", "us-cn-ced", "--title", "CED", "--party", "US", "--party", "CN", "--on", "2017-04"),
    *("--follows", "us-cn-s-and-ed"),
]


def _ran(db: str, *args: str) -> None:
    result = run_cli(list(args), db=db)
    assert result.exit_code == 0, result.output


def _open(db: str, slug: str, *options: str) -> None:
    _ran(
        db,
        "open",
        slug,
        "--title",
        slug,
        "--party",
        "US",
        "--party",
        "CN",
        "--on",
        "2012-12-10",
        *options,
    )


def _successor(db: str, slug: str) -> object:
    history = run_cli(["history", slug, "--json"], db=db).json()
    return history[-1]["details"].get("successor")


def test_a_mistyped_successor_is_recorded_with_one_warning_naming_the_channel_meant(
    db: str,
) -> None:
    _open(db, "us-cn-dpct")
    _open(db, "us-cn-s-and-ed")

    result = run_cli(
        ["conclude", "us-cn-s-and-ed", "--on", "2017-01", "--successor", "us-cn-dpctt"], db=db
    )

    assert result.exit_code == 0, result.output
    assert result.stdout == "recorded #2 concluded of 2017-01 on us-cn-s-and-ed\n"
    assert result.stderr == (
        "warning: us-cn-s-and-ed is succeeded by us-cn-dpctt, but no channel 'us-cn-dpctt' is "
        "recorded yet; did you mean us-cn-dpct? (recorded as given; tracker correct "
        "us-cn-s-and-ed 2 --successor SLUG changes it)\n"
    )
    assert _successor(db, "us-cn-s-and-ed") == "us-cn-dpctt"


def test_a_predecessor_not_recorded_yet_is_recorded_with_a_warning(db: str) -> None:
    result = run_cli(
        OPEN_FOLLOWING_ONE_NOT_RECORDED,
        db=db,
    )

    assert result.exit_code == 0, result.output
    assert result.stderr == (
        "warning: us-cn-ced follows us-cn-s-and-ed, but no channel 'us-cn-s-and-ed' is "
        "recorded yet (recorded as given; tracker correct us-cn-ced 1 --follows SLUG changes "
        "it)\n"
    )


def test_lineage_recorded_in_the_store_is_recorded_without_a_warning(db: str) -> None:
    _open(db, "us-cn-s-and-ed")
    _open(db, "us-cn-ced", "--follows", "us-cn-s-and-ed")

    result = run_cli(
        ["conclude", "us-cn-s-and-ed", "--on", "2017-01", "--successor", "us-cn-ced"], db=db
    )

    assert (result.exit_code, result.stderr) == (0, ""), result.output


def test_an_import_warns_once_for_each_slug_neither_the_store_nor_the_file_opens(
    db: str, tmp_path: Path
) -> None:
    _open(db, "us-cn-dpct")
    entries = [
        opening("us-cn-a", follows="us-cn-dpctt"),  # a typo of a channel recorded
        opening("us-cn-b", follows="us-cn-later"),  # opened further down the file
        opening("us-cn-c", follows="us-cn-dpctt"),  # named twice: warned of once
        {"command": "conclude", "slug": "us-cn-a", "on": "2024", "successor": "us-cn-gone"},
        opening("us-cn-later"),
    ]
    seed = write_seed(tmp_path / "lineage.toml", entries)

    dry = run_cli(["import", "--dry-run", str(seed)], db=db)
    result = run_cli(["import", str(seed)], db=db)
    again = run_cli(["import", str(seed)], db=db)

    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines() == [
        "warning: lineage.toml: entry 1: us-cn-a follows us-cn-dpctt, but no channel "
        "'us-cn-dpctt' is recorded yet, nor opened by the file; did you mean us-cn-dpct? "
        "(recorded as given; tracker correct us-cn-a 1 --follows SLUG changes it)",
        "warning: lineage.toml: entry 4: us-cn-a is succeeded by us-cn-gone, but no channel "
        "'us-cn-gone' is recorded yet, nor opened by the file (recorded as given; tracker "
        "correct us-cn-a 2 --successor SLUG changes it)",
    ]
    assert dry.exit_code == 0, dry.output
    assert [line.split(" (recorded")[0] for line in result.stderr.splitlines()] == (
        dry.stderr.splitlines()
    )
    assert (again.exit_code, again.stderr) == (0, "")  # nothing recorded: nothing to warn of


def test_a_dry_run_where_there_is_no_store_yet_warns_too(tmp_path: Path) -> None:
    entries = [opening("us-cn-talks"), opening("us-cn-b", follows="us-cn-talk")]
    seed = write_seed(tmp_path / "lineage.toml", entries)

    result = run_cli(["import", "--dry-run", str(seed)], db=str(tmp_path / "none.db"))

    assert result.exit_code == 0, result.output
    assert result.stderr.splitlines()[1:] == [
        "warning: lineage.toml: entry 2: us-cn-b follows us-cn-talk, but no channel "
        "'us-cn-talk' is recorded yet, nor opened by the file; did you mean us-cn-talks?"
    ]
    assert not (tmp_path / "none.db").exists()


def test_an_import_naming_many_unknown_channels_warns_of_some_then_counts(
    memory_db: str, tmp_path: Path
) -> None:
    entries = [opening(f"us-cn-new-{n}", follows=f"eu-cn-old-{n}") for n in range(MAX_WARNINGS + 2)]
    seed = write_seed(tmp_path / "many.toml", entries)

    result = run_cli(["import", str(seed)], db=memory_db)

    lines = result.stderr.splitlines()
    assert len(lines) == MAX_WARNINGS + 1, result.stderr
    assert lines[-1] == (
        "warning: and 2 more channels named as predecessor or successor that no channel recorded is"
    )


def test_a_store_that_cannot_be_read_after_the_write_loses_the_warning_only(
    memory_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    _open(memory_db, "us-cn-s-and-ed")

    def unreadable(self: TrackerApplication, slugs: object) -> set[object]:
        raise StoreError("the store is unreachable")

    monkeypatch.setattr(TrackerApplication, "_ids_present", unreadable)
    result = run_cli(
        ["conclude", "us-cn-s-and-ed", "--on", "2017-01", "--successor", "us-cn-ced"],
        db=memory_db,
    )

    assert (result.exit_code, result.stderr) == (0, ""), result.output
    monkeypatch.undo()
    assert _successor(memory_db, "us-cn-s-and-ed") == "us-cn-ced"
