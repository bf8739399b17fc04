"""The arguments and options the recording commands share: the channel's slug (which the reading
commands take too), the date, the level and leads, and the sources with their quotes, notes and
confidence. Apart from the commands, so that each command module, and the reading commands,
use them without loading the other commands."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.domain.values import Confidence as ConfidenceChoice
from tracker.domain.values import Level as LevelChoice

Slug = Annotated[
    str,
    typer.Argument(
        metavar="SLUG",
        help="The channel's slug: lowercase letters, digits and hyphens, at most 64, "
        "e.g. us-cn-commercial-wg.",
    ),
]
Slugs = Annotated[list[str], typer.Argument(metavar="SLUG", help="One or more channel slugs.")]
On = Annotated[
    str,
    typer.Option(
        "--on",
        metavar="DATE",
        help="When it happened: 2023, 2023-08, 2023-08-28, 2024-04~ (approximate) or an "
        "interval 2023-07-16/2023-07-19.",
    ),
]
Level = Annotated[LevelChoice | None, typer.Option("--level", help="Who meets.")]
Leads = Annotated[
    list[str] | None,
    typer.Option(
        "--lead",
        metavar="PARTY=NAME",
        help="Who leads for one party, as PARTY=NAME (spaces before and after the code and the "
        "name are dropped; a name of at most 200 characters); repeatable.",
    ),
]
SourceOpt = Annotated[
    list[str] | None,
    typer.Option(
        "--source",
        metavar="TEXT",
        help="Where it was reported (citation or URL, at most 10,000 characters); repeatable.",
    ),
]
Quote = Annotated[
    list[str] | None,
    typer.Option(
        "--quote",
        metavar="TEXT",
        help="The exact words quoted from the --source in the same position (at most 10,000 "
        "characters); repeatable.",
    ),
]
Note = Annotated[
    list[str] | None,
    typer.Option(
        "--note",
        metavar="TEXT",
        help="An analyst's note on the --source in the same position (e.g. a corrected date; at "
        "most 10,000 characters); repeatable.",
    ),
]
Confidence = Annotated[
    ConfidenceChoice | None,
    typer.Option("--confidence", help="How far the sources are trusted (default medium)."),
]
Reason = Annotated[
    str | None,
    typer.Option(
        "--reason", metavar="TEXT", help="Why, in a few words (at most 10,000 characters)."
    ),
]
