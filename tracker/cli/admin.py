"""Looking after a store: rebuild what is derived from the events, verify the chains, make a key."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import typer
from typer.models import CommandInfo

from tracker.cli.context import echo_json, example, tracker
from tracker.cli.reading import Json

EXAMPLES = {
    "rebuild": "tracker rebuild",
    "verify": "tracker verify --json",
    "keygen": "tracker keygen > tracker.key && export TRACKER_ENCRYPTION_KEY=$(cat tracker.key)",
}


def rebuild(ctx: typer.Context) -> None:
    """Rebuild the dashboard's read model and long channels' snapshots from the events.

    Both are derived from the recorded events, which stay exactly as they are.
    """
    applied = tracker(ctx, write=True).rebuild()
    typer.echo(f"rebuilt the read model from {applied} events")


def verify(ctx: typer.Context, *, json: Json = False) -> None:
    """Check every channel's hash chain: report events altered, deleted, reordered or inserted."""
    from tracker.application.errors import Refused

    found = tracker(ctx, write=False).verify()
    if json:
        echo_json(
            {
                "intact": found.intact,
                "channels": found.channels,
                "events": found.events,
                "problems": [
                    {"channel": p.channel, "seq": p.seq, "problem": p.what} for p in found.problems
                ],
                "heads": found.heads,
            }
        )
    else:
        from tracker.reports.text import printable

        for problem in found.problems:
            typer.echo(printable(str(problem)))
        if found.intact:
            typer.echo(
                f"verified {found.events} events in {found.channels} channels: "
                "every chain is intact"
            )
    if not found.intact:
        count = len(found.problems)
        channels = len({p.channel for p in found.problems})
        raise Refused(
            f"{count} problem{'s' if count != 1 else ''} in {channels} "
            f"channel{'s' if channels != 1 else ''}: the store was changed outside the tracker"
        )


def keygen() -> None:
    """Print a new encryption key; keep it safe, and set TRACKER_ENCRYPTION_KEY to it.

    A store is encrypted (titles, quotes, every event's content) when it is created with a key
    set; every later command on it needs the same key.
    """
    from tracker.store.settings import new_key

    typer.echo(new_key())


def register(commands: dict[str, CommandInfo]) -> None:
    found: list[tuple[str, Callable[..., Any]]] = [
        ("rebuild", rebuild),
        ("verify", verify),
        ("keygen", keygen),
    ]
    for name, func in found:
        commands[name] = CommandInfo(
            name, callback=func, epilog=example(EXAMPLES[name]), rich_help_panel="Store"
        )
