"""Columns that fit a width: cells wrap between words, never inside one, and the columns a
reader can do without give way first.

A cell is a list of segments (a channel's cadences, its plans), each a unit a reader takes in
at once ("ministerial 2025-01-09, 693 days late"): joined on one line when the column is wide
enough, one under the other when it is not; a segment is never broken. Columns come in the
order of their priority: those marked ``keep`` are always shown; the others are added while
they fit, in that order, and one marked ``shrink`` (a title) is cut at a word, with "…", to the
room left. When even the kept columns cannot fit with their segments one under the other, the
rows are shown as cards: the first cell on a line of its own, each other kept one on an
indented line under it, wrapped between words to the width.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

GAP = 2  # spaces between two columns
INDENT = "  "  # of a card's lines under its first


@dataclass(frozen=True)
class Column:
    name: str
    keep: bool = False  # shown at every width
    shrink: bool = False  # cut at a word to the room left, rather than left out
    joiner: str = "; "  # between the segments of a cell on one line
    position: int = 0  # where it is shown, whatever order it is fitted in


Cell = Sequence[str]


def _words(text: str) -> list[str]:
    return text.split()


def _min_width(column: Column, cells: Sequence[Cell]) -> int:
    """The width of the longest segment (of the longest word, for a column cut at a word)."""
    if column.shrink:
        return max([len(column.name)] + [len(w) for c in cells for s in c for w in _words(s)])
    return max([len(column.name)] + [len(segment) for cell in cells for segment in cell])


def _full_width(column: Column, cells: Sequence[Cell]) -> int:
    return max([len(column.name)] + [len(column.joiner.join(cell)) for cell in cells])


def _lines(column: Column, cell: Cell, width: int) -> list[str]:
    """A cell's lines at a width: joined, stacked, then wrapped between words."""
    joined = column.joiner.join(cell)
    if len(joined) <= width:
        return [joined] if joined else [""]
    if column.shrink:
        return [_cut(joined, width)]
    lines: list[str] = []
    for segment in cell:
        if len(segment) <= width and not segment[:1].isspace() and not segment[-1:].isspace():
            # What textwrap would give (tests/unit/test_text_fitting.py), without its regular
            # expressions. Its figure in `make bench` ("What each speed trick buys"): the
            # dashboard of 2,000 channels as text took 57 to 149% longer without it (2026-12-04).
            lines.append(segment)
            continue
        lines.extend(
            textwrap.wrap(segment, width, break_long_words=False, break_on_hyphens=False) or [""]
        )
    return lines


def _cut(text: str, width: int) -> str:
    """The words of ``text`` that fit in ``width`` with "…" after them (at least one word)."""
    words, kept = _words(text), ""
    for word in words:
        candidate = f"{kept} {word}" if kept else word
        if len(candidate) + 1 > width:
            break
        kept = candidate
    return (kept or words[0]) + "…"


def fit(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int | None) -> list[str]:
    """The table's lines, no wider than ``width`` (None: every column at its full width)."""
    cells = [[row[i] for row in rows] for i in range(len(columns))]
    full = [_full_width(c, cells[i]) for i, c in enumerate(columns)]
    least = [_min_width(c, cells[i]) for i, c in enumerate(columns)]
    if width is None:
        everything = sorted(range(len(columns)), key=lambda i: (columns[i].position, i))
        return _render(columns, rows, everything, full)
    kept = [i for i, c in enumerate(columns) if c.keep]
    widths = {i: full[i] for i in kept}
    if not _shrink(widths, least, width):
        return _cards(columns, rows, width)
    # The others in their order, each while it fits beside what is shown (never narrowing that).
    for i, column in enumerate(columns):
        if column.keep:
            continue
        room = width - _total(widths) - GAP
        if room >= full[i]:
            widths[i] = full[i]
        elif room >= max(least[i], len(column.name), 16 if column.shrink else 0):
            widths[i] = room  # wrapped between words, or (shrink) cut at a word
    shown = sorted(widths, key=lambda i: (columns[i].position, i))
    return _render(columns, rows, shown, [widths.get(i, 0) for i in range(len(columns))])


def _total(widths: dict[int, int]) -> int:
    return sum(widths.values()) + GAP * (len(widths) - 1)


def _shrink(widths: dict[int, int], least: Sequence[int], width: int) -> bool:
    """Narrow the widest columns (never below their longest word) until the total fits; False
    if it cannot (``widths`` then untouched)."""
    trial = dict(widths)
    while _total(trial) > width:
        narrowable = [i for i in trial if trial[i] > least[i]]
        if not narrowable:
            return False
        widest = max(narrowable, key=lambda i: trial[i] - least[i])
        trial[widest] -= 1
    widths.update(trial)
    return True


def _render(
    columns: Sequence[Column],
    rows: Sequence[Sequence[Cell]],
    shown: Sequence[int],
    widths: Sequence[int],
) -> list[str]:
    lines = [_line([columns[i].name for i in shown], [widths[i] for i in shown])]
    for row in rows:
        parts = [_lines(columns[i], row[i], widths[i]) for i in shown]
        for n in range(max(len(p) for p in parts)):
            texts = [p[n] if n < len(p) else "" for p in parts]
            lines.append(_line(texts, [widths[i] for i in shown]))
    return lines


def _line(texts: Sequence[str], widths: Sequence[int]) -> str:
    return (" " * GAP).join(t.ljust(w) for t, w in zip(texts, widths, strict=True)).rstrip()


def _cards(columns: Sequence[Column], rows: Sequence[Sequence[Cell]], width: int) -> list[str]:
    """Each row as a card: its first cell, then each kept cell on an indented line (its
    segments one under the other when they do not fit on one), wrapped between words."""
    lines = []
    for row in rows:
        lines.append(columns[0].joiner.join(row[0]))
        for column, cell in zip(columns[1:], row[1:], strict=True):
            if not column.keep or not any(cell):
                continue
            label = f"{column.name}: " if column.name else ""
            joined = INDENT + label + column.joiner.join(cell)
            if len(joined) <= width:
                lines.append(joined)
                continue
            hanging = INDENT + " " * len(label)
            for n, segment in enumerate(cell):
                first = INDENT + label if n == 0 else hanging
                lines.extend(
                    textwrap.wrap(
                        segment,
                        max(width, len(hanging) + 20),
                        initial_indent=first,
                        subsequent_indent=hanging,
                        break_long_words=False,
                        break_on_hyphens=False,
                    )
                )
    return lines
