"""Standard output, as every command writes it: one choke point between the tracker and the
terminal.

While a command runs, ``sys.stdout`` is a ``StandardOutput``. When it is a terminal, every
character that could act on the terminal instead of being shown — C0 controls but the line
feed and the tab, DEL, C1 controls, bidirectional overrides and isolates — is written as an
escape (``\\x1b``, ``\\u202e``), whatever command printed it and however it was built: text a
user typed can never reach a terminal as a control sequence. Output to a pipe or a file is
written as it is (the renderers that need to escape do so themselves).

rich draws the dashboard's table with colours of its own: it writes to ``styled()``, the same
stream unescaped, and every text in its cells is escaped by the renderer (reports/text.py).

A write that fails (a full disk, /dev/full, a reader that went away) raises OutputFailed, which
TrackerGroup.main turns into one line and exit 2 — or, for a broken pipe (``tracker history x |
head -1``), a quiet end with exit 0: the reader has read all it wanted.
"""

from __future__ import annotations

import errno
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any, TextIO, cast

from tracker.reports.escaping import terminal_text


class OutputFailed(Exception):
    """Standard output could not be written."""

    def __init__(self, error: OSError) -> None:
        super().__init__(error.strerror or type(error).__name__)
        self.reason = error.strerror or type(error).__name__
        self.broken_pipe = error.errno == errno.EPIPE


class StandardOutput:
    """A text stream in front of the real standard output (see the module's docstring)."""

    def __init__(self, stream: TextIO, *, escape: bool) -> None:
        self._stream = stream
        self._escape = escape

    def write(self, text: str) -> int:
        if not isinstance(text, str):  # as a text stream does (click probes with bytes)
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        try:
            self._stream.write(terminal_text(text) if self._escape else text)
        except OSError as e:
            raise OutputFailed(e) from e
        return len(text)

    def writelines(self, lines: Iterable[str]) -> None:
        for line in lines:
            self.write(line)

    def flush(self) -> None:
        try:
            self._stream.flush()
        except OSError as e:
            raise OutputFailed(e) from e

    def isatty(self) -> bool:
        return self._stream.isatty()

    @property
    def raw(self) -> TextIO:
        return self._stream

    def __getattr__(self, name: str) -> Any:  # encoding, errors, fileno, buffer …
        return getattr(self._stream, name)


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


@contextmanager
def standard_output() -> Iterator[StandardOutput]:
    """Put a StandardOutput in front of ``sys.stdout`` while a command runs."""
    original = sys.stdout
    output = StandardOutput(original, escape=_is_terminal(original))
    sys.stdout = cast("TextIO", output)
    try:
        yield output
    finally:
        if sys.stdout is cast("TextIO", output):
            sys.stdout = original


def abandon(output: StandardOutput) -> None:
    """After a failed write: send what is still buffered to /dev/null, so that the
    interpreter's last flush at exit fails neither (nor prints its own error)."""
    try:
        descriptor = output.raw.fileno()
    except (AttributeError, OSError, ValueError):
        return  # no descriptor (captured by a test runner): nothing is flushed at exit
    devnull = os.open(os.devnull, os.O_WRONLY)
    try:
        os.dup2(devnull, descriptor)
    finally:
        os.close(devnull)


def styled() -> TextIO:
    """Standard output for rich, whose colours and box drawing are its own: not escaped (the
    texts it is given are)."""
    stream = sys.stdout
    while isinstance(stream, StandardOutput):
        stream = stream.raw
    return StandardOutput(stream, escape=False)  # type: ignore[return-value]


def standard_error_or_nowhere() -> None:
    """When the shell closed standard error (2>&-), send it to /dev/null: warnings and errors
    are then lost, the exit code still says, and no file the command opens can take the
    descriptor 2 and receive them."""
    if sys.stderr is not None:
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    if devnull != 2:
        os.dup2(devnull, 2)
        os.close(devnull)
    sys.stderr = open(2, "w", encoding="utf-8", errors="replace", closefd=False)  # noqa: SIM115
