"""Assertions shared by the command-line tests."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from tests.support import CliResult, fingerprint

ANSI_ESCAPE = "\x1b["


def assert_error(result: CliResult, exit_code: int, *words: str) -> str:
    """The command failed with ``exit_code``, printing one ``error: …`` line naming ``words``."""
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    assert result.stdout == "", result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert line.startswith("error: "), line
    for word in words:
        assert word in line, f"{word!r} not in {line!r}"
    return line


@contextmanager
def nothing_written(db: str) -> Iterator[None]:
    """Every stored row is the same after the block as before it."""
    before = fingerprint(db)
    yield
    assert fingerprint(db) == before, "something was written to the store"
