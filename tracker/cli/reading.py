"""Reading commands: the status of one channel or all, a channel's history, what is overdue."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from tracker.cli.context import (
    echo_json,
    parse_day,
    parse_moment,
    progress_bar,
    tracker,
)
from tracker.cli.options import Slug
from tracker.domain.values import ChannelStatus

if TYPE_CHECKING:
    import datetime as dt

    from tracker.application.tracker import DialogueTracker
    from tracker.domain.state import ChannelSummary
    from tracker.reports.views import View

Json = Annotated[
    bool,
    typer.Option(
        "--json", help="Print JSON for scripts (indented on a terminal, compact when piped)."
    ),
]
AsOf = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="DATE",
        help="Valid time: the state built from what had occurred by this day (YYYY-MM-DD; "
        "default today, or with --known-on that moment's day, as the tracker answered then).",
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
Party = Annotated[
    list[str] | None,
    typer.Option(
        "--party",
        metavar="PARTY",
        help="Only channels with this party (a country's ISO code or an organisation's code, "
        "e.g. EU). Repeated: channels with every party given.",
    ),
]


class SortKey(StrEnum):
    CHANNEL = "channel"
    TITLE = "title"
    STATUS = "status"
    SINCE = "since"
    LAST_MEETING = "last-meeting"
    NEXT_DUE = "next-due"
    OVERDUE = "overdue"


EXAMPLES = {
    "status": "tracker status us-cn-climate-talks --as-of 2023-01-01",
    "history": "tracker history us-cn-commercial-wg --by recorded --json",
    "overdue": "tracker overdue --as-of 2024-09-01 --exit-code",
    "watch": "tracker watch --json",
}


def party_codes(codes: list[str] | None) -> list[str]:
    """The parties of --party, as stored (alpha-3, or an organisation's code)."""
    from tracker.application.errors import BadInput
    from tracker.domain.values import InvalidValue, party_code

    try:
        return [party_code(c) for c in codes or []]
    except InvalidValue as e:
        raise BadInput(f"--party: {e}") from None


def status(
    ctx: typer.Context,
    *,
    slug: Annotated[
        str | None,
        typer.Argument(
            metavar="SLUG", help="A channel's slug; without it, the dashboard of every channel."
        ),
    ] = None,
    as_of: AsOf = None,
    known_on: KnownOn = None,
    status: Annotated[
        list[ChannelStatus] | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="Dashboard: only channels with this status (proposed, agreed, active, "
            "suspended, concluded). Repeated: with any of the statuses given.",
        ),
    ] = None,
    party: Party = None,
    overdue: Annotated[
        bool, typer.Option("--overdue", help="Dashboard: only channels with something overdue.")
    ] = False,
    sort: Annotated[SortKey, typer.Option("--sort", help="Dashboard: order of the rows.")] = (
        SortKey.CHANNEL
    ),
    reverse: Annotated[
        bool, typer.Option("--reverse", help="Dashboard: reverse the order.")
    ] = False,
    wide: Annotated[
        bool,
        typer.Option(
            "--wide",
            help="Dashboard: every column in full, however wide. Without it the dashboard fits "
            "the terminal (or COLUMNS, or 120 columns when piped): values wrap between words, "
            "and the title, the parties, the planned meetings and the last meeting give way, in "
            "that order.",
        ),
    ] = False,
    json: Json = False,
) -> None:
    """Show one channel in full, or the dashboard: one row per channel."""
    from tracker.application.garbage import fewer_collections
    from tracker.reports import dashboard
    from tracker.reports.text import status_text
    from tracker.reports.views import recent_meetings, status_view

    day, moment = parse_day(as_of, "--as-of"), parse_moment(known_on, "--known-on")
    parties = party_codes(party)
    app = tracker(ctx, write=False)
    if slug is not None:
        state = app.channel_status(slug, as_of=day, known_on=moment)
        view = status_view(state)
        echo_json(view) if json else typer.echo(status_text(view, recent_meetings(state)))
        return
    # The views and the lines made of them hold no cycles: no collection until they are
    # written. At 100,000 new objects, the few collections over the dashboard of 10,000
    # channels took 110-150 ms as JSON (2026-12-03) and about 100 ms more as text (2026-12-04;
    # "What each speed trick buys" times the trick as a whole).
    with fewer_collections(None):
        views = dashboard.select(
            dashboard_views(app, as_of=day, known_on=moment),
            statuses=[s.value for s in status or []],
            parties=parties,
            overdue_only=overdue,
            sort=sort.value,
            reverse=reverse,
        )
        if json:
            echo_json(views)
        elif not views:
            filtered = status or parties or overdue
            typer.echo(
                "no channel matches these filters"
                if filtered
                else "no channels recorded (as of then); record one with tracker open, or "
                "tracker import FILE"
            )
        elif sys.stdout.isatty():
            on_terminal(views, moment, wide=wide)
        else:
            typer.echo(dashboard.plain(views, None if wide else piped_width()))


def on_terminal(views: list[View], moment: dt.datetime | None, *, wide: bool) -> None:
    """The dashboard for a person at a terminal: fitted to its width, in colour if it shows
    colours."""
    from rich.console import Console

    from tracker.cli.output import styled
    from tracker.reports import dashboard

    when = views[0]["as_of"] + (f", as known on {moment.isoformat()}" if moment else "")
    # Its own colours reach the terminal; every text in its cells is escaped (rows()).
    console = Console(file=styled(), color_system=None if os.environ.get("NO_COLOR") else "auto")
    console.print(f"Dialogue channels as of {when}", markup=False, highlight=False)
    fitted = None if wide else console.width  # --wide: lines kept whole, however wide
    if console.color_system is None:  # NO_COLOR, or a terminal without colours
        console.file.write(dashboard.plain(views, fitted) + "\n")
    else:
        console.file.write(dashboard.coloured(views, fitted) + "\n")


def piped_width() -> int:
    """The width of a dashboard that is not shown on a terminal: COLUMNS, or 120."""
    from tracker.reports.dashboard import PIPED_WIDTH

    given = os.environ.get("COLUMNS", "")
    return int(given) if given.isdigit() and 20 <= int(given) <= 10_000 else PIPED_WIDTH


class HistoryBy(StrEnum):
    OCCURRED = "occurred"
    RECORDED = "recorded"


def history(
    ctx: typer.Context,
    *,
    slug: Slug,
    as_of: AsOf = None,
    known_on: KnownOn = None,
    by: Annotated[
        HistoryBy,
        typer.Option(
            "--by",
            help="occurred: by real-world date (the earliest day each fact's date could mean, "
            "then the order recorded; a retraction right after what it retracts); recorded: "
            "in the order recorded, by number.",
        ),
    ] = HistoryBy.OCCURRED,
    json: Json = False,
) -> None:
    """Every event of a channel: sequence, occurred, recorded, kind, details, sources.

    Listed by the date each event occurred, or with --by recorded as it was recorded.
    """
    from tracker.application.queries import HistoryOrder
    from tracker.reports.text import history_text
    from tracker.reports.views import history_view

    day, moment = parse_day(as_of, "--as-of"), parse_moment(known_on, "--known-on")
    order = HistoryOrder(by.value)
    entries = tracker(ctx, write=False).history(slug, as_of=day, known_on=moment, by=order)
    views = [history_view(e) for e in entries]
    echo_json(views) if json else typer.echo(history_text(views))


def overdue(
    ctx: typer.Context,
    *,
    as_of: AsOf = None,
    known_on: KnownOn = None,
    party: Party = None,
    exit_code: Annotated[
        bool,
        typer.Option(
            "--exit-code",
            help="For cron and CI: exit 1 when anything is overdue (the list is printed all the "
            "same), 0 when nothing is.",
        ),
    ] = False,
    json: Json = False,
) -> None:
    """List the cadences and planned meetings past due, with how many days late.

    With --exit-code, exit code 1 also means "something is overdue".
    """
    from tracker.application.garbage import fewer_collections
    from tracker.reports import dashboard
    from tracker.reports.text import overdue_text
    from tracker.reports.views import overdue_views

    day, moment = parse_day(as_of, "--as-of"), parse_moment(known_on, "--known-on")
    parties = party_codes(party)
    app = tracker(ctx, write=False)
    with fewer_collections(None):  # the views hold no cycles (as the dashboard's)
        views = dashboard.select(dashboard_views(app, as_of=day, known_on=moment), parties=parties)
    items = [i for v in views for i in overdue_views(v)]
    items.sort(key=lambda i: (-i["days_late"], i["channel"]))
    echo_json(items) if json else typer.echo(overdue_text(items))
    if exit_code and items:
        raise typer.Exit(OVERDUE)


OVERDUE = 1  # --exit-code: something is overdue (the code a refusal has)
CATCH_UP_SHOWN_FROM = 5_000  # events; fewer are taken in too quickly to need a progress bar


T = TypeVar("T")


def summaries(app: DialogueTracker, **when: Any) -> list[ChannelSummary]:
    """Every channel's summary, with a progress bar while many new events are taken in."""
    return caught_up(app.summaries, **when)


def dashboard_views(app: DialogueTracker, **when: Any) -> list[View]:
    """Every channel's view (the dashboard's plain data), with a progress bar while many new
    events are taken in."""
    return caught_up(app.dashboard, **when)


def caught_up(read: Callable[..., list[T]], **when: Any) -> list[T]:
    with progress_bar("bringing the dashboard up to date (events)") as update:

        def progress(applied: int) -> None:
            if update and applied >= CATCH_UP_SHOWN_FROM:
                update(applied, None)

        return read(**when, progress=progress)


def watch(
    ctx: typer.Context,
    *,
    replay: Annotated[
        bool, typer.Option("--all", help="Print every event recorded so far first.")
    ] = False,
    count: Annotated[
        int | None,
        typer.Option("--count", metavar="N", min=1, help="Stop after N events."),
    ] = None,
    json: Annotated[bool, typer.Option("--json", help="One JSON object per line.")] = False,
) -> None:
    """Follow new events live, printing each as it lands, until interrupted (Ctrl-C).

    On a shared PostgreSQL store it uses the database's notifications; on a SQLite file it
    looks again every second.
    """
    from tracker.application.tracker import HistoryEntry
    from tracker.reports.export import export_rows
    from tracker.reports.jsontext import dumps
    from tracker.reports.text import history_text
    from tracker.reports.views import history_view

    app = tracker(ctx, write=False)
    printed = 0
    try:
        for slug, event in app.follow(replay=replay):
            entry = HistoryEntry(event, None)
            if json:
                [row] = export_rows(slug, [entry])
                typer.echo(dumps(row))
            else:
                typer.echo(f"{slug} {history_text([history_view(entry)])}")
            sys.stdout.flush()
            printed += 1
            if count is not None and printed >= count:
                return
    except KeyboardInterrupt:
        return  # the usual way to stop watching
