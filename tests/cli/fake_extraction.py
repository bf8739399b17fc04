"""A stand-in for the extraction engine in the tests of what surrounds it (reading the article,
writing the proposals, importing them, --review): DialogueTracker.extract_facts gives the
proposals the test chose, and notes the text and date it was given.

Run as ``python -m tests.cli.fake_extraction ARGS`` it is the tracker command line with the
stand-in in place, the proposals taken from the FAKE_PROPOSALS environment variable (JSON).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict
from typing import Any

from tracker.application.tracker import DialogueTracker
from tracker.extraction.proposal import Proposal, Quote

QUOTE = "The ministers met in Tokyo on Monday and agreed to meet twice a year."


def proposals() -> list[Proposal]:
    """A new channel opened and its first meeting (new), and its cadence (known)."""
    return [
        Proposal(
            "open",
            "us-jp-talks",
            "2024-05-20",
            Quote(QUOTE, "high"),
            {"title": "US–Japan Talks", "parties": ["US", "JP"], "status": "agreed"},
            position=0,
        ),
        Proposal(
            "meet",
            "us-jp-talks",
            "2024-05-20",
            Quote(QUOTE, "high"),
            {"location": "Tokyo", "level": "ministerial"},
            position=0,
        ),
        Proposal(
            "cadence",
            "us-jp-talks",
            "2024-05-20",
            Quote("agreed to meet twice a year", "medium", 'hedged: "agreed"'),
            {"level": "ministerial", "per_year": 2},
            status="known",
            position=40,
        ),
    ]


class Engine:
    """What the stand-in was asked, and what it answers."""

    def __init__(self, answer: Sequence[Proposal]) -> None:
        self.answer = list(answer)
        self.texts: list[str] = []
        self.published: list[dt.date] = []

    def __call__(self, _app: Any, text: str, *, published: dt.date) -> list[Proposal]:
        self.texts.append(text)
        self.published.append(published)
        return list(self.answer)


@contextmanager
def fake_engine(answer: Sequence[Proposal] | None = None) -> Iterator[Engine]:
    """DialogueTracker.extract_facts replaced by an Engine for the block."""
    engine = Engine(proposals() if answer is None else answer)
    missing = object()
    before = DialogueTracker.__dict__.get("extract_facts", missing)

    def extract_facts(app: Any, text: str, *, published: dt.date) -> list[Proposal]:
        return engine(app, text, published=published)

    DialogueTracker.extract_facts = extract_facts  # type: ignore[attr-defined]
    try:
        yield engine
    finally:
        if before is missing:
            del DialogueTracker.extract_facts  # type: ignore[attr-defined]
        else:
            DialogueTracker.extract_facts = before  # type: ignore[attr-defined]


def as_json(answer: Sequence[Proposal]) -> str:
    return json.dumps([asdict(p) for p in answer])


def _from_json(text: str) -> list[Proposal]:
    found = []
    for item in json.loads(text):
        item["quote"] = Quote(**item["quote"])
        found.append(Proposal(**item))
    return found


if __name__ == "__main__":
    from tracker.cli import main

    given = os.environ.get("FAKE_PROPOSALS")
    with fake_engine(_from_json(given) if given else None):
        main()
