"""Seed files: a list of recording commands, as TOML, JSON or JSON Lines.

TOML and JSON hold ``entry`` items (``[[entry]]`` tables in TOML); JSON Lines hold one entry
per line and may be as large as the disk allows: they are read twice, as a stream, and only
the position of each entry is kept in memory.

Reading a file plans its import: every entry is validated first, and the first bad one is
reported with its position (entry number, and line for JSON Lines). The plan groups the
entries by channel, in file order, so that each channel can then be recorded on its own.
"""

from __future__ import annotations

import json
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import TypeAdapter, ValidationError

from tracker.application.commands import Entry, RecordingCommand
from tracker.application.errors import BadInput, explain

_ENTRY: TypeAdapter[RecordingCommand] = TypeAdapter(Entry)
FORMATS = (".toml", ".json", ".jsonl")


@dataclass(frozen=True)
class Positioned:
    """An entry and where it stands in its file, for error messages."""

    number: int
    where: str
    command: RecordingCommand


@dataclass
class ChannelEntries:
    """Where one channel's entries are in the file, in file order."""

    numbers: array[int] = field(default_factory=lambda: array("q"))
    offsets: array[int] = field(default_factory=lambda: array("q"))
    lines: array[int] = field(default_factory=lambda: array("q"))


@dataclass
class ImportPlan:
    """A validated seed file, its entries grouped by channel."""

    path: Path
    entries: int = 0
    channels: dict[str, ChannelEntries] = field(default_factory=dict)
    commands: list[RecordingCommand] | None = None  # the whole file, when it is small

    def channel_entries(self, slug: str) -> Iterator[Positioned]:
        """The entries touching one channel, read again from the file (or from memory)."""
        found = self.channels[slug]
        if self.commands is not None:
            for number in found.numbers:
                yield Positioned(number, f"entry {number}", self.commands[number - 1])
            return
        with self.path.open("rb") as file:
            for number, offset, line in zip(found.numbers, found.offsets, found.lines, strict=True):
                file.seek(offset)
                yield Positioned(
                    number, f"entry {number} (line {line})", _ENTRY.validate_json(file.readline())
                )


def _jsonl(path: Path) -> Iterator[tuple[int, str, int, int, RecordingCommand]]:
    with path.open("rb") as lines:
        number, offset = 0, 0
        for line_no, line in enumerate(lines, start=1):
            start, offset = offset, offset + len(line)
            if not line.strip():
                continue
            number += 1
            where = f"entry {number} (line {line_no})"
            try:
                # Parsed and validated in one pass by pydantic; the slow path only explains.
                yield number, where, start, line_no, _ENTRY.validate_json(line)
            except ValidationError:
                try:
                    raw = json.loads(line.decode("utf-8"))
                except (json.JSONDecodeError, UnicodeDecodeError) as e:
                    reason = e.msg if isinstance(e, json.JSONDecodeError) else "not UTF-8 text"
                    raise BadInput(f"{path.name}: {where} is not JSON: {reason}") from None
                _validate(path, where, raw)
                # Valid for json.loads, not for pydantic: an encoding pydantic does not take.
                raise BadInput(
                    f"{path.name}: {where} is not plain UTF-8 JSON (a byte-order mark?)"
                ) from None


def _document(path: Path) -> list[Any]:
    text = path.read_text(encoding="utf-8-sig")  # a byte-order mark is harmless here
    suffix = path.suffix.lower()
    if not text.strip():
        return []  # an empty seed file, like an empty JSON Lines file, has no entries
    try:
        if suffix == ".toml":
            import tomllib

            document: Any = tomllib.loads(text)
        else:
            document = json.loads(text)
    except ValueError as e:
        raise BadInput(f"{path.name} is not valid {suffix[1:].upper()}: {e}") from None
    entries = document.get("entry") if isinstance(document, dict) else document
    if not isinstance(entries, list):
        raise BadInput(
            f"{path.name} has no list of entries; write each as an [[entry]] table (TOML) or "
            'an item of "entry": [...] (JSON)'
        )
    return entries


def _validate(path: Path, where: str, raw: Any) -> RecordingCommand:
    if not isinstance(raw, dict):
        raise BadInput(f"{path.name}: {where} is not a table of fields")
    try:
        return _ENTRY.validate_python(raw)
    except ValidationError as e:
        kind = raw.get("command")
        what = f" ({kind})" if isinstance(kind, str) and len(kind) < 20 else ""
        raise BadInput(f"{path.name}: {where}{what}: {explain(e)}") from None


def plan_import(path: Path) -> ImportPlan:
    """Validate every entry of a seed file; raise BadInput naming the first bad one."""
    if path.suffix.lower() not in FORMATS:
        raise BadInput(f"{path.name}: seed files are .toml, .json or .jsonl")
    plan = ImportPlan(path)
    try:
        if path.suffix.lower() == ".jsonl":
            for number, _, offset, line, command in _jsonl(path):
                for slug in command.channels():
                    found = plan.channels.setdefault(slug, ChannelEntries())
                    found.numbers.append(number)
                    found.offsets.append(offset)
                    found.lines.append(line)
                plan.entries = number
        else:
            plan.commands = []
            for number, raw in enumerate(_document(path), start=1):
                command = _validate(path, f"entry {number}", raw)
                plan.commands.append(command)
                for slug in command.channels():
                    plan.channels.setdefault(slug, ChannelEntries()).numbers.append(number)
                plan.entries = number
    except FileNotFoundError:
        raise BadInput(f"{path} does not exist") from None
    except RecursionError:
        raise BadInput(f"{path.name} is nested too deeply to be a seed file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise BadInput(f"cannot read {path}: {getattr(e, 'strerror', None) or e}") from None
    except ValueError as e:  # e.g. an integer too long for Python to read
        raise BadInput(f"{path.name} cannot be read: {e}") from None
    return plan
