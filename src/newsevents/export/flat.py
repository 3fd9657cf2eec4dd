"""One flat row per event: the columns of the Parquet export and of `newsevents.open(db).events()`.

Scalars get their own typed column; lists and nested objects (actors, sources, auxiliary, contexts,
conflicts) are JSON strings, so that every tool that reads Parquet or a DataFrame can load them,
and `json.loads` gives the DESIGN.md structure back. `date` keeps the precision-bearing ISO value
("2022-05", "2016"); `date_first` / `date_last` are the days it covers, for range filters.
"""

from __future__ import annotations

import json
from typing import Any, Literal

from newsevents.export.common import article_count, date_interval, outlets
from newsevents.extract.plover import UNREALISED
from newsevents.model import Event

ColumnKind = Literal["str", "bool", "int", "float", "date"]

FLAT_COLUMNS: tuple[tuple[str, ColumnKind], ...] = (
    ("event_id", "str"), ("story_id", "str"), ("type", "str"), ("mode", "str"), ("cameo", "str"),
    ("summary", "str"), ("date", "str"), ("date_precision", "str"), ("date_first", "date"),
    ("date_last", "date"), ("date_basis", "str"), ("background", "bool"), ("unrealised", "bool"),
    ("source_actors", "str"), ("target_actors", "str"), ("participants", "str"),
    ("location", "str"), ("country", "str"), ("admin1", "str"), ("lat", "float"), ("lon", "float"),
    ("location_precision", "str"), ("fatalities_min", "int"), ("fatalities_max", "int"),
    ("fatalities_phrase", "str"), ("num_sources", "int"), ("num_outlets", "int"), ("outlets", "str"),
    ("first_published", "date"), ("auxiliary", "str"), ("contexts", "str"), ("actors", "str"),
    ("sources", "str"), ("conflicts", "str"),
)
COLUMN_NAMES = tuple(name for name, _ in FLAT_COLUMNS)


def flat_row(event: Event) -> dict[str, Any]:
    """The event as a dict of FLAT_COLUMNS (dates as `datetime.date`, missing values None)."""
    interval = date_interval(event)
    location, fatalities = event.location, event.fatalities
    published = [source.published for source in event.sources if source.published]
    return {
        "event_id": event.event_id, "story_id": event.story_id, "type": event.type, "mode": event.mode,
        "cameo": event.cameo, "summary": event.summary, "date": event.date,
        "date_precision": event.date_precision,
        "date_first": interval[0] if interval else None, "date_last": interval[1] if interval else None,
        "date_basis": event.date_basis, "background": event.background,
        "unrealised": bool(UNREALISED & set(event.auxiliary)),
        "source_actors": _names(event, "source"), "target_actors": _names(event, "target"),
        "participants": _names(event, "participant"),
        "location": location.name if location else None, "country": location.country if location else None,
        "admin1": location.admin1 if location else None, "lat": location.lat if location else None,
        "lon": location.lon if location else None, "location_precision": location.precision if location else None,
        "fatalities_min": fatalities.min if fatalities else None,
        "fatalities_max": fatalities.max if fatalities else None,
        "fatalities_phrase": fatalities.phrase if fatalities else None,
        "num_sources": article_count(event), "num_outlets": len(outlets(event)),
        "outlets": "; ".join(outlets(event)),
        "first_published": _day(min(published)) if published else None,
        "auxiliary": _json(event.auxiliary), "contexts": _json(event.contexts),
        "actors": _json([vars(actor) for actor in event.actors]),  # the record's fields, in order,
        "sources": _json([vars(source) for source in event.sources]),  # without asdict's deep copy
        "conflicts": _json(event.conflicts),
    }


def _names(event: Event, role: str) -> str:
    return "; ".join(actor.name for actor in event.actors if actor.role == role)


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def _day(value: str) -> Any:
    import datetime as dt

    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None
