"""The event coder on realistic sentences from many regions: one rule per test, pinned.

Articles are built with the real pipeline so that the coder sees the mentions and time expressions it
sees in production.
"""

from __future__ import annotations

import pytest

from newsevents.ingest import read_text
from newsevents.model import Article, Event
from newsevents.pipeline import Pipeline


@pytest.fixture(scope="module")
def run():  # type: ignore[no-untyped-def]
    pipeline = Pipeline()

    def process(body: str, published: str | None = "2024-03-06", dateline: str = "") -> Article:
        header = f"| date {published}\n" if published else ""
        return pipeline(read_text(header + dateline + body, origin="test.txt"))

    return process


def only(article: Article, type_: str) -> Event:
    found = [event for event in article.events if event.type == type_]
    assert len(found) == 1, [(e.type, e.summary) for e in article.events]
    return found[0]


def names(event: Event, role: str | None = None) -> set[str]:
    return {a.name for a in event.actors if role is None or a.role == role}


@pytest.mark.parametrize(
    ("body", "type_", "mode", "date"),
    [
        ("Gunmen attacked a village in Zamfara state on Monday, killing 12 people.", "ASSAULT", None, "2024-03-04"),
        ("Suspected jihadists kidnapped 20 passengers near Kaya on Sunday.", "ASSAULT", "abduct", "2024-03-03"),
        ("A car bomb exploded outside a police station in Quetta on Tuesday.", "ASSAULT", "explosives", "2024-03-05"),
        ("Israeli air strikes hit a residential building in Rafah on Monday.", "ASSAULT", "aerial", "2024-03-04"),
        ("Police arrested the opposition leader Kizza Besigye in Kampala on Tuesday.", "COERCE", "arrest", "2024-03-05"),
        ("Thousands of protesters marched through Dhaka on Sunday.", "PROTEST", "demonstrate", "2024-03-03"),
        ("The European Union imposed new sanctions on Belarus on Monday.", "SANCTION", "embargo", "2024-03-04"),
        ("Kenya deployed 400 police officers to Haiti on Tuesday.", "MOBILIZE", "troops", "2024-03-05"),
        ("President William Ruto met President Yoweri Museveni in Entebbe on Monday.", "CONSULT", None, "2024-03-04"),
        ("Russian forces took control of the village of Tonenke near Avdiivka on Sunday.", "ASSAULT", "occupy", "2024-03-03"),
    ],
)
def test_events_type_mode_and_date(run, body: str, type_: str, mode: str | None, date: str) -> None:  # type: ignore[no-untyped-def]
    event = only(run(body), type_)
    assert (event.mode, event.date, event.date_precision) == (mode, date, "day")
    assert event.background is False and event.sources[0].sentence == body


def test_events_several_in_one_sentence_keep_their_own_dates_places_tolls(run) -> None:  # type: ignore[no-untyped-def]
    article = run(
        "Past attacks include the raid on a market in Gao in 2019, the bombing of a hotel in Bamako "
        "which left at least 20 dead and the ambush near Menaka in 2021 which killed 11 soldiers."
    )
    assaults = sorted((e.location.name if e.location else None, e.date, e.fatalities and e.fatalities.min)
                      for e in article.events if e.type == "ASSAULT")
    assert assaults == [("Bamako", None, 20), ("Gao", "2019", None), ("Menaka", "2021", 11)]
    assert all(e.background for e in article.events)


def test_events_consequence_joins_the_attack_told_after_it(run) -> None:  # type: ignore[no-untyped-def]
    article = run("At least 17 people were killed on Monday when security forces clashed with protesters in Juliaca.")
    event = only(article, "ASSAULT")
    assert event.fatalities.min == 17 and event.date == "2024-03-04" and event.location.name == "Juliaca"
    assert {"security forces", "protesters"} <= names(event)


def test_events_toll_told_later_refers_back(run) -> None:  # type: ignore[no-untyped-def]
    article = run("Militants attacked an army post in Mir Ali on Saturday. Seven soldiers were killed.")
    event = only(article, "ASSAULT")
    assert event.fatalities.min == 7 and len(event.sources) == 2


def test_events_cumulative_toll_is_no_event(run) -> None:  # type: ignore[no-untyped-def]
    article = run("The insurgency has killed more than 40,000 people in Borno since 2009.")
    assert [e for e in article.events if e.type == "ASSAULT"] == []


def test_events_report_time_is_not_event_time(run) -> None:  # type: ignore[no-untyped-def]
    article = run("Fighters attacked the town of Djibo, local officials said on Tuesday.")
    event = only(article, "ASSAULT")
    assert event.date is None


@pytest.mark.parametrize(
    ("body", "modes"),
    [
        ("The group denied attacking the convoy near Gao.", {"negation"}),
        ("Rebels did not attack the town of Goma on Monday.", {"negation"}),
        ("Analysts said the militants could attack Mogadishu again.", {"hypothetical"}),
        ("The foreign ministers of Chad and Niger will meet in N'Djamena next week.", {"future"}),
    ],
)
def test_events_auxiliary_modes(run, body: str, modes: set[str]) -> None:  # type: ignore[no-untyped-def]
    article = run(body)
    assert article.events, body
    assert modes <= set(article.events[0].auxiliary)


@pytest.mark.parametrize(
    "body",
    [
        "Some of the notable attacks include bombings and raids across the region.",  # generic plurals
        "Kenyan troops are deployed in a number of countries for security missions.",  # a state
        "The ministers met to discuss the budget.",  # one party: no consultation
        "Officials warned that prices could rise.",  # no event between actors
    ],
)
def test_events_not_events(run, body: str) -> None:  # type: ignore[no-untyped-def]
    assert [e.type for e in run(body).events if "future" not in e.auxiliary] == []


def test_events_passive_subject_is_target_and_by_agent_source(run) -> None:  # type: ignore[no-untyped-def]
    event = only(run("Two aid workers were abducted by Al-Shabaab near Mandera on Friday."), "ASSAULT")
    assert "Al-Shabaab" in names(event, "source")
    assert event.mode == "abduct" and event.location.country == "KE"


def test_events_background_by_date_and_undated_article(run) -> None:  # type: ignore[no-untyped-def]
    article = run("Boko Haram militants abducted 276 schoolgirls from Chibok in April 2014.")
    assert only(article, "ASSAULT").background
    undated = run("In 2013, al-Shabaab gunmen attacked the Westgate mall. Police said in April 2020 the case was closed.",
                  published=None)
    assert only(undated, "ASSAULT").background


def test_events_narrative_time_from_sentence_before(run) -> None:  # type: ignore[no-untyped-def]
    article = run("Fighting broke out in El Fasher in May 2023. Rebels seized the city's airport.")
    event = next(e for e in article.events if e.mode == "occupy")
    assert event.date == "2023-05" and "sentence before" in event.date_basis


def test_events_definite_reference_adds_date_to_antecedent(run) -> None:  # type: ignore[no-untyped-def]
    article = run("Foreign Minister Ahmed Attaf met Secretary of State Antony Blinken in Washington. "
                  "The talks on March 4 focused on the Sahel.", published=None)
    event = only(article, "CONSULT")
    assert event.date == "XXXX-03-04" and len(event.sources) == 2


def test_events_facility_placed_by_town_in_its_name_or_dateline(run) -> None:  # type: ignore[no-untyped-def]
    article = run("Gunmen attacked the Moi University campus and the Sarit mall.",
                  dateline="NAIROBI, Kenya, March 5 - ")
    places = {e.location.name: e.location.country for e in article.events if e.location}
    assert places and set(places.values()) == {"KE"}


def test_events_speaker_and_affiliation_are_not_actors(run) -> None:  # type: ignore[no-untyped-def]
    event = only(run("Nigeria's army chief General Christopher Musa said troops attacked a Boko Haram camp "
                     "in Sambisa on Monday."), "ASSAULT")
    assert "Christopher Musa" not in names(event) and "Nigeria" not in names(event)


def test_events_demonym_before_weapon_names_the_source_state(run) -> None:  # type: ignore[no-untyped-def]
    event = only(run("Israeli air strikes hit a residential building in Rafah on Monday."), "ASSAULT")
    assert ("Israel", "IL") in {(a.name, a.country) for a in event.actors if a.role == "source"}
    assert event.location.name == "Rafah"


def test_events_month_name_is_not_a_march(run) -> None:  # type: ignore[no-untyped-def]
    article = run("Ministers met their Ghanaian counterparts in Accra on March 4.", published="2024-03-06")
    assert "PROTEST" not in {e.type for e in article.events}
