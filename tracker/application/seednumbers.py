"""Numbers in a seed file that cannot be read: an integer of more digits than Python converts
(``sys.get_int_max_str_digits``, 4,300 by default, a guard against slow conversions), or a
decimal too large for a float (``1e400``). Each is refused naming its entry and field (or, in
TOML, its line), instead of with Python's own advice or as an ``inf`` the user never wrote.

JSON is read with hooks that keep such a number as a TooLong value, found afterwards by
``refuse_unreadable_numbers``; TOML reads decimals through the same hook, but fails on a long
integer itself, which ``refuse_long_toml_integer`` then finds in the text.
"""

from __future__ import annotations

import math
import re
import sys
from pathlib import Path
from typing import Any

from tracker.application.errors import BadInput


class TooLong:
    """A number as written that cannot be read."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def why(self) -> str:
        digits = sum(c.isdigit() for c in self.text)
        shown = self.text if len(self.text) <= 16 else f"{self.text[:12]}…"
        if "." in self.text or "e" in self.text.lower():
            return f"the number {shown} is too large to read; check the value"
        return (
            f"the number {shown} has {digits:,} digits, more than can be read "
            f"(at most {_limit():,}); check the value"
        )


def _limit() -> int:
    return sys.get_int_max_str_digits() or 4300


def integer(text: str) -> int | TooLong:
    """json.loads's parse_int."""
    try:
        return int(text)
    except ValueError:
        return TooLong(text)


def decimal(text: str) -> float | TooLong:
    """The parse_float of json.loads and tomllib: "1e400" is not infinity (TOML's own inf is)."""
    value = float(text)
    if math.isinf(value) and text.lstrip("+-").lower() != "inf":
        return TooLong(text)
    return value


def _found(value: Any, where: tuple[str, ...] = ()) -> tuple[tuple[str, ...], TooLong] | None:
    """The first unreadable number inside ``value``, with the fields that lead to it (list
    positions left out, as in the messages of errors.explain)."""
    if isinstance(value, TooLong):
        return where, value
    if isinstance(value, dict):
        items: Any = (((*where, str(k)), v) for k, v in value.items())
    elif isinstance(value, list):
        items = ((where, v) for v in value)
    else:
        return None
    for inner, child in items:
        found = _found(child, inner)
        if found is not None:
            return found
    return None


def refuse_unreadable_numbers(path: Path, where: str, raw: Any) -> None:
    """BadInput naming the field of the first unreadable number in an entry, if any."""
    found = _found(raw)
    if found is not None:
        fields, number = found
        raise BadInput(f"{path.name}: {where}: {'.'.join(fields)}: {number.why()}")


# A TOML value that is a decimal integer: after "key =", or an item of an array.
_TOML_INTEGER = re.compile(r"(?:^\s*(?P<key>[^=#\[]+?)\s*=|[\[,])\s*[+-]?(?P<digits>[0-9][0-9_]*)")


def refuse_long_toml_integer(path: Path, text: str) -> BadInput:
    """The refusal of a TOML document whose reading failed on an integer too long to convert,
    naming its line and key where the text shows them."""
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _TOML_INTEGER.finditer(line):
            digits = match["digits"].replace("_", "")
            if len(digits) > _limit():
                key = f"{match['key'].strip()}: " if match["key"] else ""
                return BadInput(f"{path.name}: line {number}: {key}{TooLong(digits).why()}")
    return BadInput(
        f"{path.name}: a number in it has more digits than can be read (at most {_limit():,}); "
        "check the values"
    )
