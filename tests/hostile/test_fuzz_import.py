"""Hostile seed files: ``tracker import`` is all or nothing, and says which entry it refused.

Generated files (TOML, JSON, JSON Lines) mix valid entries carrying hostile text with entries
that are invalid (non-objects, unknown commands or fields, bad values) or that break a rule,
and are sometimes damaged (truncated, a NUL byte, a latin-1 byte, a huge line). Properties:

- the exit code is 0, 1, 2 or 3, with one ``error: …`` line when it is not 0;
- an invalid entry is refused with exit 2 naming its position (the first one in the file),
  otherwise an entry breaking a rule is refused with exit 1 naming its position;
- all or nothing: a refused file records no event; an accepted one records one event per new
  entry, exactly what it reports, and importing it again records nothing;
- the text of every entry reads back verbatim.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import itertools
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from tests.hostile.conftest import Store
from tests.hostile.hostile import (
    LEVELS,
    around_limit,
    assert_documented_outcome,
    assert_one_line_error,
    history,
    lead_names,
    nonempty_texts,
    run,
    stored_count,
    texts,
)
from tests.support import fingerprint

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
COMMANDS = {"open", "agree", "cadence", "plan", "meet", "suspend", "resume", "conclude", "retract"}
FIELDS = {"command", "slug", "slugs", "title", "parties", "on", "status", "level", "leads"}
FIELDS |= {"topics", "follows", "per_year", "window", "host", "location", "summary", "by"}
FIELDS |= {"reason", "successor", "sources"}
FORMATS = ("toml", "json", "jsonl")

# --- writing seed files --------------------------------------------------------------------------


def toml_string(text: str) -> str:
    """A TOML basic string: control characters (and DEL) escaped, everything else as it is."""
    out = []
    for char in text:
        if char in '"\\':
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04x}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


def toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return {"inf": "inf", "-inf": "-inf", "nan": "nan"}.get(repr(value), repr(value))
    if isinstance(value, str):
        return toml_string(value)
    if isinstance(value, list):
        return "[" + ", ".join(toml_value(v) for v in value) + "]"
    if isinstance(value, dict):
        pairs = (f"{toml_string(k)} = {toml_value(v)}" for k, v in value.items())
        return "{ " + ", ".join(pairs) + " }"
    raise TypeError(f"no TOML form for {value!r}")


def seed_bytes(entries: list[Any], form: str, *, tables: bool, ascii_only: bool) -> bytes:
    if form == "jsonl":
        return "".join(json.dumps(e, ensure_ascii=ascii_only) + "\n" for e in entries).encode()
    if form == "json":
        document: Any = {"entry": entries} if tables else entries
        return json.dumps(document, ensure_ascii=ascii_only, indent=1).encode()
    if tables and entries and all(isinstance(e, dict) for e in entries):
        lines = []
        for entry in entries:
            lines.append("[[entry]]")
            lines.extend(f"{toml_string(k)} = {toml_value(v)}" for k, v in entry.items())
        return ("\n".join(lines) + "\n").encode()
    return ("entry = [\n" + ",\n".join(toml_value(e) for e in entries) + "\n]\n").encode()


# --- entries -------------------------------------------------------------------------------------


@dataclass
class Entry:
    value: Any
    kind: str  # "valid", "invalid" (refused on reading the file) or "refused" (by a rule)
    slug: str | None = None
    texts: dict[str, Any] = field(default_factory=dict)  # what history shows, verbatim


def sources() -> st.SearchStrategy[tuple[Any, list[dict[str, Any]]]]:
    """Sources as a seed file may write them (a list, one table, a bare citation)."""

    def expected(citation: str, quote: str | None = None, note: str | None = None) -> Any:
        return {"citation": citation, "quote": quote, "note": note, "confidence": "medium"}

    one = st.tuples(nonempty_texts(), nonempty_texts(), nonempty_texts()).map(
        lambda t: ({"citation": t[0], "quote": t[1], "note": t[2]}, expected(*t))
    )
    bare = nonempty_texts().map(lambda c: (c, expected(c)))
    return st.one_of(
        st.just(([], [])),
        bare.map(lambda b: (b[0], [b[1]])),
        one.map(lambda o: (o[0], [o[1]])),
        st.lists(st.one_of(bare, one), max_size=2).map(
            lambda items: ([i[0] for i in items], [i[1] for i in items])
        ),
    )


@st.composite
def channel_entries(draw: st.DrawFn, slug: str, days: itertools.count[int]) -> list[Entry]:
    """A new channel opened in 2000, then facts on distinct later days: all valid."""
    title = draw(nonempty_texts())
    topics = draw(st.lists(nonempty_texts(), max_size=2))
    lead = draw(st.lists(st.tuples(st.sampled_from(["US", "CHN"]), lead_names()), max_size=2))
    cited, shown = draw(sources())
    opening = {
        "command": "open",
        "slug": slug,
        "title": title,
        "parties": ["US", "CN"],
        "on": "2000-01-01",
        "topics": topics,
        "leads": [f"{p}={n}" for p, n in lead],
        "sources": cited,
    }
    # The same lead given twice is recorded once.
    once = dict.fromkeys(({"US": "USA"}.get(p, p), n) for p, n in lead)
    leads = [{"party": party, "name": name} for party, name in once]
    texts_ = {"title": title, "topics": list(dict.fromkeys(topics)), "leads": leads}
    entries = [Entry(opening, "valid", slug, {**texts_, "sources": shown})]
    for kind in draw(st.lists(st.sampled_from(["meet", "cadence", "plan"]), max_size=4)):
        # Distinct days after the opening, and before today (a later fact would be refused).
        on = (dt.date(2000, 1, 2) + dt.timedelta(days=next(days))).isoformat()
        cited, shown = draw(sources())
        if kind == "meet":
            location, summary = draw(nonempty_texts()), draw(nonempty_texts())
            value = {"location": location, "summary": summary}
            expected = {"location": location, "summary": summary}
        elif kind == "cadence":
            level = draw(st.sampled_from(LEVELS))
            value = {"level": level, "per_year": draw(st.floats(min_value=0.01, max_value=366))}
            expected = {}
        else:
            value, expected = {"window": f"{2001 + next(days):04d}~"}, {}
        value = {"command": kind, "slug": slug, "on": on, "sources": cited, **value}
        entries.append(Entry(value, "valid", slug, {**expected, "sources": shown}))
    return entries


INVALID_DATES = ["0000", "10000-01-01", "2023-02-29", "~", "2023-08-28~~", "", "/", "2023/"]


@st.composite
def invalid_entries(draw: st.DrawFn, *, form: str) -> Entry:
    """An entry that cannot be read as a recording command, whatever else the file holds."""
    opening = {"command": "open", "slug": "bad-1", "title": "T", "parties": ["US", "CN"]}
    opening["on"] = "2000"
    others: list[Any] = [3, "open", [1], True, 1.5] + ([None] if form != "toml" else [])
    value = draw(
        st.one_of(
            st.sampled_from(others),
            texts(12).filter(lambda c: c not in COMMANDS).map(lambda c: {**opening, "command": c}),
            st.just({"command": "retract", "slug": "m-n", "seq": 0, "reason": "x"}),
            st.just({"command": "retract", "slug": "m-n", "seq": 2}),
            st.just({k: v for k, v in opening.items() if k != "command"}),
            st.just({k: v for k, v in opening.items() if k != "title"}),
            st.just({**opening, "command": 5}),
            nonempty_texts().filter(lambda f: f not in FIELDS).map(lambda f: {**opening, f: 1}),
            st.sampled_from(INVALID_DATES).map(lambda d: {**opening, "on": d}),
            st.just({**opening, "title": "x" * 201}),
            st.just({**opening, "title": ""}),
            st.sampled_from([" ", "\u200b", "\t\u2028", "\ufeff"]).map(
                lambda blank: {**opening, "title": blank}
            ),
            st.just({**opening, "follows": "bad-1"}),
            st.just({**opening, "parties": ["US", "XX"]}),
            st.just({**opening, "parties": "USCN"}),
            st.just({**opening, "leads": ["USA"]}),
            st.just({**opening, "sources": [{"quote": "no citation"}]}),
            st.sampled_from(
                [0, -1, 367, "x", float("nan"), float("inf"), 0.0099, 5e-324, True, False]
            ).map(
                lambda n: (
                    {"command": "cadence", "slug": "m-n", "level": "expert", "per_year": n}
                    | {"on": "2000"}
                )
            ),
            st.just({"command": "suspend", "slugs": [], "on": "2000"}),
            # A plan whose window ends before the day it was agreed.
            st.just({"command": "plan", "slug": "m-n", "on": "2000-03", "window": "2000-02"}),
            st.just({"command": "meet", "slug": "m-n", "on": "2000", "summary": "x" * 10_001}),
        )
    )
    return Entry(value, "invalid")


REFUSED = [
    {"command": "meet", "slug": "never-opened", "on": "2000"},
    {"command": "resume", "slugs": ["a-b"], "on": "2000"},
    {"command": "open", "slug": "a-b", "title": "Other", "parties": ["US", "CN"], "on": "2000"},
    {"command": "agree", "slug": "a-b", "on": "2000"},
    {"command": "suspend", "slugs": ["s-t"], "on": "2000"},
    {"command": "meet", "slug": "p-q", "on": "2000"},
    {"command": "meet", "slug": "m-n", "on": "0001-01-01~", "leads": ["JPN=Someone"]},
]


@dataclass
class SeedFile:
    entries: list[Entry]
    form: str
    data: bytes


@st.composite
def seed_files(draw: st.DrawFn, form: str) -> SeedFile:
    days = itertools.count(draw(st.integers(0, 50)))
    entries: list[Entry] = []
    for number in range(draw(st.integers(0, 2))):
        entries += draw(channel_entries(f"imp-{number}", days))
    defects = draw(
        st.lists(
            st.one_of(
                invalid_entries(form=form),
                st.sampled_from(REFUSED).map(lambda value: Entry(value, "refused")),
            ),
            max_size=2,
        )
    )
    for defect in defects:
        entries.insert(draw(st.integers(0, len(entries))), defect)
    data = seed_bytes(
        [e.value for e in entries],
        form,
        tables=draw(st.booleans()),
        ascii_only=draw(st.booleans()),
    )
    if draw(st.booleans()):
        data = data.replace(b"\n", b"\r\n")  # Windows line ends change nothing
    return SeedFile(entries, form, data)


def first(entries: list[Entry], kind: str) -> int | None:
    return next((i for i, e in enumerate(entries, start=1) if e.kind == kind), None)


def names_entry(line: str, number: int) -> bool:
    return re.search(rf"\bentry {number}\b", line) is not None


def imported(result_stdout: str) -> int:
    found = re.search(r"(\d+) events recorded", result_stdout)
    assert found, result_stdout
    return int(found.group(1))


@pytest.mark.parametrize("form", FORMATS)
def test_a_generated_seed_file_is_recorded_all_or_nothing_naming_the_entry_refused(
    form: str, store: Store, workdir: Path
) -> None:
    @FUZZ
    @given(seed=seed_files(form))
    def all_or_nothing(seed: SeedFile) -> None:
        check_import(seed, store, workdir / f"seed.{form}")

    all_or_nothing()


def check_import(seed: SeedFile, store: Store, path: Path) -> None:
    path.write_bytes(seed.data)
    with store() as db:
        before, count = fingerprint(db), stored_count(db)
        result = run(["import", str(path)], db=db)
        assert_documented_outcome(result)
        event(f"exit {result.exit_code}")
        invalid, refused = first(seed.entries, "invalid"), first(seed.entries, "refused")
        if invalid is not None or refused is not None:
            line = assert_one_line_error(result)
            assert result.exit_code == (2 if invalid is not None else 1), line
            assert names_entry(line, invalid or refused or 0), line
            assert fingerprint(db) == before
            return
        assert result.exit_code == 0, result.stderr
        valid = [e for e in seed.entries if e.kind == "valid"]
        assert stored_count(db) - count == len(valid) == imported(result.stdout)
        for slug in dict.fromkeys(e.slug for e in valid):
            events = history(db, str(slug))
            mine = [e for e in valid if e.slug == slug]
            assert len(events) == len(mine)
            for stored, entry in zip(events, mine, strict=True):
                assert stored["sources"] == entry.texts["sources"]
                for name, value in entry.texts.items():
                    if name != "sources":
                        assert stored["details"][name] == value, name
        again = run(["import", str(path)], db=db)
        assert again.exit_code == 0, again.stderr
        assert imported(again.stdout) == 0
        assert stored_count(db) - count == len(valid)


# --- damaged files -------------------------------------------------------------------------------


@st.composite
def damaged(draw: st.DrawFn, form: str) -> tuple[SeedFile, bytes]:
    seed = draw(seed_files(form))
    data = seed.data
    where = draw(st.integers(0, len(data)))
    damage = draw(
        st.sampled_from(["truncate", "nul", "latin-1", "huge line", "bom", "utf-16", "garbage"])
    )
    if damage == "truncate":
        data = data[:where]
    elif damage == "nul":
        data = data[:where] + b"\x00" + data[where:]
    elif damage == "latin-1":
        data = data[:where] + b"caf\xe9" + data[where:]
    elif damage == "huge line":
        data = data[:where] + b"x" * 2_000_000 + data[where:]
    elif damage == "bom":
        data = b"\xef\xbb\xbf" + data
    elif damage == "utf-16":
        data = data.decode().encode("utf-16")
    elif damage == "garbage":
        data = data[:where] + draw(st.binary(max_size=40)) + data[where:]
    return seed, data


@pytest.mark.parametrize("form", FORMATS)
def test_a_damaged_seed_file_is_refused_in_one_line_or_recorded_whole(
    form: str, store: Store, workdir: Path
) -> None:
    @settings(FUZZ, max_examples=30)
    @given(case=damaged(form))
    def damaged_file(case: tuple[SeedFile, bytes]) -> None:
        check_damaged(case[1], store, workdir / f"damaged.{form}")

    damaged_file()


def check_damaged(data: bytes, store: Store, path: Path) -> None:
    path.write_bytes(data)
    with store() as db:
        before, count = fingerprint(db), stored_count(db)
        result = run(["import", str(path)], db=db)
        assert_documented_outcome(result)
        event(f"exit {result.exit_code}")
        if result.exit_code != 0:
            assert_one_line_error(result)
            assert fingerprint(db) == before
        else:
            assert stored_count(db) - count == imported(result.stdout)


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("empty.toml", b""),
        ("empty.json", b""),
        ("empty.jsonl", b""),
        ("blank.jsonl", b"\n\n  \n"),
        ("scalar.json", b"42"),
        ("string.json", b'"entry"'),
        ("null.json", b"null"),
        ("entry-is-table.toml", b"[entry]\ncommand = 'open'\n"),
        ("entry-is-string.toml", b'entry = "open"\n'),
        ("object.jsonl", b"[1, 2]\n"),
        (
            "nan.jsonl",
            b'{"command": "cadence", "slug": "m-n", "level": "expert", "per_year": NaN, '
            b'"on": "2000"}\n',
        ),
        (
            "surrogate.json",
            b'[{"command": "open", "slug": "s-1", "title": "\\ud800", '
            b'"parties": ["US", "CN"], "on": "2000"}]',
        ),
        (
            "surrogate.jsonl",
            b'{"command": "open", "slug": "s-1", "title": "\\udfff", '
            b'"parties": ["US", "CN"], "on": "2000"}\n',
        ),
        ("seed.txt", b"[]"),
        ("seed", b"[]"),
        ("seed.JSON", b"[1]"),
        ("dir.json", None),
    ],
)
def test_a_malformed_seed_file_is_refused_in_one_line(
    name: str, data: bytes | None, store: Store, workdir: Path
) -> None:
    path = workdir / name
    if data is None:
        path.mkdir(exist_ok=True)
    else:
        path.write_bytes(data)
    imports_nothing(path, store)


def imports_nothing(path: Path, store: Store) -> None:
    """Importing the file ends in a documented way and records nothing."""
    with store() as db:
        before = fingerprint(db)
        result = run(["import", str(path)], db=db)
        assert_documented_outcome(result)
        if result.exit_code != 0:
            assert_one_line_error(result)
        assert fingerprint(db) == before


def file_names() -> st.SearchStrategy[str]:
    """Any name a file can have here, and names longer than the file system allows."""
    return st.one_of(texts(30), around_limit(255)).filter(lambda s: "/" not in s)


@settings(FUZZ, max_examples=25)
@given(
    name=file_names(),
    suffix=st.sampled_from([".toml", ".json", ".jsonl", ".TOML", ".txt", ""]),
    content=st.sampled_from([None, b"", b"[]", b"entry = []\n", b"\x00", b"\xff\xfe"]),
)
def test_any_seed_file_name_ends_in_a_documented_way(
    name: str, suffix: str, content: bytes | None, store: Store, workdir: Path
) -> None:
    folder = workdir / "names"
    folder.mkdir(exist_ok=True)
    path = folder / (name + suffix)
    if content is not None:
        with contextlib.suppress(OSError, ValueError):  # a folder, or a name with NUL
            path.write_bytes(content)
    imports_nothing(path, store)  # no file here holds an entry


def test_a_seed_file_that_does_not_exist_is_refused_with_exit_2(
    store: Store, workdir: Path
) -> None:
    with store() as db:
        result = run(["import", str(workdir / "missing.toml")], db=db)
        assert result.exit_code == 2
        assert_one_line_error(result)


# --- examples: bugs the properties found, now fixed ---------------------------------------------

OPENING = {"command": "open", "slug": "k-b", "title": "T", "parties": ["US", "CN"], "on": "2000"}
# An error line is "error: " and at most 600 characters.
MAX_LINE = len("error: ") + 600


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("deep.json", b'{"entry": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"),
        ("deep.jsonl", b"[" * 100_000 + b"]" * 100_000 + b"\n"),
        ("deep.toml", b"x = " + b"[" * 100_000 + b"]" * 100_000 + b"\n"),
        ("deep-tables.toml", b"x = " + b"{a=" * 5_000 + b"1" + b"}" * 5_000 + b"\n"),
    ],
)
def test_a_deeply_nested_seed_file_is_refused_in_one_line(
    name: str, data: bytes, store: Store, workdir: Path
) -> None:
    path = workdir / name
    path.write_bytes(data)
    with store() as db:
        before = fingerprint(db)
        result = run(["import", str(path)], db=db)
        assert_documented_outcome(result)
        assert result.exit_code == 2
        assert_one_line_error(result)
        assert fingerprint(db) == before


@pytest.mark.parametrize(
    "data",
    [
        b"\xef\xbb\xbf" + json.dumps(OPENING).encode() + b"\n",
        json.dumps(OPENING).encode("utf-16"),
        json.dumps(OPENING).encode() + b'\n{"command": "cadence", "slug": "k-b", "level": '
        b'"expert", "on": "2001", "per_year": ' + b"9" * 5_000 + b"}\n",
    ],
    ids=["bom", "utf-16", "huge-integer"],
)
def test_a_json_lines_file_in_another_encoding_is_refused_or_recorded(
    data: bytes, store: Store, workdir: Path
) -> None:
    path = workdir / "odd.jsonl"
    path.write_bytes(data)
    with store() as db:
        before, count = fingerprint(db), stored_count(db)
        result = run(["import", str(path)], db=db)
        assert_documented_outcome(result)
        if result.exit_code != 0:
            assert_one_line_error(result)
            assert fingerprint(db) == before
        else:
            assert stored_count(db) - count == imported(result.stdout)


@pytest.mark.parametrize("per_year", [5e-324, 1e-300, 0.0099999])
def test_an_imported_per_year_below_once_a_century_is_refused(
    per_year: float, store: Store, workdir: Path
) -> None:
    cadence = {"command": "cadence", "slug": "m-n", "level": "expert", "per_year": per_year}
    path = workdir / "tiny.json"
    path.write_text(json.dumps([{**cadence, "on": "2000"}]))
    with store() as db:
        before = fingerprint(db)
        result = run(["import", str(path)], db=db)
        assert result.exit_code == 2, result.output
        assert names_entry(assert_one_line_error(result), 1)
        assert fingerprint(db) == before
        assert run(["status", "m-n"], db=db).exit_code == 0


def test_a_seed_file_name_too_long_is_refused_in_one_line(store: Store, workdir: Path) -> None:
    with store() as db:
        result = run(["import", str(workdir / ("a" * 300 + ".json"))], db=db)
        assert_documented_outcome(result)
        assert result.exit_code == 2
        assert_one_line_error(result)


def test_the_error_about_a_huge_unknown_command_is_one_short_line(
    store: Store, workdir: Path
) -> None:
    path = workdir / "huge-command.json"
    path.write_text(json.dumps([{**OPENING, "command": "x" * 100_000}]))
    with store() as db:
        result = run(["import", str(path)], db=db)
        line = assert_one_line_error(result)
        assert result.exit_code == 2
        assert "entry 1" in line
        assert len(line) <= MAX_LINE, len(line)
