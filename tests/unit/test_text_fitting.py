"""The dashboard's short cut gives what the plain code gives, for any text.

A segment that fits its column is not run through textwrap (the dashboard of many channels as
text is faster for it: `make bench`, "What each speed trick buys"). It must give exactly the
lines textwrap would, whatever a careless user or an attacker stored.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from tests.bench.tricks import wrapped_lines
from tracker.reports.fitting import Column, _lines
from tracker.reports.text import printable

# Texts as a careless user or an attacker might store them: controls, bidirectional overrides,
# Unicode spaces and separators, among ordinary words.
AWKWARD = st.text(
    alphabet=st.one_of(
        st.sampled_from(list(" \t\n\r\x0b\x0c\x1b\x7f\x85\x9b\u00a0\u2028\u202e\u2066\u3000")),
        st.characters(codec="utf-8"),
        st.sampled_from(list("ab -–")),
    ),
    max_size=40,
)


@given(st.lists(AWKWARD.map(printable), min_size=1, max_size=4), st.integers(1, 30))
@example([" leading", "trailing "], 9)
@example(["ministerial 2025-01-09, 693 days late", "vice-ministerial 2025-07-10"], 30)
def test_a_cell_wraps_as_textwrap_would(cell: list[str], width: int) -> None:
    column = Column("next due")
    assert _lines(column, cell, width) == wrapped_lines(column, cell, width)
