"""The projector's rows on their way to the read model's tables, written in batches.

Apart from the placing of facts (projector.py): rows are written many at once (COPY in
PostgreSQL, one executemany in SQLite), after each page of events the catch-up reads and
whenever the projector is about to read the tables or change rows already in them, so that it
always reads what it wrote.
"""

from __future__ import annotations

from typing import Any

from tracker.store.readmodel.cursor import ReadModelCursor


class RowWriter:
    """Rows of spans, meetings, cadences, plans and profiles, and versions of channels' rows,
    not yet written through the cursor: the projector appends to each table's list."""

    def __init__(self, cursor: ReadModelCursor) -> None:
        self.cursor = cursor
        self.spans: list[tuple[Any, ...]] = []
        self.meetings: list[tuple[Any, ...]] = []
        self.cadences: list[tuple[Any, ...]] = []
        self.plans: list[tuple[Any, ...]] = []
        self.profiles: list[tuple[Any, ...]] = []
        self.versions: list[tuple[Any, ...]] = []  # rows of rm_channels no longer current

    def flush(self) -> None:
        for table, rows in (
            ("rm_spans", self.spans),
            ("rm_meetings", self.meetings),
            ("rm_cadences", self.cadences),
            ("rm_plans", self.plans),
            ("rm_profiles", self.profiles),
            ("rm_channels", self.versions),
        ):
            self.cursor.insert(table, rows)
            rows.clear()
