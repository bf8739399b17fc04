"""The plan of an import: a seed file read once in file order, each entry validated as it is
read, and its entries grouped by channel.

Reading a file plans its import: every entry is validated, and the first bad one is reported
with its position. The plan groups the entries by channel, in file order, so that each channel
can then be recorded on its own: it keeps a small file's commands in memory, and only the
position of each entry of a JSON Lines file, which is read again channel by channel.

An entry tracker extract proposed as ``known`` (status = "known": the store records the fact
already) is validated and counted, and never recorded: it is left out of the plan.
"""

from __future__ import annotations

from array import array
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

from tracker.application.command_base import Command
from tracker.application.commands import SeedEntry
from tracker.application.seedentries import (
    document_entries,
    entry_at,
    jsonl_entries,
    refuse_repeated_keys,
    validate_entry,
)
from tracker.application.seedfile import SeedFile, reading


def known(command: SeedEntry) -> bool:
    """Whether the entry is a proposal of a fact the store recorded already (not recorded)."""
    return isinstance(command, Command) and command.proposal == "known"


class Positioned:
    """An entry and where it stands in its file, for error messages (not changed once made).

    A plain class with slots: one is made for each entry, and a frozen dataclass takes three
    times as long to make."""

    __slots__ = ("channels", "command", "line", "number")

    def __init__(
        self, number: int, line: int, command: SeedEntry, channels: tuple[str, ...]
    ) -> None:
        self.number = number
        self.line = line  # its line in a JSON Lines file (0 in other files)
        self.command = command
        self.channels = channels  # the channels it touches: command.channels()

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
    known: int = 0  # proposals of facts recorded already, left out
    channels: dict[str, ChannelEntries] = field(default_factory=dict)
    commands: list[SeedEntry] | None = None  # the whole file, when it is small

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
        for number, offset, line in zip(found.numbers, found.offsets, found.lines, strict=True):
            command = entry_at(self.seed, offset)
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
        with reading(seed.path):
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
        with reading(plan.path):
            for number, offset, line, size, command in jsonl_entries(plan.seed):
                plan.entries = number
                self.done = offset + size
                if known(command):
                    plan.known += 1
                    continue
                channels = command.channels()
                for slug in channels:
                    found = plan.channels.get(slug)
                    if found is None:
                        found = plan.channels[slug] = ChannelEntries()
                    found.numbers.append(number)
                    found.offsets.append(offset)
                    found.lines.append(line)
                yield Positioned(number, line, command, channels)

    def _document(self) -> Iterator[Positioned]:
        plan = self.plan
        plan.commands = []
        for number, raw in enumerate(document_entries(plan.seed), start=1):
            refuse_repeated_keys(plan.path, f"entry {number}", raw)
            command = validate_entry(plan.path, f"entry {number}", raw)
            plan.commands.append(command)
            plan.entries = number
            if known(command):
                plan.known += 1
                continue
            for slug in command.channels():
                plan.channels.setdefault(slug, ChannelEntries()).numbers.append(number)
        self.total = plan.entries
        return self._remembered(plan.commands)

    def _remembered(self, commands: list[SeedEntry]) -> Iterator[Positioned]:
        for number, command in enumerate(commands, start=1):
            self.done = number
            if known(command):
                continue
            yield Positioned(number, 0, command, command.channels())
