"""`make bench` still runs: a tiny-scale run writes a complete benchmarks page.

Only the harness is tested (that it measures everything and writes every section); no figure
is judged here — benchmarks are not tests.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

TARGETS = [
    "bulk import ≥ 0.25× raw bulk",
    "peak memory of the 1,000-event import < 500 MB",
    "dashboard over 10 channels × 100 events ≤ 1 s",
    "`status --known-on MOMENT` over 10 channels × 100 events ≤ 1 s end to end",
    "doubling events per channel changes the dashboard by < 10%",
    "read-model catch-up ≥ 100,000 events/s",
    "`status --as-of` on a 1,000-event channel ≤ 50 ms of work",
]


@pytest.mark.slow
def test_a_tiny_benchmark_run_writes_every_section_and_target(tmp_path: Path) -> None:
    page = tmp_path / "benchmarks.md"
    command = [sys.executable, "-m", "tests.bench.run", "--scale", "0.001", "--no-postgres"]
    result = subprocess.run(
        [*command, "--output", str(page)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr[-2000:]
    text = page.read_text(encoding="utf-8")
    for heading in (
        "## Start-up",
        "## SQLite",
        "## What each speed trick buys",
        "## What limits the figures",
        "## tracker extract",
    ):
        assert heading in text
    for target in TARGETS:
        line = next((x for x in text.splitlines() if x.startswith(f"- {target}:")), None)
        assert line is not None, f"no line for the target {target!r}"
        assert line.endswith(("— met", "— **missed**")), line
    # Every speed measured is a real figure: no zero, no missing value.
    rates = re.findall(r"^\| `tracker [a-z]+`.*?\| ([\d,.]+) \|", text, flags=re.MULTILINE)
    assert len(rates) == 4  # meet, and three imports (two sizes and the long channel)
    assert all(float(rate.replace(",", "")) > 0 for rate in rates)
    # Every trick is timed with and without it.
    section = text.split("## What each speed trick buys")[1].split("\n## ")[0]
    rows = [line.split(" | ") for line in section.splitlines() if line.startswith("| ")]
    timed = [(row[3], row[4]) for row in rows[1:]]  # after the header
    assert len(timed) == 16, section  # tests/bench/tricks.py `measure`
    for with_it, without in timed:
        assert with_it.endswith(" ms"), with_it
        assert without.endswith(" ms"), without
        assert float(with_it[:-3].replace(",", "")) > 0 < float(without[:-3].replace(",", ""))
