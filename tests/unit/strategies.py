"""Hypothesis strategies: random commands on one channel, as an analyst might record them.

An operation is a tuple: its kind ("meet", "suspend", ...), then its date (EDTF text) and
details; a retraction carries a number that picks an event of the channel.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from tests.unit.builders import SLUG
from tracker.application.commands import OpenChannel
from tracker.domain.values import ChannelStatus, Level

Op = tuple[Any, ...]

# --- generating commands -------------------------------------------------------------------------

days = st.dates(min_value=dt.date(2012, 1, 1), max_value=dt.date(2026, 12, 31))
late_days = st.dates(min_value=dt.date(2021, 1, 1), max_value=dt.date(2026, 12, 31))


@st.composite
def occurred(draw: st.DrawFn, within: st.SearchStrategy[dt.date] = days) -> str:
    """A date as an analyst would write it; mostly days, so that most commands can succeed."""
    day = draw(within)
    form = draw(st.sampled_from(["day", "day", "day", "day~", "month", "year"]))
    if form == "year":
        return f"{day:%Y}"
    if form == "month":
        return f"{day:%Y-%m}"
    return day.isoformat() + ("~" if form == "day~" else "")


@st.composite
def windows(draw: st.DrawFn) -> str:
    if draw(st.booleans()):
        return draw(occurred())
    first, second = sorted(draw(st.lists(days, min_size=2, max_size=2)))
    return f"{first}/{second}"


levels = st.sampled_from([None, Level.MINISTERIAL, Level.VICE_MINISTERIAL])
named_levels = st.sampled_from([Level.MINISTERIAL, Level.VICE_MINISTERIAL])

KINDS: dict[str, st.SearchStrategy[Op]] = {
    "meet": st.tuples(
        st.just("meet"), occurred(), levels, st.sampled_from([None, None, "Beijing", "DC"])
    ),
    "suspend": st.tuples(
        st.just("suspend"), occurred(), st.sampled_from([None, None, "CHN", "USA", "JPN"])
    ),
    "resume": st.tuples(st.just("resume"), occurred()),
    "cadence": st.tuples(
        st.just("cadence"), occurred(), named_levels, st.sampled_from([0.5, 1, 2, 4])
    ),
    "plan": st.tuples(st.just("plan"), occurred(), windows(), levels),
    "agree": st.tuples(st.just("agree"), occurred()),
    "retract": st.tuples(st.just("retract"), st.integers(0, 1000)),
    # Conclusions come late and seldom, since nothing but a retraction may follow one.
    "conclude": st.tuples(st.just("conclude"), occurred(late_days)),
    # A number that picks an event (a planned meeting, if it is to be accepted).
    "postpone": st.tuples(st.just("postpone"), occurred(), st.integers(0, 1000), windows()),
    "cancel": st.tuples(st.just("cancel"), occurred(), st.integers(0, 1000)),
    "amend": st.tuples(
        st.just("amend"), occurred(), st.sampled_from(["Renamed group", None]), named_levels
    ),
    "correct": st.tuples(st.just("correct"), st.integers(0, 1000), occurred()),
}
# Weighted towards what makes timelines interesting.
WEIGHTS = {"meet": 6, "suspend": 3, "resume": 3, "cadence": 2, "plan": 2, "agree": 1}
WEIGHTS |= {"retract": 2, "conclude": 1, "postpone": 2, "cancel": 1, "amend": 1, "correct": 2}
operations: st.SearchStrategy[Op] = st.sampled_from(
    [kind for kind, weight in WEIGHTS.items() for _ in range(weight)]
).flatmap(KINDS.__getitem__)


@st.composite
def pauses(draw: st.DrawFn) -> list[Op]:
    """A suspension and the resumption that ends it, recorded one after the other."""
    start = draw(days)
    end = start + dt.timedelta(days=draw(st.integers(1, 900)))
    return [("suspend", str(start), draw(st.sampled_from([None, "CHN"]))), ("resume", str(end))]


# Single operations, suspension-resumption pairs, and operations tried twice (duplicates).
command_lists = st.lists(
    st.one_of(operations.map(lambda op: [op]), pauses(), operations.map(lambda op: [op, op])),
    min_size=4,
    max_size=20,
).map(lambda groups: [op for group in groups for op in group])

openings = st.builds(
    lambda on, status, level: OpenChannel(
        slug=SLUG,
        title="US–China Commercial Issues Working Group",
        parties=("US", "CN"),
        on=on,
        status=status,
        level=level,
    ),
    on=st.dates(min_value=dt.date(2013, 1, 1), max_value=dt.date(2016, 12, 31)).map(str),
    status=st.sampled_from([ChannelStatus.AGREED] * 3 + [ChannelStatus.PROPOSED]),
    level=levels,
)
