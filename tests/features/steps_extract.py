"""Steps of tracker extract (features/extract.feature): an article read, the facts it states
proposed, and the proposals recorded with tracker import.

The articles are short invented texts in tests/fixtures/articles/, or one sentence written by
the scenario itself (``an article "x.txt" that says "…"``).
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

from pytest_bdd import given, parsers, then, when

from tests.features.helpers import Outcome, q, record, rows_of, run

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "articles"
PUBLISHED = r' published on "(?P<published>[^"]+)"'


def article_path(tmp_path: Path, name: str) -> Path:
    """An article the scenario wrote, else one of the fixtures."""
    written = tmp_path / name
    return written if written.exists() else ARTICLES / name


def proposals(outcome: Outcome) -> list[dict[str, Any]]:
    """The entries tracker extract wrote on standard output (TOML)."""
    result = outcome.result
    assert result.exit_code == 0, result.output
    if not result.stdout:
        return []
    entries: list[dict[str, Any]] = tomllib.loads(result.stdout).get("entry", [])
    return entries


def _shown(entry: dict[str, Any], column: str) -> str:
    """A proposal's value in a column of a scenario's table."""
    source = (entry.get("sources") or [{}])[0]
    match column:
        case "kind":
            return str(entry["command"])
        case "channel":
            return ", ".join(entry.get("slugs") or [entry["slug"]])
        case "date":  # when the fact occurred, or the window of a planned meeting
            return str(entry["window"] if entry["command"] == "plan" else entry["on"])
        case "parties":
            return ", ".join(entry.get("parties", []))
        case "per_year":
            return f"{entry.get('per_year', ''):g}" if "per_year" in entry else ""
        case "confidence":
            return str(source.get("confidence", ""))
        case "quote":
            return str(source.get("quote", ""))
        case "note":
            return str(source.get("note", ""))
        case _:
            return str(entry.get(column, ""))


def _matches(entry: dict[str, Any], row: dict[str, str]) -> bool:
    for column, expected in row.items():
        shown = _shown(entry, column)
        # A title or a quote is given by words it holds; every other value in full.
        if not (expected in shown if column in ("title", "quote", "note") else shown == expected):
            return False
    return True


# --- Given ---------------------------------------------------------------------------------


@given(parsers.re(r"an article " + q("name") + r" that says " + q("text")))
def article_saying(tmp_path: Path, name: str, text: str) -> None:
    (tmp_path / name).write_text(f"Readout\n\n{text}\n", encoding="utf-8")


@given(
    parsers.re(
        r"the facts of the article " + q("name") + PUBLISHED + r" were proposed in " + q("file")
    ),
    target_fixture="seed_file",
)
def proposed_in_file(store: str, tmp_path: Path, name: str, published: str, file: str) -> Path:
    output = tmp_path / file
    article = article_path(tmp_path, name)
    record(store, ["extract", str(article), "--published", published, "-o", str(output)])
    return output


@given("the proposals were imported")
def proposals_imported(store: str, seed_file: Path) -> None:
    record(store, ["import", str(seed_file)])


# --- When ----------------------------------------------------------------------------------


@when(
    parsers.re(r"I extract the facts of the article " + q("name") + PUBLISHED + r"$"),
    target_fixture="outcome",
)
def extract(store: str, tmp_path: Path, name: str, published: str) -> Outcome:
    article = article_path(tmp_path, name)
    return run(store, ["extract", str(article), "--published", published])


@when(
    parsers.re(
        r"I extract the facts of the article " + q("name") + PUBLISHED + r" into " + q("file")
    ),
    target_fixture="outcome",
)
def extract_into(store: str, tmp_path: Path, name: str, published: str, file: str) -> Outcome:
    article = article_path(tmp_path, name)
    output = tmp_path / file
    return run(store, ["extract", str(article), "--published", published, "-o", str(output)])


@when(
    parsers.re(
        r"I extract the facts of the article " + q("name") + PUBLISHED + r" into the store itself"
    ),
    target_fixture="outcome",
)
def extract_into_store(store: str, tmp_path: Path, name: str, published: str) -> Outcome:
    article = article_path(tmp_path, name)
    return run(store, ["extract", str(article), "--published", published, "-o", store])


# --- Then ----------------------------------------------------------------------------------


@then(parsers.re(r"the article " + q("name") + r" still says " + q("text")))
def article_kept(tmp_path: Path, name: str, text: str) -> None:
    assert text in (tmp_path / name).read_text(encoding="utf-8")


@then("the proposals are:")
def proposals_are(outcome: Outcome, datatable: list[list[str]]) -> None:
    """Exactly these proposals, in the order proposed (only the table's columns are compared)."""
    found = proposals(outcome)
    expected = rows_of(datatable)
    shown = [{c: _shown(e, c) for c in expected[0]} for e in found] if expected else found
    assert len(found) == len(expected), f"proposed:\n{shown}"
    for entry, row in zip(found, expected, strict=True):
        assert _matches(entry, row), f"expected {row}; proposed:\n{shown}"


@then(
    parsers.re(
        r"the proposal is to (?P<kind>[a-z]+) "
        + q("channel")
        + r" of "
        + q("date")
        + r"(?:, (?P<status>new|known))?"
    )
)
def the_proposal_is(
    outcome: Outcome, kind: str, channel: str, date: str, status: str | None
) -> None:
    found = proposals(outcome)
    row = {"kind": kind, "channel": channel, "date": date} | ({"status": status} if status else {})
    shown = [{c: _shown(e, c) for c in row} for e in found]
    assert len(found) == 1, f"expected {row}; proposed:\n{shown}"
    assert _matches(found[0], row), f"expected {row}; proposed:\n{shown}"


@then(parsers.re(r"every proposal quotes the article's sentence " + q("quote")))
def every_proposal_quotes(outcome: Outcome, quote: str) -> None:
    found = proposals(outcome)
    assert found, "nothing was proposed"
    for entry in found:
        assert quote in _shown(entry, "quote"), entry


@then(parsers.re(r"every proposal is (?P<status>new|known)"))
def every_proposal_is(outcome: Outcome, status: str) -> None:
    found = proposals(outcome)
    assert found, "nothing was proposed"
    assert {e["status"] for e in found} == {status}, found


@then(parsers.re(r"the tracker finds no facts in " + q("name")))
def no_facts(outcome: Outcome, name: str) -> None:
    result = outcome.result
    assert result.exit_code == 0, result.output
    assert result.stdout == "", result.stdout
    assert result.stderr == f"no facts found in {name}\n", result.stderr


@then(parsers.re(r"the tracker finds no facts in " + q("name") + r", warning " + q("text")))
def no_facts_but_a_warning(outcome: Outcome, name: str, text: str) -> None:
    result = outcome.result
    assert result.exit_code == 0, result.output
    assert result.stdout == "", result.stdout
    assert result.stderr == f"warning: {text}\nno facts found in {name}\n", result.stderr


@then(parsers.re(r"I am warned " + q("text")))
def warned(outcome: Outcome, text: str) -> None:
    warnings = [line for line in outcome.result.stderr.splitlines() if line.startswith("warning: ")]
    assert any(text in line for line in warnings), outcome.result.stderr


@then(parsers.re(r"the file " + q("file") + r" holds (?P<count>\d+) proposals?"))
def file_holds(tmp_path: Path, file: str, count: str) -> None:
    entries = tomllib.loads((tmp_path / file).read_text(encoding="utf-8")).get("entry", [])
    assert len(entries) == int(count), entries
