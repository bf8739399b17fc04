"""A pytest plugin for ``make docs``: skipped scenarios in pytest-bdd's Cucumber JSON.

pytest-bdd writes a scenario to the Cucumber JSON report only when its test body ran: a
scenario skipped before it started (``@postgres`` without a server) is missing, and one that
called ``pytest.skip`` in a step is written with every step passed. This plugin records the
skips and, once pytest-bdd has written the report, adds the missing scenarios (every step
"skipped") and marks the step that skipped. Use it with ``-p docs.tools.cucumber_skips``.
"""

from __future__ import annotations

import json
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest

_SKIPPED = pytest.StashKey[dict[str, dict[str, Any]]]()


def _scenario_element(item: pytest.Item) -> dict[str, Any] | None:
    """The Cucumber JSON feature and element of a pytest-bdd scenario test, all steps skipped."""
    try:
        from pytest_bdd.scenario import scenario_wrapper_template_registry
    except ImportError:  # pytest-bdd changed: leave the report as it is
        return None
    function: Any = getattr(item, "obj", None)
    template = scenario_wrapper_template_registry.get(function) if function else None
    if template is None:
        return None
    callspec = getattr(item, "callspec", None)
    example = callspec.params.get("_pytest_bdd_example", {}) if callspec else {}
    scenario = template.render(example)
    feature = template.feature
    return {
        "feature": {
            "keyword": feature.keyword,
            "uri": feature.rel_filename,
            "name": feature.name or feature.rel_filename,
            "id": feature.rel_filename.lower().replace(" ", "-"),
            "line": feature.line_number,
            "description": feature.description,
            "language": feature.language,
            "tags": [{"name": t, "line": feature.line_number - 1} for t in sorted(feature.tags)],
        },
        "element": {
            "keyword": scenario.keyword,
            "id": item.name,
            "name": scenario.name,
            "line": scenario.line_number,
            "description": scenario.description,
            "tags": [{"name": t, "line": scenario.line_number - 1} for t in sorted(scenario.tags)],
            "type": "scenario",
            "steps": [
                {
                    "keyword": step.keyword,
                    "name": step.name,
                    "line": step.line_number,
                    "match": {"location": ""},
                    "result": {"status": "skipped", "duration": 0},
                }
                for step in scenario.steps
            ],
        },
        "when": None,
    }


def pytest_configure(config: pytest.Config) -> None:
    config.stash[_SKIPPED] = {}


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item, call: pytest.CallInfo[None]
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    if report.skipped and call.when in ("setup", "call") and not hasattr(report, "wasxfail"):
        entry = _scenario_element(item)
        if entry is not None:
            entry["when"] = call.when
            item.config.stash[_SKIPPED][item.nodeid] = entry
    return report


def merge_skips(
    report: list[dict[str, Any]], skipped: list[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The report with the skipped scenarios in it: added when missing, marked when present."""
    features = {f["uri"]: f for f in report}
    for entry in skipped:
        feature = features.get(entry["feature"]["uri"])
        if feature is None:
            feature = features[entry["feature"]["uri"]] = {**entry["feature"], "elements": []}
            report.append(feature)
        element = entry["element"]
        present = [e for e in feature["elements"] if e.get("id") == element["id"]]
        if not present:
            feature["elements"].append(element)
        elif present[0].get("steps"):
            # Skipped in a step: that step is the last one pytest-bdd saw start.
            present[0]["steps"][-1]["result"]["status"] = "skipped"
        else:
            present[0]["steps"] = element["steps"]
    return report


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session: pytest.Session) -> None:
    # trylast: pytest-bdd has written its report by now.
    path = session.config.getoption("cucumber_json_path", None)
    skipped = list(session.config.stash.get(_SKIPPED, {}).values())
    if not path or not skipped or hasattr(session.config, "workerinput"):
        return
    report_file = Path(path).expanduser()
    if not report_file.exists():
        return
    report = json.loads(report_file.read_text(encoding="utf-8"))
    merged = merge_skips(report, skipped)
    report_file.write_text(json.dumps(merged), encoding="utf-8")
