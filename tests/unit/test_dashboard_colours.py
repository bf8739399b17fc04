"""The dashboard's colours on a terminal are the bytes rich would write.

The dashboard writes its SGR codes itself (rich made a text of every line: 10,000 channels
took more than twice as long). Whatever the channels hold (a title that says "active since"
or "OVERDUE", controls, wide characters), the lines must be those rich writes for the same
text with the header bold and each status and OVERDUE highlighted.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from tests.bench.tricks import rich_coloured
from tracker.reports.dashboard import STATUS_COLOURS, coloured

TEXTS = st.lists(
    st.one_of(
        st.sampled_from(["active since", "OVERDUE", "suspended since", " ", "\x1b", "界", "é"]),
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=5),
    ),
    min_size=1,
    max_size=6,
).map("".join)
DAYS = st.dates().map(lambda d: d.isoformat())


@st.composite
def views(draw: st.DrawFn) -> dict[str, object]:
    late = draw(st.integers(0, 900))
    return {
        "channel": draw(TEXTS),
        "title": draw(TEXTS),
        "parties": draw(st.lists(TEXTS, min_size=2, max_size=3)),
        "status": draw(st.sampled_from(list(STATUS_COLOURS))),
        "status_since": draw(DAYS),
        "last_meeting": draw(st.one_of(st.none(), DAYS)),
        "cadences": [
            {"level": draw(TEXTS), "next_due": draw(DAYS), "overdue": late > 0, "days_late": late}
        ],
        "planned": [],
        "overdue": late > 0,
    }


@given(st.lists(views(), min_size=1, max_size=5), st.sampled_from([80, 120, 200]))
def test_the_coloured_dashboard_is_what_rich_would_write(
    shown: list[dict[str, object]], width: int
) -> None:
    assert coloured(shown, width) + "\n" == rich_coloured(shown, width)
