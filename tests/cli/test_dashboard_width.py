"""The dashboard fits 80, 120 and 200 columns on a store of 10,000 channels whose slugs, titles
and parties are as long as the tracker allows, and cuts no value inside a word."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support import run_cli

CHANNELS = 10_000
PARTIES = ["US", "CN", "EU", "NATO", "JP", "IN", "RU", "ASEAN"]


def _entries() -> list[dict[str, object]]:
    entries: list[dict[str, object]] = []
    for n in range(CHANNELS):
        # Slugs from short to the longest allowed (64), titles up to 200 characters.
        slug = "-".join([f"c{n}", *["dialogue"] * (n % 8)])[:64].rstrip("-")
        title = " ".join(["Working Group on Strategic Stability"] * (1 + n % 5))[:200]
        parties = PARTIES[n % 4 : n % 4 + 2 + n % 3]
        entries.append(
            {"command": "open", "slug": slug, "title": title, "parties": parties, "on": "2020-01"}
        )
        if n % 3 == 0:
            entries.append(
                {"command": "cadence", "slug": slug, "level": "vice-ministerial",
                 "per_year": 2, "on": "2020-02-01"}
            )  # fmt: skip
        if n % 5 == 0:
            entries.append({"command": "meet", "slug": slug, "on": "2020-03-01/2020-03-02"})
    return entries


@pytest.fixture(scope="module")
def many_channels(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("many")
    seed = folder / "channels.jsonl"
    seed.write_text("".join(json.dumps(e) + "\n" for e in _entries()), encoding="utf-8")
    store = str(folder / "tracker.db")
    result = run_cli(["import", str(seed)], db=store)
    assert result.exit_code == 0, result.output
    return store


@pytest.mark.parametrize("columns", [80, 120, 200])
def test_no_line_is_wider_than_the_terminal_and_every_slug_is_whole(
    many_channels: str, columns: int
) -> None:
    result = run_cli(["status"], db=many_channels, columns=columns)

    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert max(len(line) for line in lines) <= columns
    words = set(result.stdout.split())
    slugs = [json.loads(line)["slug"] for line in Path(many_channels).with_name(
        "channels.jsonl").read_text().splitlines() if '"open"' in line]  # fmt: skip
    assert len(slugs) == CHANNELS
    assert all(slug in words for slug in slugs)
    assert "2020-08-02," in words  # a next due day (183 days after the cadence), whole


def test_wide_shows_every_column_in_its_place(many_channels: str) -> None:
    result = run_cli(["status", "--wide"], db=many_channels, columns=80)

    header = result.stdout.splitlines()[0].split()
    assert header == ["channel", "title", "parties", "status", "last", "meeting", "next", "due",
                      "planned"]  # fmt: skip
