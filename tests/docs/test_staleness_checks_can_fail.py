"""The staleness checks are not vacuous: a changed event, command or feature changes the page.

Each test changes a copy (a new model class, a fresh click command tree, a copy of features/),
never the code or the files themselves, and compares with the page generated from the real
ones. They pick what they change from whatever the code holds now, so that they keep working
while the commands, events and features evolve (and whether or not docs/ is up to date).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from pydantic import BaseModel, create_model

from docs.tools import FEATURES
from docs.tools.cli import Node, cli_page, help_problems, param_label, root_command, walk
from docs.tools.domain import (
    catalogue_problems,
    domain_page,
    event_classes,
    is_concrete,
    own_fields,
    undocumented_fields,
)
from docs.tools.specs import parse_feature, specs_page, without_outcomes

CLASS_VARS = ("TOPIC", "KIND", "CAMEO", "CAMEO_LABEL", "COMMAND")


def with_field(cls: type[BaseModel], name: str, description: str | None) -> type[BaseModel]:
    """A copy of an event class with one more field (the same name, base and class vars)."""
    from pydantic import Field

    fields: dict[str, Any] = {n: (f.annotation, f) for n, f in own_fields(cls).items()}
    fields[name] = (str | None, Field(default=None, description=description))
    copy: type[BaseModel] = create_model(
        cls.__name__, __base__=cls.__bases__[0], __doc__=cls.__doc__, **fields
    )
    for var in CLASS_VARS:
        setattr(copy, var, getattr(cls, var))
    return copy


def an_event() -> type[BaseModel]:
    """The first event class with fields of its own."""
    return next(c for c in event_classes() if is_concrete(c) and own_fields(c))


def replaced(
    classes: list[type[BaseModel]], old: type[BaseModel], new: type[BaseModel]
) -> list[type[BaseModel]]:
    return [new if c is old else c for c in classes]


def test_a_new_field_on_an_event_changes_the_domain_page() -> None:
    event = an_event()
    changed = with_field(event, "mood", "How the parties felt.")
    classes = replaced(event_classes(), event, changed)

    assert domain_page(classes) != domain_page()
    assert catalogue_problems(domain_page(), classes) == [
        f"{event.__name__}: the page lists fields {list(own_fields(event))}, "
        f"the code has {[*own_fields(event), 'mood']}"
    ]


def test_an_event_class_missing_from_the_page_is_reported() -> None:
    event = an_event()
    page = domain_page([c for c in event_classes() if c is not event])

    assert page != domain_page()
    assert f"{event.__name__} is not documented" in catalogue_problems(page)


def test_a_field_missing_from_the_page_is_reported() -> None:
    event = an_event()
    last = list(own_fields(event))[-1]
    page = domain_page()
    start = page.index(f"### {event.__name__}\n")
    row = page.index(f"| `{last}` |", start)
    page = page[:row] + page[row:].replace(f"| `{last}` |", f"| {last} |", 1)

    assert catalogue_problems(page) == [
        f"{event.__name__}: the page lists fields {list(own_fields(event))[:-1]}, "
        f"the code has {list(own_fields(event))}"
    ]


def test_a_field_nobody_described_is_reported() -> None:
    event = an_event()
    classes = replaced(event_classes(), event, with_field(event, "mood", None))

    assert undocumented_fields(classes) == [f"{event.__name__}.mood"]
    assert "*(undocumented" in domain_page(classes)


def a_command(root: Any) -> Node:
    """The first command under the root."""
    return list(walk(root))[1]


def test_changed_help_text_changes_the_cli_page() -> None:
    root = root_command()
    a_command(root).command.help = "Something else entirely."

    assert cli_page(root) != cli_page()  # a new tree each time: the app itself is untouched
    assert "Something else entirely." in cli_page(root)


def test_a_changed_option_changes_the_cli_page() -> None:
    root = root_command()
    node = a_command(root)
    option: Any = next(p for p in node.command.params if p.param_type_name == "option")
    option.help = "Changed help."
    option.required = True

    page = cli_page(root)

    assert page != cli_page()
    assert "| **required** | Changed help. |" in page


def test_a_command_without_help_or_an_example_is_reported() -> None:
    root = root_command()
    node = a_command(root)
    node.command.help = ""
    node.command.epilog = None
    option: Any = next(p for p in node.command.params if p.param_type_name == "option")
    option.help = None

    assert help_problems(root) == [
        f"`{node.name}` has no help text",
        f"`{node.name}` has no example ('Example: {node.name} …' in its epilog)",
        f"`{node.name}`: {param_label(option)} has no help text",
    ]


@pytest.fixture
def features_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "features"
    shutil.copytree(FEATURES, copy)
    assert specs_page(None, copy) == specs_page(None)
    return copy


def test_a_renamed_scenario_changes_the_specs_page(features_copy: Path) -> None:
    feature = next(
        p for p in sorted(features_copy.glob("*.feature")) if "Scenario" in p.read_text()
    )
    text = feature.read_text(encoding="utf-8")
    feature.write_text(re.sub(r"(Scenario(?: Outline)?:)", r"\1 Renamed,", text, count=1), "utf-8")

    assert without_outcomes(specs_page(None, features_copy)) != without_outcomes(specs_page(None))


def test_a_new_example_row_changes_the_specs_page(features_copy: Path) -> None:
    path, row = next(
        (p, rows[0][1])
        for p in sorted(features_copy.glob("*.feature"))
        if (f := parse_feature(p, features_copy.parent))
        for rows in [[r for s in f.scenarios() for r in s.rows]]
        if rows
    )
    lines = path.read_text(encoding="utf-8").splitlines()
    new_row = re.sub(r"\|[^|]*\|", "| new-row-value |", lines[row.line - 1], count=1)
    lines.insert(row.line, new_row)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    page = specs_page(None, features_copy)

    assert without_outcomes(page) != without_outcomes(specs_page(None))
    assert "| ⬜ | new-row-value |" in page


def test_a_new_feature_file_changes_the_specs_page(features_copy: Path) -> None:
    (features_copy / "zz-new.feature").write_text(
        "Feature: Something new\n\n  Scenario: It works\n    Then it works\n", "utf-8"
    )

    page = specs_page(None, features_copy)

    assert without_outcomes(page) != without_outcomes(specs_page(None))
    assert "### ⬜ Scenario: It works" in page
