"""GDELT 2.0 event table shape: tab-separated, GDELT's 61 columns in GDELT's order, no header by default.

How each column is filled (GDELT's meaning first, then ours):

- GlobalEventID: an integer, `int(event_id[3:18], 16)` — the first 15 hex digits of our id
  ("ev_51160a8bf8acb3cc" → 0x51160a8bf8acb3c), so it fits GDELT's signed 64-bit column and maps back.
- Day (YYYYMMDD), MonthYear (YYYYMM), Year, FractionDate (year + (day of year − 1) / 365, GDELT's
  formula): filled only as far as the event's date is precise — a month-precision event has an empty
  Day and FractionDate, a year-precision one only Year. Events whose year is unknown (no date, or a
  day without a year) are left out and counted: GDELT rows are indexed by date.
- Actor1*/Actor2*: the first actor of each side (sources, then targets). Code = CAMEO country code
  (ISO alpha-3) + CAMEO type code from the actor's kind (MIL, COP, GOV, REB, CRM, CVL, MED, NGO, IGO);
  Name in capitals as GDELT writes it; CountryCode ISO alpha-3; Type1Code the type code.
  KnownGroup, Ethnic and Religion codes stay empty (we do not code them).
- IsRootEvent: 1 when some source reports the event in its lead (the first 600 characters of the
  article, about GDELT's "first paragraph"), else 0.
- EventCode / EventBaseCode / EventRootCode: our CAMEO code, its first three digits and first two;
  an event without a CAMEO code gets its PLOVER type's root code ("190" for ASSAULT).
- QuadClass from the root code (01–05 verbal cooperation, 06–08 material cooperation, 09–13 verbal
  conflict, 14–20 material conflict); GoldsteinScale from the root code (the CAMEO codebook's
  root-level values, below).
- NumMentions: evidence sentences; NumSources: distinct outlets (an article without an outlet counts
  as its own source); NumArticles: distinct articles — from our fusion of reports across outlets.
- AvgTone: 0 — we do not score tone, and 0 is GDELT's neutral value.
- Geo (Actor1Geo_*, Actor2Geo_*, ActionGeo_*): Type 1 country, 2 US state, 3 US city, 4 world city,
  5 world state (admin1), from the location's precision (sites count as cities). CountryCode and the
  country part of ADM1Code are ISO alpha-2, NOT GDELT's FIPS 10-4 (the two agree for many countries
  but not all: Burundi is BI in ISO, BY in FIPS). ADM1Code is the country code + the subdivision
  code without separator ("KE-07" → "KE07"); a country-level place has the country code itself.
  ADM2Code is empty. FeatureID: the ADM1Code for countries and subdivisions, empty for towns (GDELT
  uses GNS ids, which we do not have). Actors' geo is their country (centroid), when known.
- DATEADDED: the earliest source's publication day as YYYYMMDD000000 (GDELT stamps when it first saw
  the event; our first report is that moment's best available stand-in); empty if no source is dated.
- SOURCEURL: the URL of the earliest-published source article, else its origin (a file path).

Tabs and line breaks inside values become spaces: GDELT files have no quoting.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from typing import IO

from newsevents.export.common import (
    ExportOptions, ExportReport, Pages, admin1_name, country, country_centroid, date_interval,
    first_source, sides, source_count,
)
from newsevents.model import Actor, Event

_ACTOR_FIELDS = ("Code", "Name", "CountryCode", "KnownGroupCode", "EthnicCode", "Religion1Code",
                 "Religion2Code", "Type1Code", "Type2Code", "Type3Code")
_GEO_FIELDS = ("Type", "FullName", "CountryCode", "ADM1Code", "ADM2Code", "Lat", "Long", "FeatureID")
GDELT_COLUMNS = (
    "GlobalEventID", "Day", "MonthYear", "Year", "FractionDate",
    *(f"Actor1{name}" for name in _ACTOR_FIELDS), *(f"Actor2{name}" for name in _ACTOR_FIELDS),
    "IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass", "GoldsteinScale",
    "NumMentions", "NumSources", "NumArticles", "AvgTone",
    *(f"Actor1Geo_{name}" for name in _GEO_FIELDS), *(f"Actor2Geo_{name}" for name in _GEO_FIELDS),
    *(f"ActionGeo_{name}" for name in _GEO_FIELDS),
    "DATEADDED", "SOURCEURL",
)
assert len(GDELT_COLUMNS) == 61

# CAMEO root code → Goldstein scale (the CAMEO codebook's values for the root codes).
GOLDSTEIN = {
    "01": 0.0, "02": 3.0, "03": 4.0, "04": 1.0, "05": 3.5, "06": 6.0, "07": 7.0, "08": 5.0,
    "09": -2.0, "10": -5.0, "11": -2.0, "12": -4.0, "13": -6.0, "14": -6.5, "15": -7.2,
    "16": -4.0, "17": -7.0, "18": -9.0, "19": -10.0, "20": -10.0,
}
# PLOVER type → the CAMEO code used when an event has none.
DEFAULT_CAMEO = {
    "AGREE": "030", "CONSULT": "040", "SUPPORT": "050", "COOPERATE": "060", "AID": "070",
    "CONCEDE": "080", "RETREAT": "087", "REQUEST": "100", "ACCUSE": "110", "REJECT": "120",
    "THREATEN": "130", "PROTEST": "140", "MOBILIZE": "150", "SANCTION": "160", "COERCE": "170",
    "ASSAULT": "190",
}
_ACTOR_TYPES = {
    "military": "MIL", "police": "COP", "government": "GOV", "group": "REB", "rebels": "REB",
    "criminal": "CRM", "civilians": "CVL", "media": "MED", "ngo": "NGO", "igo": "IGO",
}
_LEAD_CHARS = 600
_COUNTRY, _US_STATE, _US_CITY, _WORLD_CITY, _WORLD_STATE = 1, 2, 3, 4, 5


def write_gdelt(pages: Pages, stream: IO[str], options: ExportOptions) -> ExportReport:
    """Write one GDELT row per event whose year is known; a header line only if `options.header`."""
    report = ExportReport("gdelt")
    if options.header:
        stream.write("\t".join(GDELT_COLUMNS) + "\n")
    for page in pages:
        urls = options.urls(a for event in page for a in {s.article_id for s in event.sources}) if options.urls else {}
        for event in page:
            row = gdelt_row(event, urls=urls)
            if row is None:
                report.leave_out("year unknown")
                continue
            stream.write("\t".join(_cell(value) for value in row) + "\n")
            report.written += 1
    return report


def gdelt_row(event: Event, *, urls: dict[str, str] | None = None) -> list[object] | None:
    """The event's 61 GDELT values in column order, or None when its year is unknown."""
    dates = _dates(event)
    if dates is None:
        return None
    code = event.cameo or DEFAULT_CAMEO.get(event.type, "")
    root = code[:2]
    side1, side2 = sides(event)
    first_article, first_day = first_source(event)
    source_url = (urls or {}).get(first_article or "") or next(
        (s.origin for s in event.sources if s.article_id == first_article), "")
    return [
        global_event_id(event.event_id), *dates,
        *_actor(side1[0] if side1 else None), *_actor(side2[0] if side2 else None),
        int(any(source.char_start < _LEAD_CHARS for source in event.sources)),
        code, code[:3], root, quad_class(root), GOLDSTEIN.get(root, ""),
        len(event.sources), source_count(event), len({s.article_id for s in event.sources}), 0,
        *_actor_geo(side1[0] if side1 else None), *_actor_geo(side2[0] if side2 else None),
        *_action_geo(event),
        f"{first_day.replace('-', '')}000000" if first_day else "", source_url,
    ]


def global_event_id(event_id: str) -> int:
    """GDELT's integer id of an event: its id's first 15 hex digits (a hash of the id if it has none)."""
    digits = event_id.removeprefix("ev_")[:15]
    try:
        return int(digits, 16)
    except ValueError:
        return int(hashlib.sha256(event_id.encode()).hexdigest()[:15], 16)


def quad_class(root: str) -> int | str:
    """GDELT's QuadClass of a CAMEO root code ("" for a code that is not one)."""
    if not root.isdigit():
        return ""
    number = int(root)
    if 1 <= number <= 5:
        return 1
    if 6 <= number <= 8:
        return 2
    if 9 <= number <= 13:
        return 3
    return 4 if 14 <= number <= 20 else ""


def _dates(event: Event) -> tuple[object, object, object, object] | None:
    interval = date_interval(event)
    if interval is None:
        return None
    first, last = interval
    if first == last:
        fraction = round(first.year + (first.timetuple().tm_yday - 1) / 365, 4)
        return first.strftime("%Y%m%d"), first.strftime("%Y%m"), first.year, fraction
    same_month = (first.year, first.month) == (last.year, last.month)
    return "", first.strftime("%Y%m") if same_month else "", first.year if first.year == last.year else "", ""


def _actor(actor: Actor | None) -> list[object]:
    if actor is None:
        return [""] * len(_ACTOR_FIELDS)
    place = country(actor.country)
    kind = _ACTOR_TYPES.get(actor.kind, "")
    code = (place.alpha3 if place else "") + kind
    return [code, actor.name.upper(), place.alpha3 if place else "", "", "", "", "", kind, "", ""]


def _actor_geo(actor: Actor | None) -> list[object]:
    if actor is None or not actor.country or country(actor.country) is None:
        return [""] * len(_GEO_FIELDS)
    return _country_geo(actor.country)


def _country_geo(code: str) -> list[object]:
    place = country(code)
    lat, lon = country_centroid(code) or ("", "")
    return [_COUNTRY, place.name if place else code, code, code, "", lat, lon, code]


def _action_geo(event: Event) -> list[object]:
    location = event.location
    if location is None or (location.lat is None and not location.country):
        return [""] * len(_GEO_FIELDS)
    code = location.country or ""
    if location.precision == "country" and code:
        geo = _country_geo(code)
        if location.lat is not None:
            geo[5], geo[6] = location.lat, location.lon
        return geo
    us = code == "US"
    admin1 = (location.admin1 or "").replace("-", "").replace(".", "")
    if location.precision == "admin1":
        geo_type, feature = (_US_STATE if us else _WORLD_STATE), admin1
    else:
        geo_type, feature = (_US_CITY if us else _WORLD_CITY), ""
    place = country(code)
    names = _unique([location.name, admin1_name(location.admin1), place.name if place else None])
    lat = location.lat if location.lat is not None else ""
    lon = location.lon if location.lon is not None else ""
    return [geo_type, ", ".join(names), code, admin1 or code, "", lat, lon, feature]


def _unique(names: Sequence[str | None]) -> list[str]:
    seen: list[str] = []
    for name in names:
        if name and name not in seen:
            seen.append(name)
    return seen


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.strftime("%Y%m%d")
    return " ".join(str(value).split()) if isinstance(value, str) else str(value)
