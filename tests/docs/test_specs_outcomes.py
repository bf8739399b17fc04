"""docs/specs.md marks each scenario and example row with its outcome in a Cucumber JSON report."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from docs.tools.cucumber_skips import merge_skips
from docs.tools.specs import report_matches, specs_page, without_outcomes

FEATURE = """\
Feature: Demo
  A feature to mark.

  Background:
    Given a channel

  Rule: Some pass, some do not

    Scenario: It passes
      Then it is fine

    @postgres
    Scenario: It needs a server
      Then it is fine

    Scenario: It fails
      When something breaks
      Then it is fine

    Scenario: Nobody ran it
      Then it is fine

    Scenario Outline: Rows of <n>
      Then <n> is fine

      Examples:
        | n |
        | 1 |
        | 2 |
        | 3 |
"""


def step(line: int, name: str, status: str, keyword: str = "Then") -> dict[str, Any]:
    return {"keyword": keyword, "name": name, "line": line, "result": {"status": status}}


def element(test_id: str, line: int, *steps: dict[str, Any]) -> dict[str, Any]:
    background = step(5, "a channel", "passed", "Given")
    return {"id": test_id, "line": line, "steps": [background, *steps]}


@pytest.fixture
def features(tmp_path: Path) -> Path:
    folder = tmp_path / "features"
    folder.mkdir()
    (folder / "demo.feature").write_text(FEATURE, encoding="utf-8")
    return folder


@pytest.fixture
def report(tmp_path: Path) -> Path:
    elements = [
        element("test_it_passes", 9, step(10, "it is fine", "passed")),
        element("test_it_needs_a_server", 13, step(14, "it is fine", "skipped")),
        element(
            "test_it_fails",
            16,
            step(17, "something breaks", "failed", "When"),
        ),
        # Rows 1 and 3 ran (3 failed); row 2 is absent; one result is of a scenario since removed.
        element("test_rows_of_n[3]", 23, step(24, "3 is fine", "failed")),
        element("test_rows_of_n[1]", 23, step(24, "1 is fine", "passed")),
        element("test_gone", 99, step(100, "it is gone", "passed")),
    ]
    path = tmp_path / "cucumber.json"
    path.write_text(json.dumps([{"uri": "features/demo.feature", "elements": elements}]))
    return path


def test_each_scenario_shows_its_outcome(features: Path, report: Path) -> None:
    page = specs_page(report, features)

    assert "#### ✅ Scenario: It passes" in page
    assert "#### ⏭ Scenario: It needs a server" in page
    assert "#### ❌ Scenario: It fails" in page
    assert "#### ⬜ Scenario: Nobody ran it" in page


def test_the_step_that_failed_is_marked(features: Path, report: Path) -> None:
    page = specs_page(report, features)

    assert "- ❌ **When** something breaks" in page
    assert "- **Then** it is fine" in page


def test_each_example_row_shows_its_outcome(features: Path, report: Path) -> None:
    page = specs_page(report, features)

    assert "#### ❌ Scenario Outline: Rows of `<n>`" in page
    assert "| ✅ | 1 |\n| ⬜ | 2 |\n| ❌ | 3 |" in page


def test_the_summary_counts_every_scenario_and_row(features: Path, report: Path) -> None:
    page = specs_page(report, features)

    assert (
        "**7 scenarios and examples:** ✅ 2 passed · ❌ 2 failed · ⏭ 1 skipped · ⬜ 2 not run"
        in page
    )
    row = (
        "| [Demo](#demo) | [demo.feature](../features/demo.feature) | 7 | "
        + "✅ 2 · ❌ 2 · ⏭ 1 · ⬜ 2 |"
    )
    assert row in page


def test_results_of_scenarios_no_longer_in_the_features_are_counted(
    features: Path, report: Path
) -> None:
    assert report_matches(report, features) == (5, 1)


def test_outcomes_do_not_count_as_a_change_of_the_page(features: Path, report: Path) -> None:
    with_outcomes, without = specs_page(report, features), specs_page(None, features)

    assert with_outcomes != without
    assert without_outcomes(with_outcomes) == without_outcomes(without)


def test_a_row_is_found_by_its_steps_when_its_id_is_unusual(features: Path, tmp_path: Path) -> None:
    path = tmp_path / "renamed.json"
    elements = [element("test_rows_of_n[x]", 23, step(24, "2 is fine", "passed"))]
    path.write_text(json.dumps([{"uri": "features/demo.feature", "elements": elements}]))

    assert "| ⬜ | 1 |\n| ✅ | 2 |\n| ⬜ | 3 |" in specs_page(path, features)


def test_skipped_scenarios_are_added_to_the_report_or_marked_in_it() -> None:
    feature = {"uri": "features/demo.feature", "name": "Demo"}
    ran = {"id": "test_b", "steps": [step(3, "a", "passed"), step(4, "b", "passed")]}
    report = [{**feature, "elements": [ran]}]
    skipped: list[dict[str, Any]] = [
        {"feature": feature, "element": {"id": "test_a", "steps": [step(3, "a", "skipped")]}},
        {"feature": feature, "element": {"id": "test_b", "steps": []}},
        {"feature": {**feature, "uri": "features/other.feature"}, "element": {"id": "test_c"}},
    ]

    merged = merge_skips(report, skipped)

    elements = merged[0]["elements"]
    assert [e["id"] for e in elements] == ["test_b", "test_a"]
    assert [s["result"]["status"] for s in elements[0]["steps"]] == ["passed", "skipped"]
    assert merged[1]["uri"] == "features/other.feature"
    assert merged[1]["elements"] == [{"id": "test_c"}]
