"""``tracker report``, ``tracker export`` and ``tracker calendar``: documents and data files
across channels."""

from __future__ import annotations

from collections.abc import Iterable
from enum import StrEnum
from pathlib import Path
from typing import Annotated, Any

import typer

from tracker.cli.context import parse_day, parse_moment, tracker
from tracker.cli.files import output_file, write_output
from tracker.cli.reading import AsOf, KnownOn, Party, party_codes, summaries


class ReportFormat(StrEnum):
    MD = "md"
    HTML = "html"
    JSON = "json"


class CalendarStatus(StrEnum):
    """The statuses a channel can have something due in: the calendar leaves out the others."""

    AGREED = "agreed"
    ACTIVE = "active"


class ExportFormat(StrEnum):
    JSONL = "jsonl"
    CSV = "csv"
    SEED = "seed"


Output = Annotated[
    Path | None,
    typer.Option(
        "--output",
        "-o",
        metavar="FILE",
        parser=output_file,
        help="Write to this file instead of standard output (- is standard output; ./- a "
        "file named -). Never the store itself or one of its -wal/-shm/-journal files, under "
        "any name (exit 2; likewise when standard output is one of them). A named pipe needs "
        "a reader (exit 2 if none opens it within a second).",
    ),
]
Slugs = Annotated[
    list[str] | None,
    typer.Argument(metavar="SLUG", help="Only these channels (default: every channel)."),
]

EXAMPLES = {
    "report": "tracker report --format html -o report.html --as-of 2024-09-01",
    "export": "tracker export --format csv -o events.csv",
    "calendar": "tracker calendar --party CN -o dialogues.ics",
}


def report(
    ctx: typer.Context,
    *,
    slugs: Slugs = None,
    format: Annotated[
        ReportFormat,
        typer.Option("--format", "-f", help="md, html (with a timeline picture) or json."),
    ] = ReportFormat.MD,
    output: Output = None,
    as_of: AsOf = None,
    known_on: KnownOn = None,
) -> None:
    """A report of channels: summary, timeline, overdue items, and every event with its sources."""
    from tracker.reports.document import render, report_data

    day, moment = parse_day(as_of, "--as-of"), parse_moment(known_on, "--known-on")
    app = tracker(ctx, write=False, output=output)
    if slugs:
        states = [app.state(s, as_of=day, known_on=moment) for s in dict.fromkeys(slugs)]
    else:
        states = app.states(as_of=day, known_on=moment)
    as_of_day = app.day_asked(day, moment)
    histories = {s.slug: app.history(s.slug, as_of=as_of_day, known_on=moment) for s in states}
    data = report_data(states, histories, as_of=as_of_day, known_on=moment, generated=app.clock())
    write_output([render(data, states, format.value)], output, app)


def export(
    ctx: typer.Context,
    *,
    slugs: Slugs = None,
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            help="jsonl (one JSON object a line), csv (for spreadsheets: a column per detail, "
            "numbered columns per source, no JSON in a cell), or seed: the entries of a seed "
            "file (JSON Lines, to save as .jsonl) that tracker import records again.",
        ),
    ] = ExportFormat.JSONL,
    output: Output = None,
    as_of: AsOf = None,
    known_on: KnownOn = None,
) -> None:
    """Every event, one per line or row: channel, sequence, kind, occurred, sources, CAMEO code.

    In CSV, each detail has a column of its own (title, parties, level, leads, window, …; lists
    joined with "; ", leads as USA=NAME), and each source numbered columns (source_1_citation,
    source_1_quote, source_1_confidence, source_1_note, …, as many as the event with the most
    sources needs). A cell that a spreadsheet would run as a formula (one beginning with = + -
    @ or their full-width forms, after any blanks or line breaks, or with a tab) is written
    with an apostrophe (') in front, so it shows as text; every line break in a cell is
    written as a line feed, so that the cell stays one cell.
    """
    from tracker.application.errors import BadInput, ChannelNotFound
    from tracker.reports.export import as_csv, as_jsonl, export_rows, seed_entries

    day, moment = parse_day(as_of, "--as-of"), parse_moment(known_on, "--known-on")
    if format is ExportFormat.SEED:
        if day is not None:
            # Events left out by valid time would leave the retractions' numbers astray.
            raise BadInput(
                "--format seed exports the whole record, to import it again: drop --as-of "
                "(--known-on may stay)"
            )
        if output is not None and output.suffix.lower() != ".jsonl":
            raise BadInput(
                f"--format seed writes JSON Lines, which tracker import reads from a .jsonl "
                f"file: name the output {output.with_suffix('.jsonl').name}"
            )
    to_rows = seed_entries if format is ExportFormat.SEED else export_rows
    app = tracker(ctx, write=False, output=output)
    names = list(dict.fromkeys(slugs)) if slugs else sorted(app.slugs())  # the one order
    for slug in slugs or []:
        # Every channel named exists, before anything is written (its events are read below).
        app.channel(slug)

    def rows() -> Iterable[dict[str, Any]]:
        for slug in names:
            try:
                entries = app.history(slug, as_of=day, known_on=moment)
            except ChannelNotFound:
                if slugs:
                    raise
                continue  # not yet opened (or recorded) by then: nothing to export
            yield from to_rows(slug, entries)

    lines = as_csv(rows()) if format is ExportFormat.CSV else as_jsonl(rows())
    write_output(lines, output, app)


def calendar(
    ctx: typer.Context,
    *,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE.ics",
            parser=output_file,
            help="Write to this file instead of standard output (to import it, or to publish "
            "it for a calendar application to subscribe to; - is standard output). Never the "
            "store itself or one of its -wal/-shm/-journal files, under any name (exit 2).",
        ),
    ] = None,
    as_of: AsOf = None,
    known_on: KnownOn = None,
    status: Annotated[
        list[CalendarStatus] | None,
        typer.Option(
            "--status",
            metavar="STATUS",
            help="Only channels with this status (agreed or active: nothing is due on the "
            "others); repeatable.",
        ),
    ] = None,
    party: Party = None,
    overdue: Annotated[
        bool,
        typer.Option("--overdue", help="Only channels with something overdue (all their dates)."),
    ] = False,
) -> None:
    """What is coming, as an iCalendar file: each cadence's next due day, and each planned
    meeting's window, on the agreed and active channels.

    Each event keeps its UID from one export to the next (made of the channel's slug and the
    cadence's level or the plan's number, never of a date), so a calendar that subscribes to
    the file moves an event when its day moves, instead of adding another. A window is an
    all-day event from its first possible day to its last ("2024-04~" is all of April).
    Written to a file (-o), it says how many events the file holds; with nothing due or
    planned the file is an empty calendar, so that a subscribed calendar shows none.
    """
    from tracker.application.garbage import fewer_collections
    from tracker.reports import dashboard
    from tracker.reports.calendar import calendar as ics
    from tracker.reports.views import status_view

    day, moment = parse_day(as_of, "--as-of"), parse_moment(known_on, "--known-on")
    parties = party_codes(party)
    app = tracker(ctx, write=False, output=output)
    with fewer_collections(100_000):
        states = summaries(app, as_of=day, known_on=moment)
        chosen = dashboard.select(
            map(status_view, states),
            statuses=[s.value for s in status or CalendarStatus],
            parties=parties,
            overdue_only=overdue,
        )
        names = {v["channel"] for v in chosen}
        text, what = ics([s for s in states if s.slug in names], generated=app.clock())
    write_output([text], output, app, what=what)
