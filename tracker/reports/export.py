"""Export: every event, one per line (JSON Lines) or row (CSV), with its CAMEO code and the CAMEO
actor codes of its channel's parties (a country's alpha-3 code, an organisation's IGO code, or
null where CAMEO has none: tracker/domain/organisations.py).

Occurred dates are in EDTF form. JSON Lines nests the details and sources as JSON. CSV is for
spreadsheets: plain columns, no JSON in a cell. Each detail of any kind of event has a column of
its own (``title``, ``parties``, ``level``, ``leads``, ``window`` …: empty where an event has no
such detail), lists are joined with "; " (``USA; CHN``), leads and CAMEO actors written as
``USA=Gina Raimondo; CHN=Wang Wentao``; the sources are numbered columns
(``source_1_citation``, ``source_1_quote``, ``source_1_confidence``, ``source_1_note``,
``source_2_…``), as many as the event with the most sources needs. A list an amendment empties
(its topics taken away) is written "(none)", unlike a detail it leaves as it was (empty). (The
JSON Lines export keeps every value exactly, for scripts.) A CSV cell that a spreadsheet would
run as a formula (it begins with = + - @ or their full-width forms, after any blanks or line
breaks, or with a tab) is written with an apostrophe in front, which spreadsheets take as
"this is text"; only the CAMEO code column keeps its
fixed codes as they are ("---": no CAMEO event). Every line break in a cell is a line feed,
which csv quotes.
"""

from __future__ import annotations

import csv
import io
import tempfile
from collections.abc import Iterable, Iterator
from typing import Any

from tracker.application.queries import HistoryEntry
from tracker.domain.events import (
    EVENT_CLASSES,
    NOT_DETAILS,
    ChannelOpened,
    EventRetracted,
    Fact,
    Resumed,
    Suspended,
)
from tracker.domain.values import cameo_actor
from tracker.reports.jsontext import dumps
from tracker.reports.views import View, details_shown, history_view

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
# CSV: every detail of any kind of event, in the order the event classes declare them (an
# opening's slug is the channel column).
DETAILS = tuple(
    dict.fromkeys(
        name
        for cls in EVENT_CLASSES
        for name in cls.model_fields
        if name not in NOT_DETAILS and name != "slug"
    )
)
SOURCE_FIELDS = ("citation", "quote", "confidence", "note")
CSV_FIELDS = (
    *(n for n in FIELDS if n not in ("details", "sources", "retracted", "retracted_by")),
    *DETAILS,
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


# What a spreadsheet may run as a formula, the full-width forms too (some convert them).
FORMULA_STARTS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
# What may come before a formula's first character and still leave it one: blanks a
# spreadsheet trims or does not show (spaces of every width, zero-width ones, a BOM), tabs and
# line breaks.
_BLANK = " \t\n\xa0\u1680\u202f\u205f\u3000\u200b\u200c\u200d\u2060\ufeff" + "".join(
    map(chr, range(0x2000, 0x200B))
)
# Every character str.splitlines, and readers of its kind, ends a line at, but the line feed:
# csv quotes a cell holding a line feed or a carriage return, and nothing else of these, so a
# row written with one was split in two by such a reader, the rest of the cell a row of its own.
_LINE_BREAKS = str.maketrans(dict.fromkeys("\r\v\f\x1c\x1d\x1e\x85\u2028\u2029", "\n"))
# Columns of the tracker's own fixed codes, kept exactly: "---" is a retraction's CAMEO code.
OWN_CODES = frozenset({"cameo"})


def spreadsheet_cell(value: Any) -> Any:
    """A CSV cell a spreadsheet shows as text: one that would start a formula gets a ' first.

    Every line break is a line feed, which csv quotes: the cell stays one cell, whatever its
    later lines hold (a spreadsheet reads a formula only at the start of a cell; they are
    kept as written)."""
    if not isinstance(value, str):
        return value
    value = value.replace("\r\n", "\n").translate(_LINE_BREAKS)
    return "'" + value if _starts_formula(value) else value


def _starts_formula(text: str) -> bool:
    return text.startswith("\t") or text.lstrip(_BLANK).startswith(FORMULA_STARTS)


def source_columns(count: int) -> list[str]:
    """``source_1_citation`` … ``source_N_note``: the columns of ``count`` sources."""
    return [f"source_{n}_{field}" for n in range(1, count + 1) for field in SOURCE_FIELDS]


def plain(value: Any) -> Any:
    """A value as one plain cell: a list joined with "; ", a lead (or a mapping) as
    PARTY=VALUE, nothing as an empty cell."""
    if value is None:
        return ""
    if isinstance(value, dict):
        if set(value) == {"party", "name"}:
            return f"{value['party']}={value['name']}"
        return "; ".join(f"{k}={plain(v)}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return "; ".join(str(plain(v)) for v in value)
    return value


def csv_cells(row: View) -> list[Any]:
    """One export row as CSV cells: CSV_FIELDS, then its sources' numbered columns."""
    details = details_shown(row)
    cells = {
        **{n: row[n] for n in CSV_FIELDS if n in row},
        **{n: plain(details.get(n)) for n in DETAILS},
        "cameo_actors": plain(row["cameo_actors"]),
        "retracted": "true" if row["retracted"] else "false",
    }
    found = [cells[n] if n in OWN_CODES else spreadsheet_cell(cells[n]) for n in CSV_FIELDS]
    for source in row["sources"]:
        found.extend(spreadsheet_cell(plain(source.get(field))) for field in SOURCE_FIELDS)
    return found


SPOOLED_IN_MEMORY = 8 * 1024 * 1024  # bytes of rows kept in memory before they go to a file


def as_csv(rows: Iterable[View]) -> Iterator[str]:
    """The rows as CSV. The header names as many source columns as the event with the most
    sources needs, which is known only once every row is read: the rows wait in a temporary
    file (in memory while small), then come out padded to the header's width."""
    with tempfile.SpooledTemporaryFile(
        max_size=SPOOLED_IN_MEMORY, mode="w+", encoding="utf-8", newline=""
    ) as spool:
        writer = csv.writer(spool, lineterminator="\n")
        most = 0
        for row in rows:
            most = max(most, len(row["sources"]))
            writer.writerow(csv_cells(row))
        spool.seek(0)
        header = [*CSV_FIELDS, *source_columns(most)]
        buffer = io.StringIO()
        out = csv.writer(buffer, lineterminator="\n")
        out.writerow(header)
        for cells in csv.reader(spool):
            out.writerow(cells + [""] * (len(header) - len(cells)))
            if buffer.tell() >= CHUNK:
                yield buffer.getvalue()
                buffer.seek(0)
                buffer.truncate()
        yield buffer.getvalue()


CHUNK = 64 * 1024  # characters written at a time
