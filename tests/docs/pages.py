"""Helpers for the documentation tests: the committed pages, and how they differ."""

from __future__ import annotations

import difflib
import re

from docs.tools import DOCS
from docs.tools.markdown import Anchors


def committed(name: str) -> str:
    """The text of docs/NAME as it is in the working tree ("" when it is missing)."""
    path = DOCS / name
    return path.read_text(encoding="utf-8") if path.exists() else ""


def out_of_date(name: str, page: str, generated: str) -> str:
    """The failure message: which page, what to run, and the first lines that differ."""
    diff = difflib.unified_diff(
        page.splitlines(), generated.splitlines(), f"docs/{name}", "generated", n=1, lineterm=""
    )
    shown = "\n".join(list(diff)[:40])
    return f"docs/{name} is out of date: run make docs\n{shown}"


_CELL_SPLIT = re.compile(r"(?<!\\)\|")


def table_shapes(page: str) -> list[tuple[int, int, int]]:
    """(line, cells in the header, cells in the row) for each table row of the wrong width."""
    wrong = []
    width = None
    for number, line in enumerate(page.splitlines(), start=1):
        text = line.strip()
        if not text.startswith("|"):
            width = None
            continue
        cells = len(_CELL_SPLIT.split(text)) - 2
        if width is None:
            width = cells
        elif cells != width:
            wrong.append((number, width, cells))
    return wrong


def heading_anchors(page: str) -> set[str]:
    """The anchors GitHub gives the page's headings (code fences skipped)."""
    anchors = Anchors()
    found = set()
    in_fence = False
    for line in page.splitlines():
        if line.startswith("```"):
            in_fence = not in_fence
        elif not in_fence and (match := re.match(r"#{1,6} (.+)", line)):
            text = re.sub(r"\\(.)", r"\1", match.group(1)).replace("`", "")
            text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("*", "")
            found.add(anchors(text))
    return found


def links(page: str) -> list[str]:
    """The targets of the page's Markdown links."""
    return re.findall(r"\]\(([^)\s]+)\)", page)
