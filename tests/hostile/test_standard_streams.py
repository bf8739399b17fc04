"""Standard output and standard error as a shell may leave them: closed, or the store itself.

A hostile review found that a command run with standard output closed (>&-, as cron and
daemons sometimes do) ended in an unexpected failure (exit 4) after recording; that standard
error closed (2>&-) did the same for any command that reports progress; and that standard
error appended to the store (2>> tracker.db) wrote a refusal's message into the store file;
and that extract --review with standard input closed (<&-) ended in exit 4 (no stream at all
to ask whether it was a terminal).
Each command here runs in a process of its own, its streams set up by a shell.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

OPENING = ["open", "us-cn-talks", "--title", "T", "--party", "US", "--party", "CN"]


def shell(command: str, db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """``tracker ARGS`` run by sh with the redirections of ``command`` ({tracker} for it)."""
    tracker = f'"{sys.executable}" -m tracker --db "{db}" ' + " ".join(f"'{a}'" for a in args)
    return subprocess.run(
        ["/bin/sh", "-c", command.format(tracker=tracker)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "t.db"
    made = shell("{tracker}", path, *OPENING, "--on", "2020-01-01")
    assert made.returncode == 0, made.stderr
    return path


def events(db: Path) -> str:
    return shell("{tracker}", db, "history", "us-cn-talks").stdout


@pytest.mark.parametrize(
    "args", [["status"], ["meet", "us-cn-talks", "--on", "2020-02-01"]], ids=["status", "meet"]
)
def test_a_command_with_standard_output_closed_says_so_and_records_nothing(
    db: Path, args: list[str]
) -> None:
    before = events(db)
    result = shell("{tracker} >&-", db, *args)
    assert result.returncode == 2, result.stderr
    assert "standard output is closed" in result.stderr
    assert "Traceback" not in result.stderr
    assert events(db) == before


def test_with_standard_error_closed_commands_run_as_ever(db: Path) -> None:
    status = shell("{tracker} 2>&-", db, "status")
    assert status.returncode == 0
    assert "us-cn-talks" in status.stdout
    met = shell("{tracker} 2>&-", db, "meet", "us-cn-talks", "--on", "2020-02-01")
    assert met.returncode == 0
    refused = shell("{tracker} 2>&-", db, "meet", "no-such-talks", "--on", "2020-02-01")
    assert refused.returncode == 1  # said by the exit code alone
    assert "2020-02-01" in events(db)


@pytest.mark.parametrize(
    "args",
    [["status"], ["meet", "no-such-talks", "--on", "2020-02-01"], ["export", "--format", "csv"]],
    ids=["status", "a refused meeting", "export"],
)
def test_standard_error_appended_to_the_store_is_refused_and_the_store_untouched(
    db: Path, args: list[str]
) -> None:
    before = db.read_bytes()
    result = shell("{tracker} 2>> " + f'"{db}"', db, *args)
    assert result.returncode == 2
    assert result.stdout == ""
    assert db.read_bytes() == before


def test_extract_review_with_standard_input_closed_needs_a_terminal(
    db: Path, tmp_path: Path
) -> None:
    from tracker.cli.extracting import NO_TERMINAL

    article = tmp_path / "article.txt"
    article.write_text("US and Chinese officials met in Beijing on 2 January 2024.\n")
    before = events(db)
    args = ("extract", str(article), "--published", "2024-01-01", "--review")
    result = shell("{tracker} <&-", db, *args)
    assert result.returncode == 2, result.stderr
    assert result.stderr.strip() == f"error: {NO_TERMINAL}"
    assert events(db) == before
    proposed = shell("{tracker} <&-", db, *args[:-1])  # without --review: no answer to read
    assert proposed.returncode == 0, proposed.stderr


@pytest.mark.parametrize(
    ("args", "code"),
    [(["status"], 0), (["import", "-"], 2), (["meet", "us-cn-talks", "--on", "2020-02-01"], 0)],
    ids=["status", "import -", "meet"],
)
def test_commands_with_standard_input_closed_run_as_ever(
    db: Path, args: list[str], code: int
) -> None:
    """No command reads standard input but extract --review (``import -`` is a file name)."""
    result = shell("{tracker} <&-", db, *args)
    assert result.returncode == code, result.stderr
    assert len(result.stderr.strip().splitlines()) == (1 if code else 0)  # a refusal: one line
    assert "Traceback" not in result.stderr
