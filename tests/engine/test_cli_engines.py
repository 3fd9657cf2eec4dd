"""The `ingest` command's engine and watch options (the engines themselves: test_engines.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents.cli.main import app
from newsevents.store import Store

ARTICLES = Path(__file__).resolve().parents[1] / "data" / "articles"


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _articles(db: Path) -> int:
    with Store.open(str(db), create=False) as store:
        return store.counts()["articles"]


def test_ingest_engine_dask_stores_what_local_stores(runner: CliRunner, tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    local, dask = tmp_path / "local.db", tmp_path / "dask.db"
    assert runner.invoke(app, ["ingest", str(ARTICLES), "--db", str(local)]).exit_code == 0
    result = runner.invoke(app, ["ingest", str(ARTICLES), "--db", str(dask), "--engine", "dask", "--workers", "1"])
    assert result.exit_code == 0, result.output
    assert _articles(dask) == _articles(local) > 30


@pytest.mark.parametrize(("options", "message"), [
    (["--engine", "spark"], "spark"),
    (["--scheduler", "tcp://127.0.0.1:1"], "--scheduler needs --engine dask"),
])
def test_ingest_rejects_bad_engine_options(runner: CliRunner, tmp_path: Path, options: list[str], message: str) -> None:
    result = runner.invoke(app, ["ingest", str(ARTICLES), "--db", str(tmp_path / "x.db"), *options])
    assert result.exit_code != 0
    assert message in result.output


def test_ingest_without_paths_or_watch_is_an_error(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == 1
    assert "--watch" in result.output


def test_ingest_watch_rejects_a_missing_directory(runner: CliRunner, tmp_path: Path) -> None:
    result = runner.invoke(app, ["ingest", "--db", str(tmp_path / "x.db"), "--watch", str(tmp_path / "none")])
    assert result.exit_code == 1
    assert "not a directory" in result.output
