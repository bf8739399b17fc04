"""Seed files: a list of recording commands, as TOML, JSON or JSON Lines; opening one safely.

TOML and JSON hold ``entry`` items (``[[entry]]`` tables in TOML) and are read whole, so they
may be at most MAX_DOCUMENT bytes; JSON Lines hold one entry per line and may be as large as
the disk allows (seedentries.py reads each format's entries).

Only a regular file is read: a named pipe would never end (and an import waiting on it would
hold the store's write lock), a device such as /dev/zero would fill memory. ``open_seed``
opens the file without blocking and checks what it opened, before the store is touched.
Reading it in order and planning its import is seedplan.py.
"""

from __future__ import annotations

import contextlib
import io
import os
import stat
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import BinaryIO

from tracker.application.errors import BadInput

FORMATS = (".toml", ".json", ".jsonl")
MAX_DOCUMENT = 16 * 2**20  # bytes of a TOML or JSON seed file, which is read whole


def mebibytes(size: int) -> str:
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
        export = " (a .csv is an export of tracker export, for reading: it cannot be imported)"
        raise BadInput(
            f"{path.name}: seed files are .toml, .json or .jsonl"
            + (export if path.suffix.lower() == ".csv" else "")
        )
    with reading(path):
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
        raise too_large(path)
    return seed


def seed_in_memory(name: str, data: bytes) -> SeedFile:
    """A seed file held in memory (the proposals a review accepted), read as one on disk: its
    name (whose suffix says its format) names it in messages."""
    return SeedFile(Path(name), io.BytesIO(data), len(data))


def _refuse_special(path: Path, mode: int) -> None:
    kind = not_a_regular_file(mode)
    if kind is not None:
        raise BadInput(
            f"cannot import {path}: it is {kind}, not a regular file; only a seed file saved "
            "on disk is read (copy what you would pipe in to a file first)"
        )


def too_large(path: Path) -> BadInput:
    """The refusal of a TOML or JSON file larger than MAX_DOCUMENT."""
    return BadInput(
        f"{path.name} is larger than {mebibytes(MAX_DOCUMENT)}, the most a TOML or JSON seed "
        "file may hold (it is read whole); write its entries as JSON Lines (.jsonl), one entry "
        "a line, which is read as a stream whatever its size"
    )


@contextlib.contextmanager
def reading(path: Path) -> Iterator[None]:
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
