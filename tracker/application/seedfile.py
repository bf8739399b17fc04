"""Seed files: a list of recording commands, as TOML, JSON or JSON Lines.

TOML and JSON hold ``entry`` items (``[[entry]]`` tables in TOML); JSON Lines hold one entry
per line and may be as large as the disk allows: they are read twice, as a stream, and only
the position of each entry is kept in memory.

Reading a file plans its import: every entry is validated first, and the first bad one is
reported with its position (entry number, and line for JSON Lines). The plan groups the
entries by channel, in file order, so that each channel can then be recorded on its own.
"""

from __future__ import annotations

import contextlib
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


@dataclass(frozen=True, slots=True)
class Positioned:
    """An entry and where it stands in its file, for error messages."""

    number: int
    line: int  # its line in a JSON Lines file (0 in other files)
    command: RecordingCommand
    channels: tuple[str, ...]  # the channels it touches: command.channels()

    @property
    def where(self) -> str:
        return f"entry {self.number} (line {self.line})" if self.line else f"entry {self.number}"


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
                command = self.commands[number - 1]
                yield Positioned(number, 0, command, command.channels())
            return
        with self.path.open("rb") as file:
            for number, offset, line in zip(found.numbers, found.offsets, found.lines, strict=True):
                file.seek(offset)
                command = _ENTRY.validate_json(file.readline())
                yield Positioned(number, line, command, command.channels())


class SeedReader:
    """One reading of a seed file in file order, each entry validated as it is read.

    Iterating gives the entries; the plan (entries grouped by channel) is complete once they
    have all been read. A TOML or JSON file is read and validated whole when the reader is
    made, and so is reported as bad before anything else is done; a JSON Lines file is only
    opened then, and a bad entry raises BadInput naming it when the reading reaches it.
    """

    def __init__(self, path: Path) -> None:
        if path.suffix.lower() not in FORMATS:
            raise BadInput(f"{path.name}: seed files are .toml, .json or .jsonl")
        self.plan = ImportPlan(path)
        self.done, self.total = 0, 0  # progress, in bytes (JSON Lines) or entries
        with _reading(path):
            if path.suffix.lower() == ".jsonl":
                self.total = path.stat().st_size
                self._entries = self._lines()
            else:
                self._entries = self._document()

    def __iter__(self) -> Iterator[Positioned]:
        return self._entries

    def finish(self) -> ImportPlan:
        """Read (and validate) the rest of the file; the whole plan."""
        for _ in self._entries:
            pass
        return self.plan

    def _lines(self) -> Iterator[Positioned]:
        plan = self.plan
        with _reading(plan.path):
            for number, offset, line, size, command in _jsonl(plan.path):
                channels = command.channels()
                for slug in channels:
                    found = plan.channels.get(slug)
                    if found is None:
                        found = plan.channels[slug] = ChannelEntries()
                    found.numbers.append(number)
                    found.offsets.append(offset)
                    found.lines.append(line)
                plan.entries = number
                self.done = offset + size
                yield Positioned(number, line, command, channels)

    def _document(self) -> Iterator[Positioned]:
        plan = self.plan
        plan.commands = []
        for number, raw in enumerate(_document(plan.path), start=1):
            command = _validate(plan.path, f"entry {number}", raw)
            plan.commands.append(command)
            for slug in command.channels():
                plan.channels.setdefault(slug, ChannelEntries()).numbers.append(number)
            plan.entries = number
        self.total = plan.entries
        return self._remembered(plan.commands)

    def _remembered(self, commands: list[RecordingCommand]) -> Iterator[Positioned]:
        for number, command in enumerate(commands, start=1):
            self.done = number
            yield Positioned(number, 0, command, command.channels())


@contextlib.contextmanager
def _reading(path: Path) -> Iterator[None]:
    """Report what goes wrong reading a seed file as bad input."""
    try:
        yield
    except FileNotFoundError:
        raise BadInput(f"{path} does not exist") from None
    except RecursionError:
        raise BadInput(f"{path.name} is nested too deeply to be a seed file") from None
    except (OSError, UnicodeDecodeError) as e:
        raise BadInput(f"cannot read {path}: {getattr(e, 'strerror', None) or e}") from None
    except ValueError as e:  # e.g. an integer too long for Python to read
        raise BadInput(f"{path.name} cannot be read: {e}") from None


def _jsonl(path: Path) -> Iterator[tuple[int, int, int, int, RecordingCommand]]:
    """Each entry: its number, offset, line and size in bytes, and the command it holds."""
    with path.open("rb") as lines:
        number, offset = 0, 0
        for line_no, line in enumerate(lines, start=1):
            start, offset = offset, offset + len(line)
            if line.isspace():  # as `not line.strip()`: a line read is never empty
                continue
            number += 1
            try:
                # Parsed and validated in one pass by pydantic; the slow path only explains.
                yield number, start, line_no, len(line), _ENTRY.validate_json(line)
            except ValidationError:
                where = f"entry {number} (line {line_no})"
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
