"""Small helpers for writing GitHub-flavoured Markdown: escaping, code, tables, anchors."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Sequence

# Characters that would start emphasis, code, links, HTML or strike-through inside a line of text.
_SPECIAL = re.compile(r"([\\`*_\[\]<>~])")


def escape(text: str) -> str:
    """Text shown as it is: Markdown's special characters are escaped, lines joined."""
    return _SPECIAL.sub(r"\\\1", re.sub(r"\s+", " ", text))


def code(text: str) -> str:
    """An inline code span that survives backticks in the text."""
    text = " ".join(text.split())
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    fence = "`" * (longest + 1)
    padded = f" {text} " if text.startswith("`") or text.endswith("`") else text
    return f"{fence}{padded}{fence}"


def fenced(text: str, info: str = "") -> list[str]:
    """A fenced code block, its fence longer than any run of backticks inside."""
    longest = max((len(run) for run in re.findall(r"`{3,}", text)), default=2)
    fence = "`" * (longest + 1)
    return [f"{fence}{info}", *text.splitlines(), fence]


def docstring(text: str) -> str:
    """Plain text with ``literals`` (as docstrings write them) as Markdown: literals as code."""
    parts = re.split(r"``(.+?)``", " ".join(text.split()))
    return "".join(code(p) if i % 2 else escape(p) for i, p in enumerate(parts))


def paragraphs(text: str) -> list[str]:
    """A docstring or help text as Markdown paragraphs, blank lines between them."""
    blocks = [" ".join(block.split()) for block in re.split(r"\n\s*\n", text.strip())]
    out: list[str] = []
    for block in filter(None, blocks):
        out += [docstring(block), ""]
    return out[:-1]


def cell(text: str) -> str:
    """A table cell: one line, pipes escaped (also inside code spans, as GitHub wants)."""
    return " ".join(text.split()).replace("|", "\\|") or " "


def table(header: Sequence[str], rows: Iterable[Sequence[str]]) -> list[str]:
    """A Markdown table; every cell is already Markdown, and is made safe for a table."""
    lines = [
        "| " + " | ".join(cell(h) for h in header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
    ]
    for row in rows:
        if len(row) != len(header):
            raise ValueError(f"a row of {len(row)} cells in a table of {len(header)} columns")
        lines.append("| " + " | ".join(cell(c) for c in row) + " |")
    return lines


def slug(heading: str) -> str:
    """The anchor GitHub gives a heading: lower case, punctuation dropped, spaces to hyphens."""
    kept = [
        ch for ch in heading.strip().lower() if ch in " -_" or unicodedata.category(ch)[0] in "LMN"
    ]
    return "".join(kept).replace(" ", "-")


class Anchors:
    """Unique anchors for the headings of one page, numbered as GitHub numbers repeats."""

    def __init__(self) -> None:
        self._seen: dict[str, int] = {}

    def __call__(self, heading: str) -> str:
        base = slug(heading)
        count = self._seen.get(base, 0)
        self._seen[base] = count + 1
        return base if count == 0 else f"{base}-{count}"
