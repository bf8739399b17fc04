"""docs/specs.md: the living specification, from features/*.feature and the latest test run.

The feature files are parsed with the official Gherkin parser; the outcome of each scenario
(and of each row of a Scenario Outline's examples) is read from the Cucumber JSON that
pytest-bdd writes (``pytest tests/features --cucumberjson=PATH``). Outcomes depend on the
machine that ran the scenarios, so :func:`without_outcomes` strips them for comparisons.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, TypeAlias, cast

from docs.tools.markdown import Anchors, code, escape, fenced, paragraphs, table

Status: TypeAlias = Literal["passed", "failed", "skipped", "not run"]
STATUSES: tuple[Status, ...] = ("passed", "failed", "skipped", "not run")
MARKS: dict[Status, str] = {"passed": "✅", "failed": "❌", "skipped": "⏭", "not run": "⬜"}
# Which outcome a scenario or an outline shows when its runs or rows differ.
_WORST: tuple[Status, ...] = ("failed", "skipped", "not run", "passed")

_MARK = "(?:" + "|".join(MARKS.values()) + ")"
_FRAGMENT = rf"{_MARK}(?: \d+)?(?: (?:{'|'.join(STATUSES)}))?"
_OUTCOMES = re.compile(rf"{_FRAGMENT}(?: · {_FRAGMENT})* ?")
_PARAM = re.compile(r"<(.+?)>")


def without_outcomes(page: str) -> str:
    """The page with every outcome mark and count removed: what the features alone decide."""
    return _OUTCOMES.sub("", page)


# --- the features ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Step:
    keyword: str
    text: str
    line: int
    table: tuple[tuple[str, ...], ...] = ()
    docstring: str | None = None
    media_type: str = ""


@dataclass(frozen=True)
class Row:
    line: int
    values: tuple[str, ...]


@dataclass(frozen=True)
class Examples:
    keyword: str
    name: str
    description: str
    tags: tuple[str, ...]
    header: tuple[str, ...]
    rows: tuple[Row, ...]


@dataclass(frozen=True)
class Background:
    keyword: str
    name: str
    description: str
    steps: tuple[Step, ...]


@dataclass(frozen=True)
class Scenario:
    keyword: str
    name: str
    description: str
    line: int
    tags: tuple[str, ...]
    steps: tuple[Step, ...]
    examples: tuple[Examples, ...] = ()

    @property
    def rows(self) -> list[tuple[Examples, Row]]:
        return [(ex, row) for ex in self.examples for row in ex.rows]


@dataclass(frozen=True)
class Rule:
    keyword: str
    name: str
    description: str
    tags: tuple[str, ...]
    background: Background | None
    scenarios: tuple[Scenario, ...]


@dataclass(frozen=True)
class Feature:
    path: str  # relative to the repository, as the Cucumber JSON names it: features/x.feature
    keyword: str
    name: str
    description: str
    tags: tuple[str, ...]
    background: Background | None
    children: tuple[Scenario | Rule, ...]

    def scenarios(self) -> Iterator[Scenario]:
        for child in self.children:
            if isinstance(child, Rule):
                yield from child.scenarios
            else:
                yield child


def _tags(node: dict[str, Any]) -> tuple[str, ...]:
    return tuple(t["name"] for t in node.get("tags", []))


def _step(data: dict[str, Any]) -> Step:
    rows = data.get("dataTable", {}).get("rows", [])
    doc = data.get("docString")
    return Step(
        keyword=data["keyword"].strip(),
        text=data["text"],
        line=data["location"]["line"],
        table=tuple(tuple(c["value"] for c in r["cells"]) for r in rows),
        docstring=doc["content"] if doc else None,
        media_type=(doc or {}).get("mediaType") or "",
    )


def _background(data: dict[str, Any]) -> Background:
    return Background(
        data["keyword"],
        data["name"],
        data.get("description", ""),
        tuple(_step(s) for s in data["steps"]),
    )


def _scenario(data: dict[str, Any]) -> Scenario:
    examples = tuple(
        Examples(
            keyword=ex["keyword"],
            name=ex["name"],
            description=ex.get("description", ""),
            tags=_tags(ex),
            header=tuple(c["value"] for c in (ex.get("tableHeader") or {}).get("cells", [])),
            rows=tuple(
                Row(r["location"]["line"], tuple(c["value"] for c in r["cells"]))
                for r in ex.get("tableBody", [])
            ),
        )
        for ex in data.get("examples", [])
    )
    return Scenario(
        keyword=data["keyword"],
        name=data["name"],
        description=data.get("description", ""),
        line=data["location"]["line"],
        tags=_tags(data),
        steps=tuple(_step(s) for s in data["steps"]),
        examples=examples,
    )


def parse_feature(path: Path, root: Path) -> Feature | None:
    """One feature file, parsed with gherkin-official; None when it holds no feature."""
    from gherkin.parser import Parser

    document = cast(dict[str, Any], Parser().parse(path.read_text(encoding="utf-8")))
    data: dict[str, Any] | None = document.get("feature")
    if not data:
        return None
    background = None
    children: list[Scenario | Rule] = []
    for child in data.get("children", []):
        if "background" in child:
            background = _background(child["background"])
        elif "scenario" in child:
            children.append(_scenario(child["scenario"]))
        elif "rule" in child:
            rule = child["rule"]
            rule_background = None
            scenarios = []
            for item in rule.get("children", []):
                if "background" in item:
                    rule_background = _background(item["background"])
                elif "scenario" in item:
                    scenarios.append(_scenario(item["scenario"]))
            children.append(
                Rule(
                    rule["keyword"],
                    rule["name"],
                    rule.get("description", ""),
                    _tags(rule),
                    rule_background,
                    tuple(scenarios),
                )
            )
    return Feature(
        path=path.relative_to(root).as_posix(),
        keyword=data["keyword"],
        name=data["name"],
        description=data.get("description", ""),
        tags=_tags(data),
        background=background,
        children=tuple(children),
    )


def parse_features(features_dir: Path) -> list[Feature]:
    """Every ``*.feature`` under the folder, by path."""
    found = (parse_feature(p, features_dir.parent) for p in sorted(features_dir.rglob("*.feature")))
    return [f for f in found if f is not None]


# --- outcomes ----------------------------------------------------------------------------------

Key: TypeAlias = tuple[str, int, int | None]  # feature path, scenario line, examples row line


def _worst(statuses: Iterable[Status]) -> Status:
    present = set(statuses)
    return next((s for s in _WORST if s in present), "not run")


def _render(text: str, header: Sequence[str], values: Sequence[str]) -> str:
    context = dict(zip(header, values, strict=False))
    return _PARAM.sub(lambda m: context.get(m.group(1), m.group(0)), text)


def _pytest_ids(values: Sequence[str]) -> set[str]:
    """The ids pytest-bdd gives an example row's test: its values joined, maybe escaped."""
    joined = "-".join(values)
    return {joined, joined.encode("unicode_escape").decode("ascii")}


def element_status(element: dict[str, Any]) -> tuple[Status, int | None]:
    """The outcome of one Cucumber JSON element, and the line of its failed step if any."""
    results = [(s.get("result", {}).get("status"), s.get("line")) for s in element.get("steps", [])]
    for status, line in results:
        if status not in ("passed", "skipped"):
            return "failed", line
    if any(status == "skipped" for status, _ in results):
        return "skipped", None
    return "passed", None


@dataclass
class Outcomes:
    """The outcome of each scenario and example row in a Cucumber JSON report."""

    runs: dict[Key, list[Status]] = field(default_factory=dict)
    failed_lines: dict[Key, int] = field(default_factory=dict)
    unmatched: int = 0

    def status(self, key: Key) -> Status:
        runs = self.runs.get(key)
        if not runs:
            return "not run"
        # One scenario run several times (by a plugin, say) failed if any run failed.
        return "failed" if "failed" in runs else "passed" if "passed" in runs else "skipped"

    def add(self, key: Key, element: dict[str, Any]) -> None:
        status, line = element_status(element)
        self.runs.setdefault(key, []).append(status)
        if line is not None:
            self.failed_lines.setdefault(key, line)


def _feature_for(uri: str, features: Sequence[Feature]) -> Feature | None:
    uri = uri.replace("\\", "/").removeprefix("./")
    for feature in features:
        if (
            uri == feature.path
            or uri.endswith("/" + feature.path)
            or feature.path.endswith("/" + uri)
        ):
            return feature
    named = [f for f in features if Path(f.path).name == Path(uri).name]
    return named[0] if len(named) == 1 else None


def _row_for(
    scenario: Scenario, element: dict[str, Any], taken: set[int]
) -> tuple[Examples, Row] | None:
    own_lines = {s.line: s.text for s in scenario.steps}
    ran = [(s.get("line"), s.get("name")) for s in element.get("steps", [])]

    def consistent(examples: Examples, row: Row) -> bool:
        return all(
            _render(own_lines[line], examples.header, row.values) == name
            for line, name in ran
            if line in own_lines
        )

    candidates = [(ex, row) for ex, row in scenario.rows if consistent(ex, row)]
    element_id = str(element.get("id", ""))
    param = element_id[element_id.find("[") + 1 : -1] if element_id.endswith("]") else ""
    exact = [c for c in candidates if param in _pytest_ids(c[1].values)]
    prefixed = [c for c in candidates if any(param.startswith(i) for i in _pytest_ids(c[1].values))]
    for group in (exact, prefixed, candidates):
        free = [c for c in group if c[1].line not in taken]
        if free:
            return free[0]
    return None


def read_outcomes(report: list[dict[str, Any]], features: Sequence[Feature]) -> Outcomes:
    """Match the elements of a Cucumber JSON report to the scenarios and rows of the features."""
    outcomes = Outcomes()
    for reported in report:
        feature = _feature_for(str(reported.get("uri", "")), features)
        elements = reported.get("elements", [])
        if feature is None:
            outcomes.unmatched += len(elements)
            continue
        by_line = {s.line: s for s in feature.scenarios()}
        taken: dict[int, set[int]] = {}
        for element in elements:
            scenario = by_line.get(int(element.get("line", 0)))
            if scenario is None:
                outcomes.unmatched += 1
                continue
            if not scenario.rows:
                outcomes.add((feature.path, scenario.line, None), element)
                continue
            lines = taken.setdefault(scenario.line, set())
            match = _row_for(scenario, element, lines)
            if match is None:
                outcomes.unmatched += 1
                continue
            lines.add(match[1].line)
            outcomes.add((feature.path, scenario.line, match[1].line), element)
    return outcomes


def load_outcomes(path: Path | None, features: Sequence[Feature]) -> Outcomes:
    if path is None:
        return Outcomes()
    report = json.loads(path.read_text(encoding="utf-8"))
    return read_outcomes(report if isinstance(report, list) else [], features)


# --- the page ----------------------------------------------------------------------------------


def keys(feature: Feature) -> Iterator[Key]:
    """One key per test: each plain scenario, and each row of each outline's examples."""
    for scenario in feature.scenarios():
        if scenario.rows:
            for _, row in scenario.rows:
                yield (feature.path, scenario.line, row.line)
        else:
            yield (feature.path, scenario.line, None)


def tally(statuses: Iterable[Status], *, every: bool = False) -> str:
    counts = Counter(statuses)
    shown = [s for s in STATUSES if every or counts[s]]
    if every:
        return " · ".join(f"{MARKS[s]} {counts[s]} {s}" for s in shown)
    return " · ".join(f"{MARKS[s]} {counts[s]}" for s in shown)


def _inline(text: str) -> str:
    """Step or scenario text: outline parameters as code, the rest escaped."""
    parts = _PARAM.split(text)
    return "".join(code(f"<{p}>") if i % 2 else escape(p) for i, p in enumerate(parts))


def _step_lines(step: Step, mark: str = "") -> list[str]:
    prefix = f"{mark} " if mark else ""
    out = [f"- {prefix}**{escape(step.keyword)}** {_inline(step.text)}"]
    if step.table:
        header, *rows = step.table
        out += [
            "",
            *(
                "  " + line
                for line in table(
                    [escape(h) for h in header], ([escape(c) for c in row] for row in rows)
                )
            ),
        ]
        out.append("")
    if step.docstring is not None:
        out += ["", *("  " + line for line in fenced(step.docstring, step.media_type)), ""]
    return out


def _steps(steps: Sequence[Step], failed_line: int | None = None) -> list[str]:
    out: list[str] = []
    for step in steps:
        out += _step_lines(step, MARKS["failed"] if step.line == failed_line else "")
    while out and out[-1] == "":
        out.pop()
    return out


def _tag_line(tags: Sequence[str]) -> list[str]:
    return ["Tags: " + ", ".join(code(t) for t in tags), ""] if tags else []


def _description(text: str) -> list[str]:
    return [*paragraphs(text), ""] if text.strip() else []


def _background_lines(background: Background | None) -> list[str]:
    if background is None:
        return []
    title = f"**{escape(background.keyword)}**" + (
        f" {escape(background.name)}" if background.name else ""
    )
    return [title, "", *_description(background.description), *_steps(background.steps), ""]


def _scenario_lines(
    feature: Feature, scenario: Scenario, level: str, outcomes: Outcomes
) -> list[str]:
    if scenario.rows:
        row_keys = [(feature.path, scenario.line, row.line) for _, row in scenario.rows]
        mark = MARKS[_worst(outcomes.status(k) for k in row_keys)]
        failed_line = None
    else:
        key = (feature.path, scenario.line, None)
        mark = MARKS[outcomes.status(key)]
        failed_line = outcomes.failed_lines.get(key)
    out = [
        f"{level} {mark} {escape(scenario.keyword)}: {_inline(scenario.name)}",
        "",
        *_tag_line(scenario.tags),
        *_description(scenario.description),
        *_steps(scenario.steps, failed_line),
        "",
    ]
    for examples in scenario.examples:
        title = f"**{escape(examples.keyword)}:**" + (
            f" {escape(examples.name)}" if examples.name else ""
        )
        rows = [
            [
                MARKS[outcomes.status((feature.path, scenario.line, row.line))],
                *(escape(v) for v in row.values),
            ]
            for row in examples.rows
        ]
        out += [title, "", *_tag_line(examples.tags), *_description(examples.description)]
        out += [*table(["outcome", *(escape(h) for h in examples.header)], rows), ""]
    return out


def _feature_lines(feature: Feature, outcomes: Outcomes, anchors: Anchors) -> list[str]:
    """The feature's section; every heading is numbered in ``anchors`` as GitHub numbers it."""
    link = f"[{escape(feature.path)}](../{feature.path})"
    out = [f"## {escape(feature.name)}", "", f"{link}", ""]
    out += [*_tag_line(feature.tags), *_description(feature.description)]
    out += _background_lines(feature.background)
    for child in feature.children:
        if isinstance(child, Rule):
            anchors(f"{child.keyword}: {child.name}")
            out += [f"### {escape(child.keyword)}: {escape(child.name)}", ""]
            out += [*_tag_line(child.tags), *_description(child.description)]
            out += _background_lines(child.background)
            for scenario in child.scenarios:
                anchors(f"{scenario.keyword}: {scenario.name}")
                out += _scenario_lines(feature, scenario, "####", outcomes)
        else:
            anchors(f"{child.keyword}: {child.name}")
            out += _scenario_lines(feature, child, "###", outcomes)
    return out


def specs_page(cucumber_json: Path | None = None, features_dir: Path | None = None) -> str:
    """The Markdown of docs/specs.md; without a Cucumber JSON report every outcome is "not run"."""
    from docs.tools import FEATURES

    features = parse_features(features_dir or FEATURES)
    outcomes = load_outcomes(cucumber_json, features)
    every = [outcomes.status(k) for f in features for k in keys(f)]
    anchors = Anchors()
    anchors("Living specification")
    anchors("Features")
    sections: list[str] = []
    feature_anchors = []
    for feature in features:
        feature_anchors.append(anchors(feature.name))
        sections += _feature_lines(feature, outcomes, anchors)
    legend = " · ".join(f"{MARKS[s]} {s}" for s in STATUSES)
    out = [
        "# Living specification",
        "",
        "<!-- Generated by `make docs` (docs/tools/generate.py) from features/*.feature and the",
        "     outcomes of the scenarios in .reports/cucumber.json. Do not edit by hand. -->",
        "",
        "What the tracker does, as the scenarios of [features/](../features) say it, each with",
        f"its outcome in the latest run of `make docs`: {legend}.",
        "Outcomes depend on the machine that ran them: scenarios tagged `@postgres` skip where",
        "no PostgreSQL server is running.",
        "",
        f"**{len(every)} scenarios and examples:** {tally(every, every=True)}",
        "",
        "## Features",
        "",
    ]
    rows = []
    for feature, anchor in zip(features, feature_anchors, strict=True):
        statuses = [outcomes.status(k) for k in keys(feature)]
        rows.append(
            [
                f"[{escape(feature.name)}](#{anchor})",
                f"[{escape(Path(feature.path).name)}](../{feature.path})",
                str(len(statuses)),
                tally(statuses),
            ]
        )
    out += [*table(["feature", "file", "scenarios", "outcome"], rows), "", *sections]
    return "\n".join(out).rstrip() + "\n"


def report_matches(cucumber_json: Path, features_dir: Path | None = None) -> tuple[int, int]:
    """How many results of a report match a scenario or row of the current features, and how
    many match none (a stale run)."""
    from docs.tools import FEATURES

    outcomes = load_outcomes(cucumber_json, parse_features(features_dir or FEATURES))
    return sum(map(len, outcomes.runs.values())), outcomes.unmatched
