"""``tracker search``: the facts whose words hold every word searched for."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.context import echo_json, tracker

EXAMPLES = {"search": 'tracker search "Raimondo Beijing" --channel us-cn-commercial-wg'}


def search(
    ctx: typer.Context,
    *,
    text: Annotated[
        str,
        typer.Argument(
            metavar="TEXT", help="The words to look for (quote several).", show_default=False
        ),
    ],
    channel: Annotated[
        list[str] | None,
        typer.Option("--channel", metavar="SLUG", help="Only this channel; repeatable."),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", metavar="N", min=1, help="At most N facts.")
    ] = 50,
    json: Annotated[
        bool,
        typer.Option(
            "--json", help="Print JSON for scripts (indented on a terminal, compact when piped)."
        ),
    ] = False,
) -> None:
    """Find facts by the words of their titles, locations, leads, summaries, reasons, topics,
    and their sources' citations, quotes and notes.

    A word is a run of letters and digits; anything else in TEXT only separates words, and is
    never query syntax. A fact is found when it holds every word, in any case (accents count);
    the last word may be the start of a longer one ("meet" finds "meeting"). Only the facts
    that count are searched: a retracted fact is not found, a corrected one is found as
    corrected. The best matches come first, then the latest; the words found are shown in
    [brackets].
    """
    from tracker.reports.search import found_text, found_views

    found = tracker(ctx, write=False).search(text, channels=channel or [], limit=limit)
    views = found_views(found)
    echo_json(views) if json else typer.echo(found_text(views, text))
