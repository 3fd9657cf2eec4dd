"""The HTTP API and browser UI of newsevents.

    from newsevents.api import create_app
    app = create_app("news.db", token="s3cret")   # serve with uvicorn; `newsevents serve` does

Importing this package imports FastAPI but opens nothing: the store is opened by the app's lifespan.
"""

from newsevents.api.app import MAX_BODY_BYTES, create_app

__all__ = ["MAX_BODY_BYTES", "create_app"]
