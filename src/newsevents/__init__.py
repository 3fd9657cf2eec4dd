"""newsevents: news articles in, one deduplicated, source-attributed, time-correct record of events out.

    from newsevents import Pipeline, Store
    from newsevents.ingest import iter_articles

    pipeline = Pipeline()
    articles = [pipeline(a) for a in iter_articles(["news/"]) if not isinstance(a, Skipped)]

    with newsevents.open("news.db") as db:   # stored events as a pandas DataFrame
        frame = db.events(type="ASSAULT", since="2024")

Importing the package is cheap: the pipeline, the store and the stages' data load on first use.
"""

from newsevents.config import Settings
from newsevents.errors import ConfigError, ExtractError, InputError, NewsEventsError, StoreError
from newsevents.model import (
    Actor, Article, Dateline, Event, Evidence, Fatalities, Location, Mention, Sentence, Skipped, TimeExpr,
)

__version__ = "0.1.0"

_LAZY = {
    "Pipeline": "newsevents.pipeline", "Store": "newsevents.store", "EventQuery": "newsevents.store",
    "open": "newsevents.frame",  # newsevents.open(db).events() → a pandas DataFrame
}


def __getattr__(name: str) -> object:
    """Import the pipeline and the store on first use: they pull in spaCy and SQLAlchemy."""
    if name in _LAZY:
        import importlib

        return getattr(importlib.import_module(_LAZY[name]), name)
    raise AttributeError(f"module 'newsevents' has no attribute {name!r}")


__all__ = [
    "Actor", "Article", "ConfigError", "Dateline", "Event", "EventQuery", "Evidence", "ExtractError",
    "Fatalities", "InputError", "Location", "Mention", "NewsEventsError", "Pipeline", "Sentence",
    "Settings", "Skipped", "Store", "StoreError", "TimeExpr", "__version__", "open",
]
