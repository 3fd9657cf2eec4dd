"""`newsevents serve`: the HTTP API and browser UI under uvicorn, in one process.

Kept apart from `cli/main.py` so that the other commands never import FastAPI or uvicorn.
"""

from __future__ import annotations

import ipaddress
import logging
from pathlib import Path

from newsevents.errors import StoreError
from newsevents.store import database_url

logger = logging.getLogger(__name__)


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None) -> None:
    """Serve `db` on http://host:port until interrupted; writes need `token` (read-only without).

    Without a token the database must exist (a read-only server on an empty file is a typo); with
    one, a missing SQLite file is created so that articles can be posted to it.
    """
    import uvicorn

    from newsevents.api import create_app

    url = database_url(db)
    if not token and url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        raise StoreError(f"No database at {db}. Run `newsevents ingest PATH --db {db}` (or `newsevents demo "
                         f"--db {db}`) first, or pass --token to start an empty writable one.", code="S001")
    if not _is_loopback(host):
        logger.warning("serving on %s: reachable from other machines, over plain HTTP", host)
    uvicorn.run(create_app(db, token=token), host=host, port=port, workers=1, proxy_headers=False,
                server_header=False, log_level="info")


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
