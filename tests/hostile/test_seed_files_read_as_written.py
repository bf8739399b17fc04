"""A seed file is read, and refused, as the analyst wrote it.

A hostile review found: a UTF-8 byte-order mark opening a JSON Lines file was refused while
one opening a TOML file was accepted; a 5,000-digit number was refused with Python's advice to
call ``sys.set_int_max_str_digits``; a TOML date-time where a date belongs was shown as
``datetime.datetime(2020, 1, 1, 10, 0)``; a raw NUL in a JSON Lines line gave "Invalid control
character at" and nothing after it. Now a leading byte-order mark is harmless in every format
(one elsewhere is refused naming its line), and each refusal is one line, exit 2, naming the
entry (and line) and field, showing the value as written or in ISO form and a control
character escaped; nothing is written.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from tests.hostile.hostile import assert_one_line_error
from tests.support import fingerprint, run_cli

OPENING = {"command": "open", "slug": "b-m", "title": "T", "parties": ["US", "CN"], "on": "2000"}
OPENING["status"] = "proposed"
AGREEING = {"command": "agree", "slug": "b-m", "on": "2001"}
OPENING_TOML = '[[entry]]\ncommand = "open"\nslug = "b-m"\ntitle = "T"\nparties = ["US", "CN"]\n'
LONG = "1" * 5000


@pytest.fixture
def recorded(db: str) -> str:
    args = ["open", "a-b", "--title", "A–B talks", "--party", "US", "--party", "CN"]
    assert run_cli([*args, "--on", "2000"], db=db).exit_code == 0
    return db


def refused(db: str, path: Path, *words: str) -> str:
    before = fingerprint(db)
    result = run_cli(["import", str(path)], db=db)
    assert result.exit_code == 2, result.output
    line = assert_one_line_error(result)
    for word in words:
        assert word in line, line
    assert fingerprint(db) == before
    return line


def lines(*entries: dict[str, object]) -> str:
    return "".join(json.dumps(e) + "\n" for e in entries)


# --- a byte-order mark ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("suffix", "text"),
    [
        (".jsonl", lines(OPENING, AGREEING)),
        (".json", json.dumps({"entry": [OPENING, AGREEING]})),
        (".toml", OPENING_TOML + 'on = "2000"\n'),
    ],
)
def test_a_byte_order_mark_opening_a_seed_file_is_harmless(
    suffix: str, text: str, recorded: str, tmp_path: Path
) -> None:
    path = tmp_path / f"bom{suffix}"
    path.write_bytes(codecs.BOM_UTF8 + text.encode("utf-8"))

    result = run_cli(["import", str(path)], db=recorded)

    assert result.exit_code == 0, result.output
    assert run_cli(["status", "b-m"], db=recorded).exit_code == 0
    assert "0 events recorded" in run_cli(["import", str(path)], db=recorded).stdout


def test_a_byte_order_mark_opening_a_later_line_is_refused_naming_it(
    recorded: str, tmp_path: Path
) -> None:
    path = tmp_path / "bom.jsonl"
    path.write_bytes(lines(OPENING).encode() + codecs.BOM_UTF8 + lines(AGREEING).encode())

    line = refused(recorded, path, "entry 2 (line 2)", "byte-order mark", "remove it")
    assert "utf-8-sig" not in line


# --- a number too long to read -------------------------------------------------------------

CADENCE = '{"command": "cadence", "slug": "a-b", "level": "expert", "on": "2001", "per_year": '


@pytest.mark.parametrize(
    ("name", "text", "where"),
    [
        ("long.jsonl", CADENCE + LONG + "}\n", "entry 1 (line 1) (cadence): per_year:"),
        ("long.json", '{"entry": [' + CADENCE + LONG + "}]}", "entry 1 (cadence): per_year:"),
        (
            "long.toml",
            '[[entry]]\ncommand = "cadence"\nslug = "a-b"\nlevel = "expert"\non = "2001"\n'
            f"per_year = {LONG}\n",
            "line 6: per_year:",
        ),
        (
            "seq.jsonl",
            '{"command": "retract", "slug": "a-b", "reason": "r", "seq": ' + LONG + "}\n",
            "entry 1 (line 1) (retract): seq:",
        ),
    ],
)
def test_a_number_too_long_to_read_is_refused_naming_its_field(
    name: str, text: str, where: str, recorded: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")

    line = refused(recorded, path, where, "5,000 digits")
    assert "set_int_max_str_digits" not in line
    assert len(line) < 300, line


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("large.jsonl", CADENCE + "1e400}\n"),
        ("large.toml", '[[entry]]\ncommand = "cadence"\nslug = "a-b"\nper_year = 1e400\n'),
    ],
)
def test_a_decimal_too_large_to_read_is_shown_as_written_not_as_infinity(
    name: str, text: str, recorded: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")

    line = refused(recorded, path, "per_year: the number 1e400 is too large")
    assert "inf" not in line


# --- a TOML date-time where a date belongs ---------------------------------------------------


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("2023-08-28T10:00:00", "2023-08-28T10:00:00 is a moment, not a date: give its day"),
        ("2023-08-28 10:00:00+02:00", "2023-08-28T10:00:00+02:00 is a moment"),
        ("10:00:00", "10:00:00 is a time of day"),
        ("2023", '2023 is a number, not a date: write it as text ("2023")'),
        ("true", "true is not a date"),
    ],
)
def test_a_toml_value_that_is_no_date_is_shown_as_written(
    value: str, shown: str, recorded: str, tmp_path: Path
) -> None:
    path = tmp_path / "moment.toml"
    path.write_text(OPENING_TOML + f"on = {value}\n", encoding="utf-8")

    line = refused(recorded, path, "entry 1 (open): on:", shown)
    assert "datetime" not in line


# --- a control character in a JSON Lines line ------------------------------------------------


@pytest.mark.parametrize(
    ("name", "text", "said"),
    [
        (
            "nul.jsonl",
            lines(OPENING).replace('"T"', '"T\x00"'),
            "entry 1 (line 1) is not JSON: a control character (\\x00) at column ",
        ),
        (
            "nul.json",
            json.dumps({"entry": [OPENING]}).replace('"T"', '"T\x00"'),
            "nul.json is not valid JSON: line 1: a control character (\\x00) at column ",
        ),
        (
            "outside.jsonl",
            lines(OPENING).replace(", ", ",\x00 ", 1),
            "entry 1 (line 1) is not JSON: Expecting property name enclosed in double quotes "
            "at column 20 (found \\x00)",
        ),
    ],
)
def test_a_raw_control_character_is_shown_escaped_in_a_whole_message(
    name: str, text: str, said: str, recorded: str, tmp_path: Path
) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")

    line = refused(recorded, path, said)
    assert "\x00" not in line
    assert not line.endswith(" at"), line
