"""``tracker extract --review``: the proposals one by one on a terminal (accept, edit, skip,
quit), then the accepted ones recorded through the import path: all or nothing.

An edit opens the entry as TOML in $VISUAL or $EDITOR (vi if neither is set); the edited entry
is validated as tracker import validates an entry, and a bad one is shown with the reason and
asked about again. Known proposals (recorded already) are shown for context and skipped.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

import typer

if TYPE_CHECKING:
    from tracker.application.tracker import DialogueTracker

CHOICES = "accept, edit, skip or quit? [a/e/s/q]"
SEED_NAME = "accepted-proposals.toml"  # how the accepted entries are named in a refusal


def review_proposals(
    entries: list[dict[str, Any]], recording: Callable[[], DialogueTracker]
) -> None:
    """Walk the proposals, then record the accepted ones (or nothing, if none is) in the
    tracker ``recording`` opens: only then, so that a review that records nothing makes no
    store."""
    from tracker.reports.proposals import proposal_card

    accepted: list[dict[str, Any]] = []
    total = len(entries)
    for number, proposed in enumerate(entries, start=1):
        entry = proposed
        typer.echo("")
        typer.echo(proposal_card(entry, number, total))
        if entry.get("status") == "known":
            typer.echo("  skipped: the store records it already")
            continue
        choice = _ask()
        while choice == "e":
            entry = _edited(entry, number)
            typer.echo(proposal_card(entry, number, total))
            choice = "s" if entry.get("status") == "known" else _ask()
        if choice == "a":
            accepted.append(entry)
        elif choice == "q":
            break
    typer.echo("")
    if not accepted:
        typer.echo("nothing accepted: nothing recorded")
        return
    typer.echo(f"accepted {len(accepted)} of {total} proposals:")
    for number, entry in enumerate(accepted, start=1):
        typer.echo(f"  entry {number}: {_summary(entry)}")
    if not typer.confirm("record them (all or nothing)?", default=True):
        typer.echo("nothing recorded")
        return
    _record(recording(), accepted)


def _ask() -> str:
    while True:
        answer = str(typer.prompt(CHOICES, default="", show_default=False)).strip().lower()
        if answer[:1] in ("a", "e", "s", "q") and answer:
            return answer[0]
        typer.echo("  answer a (accept), e (edit), s (skip), or q (stop: the rest is skipped)")


def _edited(entry: dict[str, Any], number: int) -> dict[str, Any]:
    """The entry as edited in the user's editor, once it is valid (unchanged if the editor
    fails or the text is left as it was)."""
    from tracker.application.errors import BadInput
    from tracker.reports.proposals import entry_toml

    text = entry_toml(entry)
    while True:
        edited = _edit(text)
        if edited is None or edited == text:
            typer.echo("  unchanged")
            return entry
        try:
            return checked(edited, number)
        except BadInput as e:
            typer.echo(f"  not valid: {e}")
            if not typer.confirm("  edit it again?", default=True):
                return entry
            text = edited


def checked(text: str, number: int) -> dict[str, Any]:
    """An edited entry, read and validated as tracker import would (BadInput if it is not)."""
    import tomllib

    from tracker.application.errors import BadInput
    from tracker.application.seedentries import refuse_commandless, validate_entry

    where = Path(f"proposal {number}")
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as e:
        raise BadInput(f"it is not valid TOML: {e}") from None
    refuse_commandless(where, "the entry", raw)
    validate_entry(where, "the entry", raw)
    return raw


def _edit(text: str) -> str | None:
    """The text after the user edited it in $VISUAL or $EDITOR; None if the editor failed."""
    editor = os.environ.get("VISUAL") or os.environ.get("EDITOR") or "vi"
    handle, name = tempfile.mkstemp(prefix="tracker-proposal-", suffix=".toml")
    path = Path(name)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
        try:
            done = subprocess.run([*shlex.split(editor), str(path)], check=False)
        except OSError as e:
            typer.echo(f"  cannot run the editor {editor!r}: {e.strerror or e}")
            return None
        if done.returncode != 0:
            typer.echo(f"  the editor {editor!r} failed (exit {done.returncode})")
            return None
        return path.read_text(encoding="utf-8")
    finally:
        path.unlink(missing_ok=True)


def _summary(entry: dict[str, Any]) -> str:
    from tracker.reports.escaping import printable

    slugs = entry.get("slugs") or [entry.get("slug")]
    shown = ", ".join(printable(str(s)) for s in slugs)
    return f"{printable(str(entry.get('command')))} {shown} on {printable(str(entry.get('on')))}"


def _record(app: DialogueTracker, accepted: list[dict[str, Any]]) -> None:
    """Record the accepted entries through the import path: all of them, or none (a refusal
    names the accepted entry by its number in the list shown)."""
    from tracker.application.seedfile import seed_in_memory
    from tracker.reports.proposals import entries_toml

    with seed_in_memory(SEED_NAME, entries_toml(accepted).encode("utf-8")) as seed:
        result = app.import_file(seed)
    app.close()  # a new store is in place before the command says it recorded anything
    typer.echo(f"recorded {result.recorded} events ({result.already} were recorded already)")
