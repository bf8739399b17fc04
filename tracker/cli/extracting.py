"""``tracker extract``: read an article, propose the dialogue facts it states, for an analyst to
review and record (nothing is recorded but what --review accepts)."""

from __future__ import annotations

import datetime as dt
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from tracker.cli.context import CliState, parse_day, tracker
from tracker.cli.files import output_file

if TYPE_CHECKING:
    from tracker.application.tracker import DialogueTracker

EXAMPLES = {"extract": "tracker extract readout.html --published 2024-05-21 -o proposals.toml"}
FORMATS = {".toml": False, ".json": True}  # whether -o FILE is written as JSON, by its suffix
NO_TERMINAL = "--review needs a terminal; use -o FILE, review the file, then tracker import FILE"


def extract(
    ctx: typer.Context,
    *,
    article: Annotated[
        Path,
        typer.Argument(
            metavar="ARTICLE",
            help="The article: a plain-text file (UTF-8) or a saved HTML page (.html), at most "
            "8 MiB.",
        ),
    ],
    published: Annotated[
        str,
        typer.Option(
            "--published",
            metavar="DATE",
            help="The day the article was published (YYYY-MM-DD): 'Monday', 'last year' and "
            "'later this year' are read from it.",
        ),
    ],
    source: Annotated[
        str | None,
        typer.Option(
            "--source",
            metavar="CITATION",
            help="The citation of every proposal's source (default: the article's title and "
            "publication date).",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            parser=output_file,
            help="Write the proposals to this file (.toml, or .json) for tracker import, "
            "instead of standard output (- is standard output). Never the store or one of its "
            "files (exit 2).",
        ),
    ] = None,
    json_output: Annotated[
        bool, typer.Option("--json", help="Write the proposals as a JSON array.")
    ] = False,
    review: Annotated[
        bool,
        typer.Option(
            "--review",
            help="On a terminal: go through the proposals one by one (accept, edit, skip), "
            "then record the accepted ones, all or nothing.",
        ),
    ] = False,
) -> None:
    """Propose the dialogue facts an article states, as entries of tracker import's format:
    each with its command, channel, date and options, the sentence it rests on quoted
    verbatim, and whether the store records it already (known) or not (new).

    Nothing is recorded: review the file, then record it with tracker import (--dry-run
    first), or go through the proposals with --review. Channels already recorded are linked
    by their title or a name the article gives them; new ones get a proposed slug.
    """
    from tracker.application import check_outputs
    from tracker.application.articles import open_article
    from tracker.application.errors import BadInput, NoStoreYet
    from tracker.reports.escaping import printable

    day = parse_day(published, "--published")
    assert day is not None
    if day > dt.date.today() + dt.timedelta(days=1):  # a day ahead: the reader's time zone
        raise BadInput(f"--published {day} is after today: give the day the article was published")
    if output is not None:  # never the store, whatever its name: said before anything else
        state = ctx.find_object(CliState)
        check_outputs(state.db if state else None, [output.absolute()])
        if _same_file(output, article):  # the evidence the proposals quote would be lost
            raise BadInput(
                f"-o {output} is the article being read; write the proposals to another file"
            )
    as_json = _as_json(output, json_output)
    if review:
        if output is not None or json_output:
            raise BadInput("--review records what you accept: give it without -o and --json")
        if not _on_terminal(sys.stdin):
            raise BadInput(NO_TERMINAL)
    citation = _citation(source)
    text = open_article(article)  # before the store is opened: a pipe is refused at once
    if not text.english:  # else "no facts found" would be all it says
        typer.echo(
            f"warning: {printable(article.name)} does not look like English text; "
            "tracker extract reads English only",
            err=True,
        )
    # Read as status reads it, so that a mistyped --db makes no new empty store; --review
    # makes the store only when it records what was accepted.
    no_store = False
    try:
        app = tracker(ctx, write=review, output=output)
    except NoStoreYet as e:
        from tracker.application import open_empty_tracker

        typer.echo(f"warning: {e}; every channel is proposed as new", err=True)
        app, no_store = open_empty_tracker(), True
        ctx.call_on_close(app.close)
    proposals = app.extract_facts(text.text, published=day)
    citation = citation or default_citation(text.title, article.name, day)
    entries = [p.entry(citation) for p in proposals]
    if not entries:
        typer.echo(f"no facts found in {printable(article.name)}", err=True)
        if as_json and output is None:
            typer.echo("[]")
        return
    if review:
        from tracker.cli.review import review_proposals

        review_proposals(
            entries,
            lambda: tracker(ctx, write=True, output=output, creates=True) if no_store else app,
        )
        return
    _write(entries, article=article.name, day=day, output=output, as_json=as_json, app=app)


def _same_file(output: Path, article: Path) -> bool:
    """Whether writing ``output`` would replace ``article``: the same file under any name (a
    link, a hard link, ``..``), or, where one does not exist yet, the same path resolved."""
    try:
        return os.path.samefile(output, article)
    except OSError:  # one of them does not exist (or cannot be looked at)
        return output.resolve() == article.resolve()


def _as_json(output: Path | None, json_output: bool) -> bool:
    """Whether the proposals are written as JSON: --json, or -o FILE.json."""
    from tracker.application.errors import BadInput

    if output is None:
        return json_output
    suffix = output.suffix.lower()
    if suffix not in FORMATS:
        raise BadInput(
            f"-o: name the file .toml (or .json), as tracker import reads it (got {output.name!r})"
        )
    if json_output and not FORMATS[suffix]:
        raise BadInput(f"--json writes JSON: name the file {output.with_suffix('.json').name}")
    return FORMATS[suffix]


def _citation(source: str | None) -> str | None:
    """--source, checked as a source's citation is (not blank)."""
    if source is None:
        return None
    from pydantic import ValidationError

    from tracker.application.errors import BadInput, explain
    from tracker.domain.values import GivenSource

    try:
        return GivenSource(citation=source).citation
    except ValidationError as e:
        raise BadInput(explain(e, {"citation": "--source"})) from None


def default_citation(title: str | None, name: str, day: dt.date) -> str:
    """“TITLE”, published DATE: the article's own title, else its file's name."""
    return f"“{title}”, published {day}" if title else f"{name}, published {day}"


def _write(
    entries: list[dict[str, Any]],
    *,
    article: str,
    day: dt.date,
    output: Path | None,
    as_json: bool,
    app: DialogueTracker,
) -> None:
    from tracker.cli.files import write_output
    from tracker.reports.proposals import counts, proposals_json, proposals_toml

    if as_json:
        text = proposals_json(entries)
    else:
        name = output.name if output is not None else None
        text = proposals_toml(entries, article=article, published=day, output=name)
    new, known = counts(entries)
    said = f"{len(entries)} proposal{'s' if len(entries) != 1 else ''} ({new} new, {known} known)"
    write_output([text], output, app, wrote=lambda name: f"wrote {said} to {name}")


def _on_terminal(stream: Any) -> bool:
    """Whether the review's answers can be typed: standard input closed by the shell (<&-)
    leaves Python none at all (None), and a stream closed since cannot even be asked."""
    try:
        return stream is not None and bool(stream.isatty())
    except (ValueError, OSError):
        return False
