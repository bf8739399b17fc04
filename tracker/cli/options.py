"""The arguments and options the recording commands share: the channel's slug (which the reading
commands take too), the date, the level and leads, and the sources with their quotes, notes and
confidence, paired in the order given. Apart from the commands, so that each command module, and
the reading commands, use them without loading the other commands."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from tracker.cli.once import once_only
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
        help="Where it was reported (citation or URL, at most 10,000 characters); repeatable. "
        "A --quote, --note or --confidence belongs to the --source given just before it.",
    ),
]
Quote = Annotated[
    list[str] | None,
    typer.Option(
        "--quote",
        metavar="TEXT",
        help="The exact words quoted from the --source given just before it (at most 10,000 "
        "characters); one per source.",
    ),
]
Note = Annotated[
    list[str] | None,
    typer.Option(
        "--note",
        metavar="TEXT",
        help="An analyst's note on the --source given just before it (e.g. a corrected date; at "
        "most 10,000 characters); one per source.",
    ),
]
Confidence = Annotated[
    list[ConfidenceChoice] | None,
    typer.Option(
        "--confidence",
        help="How far the --source given just before it is trusted (default medium); one per "
        "source. It rates a source, not the fact: without a --source it is refused.",
    ),
]
Party = Annotated[
    list[str],
    typer.Option(
        "--party",
        metavar="PARTY",
        help="A country (ISO 3166 code: US or USA) or an organisation (EU, NATO, ASEAN, UN …: "
        "the list is in docs/domain.md); two or more.",
    ),
]
Reason = Annotated[
    str | None,
    typer.Option(
        "--reason", metavar="TEXT", help="Why, in a few words (at most 10,000 characters)."
    ),
]


# --- sources, paired with what follows each on the command line ----------------------------------

_ORDER = "tracker.options_in_order"
_PARTS = ("quote", "note", "confidence")


class OnceCommand(TyperCommand):
    """A command whose options of one value are given once (cli/once.py)."""

    def make_parser(self, ctx: Any) -> Any:
        return once_only(ctx, super().make_parser(ctx), lambda order: self.given(ctx, order))

    def given(self, ctx: Any, order: list[Any]) -> None:
        """What a command keeps of the order its options were given in (nothing here)."""


class SourcedCommand(OnceCommand):
    """A recording command: it keeps the order its options were given in (click gives each
    option's values apart), so that each --quote, --note and --confidence goes with the
    --source given just before it (paired_sources)."""

    def given(self, ctx: Any, order: list[Any]) -> None:
        ctx.meta[_ORDER] = [param.name for param in order]


def _shown(text: str) -> str:
    return repr(text if len(text) <= 40 else text[:39] + "…")


def paired_sources(
    ctx: typer.Context,
    citations: list[str] | None,
    quotes: list[str] | None,
    notes: list[str] | None,
    confidences: list[ConfidenceChoice] | None,
) -> list[dict[str, str]]:
    """The sources given, each with the --quote, --note and --confidence that follow it on the
    command line (BadInput for one before any --source, or two of a kind for one source)."""
    from tracker.application.errors import BadInput

    values = {
        "source": list(citations or []),
        "quote": list(quotes or []),
        "note": list(notes or []),
        "confidence": [c.value for c in confidences or []],
    }
    order = ctx.meta.get(_ORDER)
    if order is None:  # not parsed by SourcedCommand: pairing is certain with one source only
        assert len(values["source"]) <= 1 or not any(values[p] for p in _PARTS), "order lost"
        order = [name for name in values for _ in values[name]]
    given = {name: iter(found) for name, found in values.items()}
    sources: list[dict[str, str]] = []
    for name in order:
        if name not in given:
            continue
        value = next(given[name])
        if name == "source":
            sources.append({"citation": value})
            continue
        option = f"--{name}"
        if not sources:
            raise BadInput(
                f"{option} {_shown(value)} comes before any --source: it belongs to the --source "
                f"given just before it; give --source TEXT first, then {option}"
            )
        if name in sources[-1]:
            raise BadInput(
                f"two {option} options follow --source {_shown(sources[-1]['citation'])}: each "
                f"source takes one; give each {option} just after its own --source"
            )
        sources[-1][name] = value
    return sources
