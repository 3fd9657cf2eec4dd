"""The bundled country outlines and the map frame."""

from __future__ import annotations

import json
import re

import pytest

from newsevents.web.outlines import GEOJSON, MIN_SPAN, WORLD, Frame, countries, frame


def test_outlines_are_bundled_natural_earth_countries() -> None:
    shapes = countries()
    assert len(shapes) == 177
    codes = {shape.iso_a2 for shape in shapes}
    assert {"KE", "SO", "AF", "UA", "US", "BR"} <= codes
    assert (GEOJSON.parent / "SOURCE.md").read_text().count("public domain") >= 1
    assert json.loads(GEOJSON.read_text())["type"] == "FeatureCollection"


def test_outline_paths_are_svg_path_data_in_map_units() -> None:
    kenya = next(shape for shape in countries() if shape.iso_a2 == "KE")
    assert re.fullmatch(r"(M[-\d. L]+Z)+", kenya.path)
    numbers = [float(n) for n in re.findall(r"-?\d+(?:\.\d+)?", kenya.path)]
    xs, ys = numbers[0::2], numbers[1::2]
    assert 33 < min(xs) < max(xs) < 42.5 and -6 < min(ys) < max(ys) < 5  # lon, -lat (Kenya: 4.7°S–5.5°N)


def test_frame_without_points_is_the_world() -> None:
    assert frame([]) == Frame(*WORLD)


@pytest.mark.parametrize("points", [
    [(2.04, 45.34)],
    [(2.04, 45.34), (-1.29, 36.82), (34.53, 69.17)],
    [(50.45, 30.52), (-33.9, 18.4), (64.1, -21.9), (-41.3, 174.8)],
])
def test_frame_contains_every_point_and_keeps_the_world_shape(points) -> None:
    view = frame(points)
    for lat, lon in points:
        assert view.x <= lon <= view.x + view.width and view.y <= -lat <= view.y + view.height
    assert view.width >= MIN_SPAN and abs(view.width / view.height - 2) < 0.05
    assert -180 <= view.x and view.x + view.width <= 180.01 and -90 <= view.y and view.y + view.height <= 90.01


def test_radius_grows_with_deaths_and_is_capped() -> None:
    view = Frame(*WORLD)
    radii = [view.radius(deaths) for deaths in (None, 0, 1, 12, 140, 500, 100_000)]
    assert radii[0] == radii[1] < radii[2] < radii[3] < radii[4] < radii[5]
    assert radii[5] == radii[6]
    assert frame([(2.0, 45.0)]).radius(10) < view.radius(10), "a zoomed map draws smaller dots"
