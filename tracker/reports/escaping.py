"""Text made safe for a terminal: control characters shown as escapes.

Kept apart from the renderers (text.py) so that standard output, which every command writes
through (cli/output.py), escapes what reaches a terminal without loading the reports, the
application and the domain: `tracker --version` and `tracker --help` need none of them.
"""

from __future__ import annotations

import re

# What must never reach a terminal raw: C0 controls, DEL, C1 controls (\x9b opens a control
# sequence like ESC [), and the bidirectional overrides and isolates, which reorder what is
# shown ("Trojan source"). TERMINAL spares the line feed and the tab, which the tracker's own
# output uses; CONTROL spares nothing (one line of text, a cell). The bidirectional controls
# are Unicode's whole class (the Arabic letter mark and the two direction marks besides the
# overrides and isolates); INVISIBLE adds what breaks or hides text unseen: the line and
# paragraph separators, the zero-width space and the zero-width no-break space (the joiners,
# which Persian and Indic scripts need, are kept).
BIDI_CONTROLS = "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"
INVISIBLE = "\u200b\u2028\u2029\ufeff"
_CONTROL = re.compile(f"[\x00-\x1f\x7f-\x9f{BIDI_CONTROLS}{INVISIBLE}]")
_TERMINAL = re.compile(f"[\x00-\x08\x0b-\x1f\x7f-\x9f{BIDI_CONTROLS}{INVISIBLE}]")


def _escaped(match: re.Match[str]) -> str:
    return repr(match.group())[1:-1]  # \x1b, \n, \u202e


def printable(text: str) -> str:
    """Text safe for a terminal: control characters shown as escapes (\\x1b, \\n, \\u202e).

    Stored text is kept verbatim (and JSON, CSV and HTML show it so); only what is printed for
    a person is escaped, so that a title cannot move the cursor, rename the window, or turn
    the rest of its line around.
    """
    return _CONTROL.sub(_escaped, text)


Cells = list[list[list[str]]]  # rows of cells, each a list of segments


def printable_cells(rows: Cells) -> Cells:
    """A table's rows with every text made printable. Nearly no table holds a control
    character: the whole is searched at once, and only a table that holds one is escaped
    segment by segment (tests/unit/test_text_fitting.py checks the two agree). Its figure in
    `make bench` ("What each speed trick buys"): the dashboard of 2,000 channels as text took
    25% longer without it (2026-12-04)."""
    if not _CONTROL.search(" ".join(s for row in rows for cell in row for s in cell)):
        return rows
    return [[[printable(s) for s in cell] for cell in row] for row in rows]


def terminal_text(text: str) -> str:
    """Output on its way to a terminal, made safe: every control character escaped but the
    line feed and the tab (the last guard: see tracker/cli/output.py)."""
    return _TERMINAL.sub(_escaped, text) if _TERMINAL.search(text) else text
