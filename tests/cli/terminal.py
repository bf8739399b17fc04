"""Run the installed CLI as a subprocess, its output on a pseudo-terminal (as a user sees it)."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

PYTHON = Path(sys.prefix) / "bin" / "python"
PROJECT = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class TerminalRun:
    exit_code: int
    output: str  # stdout and stderr, both on the terminal


def run_on_terminal(args: list[str], *, db: str, no_color: bool) -> TerminalRun:
    """``python -m tracker ARGS`` with stdout and stderr on a pseudo-terminal."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": os.environ.get("HOME", "/root"),
        "TERM": "xterm-256color",
        "COLUMNS": "200",
        "LINES": "50",
        "TRACKER_DB": db,
    }
    if no_color:
        env["NO_COLOR"] = "1"
    controller, terminal = os.openpty()
    try:
        process = subprocess.Popen(
            [str(PYTHON), "-m", "tracker", *args],
            stdin=subprocess.DEVNULL,
            stdout=terminal,
            stderr=terminal,
            env=env,
            cwd=PROJECT,
        )
    finally:
        os.close(terminal)
    chunks = []
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # EIO: every copy of the terminal side is closed, the process ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(controller)
    return TerminalRun(process.wait(), b"".join(chunks).decode("utf-8", "replace"))
