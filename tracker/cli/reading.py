"""Reading commands: status of one channel or all, and a channel's history."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any

import typer

from tracker.cli.context import echo_json, parse_day, parse_moment, tracker
from tracker.cli.recording import Slug

Json = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Valid time: the state built from what had occurred by this day (YYYY-MM-DD).",
    ),
]
KnownOn = Annotated[
    str | None,
    typer.Option(
        "--known-on",
        metavar="DATETIME",
        help="Record time: only what had been recorded by then (2023-09-01T12:00, UTC unless "
        "an offset is given; a bare day means the end of it).",
    ),
]

EXAMPLES = {
    "status": "tracker status us-cn-climate-wg --as-of 2023-01-01",
    "history": "tracker history us-cn-commercial-wg --json",
}


def status(
    ctx: typer.Context,
    *,
    slug: Annotated[
        str | None,
        typer.Argument(help="A channel's slug; without it, one line per channel."),
    ] = None,
    as_of: AsOf = None,
    known_on: KnownOn = None,
    json: Json = False,
) -> None:
    """Show one channel in full, or every channel on one line each."""
    from tracker.reports.text import dashboard_lines, status_text
    from tracker.reports.views import status_view

    day, moment = parse_day(as_of, "--as-of"), parse_moment(known_on, "--known-on")
    app = tracker(ctx, write=False)
    if slug is not None:
        view = status_view(app.state(slug, as_of=day, known_on=moment))
        echo_json(view) if json else typer.echo(status_text(view))
        return
    views = [status_view(s) for s in app.states(as_of=day, known_on=moment)]
    echo_json(views) if json else typer.echo(dashboard_lines(views))


def history(
    ctx: typer.Context,
    *,
    slug: Slug,
    known_on: KnownOn = None,
    json: Json = False,
) -> None:
    """Every event of a channel: sequence, occurred, recorded, kind, details, sources."""
    from tracker.reports.text import history_text
    from tracker.reports.views import history_view

    moment = parse_moment(known_on, "--known-on")
    views = [history_view(e) for e in tracker(ctx, write=False).history(slug, known_on=moment)]
    echo_json(views) if json else typer.echo(history_text(views))


def register(app: typer.Typer) -> None:
    commands: list[tuple[str, Callable[..., Any]]] = [("status", status), ("history", history)]
    for name, func in commands:
        app.command(name, epilog=f"Example: {EXAMPLES[name]}", rich_help_panel="Reading")(func)
