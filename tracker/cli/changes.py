"""Keeping a record true: a channel that changed (amend), a planned meeting that slipped or was
called off (postpone, cancel), and a fact recorded wrong (correct). Each records its events and
prints them."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.context import build, echo_recorded, tracker
from tracker.cli.options import (
    Confidence,
    Leads,
    Level,
    Note,
    Quote,
    Reason,
    Slug,
    SourcedCommand,
    SourceOpt,
    paired_sources,
)
from tracker.domain.values import Level as LevelChoice

# Every command here takes sources: each is parsed keeping the order of its options.
COMMAND_CLASS = SourcedCommand

EXAMPLES = {
    "amend": "tracker amend us-cn-climate-talks --on 2024-01-16 --lead 'USA=John Podesta'",
    "postpone": "tracker postpone us-cn-tourism-summit 2 --on 2024-03-01 --window 2024-05 "
    "--reason 'visas'",
    "cancel": "tracker cancel us-cn-tourism-summit 2 --on 2024-06-01 --reason 'called off'",
    "correct": "tracker correct us-cn-commercial-wg 2 --on 2023-08-29 --why 'the readout "
    "gives Tuesday'",
}

PlanSeq = Annotated[
    int,
    typer.Argument(
        metavar="SEQ", help="The planned meeting's number, as tracker history shows it.", min=1
    ),
]
Topics = Annotated[
    list[str] | None,
    typer.Option("--topic", metavar="TAG", help="A topic; repeatable. Given, they replace all."),
]
DropLeads = Annotated[
    list[str] | None,
    typer.Option(
        "--drop-lead",
        metavar="PARTY",
        help="A party that no longer has a lead; repeatable.",
    ),
]


def _option(name: str, metavar: str, text: str) -> object:
    return typer.Option(name, metavar=metavar, help=text)


def amend(
    ctx: typer.Context,
    *,
    slug: Slug,
    on: Annotated[str, _option("--on", "DATE", "From when the new values hold (a date).")],
    title: Annotated[str | None, _option("--title", "TEXT", "The channel's new name.")] = None,
    lead: Leads = None,
    drop_lead: DropLeads = None,
    topic: Topics = None,
    no_topics: Annotated[
        bool,
        typer.Option("--no-topics", help="Take every topic away: from that day it covers none."),
    ] = False,
    level: Annotated[
        LevelChoice | None, typer.Option("--level", help="The channel's new own level.")
    ] = None,
    source: SourceOpt = None,
    quote: Quote = None,
    note: Note = None,
    confidence: Confidence = None,
) -> None:
    """Record that from a day on the channel goes by other values: renamed (--title), an envoy
    replaced (--lead replaces that party's lead), a lead gone (--drop-lead), other topics
    (--topic, all of them; --no-topics, none), upgraded or downgraded (--level). As of an
    earlier day it shows the values that held then."""
    from tracker.application.changing import AmendChannel
    from tracker.application.errors import BadInput

    if no_topics and topic:
        raise BadInput("--no-topics takes every topic away: give it or --topic, not both")

    command = build(
        AmendChannel,
        slug=slug,
        on=on,
        title=title,
        leads=lead,
        drop_leads=drop_lead,
        topics=() if no_topics else topic,
        level=level.value if level else None,
        sources=paired_sources(ctx, source, quote, note, confidence),
    )
    echo_recorded(tracker(ctx, write=True).amend(command))


def postpone(
    ctx: typer.Context,
    *,
    slug: Slug,
    seq: PlanSeq,
    on: Annotated[str, _option("--on", "DATE", "When it was postponed (a date).")],
    window: Annotated[
        str,
        _option("--window", "DATE", "The new window: a date or an interval, e.g. 2024-09/2024-10."),
    ],
    reason: Reason = None,
    source: SourceOpt = None,
    quote: Quote = None,
    note: Note = None,
    confidence: Confidence = None,
) -> None:
    """Record that planned meeting SEQ was moved to another window; it is overdue only once the
    new window has ended."""
    from tracker.application.changing import PostponeMeeting

    command = build(
        PostponeMeeting,
        slug=slug,
        seq=seq,
        on=on,
        window=window,
        reason=reason,
        sources=paired_sources(ctx, source, quote, note, confidence),
    )
    echo_recorded(tracker(ctx, write=True).postpone(command))


def cancel(
    ctx: typer.Context,
    *,
    slug: Slug,
    seq: PlanSeq,
    on: Annotated[str, _option("--on", "DATE", "When it was called off (a date).")],
    reason: Reason = None,
    source: SourceOpt = None,
    quote: Quote = None,
    note: Note = None,
    confidence: Confidence = None,
) -> None:
    """Record that planned meeting SEQ was called off: from then on it owes nothing."""
    from tracker.application.changing import CancelMeeting

    command = build(
        CancelMeeting,
        slug=slug,
        seq=seq,
        on=on,
        reason=reason,
        sources=paired_sources(ctx, source, quote, note, confidence),
    )
    echo_recorded(tracker(ctx, write=True).cancel(command))


def correct(
    ctx: typer.Context,
    *,
    slug: Slug,
    seq: Annotated[
        int,
        typer.Argument(
            metavar="SEQ", help="The wrong fact's number, as tracker history shows it.", min=1
        ),
    ],
    why: Annotated[
        str | None,
        _option("--why", "TEXT", "Why the fact was wrong (default: corrected by #N)."),
    ] = None,
    on: Annotated[str | None, _option("--on", "DATE", "The right date.")] = None,
    title: Annotated[str | None, _option("--title", "TEXT", "The right title.")] = None,
    party: Annotated[
        list[str] | None, _option("--party", "PARTY", "The right parties (all of them).")
    ] = None,
    status: Annotated[
        str | None, _option("--status", "STATUS", "proposed or agreed, as opened.")
    ] = None,
    level: Level = None,
    lead: Leads = None,
    drop_lead: DropLeads = None,
    topic: Topics = None,
    follows: Annotated[str | None, _option("--follows", "SLUG", "The right predecessor.")] = None,
    per_year: Annotated[str | None, _option("--per-year", "N", "The right rhythm.")] = None,
    window: Annotated[str | None, _option("--window", "DATE", "The right window.")] = None,
    host: Annotated[str | None, _option("--host", "PARTY", "The right host.")] = None,
    location: Annotated[str | None, _option("--location", "TEXT", "The right place.")] = None,
    summary: Annotated[str | None, _option("--summary", "TEXT", "The right summary.")] = None,
    by: Annotated[str | None, _option("--by", "PARTY", "Who really suspended it.")] = None,
    reason: Reason = None,
    successor: Annotated[str | None, _option("--successor", "SLUG", "The right successor.")] = None,
    clear: Annotated[
        list[str] | None,
        _option(
            "--clear",
            "OPTION",
            "A value to take away, by its option's name (follows, location, lead, topic, level, "
            "host, summary, by, reason, successor); repeatable.",
        ),
    ] = None,
    source: SourceOpt = None,
    quote: Quote = None,
    note: Note = None,
    confidence: Confidence = None,
) -> None:
    """Correct fact SEQ, the opening included: record a copy with the options given replacing
    the recorded values, and retract the original, in one step. Give the options of the fact's
    own command (tracker history shows its kind), or --clear to take a value away; sources
    given replace the recorded ones.
    --known-on an earlier moment still answers as recorded then."""
    from tracker.application.changing import CorrectFact

    command = build(
        CorrectFact,
        slug=slug,
        seq=seq,
        why=why,
        on=on,
        title=title,
        parties=party,
        status=status,
        level=level.value if level else None,
        leads=lead,
        drop_leads=drop_lead,
        topics=topic,
        follows=follows,
        per_year=per_year,
        window=window,
        host=host,
        location=location,
        summary=summary,
        by=by,
        reason=reason,
        successor=successor,
        clear=clear,
        sources=paired_sources(ctx, source, quote, note, confidence),
    )
    echo_recorded(tracker(ctx, write=True).correct(command))
