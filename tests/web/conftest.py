"""Fixtures of the web tests: the example database, an in-process client, a live server on loopback,
and Chromium driven by Playwright (installed here when missing, as CI needs).

Chromium is Debian's (`/usr/bin/chromium`; Playwright's own browser download does not work offline).
When it is missing and the tests run as root with apt-get available, it is installed once; the browser
tests are skipped, with the reason, only when that is impossible.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "src" / "newsevents" / "data" / "examples"
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run"]
XSS_TITLE = "<script>window.__xss = 1</script>Militia <b>raid</b> near Goma"
XSS_TEXT = (
    "Gunmen attacked a village near Goma on Monday, killing 12 people, local officials said. "
    "<script>window.__xss = 1</script> A witness wrote <img src=x onerror=\"window.__xss = 2\"> on a wall. "
    "The army said it had deployed troops to the area on Tuesday."
)


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    """The bundled examples (the two seed reports among them) and one hostile article."""
    from newsevents.jobs import ingest_paths
    from newsevents.store import Store

    directory = tmp_path_factory.mktemp("web_db")
    hostile = directory / "hostile.jsonl"
    hostile.write_text(json.dumps({
        "id": "ar_xss_test", "title": XSS_TITLE, "text": XSS_TEXT, "outlet": "xss.example.com",
        "published": "2024-02-06", "url": "javascript:window.__xss=3",
    }) + "\n", encoding="utf-8")
    db = str(directory / "demo.db")
    with Store.open(db) as store:
        report = ingest_paths([str(EXAMPLES), str(hostile)], store)
    assert not report.skipped, report.skipped
    return db


@pytest.fixture(scope="session")
def pages(demo_db: str) -> Iterator[object]:
    """An in-process client of the pages (no browser)."""
    from fastapi.testclient import TestClient

    from newsevents.api import create_app

    with TestClient(create_app(demo_db)) as client:
        yield client


@pytest.fixture(scope="session")
def live_server(demo_db: str) -> Iterator[str]:
    """The real app under uvicorn on 127.0.0.1 (a free port), in a thread; yields its base URL."""
    import uvicorn

    from newsevents.api import create_app

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(demo_db), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            pytest.fail("the server did not start on 127.0.0.1")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    thread.join(timeout=10)


def _ensure_chromium() -> str | None:
    """Return why Chromium cannot be had, or None once /usr/bin/chromium exists."""
    if Path(CHROMIUM).exists():
        return None
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("apt-get") is None:
        return f"{CHROMIUM} is missing and cannot be installed here (needs root and apt-get): apt-get install chromium"
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    try:
        subprocess.run(["apt-get", "update"], check=True, capture_output=True, timeout=300, env=env)
        subprocess.run(["apt-get", "install", "-y", "--no-install-recommends", "chromium"], check=True,
                       capture_output=True, timeout=900, env=env)
    except (subprocess.SubprocessError, OSError) as error:
        return f"installing chromium with apt-get failed: {error}"
    return None if Path(CHROMIUM).exists() else f"apt-get installed chromium but {CHROMIUM} is still missing"


def _ensure_playwright() -> str | None:
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        try:
            subprocess.run([sys.executable, "-m", "pip", "install", "playwright>=1.45"], check=True,
                           capture_output=True, timeout=300)
            import playwright.sync_api  # noqa: F401,F811
        except (subprocess.SubprocessError, OSError, ImportError) as error:
            return f"playwright is not installed and pip could not install it: {error}"
    return None


@pytest.fixture(scope="session")
def browser() -> Iterator[object]:
    reason = _ensure_playwright() or _ensure_chromium()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield launched
        launched.close()


class Watch:
    """What a page did that it must not: requests off the loopback, console errors (CSP violations
    among them), uncaught exceptions, and dialogs (an executed `alert` of an XSS payload)."""

    def __init__(self) -> None:
        self.foreign: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []


@pytest.fixture()
def page(browser, live_server: str) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """A fresh page with `base` (the live server) and `watch` attached; fails the test on anything
    `Watch` records."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, base_url=live_server)
    watch = Watch()

    def route(route) -> None:  # type: ignore[no-untyped-def]
        host = urlparse(route.request.url).hostname
        if host in ("127.0.0.1", "localhost") or route.request.url.startswith("data:"):
            route.continue_()
        else:
            watch.foreign.append(route.request.url)
            route.abort()

    context.route("**/*", route)
    opened = context.new_page()
    opened.on("console", lambda message: message.type == "error" and watch.errors.append(message.text))
    opened.on("pageerror", lambda error: watch.errors.append(str(error)))

    def dialog(box) -> None:  # type: ignore[no-untyped-def]
        watch.dialogs.append(box.message)
        box.dismiss()

    opened.on("dialog", dialog)
    opened.watch = watch  # type: ignore[attr-defined]
    yield opened
    context.close()
    assert watch.foreign == [], f"requests left the machine: {watch.foreign}"
    assert watch.errors == [], f"console errors: {watch.errors}"
    assert watch.dialogs == [], f"a dialog opened: {watch.dialogs}"


@pytest.fixture(scope="session")
def screenshot_dir() -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS
