"""The HTML report opens in a real browser, offline, with its channels and timeline picture."""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path

import pytest

from tests.browser import chromium
from tests.support import run_cli

SEEDS = Path(__file__).parents[2] / "seeds" / "us-china-2023.toml"

if chromium.executable() is None and os.environ.get("TRACKER_REQUIRE_BROWSER") != "1":
    pytest.skip("chromium is not installed (make test installs it)", allow_module_level=True)


@pytest.fixture(scope="module")
def seed_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("report")
    db = str(folder / "tracker.db")
    assert run_cli(["import", str(SEEDS)], db=db).exit_code == 0
    page = folder / "report.html"
    result = run_cli(
        ["report", "--format", "html", "-o", str(page), "--as-of", "2024-09-01"], db=db
    )
    assert result.exit_code == 0, result.output
    return page


def _titles(db_page: Path) -> list[str]:
    status = run_cli(["status", "--json"], db=str(db_page.parent / "tracker.db"))
    return [channel["title"] for channel in status.json()]


def test_the_browser_renders_every_channel_name_and_the_timeline(seed_report: Path) -> None:
    rendered = chromium.dom(seed_report)
    for title in _titles(seed_report):
        assert title in rendered
    assert "<svg" in rendered
    assert rendered.count('class="lane"') == len(_titles(seed_report))
    assert 'class="span span-suspended"' in rendered


def test_the_timeline_picture_is_drawn_in_the_status_colours(
    seed_report: Path, tmp_path: Path
) -> None:
    from PIL import Image

    shot = chromium.screenshot(seed_report, tmp_path / "report.png")
    colours = Image.open(shot).convert("RGB").getcolors(maxcolors=1 << 24) or []
    pixels = Counter({colour: count for count, colour in colours})
    suspended, active, agreed = (222, 45, 38), (44, 162, 95), (107, 174, 214)
    # Bars of each status cover thousands of pixels once the picture is drawn.
    assert pixels[suspended] > 2000
    assert pixels[active] > 2000
    assert pixels[agreed] > 2000


def test_the_report_needs_no_network(seed_report: Path) -> None:
    html = seed_report.read_text(encoding="utf-8")
    assert "http://" not in html.replace('xmlns="http://www.w3.org/2000/svg"', "")
    assert "https://" not in html
