"""Seed files: a list of recording commands, as TOML, JSON or JSON Lines.

TOML and JSON hold ``entry`` items (``[[entry]]`` tables in TOML) and are read whole, so they
may be at most MAX_DOCUMENT bytes; JSON Lines hold one entry per line (at most MAX_LINE bytes)
and may be as large as the disk allows: they are read twice, as a stream, and only the
position of each entry is kept in memory.

Only a regular file is read: a named pipe would never end (and an import waiting on it would
hold the store's write lock), a device such as /dev/zero would fill memory. ``open_seed``
opens the file without blocking and checks what it opened, before the store is touched.

Reading a file plans its import: every entry is validated first, and the first bad one is
reported with its position (entry number, and line for JSON Lines). The plan groups the
entries by channel, in file order, so that each channel can then be recorded on its own.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import stat
from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType
from typing import Any, BinaryIO

from pydantic import TypeAdapter, ValidationError

from tracker.application.commands import Entry, RecordingCommand
from tracker.application.errors import BadInput, explain

_ENTRY: TypeAdapter[RecordingCommand] = TypeAdapter(Entry)
FORMATS = (".toml", ".json", ".jsonl")
MAX_DOCUMENT = 16 * 2**20  # bytes of a TOML or JSON seed file, which is read whole
MAX_LINE = 2**20  # bytes of one JSON Lines entry, its line end aside


def _mebibytes(size: int) -> str:
    return f"{size / 2**20:g} MiB"


_KINDS = {
    stat.S_IFDIR: "a directory",
    stat.S_IFIFO: "a named pipe (FIFO)",
    stat.S_IFCHR: "a character device",
    stat.S_IFBLK: "a block device",
    stat.S_IFSOCK: "a socket",
}


def not_a_regular_file(mode: int) -> str | None:
    """What a file of this mode is, if it is not a regular file ("a named pipe (FIFO)")."""
    if stat.S_ISREG(mode):
        return None
    return _KINDS.get(stat.S_IFMT(mode), "not a regular file")


@dataclass
class SeedFile:
    """A seed file open for reading: a regular file, as checked on the descriptor opened.

    One reading at a time: each reading seeks to where it starts.
    """

    path: Path
    file: BinaryIO
    size: int

    @property
    def name(self) -> str:
        return self.path.name

    def close(self) -> None:
        self.file.close()

    def __enter__(self) -> SeedFile:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def open_seed(path: Path) -> SeedFile:
    """Open a seed file, refusing (BadInput) at once anything but a regular file, and a TOML or
    JSON file too large to read whole.

    A named pipe is opened without blocking (without O_NONBLOCK, opening one waits for a
    writer, for ever), and what was opened is checked on its descriptor, so that the file
    cannot be swapped between the check and the reading.
    """
    if path.suffix.lower() not in FORMATS:
        raise BadInput(f"{path.name}: seed files are .toml, .json or .jsonl")
    with _reading(path):
        _refuse_special(path, os.stat(path).st_mode)  # a socket cannot even be opened
        descriptor = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        try:
            found = os.fstat(descriptor)
            _refuse_special(path, found.st_mode)
            os.set_blocking(descriptor, True)
            seed = SeedFile(path, os.fdopen(descriptor, "rb"), found.st_size)
        except BaseException:
            os.close(descriptor)
            raise
    if path.suffix.lower() != ".jsonl" and seed.size > MAX_DOCUMENT:
        seed.close()
        raise _too_large(path)
    return seed


def _refuse_special(path: Path, mode: int) -> None:
    kind = not_a_regular_file(mode)
    if kind is not None:
        raise BadInput(
            f"cannot import {path}: it is {kind}, not a regular file; only a seed file saved "
            "on disk is read (copy what you would pipe in to a file first)"
        )


def _too_large(path: Path) -> BadInput:
    return BadInput(
        f"{path.name} is larger than {_mebibytes(MAX_DOCUMENT)}, the most a TOML or JSON seed "
        "file may hold (it is read whole); write its entries as JSON Lines (.jsonl), one entry "
        "a line, which is read as a stream whatever its size"
    )


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

    seed: SeedFile
    entries: int = 0
    channels: dict[str, ChannelEntries] = field(default_factory=dict)
    commands: list[RecordingCommand] | None = None  # the whole file, when it is small

    @property
    def path(self) -> Path:
        return self.seed.path

    def channel_entries(self, slug: str) -> Iterator[Positioned]:
        """The entries touching one channel, read again from the file (or from memory)."""
        found = self.channels[slug]
        if self.commands is not None:
            for number in found.numbers:
                command = self.commands[number - 1]
                yield Positioned(number, 0, command, command.channels())
            return
        file = self.seed.file
        for number, offset, line in zip(found.numbers, found.offsets, found.lines, strict=True):
            file.seek(offset)
            command = _ENTRY.validate_json(file.readline(MAX_LINE + 1))
            yield Positioned(number, line, command, command.channels())


class SeedReader:
    """One reading of a seed file in file order, each entry validated as it is read.

    Iterating gives the entries; the plan (entries grouped by channel) is complete once they
    have all been read. A TOML or JSON file is read and validated whole when the reader is
    made, and so is reported as bad before anything else is done; a JSON Lines file is only
    opened then, and a bad entry raises BadInput naming it when the reading reaches it.
    """

    def __init__(self, seed: SeedFile) -> None:
        self.plan = ImportPlan(seed)
        self.done, self.total = 0, 0  # progress, in bytes (JSON Lines) or entries
        with _reading(seed.path):
            if seed.path.suffix.lower() == ".jsonl":
                self.total = seed.size
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
            for number, offset, line, size, command in _jsonl(plan.seed):
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
        for number, raw in enumerate(_document(plan.seed), start=1):
            _refuse_repeated_keys(plan.path, f"entry {number}", raw)
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


def _jsonl(seed: SeedFile) -> Iterator[tuple[int, int, int, int, RecordingCommand]]:
    """Each entry: its number, offset, line and size in bytes, and the command it holds.

    A line is read MAX_LINE bytes at most: a longer one is refused without being read whole.
    """
    path, lines = seed.path, seed.file
    lines.seek(0)
    readline = lines.readline
    number, offset, line_no = 0, 0, 0
    while line := readline(MAX_LINE + 1):
        line_no += 1
        start, offset = offset, offset + len(line)
        if len(line) > MAX_LINE and not line.endswith(b"\n"):
            raise BadInput(
                f"{path.name}: line {line_no} is longer than {_mebibytes(MAX_LINE)}, the most "
                "one JSON Lines entry may be; split the entry's sources, or check that the file "
                "is JSON Lines"
            )
        if line.isspace():  # as `not line.strip()`: a line read is never empty
            continue
        number += 1
        try:
            # Parsed and validated in one pass by pydantic; the slow path only explains.
            command = _ENTRY.validate_json(line)
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
        # pydantic keeps the last of two equal keys: see _keys_may_repeat for the fast check.
        if b"\\" in line or _keys_may_repeat(line):
            _refuse_repeated_keys(path, f"entry {number} (line {line_no})", _parsed(line))
        yield number, start, line_no, len(line), command


# A key as it stands in a line without backslashes: "name" then a colon. Every key of an entry
# pydantic accepted is a field name of lowercase letters and underscores.
_KEY = re.compile(rb'"([a-z_]+)"\s*:')


def _keys_may_repeat(line: bytes) -> bool:
    """False when no key can stand twice in the line (one without backslashes, whose entry
    pydantic accepted): each key is then found as written, so distinct keys in the whole line
    mean distinct keys in each of its objects. True sends the line to the exact check (about a
    microsecond a line, against several for pydantic's own parsing; see the commit that added
    it for the measurements)."""
    keys = _KEY.findall(line)
    return len(keys) != len(set(keys))


class _Repeated(dict[str, Any]):
    """A JSON object in which a key stands more than once (the last value is kept)."""

    key: str


def _object(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    found = dict(pairs)
    if len(found) == len(pairs):
        return found
    repeated = _Repeated(found)
    seen: set[str] = set()
    for key, _ in pairs:
        if key in seen:
            repeated.key = key
            break
        seen.add(key)
    return repeated


def _parsed(text: str | bytes) -> Any:
    """JSON, every object with a key standing twice marked as _Repeated."""
    return json.loads(text, object_pairs_hook=_object)


def _repeated_key(value: Any) -> str | None:
    """A key standing twice in one object, anywhere inside this value."""
    if isinstance(value, _Repeated):
        return value.key
    children = (
        value.values() if isinstance(value, dict) else value if isinstance(value, list) else ()
    )
    for child in children:
        found = _repeated_key(child)
        if found is not None:
            return found
    return None


def _refuse_repeated_keys(path: Path, where: str, raw: Any) -> None:
    key = _repeated_key(raw)
    if key is not None:
        raise BadInput(
            f"{path.name}: {where} gives the key {key!r} twice in one object; keep the one you "
            "mean (a JSON reader would silently take the last)"
        )


def _document(seed: SeedFile) -> list[Any]:
    path = seed.path
    seed.file.seek(0)
    data = seed.file.read(MAX_DOCUMENT + 1)  # bounded: the file may have grown since it opened
    if len(data) > MAX_DOCUMENT:
        raise _too_large(path)
    text = data.decode("utf-8-sig")  # a byte-order mark is harmless here
    suffix = path.suffix.lower()
    if not text.strip():
        return []  # an empty seed file, like an empty JSON Lines file, has no entries
    try:
        if suffix == ".toml":
            import tomllib

            document: Any = tomllib.loads(text)
        else:
            document = _parsed(text)
    except ValueError as e:
        raise BadInput(f"{path.name} is not valid {suffix[1:].upper()}: {e}") from None
    if isinstance(document, _Repeated):
        _refuse_repeated_keys(path, "the document", document)
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
