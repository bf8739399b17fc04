"""Read what the reading commands wrote: the report (Markdown, HTML, JSON) and the export.

The steps ask questions of a document ("the summary row of this channel", "the events table of
that channel") without caring which format it came in; these helpers find the answer in each.
"""

from __future__ import annotations

import csv
import html
import io
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from tests.features.helpers import Outcome

REPORT_FORMATS = {"Markdown": "md", "HTML": "html", "JSON": "json"}
EXPORT_FORMATS = {"JSON Lines": "jsonl", "CSV": "csv", "seed entries": "seed"}


def option(args: tuple[str, ...], *names: str) -> str | None:
    """The value given to an option of the command, if any."""
    for name in names:
        if name in args:
            return args[args.index(name) + 1]
    return None


def output_of(outcome: Outcome) -> str:
    """What the command wrote: the file named by -o, or else (no -o, or -o -) standard
    output."""
    assert outcome.result.exit_code == 0, outcome.result.output
    path = option(outcome.args, "-o", "--output")
    if path is None or path == "-":
        return outcome.result.stdout
    return Path(path).read_text(encoding="utf-8")


def naming(slug: str, text: str) -> bool:
    """Whether the text names the channel (not merely a longer slug that starts alike)."""
    return re.search(rf"(?<![\w-]){re.escape(slug)}(?![\w-])", text) is not None


def plain(text: str) -> str:
    """Markdown or HTML as the reader sees it: no tags, entities, emphasis or code marks."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text))
    text = text.replace("**", "").replace("`", "")
    return " ".join(text.split())


# --- tables in Markdown and HTML -----------------------------------------------------------------


@dataclass
class Row:
    cells: list[str]
    css: str = ""

    @property
    def text(self) -> str:
        return " | ".join(self.cells)


@dataclass
class Table:
    css: str = ""
    rows: list[Row] = field(default_factory=list)

    @property
    def header(self) -> list[str]:
        return self.rows[0].cells if self.rows else []

    @property
    def body(self) -> list[Row]:
        return self.rows[1:]

    def column(self, row: Row, name: str) -> str:
        lowered = [h.casefold() for h in self.header]
        return row.cells[lowered.index(name.casefold())]


class _HtmlTables(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tables: list[Table] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        css = dict(attrs).get("class") or ""
        if tag == "table":
            self.tables.append(Table(css))
        elif tag == "tr" and self.tables:
            self.tables[-1].rows.append(Row([], css))
        elif tag in ("td", "th") and self.tables and self.tables[-1].rows:
            self._cell = []
        elif tag == "br" and self._cell is not None:
            self._cell.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.tables[-1].rows[-1].cells.append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_tables(text: str) -> list[Table]:
    parser = _HtmlTables()
    parser.feed(text)
    return parser.tables


def markdown_tables(text: str) -> list[Table]:
    tables: list[Table] = []
    in_table = False
    for line in text.splitlines():
        if not line.startswith("|"):
            in_table = False
            continue
        cells = [c.strip().replace("\\|", "|") for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
        if all(re.fullmatch(r":?-+:?", c) for c in cells):
            continue  # the line under the header
        if not in_table:
            tables.append(Table())
            in_table = True
        tables[-1].rows.append(Row([plain(c) for c in cells]))
    return tables


# --- the report ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Report:
    """A report as written, in its format."""

    format: str
    text: str

    @classmethod
    def of(cls, outcome: Outcome) -> Report:
        return cls(option(outcome.args, "--format", "-f") or "md", output_of(outcome))

    @property
    def data(self) -> dict[str, Any]:
        assert self.format == "json", "only the JSON report is data"
        data: dict[str, Any] = json.loads(self.text)
        return data

    def channels(self) -> list[str]:
        """The channels the JSON report covers."""
        return [c["channel"] for c in self.data["channels"]]

    def channel(self, slug: str) -> dict[str, Any]:
        found = [c for c in self.data["channels"] if c["channel"] == slug]
        assert len(found) == 1, f"{slug} is not in the report once: {self.channels()}"
        return found[0]

    def names(self, slug: str) -> bool:
        if self.format == "json":
            return slug in self.channels()
        return naming(slug, self.text)

    def section(self, slug: str) -> str:
        """The part of a Markdown or HTML report about one channel."""
        if self.format == "html":
            found = re.search(
                rf'<section class="channel" id="{re.escape(slug)}">(.*?)</section>', self.text, re.S
            )
            assert found, f"no section on {slug} in the report"
            return found.group(1)
        for part in re.split(r"^## ", self.text, flags=re.M)[1:]:
            lines = [line for line in part.splitlines()[1:] if line.strip()]
            if lines and lines[0].startswith(f"`{slug}`"):
                return part
        raise AssertionError(f"no section on {slug} in the report:\n{self.text}")

    def tables(self, text: str | None = None) -> list[Table]:
        text = self.text if text is None else text
        return html_tables(text) if self.format == "html" else markdown_tables(text)

    def _part_table(self, heading: str, css: str) -> Table:
        """The table of one part of the report ("## Summary" in Markdown, class="summary")."""
        if self.format == "html":
            tables = [t for t in html_tables(self.text) if t.css == css]
        else:
            parts = re.split(r"^## ", self.text, flags=re.M)
            tables = [markdown_tables(p)[0] for p in parts if p.startswith(heading + "\n")]
        assert len(tables) == 1, f"the report has {len(tables)} {heading} tables"
        return tables[0]

    def summary(self, slug: str, column: str) -> str:
        """One cell of the channel's row in the summary table, as the reader sees it."""
        if self.format == "json":
            channel = self.channel(slug)
            values = {
                "status": f"{channel['status']} since {channel['status_since']}",
                "last meeting": channel["last_meeting"] or "—",
            }
            return values[column]
        table = self._part_table("Summary", "summary")
        rows = [r for r in table.body if naming(slug, r.cells[0])]
        assert len(rows) == 1, f"{slug} has {len(rows)} rows in the summary"
        return table.column(rows[0], column)

    def overdue_list(self) -> list[tuple[str, str, int]]:
        """(channel or title, due, days late) of each overdue item, in the report's order."""
        if self.format == "json":
            return [(i["channel"], i["due"], i["days_late"]) for i in self.data["overdue"]]
        table = self._part_table("Overdue", "overdue-list")
        return [
            (
                table.column(r, "Channel"),
                table.column(r, "Due"),
                int(table.column(r, "Days late")),
            )
            for r in table.body
        ]

    def event(self, slug: str, seq: int) -> Row:
        """The row of one event in the channel's timeline of events."""
        section = self.section(slug)
        if self.format == "html":
            tables = [t for t in html_tables(section) if t.css == "events"]
        else:
            tables = [t for t in markdown_tables(section) if t.header[:1] == ["#"]]
        assert len(tables) == 1, f"no table of events in the part on {slug}"
        table = tables[0]
        rows = [r for r in table.body if r.cells[0] == str(seq)]
        assert len(rows) == 1, f"event #{seq} has {len(rows)} rows in the events of {slug}"
        return rows[0]

    def history(self, slug: str, seq: int) -> dict[str, Any]:
        entries = [e for e in self.channel(slug)["history"] if e["seq"] == seq]
        assert len(entries) == 1, f"event #{seq} is not in the history of {slug} once"
        entry: dict[str, Any] = entries[0]
        return entry


# --- the export ----------------------------------------------------------------------------------


def exported(outcome: Outcome) -> list[dict[str, Any]]:
    """Every exported event, the same shape whether it came as JSON Lines or CSV."""
    text = output_of(outcome)
    if (option(outcome.args, "--format", "-f") or "jsonl") == "jsonl":
        return [json.loads(line) for line in text.splitlines() if line.strip()]
    from tracker.reports.export import DETAILS, SOURCE_FIELDS

    rows = []
    for row in csv.DictReader(io.StringIO(text)):
        sources = []
        for n in range(1, len(row)):
            source = {f: row.get(f"source_{n}_{f}") for f in SOURCE_FIELDS}
            if not source["citation"]:
                break
            sources.append({f: v for f, v in source.items() if v})
        rows.append(
            {
                **row,
                "seq": int(row["seq"]),
                "occurred": row["occurred"] or None,
                # The details as plain text, each in its own column: those the event has.
                "details": {name: row[name] for name in DETAILS if row[name]},
                "sources": sources,
                # PARTY=CODE; …, an empty code where CAMEO has none.
                "cameo_actors": {
                    party: code or None
                    for party, _, code in (
                        pair.partition("=") for pair in row["cameo_actors"].split("; ") if pair
                    )
                },
                "retracted": {"true": True, "false": False}[row["retracted"]],
                "retracted_by": int(row["retracted_by"]) if row["retracted_by"] else None,
            }
        )
    return rows


def csv_rows(outcome: Outcome) -> list[dict[str, str]]:
    """The rows of a CSV export, cell by cell, as a spreadsheet reads them."""
    return list(csv.DictReader(io.StringIO(output_of(outcome))))


def exported_event(outcome: Outcome, slug: str, seq: int) -> dict[str, Any]:
    found = [e for e in exported(outcome) if (e["channel"], e["seq"]) == (slug, seq)]
    assert len(found) == 1, f"event #{seq} of {slug} is exported {len(found)} times"
    return found[0]


def sequence_numbers(text: str) -> list[int]:
    """The numbers of '#1 to #4, #6 and #9'."""
    numbers: list[int] = []
    for part in re.split(r",\s*|\s+and\s+", text.strip()):
        span = re.fullmatch(r"#(\d+)(?: to #(\d+))?", part.strip())
        assert span, f"not a list of event numbers: {text!r}"
        first, last = int(span[1]), int(span[2] or span[1])
        numbers.extend(range(first, last + 1))
    return numbers
