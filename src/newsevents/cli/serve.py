"""`newsevents serve`: the HTTP API and browser UI under uvicorn, in one or several processes.

Kept apart from `cli/main.py` so that the other commands never import FastAPI or uvicorn.

With `workers` > 1, uvicorn starts that many processes, each building the app with `app_from_env`
(the database and token travel in the environment, not on a command line other users can read);
the search index is brought up to date once, here, before they start, so that they do not all
index the same new articles at once.
"""

from __future__ import annotations

import ipaddress
import logging
import os
import socket
from pathlib import Path
from typing import TYPE_CHECKING, Any

from uvicorn.protocols.http.h11_impl import H11Protocol

from newsevents.errors import StoreError
from newsevents.store import database_url

if TYPE_CHECKING:
    from fastapi import FastAPI

logger = logging.getLogger(__name__)
DB_ENV = "NEWSEVENTS_SERVE_DB"
TOKEN_ENV = "NEWSEVENTS_TOKEN"


def serve(db: str, *, host: str = "127.0.0.1", port: int = 8000, token: str | None = None,
          workers: int = 1) -> None:
    """Serve `db` on http://host:port until interrupted; writes need `token` (read-only without).

    Without a token the database must exist (a read-only server on an empty file is a typo); with
    one, a missing SQLite file is created so that articles can be posted to it. `workers` processes
    share the port (each has its own connections and cache; writes stay one transaction each).
    """
    import uvicorn

    from newsevents.api import create_app

    url = database_url(db)
    if not token and url.startswith("sqlite:///") and not Path(url[len("sqlite:///"):]).exists():
        raise StoreError(f"No database at {db}. Run `newsevents ingest PATH --db {db}` (or `newsevents demo "
                         f"--db {db}`) first, or pass --token to start an empty writable one.", code="S001")
    if not _is_loopback(host):
        logger.warning("serving on %s: reachable from other machines, over plain HTTP", host)
    options: dict[str, Any] = {"host": host, "port": port, "proxy_headers": False, "server_header": False,
                               "log_level": "info", "http": NoDelayH11Protocol}
    if workers <= 1:
        uvicorn.run(create_app(db, token=token), workers=1, **options)
        return
    _index_once(db, writable=bool(token))
    os.environ[DB_ENV] = db
    if token:
        os.environ[TOKEN_ENV] = token
    else:
        os.environ.pop(TOKEN_ENV, None)
    uvicorn.run("newsevents.cli.serve:app_from_env", factory=True, workers=workers, **options)


class NoDelayH11Protocol(H11Protocol):
    """uvicorn's HTTP/1.1 protocol with Nagle's algorithm off on every connection.

    asyncio turns it off only on sockets it created itself; the listening socket uvicorn shares with
    its worker processes is not one, and a keep-alive client then waits ~40 ms (Nagle holding the
    response body until the client's delayed ACK of its headers) on every request.
    """

    def connection_made(self, transport: Any) -> None:
        sock = transport.get_extra_info("socket")
        if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
            try:
                sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            except OSError:  # not a TCP socket after all: nothing to turn off
                pass
        super().connection_made(transport)


def app_from_env() -> FastAPI:
    """The app of one worker process: database and token from the environment `serve` set."""
    from newsevents.api import create_app

    return create_app(os.environ[DB_ENV], token=os.environ.get(TOKEN_ENV) or None)


def _index_once(db: str, *, writable: bool) -> None:
    """Create the schema (when writable) and bring the search index up to date before the workers start."""
    from newsevents.store import Store
    from newsevents.store.search import ensure_index

    store = Store.open(db, create=writable)
    try:
        ensure_index(store)
    except StoreError as error:  # a read-only file: the workers serve it without (search says why)
        logger.warning("%s; serving without it", error)
    finally:
        store.close()


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False
