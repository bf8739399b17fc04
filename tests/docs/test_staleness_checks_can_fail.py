"""The staleness checks are not vacuous: a changed event, command or feature changes the page.

Each test changes a copy (a subclass, a fresh click command tree, a copy of the features), never
the code or the files themselves.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import ClassVar

from pydantic import Field

from docs.tools import FEATURES
from docs.tools.cli import cli_page, help_problems, root_command
from docs.tools.domain import catalogue_problems, domain_page, event_classes, undocumented_fields
from docs.tools.specs import specs_page, without_outcomes
from tests.docs.pages import committed
from tracker.domain import events


def test_a_new_field_on_an_event_changes_the_domain_page() -> None:
    class Resumed(events.Fact):
        """A suspended channel was taken up again."""

        TOPIC: ClassVar[str] = events.Resumed.TOPIC
        KIND: ClassVar[str] = events.Resumed.KIND
        CAMEO: ClassVar[str] = events.Resumed.CAMEO
        CAMEO_LABEL: ClassVar[str] = events.Resumed.CAMEO_LABEL
        COMMAND: ClassVar[str] = events.Resumed.COMMAND

        reason: str | None = None
        by: str | None = Field(default=None, description="The party that took it up again.")

    classes = [Resumed if c is events.Resumed else c for c in event_classes()]

    assert domain_page(classes) != committed("domain.md")
    assert catalogue_problems(committed("domain.md"), classes) == [
        "Resumed: the page lists fields ['reason'], the code has ['reason', 'by']"
    ]


def test_an_event_class_missing_from_the_page_is_reported() -> None:
    without_resumed = [c for c in event_classes() if c is not events.Resumed]
    page = domain_page(without_resumed)

    assert page != committed("domain.md")
    assert "Resumed is not documented" in catalogue_problems(page)


def test_a_field_missing_from_the_page_is_reported() -> None:
    page = committed("domain.md").replace("| `successor` |", "| successor |")

    assert catalogue_problems(page) == [
        "Concluded: the page lists fields ['reason'], the code has ['reason', 'successor']"
    ]


def test_a_field_nobody_described_is_reported() -> None:
    class MeetingHeld(events.MeetingHeld):
        mood: str | None = None

    classes = [MeetingHeld if c is events.MeetingHeld else c for c in event_classes()]

    assert undocumented_fields(classes) == ["MeetingHeld.mood"]
    assert "*(undocumented" in domain_page(classes)


def test_changed_help_text_changes_the_cli_page() -> None:
    root = root_command()
    ctx = root.context_class(root, info_name="tracker")
    command = root.get_command(ctx, "meet")  # type: ignore[attr-defined]
    command.help = "Record a meeting that was held, somewhere."

    assert cli_page(root) != committed("cli.md")
    assert cli_page() == committed("cli.md")  # the app itself is untouched


def test_a_changed_option_changes_the_cli_page() -> None:
    root = root_command()
    ctx = root.context_class(root, info_name="tracker")
    command = root.get_command(ctx, "suspend")  # type: ignore[attr-defined]
    by = next(p for p in command.params if p.name == "by")
    by.help = "Who broke it off."
    by.required = True

    page = cli_page(root)

    assert page != committed("cli.md")
    assert "| `--by` | `PARTY` | **required** | Who broke it off. |" in page


def test_a_command_without_help_or_an_example_is_reported() -> None:
    root = root_command()
    ctx = root.context_class(root, info_name="tracker")
    command = root.get_command(ctx, "agree")  # type: ignore[attr-defined]
    command.help = ""
    command.epilog = None
    option = next(p for p in command.params if p.name == "on")
    option.help = None

    assert help_problems(root) == [
        "`tracker agree` has no help text",
        "`tracker agree` has no example ('Example: tracker agree …' in its epilog)",
        "`tracker agree`: --on has no help text",
    ]


def _features_copy(tmp_path: Path) -> Path:
    copy = tmp_path / "features"
    shutil.copytree(FEATURES, copy)
    return copy


def test_a_changed_scenario_changes_the_specs_page(tmp_path: Path) -> None:
    copy = _features_copy(tmp_path)
    assert without_outcomes(specs_page(None, copy)) == without_outcomes(committed("specs.md"))

    feature = copy / "suspend.feature"
    text = feature.read_text(encoding="utf-8")
    feature.write_text(text.replace("Scenario:", "Scenario: Renamed,", 1), encoding="utf-8")

    assert without_outcomes(specs_page(None, copy)) != without_outcomes(committed("specs.md"))


def test_a_new_example_row_changes_the_specs_page(tmp_path: Path) -> None:
    copy = _features_copy(tmp_path)
    feature = copy / "cadence.feature"
    text = feature.read_text(encoding="utf-8")
    feature.write_text(text.replace("| -0.5     |", "| -0.5     |\n        | -2 |"), "utf-8")

    page = specs_page(None, copy)

    assert without_outcomes(page) != without_outcomes(committed("specs.md"))
    assert "| ⬜ | -2 |" in page
