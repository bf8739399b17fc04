"""The projector's rows on their way to the read model's tables, written in batches.

Apart from the placing of facts (projector.py): rows are written many at once (COPY in
PostgreSQL, one executemany in SQLite), every FLUSH_EVERY rows and whenever the projector is
about to read the tables or change rows already in them, so that it always reads what it wrote.
"""

from __future__ import annotations

from typing import Any

from tracker.store.readmodel.cursor import ReadModelCursor

FLUSH_EVERY = 20_000
ROW_TABLES = ("spans", "meetings", "cadences", "plans")


class RowWriter:
    """Rows of spans, meetings, cadences and plans, and versions of channels' rows, not yet
    written through the cursor."""

    def __init__(self, cursor: ReadModelCursor) -> None:
        self.cursor = cursor
        self.rows: dict[str, list[tuple[Any, ...]]] = {table: [] for table in ROW_TABLES}
        self.versions: list[tuple[Any, ...]] = []  # rows of rm_channels no longer current
        self.pending = 0

    def add(self, table: str, values: tuple[Any, ...]) -> None:
        self.rows[table].append(values)
        self.pending += 1
        if self.pending >= FLUSH_EVERY:
            self.flush()

    def flush(self) -> None:
        for table, rows in self.rows.items():
            self.cursor.insert(f"rm_{table}", rows)
            rows.clear()
        self.cursor.insert("rm_channels", self.versions)
        self.versions.clear()
        self.pending = 0
