"""Country outlines for the map, drawn as inline SVG from a GeoJSON file shipped with the package.

The outlines are Natural Earth 1:110m admin-0 countries (public domain; see static/geo/SOURCE.md),
in an equirectangular projection: x = longitude, y = −latitude, in degrees, so an event at (lat, lon)
is the point (lon, −lat) and no projection code runs per request. The path data is built once per
process (about 1 ms per country) and reused.

The map zooms to the events shown: `frame` picks a view box around the points with a margin, never
narrower than `MIN_SPAN` degrees, and the point radii scale with it so a zoomed map does not show
giant dots.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

GEOJSON = Path(__file__).parent / "static" / "geo" / "ne_110m_admin_0_countries.geojson"
MIN_SPAN = 24.0
WORLD = (-180.0, -90.0, 360.0, 180.0)


@dataclass(frozen=True)
class Country:
    iso_a2: str | None
    name: str
    path: str  # SVG path data in the map's coordinates


@dataclass(frozen=True)
class Frame:
    x: float
    y: float
    width: float
    height: float

    @property
    def view_box(self) -> str:
        return f"{self.x:.2f} {self.y:.2f} {self.width:.2f} {self.height:.2f}"

    def radius(self, fatalities: int | None) -> float:
        """Point radius in map units: a floor for events without deaths, growing with the square root
        of the (minimum) toll, capped so a mass-casualty event does not hide its neighbours."""
        unit = self.width / 220
        deaths = max(0, fatalities or 0)
        return round(unit * (1.0 + min(math.sqrt(deaths), 12.0) * 0.45), 3)


@cache
def countries() -> tuple[Country, ...]:
    """Every country outline of the bundled file, as SVG path data."""
    with GEOJSON.open(encoding="utf-8") as handle:
        collection = json.load(handle)
    return tuple(
        Country(feature["properties"].get("iso_a2"), feature["properties"].get("name", ""),
                _path(feature["geometry"]))
        for feature in collection["features"]
    )


def _path(geometry: dict[str, Any]) -> str:
    polygons = [geometry["coordinates"]] if geometry["type"] == "Polygon" else geometry["coordinates"]
    return "".join(_ring(ring) for polygon in polygons for ring in polygon)


def _ring(ring: list[list[float]]) -> str:
    points = [f"{_num(lon)} {_num(-lat)}" for lon, lat in ring]
    return "M" + "L".join(points) + "Z" if points else ""


def _num(value: float) -> str:
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text == "-0" else text


def frame(points: list[tuple[float, float]]) -> Frame:
    """A view box around (lat, lon) points with a 15% margin; the whole world when there are none."""
    if not points:
        return Frame(*WORLD)
    lats = [lat for lat, _ in points]
    lons = [lon for _, lon in points]
    width = max(max(lons) - min(lons), MIN_SPAN) * 1.3
    height = max(max(lats) - min(lats), MIN_SPAN / 2) * 1.3
    width, height = max(width, height * 2), max(height, width / 2)  # keep the 2:1 shape of the world
    width, height = min(width, 360.0), min(height, 180.0)
    centre_x = (max(lons) + min(lons)) / 2
    centre_y = -(max(lats) + min(lats)) / 2
    x = min(max(centre_x - width / 2, -180.0), 180.0 - width)
    y = min(max(centre_y - height / 2, -90.0), 90.0 - height)
    return Frame(round(x, 2), round(y, 2), round(width, 2), round(height, 2))
