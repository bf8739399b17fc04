"""The HTML report opens in a real browser, offline, with its channels and timeline picture."""

from __future__ import annotations

import itertools
import os
from collections import Counter
from pathlib import Path
from typing import Any

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
    # A lane per channel in the wide drawing of the timeline (the narrow one, for a phone, has
    # a lane for each channel in each row of years it was open in).
    wide = rendered.split('class="picture picture-narrow"')[0]
    assert wide.count('class="lane"') == len(_titles(seed_report))
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


# --- the pictures, measured at a desktop and a phone width -------------------------------------

# The article's channels followed through 2024, and channels made to be hard to draw: two titles
# that differ only at the end, meetings days apart on a ten-year axis, a meeting known only to
# the month, a one-week planned window, a channel of three parties, one suspended.
HARD = [
    ["open", "ssd-cyber", "--title", "US–China Strategic Security Dialogue Working Group on Cyber",
     "--party", "US", "--party", "CN", "--on", "2016-03-01", "--status", "agreed"],
    ["open", "ssd-space", "--title", "US–China Strategic Security Dialogue Working Group on Space",
     "--party", "US", "--party", "CN", "--on", "2016-03-01", "--status", "agreed"],
    ["meet", "ssd-cyber", "--on", "2024-03-04"],
    ["meet", "ssd-cyber", "--on", "2024-03-06", "--location", "Geneva"],
    ["meet", "ssd-cyber", "--on", "2024-03-09"],
    ["meet", "ssd-cyber", "--on", "2024-05"],
    ["meet", "ssd-space", "--on", "2023-06"],
    ["plan", "ssd-space", "--on", "2024-01-10", "--window", "2024-10-07/2024-10-13"],
    ["suspend", "ssd-space", "--on", "2024-06-01", "--by", "CN"],
    ["open", "us-cn-jp-trilateral", "--title", "US–China–Japan trilateral talks", "--party",
     "US", "--party", "CN", "--party", "JP", "--on", "2019-05-01", "--status", "agreed"],
    ["meet", "us-cn-jp-trilateral", "--on", "2019-06-01/2019-06-03"],
]  # fmt: skip
WIDTHS = {"desktop": 1280, "laptop": 960, "phone": 390, "tablet": 820}


@pytest.fixture(scope="module")
def hard_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hard")
    db = str(folder / "tracker.db")
    for seed in (SEEDS, SEEDS.with_name("us-china-2024.toml")):
        assert run_cli(["import", str(seed)], db=db).exit_code == 0
    for args in HARD:
        result = run_cli(args, db=db)
        assert result.exit_code == 0, (args, result.output)
    page = folder / "report.html"
    result = run_cli(
        ["report", "--format", "html", "-o", str(page), "--as-of", "2024-09-01"], db=db
    )
    assert result.exit_code == 0, result.output
    return page


@pytest.fixture(scope="module", params=list(WIDTHS), ids=list(WIDTHS))
def drawn(request: pytest.FixtureRequest, hard_report: Path) -> dict[str, Any]:
    return chromium.measure(hard_report, width=WIDTHS[request.param])


def _overlap(a: list[float], b: list[float]) -> bool:
    """Whether two boxes (x, y, width, height) share more than a hairline."""
    return (
        min(a[0] + a[2], b[0] + b[2]) - max(a[0], b[0]) > 0.5
        and min(a[1] + a[3], b[1] + b[3]) - max(a[1], b[1]) > 0.5
    )


def test_the_page_is_no_wider_than_the_window(drawn: dict[str, Any]) -> None:
    # Only the tables scroll, each inside its own box.
    assert drawn["page_width"] <= drawn["viewport"], drawn["overflow"]
    assert drawn["overflow"] == []


def test_each_picture_is_drawn_for_the_width_of_the_screen(drawn: dict[str, Any]) -> None:
    # On a phone, the narrow drawing of each picture (the timeline in rows of five years at
    # most); no picture scrolls sideways in its box.
    if drawn["viewport"] < 960:
        assert drawn["shown"] == ["timeline narrow"] * 2 + ["health narrow"], drawn["shown"]
        years = [p["years"] for p in drawn["pictures"] if p["years"]]
        assert years == ["2015–2019", "2020–2024"], years
    else:
        assert drawn["shown"] == ["timeline", "health"], drawn["shown"]
    for picture in drawn["pictures"]:
        assert not picture["scrolls"], picture
        assert picture["inside"], picture
        assert picture["right"] <= drawn["viewport"], picture


def test_the_text_of_the_pictures_and_legends_is_legible(drawn: dict[str, Any]) -> None:
    # At the size it is drawn, after the picture is scaled to the screen.
    smallest = drawn["smallest_text"][0]
    assert smallest["px"] >= 10, drawn["smallest_text"]


def test_no_date_wraps_inside_itself(drawn: dict[str, Any]) -> None:
    assert drawn["dates"] > 100
    assert drawn["wrapped_dates"] == []


def _pictures(drawn: dict[str, Any]) -> list[list[dict[str, Any]]]:
    """The lanes of each picture of the timeline (the narrow one has a picture per row)."""
    found: dict[int, list[dict[str, Any]]] = {}
    for lane in drawn["lanes"]:
        found.setdefault(lane["picture"], []).append(lane)
    return list(found.values())


def test_lane_labels_read_differently_and_stay_in_their_place(drawn: dict[str, Any]) -> None:
    for lanes in _pictures(drawn):
        labels = [lane["label"] for lane in lanes]
        assert len(set(labels)) == len(labels), labels
        drawings = [
            box
            for lane in lanes
            for box in lane["bars"] + [m["box"] for m in lane["marks"] + lane["windows"]]
        ]
        for lane in lanes:
            x, _, width, _ = lane["label_box"]
            assert x >= 0, lane
            assert x + width <= lane["label_right"], lane
            # Beside its lane (wide) or above it (narrow): never over a bar or a mark.
            for box in drawings:
                assert not _overlap(lane["label_box"], box), (lane["label"], box)
        for a, b in itertools.pairwise(lanes):
            assert not _overlap(a["label_box"], b["label_box"]), (a["label"], b["label"])
    for slug, end in (("ssd-cyber", "Cyber"), ("ssd-space", "Space")):
        for lane in drawn["lanes"]:
            if lane["slug"] == slug:
                assert lane["label"].endswith(end), lane["label"]


def test_meeting_marks_are_not_drawn_over_each_other(drawn: dict[str, Any]) -> None:
    for lane in drawn["lanes"]:
        boxes = [m["box"] for m in lane["marks"]]
        for i, a in enumerate(boxes):
            for b in boxes[i + 1 :]:
                assert not _overlap(a, b), (lane["slug"], a, b)
    kinds = [m["kind"] for x in drawn["lanes"] if x["slug"] == "ssd-cyber" for m in x["marks"]]
    # Three meetings within a week become one counted mark; May's stays a box of its own on a
    # wide screen (on a phone's, ten weeks are too close to draw apart: one mark counting 4).
    wide = ["meeting-cluster", "meeting-fuzzy"]
    assert kinds == (["meeting-cluster"] if drawn["viewport"] < 960 else wide), kinds


def test_meetings_counted_in_one_mark_link_to_their_dates(drawn: dict[str, Any]) -> None:
    # No tooltip shows without a pointer: a tap on the mark leads to the channel's events.
    clusters = [
        (x["slug"], m) for x in drawn["lanes"] for m in x["marks"] if m["kind"] == "meeting-cluster"
    ]
    assert clusters
    for slug, mark in clusters:
        assert mark["link"] == f"#{slug}", mark
        assert slug in drawn["ids"], slug
    others = [m for x in drawn["lanes"] for m in x["marks"] if m["kind"] != "meeting-cluster"]
    assert others
    assert all(m["link"] is None for m in others)


def test_every_mark_drawn_is_in_the_legend(drawn: dict[str, Any]) -> None:
    legend = {item["kind"]: item for item in drawn["legend"]}
    assert set(drawn["used"]) <= set(legend), set(drawn["used"]) - set(legend)
    for kind in ("meeting-day", "meeting-fuzzy", "meeting-interval", "meeting-cluster"):
        assert kind in drawn["used"], kind
    hidden = [item for item in legend.values() if not item["visible"] or not item["text"]]
    assert hidden == []


def test_a_one_week_planned_window_is_visible(drawn: dict[str, Any]) -> None:
    widths = [
        w["box"][2]
        for lane in drawn["lanes"]
        if lane["slug"] == "ssd-space"
        for w in lane["windows"]
    ]
    assert widths, "no planned window drawn"
    assert min(widths) >= 8, widths


def test_the_health_picture_has_a_panel_per_pair_with_its_text(drawn: dict[str, Any]) -> None:
    pairs = {p["pair"]: p for p in drawn["health"]}
    assert set(pairs) == {"USA–CHN", "USA–JPN", "CHN–JPN"}, pairs
    usa_chn = pairs["USA–CHN"]
    for bars in ("active", "suspended", "meetings"):
        assert usa_chn[bars], usa_chn
    # Across nearly the whole width of its picture, wide or narrow.
    assert usa_chn["box"][2] > 0.7 * usa_chn["width"], usa_chn
    assert "USA–CHN" in (drawn["health_text"] or "")
    assert drawn["health_tables"] == 3
