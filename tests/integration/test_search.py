"""``tracker search`` on SQLite and PostgreSQL: the store's full-text index finds what reading
every live fact from the events finds, after a catch-up, a retraction and a correction, and
the same again once the read model is rebuilt (and ``tracker verify`` finds it sound)."""

from __future__ import annotations

import datetime as dt
import functools
import json
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path

import pytest

from tests.support import run_cli
from tracker.application import open_tracker, searching
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


@pytest.fixture(autouse=True)
def remembered_folding(monkeypatch: pytest.MonkeyPatch) -> None:
    """Reading the events (found_in_facts, the tests' reference) folds each fact's text again
    for each search, thousands of times a test (three quarters of the longest one's time):
    the same function, remembered."""
    monkeypatch.setattr(searching, "index_entry", functools.cache(searching.index_entry))


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


ACCENTED = [
    ["open", "cn-tr-strategic", "--title", "China–Türkiye strategic dialogue", "--party", "CN",
     "--party", "TR", "--on", "2023-03-01", "--lead", "CHN=Wáng Yì", "--lead", "TUR=Hakan Fidan"],
    ["meet", "cn-tr-strategic", "--on", "2023-06-12", "--location", "São Paulo",
     "--summary", "Łódź and Straße: ÉCHANGES À PARIS"],
]  # fmt: skip


@pytest.fixture
def accented(app: DialogueTracker, db: str) -> DialogueTracker:
    for args in ACCENTED:
        result = run_cli(args, db=db)
        assert result.exit_code == 0, result.output
    return app


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("Wang Yi", "[Wáng] [Yì]"),
        ("Yì", "[Yì]"),
        ("wáng yi", "[Wáng] [Yì]"),
        ("Turkiye", "[Türkiye]"),
        ("TÜRKIYE strategic", "[Türkiye] [strategic]"),
        ("Sao Paulo", "[São] [Paulo]"),
        ("são", "[São]"),
        ("lodz strasse", "[Łódź] and [Straße]"),
        ("echanges a paris", "[ÉCHANGES] [À] [PARIS]"),
        ("echan", "[ÉCHANGES]"),
    ],
)
def test_accents_and_case_do_not_matter(accented: DialogueTracker, text: str, found: str) -> None:
    [fact, *_] = [f for f in accented.search(text) if f.channel == "cn-tr-strategic"]
    assert found in fact.snippet


def test_the_index_finds_as_of_a_day_and_as_known_on_a_moment_what_the_events_say(
    accented: DialogueTracker, db: str
) -> None:
    """--as-of keeps the facts that had occurred by the day; --known-on the facts recorded by
    the moment and not yet retracted by it: as the events say, at every moment something was
    recorded (after retractions and a correction), for a share of the searches."""
    victims = [f for f in accented.search("beijing", limit=100) if f.kind != "opened"][:3]
    for victim in victims:
        result = run_cli(["retract", victim.channel, str(victim.seq), "--reason", "t"], db=db)
        assert result.exit_code == 0, result.output
    result = run_cli(["correct", "cn-tr-strategic", "2", "--on", "2023-06-13", "--location",
                      "Ankara", "--summary", "Beijing"], db=db)  # fmt: skip
    assert result.exit_code == 0, result.output
    events = {slug: accented.channel(slug).events for slug in accented.slugs()}
    moments = sorted({e.recorded for evs in events.values() for e in evs})
    texts = [*searches(accented)[::7], "beijing", "sao paulo", "wang"]
    days = [None, dt.date(2023, 1, 1), dt.date(2023, 6, 12), dt.date(2024, 3, 1)]
    for moment in [None, *moments[:: max(1, len(moments) // 6)], *moments[-4:]]:
        facts = [(slug, live_facts(evs, moment)) for slug, evs in events.items()]
        for day in days:
            for text in texts:
                indexed = accented.search(text, limit=10_000, as_of=day, known_on=moment)
                read = found_in_facts(facts, words_of(text), 10_000, day)
                assert indexed == read, (text, day, moment)
    assert any(f.seq == 2 for f in accented.search("sao", known_on=moments[-2]))
    assert accented.search("sao") == []


@pytest.mark.postgres
def test_sqlite_and_postgresql_find_the_same_in_the_same_order(
    sqlite_db: str, postgres_db: str
) -> None:
    apps = []
    for db in (sqlite_db, postgres_db):
        for seed in ("us-china-2023.toml", "us-china-2024.toml"):
            assert run_cli(["import", str(SEEDS / seed)], db=db).exit_code == 0
        for args in ACCENTED:
            assert run_cli(args, db=db).exit_code == 0
        apps.append(open_tracker(db, write=True))
    try:
        on_sqlite, on_postgres = apps
        texts = [*searches(on_sqlite), "wang yi", "sao", "beijing", "dialogue"]
        for day in (None, dt.date(2023, 6, 1)):
            for text in texts:
                found = on_sqlite.search(text, limit=10_000, as_of=day)
                assert found == on_postgres.search(text, limit=10_000, as_of=day), (text, day)
        assert len(on_sqlite.search("dialogue", limit=10_000)) >= 5  # an order to compare
    finally:
        for app in apps:
            app.close()


def test_a_read_model_of_an_earlier_schema_version_is_rebuilt(db: str) -> None:
    """A store whose search index was written before words were folded is indexed again."""
    from tracker.store.readmodel.schema import SCHEMA_VERSION

    for args in ACCENTED:
        assert run_cli(args, db=db).exit_code == 0
    assert run_cli(["search", "strategic"], db=db).exit_code == 0
    with (
        closing(open_tracker(db, write=True)) as app,
        app.read_model.transaction(write=True) as cursor,
    ):
        cursor.execute("UPDATE rm_schema SET version = ?", (SCHEMA_VERSION - 1,))
        cursor.execute("UPDATE rm_search SET words = ''" if "://" not in db else
                       "UPDATE rm_search SET words = to_tsvector('simple', text)")  # fmt: skip
    result = run_cli(["search", "Wang Yi"], db=db)
    assert result.exit_code == 0, result.output
    assert "cn-tr-strategic #1 opened 2023-03-01:" in result.stdout
    with (
        closing(open_tracker(db, write=True)) as app,
        app.read_model.transaction(write=False) as cursor,
    ):
        assert cursor.execute("SELECT version FROM rm_schema").fetchone()[0] == SCHEMA_VERSION
