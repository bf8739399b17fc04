"""Steps about the pictures of the HTML report, read from the page as written (the browser test
measures what Chromium draws): the timeline's lane labels, marks, legend and windows, dates that
do not wrap, the picture of dialogue health per pair of parties, and the narrow drawing of each
picture that a phone shows.

These step functions are imported into conftest.py, so that pytest finds their fixtures.
"""

from __future__ import annotations

import itertools
import re
from xml.etree import ElementTree

from pytest_bdd import parsers, then

from tests.features.documents import Report, html_tables
from tests.features.helpers import Outcome, q, rows_of, slugs_in

SVG = "{http://www.w3.org/2000/svg}"
DATE = re.compile(r"(?<![\w-])\d{4}-\d{2}(?:-\d{2})?~?(?:/\d{4}(?:-\d{2}){0,2}~?)?(?![\w-])")


def _svg(outcome: Outcome, css: str) -> ElementTree.Element:
    found = re.search(rf'<svg\b[^>]*class="{css}".*?</svg>', Report.of(outcome).text, re.S)
    assert found, f"no {css} picture in the page"
    return ElementTree.fromstring(found.group(0))


def _narrow(outcome: Outcome, css: str) -> list[ElementTree.Element]:
    """The narrow drawings (for a phone) of a picture: the timeline has one per row of years."""
    found = re.findall(rf'<svg\b[^>]*class="{css} narrow".*?</svg>', Report.of(outcome).text, re.S)
    assert found, f"no narrow {css} picture in the page"
    return [ElementTree.fromstring(svg) for svg in found]


def _lanes_of(svg: ElementTree.Element) -> list[ElementTree.Element]:
    return [g for g in svg.iter(f"{SVG}g") if "lane" in _classes(g)]


def _classes(element: ElementTree.Element) -> list[str]:
    return (element.get("class") or "").split()


def _lanes(outcome: Outcome) -> dict[str, ElementTree.Element]:
    return {
        g.get("data-channel") or "": g
        for g in _svg(outcome, "timeline").iter(f"{SVG}g")
        if "lane" in _classes(g)
    }


def _label(lane: ElementTree.Element) -> str:
    text = next(t for t in lane.iter(f"{SVG}text") if "lane-label" in _classes(t))
    return " ".join(filter(None, ((t.text or "") for t in text.iter(f"{SVG}tspan"))))


def _marks(lane: ElementTree.Element, css: str) -> list[tuple[str, str, float, float]]:
    """(kind, tooltip, left, right) of each mark or window of a lane, in the picture's units."""
    found = []
    for g in lane.iter(f"{SVG}g"):
        if css not in _classes(g):
            continue
        shape = next(e for e in g if e.tag in (f"{SVG}circle", f"{SVG}rect"))
        if shape.tag == f"{SVG}circle":
            left = float(shape.get("cx") or 0) - float(shape.get("r") or 0)
            right = left + 2 * float(shape.get("r") or 0)
        else:
            left = float(shape.get("x") or 0)
            right = left + float(shape.get("width") or 0)
        tooltip = g.findtext(f"{SVG}title") or ""
        found.append(((g.get("data-mark") or ""), tooltip, left, right))
    return found


@then("the report's timeline gives each channel a label no other channel has")
def labels_unique(outcome: Outcome) -> None:
    labels = [_label(lane) for lane in _lanes(outcome).values()]
    assert labels, "no lane in the timeline"
    assert len(set(labels)) == len(labels), labels


@then(parsers.re(r"the timeline's label of " + q("slug") + r" ends with " + q("end")))
def label_ends(outcome: Outcome, slug: str, end: str) -> None:
    assert _label(_lanes(outcome)[slug]).endswith(end), _label(_lanes(outcome)[slug])


@then(
    parsers.re(
        r"the timeline of " + q("slug") + r" draws one mark counting (?P<count>\d+) meetings: "
        r"(?P<dates>.+)"
    )
)
def one_mark_counting(outcome: Outcome, slug: str, count: str, dates: str) -> None:
    clusters = [m for m in _marks(_lanes(outcome)[slug], "mark") if m[0] == "meeting-cluster"]
    assert len(clusters) == 1, clusters
    assert clusters[0][1].split(": ", 2)[1].startswith(f"{count} meetings"), clusters[0][1]
    for date in slugs_in(dates):
        assert date in clusters[0][1], clusters[0][1]


@then(
    parsers.re(
        r"the mark counting them leads to the events of " + q("slug") + r", where (?P<dates>.+) "
        r"are listed"
    )
)
def cluster_leads_to_events(outcome: Outcome, slug: str, dates: str) -> None:
    # A phone shows no tooltip: a tap on the counted mark follows its link to the channel.
    links = [
        a.get("href")
        for a in _lanes(outcome)[slug].iter(f"{SVG}a")
        if any(g.get("data-mark") == "meeting-cluster" for g in a.iter(f"{SVG}g"))
    ]
    assert links == [f"#{slug}"], links
    page = Report.of(outcome).text
    found = re.search(rf'<section class="channel" id="{slug}">.*?</section>', page, re.S)
    assert found, f"no section of {slug} for the link to lead to"
    events = found.group(0).split("<h3>Events</h3>", 1)[-1]
    for date in slugs_in(dates):
        assert f'<td class="date">{date}</td>' in events, date


def _apart(slug: str, lane: ElementTree.Element) -> None:
    """No two meeting marks of a lane overlap."""
    marks = sorted(_marks(lane, "mark"), key=lambda m: m[2])
    for a, b in itertools.pairwise(marks):
        assert b[2] >= a[3], f"{slug}: {a} and {b} overlap"


@then("no two meeting marks of a lane of the timeline are drawn over each other")
def marks_apart(outcome: Outcome) -> None:
    for slug, lane in _lanes(outcome).items():
        _apart(slug, lane)


@then(
    parsers.re(
        r"the timeline of " + q("slug") + r" draws the meeting of " + q("date")
        + r" as (?P<kind>a box spanning its month|a dot|a capsule)"
    )
)  # fmt: skip
def meeting_drawn_as(outcome: Outcome, slug: str, date: str, kind: str) -> None:
    wanted = {"a box spanning its month": "meeting-fuzzy", "a dot": "meeting-day"}.get(
        kind, "meeting-interval"
    )
    found = [m for m in _marks(_lanes(outcome)[slug], "mark") if f"meeting {date}" in m[1]]
    assert [m[0] for m in found] == [wanted], found


@then("the legend of the timeline explains every kind of mark the timeline draws")
def legend_complete(outcome: Outcome) -> None:
    drawn = {e.get("data-mark") for e in _svg(outcome, "timeline").iter() if e.get("data-mark")}
    page = Report.of(outcome).text
    legend = re.search(r'<ul class="legend".*?</ul>', page, re.S)
    assert legend, "no legend"
    explained = dict(re.findall(r'<li data-mark="([^"]+)">.*?<span>([^<]+)</span>', legend[0]))
    assert drawn <= set(explained), drawn - set(explained)
    for kind in ("meeting-day", "meeting-fuzzy", "meeting-interval", "meeting-cluster"):
        assert explained.get(kind), f"the legend does not explain {kind}"


@then(
    parsers.re(
        r"the timeline of " + q("slug") + r" draws the planned window " + q("window")
        + r" at least (?P<least>\d+) wide"
    )
)  # fmt: skip
def window_wide(outcome: Outcome, slug: str, window: str, least: str) -> None:
    found = [w for w in _marks(_lanes(outcome)[slug], "window") if f" {window}" in w[1]]
    assert found, _marks(_lanes(outcome)[slug], "window")
    assert all(w[3] - w[2] >= int(least) for w in found), found


@then("every date in the report's tables is kept on one line")
def dates_nowrap(outcome: Outcome) -> None:
    page = Report.of(outcome).text
    assert "white-space: nowrap" in page
    cells = re.findall(r"<td\b([^>]*)>(.*?)</td>", page, re.S)
    assert cells, "no table in the report"
    for attributes, content in cells:
        if 'class="date"' in attributes:
            continue
        outside = re.sub(r'<span class="date">[^<]*</span>', " ", content)
        loose = DATE.findall(re.sub(r"<[^>]+>", " ", outside))
        assert loose == [], f"dates that could wrap in {content!r}"


@then(parsers.re(r"the report's picture of dialogue health has panels? (?P<pairs>.+)"))
def health_panels(outcome: Outcome, pairs: str) -> None:
    svg = _svg(outcome, "health")
    panels = [g.get("data-pair") for g in svg.iter(f"{SVG}g") if "pair" in _classes(g)]
    assert panels == slugs_in(pairs), panels
    assert svg.findtext(f"{SVG}desc"), "the picture has no text for screen readers"


@then(parsers.re(r"the report's numbers of dialogue health for " + q("pair") + r" include:"))
def health_numbers(outcome: Outcome, pair: str, datatable: list[list[str]]) -> None:
    page = Report.of(outcome).text
    table = re.search(rf'<table class="health-table" data-pair="{pair}">.*?</table>', page, re.S)
    assert table, f"no table of numbers for {pair}"
    found = {row.cells[0]: row.cells[1:] for row in html_tables(table[0])[0].body}
    for row in rows_of(datatable):
        wanted = [row["active"], row["suspended"], row["meetings"]]
        assert found.get(row["quarter"]) == wanted, (row["quarter"], found.get(row["quarter"]))


@then(
    parsers.re(
        r"on a screen narrower than (?P<px>\d+) pixels the report shows a narrow drawing of each "
        r"picture instead of the wide one"
    )
)
def narrow_drawings(outcome: Outcome, px: str) -> None:
    page = Report.of(outcome).text
    media = re.search(rf"@media \(max-width: {int(px) - 1}px\) \{{(.*?)\n  \}}", page, re.S)
    assert media, f"no rule for screens narrower than {px} pixels"
    assert re.search(r"\.picture-wide \{ display: none; \}", media[1]), media[1]
    assert re.search(r"\.picture-narrow[^{]* \{ display: block; \}", media[1]), media[1]
    assert re.search(r"\.picture-narrow svg \{[^}]*width: 100%", media[1]), media[1]
    assert re.search(r"^  \.picture-narrow[^{]* \{ display: none; \}", page, re.M), "shown always"
    for css in ("timeline", "health"):
        wide = _svg(outcome, css)
        for narrow in _narrow(outcome, css):
            # Drawn for a phone's width, scaled to the screen: never wider than the page.
            assert int(narrow.get("width") or 0) <= 360, narrow.attrib
            assert narrow.get("viewBox") == f"0 0 {narrow.get('width')} {narrow.get('height')}"
        assert int(wide.get("width") or 0) > 360, wide.attrib
    pairs = [g.get("data-pair") for g in _narrow(outcome, "health")[0].iter(f"{SVG}g")]
    assert [p for p in pairs if p] == [
        g.get("data-pair") for g in _svg(outcome, "health").iter(f"{SVG}g") if g.get("data-pair")
    ]


@then(parsers.re(r"the narrow timeline is drawn in rows of the years (?P<years>.+), on one scale"))
def narrow_rows(outcome: Outcome, years: str) -> None:
    rows = _narrow(outcome, "timeline")
    assert [svg.get("data-years") for svg in rows] == slugs_in(years)
    lines = [
        [
            float(line.get("x1") or 0)
            for line in svg
            if line.tag == f"{SVG}line" and not line.get("class")
        ]
        for svg in rows
    ]
    widths = [b - a for xs in lines for a, b in itertools.pairwise(xs)]
    assert max(widths) - min(widths) < 0.5, widths
    # Every channel is in the last row; an earlier row has those opened by its end.
    assert {g.get("data-channel") for g in _lanes_of(rows[-1])} == set(_lanes(outcome))


@then("the narrow timeline labels each channel above its lane, no two alike in a row")
def narrow_labels(outcome: Outcome) -> None:
    for svg in _narrow(outcome, "timeline"):
        lanes = _lanes_of(svg)
        labels = [_label(lane) for lane in lanes]
        assert len(set(labels)) == len(labels), labels
        for lane in lanes:
            label = next(t for t in lane.iter(f"{SVG}text") if "lane-label" in _classes(t))
            lines = [t for t in label.iter(f"{SVG}tspan") if t.text]
            # The baseline of its last line, and room for the letters below it, then the
            # lane's windows (3 above its bars).
            last = float(label.get("y") or 0) + 13 * (len(lines) - 1)
            for bar in (r for r in lane.iter(f"{SVG}rect") if "span" in _classes(r)):
                assert last + 3 <= float(bar.get("y") or 0) - 3, (_label(lane), bar.attrib)


@then("no two meeting marks of a lane of the narrow timeline are drawn over each other")
def narrow_marks_apart(outcome: Outcome) -> None:
    for svg in _narrow(outcome, "timeline"):
        for lane in _lanes_of(svg):
            _apart(str(lane.get("data-channel")), lane)


@then(
    parsers.re(
        r"the narrow timeline of " + q("slug") + r" draws the planned window " + q("window")
        + r" at least (?P<least>\d+) wide"
    )
)  # fmt: skip
def narrow_window_wide(outcome: Outcome, slug: str, window: str, least: str) -> None:
    found = [
        w
        for svg in _narrow(outcome, "timeline")
        for lane in _lanes_of(svg)
        if lane.get("data-channel") == slug
        for w in _marks(lane, "window")
        if f" {window}" in w[1]
    ]
    assert found, f"no window {window} of {slug} in the narrow timeline"
    assert all(w[3] - w[2] >= int(least) for w in found), found


@then("the legend of the timeline explains every kind of mark the narrow timeline draws")
def narrow_legend_complete(outcome: Outcome) -> None:
    drawn = {
        e.get("data-mark")
        for svg in _narrow(outcome, "timeline")
        for e in svg.iter()
        if e.get("data-mark")
    }
    legend = re.search(r'<ul class="legend".*?</ul>', Report.of(outcome).text, re.S)
    assert legend, "no legend"
    explained = dict(re.findall(r'<li data-mark="([^"]+)">.*?<span>([^<]+)</span>', legend[0]))
    assert drawn <= set(explained), drawn - set(explained)
    assert "meeting-cluster" in drawn, drawn


__all__ = [name for name in globals() if name.startswith("pytestbdd_")]
