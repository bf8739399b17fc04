"""``tracker search``: the facts whose words hold every word searched for."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.context import echo_json, parse_day, parse_moment, tracker
from tracker.cli.reading import AsOf, KnownOn

EXAMPLES = {"search": 'tracker search "Raimondo Beijing" --as-of 2023-12-31 --known-on 2024-01-15'}


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
        int, typer.Option("--limit", metavar="N", min=1, max=1_000_000, help="At most N facts.")
    ] = 50,
    as_of: AsOf = None,
    known_on: KnownOn = None,
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
    never query syntax. A fact is found when it holds every word, whatever the case and the
    accents ("Wang Yi" finds "Wáng Yì", "Sao Paulo" finds "São Paulo", "lodz" finds "Łódź");
    the last word may be the start of a longer one ("meet" finds "meeting"). Only the facts
    that count are searched: a retracted fact is not found, a corrected one is found as
    corrected.

    The order, the same in every store: the facts of fewest words first (there the words
    searched for say the most), then the latest by real-world date, then by channel and
    number. The words found are shown in [brackets].

    --as-of DATE keeps the facts that had occurred by that day (the earliest day a fact's date
    could mean), as status --as-of does. --known-on MOMENT searches what the tracker held then:
    the facts recorded by that moment and not retracted by it (a fact corrected later is found
    as it was), as history --known-on does. Both can be combined.
    """
    from tracker.reports.search import found_text, found_views

    day, moment = parse_day(as_of, "--as-of"), parse_moment(known_on, "--known-on")
    found = tracker(ctx, write=False).search(
        text, channels=channel or [], limit=limit, as_of=day, known_on=moment
    )
    views = found_views(found)
    when = (f" as of {day}" if day else "") + (
        f" as known on {moment.isoformat()}" if moment else ""
    )
    echo_json(views) if json else typer.echo(found_text(views, text, when))
