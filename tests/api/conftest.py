"""Fixtures of the API tests: a database of the bundled examples plus a hostile (XSS) article, built
once per session, and in-process clients of the app with and without a write token."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "newsevents" / "data" / "examples"
TOKEN = "test-token-0123456789"
XSS_TITLE = "<script>window.__xss = 1</script>Militia <b>raid</b> near Goma"
XSS_TEXT = (
    "Gunmen attacked a village near Goma on Monday, killing 12 people, local officials said. "
    "<script>window.__xss = 1</script> A witness wrote <img src=x onerror=\"window.__xss = 2\"> on a wall. "
    "The army said it had deployed troops to the area on Tuesday."
)


def write_inputs(directory: Path) -> list[str]:
    """The bundled examples and a JSON Lines file holding the XSS article."""
    hostile = directory / "hostile.jsonl"
    hostile.write_text(json.dumps({
        "id": "ar_xss_test", "title": XSS_TITLE, "text": XSS_TEXT, "outlet": "xss.example.com",
        "published": "2024-02-06", "url": "javascript:window.__xss=3",
    }) + "\n", encoding="utf-8")
    return [str(EXAMPLES), str(hostile)]


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    from newsevents.jobs import ingest_paths
    from newsevents.store import Store

    directory = tmp_path_factory.mktemp("api_db")
    db = str(directory / "demo.db")
    with Store.open(db) as store:
        report = ingest_paths(write_inputs(directory), store)
    assert not report.skipped, report.skipped
    return db


@pytest.fixture(scope="session")
def client(demo_db: str) -> Iterator[object]:
    """A read-only client of the example database (the server has no token: it refuses writes)."""
    from fastapi.testclient import TestClient

    from newsevents.api import create_app

    with TestClient(create_app(demo_db)) as test_client:
        yield test_client


@pytest.fixture()
def writable(tmp_path: Path) -> Iterator[object]:
    """A client of a fresh, empty database, with the write token configured."""
    from fastapi.testclient import TestClient

    from newsevents.api import create_app

    with TestClient(create_app(str(tmp_path / "writable.db"), token=TOKEN)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def store(demo_db: str) -> Iterator[object]:
    from newsevents.store import Store

    with Store.open(demo_db, create=False) as opened:
        yield opened
