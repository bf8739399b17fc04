"""The command that would apply a change an import file makes to a fact it recorded before:
``tracker correct SLUG SEQ`` with the options whose values changed, ready to paste."""

from __future__ import annotations

import shlex
from collections.abc import Iterable

from tracker.application.changing import CLEARABLE, CorrectFact
from tracker.application.commands import OPTION_NAMES
from tracker.domain.rules import EntryChanged
from tracker.domain.values import Source


def correction_advice(slug: str, changed: EntryChanged) -> str:
    """How to apply the entry's change: the correct command, and what it cannot say."""
    words = ["tracker", "correct", slug, str(changed.seq)]
    removed = []
    for name, value in changed.changes.items():
        option = OPTION_NAMES.get("on" if name == "occurred" else name, name)
        if name not in _CORRECTABLE or (value in (None, ()) and name not in _CLEAR_NAMES):
            removed.append(option)  # which plan a change names; sources taken away
        elif value is None or value == ():
            words.extend(("--clear", _CLEAR_NAMES[name]))
        elif name == "sources":
            assert isinstance(value, tuple)
            words.extend(_sources(value))
        elif isinstance(value, tuple):
            words.extend(w for item in value for w in (option, str(item)))
        else:
            words.extend((option, str(value)))
    cannot = (
        f"a correction cannot change {', '.join(removed)}: for that, retract "
        f"#{changed.seq} and record the fact again"
    )
    if len(words) == 4:
        return cannot
    advice = f"to apply the change: {shlex.join(words)}"
    if removed:
        advice += f" ({cannot})"
    return advice


# What a correction can change: the fields of every kind of fact, besides the date and sources.
_CORRECTABLE = {*CorrectFact.model_fields, "occurred", "sources"}
_CLEAR_NAMES = {field: option for option, field in CLEARABLE.items()}


def _sources(sources: Iterable[Source]) -> list[str]:
    words: list[str] = []
    for source in sources:
        words.extend(("--source", source.citation))
        if source.quote:
            words.extend(("--quote", source.quote))
        if source.note:
            words.extend(("--note", source.note))
        words.extend(("--confidence", str(source.confidence)))
    return words
