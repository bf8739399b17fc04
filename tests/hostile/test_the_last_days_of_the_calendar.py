"""The last day a date can be (9999-12-31) is a day like any other: a plan whose window ends on
it, or a report as of it, is drawn in every format, never an unexpected failure (exit 4)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support import run_cli


@pytest.fixture
def db(tmp_path: Path) -> str:
    path = str(tmp_path / "t.db")
    for args in (
        ["open", "x-y", "--title", "X–Y talks", "--party", "US", "--party", "CN", "--on", "2020"],
        ["plan", "x-y", "--on", "2021-01-03", "--window", "9999-12/9999-12-31"],
    ):
        assert run_cli(args, db=path).exit_code == 0
    return path


@pytest.mark.parametrize("form", ["html", "md", "json"])
@pytest.mark.parametrize("as_of", [[], ["--as-of", "9999-12-31"]], ids=["today", "9999-12-31"])
def test_a_report_reaching_the_last_day_a_date_can_be_is_drawn(
    db: str, form: str, as_of: list[str]
) -> None:
    result = run_cli(["report", "-f", form, *as_of], db=db)
    assert result.exit_code == 0, result.stderr
    assert "x-y" in result.stdout


ARTICLES = sorted((Path(__file__).parents[1] / "fixtures" / "articles").glob("*.txt"))
# Relative dates ("last week", "yesterday", "on Monday") read back from the publication day.
RELATIVE = (
    "US and Chinese officials met last week in Beijing for the commercial working group, "
    "launched last month. The talks were suspended yesterday. They will meet next year."
)


@pytest.mark.parametrize("published", ["0001-01-01", "0001-01-02", "0001-01-07"])
def test_an_article_of_the_first_days_a_date_can_be_is_read(tmp_path: Path, published: str) -> None:
    """The day before the first day is no day: a date read back from the publication day past
    it is no date, never an unexpected failure (exit 4)."""
    (tmp_path / "relative.txt").write_text(RELATIVE, encoding="utf-8")
    for article in [*ARTICLES, tmp_path / "relative.txt"]:
        result = run_cli(
            ["extract", str(article), "--published", published], db=str(tmp_path / "t.db")
        )
        assert result.exit_code in (0, 2), (article.name, result.stderr)
