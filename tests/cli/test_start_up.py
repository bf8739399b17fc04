"""Fast start-up: a command imports only what it needs.

Recording a meeting on a SQLite file must not load the terminal renderer (rich), the
PostgreSQL driver (psycopg), the templates (jinja2) or the cryptography of encrypted stores;
each is loaded by the commands that use them. Nor does it import the modules of the other
commands. Checked in a new interpreter, as a user runs it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from importlib import import_module
from pathlib import Path

import pytest
from typer.models import CommandInfo

from tests.support import run_cli
from tracker.cli.app import COMMAND_MODULES

# pycountry too: party codes come from a table in the domain (tests/unit/test_values.py checks
# it against pycountry), since loading pycountry's database took longer than recording.
HEAVY = ("rich", "psycopg", "jinja2", "cryptography", "pycountry")

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


def loaded_by(args: list[str], db: str) -> set[str]:
    """The top-level packages and the modules the command imported."""
    env = {**os.environ, "TRACKER_DB": db, "NO_COLOR": "1"}
    env.pop("TRACKER_ENCRYPTION_KEY", None)
    result = subprocess.run(
        [sys.executable, "-c", PROBE, *args],
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    report = json.loads(result.stderr.strip().splitlines()[-1])
    assert report["code"] in (0, None), result.stderr
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
    assert "tracker" in loaded
    assert not loaded & set(HEAVY), sorted(loaded & set(HEAVY))
    own = f"tracker.cli.{COMMAND_MODULES['meet']}"
    others = {f"tracker.cli.{m}" for m in COMMAND_MODULES.values()} - {own}
    assert not loaded & others, sorted(loaded & others)


def test_the_table_of_command_modules_names_every_command_each_module_defines() -> None:
    for module in set(COMMAND_MODULES.values()):
        registered: dict[str, CommandInfo] = {}
        import_module(f"tracker.cli.{module}").register(registered)
        assert list(registered) == [n for n, m in COMMAND_MODULES.items() if m == module]


def test_the_check_sees_a_heavy_library_when_a_command_loads_one(
    store: str, tmp_path: Path
) -> None:
    # The HTML report needs its templates: the probe above would see jinja2 if meet loaded it.
    loaded = loaded_by(["report", "--format", "html", "-o", str(tmp_path / "r.html")], store)
    assert "jinja2" in loaded
