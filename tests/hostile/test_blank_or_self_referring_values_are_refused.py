"""Text that says nothing is refused, and so is a channel following or succeeding itself.

A title of three spaces, a reason of a zero-width space, a quote of a line separator were all
recorded. Any user text made only of characters that show nothing — spaces (Zs), line and
paragraph separators (Zl, Zp), control characters (Cc) and format characters (Cf: a zero-width
space, a byte-order mark) — is refused as blank, exit 2, naming the option (or, in a seed file,
the entry and the field); optional ones too (leave the option out instead). ``open r1 --follows
r1`` and ``conclude r2 --successor r2`` are bad input as well (exit 2): the value contradicts
itself, whatever the store holds. Nothing is written.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.hostile.hostile import assert_one_line_error
from tests.support import CliResult, fingerprint, run_cli

BLANKS = ["", " ", "   ", "\t", "\u00a0", "\u3000", "\u200b", "\ufeff", "\u2028", "\u2029\r\n"]
BLANKS += ["\u200d\u2060", "\x1b", " \u200e\u200f "]
OPEN = ["open", "n-w", "--party", "US", "--party", "CN", "--on", "2020"]
TITLED = [*OPEN, "--title", "New"]
MEET = ["meet", "a-b", "--on", "2021"]
SOURCED = [*MEET, "--source", "AP"]
# Each option taking text, in a command otherwise valid.
OPTIONS = {
    "--title": (OPEN, "--title", ""),
    "--topic": (TITLED, "--topic", ""),
    "--lead": (TITLED, "--lead", "USA="),
    "--source": (MEET, "--source", ""),
    "--quote": (SOURCED, "--quote", ""),
    "--note": (SOURCED, "--note", ""),
    "--location": (MEET, "--location", ""),
    "--summary": (MEET, "--summary", ""),
    "--reason (suspend)": (["suspend", "a-b", "--on", "2021"], "--reason", ""),
    "--reason (conclude)": (["conclude", "a-b", "--on", "2021"], "--reason", ""),
    "--reason (retract)": (["retract", "a-b", "2"], "--reason", ""),
}


@pytest.fixture
def recorded(db: str) -> str:
    for args in (
        ["open", "a-b", "--title", "A–B talks", "--party", "US", "--party", "CN", "--on", "2020"],
        ["meet", "a-b", "--on", "2020-06"],
    ):
        assert run_cli(args, db=db).exit_code == 0
    return db


def refused(result: CliResult, *words: str) -> str:
    assert result.exit_code == 2, result.output
    line = assert_one_line_error(result)
    for word in words:
        assert word in line, line
    return line


@pytest.mark.parametrize("blank", BLANKS, ids=repr)
@pytest.mark.parametrize("option", OPTIONS)
def test_a_blank_text_is_refused_naming_its_option_and_nothing_is_written(
    option: str, blank: str, recorded: str
) -> None:
    command, flag, prefix = OPTIONS[option]
    before = fingerprint(recorded)
    result = run_cli([*command, flag, prefix + blank], db=recorded)
    line = refused(result, flag)
    if blank and prefix != "USA=":  # "USA=" alone is no lead at all, said so
        assert "blank" in line, line
    assert fingerprint(recorded) == before


@pytest.mark.parametrize(
    "text", ["x", " x ", "\u200bx", "x\u2028", "\x1bx", "–", "\u0301", "😀", "\ufffd"], ids=repr
)
def test_text_with_anything_visible_in_it_is_kept_verbatim(text: str, recorded: str) -> None:
    result = run_cli([*SOURCED, "--summary", text, "--quote", text], db=recorded)
    assert result.exit_code == 0, result.output
    event = run_cli(["history", "a-b", "--json"], db=recorded).json()[-1]
    assert event["details"]["summary"] == text
    assert event["sources"][0]["quote"] == text


@pytest.mark.parametrize(
    ("field", "value", "option"),
    [
        ("title", "\u200b", "title"),
        ("topics", [" "], "topics"),
        ("leads", ["USA=\u3000"], "leads"),
        ("sources", [{"citation": "AP", "quote": "\u2028"}], "quote"),
        ("sources", [{"citation": "AP", "note": "\t"}], "note"),
        ("sources", " ", "sources"),
    ],
)
@pytest.mark.parametrize("suffix", [".json", ".jsonl"])
def test_a_blank_text_in_a_seed_file_is_refused_naming_the_entry_and_the_field(
    field: str, value: object, option: str, suffix: str, recorded: str, tmp_path: Path
) -> None:
    entries = [
        {"command": "open", "slug": "s-d", "title": "T", "parties": ["US", "CN"], "on": "2020"},
        {"command": "open", "slug": "s-e", "title": "T", "parties": ["US", "CN"], "on": "2020"},
    ]
    entries[1][field] = value
    path = tmp_path / f"blank{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps({"entry": entries}), encoding="utf-8")
    else:
        path.write_text("".join(json.dumps(e) + "\n" for e in entries), encoding="utf-8")
    before = fingerprint(recorded)
    refused(run_cli(["import", str(path)], db=recorded), "entry 2", option, "blank")
    assert fingerprint(recorded) == before


def test_a_channel_cannot_follow_itself(recorded: str) -> None:
    before = fingerprint(recorded)
    line = refused(run_cli([*TITLED[:1], "r-1", *TITLED[2:], "--follows", "r-1"], db=recorded))
    assert "--follows" in line
    assert "cannot follow itself" in line
    assert fingerprint(recorded) == before
    assert run_cli([*TITLED, "--follows", "a-b"], db=recorded).exit_code == 0


def test_a_channel_cannot_succeed_itself(recorded: str) -> None:
    before = fingerprint(recorded)
    line = refused(run_cli(["conclude", "a-b", "--on", "2021", "--successor", "a-b"], db=recorded))
    assert "--successor" in line
    assert "cannot succeed itself" in line
    assert fingerprint(recorded) == before
    assert (
        run_cli(["conclude", "a-b", "--on", "2021", "--successor", "a-c"], db=recorded).exit_code
        == 0
    )


@pytest.mark.parametrize(
    "entry",
    [
        {
            "command": "open",
            "slug": "s-f",
            "title": "T",
            "parties": ["US", "CN"],
            "on": "2020",
            "follows": "s-f",
        },
        {"command": "conclude", "slug": "a-b", "on": "2021", "successor": "a-b"},
    ],
    ids=["follows", "successor"],
)
def test_a_seed_entry_naming_its_own_channel_as_predecessor_or_successor_is_refused(
    entry: dict[str, object], recorded: str, tmp_path: Path
) -> None:
    path = tmp_path / "self.jsonl"
    path.write_text(json.dumps(entry) + "\n", encoding="utf-8")
    before = fingerprint(recorded)
    refused(run_cli(["import", str(path)], db=recorded), "entry 1 (line 1)", "itself")
    assert fingerprint(recorded) == before
