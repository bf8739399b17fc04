"""Export: every event, one per line (JSON Lines) or row (CSV), with its CAMEO code and the CAMEO
actor codes of its channel's parties (a country's alpha-3 code, an organisation's IGO code, or
null where CAMEO has none: tracker/domain/organisations.py).

Occurred dates are in EDTF form; details and sources are nested JSON in JSON Lines and JSON
text in CSV, so a spreadsheet opens the file and a script can still parse the cells. A CSV
cell that a spreadsheet would run as a formula (it begins with = + - @, a tab or a carriage
return) is written with an apostrophe in front, which spreadsheets take as "this is text";
only the CAMEO code column keeps its fixed codes as they are ("---": no CAMEO event).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator
from typing import Any

from tracker.application.queries import HistoryEntry
from tracker.domain.events import ChannelOpened, EventRetracted, Fact, Resumed, Suspended
from tracker.domain.values import cameo_actor
from tracker.reports.jsontext import dumps
from tracker.reports.views import View, history_view

FORMATS = ("jsonl", "csv", "seed")
FIELDS = (
    "channel",
    "seq",
    "kind",
    "event",
    "occurred",
    "precision",
    "recorded",
    "cameo",
    "cameo_label",
    "cameo_actors",
    "details",
    "sources",
    "retracted",
    "retracted_by",
)


def export_rows(slug: str, entries: Iterable[HistoryEntry]) -> Iterator[View]:
    actors: dict[str, str | None] = {}
    for entry in entries:
        if isinstance(entry.event, ChannelOpened):
            actors = {party: cameo_actor(party) for party in entry.event.parties}
        view = history_view(entry)
        yield {
            "channel": slug,
            "seq": view["seq"],
            "kind": view["kind"],
            "event": view["event"],
            "occurred": view["occurred"],
            "precision": view["precision"],
            "recorded": view["recorded"],
            "cameo": view["cameo"],
            "cameo_label": type(entry.event).CAMEO_LABEL,
            "cameo_actors": actors,
            "details": view["details"],
            "sources": view["sources"],
            "retracted": view["retracted"],
            "retracted_by": view["retraction"]["seq"] if view["retraction"] else None,
        }


# What an event holds that its seed entry does not: the store's own bookkeeping, and what the
# entry gives in its own form (the date as "on", the sources as tables).
NOT_IN_ENTRIES = {
    "originator_id", "originator_version", "recorded", "occurred", "sources", "entry_id",
    "corrects",
}  # fmt: skip


def seed_entries(slug: str, entries: Iterable[HistoryEntry]) -> Iterator[View]:
    """Each event as the seed entry that records it again: ``tracker import`` of the entries of
    every channel, in this order, into an empty store gives the same channels, events and
    answers (record times aside). A retraction names the event it retracts by its number,
    which the import gives again."""
    entries = list(entries)
    # A correction is one entry: its copy's, as a correct entry (its retraction comes with it).
    corrections = {
        e.event.corrects: e.event.seq
        for e in entries
        if isinstance(e.event, Fact) and e.event.corrects is not None
    }
    retractions = {e.event.seq: e.event for e in entries if isinstance(e.event, EventRetracted)}
    for entry in entries:
        event = entry.event
        if isinstance(event, EventRetracted):
            if corrections.get(event.retracted_seq) == event.seq - 1:
                continue  # recorded by the correct entry of the copy just before it
            yield {
                "command": "retract",
                "slug": slug,
                "seq": event.retracted_seq,
                "reason": event.reason,
            } | ({"id": event.entry_id} if event.entry_id else {})
            continue
        assert isinstance(event, Fact)
        yield _fact_entry(slug, event, retractions.get(event.seq + 1))


def _fact_entry(slug: str, event: Fact, next_event: EventRetracted | None) -> View:
    """The entry that records a fact: its own command, or a correction of the fact it corrects."""
    fields = event.model_dump(mode="json", exclude=NOT_IN_ENTRIES, exclude_none=True)
    found: View = {"command": event.COMMAND}
    if event.corrects is not None:
        found = {"command": "correct", "seq": event.corrects}
        fields.pop("plan_seq", None)  # the copy's plan is the original's
        paired = next_event if next_event and next_event.retracted_seq == event.corrects else None
        if paired is not None:
            found["why"] = paired.reason
        entry_id = paired.entry_id if paired else None
    else:
        entry_id = event.entry_id
    found |= (
        {"slugs": [slug]}
        if isinstance(event, Suspended | Resumed) and "seq" not in found
        else {"slug": slug}
    )
    if entry_id:
        found["id"] = entry_id
    found["on"] = str(event.occurred)
    for name, value in fields.items():
        given = value
        if name == "leads":
            given = [f"{lead['party']}={lead['name']}" for lead in value]
        if given != []:
            found["seq" if name == "plan_seq" else name] = given
    if event.sources:
        found["sources"] = [s.model_dump(mode="json", exclude_none=True) for s in event.sources]
    return found


def as_jsonl(rows: Iterable[View]) -> Iterator[str]:
    for row in rows:
        yield dumps(row) + "\n"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Columns of the tracker's own fixed codes, kept exactly: "---" is a retraction's CAMEO code.
OWN_CODES = frozenset({"cameo"})


def spreadsheet_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: one that would start a formula gets a ' first."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def as_csv(rows: Iterable[View]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        cells = {
            **row,
            "cameo_actors": dumps(row["cameo_actors"]),
            "details": dumps(row["details"]),
            "sources": dumps(row["sources"]),
            "retracted": "true" if row["retracted"] else "false",
        }
        writer.writerow({n: v if n in OWN_CODES else spreadsheet_cell(v) for n, v in cells.items()})
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
