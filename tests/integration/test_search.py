"""``tracker search`` on SQLite and PostgreSQL: the store's full-text index finds what reading
every live fact from the events finds, after a catch-up, a retraction and a correction, and
the same again once the read model is rebuilt (and ``tracker verify`` finds it sound)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support import run_cli
from tracker.application import open_tracker
from tracker.application.searching import found_in_facts, search_text
from tracker.application.tracker import DialogueTracker
from tracker.domain.timeline import live_facts
from tracker.store.readmodel.search import lexemes_of, words_of

SEEDS = Path(__file__).parents[2] / "seeds"


@pytest.fixture
def app(db: str) -> Iterator[DialogueTracker]:
    for seed in ("us-china-2023.toml", "us-china-2024.toml"):
        assert run_cli(["import", str(SEEDS / seed)], db=db).exit_code == 0
    tracker = open_tracker(db, write=True)
    yield tracker
    tracker.close()


def facts_of(app: DialogueTracker) -> list[tuple[str, list]]:  # type: ignore[type-arg]
    return [(slug, live_facts(app.channel(slug).events)) for slug in app.slugs()]


def searches(app: DialogueTracker) -> list[str]:
    """A fifth of the words of the seeds' facts, the first letters of some, and pairs."""
    words = sorted({w for _, facts in facts_of(app) for f in facts for w in lexemes_of(
        search_text(f.model_dump(mode="json", exclude_none=True)))})  # fmt: skip
    pairs = zip(words[::23], words[7::23], strict=False)
    return [*words[::5], *(w[:3] for w in words[::17]), *(f"{a} {b}" for a, b in pairs)]


def found_keys(found: list) -> set[tuple[str, int]]:  # type: ignore[type-arg]
    return {(f.channel, f.seq) for f in found}


def assert_index_agrees_with_events(app: DialogueTracker) -> None:
    """The same facts, in the same order, with the same snippets."""
    facts = facts_of(app)
    for text in searches(app):
        indexed = app.search(text, limit=10_000)
        read = found_in_facts(facts, words_of(text), 10_000)
        assert indexed == read, text


def test_the_index_finds_what_reading_the_events_finds(app: DialogueTracker) -> None:
    assert_index_agrees_with_events(app)


def test_a_retracted_and_a_corrected_fact(app: DialogueTracker, db: str) -> None:
    found = app.search("Raimondo", limit=100)
    assert found, "the seeds name Gina Raimondo"
    first = next(f for f in found if f.kind != "opened")  # an opening is corrected, not retracted
    result = run_cli(["retract", first.channel, str(first.seq), "--reason", "test"], db=db)
    assert result.exit_code == 0, result.output
    assert (first.channel, first.seq) not in found_keys(app.search("Raimondo", limit=100))
    for args in (
        ["meet", "us-cn-commercial-wg", "--on", "2024-11-01", "--summary", "Zebra crossing"],
        ["correct", "us-cn-commercial-wg", "LAST", "--on", "2024-11-01", "--summary", "Okapi"],
    ):
        if "LAST" in args:
            args[2] = str(app.search("zebra")[0].seq)
        result = run_cli(args, db=db)
        assert result.exit_code == 0, result.output
    assert app.search("zebra") == []
    [corrected] = app.search("okapi")
    assert corrected.snippet == "[Okapi]"
    assert_index_agrees_with_events(app)


def test_a_rebuilt_read_model_finds_the_same_and_verify_finds_it_sound(
    app: DialogueTracker, db: str
) -> None:
    before = {text: app.search(text) for text in searches(app)[::5]}
    result = run_cli(["rebuild"], db=db)
    assert result.exit_code == 0, result.output
    assert {text: app.search(text) for text in before} == before
    assert run_cli(["verify"], db=db).exit_code == 0


def test_the_command_line_shows_each_fact_found(app: DialogueTracker, db: str) -> None:
    result = run_cli(["search", "raimondo", "--json"], db=db)
    assert result.exit_code == 0, result.output
    found = json.loads(result.stdout)
    assert found
    assert all(set(f) == {"channel", "seq", "kind", "occurred", "snippet"} for f in found)
    assert all("[Raimondo]" in f["snippet"] for f in found), found
