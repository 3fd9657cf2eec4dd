"""The pandas API: `newsevents.open(db).events(...)` returns one DataFrame row per event.

    import newsevents

    with newsevents.open("news.db") as db:
        assaults = db.events(type="ASSAULT", since="2024-01", country="NG")
        assaults.groupby("country")["fatalities_min"].sum()

Columns are those of the Parquet export (`newsevents.export.flat.FLAT_COLUMNS`) with nullable
pandas dtypes: strings are `string`, counts and fatalities `Int64` (missing stays missing, not NaN
floats), flags `bool`, coordinates `float64`, and `date_first` / `date_last` / `first_published`
`datetime64`. `date` keeps the ISO value at its precision ("2024-05", "2016"). Nested fields
(actors, sources, auxiliary, contexts, conflicts) are JSON strings: `df.actors.map(json.loads)`.

The filters are those of `newsevents events`; background and unrealised (negated, hypothetical)
events are left out unless asked for. pandas is imported here only, on first use of this module.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Any

from newsevents.errors import ConfigError

if TYPE_CHECKING:
    import pandas as pd

    from newsevents.store import Store

__all__ = ["Database", "open"]

_DTYPES = {"str": "string", "bool": "bool", "int": "Int64", "float": "float64"}


class Database:
    """A newsevents database read as DataFrames. Close it (or use `with`) to release the connection."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def events(
        self,
        *,
        type: str | None = None,
        since: str | None = None,
        until: str | None = None,
        country: str | None = None,
        actor: str | None = None,
        story_id: str | None = None,
        include_background: bool = False,
        include_unrealised: bool = False,
        limit: int | None = None,
    ) -> pd.DataFrame:
        """Return the matching events, newest first, one row per event (an empty frame keeps the columns).

        `country` is an ISO alpha-2 code or a country name ("Kenya"); `since`/`until` are YYYY,
        YYYY-MM or YYYY-MM-DD and keep events whose date range overlaps them.
        """
        from newsevents.export.common import event_pages
        from newsevents.export.flat import FLAT_COLUMNS, flat_row
        from newsevents.store import EventQuery

        query = EventQuery(
            type=type, since=since, until=until, country=_country_code(country), actor=actor,
            story_id=story_id, include_background=include_background,
            include_unrealised=include_unrealised, limit=limit,
        )
        columns: dict[str, list[Any]] = {name: [] for name, _ in FLAT_COLUMNS}
        for page in event_pages(self.store, query):
            for event in page:
                for name, value in flat_row(event).items():
                    columns[name].append(value)
        return _frame(columns, FLAT_COLUMNS)

    def stories(self, *, since: str | None = None, until: str | None = None, limit: int | None = None) -> pd.DataFrame:
        """Return stories, newest first: id, title, first and last date, article count, outlets ("; ")
        and the member article ids (a JSON list)."""
        import json

        found = self.store.stories(limit=limit, since=since, until=until)
        columns = {
            "story_id": [story.story_id for story in found], "title": [story.title for story in found],
            "first_date": [_day(story.first_date) for story in found],
            "last_date": [_day(story.last_date) for story in found],
            "num_articles": [len(story.article_ids) for story in found],
            "outlets": ["; ".join(story.outlets) for story in found],
            "article_ids": [json.dumps(story.article_ids) for story in found],
        }
        kinds = (("story_id", "str"), ("title", "str"), ("first_date", "date"), ("last_date", "date"),
                 ("num_articles", "int"), ("outlets", "str"), ("article_ids", "str"))
        return _frame(columns, kinds)

    def close(self) -> None:
        self.store.close()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()


def open(db: str) -> Database:  # noqa: A001 - the public name is newsevents.open
    """Open an existing database (SQLite path or SQLAlchemy URL) for reading as DataFrames.

    Raises StoreError (S001) when the SQLite file does not exist: a typo must not create an empty one.
    """
    from newsevents.store import Store

    return Database(Store.open(db, create=False))


def _frame(columns: dict[str, list[Any]], kinds: Any) -> pd.DataFrame:
    import pandas as pd

    data = {}
    for name, kind in kinds:
        values = columns[name]
        if kind == "date":
            data[name] = pd.Series(pd.to_datetime(values), dtype="datetime64[ns]") if values else \
                pd.Series([], dtype="datetime64[ns]")
        else:
            data[name] = pd.Series(values, dtype=_DTYPES[kind])
    return pd.DataFrame(data)


def _day(value: str | None) -> Any:
    import datetime as dt

    return dt.date.fromisoformat(value) if value else None


def _country_code(value: str | None) -> str | None:
    if not value or len(value) == 2:
        return value.upper() if value else None
    from newsevents.extract.gazetteer import country_code

    code = country_code(value)
    if code is None:
        raise ConfigError(f"Unknown country {value!r}; use an ISO 3166 alpha-2 code such as KE.", code="C302")
    return code
