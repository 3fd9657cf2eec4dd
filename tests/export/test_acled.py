"""ACLED-shaped CSV: ACLED's columns, its taxonomy, and its conservative fatality convention."""

from __future__ import annotations

import csv
import datetime as dt
import io

import pytest

from newsevents.export import export_events, write_events
from newsevents.export.acled import ACLED_COLUMNS, EXTRA_COLUMNS, acled_category, acled_fatalities, acled_row
from newsevents.export.common import ExportOptions
from newsevents.model import Actor, Event, Evidence, Fatalities, Location
from newsevents.store import EventQuery

NOW = dt.datetime(2024, 6, 1, tzinfo=dt.timezone.utc)


def _event(type_: str, mode: str | None = None, cameo: str | None = None, *, actors: list[Actor] | None = None,
           date: str | None = "2024-05-03", precision: str = "day", country: str = "NG",
           fatalities: Fatalities | None = None, summary: str = "") -> Event:
    return Event(
        event_id="ev_0123456789abcdef", type=type_, mode=mode, cameo=cameo, date=date, date_precision=precision,
        actors=actors or [], location=Location("Maiduguri", country, "NG-BO", 11.85, 13.16, "city"),
        fatalities=fatalities, summary=summary,
        sources=[Evidence("ar_1", "a.txt", "dailyledger.example", "2024-05-04", False, "s", 0, 10)],
    )


ARMY = Actor("Nigerian Army", "source", "military", "NG")
BOKO = Actor("Boko Haram", "source", "group", "NG")
VILLAGERS = Actor("villagers", "target", "civilians", "NG")
PROTESTERS = Actor("protesters", "target", "civilians", "NG")
MOB = Actor("an angry mob", "source", "unknown", "NG")


@pytest.mark.parametrize("phrase, low, high, expected", [
    ("killed dozens of villagers", 24, None, 12),
    ("Hundreds of civilians were killed", 200, None, 100),
    ("tens of people died in the fighting", 20, None, 10),
    ("scores of people were killed", 40, None, 20),
    ("thousands were feared dead", 2000, None, 1000),
    ("killed at least 140 people", 140, None, 140),
    ("killing more than a dozen troops", 13, None, 13),
    ("two dozen soldiers were killed", 24, 24, 24),
    ("killing at least 12 people | killed dozens of residents", 12, None, 12),
    ("up to 15 people were killed", None, 15, 0),
    ("a soldier was killed", 1, 1, 1),
])
def test_acled_fatalities_follows_acled_convention(phrase: str, low: int | None, high: int | None,
                                                   expected: int) -> None:
    assert acled_fatalities(Fatalities(low, high, phrase)) == expected


def test_acled_fatalities_none_reported_is_zero() -> None:
    assert acled_fatalities(None) == 0


@pytest.mark.parametrize("event, expected", [
    (_event("ASSAULT", "aerial", "195", actors=[ARMY]), ("Explosions/Remote violence", "Air/drone strike")),
    (_event("ASSAULT", "drone", "195", actors=[ARMY]), ("Explosions/Remote violence", "Air/drone strike")),
    (_event("ASSAULT", "heavy-weapons", "194", actors=[ARMY]),
     ("Explosions/Remote violence", "Shelling/artillery/missile attack")),
    (_event("ASSAULT", "explosives", "183", actors=[BOKO]),
     ("Explosions/Remote violence", "Remote explosive/landmine/IED")),
    (_event("ASSAULT", "suicide-attack", "1831", actors=[BOKO]), ("Explosions/Remote violence", "Suicide bomb")),
    (_event("ASSAULT", "abduct", "181", actors=[BOKO, VILLAGERS]),
     ("Violence against civilians", "Abduction/forced disappearance")),
    (_event("ASSAULT", None, "190", actors=[BOKO, VILLAGERS]), ("Violence against civilians", "Attack")),
    (_event("ASSAULT", None, "190", actors=[BOKO, Actor("troops", "target", "military", "NG")]),
     ("Battles", "Armed clash")),
    (_event("ASSAULT", "occupy", "192", actors=[BOKO]), ("Battles", "Non-state actor overtakes territory")),
    (_event("ASSAULT", "occupy", "192", actors=[ARMY]), ("Battles", "Government regains territory")),
    (_event("ASSAULT", "arson", "180", actors=[BOKO]), ("Strategic developments", "Looting/property destruction")),
    (_event("ASSAULT", "firearms", "193", actors=[Actor("police", "source", "police", "NG"), PROTESTERS]),
     ("Protests", "Excessive force against protesters")),
    (_event("ASSAULT", None, "190", actors=[MOB, VILLAGERS]), ("Riots", "Mob violence")),
    (_event("PROTEST", "demonstrate", "140", actors=[Actor("teachers", "source", "civilians", "NG")]),
     ("Protests", "Peaceful protest")),
    (_event("PROTEST", "riot", "145"), ("Riots", "Violent demonstration")),
    (_event("COERCE", "arrest", "173", actors=[Actor("police", "source", "police", "NG"), PROTESTERS]),
     ("Protests", "Protest with intervention")),
    (_event("COERCE", "arrest", "173", actors=[Actor("police", "source", "police", "NG")]),
     ("Strategic developments", "Arrests")),
    (_event("COERCE", "restrictions", "172"), ("Strategic developments", "Other")),
    (_event("AGREE", None, "030"), ("Strategic developments", "Agreement")),
    (_event("RETREAT", None, "0871"), ("Strategic developments", "Agreement")),
    (_event("RETREAT", "release", "0841"), ("Strategic developments", "Agreement")),
    (_event("RETREAT", "withdraw", "087"), ("Strategic developments", "Non-violent transfer of territory")),
    (_event("CONCEDE", "resign", "083"), ("Strategic developments", "Change to group/activity")),
    (_event("MOBILIZE", "troops", "150", summary="Mali's army set up a new base near Menaka"),
     ("Strategic developments", "Headquarters or base established")),
    (_event("MOBILIZE", "troops", "150", summary="Kenya deployed troops to the border"),
     ("Strategic developments", "Other")),
])
def test_acled_category_maps_plover_type_and_mode(event: Event, expected: tuple[str, str]) -> None:
    disorder, event_type, sub_event_type = acled_category(event)
    assert (event_type, sub_event_type) == expected
    if event_type in {"Battles", "Explosions/Remote violence", "Violence against civilians"}:
        assert disorder == "Political violence"
    elif sub_event_type == "Excessive force against protesters":
        assert disorder == "Political violence; Demonstrations"


@pytest.mark.parametrize("type_", ["CONSULT", "SUPPORT", "REQUEST", "ACCUSE", "REJECT", "THREATEN", "AID",
                                   "SANCTION"])
def test_acled_category_leaves_out_talk_aid_and_sanctions(type_: str) -> None:
    assert acled_category(_event(type_)) is None


@pytest.mark.parametrize("date, precision, expected", [
    ("2024-05-03", "day", ("2024-05-03", 1)),
    ("2024-W18", "week", ("2024-04-29", 2)),
    ("2024-W18-WE", "week", ("2024-05-04", 2)),
    ("2024-05", "month", ("2024-05-01", 3)),
])
def test_acled_row_time_precision_is_acleds(date: str, precision: str, expected: tuple[str, int]) -> None:
    row, _ = acled_row(_event("ASSAULT", actors=[BOKO, VILLAGERS], date=date, precision=precision), timestamp=0)
    assert (row["event_date"], row["time_precision"]) == expected
    assert row["year"] == "2024"


@pytest.mark.parametrize("date, precision", [
    ("2024", "year"), ("2024-Q2", "unknown"), ("XXXX-05-04", "day"), (None, "unknown"),
])
def test_acled_row_leaves_out_events_without_a_month(date: str | None, precision: str) -> None:
    row, reason = acled_row(_event("ASSAULT", date=date, precision=precision), timestamp=0)
    assert row is None and reason == "date not known to the month"


def test_acled_row_fills_actor_place_and_source_columns() -> None:
    event = _event("ASSAULT", None, "190", actors=[BOKO, Actor("ISWAP", "source", "group", "NG"), VILLAGERS],
                   fatalities=Fatalities(24, None, "killed dozens of villagers"))
    row, _ = acled_row(event, timestamp=1717200000)
    assert row["event_id_cnty"] == "NGA0123456789abcdef"
    assert (row["actor1"], row["assoc_actor_1"], row["inter1"]) == ("Boko Haram", "ISWAP", "Rebel group")
    assert (row["actor2"], row["inter2"]) == ("Civilians (Nigeria)", "Civilians")
    assert row["interaction"] == "Rebel group-Civilians"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["iso"], row["region"], row["country"], row["admin1"]) == ("566", "Western Africa", "Nigeria", "Borno")
    assert (row["location"], row["latitude"], row["longitude"], row["geo_precision"]) == ("Maiduguri", 11.85, 13.16, 1)
    assert row["source"] == "dailyledger.example"
    assert (row["fatalities"], row["fatalities_min"], row["fatalities_max"]) == (12, 24, None)


def test_acled_row_foreign_state_forces_are_external() -> None:
    event = _event("ASSAULT", None, "190", actors=[Actor("Chadian troops", "source", "military", "TD"), BOKO])
    event.actors[1] = Actor("Boko Haram", "target", "group", "NG")
    row, _ = acled_row(event, timestamp=0)
    assert (row["inter1"], row["inter2"]) == ("External/Other forces", "Rebel group")
    assert row["interaction"] == "Rebel group-External/Other forces"
    assert row["sub_event_type"] == "Armed clash"


def test_write_acled_header_and_counts() -> None:
    stream = io.StringIO()
    events = [_event("ASSAULT", actors=[BOKO, VILLAGERS]), _event("CONSULT"),
              _event("ASSAULT", date="2024", precision="year")]
    report = write_events(events, stream, format="acled", options=ExportOptions(now=NOW))
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert list(rows[0]) == [*ACLED_COLUMNS, *EXTRA_COLUMNS]
    assert rows[0]["timestamp"] == str(int(NOW.timestamp()))
    assert report.written == 1
    assert report.left_out == {"no ACLED event type for CONSULT": 1, "date not known to the month": 1}


def test_export_acled_from_store_applies_the_convention(export_store, tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "acled.csv"
    report = export_events(export_store, EventQuery(), format="acled", out=str(path))
    rows = list(csv.DictReader(path.open(encoding="utf-8")))
    assert len(rows) == report.written > 0
    by_phrase = {row["fatalities_phrase"]: row for row in rows if row["fatalities_phrase"]}
    dozens = next(row for phrase, row in by_phrase.items() if "dozens" in phrase)
    hundreds = next(row for phrase, row in by_phrase.items() if "Hundreds" in phrase)
    at_least = next(row for phrase, row in by_phrase.items() if "at least 140" in phrase)
    assert (dozens["fatalities"], dozens["fatalities_min"]) == ("12", "24")
    assert (hundreds["fatalities"], hundreds["fatalities_min"]) == ("100", "200")
    assert (at_least["fatalities"], at_least["fatalities_min"]) == ("140", "140")
    assert dozens["event_date"] == "2023-03-05" and dozens["time_precision"] == "1"
    assert dozens["country"] == "Nigeria" and dozens["iso"] == "566" and dozens["event_id_cnty"].startswith("NGA")
    assert at_least["region"] == "Western Africa" and at_least["source"] == "sahel-daily.example"
    assert not any(row["newsevents_type"] == "CONSULT" for row in rows)
    assert report.left_out.get("no ACLED event type for CONSULT", 0) >= 1
