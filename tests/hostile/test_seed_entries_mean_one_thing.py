"""A seed entry means exactly one thing: no boolean for a number, no key given twice.

``"per_year": true`` was read as one meeting a year; ``{"title": "A", "title": "B"}`` silently
recorded B (JSON readers keep the last of two equal keys). Both are refused now, exit 2, naming
the entry (and line) and the field or key, in .json and .jsonl alike (TOML refuses a repeated
key itself). Nothing is written. The check for repeated keys in JSON Lines runs on every line,
so it has a fast path (tracker/application/seedentries.py, _keys_may_repeat): the property test
below checks that it never lets a repeated key through.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.hostile.hostile import assert_one_line_error
from tests.support import fingerprint, run_cli

OPENING = {"command": "open", "slug": "s-a", "title": "T", "parties": ["US", "CN"], "on": "2000"}
OPENING_TEXT = json.dumps(OPENING)


@pytest.fixture
def recorded(db: str) -> str:
    args = ["open", "a-b", "--title", "A–B talks", "--party", "US", "--party", "CN"]
    assert run_cli([*args, "--on", "2000"], db=db).exit_code == 0
    return db


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_refused(db: str, path: Path, *words: str) -> None:
    before = fingerprint(db)
    result = run_cli(["import", str(path)], db=db)
    assert result.exit_code == 2, result.output
    line = assert_one_line_error(result)
    for word in words:
        assert word in line, line
    assert fingerprint(db) == before


# --- booleans are no numbers -------------------------------------------------------------


@pytest.mark.parametrize("value", [True, False])
@pytest.mark.parametrize("suffix", [".json", ".jsonl", ".toml"])
def test_a_boolean_where_a_number_of_meetings_is_expected_is_refused(
    value: bool, suffix: str, recorded: str, tmp_path: Path
) -> None:
    cadence = {"command": "cadence", "slug": "a-b", "level": "expert", "per_year": value}
    cadence["on"] = "2001"
    if suffix == ".json":
        text = json.dumps({"entry": [cadence]})
    elif suffix == ".jsonl":
        text = json.dumps(cadence) + "\n"
    else:
        flag = "true" if value else "false"
        text = (
            '[[entry]]\ncommand = "cadence"\nslug = "a-b"\nlevel = "expert"\n'
            f'per_year = {flag}\non = "2001"\n'
        )
    path = write(tmp_path, f"cadence{suffix}", text)
    assert_refused(recorded, path, "entry 1", "per_year", "not a number")


def test_a_number_is_still_a_number(recorded: str, tmp_path: Path) -> None:
    entries = [
        {"command": "cadence", "slug": "a-b", "level": "expert", "per_year": 1, "on": "2001"},
        {"command": "cadence", "slug": "a-b", "level": "working", "per_year": 0.5, "on": "2001"},
    ]
    path = write(tmp_path, "numbers.jsonl", "".join(json.dumps(e) + "\n" for e in entries))
    assert run_cli(["import", str(path)], db=recorded).exit_code == 0


# --- a key given twice ---------------------------------------------------------------------

REPEATED_LINES = {
    "top level": ('"title": "A", "title": "B"', "title"),
    "spaced before the colon": ('"title" : "A", "title"\t: "B"', "title"),
    "written with an escape": ('"title": "A", "t\\u0069tle": "B"', "title"),
    "in a source": ('"sources": [{"citation": "a", "citation": "b"}]', "citation"),
    "in a second source": (
        '"sources": [{"citation": "a"}, {"citation": "b", "quote": "q", "quote": "r"}]',
        "quote",
    ),
    "in a lead": ('"leads": [{"party": "US", "name": "A", "name": "B"}]', "name"),
}


def _line(body: str, slug: str = "s-b") -> str:
    return (
        '{"command": "open", "slug": "'
        + slug
        + '", "parties": ["US", "CN"], "on": "2000", '
        + body
        + ("" if '"title"' in body or "t\\u0069tle" in body else ', "title": "T"')
        + "}"
    )


@pytest.mark.parametrize("case", REPEATED_LINES)
def test_a_key_given_twice_in_a_json_lines_entry_is_refused_naming_it(
    case: str, recorded: str, tmp_path: Path
) -> None:
    body, key = REPEATED_LINES[case]
    path = write(tmp_path, "twice.jsonl", OPENING_TEXT + "\n\n" + _line(body) + "\n")
    assert_refused(recorded, path, "entry 2 (line 3)", repr(key), "twice")


@pytest.mark.parametrize("case", REPEATED_LINES)
def test_a_key_given_twice_in_a_json_entry_is_refused_naming_it(
    case: str, recorded: str, tmp_path: Path
) -> None:
    body, key = REPEATED_LINES[case]
    path = write(tmp_path, "twice.json", '{"entry": [' + OPENING_TEXT + ", " + _line(body) + "]}")
    assert_refused(recorded, path, "entry 2", repr(key), "twice")


def test_the_list_of_entries_given_twice_is_refused(recorded: str, tmp_path: Path) -> None:
    path = write(tmp_path, "twice.json", '{"entry": [], "entry": [' + OPENING_TEXT + "]}")
    assert_refused(recorded, path, "the document", "'entry'", "twice")


def test_a_key_given_twice_in_toml_is_refused(recorded: str, tmp_path: Path) -> None:
    text = '[[entry]]\ncommand = "open"\nslug = "s-c"\ntitle = "A"\ntitle = "B"\n'
    path = write(tmp_path, "twice.toml", text + 'parties = ["US", "CN"]\non = "2000"\n')
    assert_refused(recorded, path, "twice.toml is not valid TOML")


def test_equal_keys_in_different_objects_are_no_repetition(recorded: str, tmp_path: Path) -> None:
    line = _line('"sources": [{"citation": "a", "quote": "q"}, {"citation": "b", "quote": "r"}]')
    leads = '"leads": [{"party": "US", "name": "A"}, {"party": "CN", "name": "B"}]'
    other = _line(leads, slug="s-d")
    path = write(tmp_path, "fine.jsonl", line + "\n" + other + "\n")
    result = run_cli(["import", str(path)], db=recorded)
    assert result.exit_code == 0, result.output


# --- the fast path never misses ------------------------------------------------------------

KEYS = st.sampled_from(["command", "slug", "title", "on", "sources", "citation", "quote", "x"])
SPACES = st.sampled_from(["", " ", "\t", "  "])
VALUES = st.one_of(
    st.text(max_size=8), st.integers(), st.sampled_from(['":', '" :', "a\\", ': "x"', "\\u0022"])
)


@st.composite
def json_objects(draw: st.DrawFn, depth: int = 0) -> str:
    """A JSON object written by hand, keys possibly repeated, any spacing, nested objects.

    Its keys are field names, as in any entry pydantic accepted (the fast check runs only on
    those)."""
    members = []
    for key in draw(st.lists(KEYS, max_size=5)):
        if depth < 2 and draw(st.booleans()):
            value = draw(json_objects(depth + 1))
        else:
            value = json.dumps(draw(VALUES), ensure_ascii=draw(st.booleans()))
        before, after = draw(SPACES), draw(SPACES)
        members.append(f"{json.dumps(key)}{before}:{after}{value}")
    return "{" + ",".join(members) + "}"


@settings(max_examples=400, deadline=None)
@given(line=json_objects())
def test_the_fast_check_sends_every_line_with_a_repeated_key_to_the_exact_check(
    line: str,
) -> None:
    from tracker.application.seedentries import _keys_may_repeat

    repeated: list[str] = []

    def pairs(items: list[tuple[str, object]]) -> dict[str, object]:
        keys = [k for k, _ in items]
        repeated.extend(k for k in keys if keys.count(k) > 1)
        return dict(items)

    json.loads(line, object_pairs_hook=pairs)
    data = line.encode()
    if repeated:
        assert b"\\" in data or _keys_may_repeat(data), line
