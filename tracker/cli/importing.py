"""``tracker import``: record a whole seed file, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer
from typer.models import CommandInfo

from tracker.cli.context import example, progress_bar, tracker

EXAMPLE = "tracker import seeds/us-china-2023.toml"


def import_(
    ctx: typer.Context,
    *,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", help="A seed file (.toml, .json or .jsonl) of recording entries."
        ),
    ],
) -> None:
    """Record every entry of a seed file: all or nothing; entries already recorded are skipped."""
    app = tracker(ctx, write=True)
    with progress_bar("importing") as progress:
        result = app.import_file(file, progress)
    typer.echo(
        f"imported {file.name}: {result.entries} entries, {result.recorded} events recorded "
        f"({result.already} were recorded already)"
    )


def register(commands: dict[str, CommandInfo]) -> None:
    commands["import"] = CommandInfo(
        "import", callback=import_, epilog=example(EXAMPLE), rich_help_panel="Recording"
    )
