"""Tests for benchmarks/generate.py, the synthetic news generator (loaded by path: not a package)."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
import time
from datetime import date
from pathlib import Path

import pytest

_PATH = Path(__file__).resolve().parents[1] / "benchmarks" / "generate.py"


def _load():
    spec = importlib.util.spec_from_file_location("newsevents_bench_generate", _PATH)
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


generate = _load()
KEYS = {"id", "text", "url", "outlet", "published", "title"}
MONTHS_SHORT = generate.MONTHS_SHORT


@pytest.fixture(scope="module")
def articles() -> list[dict]:
    return list(generate.generate_articles(3000, seed=7))


@pytest.mark.parametrize("seed", [0, 1, 42])
def test_generate_articles_same_seed_same_articles(seed: int) -> None:
    assert list(generate.generate_articles(200, seed=seed)) == list(generate.generate_articles(200, seed=seed))


def test_generate_articles_other_seed_other_articles() -> None:
    first = [a["text"] for a in generate.generate_articles(50, seed=1)]
    second = [a["text"] for a in generate.generate_articles(50, seed=2)]
    assert first != second


@pytest.mark.parametrize("n", [0, 1, 17])
def test_generate_articles_yields_n(n: int) -> None:
    assert len(list(generate.generate_articles(n))) == n


def test_generate_articles_negative_n_raises() -> None:
    with pytest.raises(ValueError, match="n must be >= 0"):
        list(generate.generate_articles(-1))


def test_generate_articles_shape(articles: list[dict]) -> None:
    ids = set()
    for record in articles:
        assert set(record) == KEYS
        assert isinstance(record["text"], str) and isinstance(record["title"], str) and record["title"]
        assert record["url"].startswith(f"https://{record['outlet']}/")
        assert record["published"] is None or date.fromisoformat(record["published"])
        ids.add(record["id"])
    assert len(ids) == len(articles)
    json.dumps(articles)  # JSON Lines-ready: plain values only


def test_generate_articles_word_counts_in_range(articles: list[dict]) -> None:
    counts = [len(record["text"].split()) for record in articles]
    assert min(counts) >= generate.MIN_WORDS
    assert max(counts) <= generate.MAX_WORDS
    assert max(counts) - min(counts) > 150  # lengths vary, as real articles do


def test_generate_articles_some_undated(articles: list[dict]) -> None:
    undated = sum(record["published"] is None for record in articles) / len(articles)
    assert 0.02 < undated < 0.12


def test_generate_articles_syndicated_copies_present(articles: list[dict]) -> None:
    """About 10% are near-copies: another outlet, the same date, almost the same words."""
    recent: list[tuple[dict, set[str]]] = []
    copies = 0
    for record in articles:
        words = set(record["text"].split())
        for earlier, earlier_words in recent:
            jaccard = len(words & earlier_words) / len(words | earlier_words)
            if jaccard >= 0.8 and earlier["outlet"] != record["outlet"]:
                assert earlier["published"] == record["published"]
                copies += 1
                break
        recent = (recent + [(record, words)])[-generate._RECENT:]
    assert 0.06 < copies / len(articles) < 0.14


def test_generate_articles_dateline_matches_published(articles: list[dict]) -> None:
    """A dateline day ("KYIV, Ukraine, March 4 - ") is the article's own date."""
    pattern = re.compile(r"^[^\n]*?, (" + "|".join(MONTHS_SHORT) + r") (\d{1,2}) - ")
    seen = 0
    for record in articles:
        match = pattern.match(record["text"])
        if match and record["published"]:
            published = date.fromisoformat(record["published"])
            assert (MONTHS_SHORT.index(match[1]) + 1, int(match[2])) == (published.month, published.day)
            seen += 1
    assert seen > 100


def test_generate_articles_relative_weekday_is_in_the_past(articles: list[dict]) -> None:
    """'on Tuesday' in a lede names a day at most six days before publication, never a later one."""
    weekdays = generate.WEEKDAYS
    checked = 0
    for record in articles:
        if not record["published"]:
            continue
        lede = record["text"].split("\n\n", 1)[0]
        match = re.search(r"\bon (" + "|".join(weekdays) + r")\b", lede)
        if match:
            published = date.fromisoformat(record["published"])
            back = (published.weekday() - weekdays.index(match[1])) % 7
            assert 0 <= back <= 6
            checked += 1
    assert checked > 300


def test_generate_articles_uses_realistic_features(articles: list[dict]) -> None:
    text = "\n".join(record["text"] for record in articles)
    for feature in ("at least ", "more than ", "dozens of ", "up to ", "between ", " years later, ", "In 20",
                    "Advertisement", "Read more: ", "could ", " will meet ", "two days ago", "last week",
                    "denied carrying out"):
        assert feature in text, feature


def test_ledes_cover_every_plover_type() -> None:
    assert set(generate.LEDES) == set(generate.PLOVER_TYPES)
    assert len(generate.PLOVER_TYPES) == 16


def test_generate_articles_is_fast() -> None:
    start = time.perf_counter()
    for _ in generate.generate_articles(3000, seed=3):
        pass
    rate = 3000 / (time.perf_counter() - start)
    assert rate > 3000, f"{rate:.0f} articles/s"  # ~9-12k/s measured; the floor leaves room for slow CI


def test_main_writes_jsonl(tmp_path: Path) -> None:
    out = tmp_path / "articles.jsonl"
    assert generate.main(["25", "--out", str(out), "--seed", "4"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line) for line in lines] == list(generate.generate_articles(25, seed=4))
