"""The facts tracker extract proposes, written for the analyst: a TOML seed file with a header
saying what it is and how to record it, a JSON array of the same entries, and one proposal at
a time as text (for --review).

The entries are those of the import format (Proposal.entry): ``tracker import`` reads either
file back to the same entries. TOML is written by tomli-w, which escapes quotes, backslashes
and control characters as TOML needs; a value of None is left out (TOML has no null).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from tracker.reports.escaping import printable
from tracker.reports.jsontext import dumps

Entry = Mapping[str, Any]
# The fields a proposal's card shows in its own line or not at all, not among its options.
_SHOWN_APART = ("command", "status", "slug", "on", "sources")


def without_nulls(value: Any) -> Any:
    """The value with every None (in a table, or a list) left out."""
    if isinstance(value, Mapping):
        return {str(k): without_nulls(v) for k, v in value.items() if v is not None}
    if isinstance(value, list | tuple):
        return [without_nulls(v) for v in value if v is not None]
    return value


def counts(entries: Sequence[Entry]) -> tuple[int, int]:
    """How many entries are new, and how many known."""
    known = sum(1 for e in entries if e.get("status") == "known")
    return len(entries) - known, known


def header(article: str, published: dt.date, output: str | None) -> str:
    """The comment that opens a file of proposals: what it is, and how to record it."""
    import shlex

    name = shlex.quote(printable(output or "proposals.toml"))
    lines = [
        f"Facts proposed by tracker extract from {printable(article)}, published {published}.",
        "Each [[entry]] is one recording command; its source quotes the sentence it rests on,",
        'verbatim. status = "new": not recorded yet. status = "known": the store records it',
        "already; listed for context, tracker import skips it.",
        "Check every new entry against the article: correct it, or delete it. Then see what",
        "would be recorded (and what the rules would refuse), and record it:",
        f"  tracker import --dry-run {name}",
        f"  tracker import {name}",
    ]
    return "".join(f"# {line}\n" for line in lines)


def proposals_toml(
    entries: Sequence[Entry], *, article: str, published: dt.date, output: str | None = None
) -> str:
    """The entries as a TOML seed file: ``[[entry]]`` tables, each with ``[[entry.sources]]``,
    under a header saying what the file is."""
    return f"{header(article, published, output)}\n{entries_toml(entries)}"


def entries_toml(entries: Sequence[Entry]) -> str:
    """The entries as ``[[entry]]`` tables, each with ``[[entry.sources]]``."""
    import tomli_w

    return tomli_w.dumps({"entry": [without_nulls(e) for e in entries]})


def proposals_json(entries: Sequence[Entry]) -> str:
    """The entries as a JSON array (a seed file tracker import reads as .json)."""
    return dumps([without_nulls(e) for e in entries], indent=2) + "\n"


def entry_toml(entry: Entry) -> str:
    """One entry as TOML for an editor: its fields, then a ``[[sources]]`` table each source."""
    import tomli_w

    intro = (
        "# One proposed entry, as tracker import reads it. Save to accept your changes;\n"
        "# an entry that is not valid is shown again with the reason.\n\n"
    )
    return intro + tomli_w.dumps(without_nulls(entry))


def _value(value: Any) -> str:
    if isinstance(value, list | tuple):
        return ", ".join(_value(v) for v in value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def proposal_card(entry: Entry, number: int, total: int) -> str:
    """One proposal as text for a person: kind, channel, date, options, quote, confidence,
    note, and whether it is new or known."""
    status = entry.get("status", "new")
    slugs = entry.get("slugs") or [entry.get("slug", "")]
    known = "  (known: recorded already; shown for context)" if status == "known" else "  (new)"
    lines = [
        f"[{number}/{total}] {printable(str(entry.get('command')))} "
        f"{printable(_value(slugs))} on {printable(str(entry.get('on')))}{known}"
    ]
    for name, value in entry.items():
        if name in _SHOWN_APART or value is None or value in ((), []):
            continue
        label = "channel status" if name == "channel_status" else name.replace("_", " ")
        lines.append(f"  {label}: {printable(_value(value))}")
    for source in entry.get("sources") or ():
        quote = source.get("quote")
        if quote:
            lines.append(f"  quote: “{printable(str(quote))}”")
        lines.append(f"  confidence: {printable(str(source.get('confidence', 'medium')))}")
        if source.get("note"):
            lines.append(f"  note: {printable(str(source['note']))}")
        lines.append(f"  source: {printable(str(source.get('citation', '')))}")
    return "\n".join(lines)
