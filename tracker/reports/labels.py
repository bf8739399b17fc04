"""Lane labels of the timeline: each fits its column in at most two lines, and no two read alike.

A title that fits is wrapped at spaces onto one or two lines. A longer one keeps its first line
and the end of its title on the second, with an ellipsis for what is left out between
("US-China Strategic Security Dialogue Working" / "… Group on Space"): titles that differ only
at the end still read differently. If two labels would still read the same (titles that differ
only in the middle, or the same title twice), each of them shows its channel's slug instead,
which no other channel has, broken at hyphens and in a smaller font if need be.

The years on a picture's axis are named as far apart as their names need (``years_apart``).

Widths are estimated from the characters (the report cannot measure text before a browser draws
it), on the wide side of common sans-serif fonts; the browser test measures what Chromium drew.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

FONT = 11.0
SMALLEST = 8.0
ELLIPSIS = "…"

_NARROW = set(" ilj.,;:|!'`")
_SEMI = set("frt()[]-/")
_WIDE = set("MWmw@%")


def text_width(text: str, size: float) -> float:
    """An estimate of the drawn width of ``text`` at font ``size``, erring wide."""
    em = 0.0
    for ch in text:
        if ch in _NARROW:
            em += 0.34
        elif ch in _SEMI:
            em += 0.44
        elif ch in _WIDE:
            em += 0.92
        elif ch.isupper() or ch.isdigit():
            em += 0.74
        elif ch.isascii():
            em += 0.62
        else:
            em += 1.0
    return em * size


@dataclass(frozen=True)
class Label:
    lines: tuple[str, ...]
    size: float
    whole: bool  # the label shows the title in full


def _wrap(words: list[str], width: float, size: float, joiner: str = " ") -> list[str]:
    lines: list[str] = []
    for word in words:
        if lines and text_width(lines[-1] + joiner + word, size) <= width:
            lines[-1] += joiner + word
        else:
            lines.append(word)
    return lines


def _tail(words: list[str], width: float, size: float) -> str:
    """As many of the last words as fit after an ellipsis (at least the end of the last)."""
    kept = ""
    for word in reversed(words):
        candidate = f"{word} {kept}".strip()
        if text_width(f"{ELLIPSIS} {candidate}", size) > width:
            break
        kept = candidate
    if not kept:  # one enormous last word: its last characters
        kept = words[-1]
        while kept and text_width(ELLIPSIS + kept, size) > width:
            kept = kept[1:]
        return ELLIPSIS + kept
    return f"{ELLIPSIS} {kept}"


def _head(line: str, width: float, size: float) -> str:
    """A first line that is itself too wide: cut, with an ellipsis where it was cut."""
    while line and text_width(line + ELLIPSIS, size) > width:
        line = line[:-1]
    return line.rstrip() + ELLIPSIS


def fit_title(title: str, width: float, size: float = FONT) -> Label:
    """The title in at most two lines of ``width``: whole if it fits, else its beginning and
    its end with an ellipsis between."""
    words = title.split() or [title]
    lines = _wrap(words, width, size)
    if len(lines) <= 2 and all(text_width(line, size) <= width for line in lines):
        return Label(tuple(lines), size, whole=True)
    first = lines[0]
    used = len(first.split())
    if text_width(first, size) > width:
        first, used = _head(first, width, size), 1
    rest = words[used:] or words[-1:]
    return Label((first, _tail(rest, width, size)), size, whole=False)


def _characters(text: str, width: float, size: float) -> list[str]:
    lines = [""]
    for ch in text:
        if lines[-1] and text_width(lines[-1] + ch, size) > width:
            lines.append("")
        lines[-1] += ch
    return lines


def fit_slug(slug: str, width: float) -> Label:
    """The slug in at most two lines, broken after hyphens (or anywhere, if a part between
    hyphens is too long), in the largest font that fits."""
    size = FONT
    while True:
        parts = [p + "-" for p in slug.split("-")]
        parts[-1] = parts[-1][:-1]
        lines = _wrap(parts, width, size, joiner="")
        if any(text_width(line, size) > width for line in lines):
            lines = _characters(slug, width, size)
        if len(lines) <= 2 or size <= SMALLEST:
            return Label(tuple(lines), size, whole=False)
        size -= 0.5


def lane_labels(channels: list[tuple[str, str]], width: float) -> list[Label]:
    """A label for each (slug, title), in order, no two of which read the same."""
    labels = [fit_title(title, width) for _slug, title in channels]
    seen: dict[tuple[str, ...], int] = {}
    for label in labels:
        seen[label.lines] = seen.get(label.lines, 0) + 1
    return [
        fit_slug(slug, width) if seen[label.lines] > 1 else label
        for (slug, _title), label in zip(channels, labels, strict=True)
    ]


def years_apart(year_width: float, size: float = 12.0) -> int:
    """Every how many years an axis can name its year (written from 3 units right of the
    year's line, at font ``size``) without two names touching, when a year is ``year_width``
    wide."""
    room = 3 + text_width("2000", size) + 4
    return max(1, math.ceil(room / max(year_width, 1.0)))
