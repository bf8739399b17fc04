"""Export: every event, one per line (JSON Lines) or row (CSV), with its CAMEO code.

Occurred dates are in EDTF form; details and sources are nested JSON in JSON Lines and JSON
text in CSV, so a spreadsheet opens the file and a script can still parse the cells.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator

from tracker.application.tracker import HistoryEntry
from tracker.reports.views import View, history_view

FORMATS = ("jsonl", "csv")
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
    "details",
    "sources",
    "retracted",
    "retracted_by",
)


def export_rows(slug: str, entries: Iterable[HistoryEntry]) -> Iterator[View]:
    for entry in entries:
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
            "details": view["details"],
            "sources": view["sources"],
            "retracted": view["retracted"],
            "retracted_by": view["retraction"]["seq"] if view["retraction"] else None,
        }


def as_jsonl(rows: Iterable[View]) -> Iterator[str]:
    for row in rows:
        yield json.dumps(row, ensure_ascii=False) + "\n"


def as_csv(rows: Iterable[View]) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=FIELDS, lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow(
            {
                **row,
                "details": json.dumps(row["details"], ensure_ascii=False),
                "sources": json.dumps(row["sources"], ensure_ascii=False),
                "retracted": "true" if row["retracted"] else "false",
            }
        )
        yield buffer.getvalue()
        buffer.seek(0)
        buffer.truncate()
    yield buffer.getvalue()
