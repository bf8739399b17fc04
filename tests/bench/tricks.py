"""What each speed trick of the tracker buys: the same work timed with the trick and without it,
in one process, in the same `make bench` run. The page lists each trick with its figure; a
trick whose figure is small should go (issue [2/5]: keep a trick only where the bench shows
what it buys).

A trick is switched off by putting the plain code in its place for the measurement only (the
tracker itself has no switch for it).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from tests.bench.data import write_jsonl
from tests.bench.timing import median_time


@dataclass(frozen=True)
class Figure:
    """One trick, the work it speeds up, and the seconds of that work with and without it."""

    trick: str
    where: str
    work: str
    with_trick: float
    without: float

    @property
    def gain(self) -> float:
        """How much longer the work takes without the trick (0.25: 25% longer)."""
        return self.without / self.with_trick - 1


@contextlib.contextmanager
def replaced(owner: Any, name: str, value: Any) -> Iterator[None]:
    """``owner.name`` is ``value`` inside the block."""
    before = owner.__dict__[name] if isinstance(owner, type) else getattr(owner, name)
    setattr(owner, name, value)
    try:
        yield
    finally:
        setattr(owner, name, before)


def best_of(action: Callable[[], Any], runs: int) -> float:
    """The median of ``runs`` timings of ``action`` (after one warm-up)."""
    action()
    return median_time(action, runs)


def stored_dates(n: int) -> list[str]:
    """Dates as stored events repeat them: a few thousand distinct exact days, some months, and
    some windows of exact days (as plans are agreed)."""
    rng = random.Random(7)
    start = dt.date(1990, 1, 1)
    days = [start + dt.timedelta(days=rng.randrange(4000)) for _ in range(n)]
    return [
        d.isoformat()[:7]
        if i % 10 == 0
        else f"{d}/{d + dt.timedelta(days=90)}"
        if i % 10 == 5
        else d.isoformat()
        for i, d in enumerate(days)
    ]


def dates_figures(runs: int, n: int) -> list[Figure]:
    from tracker.domain import dates
    from tracker.domain.dates import FuzzyDate

    texts = stored_dates(n)

    def parse_all() -> None:
        # As a new process starts: each distinct date parsed once (if cached at all).
        getattr(dates._parse, "cache_clear", lambda: None)()
        for text in texts:
            dates._parse(text)

    both = best_of(parse_all, runs)
    # Without the quick way, for exact days and for windows of them (made of two).
    with replaced(FuzzyDate, "_exact_day", staticmethod(lambda _text: None)):
        general = best_of(parse_all, runs)
    with replaced(dates, "_parse", dates._parse.__wrapped__):
        uncached = best_of(parse_all, runs)
    work = f"reading {n:,} stored dates (a few thousand distinct days) in a new process"
    return [
        Figure(
            "exact days and windows of them built without the general date parser",
            "domain/dates.py `FuzzyDate._exact_day`, `_exact_window`",
            work,
            both,
            general,
        ),
        Figure("parsed dates cached", "domain/dates.py `_parse`", work, both, uncached),
    ]


def import_figure(folder: Path, runs: int, channels: int) -> Figure:
    from tracker.application import importing, open_tracker

    path = folder / "tricks.jsonl"
    events = write_jsonl(path, channels, 100)
    counter = iter(range(10**6))

    def import_once() -> None:
        app = open_tracker(str(folder / f"tricks-{next(counter)}.db"), write=True)
        try:
            app.import_file(path)
        finally:
            app.close()

    with_trick = best_of(import_once, runs)
    with replaced(importing, "fewer_collections", contextlib.nullcontext):
        without = best_of(import_once, runs)
    return Figure(
        "fewer garbage collections during an import",
        "application/garbage.py `fewer_collections`, in an import",
        f"importing {events:,} events into a new SQLite store, in-process",
        with_trick,
        without,
    )


def plain_digests(records: list[Any], key: bytes | None) -> list[str]:
    """The ledger's digests one entry at a time, each written out as the format defines it."""
    import hashlib
    import hmac

    digests: list[str] = []
    previous = b""
    for position, (originator_id, version, topic, state) in enumerate(records, start=1):
        message = b"".join(
            (
                b"tracker ledger 1\n",
                previous,
                position.to_bytes(8, "big"),
                originator_id.bytes,
                version.to_bytes(8, "big", signed=True),
                hashlib.sha256(topic.encode("utf-8", "surrogatepass")).digest(),
                hashlib.sha256(state).digest(),
            )
        )
        text = (
            hashlib.sha256(message).hexdigest()
            if key is None
            else hmac.new(key, message, hashlib.sha256).hexdigest()
        )
        previous = bytes.fromhex(text)
        digests.append(text)
    return digests


def ledger_figure(runs: int, n: int) -> Figure:
    import uuid

    from tracker.store.ledger_digest import chain_digests

    rng = random.Random(7)
    ids = [uuid.UUID(int=rng.getrandbits(128)) for _ in range(max(1, n // 100))]
    records = [
        (ids[i // 100], i % 100 + 1, "tracker.events:MeetingHeld", rng.randbytes(300))
        for i in range(n)
    ]
    with_trick = best_of(lambda: list(chain_digests(None, 0, records, None)), runs)
    without = best_of(lambda: plain_digests(records, None), runs)
    return Figure(
        "ledger digests of a batch in one loop, each topic hashed once",
        "store/ledger_digest.py `chain_digests`",
        f"the ledger digests of {n:,} imported events (SHA-256), in-process",
        with_trick,
        without,
    )


# Runs `tracker status --json` of every channel on the store argv[1], to a pipe (compact), as
# the console script does, and prints on stderr the moment its atexit functions run (after the
# command, before the interpreter's last collections); with argv[2] == "plain", the objects
# alive as it ends are not frozen.
STATUS_PROCESS = """
import atexit, gc, os, sys, time
if sys.argv[2] == "plain":
    gc.freeze = lambda: None
atexit.register(lambda: print(time.time(), file=sys.stderr))
os.environ["TRACKER_DB"] = sys.argv[1]
sys.argv = ["tracker", "status", "--json", "--as-of", "2030-01-01"]
from tracker.cli import main
main()
"""


def process_ends(db: str, runs: int) -> tuple[float, float]:
    """Seconds from the end of the dashboard's command to the end of its process, with the
    objects alive then frozen and without (in turn, so that a slower moment of a shared machine
    weighs on both)."""
    times: dict[str, list[float]] = {"frozen": [], "plain": []}
    for _ in range(runs):
        for key, taken in times.items():
            done = subprocess.run(
                [sys.executable, "-c", STATUS_PROCESS, db, key],
                capture_output=True,
                text=True,
                check=True,
            )
            taken.append(time.time() - float(done.stderr.split()[-1]))
    return statistics.median(times["frozen"]), statistics.median(times["plain"])


def wrapped_lines(column: Any, cell: Any, width: int) -> list[str]:
    """reports/fitting.py `_lines` without its short cut: every segment through textwrap."""
    import textwrap

    joined = column.joiner.join(cell)
    if len(joined) <= width:
        return [joined] if joined else [""]
    lines: list[str] = []
    for segment in cell:
        lines.extend(
            textwrap.wrap(segment, width, break_long_words=False, break_on_hyphens=False) or [""]
        )
    return lines


def rich_coloured(views: Any, width: int) -> str:
    """reports/dashboard.py `coloured` as rich writes it (as the tracker did before it wrote
    its own codes): a rich Text with the first line bold and each status and OVERDUE
    highlighted, printed to a terminal of ``width`` columns, lines kept whole."""
    import io

    from rich.console import Console
    from rich.text import Text

    from tracker.reports.dashboard import lines

    styles = {
        "active": "green",
        "agreed": "cyan",
        "proposed": "dim",
        "suspended": "red",
        "concluded": "bright_black",
    }
    text = Text("\n".join(lines(views, width)), no_wrap=True, overflow="ignore")
    text.stylize("bold", 0, text.plain.find("\n") if "\n" in text.plain else None)
    for status, style in styles.items():
        text.highlight_words([f"{status} since"], style=style)
    text.highlight_words(["OVERDUE"], style="bold red")
    out = io.StringIO()
    console = Console(file=out, force_terminal=True, color_system="truecolor", width=width)
    console.print(text, soft_wrap=True)
    return out.getvalue()


def cells_one_by_one(rows: Any) -> Any:
    """reports/text.py `printable_cells` without its short cut: every segment escaped."""
    from tracker.reports.escaping import printable

    return [[[printable(s) for s in cell] for cell in row] for row in rows]


def dashboard_figures(folder: Path, runs: int, channels: int) -> list[Figure]:
    from tracker.application import garbage, open_tracker, readings
    from tracker.domain import state
    from tracker.reports import dashboard, fitting, jsontext

    path = folder / "dashboard.jsonl"
    write_jsonl(path, channels, 20)
    db = str(folder / "dashboard.db")
    app = open_tracker(db, write=True)
    day = dt.date(2030, 1, 1)

    def written() -> None:
        # As `tracker status --json` builds and writes it (to a pipe: compact).
        with garbage.fewer_collections(None):
            jsontext.compact(app.dashboard(as_of=day))

    def plain_made(cls: Any, fields: dict[str, Any]) -> Any:
        return cls(**fields)

    try:
        app.import_file(path)
        app.catch_up()
        with_trick = best_of(lambda: app.summaries(as_of=day), runs)
        leads, texts = readings._leads.__wrapped__, readings._texts.__wrapped__
        with replaced(readings, "_leads", leads), replaced(readings, "_texts", texts):
            without = best_of(lambda: app.summaries(as_of=day), runs)
        with replaced(readings, "made", plain_made), replaced(state, "made", plain_made):
            initialised = best_of(lambda: app.summaries(as_of=day), runs)
        with replaced(readings, "orjson", SimpleNamespace(loads=json.loads)):
            json_read = best_of(lambda: app.summaries(as_of=day), runs)
        # Timed again after the others: a slow moment of a shared machine at the first timing
        # would otherwise make every trick above look like a loss.
        with_trick = min(with_trick, best_of(lambda: app.summaries(as_of=day), runs))
        with_both = best_of(written, runs)
        with replaced(garbage, "fewer_collections", contextlib.nullcontext):
            collected = best_of(written, runs)
        views = app.dashboard(as_of=day)
        by_orjson = best_of(lambda: jsontext.compact(views), runs)
        by_json = best_of(lambda: jsontext.dumps(views, separators=(",", ":")), runs)
        as_text = best_of(lambda: dashboard.plain(views), runs)
        with replaced(fitting, "_lines", wrapped_lines):
            text_wrapped = best_of(lambda: dashboard.plain(views), runs)
        with replaced(dashboard, "printable_cells", cells_one_by_one):
            text_searched = best_of(lambda: dashboard.plain(views), runs)
        in_colour = best_of(lambda: dashboard.coloured(views, 120), runs)
        by_rich = best_of(lambda: rich_coloured(views, 120), runs)
        frozen, unfrozen = process_ends(db, runs)
    finally:
        app.close()
    work = (
        f"the summaries of {channels:,} channels from the read model (report, overdue, "
        "calendar, and each version of a channel's view as the read model is caught up), "
        "in-process"
    )
    text_work = f"the dashboard of {channels:,} channels as text (120 columns), in-process"
    written_work = f"the dashboard of {channels:,} channels built and written as JSON, in-process"
    return [
        Figure(
            "stored lists of leads, parties and topics read once",
            "application/readings.py `_leads`, `_texts`",
            work,
            with_trick,
            without,
        ),
        Figure(
            "summaries, cadences and plans made without the frozen dataclasses' `__init__`",
            "domain/state.py `made`",
            work,
            with_trick,
            initialised,
        ),
        Figure(
            "the rows' JSON (cadences and plans shown, titles) read by orjson",
            "application/readings.py `orjson.loads`",
            work,
            with_trick,
            json_read,
        ),
        Figure(
            "no garbage collection while the dashboard is built and written",
            "application/garbage.py `fewer_collections`, in the dashboard",
            written_work,
            with_both,
            collected,
        ),
        Figure(
            "JSON for programs written by orjson",
            "reports/jsontext.py `compact`",
            f"the dashboard of {channels:,} channels as compact JSON, in-process",
            by_orjson,
            by_json,
        ),
        Figure(
            "a segment that fits its column not run through textwrap",
            "reports/fitting.py `_lines`",
            text_work,
            as_text,
            text_wrapped,
        ),
        Figure(
            "a table's texts searched for controls at once",
            "reports/text.py `printable_cells`",
            text_work,
            as_text,
            text_searched,
        ),
        Figure(
            "the dashboard's colours written as SGR codes, not by rich",
            "reports/dashboard.py `coloured`",
            f"the dashboard of {channels:,} channels in colour, for a terminal (120 columns), "
            "in-process",
            in_colour,
            by_rich,
        ),
        Figure(
            "the objects alive as a command ends frozen",
            "cli/__init__.py `main`",
            f"the end of a process, after `tracker status --json` of {channels:,} channels",
            frozen,
            unfrozen,
        ),
    ]


def catch_up_figures(folder: Path, runs: int, channels: int) -> list[Figure]:
    from tracker.application import open_tracker
    from tracker.domain import lifecycle

    path = folder / "catch-up.jsonl"
    events = write_jsonl(path, channels, 100)
    app = open_tracker(str(folder / "catch-up.db"), write=True)
    try:
        app.import_file(path)
        rebuild = app.rebuild_read_model
        with_tricks = best_of(rebuild, runs)
        plain_step = lifecycle.step_by_value.__wrapped__
        with replaced(lifecycle, "step_by_value", plain_step):
            stepped = best_of(rebuild, runs)
    finally:
        app.close()
    work = f"the read-model catch-up of {events:,} events (a rebuild), in-process"
    return [
        Figure(
            "the lifecycle's step answered once per kind and pair of statuses",
            "domain/lifecycle.py `step_by_value`",
            work,
            with_tricks,
            stepped,
        ),
    ]


def country_table_figure(runs: int) -> Figure:
    """The start-up cost of the country codes: the tracker's table against pycountry's."""

    def new_process(code: str) -> float:
        times = []
        for _ in range(runs):
            done = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            )
            times.append(float(done.stdout))
        return statistics.median(times)

    # The tracker's modules are loaded first in both: only the codes' own cost is timed.
    timed = (
        "from tracker.domain.values import party_code; import time; "
        "start = time.perf_counter(); {}; print(time.perf_counter() - start)"
    )
    table = new_process(timed.format("party_code('us')"))
    library = new_process(timed.format("import pycountry; pycountry.countries.get(alpha_2='US')"))
    return Figure(
        "ISO 3166-1 codes from a table instead of pycountry",
        "domain/values.py `_ISO_3166_1`",
        "a new process's first country code (what every recording command pays)",
        table,
        library,
    )


# Builds commands of the tracker as a start of it does, and prints the seconds taken: their
# modules of tracker.cli are imported (the modules every command module shares are loaded
# first), and typer turns the commands into click commands. The commands named after the
# script, or all 19.
BUILD_COMMANDS = """
import sys, time
import typer, typer.main
import tracker.cli.context, tracker.cli.options
from tracker.cli.app import COMMANDS, app
names = sys.argv[1:] or list(COMMANDS)
root = typer.main.get_command(app)
ctx = typer.Context(root)
start = time.perf_counter()
for name in names:
    root.get_command(ctx, name)
print(time.perf_counter() - start)
"""


def command_building_figure(runs: int) -> Figure:
    """What `tracker meet` pays to build its command: only its own, and only its own module
    imported, against every command and every module (in turn, so that a slower moment of a
    shared machine weighs on both alike)."""
    times: dict[str, list[float]] = {"meet": [], "all": []}
    for _ in range(runs):
        for key, names in (("meet", ["meet"]), ("all", [])):
            done = subprocess.run(
                [sys.executable, "-c", BUILD_COMMANDS, *names],
                capture_output=True,
                text=True,
                check=True,
            )
            times[key].append(float(done.stdout))
    return Figure(
        "commands built when called",
        "cli/app.py `TrackerGroup.get_command`",
        "a new process's click command of `tracker meet`, its module imported (what every "
        "start pays)",
        statistics.median(times["meet"]),
        statistics.median(times["all"]),
    )


def measure(scale: float = 1.0, runs: int = 5) -> list[Figure]:
    """Every trick's figure; ``scale`` shrinks the work (1: the sizes of the page)."""
    with tempfile.TemporaryDirectory(prefix="tracker-tricks-") as name:
        folder = Path(name)
        return [
            *dates_figures(runs, max(1_000, int(50_000 * scale))),
            import_figure(folder, 3, max(10, int(200 * scale))),
            ledger_figure(runs, max(10_000, int(100_000 * scale))),
            *dashboard_figures(folder, runs, max(20, int(2_000 * scale))),
            *catch_up_figures(folder, 3, max(10, int(500 * scale))),
            country_table_figure(runs),
            command_building_figure(runs),
        ]


def section(figures: list[Figure]) -> list[str]:
    lines = [
        "## What each speed trick buys",
        "",
        "Each trick of the tracker, and the work it speeds up timed with it and with the plain "
        "code in its place (in-process, medians, this run).",
        "",
        "| trick | where | work | with it | without | the work takes without it |",
        "|---|---|---|---:|---:|---:|",
    ]
    for f in figures:
        lines.append(
            f"| {f.trick} | {f.where} | {f.work} | {f.with_trick * 1000:,.3f} ms "
            f"| {f.without * 1000:,.3f} ms | {f.gain:+.0%} |"
        )
    return [*lines, ""]


if __name__ == "__main__":
    print("\n".join(section(measure())))
