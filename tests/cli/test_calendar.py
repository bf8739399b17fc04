"""tracker calendar at the edges of the calendar: a window that ends on the last day of 9999
has no day after it for DTEND, and is given its length instead; the seed files' calendar
reads back with every event where the dashboard says it is."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar
import pytest

from tests.support import run_cli

SEEDS = Path(__file__).parents[2] / "seeds"


@pytest.fixture
def store(tmp_path: Path) -> str:
    db = str(tmp_path / "tracker.db")
    opened = ["open", "us-cn-far", "--title", "Far", "--party", "US", "--party", "CN"]
    assert run_cli([*opened, "--on", "2020", "--status", "agreed"], db=db).exit_code == 0
    return db


@pytest.mark.parametrize(
    ("window", "first", "days"),
    [("9999-12-31", dt.date(9999, 12, 31), 1), ("9999", dt.date(9999, 1, 1), 365)],
)
def test_a_window_to_the_last_day_of_9999_is_given_its_length(
    store: str, window: str, first: dt.date, days: int
) -> None:
    planned = run_cli(["plan", "us-cn-far", "--on", "2021-01-01", "--window", window], db=store)
    assert planned.exit_code == 0, planned.output

    result = run_cli(["calendar"], db=store)

    assert result.exit_code == 0, result.output
    [event] = icalendar.Calendar.from_ical(result.stdout).events
    assert "DTEND" not in event
    assert event.decoded("DTSTART") == first
    assert event.decoded("DURATION") == dt.timedelta(days=days)


def test_the_seed_files_calendar_holds_what_the_dashboard_says_is_coming(tmp_path: Path) -> None:
    db = str(tmp_path / "seeds.db")
    for seed in ("us-china-2023.toml", "us-china-2024.toml"):
        assert run_cli(["import", str(SEEDS / seed)], db=db).exit_code == 0
    as_of = ["--as-of", "2024-09-01"]
    dashboard = run_cli(["status", "--json", *as_of], db=db).json()
    expected = set()
    for view in dashboard:
        if view["status"] not in ("agreed", "active"):
            continue
        for c in view["cadences"]:
            expected.add((f"cadence-{c['level']}.{view['channel']}", c["next_due"]))
        for p in view["planned"]:
            if not p["held"] and p["change"] != "cancelled":
                first = p["window"].split("/")[0].rstrip("~")
                expected.add((f"plan-{p['seq']}.{view['channel']}", first))

    result = run_cli(["calendar", *as_of], db=db)

    assert result.exit_code == 0, result.output
    calendar = icalendar.Calendar.from_ical(result.stdout)
    found = {
        (str(e["UID"]).removesuffix("@dialogue-tracker"), e.decoded("DTSTART").isoformat()[:7])
        for e in calendar.events
    }
    assert expected, "nothing is coming in the seed files: the test proves nothing"
    assert found == {(uid, day[:7]) for uid, day in expected}
