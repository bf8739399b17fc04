"""Seed files: a list of recording commands, as TOML, JSON or JSON Lines.

TOML and JSON hold ``entry`` items (``[[entry]]`` tables in TOML); JSON Lines hold one entry
per line. Every entry is validated before anything is recorded, and the first bad one is
reported with its position (entry number, and line for JSON Lines).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
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

    where: str
    command: RecordingCommand


def _raw_entries(path: Path) -> Iterator[tuple[str, Any]]:
    suffix = path.suffix.lower()
    if suffix == ".jsonl":
        with path.open(encoding="utf-8") as lines:
            number = 0
            for line_no, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                number += 1
                where = f"entry {number} (line {line_no})"
                try:
                    yield where, json.loads(line)
                except json.JSONDecodeError as e:
                    raise BadInput(f"{path.name}: {where} is not JSON: {e.msg}") from None
        return
    text = path.read_text(encoding="utf-8")
    try:
        if suffix == ".toml":
            import tomllib

            document: Any = tomllib.loads(text)
        else:
            document = json.loads(text)
    except (ValueError, UnicodeDecodeError) as e:
        raise BadInput(f"{path.name} is not valid {suffix[1:].upper()}: {e}") from None
    entries = document.get("entry") if isinstance(document, dict) else document
    if not isinstance(entries, list):
        raise BadInput(
            f"{path.name} has no list of entries; write each as an [[entry]] table (TOML) or "
            'an item of "entry": [...] (JSON)'
        )
    for number, raw in enumerate(entries, start=1):
        yield f"entry {number}", raw


def read_entries(path: Path) -> Iterator[Positioned]:
    """Validate each entry of a seed file; raise BadInput naming the first bad one."""
    if path.suffix.lower() not in FORMATS:
        raise BadInput(f"{path.name}: seed files are .toml, .json or .jsonl")
    try:
        for where, raw in _raw_entries(path):
            if not isinstance(raw, dict):
                raise BadInput(f"{path.name}: {where} is not a table of fields")
            try:
                command = _ENTRY.validate_python(raw)
            except ValidationError as e:
                kind = raw.get("command")
                what = f" ({kind})" if isinstance(kind, str) and len(kind) < 20 else ""
                raise BadInput(f"{path.name}: {where}{what}: {explain(e)}") from None
            yield Positioned(where, command)
    except FileNotFoundError:
        raise BadInput(f"{path} does not exist") from None
    except (IsADirectoryError, PermissionError, UnicodeDecodeError) as e:
        raise BadInput(f"cannot read {path}: {e}") from None
