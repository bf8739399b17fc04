"""A writer process for the concurrency tests: ``python -m tests.hardening.workers``.

It records meetings on one channel, one command after another, and prints one JSON line per
command (its date, exit code and stderr). It says ``ready`` and waits for a line on stdin before
starting, so that all the writers of a test start together.

``--mode cli`` runs each command as a real ``tracker`` process (the console script);
``--mode inprocess`` runs the same Typer app in this process, so Python starts only once.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

TRACKER = Path(sys.executable).with_name("tracker")
Runner = Callable[[list[str]], tuple[int, str]]


def console_script(db: str) -> Runner:
    env = {**os.environ, "TRACKER_DB": db, "NO_COLOR": "1"}

    def run(args: list[str]) -> tuple[int, str]:
        done = subprocess.run(
            [str(TRACKER), *args], check=False, env=env, capture_output=True, text=True, timeout=300
        )
        return done.returncode, done.stderr

    return run


def in_process(db: str) -> Runner:
    from typer.main import get_command

    from tracker.cli.app import app

    os.environ["TRACKER_DB"] = db
    os.environ["NO_COLOR"] = "1"
    command = get_command(app)  # built once: what `tracker` builds on every start

    def run(args: list[str]) -> tuple[int, str]:
        out, err = io.StringIO(), io.StringIO()
        code: int | str | None = 0
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                command.main(args=args, prog_name="tracker")
            except SystemExit as e:
                code = e.code
        return (code if isinstance(code, int) else int(code is not None)), err.getvalue()

    return run


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--mode", choices=["cli", "inprocess"], required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--slug", required=True)
    parser.add_argument("dates", nargs="+")
    options = parser.parse_args()
    run = console_script(options.db) if options.mode == "cli" else in_process(options.db)
    print("ready", flush=True)
    sys.stdin.readline()
    for day in options.dates:
        code, stderr = run(["meet", options.slug, "--on", day])
        print(json.dumps({"on": day, "exit": code, "stderr": stderr}), flush=True)


if __name__ == "__main__":
    main()
