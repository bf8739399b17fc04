"""Fast start-up: a command imports only what it needs.

A command is built, and its module of tracker.cli imported, only when it is called; and no
module of tracker.cli imports anything heavy at the top: each command imports the application,
the store, the reports and the libraries it uses inside its own function. Recording a meeting
on a SQLite file must then not load the terminal renderer (rich), the PostgreSQL driver
(psycopg), the templates (jinja2), the iCalendar writer (icalendar) or the cryptography of
encrypted stores, nor the modules of the other commands, nor the parts of the tracker that only
other commands use. Checked in a new interpreter, as a user runs it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest

from tests.support import run_cli
from tracker.cli.app import COMMANDS

MODULES = sorted({f"tracker.cli.{module}" for module, _, _ in COMMANDS.values()})

# pycountry too: party codes come from a table in the domain (tests/unit/test_values.py checks
# it against pycountry), since loading pycountry's database took longer than recording.
# What tracker extract reads an article with: only extract loads them.
EXTRACTION = ("spacy", "rapidfuzz", "trafilatura", "lxml", "tomli_w", "tracker.extraction")
HEAVY = ("rich", "psycopg", "jinja2", "cryptography", "pycountry", "icalendar", *EXTRACTION)

# What only other commands use: reports and exports, seed files, verification, PostgreSQL.
OTHER_COMMANDS = (
    "tracker.reports.dashboard",
    "tracker.reports.calendar",
    "tracker.reports.document",
    "tracker.reports.export",
    "tracker.reports.picture",
    "tracker.reports.marks",
    "tracker.application.importing",
    "tracker.application.seedfile",
    "tracker.application.verification",
    "tracker.store.postgres",
    "eventsourcing.postgres",
    "eventsourcing.projection",
)

# What no command module may import at the top: the layers below the command line.
BELOW_THE_CLI = ("tracker.application", "tracker.store", "tracker.reports", "eventsourcing")

# Runs the tracker's entry point, then lists every module it imported.
PROBE = """
import json, sys
from tracker.cli import main
try:
    main()
except SystemExit as e:
    code = e.code
else:
    code = 0
loaded = sorted(sys.modules)
print(json.dumps({"code": code, "loaded": loaded}), file=sys.__stderr__)
"""

# Imports every module of the commands, and lists every module that imported.
IMPORT_ONLY = """
import json, sys
from importlib import import_module
for name in sys.argv[1:]:
    import_module(name)
print(json.dumps({"code": 0, "loaded": sorted(sys.modules)}), file=sys.__stderr__)
"""


def loaded_by(args: list[str], db: str, probe: str = PROBE, code: int = 0) -> set[str]:
    """The top-level packages and the modules the command imported (it ended with ``code``)."""
    env = {**os.environ, "TRACKER_DB": db, "NO_COLOR": "1"}
    env.pop("TRACKER_ENCRYPTION_KEY", None)
    result = subprocess.run(
        [sys.executable, "-c", probe, *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stderr.strip().splitlines()[-1])
    assert (report["code"] or 0) == code, result.stderr
    modules = set(report["loaded"])
    return modules | {name.split(".")[0] for name in modules}


@pytest.fixture
def store(tmp_path: Path) -> str:
    db = str(tmp_path / "tracker.db")
    parties = ["--party", "US", "--party", "CN"]
    opened = run_cli(["open", "us-cn-talks", "--title", "Talks", *parties, "--on", "2020"], db=db)
    assert opened.exit_code == 0, opened.output
    return db


def test_recording_a_meeting_on_sqlite_loads_none_of_the_heavy_libraries(store: str) -> None:
    loaded = loaded_by(["meet", "us-cn-talks", "--on", "2021-03-04"], store)
    assert "tracker.application.tracker" in loaded  # it did record the meeting
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    assert not loaded & set(OTHER_COMMANDS), sorted(loaded & set(OTHER_COMMANDS))
    others = set(MODULES) - {f"tracker.cli.{COMMANDS['meet'][0]}"}
    assert not loaded & others, sorted(loaded & others)


# What asking for help or the version, or mistyping a command, never needs: the application,
# the domain's events, the store's recorders and the library under them (each command line
# escapes what reaches a terminal and checks its standard output without them).
NOT_FOR_HELP = (
    "tracker.application.tracker",
    "tracker.application.base",
    "tracker.domain.events",
    "tracker.store.mapper",
    "tracker.reports.views",
    "eventsourcing",
)


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--version"], 0),
        (["--help"], 0),
        (["meet", "--help"], 0),
        (["status", "--help"], 0),
        (["meat", "us-cn-talks"], 2),
    ],
)
def test_help_and_the_version_load_neither_the_application_nor_the_library(
    store: str, args: list[str], code: int
) -> None:
    loaded = loaded_by(args, store, code=code)
    assert "tracker.cli.app" in loaded  # the probe did run the command line
    assert not loaded & set(NOT_FOR_HELP), sorted(loaded & set(NOT_FOR_HELP))
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))


def test_the_command_modules_import_nothing_below_the_command_line(store: str) -> None:
    loaded = loaded_by(MODULES, store, probe=IMPORT_ONLY)
    assert set(MODULES) <= loaded
    below = {m for m in loaded if m.startswith(BELOW_THE_CLI)} | (loaded & set(HEAVY))
    assert not below, sorted(below)


def test_the_table_of_commands_names_every_command_each_module_defines() -> None:
    for name in MODULES:
        module = import_module(name)
        listed = [c for c, (m, _, _) in COMMANDS.items() if f"tracker.cli.{m}" == name]
        assert sorted(module.EXAMPLES) == sorted(listed)  # each command's example, no other
        for command in listed:
            assert callable(getattr(module, COMMANDS[command][1]))


def test_the_check_sees_a_heavy_library_when_a_command_loads_one(
    store: str, tmp_path: Path
) -> None:
    # The HTML report needs its templates: the probe above would see jinja2 if meet loaded it.
    loaded = loaded_by(["report", "--format", "html", "-o", str(tmp_path / "r.html")], store)
    assert "jinja2" in loaded
    assert "tracker.reports.document" in loaded


def test_only_extract_loads_the_extraction_libraries(store: str, tmp_path: Path) -> None:
    for args in (["status"], ["history", "us-cn-talks"], ["channels"]):
        loaded = loaded_by(args, store)
        assert not loaded & set(EXTRACTION), (args, sorted(loaded & set(EXTRACTION)))
    article = tmp_path / "readout.txt"
    article.write_text("The US-China Talks met in Geneva yesterday.\n", encoding="utf-8")
    loaded = loaded_by(["extract", str(article), "--published", "2024-05-02"], store)
    assert {"spacy", "rapidfuzz", "tracker.extraction"} <= loaded
