"""The pictures of the HTML report, computed: lane labels, meetings drawn apart, windows that
show, and dialogue health per pair of parties, quarter by quarter."""

from __future__ import annotations

import itertools

from tests.unit.builders import Clock, d, day, meet, opened, plan, resume, suspend
from tracker.domain.channel import Channel
from tracker.domain.state import ChannelState
from tracker.domain.values import ChannelStatus
from tracker.reports.health import Quarter, health, health_picture, quarters
from tracker.reports.labels import fit_title, lane_labels, text_width, years_apart
from tracker.reports.marks import Mark, apart
from tracker.reports.picture import MIN_WINDOW, NARROW, picture, rows

CYBER = "US–China Strategic Security Dialogue Working Group on Cyber"
SPACE = "US–China Strategic Security Dialogue Working Group on Space"


def state(channel: Channel, as_of: str) -> ChannelState:
    found = channel.state(as_of=day(as_of))
    assert found is not None
    return found


def trilateral(on: str = "2020-01-01") -> Channel:
    channel = Channel.open(
        slug="us-cn-jp-talks",
        title="Trilateral talks",
        parties=["US", "CN", "JP"],
        occurred=d(on),
        recorded=Clock()(),
        status=ChannelStatus.AGREED,
    )
    channel.collect_events()
    return channel


# --- lane labels ------------------------------------------------------------------------------


def test_titles_that_differ_only_at_the_end_get_labels_that_differ() -> None:
    cyber, space = lane_labels([("ssd-cyber", CYBER), ("ssd-space", SPACE)], 236)
    assert cyber.lines != space.lines
    assert cyber.lines[-1].endswith("Cyber")
    assert space.lines[-1].endswith("Space")


def test_a_title_too_long_for_two_lines_keeps_its_beginning_and_its_end() -> None:
    title = "US–China " + "very " * 30 + "long title ending in Space"
    label = fit_title(title, 236)
    assert not label.whole
    assert len(label.lines) == 2
    assert label.lines[0].startswith("US–China")
    assert label.lines[1].startswith("…")
    assert label.lines[1].endswith("in Space")
    assert all(text_width(line, label.size) <= 236 for line in label.lines)


def test_labels_that_would_read_the_same_show_the_slugs_instead() -> None:
    middle = "US–China " + "x " * 40 + "{} " + "y " * 40 + "talks"
    labels = lane_labels([("talks-a", middle.format("A")), ("talks-b", middle.format("B"))], 236)
    assert [label.lines for label in labels] == [("talks-a",), ("talks-b",)]
    twice = lane_labels([("one-slug", "Same title"), ("other-slug", "Same title")], 236)
    assert [label.lines for label in twice] == [("one-slug",), ("other-slug",)]


def test_the_longest_slug_fits_in_two_lines() -> None:
    slug = "a" * 30 + "-" + "b" * 33
    label = lane_labels([(slug, "T"), ("x", "T")], 236)[0]
    assert "".join(label.lines) == slug
    assert len(label.lines) <= 2
    assert all(text_width(line, label.size) <= 236 for line in label.lines)


# --- meetings drawn apart, windows that show ---------------------------------------------------


def test_marks_that_would_overlap_become_one_mark_that_counts_them() -> None:
    marks = [Mark(100, 10, "day", "meeting 2024-03-04"), Mark(104, 10, "day", "meeting 2024-03-06")]
    marks += [Mark(300, 10, "day", "meeting 2025-01-01")]
    drawn = apart(marks)
    assert [(m.kind, m.count) for m in drawn] == [("cluster", 2), ("day", 1)]
    assert "2024-03-04" in drawn[0].label
    assert "2024-03-06" in drawn[0].label


def test_a_cluster_grown_onto_its_neighbour_takes_it_in() -> None:
    marks = [Mark(100, 10, "day", "a"), Mark(105, 10, "day", "b"), Mark(117, 8, "fuzzy", "c")]
    assert [(m.kind, m.count) for m in apart(marks)] == [("cluster", 3)]


def test_meetings_days_apart_on_a_ten_year_axis_are_one_counted_mark() -> None:
    channel = opened("2015-01-01")
    for on in ("2024-03-04", "2024-03-06", "2024-03-09"):
        meet(channel, on)
    meet(channel, "2024-07")
    (lane,) = picture([state(channel, "2024-09-01")], day("2024-09-01")).lanes
    assert [(m.kind, m.count) for m in lane.meetings] == [("cluster", 3), ("fuzzy", 1)]
    month = lane.meetings[1]
    assert month.width > 5  # spans July 2024


def test_a_one_week_window_is_drawn_wide_enough_to_see() -> None:
    channel = opened("2015-01-01")
    plan(channel, "2024-01-10", "2024-10-07/2024-10-13")
    (lane,) = picture([state(channel, "2024-09-01")], day("2024-09-01")).lanes
    assert [(w.kind, w.width) for w in lane.windows] == [("pending", MIN_WINDOW)]


# --- the narrow timeline, for a phone ----------------------------------------------------------


def test_the_narrow_timeline_has_rows_of_five_years_at_most_on_one_scale() -> None:
    old, new = opened("2013-04-13", slug="old"), opened("2021-06-01", slug="new")
    meet(old, "2016-05-10")
    meet(new, "2024-03-04")
    states = [state(old, "2024-09-01"), state(new, "2024-09-01")]
    first, second = rows(states, day("2024-09-01"))
    assert (first.years, second.years) == ("2015–2019", "2020–2024")
    # A row has a lane for each channel opened by the end of its years.
    assert [lane.slug for lane in first.lanes] == ["old"]
    assert [lane.slug for lane in second.lanes] == ["old", "new"]
    # Opened before the picture begins: said once, in the first row.
    assert first.lanes[0].earlier == "since 2013-04-13"
    assert second.lanes[0].earlier is None
    # The report's day is in the second row only; each row has its own meetings.
    assert first.today_x is None
    assert second.today_x is not None
    assert [m.label for m in first.lanes[0].meetings] == ["meeting 2016-05-10"]
    assert second.lanes[0].meetings == []
    # One scale: a year is as wide in each row (to a leap day), and all five are named.
    widths = [b.x - a.x for r in (first, second) for a, b in itertools.pairwise(r.ticks)]
    assert max(widths) - min(widths) < 0.5
    assert all(t.named for t in first.ticks + second.ticks)
    assert first.width == NARROW.width


def test_a_row_draws_what_falls_in_its_years_and_the_last_row_what_comes_after() -> None:
    channel = opened("2015-01-01")
    plan(channel, "2019-06-01", "2019-12-20/2020-01-10")  # across two rows
    plan(channel, "2024-05-01", "2025-03")  # after the picture's last year
    first, second = rows([state(channel, "2024-09-01")], day("2024-09-01"))
    assert [w.label for w in first.lanes[0].windows] == [
        "planned meeting 2019-12-20/2020-01-10 (overdue)"
    ]
    last = [w.label for w in second.lanes[0].windows]
    assert last == ["planned meeting 2019-12-20/2020-01-10 (overdue)", "planned meeting 2025-03"]
    assert second.lanes[0].windows[1].x + MIN_WINDOW >= NARROW.right - 0.1


def test_in_the_narrow_timeline_each_label_is_above_its_lane_across_the_width() -> None:
    cyber, space = opened("2016-03-01", slug="ssd-cyber"), opened("2016-03-01", slug="ssd-space")
    states = [state(cyber, "2024-09-01"), state(space, "2024-09-01")]
    for row in rows(states, day("2024-09-01")):
        for lane in row.lanes:
            assert lane.label_y < lane.y
            assert row.label_right == NARROW.right
        above = row.lanes[1].label_y - 11  # the top of the second label
        assert above > row.lanes[0].y + 26  # below the first lane


def test_a_narrow_axis_names_fewer_years() -> None:
    assert years_apart(73) == 1  # the wide timeline: every year
    assert years_apart(32.4) == 2  # ten years across a phone
    channel = opened("2015-01-01")
    meet(channel, "2016-02-01")
    pairs = health([state(channel, "2024-09-01")], day("2024-09-01"), day("2015-01-01"))
    narrow = health_picture(pairs, narrow=True)
    assert narrow.width == NARROW.width
    assert [year for _x, year, named in narrow.ticks if named] == [2016, 2018, 2020, 2022, 2024]
    assert all(named for _x, _year, named in health_picture(pairs).ticks)


# --- dialogue health ---------------------------------------------------------------------------


def test_quarters_run_from_the_first_day_to_the_last() -> None:
    found = quarters(day("2023-02-10"), day("2024-01-01"))
    assert [str(q) for q in found] == ["2023-Q1", "2023-Q2", "2023-Q3", "2023-Q4", "2024-Q1"]
    assert Quarter(2024, 1).last == day("2024-03-31")
    assert Quarter(2024, 4).first == day("2024-10-01")


def test_a_pair_counts_its_channels_by_their_status_at_each_quarters_end() -> None:
    one, two = opened("2023-01-15", slug="one"), opened("2023-01-20", slug="two")
    meet(one, "2023-02-01")  # active from here
    meet(one, "2023-05-03")
    meet(two, "2023-03-01")
    suspend(two, "2023-04-10")
    resume(two, "2023-08-01")
    meet(two, "2023-08-02")
    states = [state(one, "2023-09-15"), state(two, "2023-09-15")]
    (pair,) = health(states, day("2023-09-15"), day("2023-01-01"))
    assert pair.name == "USA–CHN"
    assert pair.channels == ("one", "two")
    rows = [(str(c.quarter), c.active, c.suspended, c.meetings) for c in pair.counts]
    assert rows == [
        ("2023-Q1", 2, 0, 2),
        ("2023-Q2", 1, 1, 1),
        # The quarter of the report's day: statuses on that day (two resumed but "active" again
        # only once it met: it did, on 2023-08-02).
        ("2023-Q3", 2, 0, 1),
    ]


def test_a_channel_of_three_parties_counts_for_each_pair_of_them() -> None:
    talks = trilateral("2020-01-01")
    meet(talks, "2020-02-01/2020-02-03")
    pairs = health([state(talks, "2020-03-01")], day("2020-03-01"), day("2020-01-01"))
    assert [p.name for p in pairs] == ["USA–CHN", "USA–JPN", "CHN–JPN"]
    for pair in pairs:
        assert [(c.active, c.suspended, c.meetings) for c in pair.counts] == [(1, 0, 1)]


def test_before_a_channel_was_opened_it_counts_nowhere() -> None:
    one = opened("2023-05-01", slug="one")
    (pair,) = health([state(one, "2023-06-01")], day("2023-06-01"), day("2023-01-01"))
    assert [(c.active, c.suspended, c.meetings) for c in pair.counts] == [(0, 0, 0), (0, 0, 0)]


def test_the_health_picture_shares_its_scales_and_keeps_whole_years() -> None:
    one = opened("2023-01-15", slug="one")
    meet(one, "2023-02-01")
    talks = trilateral("2023-01-01")
    suspend(talks, "2023-02-01")
    states = [state(one, "2023-05-01"), state(talks, "2023-05-01")]
    drawn = health_picture(health(states, day("2023-05-01"), day("2023-01-01")))
    assert drawn.most_channels == 1
    assert drawn.most_meetings == 1
    first = drawn.panels[0]
    assert len(first.columns) == 2  # 2023-Q1 and 2023-Q2, on an axis of the whole of 2023
    slot = (drawn.right - drawn.left) / 4
    assert abs(first.columns[1].x - first.columns[0].x - slot) < 0.2
    usa_jpn = next(p for p in drawn.panels if p.pair.name == "USA–JPN")
    assert usa_jpn.columns[0].suspended == first.columns[0].active
