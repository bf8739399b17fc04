"""Looking after a store: rebuild what is derived from the events, verify the chains, make a key."""

from __future__ import annotations

from typing import Annotated

import typer

from tracker.cli.context import echo_json, tracker
from tracker.cli.reading import Json

EXAMPLES = {
    "rebuild": "tracker rebuild",
    "verify": "tracker verify --expect 18-4f2a9c0d1e7b3a65c8d90f1e2a3b4c5d",
    "keygen": "tracker keygen > tracker.key && export TRACKER_ENCRYPTION_KEY=$(cat tracker.key)",
}


def rebuild(ctx: typer.Context) -> None:
    """Rebuild the dashboard's read model and long channels' snapshots from the events.

    Both are derived from the recorded events, which stay exactly as they are.
    """
    applied = tracker(ctx, write=True).rebuild()
    typer.echo(f"rebuilt the read model from {applied} events")


def verify(
    ctx: typer.Context,
    *,
    expect: Annotated[
        str | None,
        typer.Option(
            "--expect",
            metavar="DIGEST",
            help="A store digest noted before (verify prints one): prove that nothing recorded "
            "up to it has changed since.",
        ),
    ] = None,
    json: Json = False,
) -> None:
    """Check the store: every channel's hash chain and the store's ledger; report events
    altered, deleted, reordered or inserted behind the tracker's back.

    It prints the store's digest: its whole history in one short line. Note it (or publish it)
    and check it later with --expect: any change to what was recorded up to then shows.
    Exit code 1 when something was changed; 3 when the store cannot be read (no key, or
    the wrong one, for an encrypted store).
    """
    from tracker.application.errors import Refused

    found = tracker(ctx, write=False).verify(expect)
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
                "digest": found.digest,
                "expected": found.expected,
                "note": found.note,
            }
        )
    else:
        from tracker.reports.escaping import printable

        for problem in found.problems:
            typer.echo(printable(str(problem)))
        if found.intact:
            typer.echo(
                f"verified {found.events} events in {found.channels} channels: "
                "every chain is intact"
            )
            if found.expected:
                typer.echo(f"the history up to {found.expected} is unchanged")
            if found.digest:
                typer.echo(f"store digest: {found.digest}")
        if found.note:
            typer.echo(f"note: {found.note}")
    if not found.intact:
        count = len(found.problems)
        # Problems of the store as a whole (its newest events, its ledger) name no channel.
        channels = len({p.channel for p in found.problems if not p.channel.startswith("(")})
        where = f"{channels} channel{'s' if channels != 1 else ''}" if channels else "the store"
        raise Refused(
            f"{count} problem{'s' if count != 1 else ''} in {where}: "
            "the store was changed outside the tracker"
        )


def keygen() -> None:
    """Print a new encryption key; keep it safe, and set TRACKER_ENCRYPTION_KEY to it.

    A store is encrypted (titles, quotes, every event's content) when it is created with a key
    set; every later command on it needs the same key.
    """
    from tracker.store.encryption import new_key

    typer.echo(new_key())
