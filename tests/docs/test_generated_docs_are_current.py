"""The generated pages of docs/ say what the code and the features say now (make docs)."""

from __future__ import annotations

from pathlib import Path

import pytest

from docs.tools import ROOT, generate
from docs.tools.cli import help_problems, root_command, walk
from docs.tools.domain import catalogue_problems, domain_page, event_classes, undocumented_fields
from docs.tools.generate import cli_page, main, specs_page
from docs.tools.specs import without_outcomes
from tests.docs.pages import committed, heading_anchors, links, out_of_date, table_shapes

PAGES = ["domain.md", "cli.md", "specs.md"]


@pytest.fixture(scope="module")
def generated() -> dict[str, str]:
    """Each page as the generator makes it now (specs.md without outcomes: all "not run")."""
    return {"domain.md": domain_page(), "cli.md": cli_page(), "specs.md": specs_page(None)}


def test_docs_domain_md_is_current(generated: dict[str, str]) -> None:
    page = committed("domain.md")
    if page != generated["domain.md"]:
        pytest.fail(out_of_date("domain.md", page, generated["domain.md"]))


def test_docs_cli_md_is_current(generated: dict[str, str]) -> None:
    page = committed("cli.md")
    if page != generated["cli.md"]:
        pytest.fail(out_of_date("cli.md", page, generated["cli.md"]))


def test_docs_specs_md_is_current_with_the_features_whatever_the_outcomes(
    generated: dict[str, str],
) -> None:
    page, now = without_outcomes(committed("specs.md")), without_outcomes(generated["specs.md"])
    if page != now:
        pytest.fail(out_of_date("specs.md", page, now))


def test_every_event_class_is_on_the_domain_page_with_its_fields() -> None:
    problems = catalogue_problems(committed("domain.md"))

    assert not problems, "docs/domain.md is out of date: run make docs\n" + "\n".join(problems)


def test_every_event_field_has_a_meaning() -> None:
    missing = undocumented_fields()

    assert not missing, (
        "describe these fields in docs/tools/event_fields.toml (or with Field(description=...)), "
        "then run make docs: " + ", ".join(missing)
    )


def test_every_command_has_help_text_and_an_example() -> None:
    problems = help_problems()

    assert not problems, "\n".join(problems)


def test_every_event_is_recorded_by_a_command_of_the_cli() -> None:
    commands = {node.name for node in walk(root_command())}
    events = [c for c in event_classes() if "COMMAND" in vars(c)]

    assert events
    for cls in events:
        assert f"tracker {cls.COMMAND}" in commands, f"{cls.__name__}.COMMAND = {cls.COMMAND!r}"  # type: ignore[attr-defined]


@pytest.mark.parametrize("name", PAGES)
def test_every_table_row_has_as_many_cells_as_its_header(name: str) -> None:
    assert table_shapes(committed(name)) == []


@pytest.mark.parametrize("name", PAGES)
def test_every_link_of_a_page_leads_somewhere(name: str) -> None:
    page = committed(name)
    for target in links(page):
        path, _, anchor = target.partition("#")
        if path.startswith(("http://", "https://")):
            continue
        linked = (ROOT / "docs" / path).resolve() if path else None
        if linked is not None:
            assert linked.exists(), f"docs/{name} links to {target}: no such file"
        if anchor:
            text = linked.read_text(encoding="utf-8") if linked is not None else page
            assert anchor in heading_anchors(text), f"docs/{name} links to {target}: no heading"


def test_generate_writes_the_pages_and_check_tells_when_one_is_stale(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(generate, "DOCS", tmp_path)

    assert main([]) == 0
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(PAGES)
    assert main(["--check"]) == 0

    (tmp_path / "cli.md").write_text("# Command-line reference\n", encoding="utf-8")

    assert main(["--check"]) == 1
    assert "docs/cli.md is out of date: run make docs" in capsys.readouterr().err


def test_generate_refuses_a_cucumber_report_that_does_not_exist(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["--cucumber", str(tmp_path / "missing.json")])

    assert code == 2
    assert "does not exist" in capsys.readouterr().err
