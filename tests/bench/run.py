"""make bench: measure the tracker against baselines measured in the same run.

Writes docs/benchmarks.md. Every figure is a median of several runs; every speed is also given
as a ratio to a raw baseline (plain inserts through the same driver, or plain imports of the
same libraries) measured on this machine in the same run, so the ratios mean something on any
machine. Benchmarks are not tests: nothing here fails a build.

    python -m tests.bench.run [--scale 0.1] [--no-postgres] [--output docs/benchmarks.md]
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import platform
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from tests.bench import floors
from tests.bench.data import write_jsonl
from tests.bench.timing import median_time
from tests.bench.tricks import Figure, section
from tests.bench.tricks import measure as measure_tricks

ROOT = Path(__file__).resolve().parents[2]
TRACKER = str(Path(sys.executable).with_name("tracker"))
PG_ADMIN = os.environ.get("TRACKER_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/test")
STATE = os.urandom(200).hex().encode()  # a stored state of a typical size (~400 bytes)
TOPIC = "tracker.events:MeetingHeld"


# --- stores ---------------------------------------------------------------------------------


@contextlib.contextmanager
def fresh_store(kind: str, folder: Path) -> Iterator[str]:
    if kind == "sqlite":
        path = folder / f"{uuid.uuid4().hex}.db"
        yield str(path)
        for extra in path.parent.glob(path.name + "*"):
            extra.unlink()
        return
    import psycopg

    name = "bench_" + uuid.uuid4().hex[:10]
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield PG_ADMIN.rsplit("/", 1)[0] + "/" + name
    finally:
        with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


# --- raw baselines ----------------------------------------------------------------------------


def raw_rows(n: int) -> list[tuple[str, int, str, bytes]]:
    ids = [uuid.uuid4().hex for _ in range(max(1, n // 100))]
    return [(ids[i // 100], i % 100 + 1, TOPIC, STATE) for i in range(n)]


SQLITE_TABLE = (
    "CREATE TABLE IF NOT EXISTS raw_events (originator_id TEXT, originator_version INTEGER, "
    "topic TEXT, state BLOB, PRIMARY KEY (originator_id, originator_version))"
)
INSERT_RAW = (
    "INSERT INTO raw_events (originator_id, originator_version, topic, state) "
    "VALUES (%s, %s, %s, %s)"
)
PG_TABLE = (
    "CREATE TABLE IF NOT EXISTS raw_events (originator_id uuid, originator_version bigint, "
    "topic text, state bytea, notification_id bigserial, "
    "PRIMARY KEY (originator_id, originator_version))"
)


def sqlite_raw(folder: Path, n_single: int, n_bulk: int) -> tuple[float, float]:
    """Rows per second: one per transaction, and all in one transaction."""
    path = folder / "raw.db"
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute(SQLITE_TABLE)
    rows = raw_rows(n_single)
    start = time.perf_counter()
    for row in rows:
        conn.execute("BEGIN")
        conn.execute("INSERT INTO raw_events VALUES (?, ?, ?, ?)", row)
        conn.execute("COMMIT")
    single = n_single / (time.perf_counter() - start)
    conn.execute("DELETE FROM raw_events")
    rows = raw_rows(n_bulk)
    start = time.perf_counter()
    conn.execute("BEGIN")
    conn.executemany("INSERT INTO raw_events VALUES (?, ?, ?, ?)", rows)
    conn.execute("COMMIT")
    bulk = n_bulk / (time.perf_counter() - start)
    conn.close()
    path.unlink()
    return single, bulk


def postgres_raw(url: str, n_single: int, n_bulk: int) -> tuple[float, float, float]:
    """Rows per second: one per transaction, executemany, and COPY."""
    import psycopg

    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(PG_TABLE)
        rows = [(uuid.UUID(i), v, t, s) for i, v, t, s in raw_rows(n_single)]
        start = time.perf_counter()
        for row in rows:
            with conn.transaction():
                conn.execute(
                    INSERT_RAW,
                    row,
                )
        single = n_single / (time.perf_counter() - start)
        conn.execute("TRUNCATE raw_events")
        rows = [(uuid.UUID(i), v, t, s) for i, v, t, s in raw_rows(n_bulk)]
        start = time.perf_counter()
        with conn.transaction(), conn.cursor() as cursor:
            cursor.executemany(
                INSERT_RAW,
                rows,
            )
        many = n_bulk / (time.perf_counter() - start)
        conn.execute("TRUNCATE raw_events")
        start = time.perf_counter()
        with (
            conn.transaction(),
            conn.cursor() as cursor,
            cursor.copy(
                "COPY raw_events (originator_id, originator_version, topic, state) FROM STDIN"
            ) as copy,
        ):
            for row in rows:
                copy.write_row(row)
        copy_rate = n_bulk / (time.perf_counter() - start)
    return single, many, copy_rate


# --- the tracker ------------------------------------------------------------------------------


def run(args: list[str], db: str, **kwargs: Any) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, TRACKER_DB=db, NO_COLOR="1")
    env.pop("TRACKER_ENCRYPTION_KEY", None)
    result = subprocess.run(
        [TRACKER, *args], env=env, capture_output=True, text=True, check=False, **kwargs
    )
    if result.returncode != 0:
        raise RuntimeError(f"tracker {' '.join(args)}: {result.stderr.strip()}")
    return result


def run_on_terminal(args: list[str], db: str) -> None:
    """Run the tracker with a terminal (a pseudo-terminal of 120 columns, in colour) as its
    standard output, as a person at a terminal runs it, and read all it writes."""
    import pty

    pid, terminal = pty.fork()
    if pid == 0:  # the child: its standard streams are the terminal
        env = dict(os.environ, TRACKER_DB=db, COLUMNS="120", TERM="xterm-256color")
        for name in ("NO_COLOR", "TRACKER_ENCRYPTION_KEY"):
            env.pop(name, None)
        os.execve(TRACKER, [TRACKER, *args], env)
    while True:
        try:
            if not os.read(terminal, 1 << 16):
                break
        except OSError:  # the child has ended and closed its side
            break
    os.close(terminal)
    _, status = os.waitpid(pid, 0)
    if os.waitstatus_to_exitcode(status) != 0:
        raise RuntimeError(f"tracker {' '.join(args)} on a terminal: exit {status}")


def import_file(path: Path, db: str) -> tuple[float, int]:
    """Seconds to import, and the peak memory (KiB) of the importing process."""
    start = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", TRACKER, "import", str(path)],
        env=dict(os.environ, TRACKER_DB=db),
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"import failed: {result.stderr[-500:]}")
    return elapsed, int(result.stderr.strip().splitlines()[-1])


def floor_import_rate(path: Path, db: str) -> float:
    """Events per second of the design's floor for an import (floors.import_entries), end to
    end in a new process as `tracker import` is timed."""
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "tests.bench.floors", str(path), db], check=True, cwd=ROOT
    )
    return sum(1 for _ in path.open("rb")) / (time.perf_counter() - start)


def meet_rate(db: str, n: int) -> float:
    """Events per second of `tracker meet`, one process per event."""
    run(["open", "bench-meet", "--title", "Meetings", "--party", "US", "--party", "CN",
         "--on", "2000-01-01"], db)  # fmt: skip
    day = dt.date(2000, 1, 2)
    start = time.perf_counter()
    for i in range(n):
        run(["meet", "bench-meet", "--on", str(day + dt.timedelta(days=i))], db)
    return n / (time.perf_counter() - start)


# The least a command line on typer 0.29 pays beyond the baseline: a minimal app, run. typer
# coerces every parameter of the command it runs through a pydantic TypeAdapter, which loads
# pydantic's schema machinery and its plugin loader (importlib.metadata); the baseline's
# `import pydantic` is lazy and loads neither.
TYPER_FLOOR = """
import eventsourcing.application, pydantic, typer
app = typer.Typer(add_completion=False)
@app.command()
def meet(slug: str, on: str = typer.Option(...)) -> None:
    pass
@app.command()
def other() -> None:
    pass
app()
"""


@dataclass(frozen=True)
class StartUp:
    """Seconds: the three-library import, a minimal typer app, the design's floor for a
    recording command (floors.MEET), `tracker --version`, and `tracker meet` end to end."""

    base: float
    typer_floor: float
    design: float
    version: float
    meet: float


def startup(runs: int) -> StartUp:
    """Each of the four in turn, ``runs`` times (so that a slower moment of a shared machine
    weighs on all of them alike); the medians."""
    times: dict[str, list[float]] = {
        "base": [], "floor": [], "design": [], "version": [], "meet": []
    }  # fmt: skip

    def timed(what: str, action: Callable[[], Any]) -> None:
        start = time.perf_counter()
        action()
        times[what].append(time.perf_counter() - start)

    base = [sys.executable, "-c", "import eventsourcing.application, pydantic, typer"]
    floor = [sys.executable, "-c", TYPER_FLOOR, "meet", "s-u", "--on", "2001"]
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "t.db")
        run(["open", "s-u", "--title", "T", "--party", "US", "--party", "CN", "--on", "2000"], db)
        design = [sys.executable, "-c", floors.MEET, "meet", "s-u", "--on", "2001-01-01",
                  "--db", str(Path(folder) / "floor.db")]  # fmt: skip
        days = iter(dt.date(2001, 1, 1) + dt.timedelta(days=i) for i in range(10 * runs))
        for _ in range(runs):
            timed("base", lambda: subprocess.run(base, check=True))
            timed("floor", lambda: subprocess.run(floor, check=True, capture_output=True))
            timed("design", lambda: subprocess.run(design, check=True, capture_output=True))
            timed(
                "version",
                lambda: subprocess.run([TRACKER, "--version"], check=True, capture_output=True),
            )
            timed("meet", lambda: run(["meet", "s-u", "--on", str(next(days))], db))
    median = {what: statistics.median(found) for what, found in times.items()}
    return StartUp(
        median["base"], median["floor"], median["design"], median["version"], median["meet"]
    )


@dataclass
class StoreFigures:
    kind: str
    raw_single: float = 0.0
    raw_bulk: float = 0.0
    raw_many: float = 0.0
    meet: float = 0.0
    imports: dict[str, tuple[int, float, int]] = field(default_factory=dict)  # events, s, KiB
    floor_import: float = 0.0  # events/s of the design's floor for the largest import (SQLite)
    catch_up: dict[str, float] = field(default_factory=dict)  # events/s
    # Channels, seconds in-process, the CLI end to end, the CLI with --known-on.
    # and the CLI end to end as text, piped and on a terminal (120 columns).
    dashboard: dict[str, tuple[int, float, float, float, float, float]] = field(
        default_factory=dict
    )
    # As of each day asked: seconds in a new process, again warm, and the CLI end to end.
    as_of: dict[str, tuple[float, float, float]] = field(default_factory=dict)


def dashboard_times(db: str, runs: int) -> tuple[float, float, float, float, float]:
    """Seconds: the dashboard in-process (read model caught up), the CLI end to end as JSON,
    the same as known at a moment (--known-on: the bitemporal read model), and the CLI end to
    end as text fitted to 120 columns, piped and on a terminal (in colour)."""
    from tracker.application import open_tracker

    app = open_tracker(db, write=True)
    try:
        app.catch_up()
        settle(db)
        day = dt.date(2030, 1, 1)
        # In-process the dashboard takes a third of a second: more runs steady its median,
        # which the target on doubling the events compares.
        in_process = median_time(lambda: app.dashboard(as_of=day), max(runs, 15))
    finally:
        app.close()
    cli = median_time(lambda: run(["status", "--json", "--as-of", "2030-01-01"], db), runs)
    moment = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
    known = median_time(
        lambda: run(["status", "--json", "--as-of", "2030-01-01", "--known-on", moment], db), runs
    )
    text = median_time(lambda: run(["status", "--as-of", "2030-01-01"], db), runs)
    terminal = median_time(lambda: run_on_terminal(["status", "--as-of", "2030-01-01"], db), runs)
    return in_process, cli, known, text, terminal


def settle(db: str) -> None:
    """After many rows were written to PostgreSQL, vacuum and analyse them now, as autovacuum
    would do soon: otherwise it may do so in the middle of the next measurement."""
    if db.startswith("postgresql"):
        import psycopg

        with psycopg.connect(db, autocommit=True) as conn:
            conn.execute("VACUUM ANALYZE")


def catch_up_rate(db: str, events: int) -> float:
    from tracker.application import open_tracker

    settle(db)
    app = open_tracker(db, write=True)
    try:
        start = time.perf_counter()
        app.rebuild_read_model()
        return events / (time.perf_counter() - start)
    finally:
        app.close()


AS_OF_IN_A_NEW_PROCESS = """
import datetime as dt, sys, time
from tracker.application import open_tracker
app = open_tracker(sys.argv[1], write=False)
start = time.perf_counter()
app.channel_status("bench-000000", as_of=dt.date.fromisoformat(sys.argv[2]))
print(time.perf_counter() - start)
"""

EARLY, LATE = "a day when a tenth of its events had occurred", "a day after all its events"


def as_of_days(path: Path) -> dict[str, dt.date]:
    """Days to ask the long channel's status as of: when a tenth of its events had occurred
    (a fold reads those), and after all of them (a fold reads every one)."""
    days = [json.loads(line)["on"] for line in path.read_text(encoding="utf-8").splitlines()]
    early = dt.date.fromisoformat(sorted(days)[len(days) // 10])
    return {EARLY: early, LATE: dt.date.fromisoformat(max(days)) + dt.timedelta(days=1)}


def as_of_times(db: str, day: dt.date, runs: int) -> tuple[float, float, float]:
    """Seconds for status --as-of the day on the long channel: the work in a new process (as
    each command pays it), the same work again in a process that has done it once, the CLI.
    The read model is brought up to date first, as the import's first reading does."""
    from tracker.application import open_tracker

    app = open_tracker(db, write=True)
    try:
        app.catch_up()
        cold = statistics.median(
            float(
                subprocess.run(
                    [sys.executable, "-c", AS_OF_IN_A_NEW_PROCESS, db, day.isoformat()],
                    capture_output=True,
                    text=True,
                    check=True,
                ).stdout
            )
            for _ in range(runs)
        )
        warm = median_time(lambda: app.channel_status("bench-000000", as_of=day), runs)
    finally:
        app.close()
    cli = median_time(lambda: run(["status", "bench-000000", "--as-of", day.isoformat()], db), runs)
    return cold, warm, cli


def measure_store(
    kind: str, folder: Path, scale: float, files: dict[str, tuple[Path, int]]
) -> StoreFigures:
    figures = StoreFigures(kind)
    n_single = max(200, int(2000 * scale))
    n_bulk = max(10_000, int(200_000 * scale))
    if kind == "sqlite":
        figures.raw_single, figures.raw_bulk = sqlite_raw(folder, n_single, n_bulk)
    else:
        with fresh_store(kind, folder) as url:
            figures.raw_single, figures.raw_many, figures.raw_bulk = postgres_raw(
                url, n_single // 2, n_bulk
            )
    with fresh_store(kind, folder) as db:
        figures.meet = meet_rate(db, max(10, int(30 * scale)))
    if kind == "sqlite":
        largest = max((n for n in files if n != "long channel"), key=lambda n: files[n][1])
        with fresh_store(kind, folder) as db:
            figures.floor_import = floor_import_rate(files[largest][0], db)
    for name, (path, events) in files.items():
        with fresh_store(kind, folder) as db:
            seconds, peak = import_file(path, db)
            figures.imports[name] = (events, seconds, peak)
            print(f"  {kind}: imported {name}: {events / seconds:,.0f} events/s", flush=True)
            if name == "long channel":
                settle(db)
                for label, day in as_of_days(path).items():
                    figures.as_of[f"{label} ({day})"] = as_of_times(db, day, 5)
                continue
            figures.catch_up[name] = catch_up_rate(db, events)
            channels = int(name.split()[0].replace(",", ""))
            times = dashboard_times(db, 7 if channels < 10_000 else 5)
            figures.dashboard[name] = (channels, *times)
    return figures


# --- the page -------------------------------------------------------------------------------


def versions() -> list[str]:
    from importlib.metadata import version

    import psycopg
    import pydantic
    import typer

    lines = [
        f"- Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"eventsourcing {version('eventsourcing')}, pydantic {pydantic.VERSION}, "
        f"psycopg {psycopg.__version__}, typer {typer.__version__}",
    ]
    with contextlib.suppress(Exception), psycopg.connect(PG_ADMIN) as conn:
        row = conn.execute("SHOW server_version").fetchone()
        lines.append(f"- PostgreSQL {row[0] if row else '?'} on 127.0.0.1 (same machine)")
    return lines


def machine() -> str:
    cpu = "unknown CPU"
    with contextlib.suppress(OSError):
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    memory = ""
    with contextlib.suppress(OSError, ValueError, IndexError):
        kib = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kib / 1024 / 1024:.0f} GiB"
    return f"{platform.machine()}, {os.cpu_count()} cores ({cpu}){memory}, {platform.system()}"


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def page(
    figures: list[StoreFigures],
    start: StartUp,
    scale: float,
    tricks: list[Figure],
) -> str:
    base, floor_s, version_s, meet_s = start.base, start.typer_floor, start.version, start.meet
    design = start.design
    out = [
        "# Benchmarks",
        "",
        "Measured by `make bench` (`python -m tests.bench.run`) on "
        f"{dt.date.today().isoformat()}; scale {scale:g} of the full sizes. Every time is a median "
        "of several runs, and every speed is also a ratio to a raw baseline measured on the "
        "same machine in the same run. These are not tests: `make test` asserts no timing. "
        "The tracker's modules are byte-compiled first, as an installed package has them (the "
        "libraries of the baseline are).",
        "",
        f"- Machine: {machine()}",
        *versions(),
        "",
        "## Start-up",
        "",
        "| what | median | ratio to the baseline |",
        "|---|---:|---:|",
        f'| `python -c "import eventsourcing.application, pydantic, typer"` (baseline) | '
        f"{base * 1000:.0f} ms | 1.00× |",
        "| a minimal typer app: one command with an argument and an option, run (the least a "
        f"command line on typer pays) | {floor_s * 1000:.0f} ms | {floor_s / base:.2f}× |",
        "| the design's floor: a typer command that validates one frozen pydantic event and "
        "saves it through an eventsourcing Application on SQLite (the least a recording command "
        f"pays on DESIGN.md's fixed choices; `tests/bench/floors.py`) | {design * 1000:.0f} ms | "
        f"{design / base:.2f}× |",
        f"| `tracker --version` | {version_s * 1000:.0f} ms | {version_s / base:.2f}× |",
        f"| `tracker meet` on SQLite, end to end | {meet_s * 1000:.0f} ms | {meet_s / base:.2f}× |",
        "",
        f"Target: `tracker meet` ≤ 1.5× the baseline — {verdict(meet_s / base <= 1.5)}; "
        f"{meet_s / design:.2f}× the design's floor."
        + (
            f" The design's floor alone takes {design / base:.2f}× (see below): 1.5× is below "
            "what the fixed choices cost by themselves."
            if design / base > 1.5
            else ""
        ),
        "",
    ]
    for f in figures:
        title = "SQLite" if f.kind == "sqlite" else "PostgreSQL"
        bulk_name = "one transaction, executemany" if f.kind == "sqlite" else "COPY"
        out += [
            f"## {title}",
            "",
            "| raw baseline | rows/s |",
            "|---|---:|",
            f"| one insert per transaction | {f.raw_single:,.0f} |",
        ]
        if f.raw_many:
            out.append(f"| executemany in one transaction | {f.raw_many:,.0f} |")
        out += [
            f"| bulk ({bulk_name}) | {f.raw_bulk:,.0f} |",
            "",
            "| the tracker | events/s | ratio to raw |",
            "|---|---:|---:|",
            f"| `tracker meet`, one process per event | {f.meet:,.1f} | "
            f"{f.meet / f.raw_single:.4f}× of one insert per transaction |",
        ]
        for name, (events, seconds, peak) in f.imports.items():
            rate = events / seconds
            out.append(
                f"| `tracker import`, {name} ({events:,} events, peak {peak / 1024:,.0f} MiB) | "
                f"{rate:,.0f} | {rate / f.raw_bulk:.3f}× of bulk |"
            )
        if f.floor_import:
            out.append(
                "| the design's floor for an import: each entry validated by one pydantic model, "
                "one pydantic event made and encoded, stored by the library's SQLite recorder "
                f"(`tests/bench/floors.py`), {max(f.imports.values())[0]:,} events | "
                f"{f.floor_import:,.0f} | {f.floor_import / f.raw_bulk:.3f}× of bulk |"
            )
        for name, rate in f.catch_up.items():
            out.append(f"| read-model catch-up, {name} | {rate:,.0f} | — |")
        out += ["", "| dashboard (`status` of every channel) | in-process | CLI end to end, "
                "JSON | CLI end to end, JSON `--known-on` a moment | CLI end to end, text "
                "(piped) | CLI end to end, text on a terminal (in colour) |",
                "|---|---:|---:|---:|---:|---:|"]  # fmt: skip
        for name, (_, in_process, cli, known, text, terminal) in f.dashboard.items():
            out.append(
                f"| {name} | {in_process * 1000:,.0f} ms | {cli * 1000:,.0f} ms "
                f"| {known * 1000:,.0f} ms | {text * 1000:,.0f} ms | {terminal * 1000:,.0f} ms |"
            )
        out += [
            "",
            f"| `status SLUG --as-of` a day, on a channel of {LONG:,} events | work in a new "
            "process (as each command pays it) | the same again, warm | CLI end to end |",
            "|---|---:|---:|---:|",
        ]
        for label, (work, warm, cli) in f.as_of.items():
            out.append(
                f"| as of {label} | {work * 1000:,.0f} ms | {warm * 1000:,.0f} ms "
                f"| {cli * 1000:,.0f} ms |"
            )
        out.append("")
        out += targets(f)
    out += section(tricks)
    out += EXPLANATION
    return "\n".join(out) + "\n"


def targets(f: StoreFigures) -> list[str]:
    lines = ["Targets:", ""]
    big = [v for k, v in f.imports.items() if k != "long channel"]
    if big:
        events, seconds, peak = max(big)
        ratio = events / seconds / f.raw_bulk
        floor = (
            f" (the design's floor: {f.floor_import / f.raw_bulk:.3f}×; the tracker takes "
            f"{f.floor_import * seconds / events:.1f}× its time)"
            if f.floor_import
            else ""
        )
        lines.append(
            f"- bulk import ≥ 0.25× raw bulk: {ratio:.3f}×{floor} — {verdict(ratio >= 0.25)}"
        )
        lines.append(
            f"- peak memory of the {events:,}-event import < 500 MB: {peak / 1024:,.0f} MiB — "
            f"{verdict(peak / 1024 < 500)}"
        )
    if f.dashboard:
        # The largest store: most channels, then most events (10,000 channels of 100 events).
        name = FULL if FULL in f.dashboard else max(f.dashboard, key=lambda k: f.dashboard[k][0])
        _, in_process, cli, known, text, terminal = f.dashboard[name]
        slowest = max(cli, text, terminal)
        lines.append(
            f"- dashboard over {name} ≤ 1 s: {in_process:.2f} s in-process, end to end "
            f"{cli:.2f} s as JSON, {text:.2f} s as text piped and {terminal:.2f} s on a "
            f"terminal — {verdict(slowest <= 1.0)}"
        )
        lines.append(
            f"- `status --known-on MOMENT` over {name} ≤ 1 s end to end: {known:.2f} s — "
            f"{verdict(known <= 1.0)}"
        )
        half = f.dashboard.get(HALF)
        full = f.dashboard.get(FULL)
        if half and full:
            growth = full[1] / half[1] - 1
            lines.append(
                f"- doubling events per channel changes the dashboard by < 10%: {growth:+.0%} — "
                f"{verdict(abs(growth) < 0.10)}"
            )
    if f.catch_up:
        # A rate: judged where there is much to catch up (the largest store). On the smallest
        # the few milliseconds of opening the tables and committing outweigh 1,000 events.
        name = FULL if FULL in f.catch_up else max(f.catch_up, key=f.catch_up.__getitem__)
        rate, least = f.catch_up[name], min(f.catch_up.values())
        lines.append(
            f"- read-model catch-up ≥ 100,000 events/s: {rate:,.0f} over {name} (the lowest, "
            f"on a smaller store: {least:,.0f}) — {verdict(rate >= 100_000)}"
        )
    if f.as_of:
        # Judged on the day that costs most: the one after all the events, where all count.
        worst = max(work for work, _, _ in f.as_of.values())
        each = ", ".join(f"{work * 1000:.0f} ms as of {k}" for k, (work, _, _) in f.as_of.items())
        lines.append(
            f"- `status --as-of` on a {LONG:,}-event channel ≤ 50 ms of work: {each} — "
            f"{verdict(worst <= 0.05)}"
        )
    return [*lines, ""]


EXPLANATION = [
    "## What limits the figures, and where targets are missed",
    "",
    "Full runs on this shared machine differ from one another by up to 20%: a figure within "
    "that of its target can fall either side of it from one run to the next.",
    "",
    "- **Bulk import** reads the file once and records each entry through the domain, exactly "
    "as the command line would. Per event, in CPU time (measured on 100,000 events, "
    "2026-12-03): reading the line and validating the entry as a command, about 18 µs (11 µs "
    "of it pydantic's parsing with the dates', slugs' and texts' Python validators); the "
    "channel building the event and checking its rules against its timeline, about 17 µs; "
    "encoding it once, 4 µs; its ledger digest, 2.5 µs; and the database, about 11 µs: the "
    "events and the ledger's entries (a second table with its own index) together go in at "
    "about 90,000 a second, 0.6 to 0.7× of the raw bulk by themselves. 0.25× of the raw bulk "
    "leaves 26 to 30 µs for all of it: it would take the reading, the domain and the database "
    "on different cores (channels are independent, the ledger is not), or skipping the "
    "validation or the rule checks, which an import must not do. The design's floor for an "
    "import (the row above: one pydantic model validates each entry, one pydantic event is "
    "made and encoded, the library's recorder stores it; no rule, no ledger, no notice) "
    "reaches about 0.3× of the raw bulk by itself, so 0.25× would leave the tracker's rules, "
    "ledger and bookkeeping a fifth of the floor's own time.",
    "- **Read-model catch-up** decodes each event's JSON and applies it in Python, then writes "
    "one row per meeting, span, cadence and plan in batches (`COPY` into unlogged tables on "
    "PostgreSQL, where the server's index upkeep is most of the rest). The smallest store "
    "has the lowest rate: opening the tables and committing take a few milliseconds, spread "
    "over only 1,000 events; the target, a rate, is judged where there is much to catch up.",
    "- **Start-up**: the tracker builds only the command it runs, and imports only that "
    "command's module of `cli/` (what that buys is in the table of tricks below); each command "
    "imports the application, the store, the reports and rich inside its own function, so "
    "`tracker meet` on SQLite loads no rich, psycopg, jinja2, cryptography or pycountry, and "
    "none of the modules only other commands use (`tests/cli/test_start_up.py`). The "
    "baseline's `import pydantic` is lazy: it loads none of pydantic's model machinery, which "
    "the first model class (`BaseModel`'s metaclass, fields, decorators) and the first "
    "validation (the schema generator, and pydantic's plugin loader with `importlib.metadata`) "
    "load. DESIGN.md makes every event and value a frozen pydantic model, so every recording "
    "command pays for that machinery: the design's floor, a typer command that validates one "
    "pydantic event and saves it through an eventsourcing Application, is itself above 1.5× "
    "of the baseline, with or without typer 0.29's coercion of each parameter through a "
    "pydantic TypeAdapter (measured with typer 0.28 on 2026-12-04: the floor at 1.68×, "
    "against 1.73× on 0.29). Beyond that floor, `tracker meet` pays for the tracker's domain "
    "and application modules (37 pydantic models of events and commands, the domain's "
    "dataclasses), for the checks before it opens the store, and for SQLite's transactions.",
    "- **The dashboard** reads the read model: a channel none of whose facts falls after the "
    "day is read from its one row, which holds its view at the end of its timeline (the plain "
    "data every renderer shows) with the days its judgements turn on; only what the day decides "
    "(overdue, days late, a window over) is worked out, and no summary is made. One with later "
    "facts seeks the day's rows and is made a summary. Past the start-up (about a quarter of a "
    "second, as for 10 channels) the time is reading the rows, decoding and judging each view, "
    "then writing them. Every synthetic channel has the same three plans whatever its length, "
    "so doubling its events doubles its meetings, not what the dashboard shows.",
    "- **`status SLUG --as-of`** reads the channel's rows in the read model (the span in "
    "force, the last meeting, its cadences and plans as of the day: a few index seeks, whatever "
    "the channel's length), its last five meetings, and decodes the events recorded after its "
    "newest snapshot (fewer than 500), so that damage there is reported as a fold would "
    "report it. The work is flat in the channel's length; the events after the snapshot are "
    "what varies from one channel to another.",
    "",
]

LONG = 10_000
HALF = "10,000 channels × 50 events"
FULL = "10,000 channels × 100 events"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    options = parser.parse_args()
    scale = options.scale
    # An editable install under PYTHONDONTWRITEBYTECODE would compile every module on every
    # run; pip compiles an installed package (and the baseline's libraries) once.
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "tracker")], check=True)
    global LONG, HALF, FULL  # noqa: PLW0603 (sizes follow --scale)
    with tempfile.TemporaryDirectory(prefix="bench-") as name:
        folder = Path(name)
        print("start-up…", flush=True)
        start = startup(10 if scale >= 1 else 3)
        many = max(10, int(10_000 * scale))
        sizes = [(10, 100), (max(10, int(1_000 * scale)), 100), (many, 50), (many, 100)]
        files: dict[str, tuple[Path, int]] = {}
        for channels, per in sizes:
            label = f"{channels:,} channels × {per} events"
            path = folder / f"{channels}x{per}.jsonl"
            files[label] = (path, write_jsonl(path, channels, per))
        HALF = f"{sizes[2][0]:,} channels × 50 events"
        FULL = f"{sizes[3][0]:,} channels × 100 events"
        LONG = max(1_000, int(10_000 * scale))
        long_path = folder / "long.jsonl"
        files["long channel"] = (long_path, write_jsonl(long_path, 1, LONG))
        postgres = not options.no_postgres and shutil.which("psql") is not None
        kinds = ["sqlite", "postgres"] if postgres else ["sqlite"]
        figures = []
        for kind in kinds:
            print(f"{kind}…", flush=True)
            figures.append(measure_store(kind, folder, scale, files))
        print("tricks…", flush=True)
        tricks = measure_tricks(scale, runs=5 if scale >= 1 else 2)
        print("extract…", flush=True)
        from tests.bench.extraction import section

        extracting = section(runs=7 if scale >= 1 else 2)
    text = page(figures, start, scale, tricks).rstrip("\n") + "\n\n" + "\n".join(extracting)
    options.output.write_text(text, encoding="utf-8")
    print(f"wrote {options.output}")


if __name__ == "__main__":
    main()
