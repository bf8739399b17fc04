"""Finding channels: ``tracker channels`` lists those that match filters on their parties,
topics, status, level and line of succession."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.context import echo_json, parse_day, parse_moment, tracker
from tracker.cli.reading import AsOf, Json, KnownOn, dashboard_views, party_codes, piped_width
from tracker.domain.values import ChannelStatus, Level

EXAMPLES = {"channels": "tracker channels --party US --party CN --status suspended"}


def channels(
    ctx: typer.Context,
    *,
    party: Annotated[
        list[str] | None,
        typer.Option(
            "--party",
            metavar="PARTY",
            help="Channels with this party (ISO code, or an organisation's code such as EU). "
            "Repeated: channels with every party given.",
        ),
    ] = None,
    topic: Annotated[
        list[str] | None,
        typer.Option(
            "--topic",
            metavar="TAG",
            help="Channels with this topic (any case). Repeated: with every topic given.",
        ),
    ] = None,
    status: Annotated[
        list[ChannelStatus] | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="Channels with this status (proposed, agreed, active, suspended, concluded). "
            "Repeated: with any of the statuses given.",
        ),
    ] = None,
    level: Annotated[
        list[Level] | None,
        typer.Option(
            "--level",
            metavar="LEVEL",
            help="Channels at this level. Repeated: at any of the levels given.",
        ),
    ] = None,
    lineage: Annotated[
        str | None,
        typer.Option(
            "--lineage",
            metavar="SLUG",
            help="Channels in one line of succession with SLUG: those it follows or that "
            "succeed it, and theirs, both ways.",
        ),
    ] = None,
    as_of: AsOf = None,
    known_on: KnownOn = None,
    wide: Annotated[bool, typer.Option("--wide", help="Every column in full.")] = False,
    json: Json = False,
) -> None:
    """List the channels that match every filter given (different filters combine: a channel
    must pass each), by slug. What a channel has several of (parties, topics) must all match;
    what it has one of (status, level), any."""
    from tracker.application.errors import BadInput
    from tracker.application.garbage import fewer_collections
    from tracker.domain.values import check_slug
    from tracker.reports.channel_list import lines, matching

    day, moment = parse_day(as_of, "--as-of"), parse_moment(known_on, "--known-on")
    parties = party_codes(party)
    if lineage is not None:
        try:
            check_slug(lineage)
        except ValueError as e:
            raise BadInput(f"--lineage: {e}") from None
    app = tracker(ctx, write=False)
    # The views hold no cycles: no collection while they are made (as the dashboard's).
    with fewer_collections(None):
        views = dashboard_views(app, as_of=day, known_on=moment)
    if lineage is not None and lineage not in {v["channel"] for v in views}:
        app.channel(lineage)  # an unknown channel is refused as everywhere (exit 1)
    found = matching(
        views,
        parties=parties,
        topics=topic or [],
        statuses=[s.value for s in status or []],
        levels=[lv.value for lv in level or []],
        lineage=lineage,
    )
    if json:
        echo_json(found)
    elif not found:
        typer.echo("no channel matches these filters")
    else:
        typer.echo("\n".join(lines(found, None if wide else piped_width())))
