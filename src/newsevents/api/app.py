"""The application factory: one FastAPI app serving the JSON API, the pages and their static files.

Nothing touches the database at import or at `create_app`: the lifespan opens the store when the
server starts (which creates or upgrades its schema, indexes included, and builds the search index for
articles not indexed yet) and closes it at shutdown.
Without a token the server is read-only (POST answers 403). CORS is closed unless origins are
given: browsers then refuse other sites' scripts reading the API.
"""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException

from newsevents import __version__
from newsevents.config import DEFAULT_MAX_BYTES, Settings
from newsevents.errors import ConfigError, InputError, NewsEventsError, StoreError
from newsevents.store import Store

logger = logging.getLogger(__name__)

STATIC = Path(__file__).resolve().parent.parent / "web" / "static"
MAX_BODY_BYTES = DEFAULT_MAX_BYTES
"""Request bodies above this answer 413: the CLI's own limit on one input file."""

DESCRIPTION = """Events extracted from news articles — who did what to whom, where, when, how many
killed — each traceable to the sentences that report it, grouped into stories across outlets.

Reads need no credentials. `POST /api/articles` needs the token the server was started with
(`Authorization: Bearer <token>`); a server started without one is read-only."""


def create_app(db: str, *, token: str | None = None, max_body_bytes: int = MAX_BODY_BYTES,
               cors_origins: Sequence[str] = (), settings: Settings | None = None) -> FastAPI:
    """Build the app for the database `db` (a path or SQLAlchemy URL).

    `token` enables writes; `max_body_bytes` caps request bodies (413 above it); `cors_origins`
    lists the origins allowed to read the API from a browser (none by default); `settings` are the
    pipeline's for ingested articles.
    """
    from newsevents.api.routers import articles, events, export, search, stories
    from newsevents.api.security import BodyLimitMiddleware, SecurityHeadersMiddleware
    from newsevents.web import pages

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        from newsevents.api.ingest import Ingester
        from newsevents.store.search import ensure_index

        store = Store.open(db, create=bool(token))
        try:
            _prepare(store, ensure_index)
            app.state.store = store
            app.state.ingester = Ingester(store, settings=settings)
            yield
        finally:
            from newsevents.api import cache

            cache.forget(store)
            store.close()

    app = FastAPI(
        title="newsevents", version=__version__, description=DESCRIPTION, lifespan=lifespan,
        docs_url=None, redoc_url=None, openapi_url="/api/openapi.json",
    )
    app.state.token = token or None
    for router in (events.router, stories.router, articles.router, articles.write_router, search.router,
                   export.router):
        app.include_router(router)

    @app.get("/api/health", tags=["meta"], summary="Health")
    def health() -> dict[str, object]:
        """Whether the server is up, and whether it accepts writes."""
        return {"status": "ok", "writable": app.state.token is not None}

    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _add_error_handlers(app)
    if cors_origins:
        from fastapi.middleware.cors import CORSMiddleware

        app.add_middleware(CORSMiddleware, allow_origins=list(cors_origins), allow_methods=["GET"],
                           allow_headers=["Authorization", "Content-Type"])
    app.add_middleware(BodyLimitMiddleware, max_bytes=max_body_bytes)
    app.add_middleware(SecurityHeadersMiddleware)
    return app


def _prepare(store: Store, *steps: Callable[[Store], object]) -> None:
    """Bring the search index up to date; a database the server cannot write (a read-only file) is
    still served, and search answers with the reason."""
    for step in steps:
        try:
            step(store)
        except StoreError as error:
            logger.warning("%s; serving without it", error)


def _wants_html(request: Request) -> bool:
    path = request.url.path
    return not (path.startswith("/api/") or path.startswith("/static/"))


def _add_error_handlers(app: FastAPI) -> None:
    from newsevents.web.render import templates

    def page(request: Request, status: int, message: str) -> Response:
        return templates().TemplateResponse(request, "error.html", {"status": status, "message": message},
                                            status_code=status)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, error: HTTPException) -> Response:
        if _wants_html(request) and error.status_code in (400, 404, 405):
            return page(request, error.status_code, str(error.detail))
        return JSONResponse({"detail": error.detail}, status_code=error.status_code, headers=error.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, error: RequestValidationError) -> Response:
        if _wants_html(request):
            problems = "; ".join(f"{'.'.join(str(p) for p in e['loc'][1:])}: {e['msg']}" for e in error.errors())
            return page(request, 400, f"Invalid request: {problems}")
        return JSONResponse({"detail": jsonable_encoder(error.errors())}, status_code=422)

    @app.exception_handler(NewsEventsError)
    async def library_error(request: Request, error: NewsEventsError) -> Response:
        status = 400 if isinstance(error, (ConfigError, InputError)) else 500
        if status == 500:
            logger.error("%s", error)
        if _wants_html(request):
            return page(request, status, error.message)
        return JSONResponse({"detail": error.message, "code": error.code}, status_code=status)
