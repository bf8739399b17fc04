"""The entries of a seed file, read in each of its formats and validated as commands.

JSON Lines hold one entry per line (at most MAX_LINE bytes) and are read as a stream, each line
parsed and validated in one pass by pydantic; TOML and JSON are read whole (seedfile.py bounds
their size) and their entries validated one by one. Either way a key given twice in one object
is refused: a JSON reader would silently keep the last. A bad entry is reported with its
position (entry number, and line for JSON Lines).
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, get_args

from pydantic import TypeAdapter, ValidationError

from tracker.application.commands import Entry, SeedEntry
from tracker.application.errors import BadInput, explain
from tracker.application.seedfile import MAX_DOCUMENT, SeedFile, mebibytes, too_large
from tracker.application.seednumbers import (
    decimal,
    integer,
    refuse_long_toml_integer,
    refuse_unreadable_numbers,
)

ENTRY: TypeAdapter[SeedEntry] = TypeAdapter(Entry)
MAX_LINE = 2**20  # bytes of one JSON Lines entry, its line end aside


def entry_at(seed: SeedFile, offset: int) -> SeedEntry:
    """The JSON Lines entry at this offset, read again (it was validated once already)."""
    seed.file.seek(offset)
    return ENTRY.validate_json(seed.file.readline(MAX_LINE + 1))


def jsonl_entries(seed: SeedFile) -> Iterator[tuple[int, int, int, int, SeedEntry]]:
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
        if start == 0 and line.startswith(codecs.BOM_UTF8):
            # Some editors begin a UTF-8 file with a byte-order mark: harmless there, as in a
            # TOML or JSON seed file (entry_at reads the entry from after it).
            line, start = line[len(codecs.BOM_UTF8) :], len(codecs.BOM_UTF8)
        if len(line) > MAX_LINE and not line.endswith(b"\n"):
            raise BadInput(
                f"{path.name}: line {line_no} is longer than {mebibytes(MAX_LINE)}, the most "
                "one JSON Lines entry may be; split the entry's sources, or check that the file "
                "is JSON Lines"
            )
        if line.isspace():  # as `not line.strip()`: a line read is never empty
            continue
        number += 1
        try:
            # Parsed and validated in one pass by pydantic; the slow path only explains.
            command = ENTRY.validate_json(line)
        except ValidationError:
            where = f"entry {number} (line {line_no})"
            if line.startswith(codecs.BOM_UTF8):
                raise BadInput(
                    f"{path.name}: {where} begins with a byte-order mark (U+FEFF), which only "
                    "the start of the file may have; remove it"
                ) from None
            try:
                raw = _parsed(line.decode("utf-8"))
            except (json.JSONDecodeError, UnicodeDecodeError) as e:
                reason = _why(e) if isinstance(e, json.JSONDecodeError) else "not UTF-8 text"
                raise BadInput(f"{path.name}: {where} is not JSON: {reason}") from None
            validate_entry(path, where, raw)
            # Valid for json.loads, not for pydantic: an encoding pydantic does not take.
            raise BadInput(
                f"{path.name}: {where} is not plain UTF-8 JSON (a byte-order mark?)"
            ) from None
        # pydantic keeps the last of two equal keys: see _keys_may_repeat for the fast check.
        if b"\\" in line or _keys_may_repeat(line):
            refuse_repeated_keys(path, f"entry {number} (line {line_no})", _parsed(line))
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
    """JSON, every object with a key standing twice marked as _Repeated, and every number too
    long to read kept as it was written (see seednumbers.py)."""
    return json.loads(text, object_pairs_hook=_object, parse_int=integer, parse_float=decimal)


def _why(error: json.JSONDecodeError) -> str:
    """What is wrong with the JSON, where, and what stands there: json's own message of a
    control character ends with "at", the character itself left out."""
    if error.pos >= len(error.doc):
        return f"{error.msg} at the end"
    found = error.doc[error.pos]
    shown = repr(found)[1:-1]  # a control character as errors show it everywhere: \x00
    if error.msg == "Invalid control character at":
        return (
            f"a control character ({shown}) at column {error.colno}, which JSON allows in a "
            f"string only escaped (\\u{ord(found):04x}); remove it or escape it"
        )
    return f"{error.msg} at column {error.colno} (found {shown})"


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


def refuse_repeated_keys(path: Path, where: str, raw: Any) -> None:
    """BadInput when a key stands twice in one object of ``raw`` (read by _parsed)."""
    key = _repeated_key(raw)
    if key is not None:
        raise BadInput(
            f"{path.name}: {where} gives the key {key!r} twice in one object; keep the one you "
            "mean (a JSON reader would silently take the last)"
        )


def document_entries(seed: SeedFile) -> list[Any]:
    """The entries of a TOML or JSON seed file, as read, not yet validated."""
    path = seed.path
    seed.file.seek(0)
    data = seed.file.read(MAX_DOCUMENT + 1)  # bounded: the file may have grown since it opened
    if len(data) > MAX_DOCUMENT:
        raise too_large(path)
    text = data.decode("utf-8-sig")  # a byte-order mark is harmless here
    suffix = path.suffix.lower()
    if not text.strip():
        return []  # an empty seed file, like an empty JSON Lines file, has no entries
    try:
        if suffix == ".toml":
            import tomllib

            try:
                document: Any = tomllib.loads(text, parse_float=decimal)
            except tomllib.TOMLDecodeError:
                raise
            except ValueError:  # what else tomllib fails on: an integer too long to convert
                raise refuse_long_toml_integer(path, text) from None
        else:
            document = _parsed(text)
    except json.JSONDecodeError as e:
        raise BadInput(f"{path.name} is not valid JSON: line {e.lineno}: {_why(e)}") from None
    except ValueError as e:
        raise BadInput(f"{path.name} is not valid {suffix[1:].upper()}: {e}") from None
    if isinstance(document, _Repeated):
        refuse_repeated_keys(path, "the document", document)
    entries = document.get("entry") if isinstance(document, dict) else document
    if not isinstance(entries, list):
        raise BadInput(
            f"{path.name} has no list of entries; write each as an [[entry]] table (TOML) or "
            'an item of "entry": [...] (JSON)'
        )
    return entries


# The commands an entry may name, in the order of tracker --help.
COMMANDS = tuple(get_args(c.model_fields["command"].annotation)[0] for c in get_args(SeedEntry))
# The fields every event of `tracker export` has, and no seed entry.
EXPORT_FIELDS = {"channel", "seq", "event", "recorded"}


def refuse_commandless(path: Path, where: str, raw: dict[str, Any]) -> None:
    """Refuse, saying what it is and what to give instead, an entry that names no command
    (or none the tracker has): an event of `tracker export`'s JSON Lines above all."""
    command = raw.get("command")
    if isinstance(command, str) and command in COMMANDS:
        return
    names = ", ".join(COMMANDS)
    if command is None and raw.keys() >= EXPORT_FIELDS:
        raise BadInput(
            f"{path.name}: {where} is an event of tracker export, not a seed entry: an export "
            "is for reading, and cannot be imported; import a seed file, whose entries each "
            f'name their command (command = "open", "meet" …)'
        )
    if command is None:
        raise BadInput(
            f'{path.name}: {where} names no command: give it command = "…", one of {names}'
        )
    shown = command if isinstance(command, str) and len(command) < 20 else "this"
    raise BadInput(f"{path.name}: {where}: command {shown!r} is not one of {names}")


def validate_entry(path: Path, where: str, raw: Any) -> SeedEntry:
    """The command an entry read from a TOML or JSON document holds; BadInput naming it if
    it holds none."""
    if not isinstance(raw, dict):
        raise BadInput(f"{path.name}: {where} is not a table of fields")
    refuse_commandless(path, where, raw)
    kind = raw.get("command")
    what = f" ({kind})" if isinstance(kind, str) and len(kind) < 20 else ""
    refuse_unreadable_numbers(path, f"{where}{what}", raw)
    try:
        return ENTRY.validate_python(raw)
    except ValidationError as e:
        raise BadInput(f"{path.name}: {where}{what}: {explain(e)}") from None
