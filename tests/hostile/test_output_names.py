"""An output name never costs the user a file they meant to keep, and a mistaken one is said so.

A hostile review found that ``tracker extract ARTICLE -o ARTICLE`` (or -o a link to it) replaced
the article with the proposals that quote it; that ``-o " "`` wrote a file named by a space; that
``-o ~nosuchuser/x`` ended in an unexpected failure (exit 4); and that a file standing where a
directory was named was called a directory that does not exist.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from tests.support import run_cli

ARTICLE = (
    "US and Chinese officials met on Monday in Beijing for the commercial working group. "
    "They agreed to meet again next year."
)


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    return tmp_path


def _names_of_the_article(folder: Path) -> dict[str, Path]:
    (folder / "link.toml").symlink_to(folder / "article.txt")
    os.link(folder / "article.txt", folder / "hard.toml")
    (folder / "sub").mkdir()
    return {
        "itself": folder / "article.txt",
        "a link": folder / "link.toml",
        "a hard link": folder / "hard.toml",
        "a path through ..": folder / "sub" / ".." / "article.txt",
    }


@pytest.mark.parametrize("name", ["itself", "a link", "a hard link", "a path through .."])
def test_extract_never_writes_its_proposals_over_the_article_it_reads(
    folder: Path, name: str
) -> None:
    output = _names_of_the_article(folder)[name]
    result = run_cli(
        ["extract", str(folder / "article.txt"), "--published", "2024-05-22", "-o", str(output)],
        db=str(folder / "t.db"),
    )
    assert result.exit_code == 2, result.output
    assert "is the article being read" in result.stderr
    assert (folder / "article.txt").read_text(encoding="utf-8") == ARTICLE


COMMANDS = {
    "extract": ["extract", "{article}", "--published", "2024-05-22"],
    "report": ["report"],
    "export": ["export"],
    "calendar": ["calendar"],
}


@pytest.mark.parametrize("args", COMMANDS.values(), ids=COMMANDS.keys())
@pytest.mark.parametrize(
    ("output", "saying"),
    [
        (" ", "a file name is needed (or - for standard output)"),
        ("~no-such-user-here/out.toml", "no such user's home directory"),
        ("article.txt/out.toml", "is not a directory"),
    ],
    ids=["blank", "home of no user", "a file named as a directory"],
)
def test_a_mistaken_output_name_is_bad_input_and_nothing_is_written(
    folder: Path, args: list[str], output: str, saying: str
) -> None:
    db = str(folder / "t.db")
    opened = run_cli(["open", "us-cn-talks", "--title", "T", "--party", "US", "--party", "CN",
                      "--on", "2020"], db=db)  # fmt: skip
    assert opened.exit_code == 0, opened.stderr
    before = sorted(p.name for p in folder.iterdir())
    command = [a.replace("{article}", str(folder / "article.txt")) for a in args]
    cwd = Path.cwd()
    os.chdir(folder)
    try:
        result = run_cli([*command, "-o", output], db=db)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 2, result.output
    assert saying in result.stderr, result.stderr
    assert result.stderr.count("\n") == 1
    assert sorted(p.name for p in folder.iterdir()) == before
