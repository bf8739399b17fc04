"""The dashboard's short cuts give what the plain code gives, for any text.

A segment that fits its column is not run through textwrap, and a table's texts are searched
for control characters at once (the dashboard of many channels as text is faster for each:
`make bench`, "What each speed trick buys"). They must give exactly the lines textwrap would
and the escapes each text would get, whatever a careless user or an attacker stored.
"""

from __future__ import annotations

from hypothesis import example, given
from hypothesis import strategies as st

from tests.bench.tricks import cells_one_by_one, wrapped_lines
from tracker.reports.escaping import printable, printable_cells
from tracker.reports.fitting import Column, _lines

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


@given(st.lists(st.lists(st.lists(AWKWARD, max_size=3), min_size=1, max_size=4), max_size=4))
@example([[["a title \u202eevil"], ["ok"]]])
def test_a_table_is_made_printable_as_each_text_would_be(rows: list[list[list[str]]]) -> None:
    assert printable_cells(rows) == cells_one_by_one(rows)
