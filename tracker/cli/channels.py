"""Recording a channel's life: opening it, the parties' agreement, suspending, resuming and
concluding it; and retracting an event recorded by mistake. Each command records one fact (or
retracts one) and prints what it recorded."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from tracker.cli.context import build, echo_recorded, tracker
from tracker.cli.options import (
    Confidence,
    Leads,
    Level,
    Note,
    On,
    Party,
    Quote,
    Reason,
    Slug,
    Slugs,
    SourcedCommand,
    SourceOpt,
    paired_sources,
)


class OpeningStatus(StrEnum):
    proposed = "proposed"
    agreed = "agreed"


# Every command here takes sources: each is parsed keeping the order of its options.
COMMAND_CLASS = SourcedCommand

EXAMPLES = {
    "open": "tracker open us-cn-commercial-wg --title 'US-China Commercial Issues Working "
    "Group' --party US --party CN --on 2023-08-28 --level ministerial --lead 'USA=Gina "
    "Raimondo' --source 'AP, 2023-08-29' --confidence high",
    "agree": "tracker agree us-cn-ai-talks --on 2023-11-15",
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
    party: Party,
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
            "--follows",
            metavar="SLUG",
            help="The slug of the channel this one replaces (one not recorded yet is "
            "recorded as given, with a warning).",
        ),
    ] = None,
    source: SourceOpt = None,
    quote: Quote = None,
    note: Note = None,
    confidence: Confidence = None,
) -> None:
    """Open a channel: a standing dialogue between two or more parties (countries or
    organisations)."""
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
        sources=paired_sources(ctx, source, quote, note, confidence),
    )
    app = tracker(ctx, write=True, creates=True)
    recorded = app.open_channel(command)
    app.close()  # a new store is in place before the command says it recorded anything
    echo_recorded(recorded)


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
        sources=paired_sources(ctx, source, quote, note, confidence),
    )
    echo_recorded(tracker(ctx, write=True).agree(command))


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
        sources=paired_sources(ctx, source, quote, note, confidence),
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
        sources=paired_sources(ctx, source, quote, note, confidence),
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
        typer.Option(
            "--successor",
            metavar="SLUG",
            help="The slug of the channel replacing it (one not recorded yet is recorded as "
            "given, with a warning).",
        ),
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
        sources=paired_sources(ctx, source, quote, note, confidence),
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
