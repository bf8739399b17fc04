"""``tracker import``: record a whole seed file, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from tracker.cli.context import progress_bar, tracker

EXAMPLES = {"import": "tracker import seeds/us-china-2023.toml"}


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
    """Record every entry of a seed file: all or nothing; entries already recorded are skipped.

    Only a regular file is read (not a pipe or a device). A TOML or JSON file is read whole and
    may be at most 16 MiB; a JSON Lines file may be of any size, each line at most 1 MiB.
    """
    from tracker.application.seedfile import open_seed
    from tracker.reports.text import printable

    # Opened and checked before the store is: a pipe or a device is refused at once, before
    # the store's write lock is taken.
    with open_seed(file) as seed:
        app = tracker(ctx, write=True)
        with progress_bar("importing") as progress:
            result = app.import_file(seed, progress)
    typer.echo(
        f"imported {printable(file.name)}: {result.entries} entries, {result.recorded} events "
        f"recorded ({result.already} were recorded already)"
    )
