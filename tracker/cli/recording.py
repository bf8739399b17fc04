"""Recording commands: each records one fact (or retracts one) and prints what it recorded."""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Annotated, Any

import typer
from typer.models import CommandInfo

from tracker.cli.context import build, echo_recorded, example, sources, tracker
from tracker.domain.values import Confidence as ConfidenceChoice
from tracker.domain.values import Level as LevelChoice


class OpeningStatus(StrEnum):
    proposed = "proposed"
    agreed = "agreed"


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

EXAMPLES = {
    "open": "tracker open us-cn-commercial-wg --title 'US-China Commercial Issues Working "
    "Group' --party US --party CN --on 2023-08-28 --level ministerial --lead 'USA=Gina "
    "Raimondo' --source 'AP, 2023-08-29' --confidence high",
    "agree": "tracker agree us-cn-ai-talks --on 2023-11-15",
    "cadence": "tracker cadence us-cn-commercial-wg --level vice-ministerial --per-year 2 "
    "--on 2023-08-28",
    "plan": "tracker plan us-cn-tourism-summit --on 2023-08-29 --window 2024-01/2024-04 --host US",
    "meet": "tracker meet us-cn-commercial-wg --on 2024-04-04 --level vice-ministerial "
    "--location Washington --lead 'USA=Marisa Lago'",
    "suspend": "tracker suspend us-cn-climate-wg us-cn-mmca --on 2022-08-05 --by CN "
    "--reason 'Speaker Pelosi visited Taiwan'",
    "resume": "tracker resume us-cn-mmca --on 2023-11-15 --reason 'Woodside summit'",
    "conclude": "tracker conclude us-cn-s-and-ed --on 2017-01 --successor us-cn-ced",
    "retract": "tracker retract us-cn-climate-wg 4 --reason 'meeting belongs to another channel'",
}


def open_(
    ctx: typer.Context,
    *,
    slug: Slug,
    title: Annotated[
        str,
        typer.Option(
            "--title", metavar="TEXT", help="The channel's name (at most 200 characters)."
        ),
    ],
    party: Annotated[
        list[str],
        typer.Option("--party", metavar="PARTY", help="An ISO 3166 code (US or USA); two or more."),
    ],
    on: On,
    status: Annotated[
        OpeningStatus, typer.Option("--status", help="Proposed, or already agreed.")
    ] = OpeningStatus.agreed,
    level: Level = None,
    lead: Leads = None,
    topic: Annotated[
        list[str] | None,
        typer.Option(
            "--topic",
            metavar="TAG",
            help="A topic tag (at most 200 characters); repeatable; a repeated tag counts once.",
        ),
    ] = None,
    follows: Annotated[
        str | None,
        typer.Option(
            "--follows", metavar="SLUG", help="The slug of the channel this one replaces."
        ),
    ] = None,
    source: SourceOpt = None,
    quote: Quote = None,
    note: Note = None,
    confidence: Confidence = None,
) -> None:
    """Open a channel: a standing dialogue between two or more governments."""
    from tracker.application.commands import OpenChannel

    command = build(
        OpenChannel,
        slug=slug,
        title=title,
        parties=party,
        on=on,
        status=status.value,
        level=level.value if level else None,
        leads=lead,
        topics=topic,
        follows=follows,
        sources=sources(source, quote, confidence and confidence.value, note),
    )
    echo_recorded(tracker(ctx, write=True).open_channel(command))


def agree(
    ctx: typer.Context,
    *,
    slug: Slug,
    on: On,
    source: SourceOpt = None,
    quote: Quote = None,
    note: Note = None,
    confidence: Confidence = None,
) -> None:
    """Record that the parties agreed to a proposed channel."""
    from tracker.application.commands import AgreeChannel

    command = build(
        AgreeChannel,
        slug=slug,
        on=on,
        sources=sources(source, quote, confidence and confidence.value, note),
    )
    echo_recorded(tracker(ctx, write=True).agree(command))


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
        sources=sources(source, quote, confidence and confidence.value, note),
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
        str | None, typer.Option("--host", metavar="PARTY", help="The hosting party (ISO code).")
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
        sources=sources(source, quote, confidence and confidence.value, note),
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
        sources=sources(source, quote, confidence and confidence.value, note),
    )
    echo_recorded(tracker(ctx, write=True).hold_meeting(command))


def suspend(
    ctx: typer.Context,
    *,
    slugs: Slugs,
    on: On,
    by: Annotated[
        str | None, typer.Option("--by", metavar="PARTY", help="The party that broke it off.")
    ] = None,
    reason: Reason = None,
    source: SourceOpt = None,
    quote: Quote = None,
    note: Note = None,
    confidence: Confidence = None,
) -> None:
    """Suspend one or more channels: all are recorded, or none."""
    from tracker.application.commands import SuspendChannels

    command = build(
        SuspendChannels,
        slugs=slugs,
        on=on,
        by=by,
        reason=reason,
        sources=sources(source, quote, confidence and confidence.value, note),
    )
    echo_recorded(tracker(ctx, write=True).suspend(command))


def resume(
    ctx: typer.Context,
    *,
    slugs: Slugs,
    on: On,
    reason: Reason = None,
    source: SourceOpt = None,
    quote: Quote = None,
    note: Note = None,
    confidence: Confidence = None,
) -> None:
    """Resume one or more suspended channels: all are recorded, or none."""
    from tracker.application.commands import ResumeChannels

    command = build(
        ResumeChannels,
        slugs=slugs,
        on=on,
        reason=reason,
        sources=sources(source, quote, confidence and confidence.value, note),
    )
    echo_recorded(tracker(ctx, write=True).resume(command))


def conclude(
    ctx: typer.Context,
    *,
    slug: Slug,
    on: On,
    reason: Reason = None,
    successor: Annotated[
        str | None,
        typer.Option("--successor", metavar="SLUG", help="The slug of the channel replacing it."),
    ] = None,
    source: SourceOpt = None,
    quote: Quote = None,
    note: Note = None,
    confidence: Confidence = None,
) -> None:
    """Record that a channel ended (nothing but a retraction may follow)."""
    from tracker.application.commands import ConcludeChannel

    command = build(
        ConcludeChannel,
        slug=slug,
        on=on,
        reason=reason,
        successor=successor,
        sources=sources(source, quote, confidence and confidence.value, note),
    )
    echo_recorded(tracker(ctx, write=True).conclude(command))


def retract(
    ctx: typer.Context,
    *,
    slug: Slug,
    seq: Annotated[
        int, typer.Argument(metavar="SEQ", help="The event's number, as tracker history shows it.")
    ],
    reason: Annotated[
        str, typer.Option("--reason", metavar="TEXT", help="Why the event was wrong.")
    ],
) -> None:
    """Retract one event recorded by mistake; history keeps it, marked retracted."""
    from tracker.application.commands import RetractEvent

    command = build(RetractEvent, slug=slug, seq=seq, reason=reason)
    echo_recorded(tracker(ctx, write=True).retract(command))


def register(commands: dict[str, CommandInfo]) -> None:
    found: list[tuple[str, Callable[..., Any]]] = [
        ("open", open_),
        ("agree", agree),
        ("cadence", cadence),
        ("plan", plan),
        ("meet", meet),
        ("suspend", suspend),
        ("resume", resume),
        ("conclude", conclude),
        ("retract", retract),
    ]
    for name, func in found:
        commands[name] = CommandInfo(
            name, callback=func, epilog=example(EXAMPLES[name]), rich_help_panel="Recording"
        )
