"""Shared fixtures: the seed articles, a built pipeline, and a temporary store."""

from __future__ import annotations

from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data"
SEEDS = sorted(DATA.glob("0*_*.txt"))


@pytest.fixture(scope="session")
def pipeline():  # type: ignore[no-untyped-def]
    from newsevents.pipeline import Pipeline

    return Pipeline()


@pytest.fixture(scope="session")
def seed_articles(pipeline):  # type: ignore[no-untyped-def]
    from newsevents.jobs import extract_paths

    report = extract_paths([str(path) for path in SEEDS])
    assert not report.skipped
    return {Path(article.origin).name: article for article in report.articles}


@pytest.fixture()
def store(tmp_path: Path):  # type: ignore[no-untyped-def]
    from newsevents.store import Store

    with Store.open(str(tmp_path / "test.db")) as opened:
        yield opened
