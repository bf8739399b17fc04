"""Recording a channel's meetings: the rhythm agreed for them (cadence), a meeting planned for a
future window, and a meeting held. Each command records one fact and prints what it recorded;
`tracker meet` loads no command module but this one (tests/cli/test_start_up.py)."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.context import build, echo_recorded, tracker
from tracker.cli.options import (
    Confidence,
    Leads,
    Level,
    Note,
    On,
    Quote,
    Slug,
    SourcedCommand,
    SourceOpt,
    paired_sources,
)
from tracker.domain.values import Level as LevelChoice

# Every command here takes sources: each is parsed keeping the order of its options.
COMMAND_CLASS = SourcedCommand

EXAMPLES = {
    "cadence": "tracker cadence us-cn-commercial-wg --level vice-ministerial --per-year 2 "
    "--on 2023-08-28",
    "plan": "tracker plan us-cn-tourism-summit --on 2023-08-29 --window 2024-01/2024-04 --host US "
    "--location Washington",
    "meet": "tracker meet us-cn-commercial-wg --on 2024-04-04 --level vice-ministerial "
    "--location Washington --lead 'USA=Marisa Lago'",
}


def cadence(
    ctx: typer.Context,
    *,
    slug: Slug,
    level: Annotated[LevelChoice, typer.Option("--level", help="Who is to meet.")],
    per_year: Annotated[
        str,
        typer.Option(
            "--per-year",
            metavar="N",
            help="Meetings a year, from 0.01 (once a century) to 366; 0.5 is every two years.",
        ),
    ],
    on: On,
    source: SourceOpt = None,
    quote: Quote = None,
    note: Note = None,
    confidence: Confidence = None,
) -> None:
    """Record an agreed rhythm of meetings at one level ("ministers once a year")."""
    from tracker.application.commands import AgreeCadence

    command = build(
        AgreeCadence,
        slug=slug,
        level=level.value,
        per_year=per_year,
        on=on,
        sources=paired_sources(ctx, source, quote, note, confidence),
    )
    echo_recorded(tracker(ctx, write=True).agree_cadence(command))


def plan(
    ctx: typer.Context,
    *,
    slug: Slug,
    on: Annotated[
        str, typer.Option("--on", metavar="DATE", help="When the meeting was agreed (a date).")
    ],
    window: Annotated[
        str,
        typer.Option(
            "--window",
            metavar="DATE",
            help="When it is to take place: a date or an interval, e.g. 2024-01/2024-04.",
        ),
    ],
    level: Level = None,
    host: Annotated[
        str | None,
        typer.Option(
            "--host",
            metavar="PARTY",
            help="Who is to host it: any country (ISO code) or organisation (EU, NATO …), a "
            "party of the channel or not.",
        ),
    ] = None,
    location: Annotated[
        str | None,
        typer.Option(
            "--location", metavar="TEXT", help="Where it is to be held (at most 200 characters)."
        ),
    ] = None,
    source: SourceOpt = None,
    quote: Quote = None,
    note: Note = None,
    confidence: Confidence = None,
) -> None:
    """Record a meeting agreed on one date to take place in a future window."""
    from tracker.application.commands import PlanMeeting

    command = build(
        PlanMeeting,
        slug=slug,
        on=on,
        window=window,
        level=level.value if level else None,
        host=host,
        location=location,
        sources=paired_sources(ctx, source, quote, note, confidence),
    )
    echo_recorded(tracker(ctx, write=True).plan_meeting(command))


def meet(
    ctx: typer.Context,
    *,
    slug: Slug,
    on: On,
    level: Annotated[
        LevelChoice | None,
        typer.Option("--level", help="Who met (default: the channel's own level)."),
    ] = None,
    location: Annotated[
        str | None,
        typer.Option(
            "--location", metavar="TEXT", help="Where it was held (at most 200 characters)."
        ),
    ] = None,
    lead: Leads = None,
    summary: Annotated[
        str | None,
        typer.Option(
            "--summary", metavar="TEXT", help="What came of it (at most 10,000 characters)."
        ),
    ] = None,
    source: SourceOpt = None,
    quote: Quote = None,
    note: Note = None,
    confidence: Confidence = None,
) -> None:
    """Record a meeting held."""
    from tracker.application.commands import HoldMeeting

    command = build(
        HoldMeeting,
        slug=slug,
        on=on,
        level=level.value if level else None,
        location=location,
        leads=lead,
        summary=summary,
        sources=paired_sources(ctx, source, quote, note, confidence),
    )
    echo_recorded(tracker(ctx, write=True).hold_meeting(command))
