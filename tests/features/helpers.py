"""What the step definitions share: step-pattern pieces, running the CLI, reading its answers.

Kept apart from the steps so that every step module (conftest.py, steps_time.py) can import it.
"""

from __future__ import annotations

import re
import shlex
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tests.support import CliResult, fingerprint, run_cli, stored_rows

ARTICLE_SEEDS = Path(__file__).resolve().parents[2] / "seeds" / "us-china-2023.toml"

# Pieces of step patterns. A quoted value may be empty (the tracker must say why it is wrong).
QUOTED = r'"(?P<{}>[^"]*)"'
SLUGS = r'(?P<slugs>"[^"]+"(?:(?:, | and )"[^"]+")*)'
LEVEL = r"(?: at (?P<level>[a-z-]+) level)?"
STATUS = r"(?P<status>proposed|agreed|active|suspended|concluded)"
VERDICTS = {
    "refuses it": 1,
    "rejects it as bad input": 2,
    "reports the store unreachable": 3,
    "finds the store damaged": 3,
}


def q(name: str) -> str:
    return QUOTED.format(name)


def slugs_in(text: str) -> list[str]:
    """The slugs of '"a", "b" and "c"'."""
    return re.findall(r'"([^"]+)"', text)


def parties_in(text: str) -> list[str]:
    """The parties of 'US and CN' or 'US, CN and JP'."""
    return [p for p in re.split(r",\s*|\s+and\s+", text.strip()) if p]


# --- what the last command did ----------------------------------------------------------------


def contents(store: str) -> tuple[int, str] | None:
    """How many events the store holds and their digest; None if the store cannot be read."""
    import psycopg

    try:
        return len(stored_rows(store)), fingerprint(store)
    except (psycopg.OperationalError, ValueError):  # no store there (or no such name)
        return None


@dataclass(frozen=True)
class Outcome:
    """One command run: its arguments, its result, and the store's contents before it ran."""

    args: tuple[str, ...]
    result: CliResult
    before: tuple[int, str] | None

    def recorded(self, store: str) -> int:
        """How many events the command added to the store."""
        after = contents(store)
        assert self.before is not None, "the store could not be read before the command"
        assert after is not None, "the store could not be read after the command"
        return after[0] - self.before[0]


def run(store: str, args: Sequence[str]) -> Outcome:
    before = contents(store)
    return Outcome(tuple(args), run_cli(list(args), db=store), before)


def record(store: str, args: Sequence[str]) -> CliResult:
    """Set the scene: run a recording command that must succeed."""
    result = run_cli(list(args), db=store)
    assert result.exit_code == 0, f"tracker {shlex.join(args)} failed: {result.output}"
    return result


def read_json(store: str, args: Sequence[str]) -> Any:
    result = run_cli([*args, "--json"], db=store)
    assert result.exit_code == 0, f"tracker {shlex.join(args)} --json failed: {result.output}"
    return result.json()


def status_of(store: str, slug: str, as_of: str | None = None) -> dict[str, Any]:
    args = ["status", slug] + (["--as-of", as_of] if as_of else [])
    view: dict[str, Any] = read_json(store, args)
    return view


def with_sources(
    args: list[str], source: str | None, quote: str | None, confidence: str | None
) -> list[str]:
    if source is not None:
        args += ["--source", source]
    if quote is not None:
        args += ["--quote", quote]
    if confidence is not None:
        args += ["--confidence", confidence]
    return args


def open_args(
    slug: str,
    on: str,
    *,
    parties: Sequence[str] = ("US", "CN"),
    title: str | None = None,
    status: str | None = None,
    level: str | None = None,
) -> list[str]:
    args = ["open", slug, "--title", title or slug, "--on", on]
    for party in parties:
        args += ["--party", party]
    if status:
        args += ["--status", status]
    if level:
        args += ["--level", level]
    return args


def meet_args(slug: str, on: str, level: str | None = None) -> list[str]:
    return ["meet", slug, "--on", on] + (["--level", level] if level else [])


def many_args(command: str, slugs: str, on: str, **options: str | None) -> list[str]:
    args = [command, *slugs_in(slugs), "--on", on]
    for name, value in options.items():
        if value is not None:
            args += [f"--{name}", value]
    return args


def rows_of(datatable: list[list[str]]) -> list[dict[str, str]]:
    """A table with a header row, as one dict per row."""
    header, *rows = datatable
    return [dict(zip(header, row, strict=True)) for row in rows]
