"""tracker extract around its engine (a stand-in here: tests/cli/fake_extraction.py): the
article read, the proposals written as TOML or JSON that tracker import reads back unchanged,
and every refusal in one line with exit 2."""

from __future__ import annotations

import json
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.cli.expect import assert_error, nothing_written
from tests.cli.fake_extraction import QUOTE, Engine, fake_engine
from tests.support import run_cli, stored_rows

ARTICLES = Path(__file__).parents[1] / "fixtures" / "articles"
ARTICLE = ARTICLES / "ministers-meet.txt"
CITATION = "“Readout: US and Japanese ministers meet in Tokyo”, published 2024-05-21"


@pytest.fixture
def engine() -> Iterator[Engine]:
    with fake_engine() as found:
        yield found


@pytest.fixture
def store(memory_db: str) -> str:
    """A store in memory that a command has written (an empty one, made as the first
    recording command makes it)."""
    from tracker.application import open_tracker

    open_tracker(memory_db, write=True).close()
    return memory_db


def extract(db: str, *args: str, article: Path = ARTICLE) -> tuple[int, str, str]:
    result = run_cli(["extract", str(article), "--published", "2024-05-21", *args], db=db)
    return result.exit_code, result.stdout, result.stderr


def test_the_proposals_are_toml_on_standard_output(store: str, engine: Engine) -> None:
    code, stdout, stderr = extract(store)

    assert (code, stderr) == (0, ""), stderr
    assert stdout.startswith("# Facts proposed by tracker extract from ministers-meet.txt")
    assert "tracker import --dry-run proposals.toml" in stdout
    entries = tomllib.loads(stdout)["entry"]
    assert [(e["command"], e["status"]) for e in entries] == [
        ("open", "new"),
        ("meet", "new"),
        ("cadence", "known"),
    ]
    assert entries[0]["channel_status"] == "agreed"
    assert entries[1]["sources"] == [{"citation": CITATION, "quote": QUOTE, "confidence": "high"}]
    assert entries[2]["sources"][0]["note"] == 'hedged: "agreed"'
    assert engine.published[0].isoformat() == "2024-05-21"
    assert engine.texts[0] == ARTICLE.read_text(encoding="utf-8")


def test_a_dash_for_output_is_standard_output(
    store: str, engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    code, stdout, stderr = extract(store, "-o", "-")

    assert (code, stderr) == (0, ""), stderr
    assert [e["command"] for e in tomllib.loads(stdout)["entry"]] == ["open", "meet", "cadence"]
    assert list(tmp_path.iterdir()) == []


def test_the_proposals_written_to_a_file_import_back(
    memory_db: str, engine: Engine, tmp_path: Path
) -> None:
    output = tmp_path / "proposals.toml"
    code, stdout, _ = extract(memory_db, "-o", str(output))

    assert code == 0
    assert stdout == f"wrote 3 proposals (2 new, 1 known) to {output}\n"
    assert "tracker import --dry-run proposals.toml" in output.read_text(encoding="utf-8")
    with nothing_written(memory_db):
        dry = run_cli(["import", "--dry-run", str(output)], db=memory_db)
    assert "2 events would be recorded (1 were recorded already)" in dry.stdout, dry.output
    done = run_cli(["import", str(output)], db=memory_db)
    assert "3 entries, 2 events recorded (1 were recorded already)" in done.stdout, done.output
    history = run_cli(["history", "us-jp-talks", "--json"], db=memory_db).json()
    assert [e["kind"] for e in history] == ["opened", "meeting"]
    assert history[1]["sources"][0]["quote"] == QUOTE


def test_json_is_an_array_of_the_same_entries(
    memory_db: str, engine: Engine, tmp_path: Path
) -> None:
    code, stdout, _ = extract(memory_db, "--json")
    assert code == 0
    entries = json.loads(stdout)
    toml_entries = tomllib.loads(extract(memory_db)[1])["entry"]
    assert entries == toml_entries

    output = tmp_path / "proposals.json"
    assert extract(memory_db, "--json", "-o", str(output))[0] == 0
    assert json.loads(output.read_text(encoding="utf-8")) == entries
    done = run_cli(["import", str(output)], db=memory_db)
    assert "2 events recorded (1 were recorded already)" in done.stdout, done.output


def test_a_given_source_is_every_proposals_citation(memory_db: str, engine: Engine) -> None:
    _, stdout, _ = extract(memory_db, "--source", 'Ministry "readout", 2024')
    entries = tomllib.loads(stdout)["entry"]
    assert {e["sources"][0]["citation"] for e in entries} == {'Ministry "readout", 2024'}


def test_a_blank_source_is_bad_input(memory_db: str, engine: Engine) -> None:
    result = run_cli(
        ["extract", str(ARTICLE), "--published", "2024-05-21", "--source", " "], db=memory_db
    )
    assert_error(result, 2, "--source")


def test_an_article_with_no_fact_says_so_and_succeeds(store: str) -> None:
    with fake_engine([]):
        code, stdout, stderr = extract(store)
        assert (code, stdout, stderr) == (0, "", "no facts found in ministers-meet.txt\n")
        code, stdout, stderr = extract(store, "--json")
        assert (code, stdout) == (0, "[]\n")


def test_a_saved_html_page_gives_its_main_text_and_its_title(
    memory_db: str, engine: Engine, tmp_path: Path
) -> None:
    page = tmp_path / "readout.html"
    page.write_text(
        "<!doctype html><html><head><meta charset='utf-8'><title>Readout | Ministry</title>"
        "</head><body><nav><a href='/'>Home</a><a href='/news'>News</a></nav><article>"
        "<h1>Ministers meet in Tokyo</h1><p>The ministers met in Tokyo on Monday and agreed "
        "to meet twice a year.</p><p>They will meet again in July.</p></article>"
        "<footer>Copyright the Ministry</footer></body></html>",
        encoding="utf-8",
    )
    code, stdout, _ = extract(memory_db, article=page)

    assert code == 0
    text = engine.texts[0]
    assert "The ministers met in Tokyo on Monday and agreed to meet twice a year." in text
    assert "Copyright" not in text
    assert "<p>" not in text
    citation = tomllib.loads(stdout)["entry"][0]["sources"][0]["citation"]
    assert citation == "“Ministers meet in Tokyo”, published 2024-05-21"


@pytest.mark.parametrize(
    ("content", "words"),
    [
        (b"", ("is empty", "give the text of an article")),
        (b" \n\t\n", ("is empty",)),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", ("is not text",)),
        ("café".encode("cp1252"), ("is not text in UTF-8", "iconv")),
        ("\ufeffhi".encode("utf-16"), ("UTF-16",)),
    ],
)
def test_an_article_that_is_no_text_is_refused(
    memory_db: str, engine: Engine, tmp_path: Path, content: bytes, words: tuple[str, ...]
) -> None:
    article = tmp_path / "article.txt"
    article.write_bytes(content)
    result = run_cli(["extract", str(article), "--published", "2024-05-21"], db=memory_db)
    assert_error(result, 2, *words)
    assert engine.texts == []


def test_a_directory_is_no_article(memory_db: str, engine: Engine, tmp_path: Path) -> None:
    result = run_cli(["extract", str(tmp_path), "--published", "2024-05-21"], db=memory_db)
    assert_error(result, 2, "is a directory, not a regular file")


def test_a_missing_article_is_bad_input(memory_db: str, engine: Engine, tmp_path: Path) -> None:
    result = run_cli(
        ["extract", str(tmp_path / "gone.txt"), "--published", "2024-05-21"], db=memory_db
    )
    assert_error(result, 2, "does not exist")


def test_the_publication_date_is_required(memory_db: str, engine: Engine) -> None:
    result = run_cli(["extract", str(ARTICLE)], db=memory_db)
    assert_error(result, 2, "--published")


@pytest.mark.parametrize("published", ["2024-02-30", "Monday", "2024-05"])
def test_a_publication_date_that_is_no_day_is_bad_input(
    memory_db: str, engine: Engine, published: str
) -> None:
    result = run_cli(["extract", str(ARTICLE), "--published", published], db=memory_db)
    assert_error(result, 2, "--published")


@pytest.mark.parametrize("name", ["proposals.txt", "proposals.jsonl"])
def test_an_output_import_cannot_read_is_refused(
    memory_db: str, engine: Engine, tmp_path: Path, name: str
) -> None:
    result = run_cli(
        ["extract", str(ARTICLE), "--published", "2024-05-21", "-o", str(tmp_path / name)],
        db=memory_db,
    )
    assert_error(result, 2, ".toml")
    assert not (tmp_path / name).exists()


def test_the_store_is_never_the_output(engine: Engine, tmp_path: Path) -> None:
    store = tmp_path / "tracker.toml"  # a store may be named anything
    db = str(store)
    assert run_cli(["open", "a-b", "--title", "T", "--party", "US", "--party", "CN", "--on",
                    "2020"], db=db).exit_code == 0  # fmt: skip
    rows = stored_rows(db)
    result = run_cli(["extract", str(ARTICLE), "--published", "2024-05-21", "-o", db], db=db)
    assert_error(result, 2, "is the store")
    result = run_cli(
        ["extract", str(ARTICLE), "--published", "2024-05-21", "-o", f"{db}-wal"], db=db
    )
    assert_error(result, 2, "is the store's write-ahead log")
    assert stored_rows(db) == rows


def test_review_refuses_without_a_terminal(memory_db: str, engine: Engine) -> None:
    result = run_cli(
        ["extract", str(ARTICLE), "--published", "2024-05-21", "--review"], db=memory_db
    )
    assert_error(
        result, 2, "--review needs a terminal; use -o FILE, review the file, then tracker import"
    )


def test_an_article_read_where_there_is_no_store_writes_none_and_says_so(
    engine: Engine, tmp_path: Path
) -> None:
    """A mistyped --db is not made a new store: the article is read against no channel at
    all, and a warning says where no store was found."""
    missing = tmp_path / "trakcer.db"
    code, stdout, stderr = extract(str(missing))

    assert code == 0
    assert f"warning: there is no store at {missing}" in stderr
    assert "every channel is proposed as new" in stderr
    assert tomllib.loads(stdout)["entry"]
    assert list(tmp_path.iterdir()) == []
