"""`make bench`'s section on tracker extract: its speed on a 2,000-word article, and its
quality on the gold set (tests/extraction/gold/), precision and recall by kind."""

from __future__ import annotations

import datetime as dt
import statistics
import time
from pathlib import Path

from tests.extraction import quality

WORDS = 2_000
PUBLISHED = dt.date(2023, 8, 29)
SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def article(words: int = WORDS) -> str:
    """The gold set's texts, one after another, up to ``words`` words: an article of that
    length in the language of readouts and news copy."""
    paragraphs: list[str] = []
    count = 0
    for stem in quality.texts():
        for paragraph in (quality.GOLD / f"{stem}.txt").read_text("utf-8").split("\n\n"):
            paragraphs.append(paragraph)
            count += len(paragraph.split())
            if count >= words:
                return "\n\n".join(paragraphs)
    return "\n\n".join(paragraphs)


def _verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def _median(action: object, runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def speed(runs: int) -> tuple[float, float, int]:
    """Seconds to extract the article (the store holding both seed files), seconds for spaCy's
    blank pipeline alone to split it (the floor), and the article's words. Start-up (imports,
    the pipeline's first load) is left out: it is measured once, before."""
    from tracker.application.bootstrap import open_tracker
    from tracker.extraction.sentences import sentences

    text = article()
    app = open_tracker("memory://bench-extract", write=True)
    for seed in sorted(SEEDS.glob("*.toml")):
        app.import_file(seed)
    app.extract_facts(text, published=PUBLISHED)  # start-up: imports, spaCy's first load
    whole = _median(lambda: app.extract_facts(text, published=PUBLISHED), runs)
    floor = _median(lambda: list(sentences(text)), runs)
    app.close()
    return whole, floor, len(text.split())


def section(runs: int) -> list[str]:
    whole, floor, words = speed(runs)
    scores = quality.score_all()
    seed = scores[quality.SEED_ARTICLE]
    rest = quality.Score()
    for stem, score in scores.items():
        if stem != quality.SEED_ARTICLE:
            rest.add(score)
    facts = sum(s.facts.total() for s in scores.values())
    met = [
        seed.precision() >= 0.9 and seed.recall() >= 0.9,
        rest.precision() >= 0.75 and rest.recall() >= 0.75,
    ]
    return [
        "## tracker extract",
        "",
        "| what | median | ratio to spaCy's sentence split of the same text |",
        "|---|---:|---:|",
        f"| splitting a {words:,}-word article into sentences (spaCy's blank English "
        f"pipeline: the floor) | {floor * 1000:.0f} ms | 1.00× |",
        f"| `extract_facts` on it, the store holding both seed files | {whole * 1000:.0f} ms | "
        f"{whole / floor:.1f}× |",
        "",
        f"Target: a 2,000-word article in under one second after start-up — {_verdict(whole < 1)}.",
        "",
        f"Quality on the gold set ({len(scores)} texts, {facts} facts hand-coded, "
        f"{sum(s.negatives for s in scores.values())} negative sentences; "
        "tests/extraction/gold/README.md). A fact is found when a proposal has its kind, its "
        "channel (the recorded slug when the store holds it), a date that overlaps the true one "
        "and a quote from its sentence; precision counts every proposal except the openings "
        "added only so that a new channel's facts import.",
        "",
        quality.table(scores),
        "",
        f"Targets: ≥ 0.9 precision and recall on the seed article — "
        f"{_verdict(met[0])}; ≥ 0.75 of each across the other texts — "
        f"{_verdict(met[1])}.",
        "",
    ]
