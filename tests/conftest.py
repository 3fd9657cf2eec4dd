"""Shared fixtures: the seed articles, a built pipeline, and a temporary store."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# The CLI uses sentence embeddings when the model is installed; the tests pin the default method, which
# must be good on its own (tests/resolve/test_embeddings.py covers the model when it is present).
os.environ.setdefault("NEWSEVENTS_EMBEDDINGS", "0")

DATA = Path(__file__).parent / "data"
SEEDS = sorted(DATA.glob("0*_*.txt"))


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from newsevents.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_articles(pipeline):  # type: ignore[no-untyped-def]
    from newsevents.jobs import extract_paths

    report = extract_paths([str(path) for path in SEEDS], resolve=False)  # each article on its own
    assert not report.skipped
    return {Path(article.origin).name: article for article in report.articles}


@pytest.fixture()
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    from newsevents.store import Store

    with Store.open(str(tmp_path / "test.db")) as opened:
        yield opened
