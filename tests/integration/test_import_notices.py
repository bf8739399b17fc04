"""An import warns of meetings held on the day of another of their channel's, as `tracker meet`
does, without flooding the terminal."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from tests.integration.seeding import meeting, opening, write_seed
from tests.support import run_cli
from tracker.application.entry_recorder import MAX_NOTICES


def test_each_second_meeting_of_a_day_is_warned_of_then_counted(
    memory_db: str, tmp_path: Path
) -> None:
    days = [dt.date(2021, 1, 1) + dt.timedelta(days=n) for n in range(MAX_NOTICES + 3)]
    entries = [opening("us-cn-talks", on="2020-06-01", status="agreed")]
    for day in days:
        entries += [
            meeting("us-cn-talks", on=day.isoformat(), location="Beijing"),
            meeting("us-cn-talks", on=day.isoformat(), location="Tianjin"),
        ]
    entries.append(meeting("us-cn-talks", on="2021-01"))  # a month: no one day to share
    seed = write_seed(tmp_path / "many.toml", entries)

    result = run_cli(["import", str(seed)], db=memory_db)

    assert result.exit_code == 0, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == MAX_NOTICES + 1, result.stderr
    assert lines[0].startswith("warning: us-cn-talks now has two meetings on 2021-01-01: #3")
    assert lines[-1] == (
        "warning: and 3 more meetings held on the day of another of their channel; "
        "tracker history SLUG lists them"
    )
    again = run_cli(["import", str(seed)], db=memory_db)
    assert (again.exit_code, again.stderr) == (0, "")  # nothing recorded: nothing to warn of
