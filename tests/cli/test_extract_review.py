"""tracker extract --review on a terminal (a pseudo-terminal): each proposal shown, accepted,
edited in $EDITOR, skipped or left by quitting; the accepted ones recorded all or nothing.

The command runs in a process of its own with the stand-in engine of fake_extraction.py, its
standard input, output and error on the terminal, and answers typed as a person would.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.terminal import PROJECT
from tests.support import run_cli

ARTICLE = Path(__file__).parents[1] / "fixtures" / "articles" / "ministers-meet.txt"
PROMPT = "accept, edit, skip or quit? [a/e/s/q]"
SOON = 30  # seconds to wait for what the command should show
EDITOR = """\
import os, sys
path = sys.argv[1]
text = open(path, encoding="utf-8").read()
text = text.replace(os.environ["EDIT_FROM"], os.environ["EDIT_TO"])
open(path, "w", encoding="utf-8").write(text)
"""


class Terminal:
    """A command on a pseudo-terminal: wait for what it shows, type answers."""

    def __init__(
        self, args: list[str], env: dict[str, str], program: str = "tests.cli.fake_extraction"
    ) -> None:
        self.controller, terminal = os.openpty()
        try:
            self.process = subprocess.Popen(
                [sys.executable, "-m", program, *args],
                stdin=terminal,
                stdout=terminal,
                stderr=terminal,
                env=env,
                cwd=PROJECT,
                start_new_session=True,
            )
        finally:
            os.close(terminal)
        self.shown = ""
        self.seen = 0  # where the next expect starts looking

    def _read(self, timeout: float) -> bool:
        ready, _, _ = select.select([self.controller], [], [], timeout)
        if not ready:
            return True
        try:
            chunk = os.read(self.controller, 65536)
        except OSError:  # the command ended, and every copy of the terminal with it
            return False
        self.shown += chunk.decode("utf-8", "replace").replace("\r\n", "\n")
        return bool(chunk)

    def expect(self, text: str) -> None:
        deadline = time.monotonic() + SOON
        while text not in self.shown[self.seen :]:
            ended = not self._read(0.2) and self.process.poll() is not None
            if ended or time.monotonic() > deadline:
                pytest.fail(f"{text!r} was not shown; the terminal showed:\n{self.shown}")
        self.seen = self.shown.index(text, self.seen) + len(text)

    def type(self, answer: str) -> None:
        os.write(self.controller, f"{answer}\r".encode())

    def end(self) -> int:
        while self._read(0.2):
            if self.process.poll() is not None and not self._read(0.2):
                break
        code = self.process.wait(timeout=SOON)
        os.close(self.controller)
        return code


@pytest.fixture
def store(tmp_path: Path) -> str:
    return str(tmp_path / "tracker.db")


def terminal_environment(store: str, home: Path) -> dict[str, str]:
    """What the command sees of its environment: a plain terminal, the store, a home."""
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "TERM": "xterm",
        "NO_COLOR": "1",
        "TRACKER_DB": store,
    }


@pytest.fixture
def review(store: str, tmp_path: Path) -> Iterator[Terminal]:
    editor = tmp_path / "editor.py"
    editor.write_text(EDITOR, encoding="utf-8")
    env = {
        **terminal_environment(store, tmp_path),
        "EDITOR": f"{sys.executable} {editor}",
        "EDIT_FROM": 'location = "Tokyo"',
        "EDIT_TO": os.environ.get("TEST_EDIT_TO", 'location = "Osaka"'),
    }
    terminal = Terminal(["extract", str(ARTICLE), "--published", "2024-05-21", "--review"], env)
    yield terminal
    if terminal.process.poll() is None:
        terminal.process.kill()
        terminal.process.wait()


def history(store: str, slug: str) -> list[dict[str, object]]:
    result = run_cli(["history", slug, "--json"], db=store)
    assert result.exit_code == 0, result.output
    events: list[dict[str, object]] = result.json()
    return events


def test_accepted_proposals_are_recorded_and_skipped_ones_not(review: Terminal, store: str) -> None:
    review.expect("[1/3] open us-jp-talks on 2024-05-20  (new)")
    review.expect("quote: “The ministers met in Tokyo on Monday and agreed to meet twice a year.”")
    review.expect(PROMPT)
    review.type("a")
    review.expect("[2/3] meet us-jp-talks on 2024-05-20  (new)")
    review.expect(PROMPT)
    review.type("s")
    review.expect("[3/3] cadence us-jp-talks on 2024-05-20  (known")
    review.expect('note: hedged: "agreed"')
    review.expect("skipped: the store records it already")
    review.expect("accepted 1 of 3 proposals:")
    review.expect("entry 1: open us-jp-talks on 2024-05-20")
    review.expect("record them (all or nothing)?")
    review.type("y")
    review.expect("recorded 1 events (0 were recorded already)")
    assert review.end() == 0
    assert [e["kind"] for e in history(store, "us-jp-talks")] == ["opened"]


def test_an_edited_proposal_is_recorded_as_edited(review: Terminal, store: str) -> None:
    review.expect(PROMPT)
    review.type("a")
    review.expect(PROMPT)
    review.type("e")
    review.expect("location: Osaka")
    review.expect(PROMPT)
    review.type("a")
    review.expect("record them (all or nothing)?")
    review.type("")
    review.expect("recorded 2 events")
    assert review.end() == 0
    meeting = history(store, "us-jp-talks")[1]
    assert meeting["details"]["location"] == "Osaka"  # type: ignore[index]


def test_quitting_before_accepting_anything_records_nothing(review: Terminal, store: str) -> None:
    review.expect(PROMPT)
    review.type("q")
    review.expect("nothing accepted: nothing recorded")
    assert review.end() == 0
    assert not Path(store).exists()  # a review that records nothing makes no store


@pytest.fixture
def bad_edit(monkeypatch: pytest.MonkeyPatch) -> None:
    """The editor leaves the meeting with a field it cannot have (set before review runs)."""
    monkeypatch.setenv("TEST_EDIT_TO", 'location = "Tokyo"\nper_year = "often"')


@pytest.mark.usefixtures("bad_edit")
def test_a_bad_edit_says_why_and_offers_to_edit_again(review: Terminal, store: str) -> None:
    review.expect(PROMPT)
    review.type("s")
    review.expect(PROMPT)
    review.type("e")
    review.expect("not valid: ")
    review.expect("per_year")
    review.expect("edit it again?")
    review.type("n")
    review.expect("location: Tokyo")
    review.expect(PROMPT)
    review.type("s")
    review.expect("nothing accepted: nothing recorded")
    assert review.end() == 0


def test_the_real_engine_s_proposals_are_reviewed_and_recorded(store: str, tmp_path: Path) -> None:
    """The same walk with the extractor itself, not the stand-in."""
    article = ARTICLE.parent / "open.txt"
    env = terminal_environment(store, tmp_path)
    args = ["extract", str(article), "--published", "2024-05-22", "--review"]
    terminal = Terminal(args, env, program="tracker")
    try:
        terminal.expect("[1/1] open us-jp-economic-policy-dialogue on 2024-05-20  (new)")
        terminal.expect(PROMPT)
        terminal.type("a")
        terminal.expect("record them (all or nothing)?")
        terminal.type("y")
        terminal.expect("recorded 1 events")
        assert terminal.end() == 0
    finally:
        if terminal.process.poll() is None:
            terminal.process.kill()
    events = history(store, "us-jp-economic-policy-dialogue")
    assert [e["kind"] for e in events] == ["opened"]
