"""``tracker import``: record a whole seed file, all or nothing."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from tracker.cli.context import closed_at_the_end, progress_bar, tracker

if TYPE_CHECKING:
    from tracker.application.tracker import DialogueTracker

EXAMPLES = {"import": "tracker import --dry-run seeds/us-china-2024.toml"}


def import_(
    ctx: typer.Context,
    *,
    file: Annotated[
        Path,
        typer.Argument(
            metavar="FILE", help="A seed file (.toml, .json or .jsonl) of recording entries."
        ),
    ],
    dry_run: Annotated[
        bool,
        typer.Option(
            "--dry-run",
            help="Say what would be recorded, or which entry the rules would refuse (exit 1), "
            "and write nothing.",
        ),
    ] = False,
) -> None:
    """Record every entry of a seed file: all or nothing; entries already recorded are skipped.
    With --dry-run, say what would be recorded and write nothing.

    Only a regular file is read (not a pipe or a device). A TOML or JSON file is read whole and
    may be at most 16 MiB; a JSON Lines file may be of any size, each line at most 1 MiB.
    """
    from tracker.application.seedfile import open_seed
    from tracker.reports.escaping import printable

    # Opened and checked before the store is: a pipe or a device is refused at once, before
    # the store's write lock is taken.
    with open_seed(file) as seed:
        app = _store_for(ctx, dry_run=dry_run)
        with progress_bar("importing") as progress:
            result = app.import_file(seed, progress, dry_run=dry_run)
    app.close()  # a new store is in place before the command says it recorded anything
    if result.dry_run:
        typer.echo(
            f"dry run of {printable(file.name)}: {result.entries} entries, {result.recorded} "
            f"events would be recorded ({result.already} were recorded already); nothing was "
            "written"
        )
        return
    typer.echo(
        f"imported {printable(file.name)}: {result.entries} entries, {result.recorded} events "
        f"recorded ({result.already} were recorded already)"
    )


def _store_for(ctx: typer.Context, *, dry_run: bool) -> DialogueTracker:
    """The store an import records in, made if need be; a dry run makes none: where there is
    no store yet, it checks the file against an empty one, and says so."""
    from tracker.application.errors import NoStoreYet

    if not dry_run:
        return tracker(ctx, write=True, creates=True)
    try:
        return tracker(ctx, write=True)
    except NoStoreYet as e:
        from tracker.application import open_empty_tracker

        typer.echo(f"warning: {e}; the file is checked against an empty store", err=True)
        return closed_at_the_end(ctx, open_empty_tracker())
