"""Write seed files (the ``tracker import`` format) for tests."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

SEED_FILE = Path(__file__).resolve().parents[2] / "seeds" / "us-china-2023.toml"

Entry = Mapping[str, Any]


def _toml(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)  # a JSON string is a TOML basic string
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_toml(v) for v in value) + "]"
    raise TypeError(f"no TOML form for {value!r}")


def toml_text(entries: Iterable[Entry]) -> str:
    """The entries as ``[[entry]]`` tables; a ``sources`` list becomes ``[[entry.sources]]``."""
    lines: list[str] = []
    for entry in entries:
        lines.append("[[entry]]")
        lines.extend(f"{k} = {_toml(v)}" for k, v in entry.items() if k != "sources")
        for source in entry.get("sources", ()):
            lines.append("[[entry.sources]]")
            lines.extend(f"{k} = {_toml(v)}" for k, v in source.items())
        lines.append("")
    return "\n".join(lines)


def write_seed(path: Path, entries: Sequence[Entry]) -> Path:
    path.write_text(toml_text(entries), encoding="utf-8")
    return path


def opening(slug: str, on: str = "2023-01-01", **fields: Any) -> dict[str, Any]:
    return {
        "command": "open",
        "slug": slug,
        "title": f"Channel {slug}",
        "parties": ["US", "CN"],
        "on": on,
        **fields,
    }


def meeting(slug: str, on: str, **fields: Any) -> dict[str, Any]:
    return {"command": "meet", "slug": slug, "on": on, **fields}


def days(start: str, count: int) -> list[str]:
    """``count`` consecutive ISO days from ``start``."""
    first = dt.date.fromisoformat(start)
    return [(first + dt.timedelta(days=i)).isoformat() for i in range(count)]


def entries_breaking_a_rule_at(position: int) -> list[dict[str, Any]]:
    """A valid file over two channels whose entry ``position`` (1-based) is a meeting held
    before its channel was opened."""
    entries: list[dict[str, Any]] = [opening("seed-alpha"), opening("seed-beta")]
    for i, day in enumerate(days("2023-02-01", position - 3)):
        entries.append(meeting("seed-alpha" if i % 2 else "seed-beta", day))
    entries.append(meeting("seed-alpha", "2022-06-01"))
    assert len(entries) == position
    return entries


def malformed_files(folder: Path) -> dict[str, tuple[Path, list[str]]]:
    """Each kind of malformed seed file, with the words its error must contain."""
    good = [opening("seed-alpha"), *(meeting("seed-alpha", d) for d in days("2023-02-01", 8))]

    bad_toml = folder / "bad-toml.toml"
    text = toml_text(good[:2]) + '[[entry]]\ncommand = "meet"\non = \n'  # no value: not TOML
    bad_toml.write_text(text, "utf-8")
    bad_line = text.count("\n")

    unknown = [*good[:2], {"command": "frobnicate", "slug": "seed-alpha", "on": "2023-03"}]
    unknown_command = write_seed(folder / "unknown-command.toml", unknown)

    dated = [*good[:6], meeting("seed-alpha", "2023-02-30"), *good[6:]]
    bad_date = write_seed(folder / "bad-date.toml", dated)
    return {
        # tomllib names the line and column of the first thing it cannot parse.
        "bad TOML": (bad_toml, ["bad-toml.toml", "TOML", f"line {bad_line}"]),
        "unknown command": (unknown_command, ["unknown-command.toml", "entry 3", "frobnicate"]),
        "bad date in entry 7": (bad_date, ["bad-date.toml", "entry 7", "2023-02-30"]),
    }
