"""A retracted fact counts as recorded: importing the same file again adds nothing.

An analyst imports a seed file, retracts one of its facts (it was wrong), and later imports the
file again (a colleague's script, or the same command run twice). The retracted fact must not
come back as a new event: the file records nothing new the second time, whatever was retracted
in between. Recording the fact again by hand (``tracker meet …``) still works: that is how a
mistaken retraction is undone.

An import takes one of two paths (tracker/application/importing.py): it reads the file once,
in order, or, when the file comes back to a channel it let go (the channels are interleaved),
it records the file channel by channel. Both are tested, each forced and checked.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from unittest import mock

import pytest

from tests.support import CliResult, fingerprint, run_cli
from tracker.application import importing

SEED = Path(__file__).parents[2] / "seeds" / "us-china-2023.toml"
SLUG = "life-of-a-channel"

# One channel through every kind of fact a seed file can hold, one event each, in this order.
LIFE: list[dict[str, Any]] = [
    {"command": "open", "slug": SLUG, "title": "A channel's life", "parties": ["US", "CN"]}
    | {"on": "2020-01-01", "status": "proposed", "level": "ministerial"},
    {"command": "agree", "slug": SLUG, "on": "2020-02-01"},
    {"command": "cadence", "slug": SLUG, "level": "ministerial", "per_year": 2, "on": "2020-03"},
    {"command": "plan", "slug": SLUG, "on": "2020-04-01", "window": "2021", "host": "US"},
    {"command": "meet", "slug": SLUG, "on": "2020-05-05", "location": "Geneva"}
    | {"summary": "The first round."},
    {"command": "suspend", "slugs": [SLUG], "on": "2020-06-06", "by": "CN", "reason": "a visit"},
    {"command": "resume", "slugs": [SLUG], "on": "2020-07-07", "reason": "a summit"},
    {"command": "conclude", "slug": SLUG, "on": "2020-12-31", "reason": "replaced"},
]

# What to retract (sequence numbers, in this order) so that each kind of fact is retracted;
# later facts that depend on it are retracted first, or the retraction would be refused.
RETRACTIONS = {
    "agreement": [8, 7, 6, 5, 2],
    "cadence": [3],
    "planned meeting": [4],
    "meeting": [5],
    "suspension": [7, 6],
    "resumption": [7],
    "conclusion": [8],
    "everything": [8, 7, 6, 5, 4, 3, 2],
}


def tracker(db: str, *args: str) -> CliResult:
    return run_cli(list(args), db=db)


def write_seed(path: Path, entries: list[dict[str, Any]]) -> Path:
    """The entries as a seed file: JSON Lines for .jsonl, TOML for .toml."""
    if path.suffix == ".jsonl":
        path.write_text("".join(json.dumps(entry) + "\n" for entry in entries))
        return path
    lines = []
    for entry in entries:
        lines.append("[[entry]]")
        lines.extend(f"{key} = {json.dumps(value)}" for key, value in entry.items())
    path.write_text("\n".join(lines) + "\n")
    return path


def imported(db: str, path: Path, *, recorded: int) -> CliResult:
    result = tracker(db, "import", str(path))
    assert result.exit_code == 0, result.output
    assert f", {recorded} events recorded " in result.stdout, result.stdout
    return result


def retract(db: str, slug: str, *seqs: int) -> None:
    for seq in seqs:
        result = tracker(db, "retract", slug, str(seq), "--reason", "recorded by mistake")
        assert result.exit_code == 0, result.output


@pytest.fixture
def fallbacks() -> Iterator[mock.MagicMock]:
    """A spy on the channel-by-channel path, which the one-pass path falls back to."""
    with mock.patch.object(importing, "import_plan", wraps=importing.import_plan) as spy:
        yield spy


def test_importing_the_seed_file_again_after_retracting_one_of_its_meetings_adds_nothing(
    db: str,
) -> None:
    imported(db, SEED, recorded=18)
    retract(db, "us-cn-commercial-wg", 2)
    before = fingerprint(db)
    result = imported(db, SEED, recorded=0)
    assert "(18 were recorded already)" in result.stdout
    assert fingerprint(db) == before
    history = tracker(db, "history", "us-cn-commercial-wg", "--json").json()
    assert [e["seq"] for e in history if e["kind"] == "meeting"] == [2]


@pytest.mark.parametrize("kind", list(RETRACTIONS))
def test_a_retracted_fact_of_any_kind_is_not_brought_back_by_importing_its_file_again(
    kind: str, db: str, tmp_path: Path
) -> None:
    seed = write_seed(tmp_path / "life.toml", LIFE)
    imported(db, seed, recorded=len(LIFE))
    retract(db, SLUG, *RETRACTIONS[kind])
    before = fingerprint(db)
    imported(db, seed, recorded=0)
    assert fingerprint(db) == before


@pytest.mark.parametrize("suffix", [".toml", ".jsonl"])
def test_importing_a_file_again_in_one_reading_adds_nothing_after_retractions(
    suffix: str, db: str, tmp_path: Path, fallbacks: mock.MagicMock
) -> None:
    seed = write_seed(tmp_path / f"life{suffix}", LIFE)
    imported(db, seed, recorded=len(LIFE))
    retract(db, SLUG, *RETRACTIONS["everything"])
    before = fingerprint(db)
    fallbacks.reset_mock()
    imported(db, seed, recorded=0)
    assert not fallbacks.called, "the file was meant to be recorded in one reading"
    assert fingerprint(db) == before


def interleaved(channels: int) -> list[dict[str, Any]]:
    """Many channels opened, then each met in turn, then each concluded: the file comes back
    to channels the one-pass import let go, so it is recorded channel by channel."""
    slugs = [f"channel-{n}" for n in range(channels)]
    opened = {"title": "A channel", "parties": ["US", "CN"], "on": "2020-01-01"}
    return [
        *({"command": "open", "slug": s} | opened for s in slugs),
        *({"command": "meet", "slug": s, "on": "2020-02-02", "summary": "talks"} for s in slugs),
        *(
            {"command": "cadence", "slug": s, "level": "expert", "per_year": 4, "on": "2020-03"}
            for s in slugs
        ),
        *({"command": "suspend", "slugs": slugs[:3], "on": "2020-04-04", "reason": "a visit"},),
        *({"command": "conclude", "slug": s, "on": "2020-12-31"} for s in slugs),
    ]


@pytest.mark.parametrize("suffix", [".toml", ".jsonl"])
def test_importing_an_interleaved_file_again_channel_by_channel_adds_nothing_after_retractions(
    suffix: str, db: str, tmp_path: Path, fallbacks: mock.MagicMock
) -> None:
    entries = interleaved(importing.OPEN_CHANNELS + 4)
    seed = write_seed(tmp_path / f"many{suffix}", entries)
    imported(db, seed, recorded=len(entries) + 2)  # the suspension is recorded on 3 channels
    # On channel-0: 1 opened, 2 meeting, 3 cadence, 4 suspension, 5 conclusion.
    retract(db, "channel-0", 5, 4, 2)
    retract(db, "channel-1", 3)
    retract(db, f"channel-{importing.OPEN_CHANNELS + 3}", 4, 2)  # its conclusion, its meeting
    before = fingerprint(db)
    fallbacks.reset_mock()
    imported(db, seed, recorded=0)
    assert fallbacks.called, "the file was meant to be recorded channel by channel"
    assert fingerprint(db) == before


def test_a_retracted_meeting_of_an_imported_file_can_still_be_recorded_again_by_hand(
    db: str,
) -> None:
    imported(db, SEED, recorded=18)
    retract(db, "us-cn-commercial-wg", 2)
    again = tracker(
        db,
        *("meet", "us-cn-commercial-wg", "--on", "2023-08-28", "--level", "ministerial"),
        *("--location", "Beijing", "--lead", "USA=Gina Raimondo", "--lead", "CHN=Wang Wentao"),
        "--summary",
        "Two-hour lunch; agreed to talk informally and as frequently as would be helpful to "
        "revive interaction on trade.",
    )
    assert again.exit_code == 0, again.output
    assert again.stdout.startswith("recorded #"), again.stdout
    # Recorded again, it is a live fact like any other: the file still adds nothing.
    before = fingerprint(db)
    imported(db, SEED, recorded=0)
    assert fingerprint(db) == before


def test_recording_a_fact_again_after_retracting_it_is_not_refused_as_a_duplicate(
    db: str,
) -> None:
    opened = ("open", "r-a", "--title", "T", "--party", "US", "--party", "CN", "--on", "2020")
    assert tracker(db, *opened).exit_code == 0
    meet = ("meet", "r-a", "--on", "2020-05-05", "--summary", "talks")
    assert tracker(db, *meet).exit_code == 0
    twice = tracker(db, *meet)
    assert twice.exit_code == 1
    assert "retract #2 and record it again" in twice.stderr
    retract(db, "r-a", 2)
    assert tracker(db, *meet).exit_code == 0
