"""The app factory, its lifespan, the OpenAPI document, and `newsevents serve`."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents.errors import StoreError


def test_create_app_touches_no_database(tmp_path: Path) -> None:
    from newsevents.api import create_app

    create_app(str(tmp_path / "absent.db"))
    assert not (tmp_path / "absent.db").exists()


def test_read_only_app_on_a_missing_database_fails_at_startup(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from newsevents.api import create_app

    with pytest.raises(StoreError, match="No database"):
        with TestClient(create_app(str(tmp_path / "absent.db"))):
            pass


def test_writable_app_creates_its_database(writable) -> None:
    assert writable.get("/api/health").json() == {"status": "ok", "writable": True}
    assert writable.get("/api/events").json()["total"] == 0
    assert writable.get("/stories").status_code == 200


def test_health_says_read_only(client) -> None:
    assert client.get("/api/health").json() == {"status": "ok", "writable": False}


def test_openapi_documents_every_endpoint(client) -> None:
    spec = client.get("/api/openapi.json").json()
    paths = spec["paths"]
    for path in ("/api/events", "/api/events/{event_id}", "/api/stories", "/api/stories/{story_id}",
                 "/api/articles/{article_id}", "/api/search", "/api/export", "/api/health"):
        assert "get" in paths[path], path
    post = paths["/api/articles"]["post"]
    assert post["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/IngestIn")
    assert {"401", "403", "413"} <= set(post["responses"])
    assert post["security"] == [{"HTTPBearer": []}]
    filters = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert {"type", "since", "until", "country", "actor", "story", "background", "q", "limit", "cursor"} <= filters
    assert not any(path.startswith("/stories") for path in paths), "pages stay out of the API document"


def test_docs_page_loads_its_assets_locally(client) -> None:
    html = client.get("/docs").text
    assert 'src="/static/swagger/swagger-ui-bundle.js"' in html and 'src="/static/docs.js"' in html
    bundle = client.get("/static/swagger/swagger-ui-bundle.js")
    assert bundle.status_code == 200 and len(bundle.content) > 500_000
    assert client.get("/static/swagger/swagger-ui.css").status_code == 200


def test_serve_refuses_a_missing_database_without_token(tmp_path: Path) -> None:
    from newsevents.cli.serve import serve

    with pytest.raises(StoreError, match="No database"):
        serve(str(tmp_path / "absent.db"), port=1)


def test_cli_serve_reports_a_missing_database(tmp_path: Path) -> None:
    from newsevents.cli.main import app

    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "absent.db")], env={"NEWSEVENTS_TOKEN": ""})
    assert result.exit_code == 1
    assert "No database" in result.output


def test_cli_serve_reads_the_token_from_the_environment(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import newsevents.cli.serve as serve_module
    from newsevents.cli.main import app

    calls: list[tuple[str, dict]] = []
    monkeypatch.setattr(serve_module, "serve", lambda db, **options: calls.append((db, options)))
    result = CliRunner().invoke(app, ["serve", "--db", "x.db", "--port", "8123"], env={"NEWSEVENTS_TOKEN": "s3cret"})
    assert result.exit_code == 0, result.output
    assert calls == [("x.db", {"host": "127.0.0.1", "port": 8123, "token": "s3cret", "workers": 1})]


def test_cli_serve_passes_workers(monkeypatch: pytest.MonkeyPatch) -> None:
    import newsevents.cli.serve as serve_module
    from newsevents.cli.main import app

    calls: list[tuple[str, dict]] = []
    monkeypatch.setattr(serve_module, "serve", lambda db, **options: calls.append((db, options)))
    result = CliRunner().invoke(app, ["serve", "--db", "x.db", "--workers", "2"], env={"NEWSEVENTS_TOKEN": ""})
    assert result.exit_code == 0, result.output
    assert calls[0][1]["workers"] == 2
    assert CliRunner().invoke(app, ["serve", "--db", "x.db", "--workers", "0"]).exit_code != 0


def test_serve_with_workers_builds_each_app_from_the_environment(demo_db, monkeypatch: pytest.MonkeyPatch) -> None:
    import uvicorn

    import newsevents.cli.serve as serve_module

    runs: list[tuple[object, dict]] = []
    monkeypatch.setattr(uvicorn, "run", lambda target, **options: runs.append((target, options)))
    monkeypatch.delenv(serve_module.TOKEN_ENV, raising=False)
    monkeypatch.delenv(serve_module.DB_ENV, raising=False)
    serve_module.serve(demo_db, port=8124, workers=2)
    target, options = runs[0]
    assert target == "newsevents.cli.serve:app_from_env" and options["factory"] and options["workers"] == 2
    assert options["http"] is serve_module.NoDelayH11Protocol
    built = serve_module.app_from_env()
    assert built.state.token is None  # no token given: the workers are read-only too


def test_served_connections_turn_nagle_off() -> None:
    import socket

    from newsevents.cli.serve import NoDelayH11Protocol

    class Transport:
        def __init__(self, sock: socket.socket) -> None:
            self.sock = sock

        def get_extra_info(self, name: str, default: object = None) -> object:
            return self.sock if name == "socket" else default

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        protocol = NoDelayH11Protocol.__new__(NoDelayH11Protocol)
        try:
            protocol.connection_made(Transport(sock))
        except Exception:  # uvicorn's own setup needs a real transport; the option is set before it
            pass
        assert sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) == 1


def test_app_serves_when_it_cannot_build_its_indexes(demo_db, monkeypatch: pytest.MonkeyPatch) -> None:
    from fastapi.testclient import TestClient

    import newsevents.store.search as search
    from newsevents.api import create_app

    def refuse(store) -> None:  # type: ignore[no-untyped-def]
        raise StoreError("attempt to write a readonly database", code="S102")

    monkeypatch.setattr(search, "ensure_index", refuse)
    with TestClient(create_app(demo_db)) as client:
        assert client.get("/api/events").status_code == 200
