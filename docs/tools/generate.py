"""Generate the living documentation: docs/domain.md, docs/cli.md and docs/specs.md.

    python -m docs.tools.generate [--cucumber .reports/cucumber.json] [--check]

``make docs`` runs the feature scenarios first, so that docs/specs.md shows their outcomes.
With ``--check`` nothing is written: the command fails if a page is out of date (for
docs/specs.md, outcome marks aside).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from docs.tools import DOCS
from docs.tools.cli import cli_page
from docs.tools.domain import domain_page
from docs.tools.specs import report_matches, specs_page, without_outcomes

__all__ = ["cli_page", "domain_page", "main", "pages", "specs_page", "stale_pages"]


def pages(cucumber_json: Path | None = None) -> dict[Path, str]:
    """Every generated page, by its path, as the code and features make it now."""
    return {
        DOCS / "domain.md": domain_page(),
        DOCS / "cli.md": cli_page(),
        DOCS / "specs.md": specs_page(cucumber_json),
    }


def _same(path: Path, text: str) -> bool:
    if not path.exists():
        return False
    current = path.read_text(encoding="utf-8")
    normal: Callable[[str], str] = without_outcomes if path.name == "specs.md" else str
    return normal(current) == normal(text)


def stale_pages(generated: dict[Path, str]) -> list[Path]:
    """The pages whose committed text differs from ``generated`` (outcomes aside)."""
    return [path for path, text in generated.items() if not _same(path, text)]


def _warn_about(cucumber_json: Path) -> None:
    matched, unmatched = report_matches(cucumber_json)
    if unmatched:
        print(
            f"warning: {unmatched} results in {cucumber_json} match no scenario of features/ "
            "(were the features changed since the run?)",
            file=sys.stderr,
        )
    if not matched:
        print(
            f"warning: {cucumber_json} holds no results: every scenario is shown as not run "
            "(did the scenarios fail to start? see pytest's output)",
            file=sys.stderr,
        )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m docs.tools.generate",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--cucumber",
        type=Path,
        metavar="PATH",
        help="the Cucumber JSON of a run of the scenarios (pytest --cucumberjson=PATH); "
        "without it every scenario is shown as not run",
    )
    parser.add_argument(
        "--check", action="store_true", help="write nothing; fail if a page is out of date"
    )
    args = parser.parse_args(argv)
    if args.cucumber is not None and not args.cucumber.is_file():
        print(f"error: {args.cucumber} does not exist: run the scenarios first", file=sys.stderr)
        return 2
    generated = pages(args.cucumber)
    if args.check:
        stale = stale_pages(generated)
        for path in stale:
            print(f"docs/{path.name} is out of date: run make docs", file=sys.stderr)
        return 1 if stale else 0
    if args.cucumber is not None:
        _warn_about(args.cucumber)
    for path, text in generated.items():
        if not path.exists() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            print(f"wrote docs/{path.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
