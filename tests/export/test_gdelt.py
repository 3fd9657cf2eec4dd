"""GDELT 2.0-shaped TSV: 61 columns in GDELT's order, CAMEO codes, QuadClass, Goldstein, source counts."""

from __future__ import annotations

import io

import pytest

from newsevents.export import export_events, write_events
from newsevents.export.common import ExportOptions
from newsevents.export.gdelt import GDELT_COLUMNS, GOLDSTEIN, gdelt_row, global_event_id, quad_class
from newsevents.model import Actor, Event, Evidence, Location
from newsevents.store import EventQuery

COLUMN = {name: index for index, name in enumerate(GDELT_COLUMNS)}


def _event(*, cameo: str | None = "193", type_: str = "ASSAULT", date: str | None = "2024-05-03",
           location: Location | None = None, sources: list[Evidence] | None = None) -> Event:
    return Event(
        event_id="ev_51160a8bf8acb3cc", type=type_, cameo=cameo, date=date,
        actors=[Actor("Al-Shabaab", "source", "group", "SO"), Actor("Kenyan soldiers", "target", "military", "KE")],
        location=location or Location("Garissa", "KE", "KE-07", -0.45, 39.65, "city"),
        sources=sources or [
            Evidence("ar_b", "https://b.example/x", "b.example", "2024-05-05", False, "s", 2400, 2500),
            Evidence("ar_a", "a.txt", "a.example", "2024-05-04", False, "s", 120, 200),
            Evidence("ar_a", "a.txt", "a.example", "2024-05-04", False, "s2", 900, 990),
        ],
    )


def _row(event: Event, **kwargs: object) -> dict[str, object]:
    values = gdelt_row(event, **kwargs)
    assert values is not None and len(values) == 61
    return dict(zip(GDELT_COLUMNS, values))


def test_gdelt_columns_are_gdelts_61_in_order() -> None:
    assert len(GDELT_COLUMNS) == 61
    assert GDELT_COLUMNS[:5] == ("GlobalEventID", "Day", "MonthYear", "Year", "FractionDate")
    assert GDELT_COLUMNS[25:35] == ("IsRootEvent", "EventCode", "EventBaseCode", "EventRootCode", "QuadClass",
                                    "GoldsteinScale", "NumMentions", "NumSources", "NumArticles", "AvgTone")
    assert GDELT_COLUMNS[51] == "ActionGeo_Type" and GDELT_COLUMNS[-2:] == ("DATEADDED", "SOURCEURL")


def test_gdelt_row_codes_actors_counts_and_geo() -> None:
    row = _row(_event(), urls={"ar_a": "https://a.example/garissa"})
    assert row["GlobalEventID"] == 0x51160A8BF8ACB3C == global_event_id("ev_51160a8bf8acb3cc")
    assert (row["Day"], row["MonthYear"], row["Year"]) == ("20240503", "202405", 2024)
    assert row["FractionDate"] == pytest.approx(2024 + 123 / 365, abs=1e-4)
    assert (row["Actor1Code"], row["Actor1Name"], row["Actor1CountryCode"], row["Actor1Type1Code"]) == \
        ("SOMREB", "AL-SHABAAB", "SOM", "REB")
    assert (row["Actor2Code"], row["Actor2Type1Code"]) == ("KENMIL", "MIL")
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == ("193", "193", "19")
    assert (row["QuadClass"], row["GoldsteinScale"], row["AvgTone"]) == (4, -10.0, 0)
    assert (row["NumMentions"], row["NumSources"], row["NumArticles"]) == (3, 2, 2)
    assert row["IsRootEvent"] == 1
    assert (row["ActionGeo_Type"], row["ActionGeo_FullName"], row["ActionGeo_CountryCode"]) == \
        (4, "Garissa, Kenya", "KE")
    assert (row["ActionGeo_ADM1Code"], row["ActionGeo_Lat"], row["ActionGeo_Long"]) == ("KE07", -0.45, 39.65)
    assert (row["Actor1Geo_Type"], row["Actor1Geo_CountryCode"], row["Actor1Geo_FeatureID"]) == (1, "SO", "SO")
    assert row["DATEADDED"] == "20240504000000"
    assert row["SOURCEURL"] == "https://a.example/garissa"


def test_gdelt_row_source_url_falls_back_to_origin() -> None:
    assert _row(_event())["SOURCEURL"] == "a.txt"


@pytest.mark.parametrize("location, geo_type, adm1", [
    (Location("Somalia", "SO", None, 5.15, 46.2, "country"), 1, "SO"),
    (Location("Borno", "NG", "NG-BO", 11.5, 13.0, "admin1"), 5, "NGBO"),
    (Location("Virginia", "US", "US-VA", 37.5, -78.8, "admin1"), 2, "USVA"),
    (Location("Pentagon", "US", "US-VA", 38.87, -77.06, "site"), 3, "USVA"),
])
def test_gdelt_action_geo_type_follows_precision(location: Location, geo_type: int, adm1: str) -> None:
    row = _row(_event(location=location))
    assert (row["ActionGeo_Type"], row["ActionGeo_ADM1Code"]) == (geo_type, adm1)


@pytest.mark.parametrize("date, expected", [
    ("2024-05", ("", "202405", 2024, "")),
    ("2016", ("", "", 2016, "")),
])
def test_gdelt_row_dates_no_more_precise_than_the_event(date: str, expected: tuple[object, ...]) -> None:
    row = _row(_event(date=date))
    assert (row["Day"], row["MonthYear"], row["Year"], row["FractionDate"]) == expected


@pytest.mark.parametrize("date", [None, "XXXX-05-04"])
def test_gdelt_row_without_a_year_is_left_out(date: str | None) -> None:
    assert gdelt_row(_event(date=date)) is None


@pytest.mark.parametrize("cameo, type_, code, quad, goldstein", [
    ("040", "CONSULT", "040", 1, 1.0),
    ("057", "SUPPORT", "057", 1, 3.5),
    ("073", "AID", "073", 2, 7.0),
    ("0871", "RETREAT", "0871", 2, 5.0),
    ("112", "ACCUSE", "112", 3, -2.0),
    ("140", "PROTEST", "140", 4, -6.5),
    ("1831", "ASSAULT", "1831", 4, -9.0),
    (None, "ASSAULT", "190", 4, -10.0),
    (None, "MOBILIZE", "150", 4, -7.2),
])
def test_gdelt_row_cameo_quad_class_and_goldstein(cameo: str | None, type_: str, code: str, quad: int,
                                                  goldstein: float) -> None:
    row = _row(_event(cameo=cameo, type_=type_))
    assert (row["EventCode"], row["EventBaseCode"], row["EventRootCode"]) == (code, code[:3], code[:2])
    assert (row["QuadClass"], row["GoldsteinScale"]) == (quad, goldstein)


def test_quad_class_covers_every_root() -> None:
    assert [quad_class(f"{root:02d}") for root in range(1, 21)] == [1] * 5 + [2] * 3 + [3] * 5 + [4] * 7
    assert set(GOLDSTEIN) == {f"{root:02d}" for root in range(1, 21)}


def test_write_gdelt_has_no_header_unless_asked_and_no_stray_tabs() -> None:
    event = _event()
    event.actors[0].name = "Al-Shabaab\tfighters\n"
    plain, with_header = io.StringIO(), io.StringIO()
    write_events([event, _event(date=None)], plain, format="gdelt")
    report = write_events([event], with_header, format="gdelt", options=ExportOptions(header=True))
    lines = plain.getvalue().splitlines()
    assert len(lines) == 1 and len(lines[0].split("\t")) == 61
    assert "AL-SHABAAB FIGHTERS" in lines[0]
    header = with_header.getvalue().splitlines()[0].split("\t")
    assert header == list(GDELT_COLUMNS) and report.written == 1


def test_export_gdelt_counts_both_seed_reports_of_the_forum(export_store) -> None:  # type: ignore[no-untyped-def]
    stream = io.StringIO()
    report = export_events(export_store, EventQuery(), format="gdelt", out=stream)
    rows = [line.split("\t") for line in stream.getvalue().splitlines()]
    assert rows and all(len(row) == 61 for row in rows) and len(rows) == report.written
    consult = [row for row in rows if row[COLUMN["EventRootCode"]] == "04"]
    assert any(int(row[COLUMN["NumSources"]]) >= 2 and int(row[COLUMN["NumArticles"]]) >= 2 for row in consult)
    assert all(row[COLUMN["QuadClass"]] in {"1", "2", "3", "4"} for row in rows)
