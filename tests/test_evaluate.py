"""Tests for the evaluation harness (newsevents.evaluate): gold loading, matching and every score.

Gold and predictions are built by hand; the pipeline is never run here.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.errors import InputError
from newsevents.evaluate import (
    Gold, GoldActor, GoldArticle, GoldEvent, GoldFatalities, GoldPlace, GoldStory, FatalityClaim,
    format_report, load_gold, score,
)
from newsevents.model import Actor, Event, Evidence, Fatalities, Location

DEV_GOLD = Path(__file__).parent / "data" / "gold_dev.json"


def _article(key: str, story: str | None = "st") -> GoldArticle:
    return GoldArticle(key, outlet=None, published="2024-03-16", published_inferred="2024-03-16", story=story)


def _gold(*events: GoldEvent, articles: dict[str, str | None] | None = None) -> Gold:
    stories = articles or {key: "st" for event in events for key in event.articles}
    return Gold(
        Path("/data/gold.json"),
        {story: GoldStory(story) for story in set(stories.values()) if story},
        {key: _article(key, story) for key, story in stories.items()},
        list(events),
    )


def _gold_event(event_id: str = "g1", *, type: str = "ASSAULT", date: str | None = "2024-03-14",
                articles: tuple[str, ...] = ("articles/a.txt",), actors: tuple[tuple[str, str], ...] = (
                    ("al-Shabaab", "source"), ("Hotel guests", "target")),
                place: GoldPlace | None = GoldPlace("Mogadishu", "SO"), **extra) -> GoldEvent:
    return GoldEvent(event_id, type, date, articles, place=place,
                     actors=tuple(GoldActor(name, role) for name, role in actors), **extra)


def _event(event_id: str = "ev1", *, type: str = "ASSAULT", date: str | None = "2024-03-14",
           precision: str = "day", origins: tuple[str, ...] = ("/corpus/articles/a.txt",),
           actors: tuple[tuple[str, str], ...] = (("Al-Shabaab", "source"),),
           location: Location | None = Location("Mogadishu", "SO", precision="city"), **extra) -> Event:
    sources = [Evidence("ar_1", origin, None, None, False, "Militants stormed the hotel.", 0, 28)
               for origin in origins]
    return Event(event_id, type, date=date, date_precision=precision, sources=sources, location=location,
                 actors=[Actor(name, role, "group") for name, role in actors], **extra)


# ---------------------------------------------------------------------------------------------- events


def test_score_perfect_match_gives_one_everywhere() -> None:
    gold = _gold(
        _gold_event("g1"),
        _gold_event("g2", type="COERCE", date="2024-03-15", actors=(("Somali police", "source"),)),
    )
    events = [
        _event("ev1", actors=(("Al-Shabaab", "source"), ("guests of the hotel", "target"))),
        _event("ev2", type="COERCE", date="2024-03-15", actors=(("Somali police", "source"),)),
    ]
    report = score(gold, events)
    assert (report.events.precision, report.events.recall, report.events.f1) == (1.0, 1.0, 1.0)
    assert report.type_accuracy.value == 1.0
    assert report.exact_date.value == 1.0
    assert report.actor_precision.value == report.actor_recall.value == 1.0
    assert report.unmatched_gold == [] and report.unmatched_predictions == []


def test_score_missing_event_lowers_recall_only() -> None:
    gold = _gold(_gold_event("g1"), _gold_event("g2", type="THREATEN", date="2024-03-16"))
    report = score(gold, [_event("ev1")])
    assert report.events.recall == 0.5
    assert report.events.precision == 1.0
    assert [event.id for event in report.unmatched_gold] == ["g2"]


def test_score_type_is_scored_apart_not_required() -> None:
    gold = _gold(_gold_event("g1", type="COERCE", alt_types=("ASSAULT",)))
    report = score(gold, [_event("ev1", type="ASSAULT")])
    assert report.events.tp == 1
    assert report.type_accuracy.value == 0.0
    assert report.type_accuracy_lenient.value == 1.0
    assert report.per_type["COERCE"].matched == 1 and report.per_type["COERCE"].correct == 0


def test_score_spurious_prediction_is_false_positive() -> None:
    gold = _gold(_gold_event("g1"))
    extra = _event("ev2", type="PROTEST", date="2024-03-01", actors=(("Traders", "source"),),
                   location=Location("Nairobi", "KE"))
    report = score(gold, [_event("ev1"), extra])
    assert (report.events.tp, report.events.fp, report.events.fn) == (1, 1, 0)
    assert [event.event_id for event in report.unmatched_predictions] == ["ev2"]


def test_score_prediction_outside_gold_articles_is_out_of_scope() -> None:
    gold = _gold(_gold_event("g1"))
    stray = _event("ev9", origins=("/corpus/articles/not_in_gold.txt",))
    report = score(gold, [_event("ev1"), stray])
    assert report.out_of_scope == 1
    assert report.events.fp == 0


def test_score_second_copy_of_matched_event_is_duplicate() -> None:
    """Unfused per-article extractions: the second is a false positive, counted as a duplicate."""
    gold = _gold(_gold_event("g1", articles=("articles/a.txt", "articles/b.txt")))
    events = [_event("ev1"), _event("ev2", origins=("/corpus/articles/b.txt",))]
    report = score(gold, events)
    assert (report.events.tp, report.events.fp, report.duplicates) == (1, 1, 1)
    assert report.precision_without_duplicates == 1.0


def test_score_needs_shared_article() -> None:
    gold = _gold(_gold_event("g1"), articles={"articles/a.txt": "st", "articles/b.txt": "st"})
    report = score(gold, [_event("ev1", origins=("/corpus/articles/b.txt",))])
    assert report.events.tp == 0


@pytest.mark.parametrize(
    ("place", "location", "actors", "matches"),
    [
        (GoldPlace("Goma", "CD"), Location("North Kivu", "CD", precision="admin1"), (), True),
        (GoldPlace("southern Somalia", "SO"), Location("Somalia", None), (), True),
        (GoldPlace("Red Sea", None), Location("the Red Sea", None), (), True),
        (GoldPlace("northern Kenya", "KE"), Location("northern Nigeria", "NG"), (), False),
        (None, None, (("Hotel guests", "target"),), True),
        (GoldPlace("Goma", "CD"), Location("Kigali", "RW"), (("M23 rebels", "source"),), False),
    ],
)
def test_score_subject_gate_needs_place_or_actor(place: GoldPlace | None, location: Location | None,
                                                 actors: tuple[tuple[str, str], ...], matches: bool) -> None:
    gold = _gold(_gold_event("g1", place=place))
    report = score(gold, [_event("ev1", location=location, actors=actors)])
    assert (report.events.tp == 1) is matches


def test_score_news_and_background_splits() -> None:
    gold = _gold(
        _gold_event("g1"),
        _gold_event("g2", date="2017-10", background=True, actors=(("al-Shabaab", "source"),)),
        _gold_event("g3", date="2011", background=True, type="MOBILIZE", actors=(("Kenya", "source"),),
                    place=GoldPlace("Somalia", "SO")),
    )
    events = [
        _event("ev1"),
        _event("ev2", date="2017-10", precision="month", background=True),
        _event("ev3", type="ACCUSE", date="2024-03-15", actors=(("Qatar", "source"),), location=None),
    ]
    report = score(gold, events)
    assert (report.news.tp, report.news.fp, report.news.fn) == (1, 1, 0)
    assert (report.background.tp, report.background.fp, report.background.fn) == (1, 0, 1)
    assert report.background_accuracy.value == 1.0


# ----------------------------------------------------------------------------------------------- dates


@pytest.mark.parametrize(
    ("gold_date", "predicted", "precision", "matches"),
    [
        ("2022", "2022-05-04", "day", True),
        ("2022-05-04", "2022-05", "month", True),
        ("2022-05-04", "XXXX-05-04", "day", True),
        ("2022-05-04", "XXXX-05-05", "day", False),
        ("2022-05", "XXXX-05-17", "day", True),
        ("2022", "XXXX-11", "month", True),
        ("2023", "XXXX-02-29", "day", False),
        ("2024", "XXXX-02-29", "day", True),
        ("2022-W18", "2022-05-04", "day", True),
        ("2022-W19", "2022-05-04", "day", False),
        ("2020-W53", "2021-01-02", "day", True),
        ("2021-12", "2022-01-01", "day", False),
        ("2022-05-04", "2022-05-04T09:30:00", "day", True),
        ("2022-05-04", "2022-05-06", "week", True),  # read as 2022-W18
        ("2022-05-04", "2022-05-09", "week", False),  # 2022-W19
        (None, None, "unknown", True),
        ("2022-05-04", None, "unknown", True),  # unknown is not wrong: matched, scored not exact
        (None, "2022-05-04", "day", True),
        ("2022-05-04", "the fourth of May", "day", False),
    ],
)
def test_score_date_compatibility(gold_date: str | None, predicted: str | None, precision: str,
                                  matches: bool) -> None:
    gold = _gold(_gold_event("g1", date=gold_date))
    report = score(gold, [_event("ev1", date=predicted, precision=precision)])
    assert (report.events.tp == 1) is matches


@pytest.mark.parametrize(
    ("gold_date", "predicted", "precision", "exact", "wrong"),
    [
        ("2024-03-14", "2024-03-14", "day", True, False),
        ("2024-03", "2024-03-01", "month", True, False),  # read at its stated precision
        ("2022", "2022-09", "month", False, True),  # finer than the text allows
        ("2022-W19", "2022-05-12", "day", False, True),
        ("2024-02-07", "2024-02", "month", False, False),  # coarser, still true
        ("2022-05-04", "XXXX-05-04", "day", False, False),  # lacks the year only
        ("2022", "2022", "year", True, False),
    ],
)
def test_score_exact_and_confident_wrong_date(gold_date: str, predicted: str, precision: str,
                                              exact: bool, wrong: bool) -> None:
    gold = _gold(_gold_event("g1", date=gold_date))
    report = score(gold, [_event("ev1", date=predicted, precision=precision)])
    assert report.events.tp == 1
    assert report.exact_date.value == float(exact)
    assert report.confident_wrong_date == int(wrong)


def test_score_wrong_day_is_kept_apart_and_reported_as_date_miss() -> None:
    gold = _gold(_gold_event("g1", date="2024-03-14"))
    report = score(gold, [_event("ev1", date="2024-03-15")])
    assert report.events.tp == 0
    assert [(miss.gold, miss.event_id, miss.confident) for miss in report.date_misses] == [("g1", "ev1", True)]
    assert report.confident_wrong_date_misses == 1


# ------------------------------------------------------------------------------------ unrealised events


@pytest.mark.parametrize(
    ("flags", "auxiliary", "matches"),
    [
        ({"negated": True}, [], False),
        ({"negated": True}, ["negation"], True),
        ({"negated": True, "future": True}, ["negation", "future"], True),
        ({"hypothetical": True}, ["hypothetical"], True),
        ({"hypothetical": True}, ["negation"], False),
        ({}, ["negation"], False),
        ({}, ["historical"], True),
        ({"future": True}, [], True),
    ],
)
def test_score_unrealised_gold_needs_same_mode(flags: dict[str, bool], auxiliary: list[str],
                                               matches: bool) -> None:
    gold = _gold(_gold_event("g1", **flags))
    report = score(gold, [_event("ev1", auxiliary=auxiliary)])
    assert (report.events.tp == 1) is matches
    assert report.events.fp == (0 if matches else 1)


def test_score_modality_accuracy_checks_future() -> None:
    gold = _gold(_gold_event("g1", type="CONSULT", date="2024-W12", future=True))
    report = score(gold, [_event("ev1", type="CONSULT", date="2024-W12", precision="week")])
    assert report.events.tp == 1
    assert report.modality_accuracy.value == 0.0


# -------------------------------------------------------------------------------- fields of matched pairs


@pytest.mark.parametrize(
    ("gold_toll", "claims", "predicted", "expected"),
    [
        (GoldFatalities(12, None), (), Fatalities(12, None, "killing at least 12 people"), 1.0),
        (GoldFatalities(12, None), ((15, None),), Fatalities(15, None, "15 bodies"), 1.0),
        (GoldFatalities(12, None), ((15, None),), Fatalities(12, 12, "killed 12 people"), 0.0),
        (GoldFatalities(0, 0), (), None, 0.0),
        (None, (), Fatalities(3, 3, "three people died"), 0.0),
        (None, (), None, None),
    ],
)
def test_score_fatalities_accept_any_claim(gold_toll: GoldFatalities | None, claims: tuple,
                                           predicted: Fatalities | None, expected: float | None) -> None:
    claim_records = tuple(FatalityClaim("articles/a.txt", low, high) for low, high in claims)
    gold = _gold(_gold_event("g1", fatalities=gold_toll, fatality_claims=claim_records))
    report = score(gold, [_event("ev1", fatalities=predicted)])
    assert report.fatalities_accuracy.value == expected


@pytest.mark.parametrize(
    ("gold_name", "predicted_name", "overlap"),
    [
        ("Bola Tinubu", "President Bola Tinubu", True),
        ("Kenya", "Kenyan troops", True),
        ("Houthi rebels", "the Houthis", True),
        ("Rapid Support Forces", "RSF", True),
        ("Ukrainian power grid", "Ukraine", True),
        ("Petro Poroshenko", "Petró Poroshénko", True),
        ("Burundian soldiers", "Kenyan soldiers", False),
        ("Burundian soldiers", "soldiers", True),
        ("Islamic State", "the Taliban", False),
    ],
)
def test_score_actor_overlap_by_token(gold_name: str, predicted_name: str, overlap: bool) -> None:
    gold = _gold(_gold_event("g1", actors=((gold_name, "source"),)))
    report = score(gold, [_event("ev1", actors=((predicted_name, "source"),))])
    assert report.events.tp == 1  # same place: the pair matches either way
    assert report.actor_recall.value == float(overlap)
    assert report.actor_precision.value == float(overlap)


def test_score_actor_roles_compared_on_aligned_actors() -> None:
    gold = _gold(_gold_event("g1", actors=(("ISWAP", "source"), ("Nigerian Army", "target"))))
    event = _event("ev1", actors=(("ISWAP fighters", "target"), ("Nigerian army", "target"),
                                  ("Chad", "participant")))
    report = score(gold, [event])
    assert (report.actor_precision.correct, report.actor_precision.total) == (2, 3)
    assert (report.actor_recall.correct, report.actor_recall.total) == (2, 2)
    assert report.actor_role_accuracy.value == 0.5


@pytest.mark.parametrize(
    ("gold_mode", "predicted_mode", "agrees"),
    [
        ("abduction", "abduct", True),
        ("air strike", "airstrike", True),
        ("air strike", "strike", True),
        ("demonstration", "demonstrate", True),
        ("shelling", "heavy-weapons", True),
        ("seizure", "occupy", True),
        ("troop deployment", "troops", True),
        ("shelling", "abduct", False),
        ("meeting", None, False),
    ],
)
def test_score_modes_compared_loosely(gold_mode: str, predicted_mode: str | None, agrees: bool) -> None:
    gold = _gold(_gold_event("g1", mode=gold_mode))
    report = score(gold, [_event("ev1", mode=predicted_mode)])
    assert report.mode_accuracy.value == float(agrees)


# ------------------------------------------------------------------------------------------------ stories


def _story_gold() -> Gold:
    stories = {"a1": "A", "a2": "A", "a3": "A", "a4": "B", "a5": "B"}
    return _gold(articles={f"articles/{key}.txt": story for key, story in stories.items()})


def test_score_bcubed_on_known_clustering() -> None:
    predicted = {"articles/a1.txt": "x", "articles/a2.txt": "x", "articles/a3.txt": "y",
                 "articles/a4.txt": "y", "articles/a5.txt": None}
    stories = score(_story_gold(), [], article_stories=predicted).stories
    assert stories is not None
    # precision: (1 + 1 + 1/2 + 1/2 + 1) / 5; recall: (2/3 + 2/3 + 1/3 + 1/2 + 1/2) / 5
    assert stories.precision == pytest.approx(0.8)
    assert stories.recall == pytest.approx(8 / 15)
    assert stories.f1 == pytest.approx(0.64)


def test_score_bcubed_one_big_cluster_has_full_recall() -> None:
    predicted = {f"articles/a{n}.txt": "all" for n in range(1, 6)}
    stories = score(_story_gold(), [], article_stories=predicted).stories
    assert stories is not None
    assert stories.precision == pytest.approx(13 / 25)
    assert stories.recall == 1.0


def test_score_bcubed_absent_articles_stand_alone() -> None:
    stories = score(_story_gold(), [], article_stories={}).stories
    assert stories is not None
    assert stories.precision == 1.0
    assert stories.recall == pytest.approx((1 / 3 * 3 + 1 / 2 * 2) / 5)


def test_score_without_story_map_leaves_stories_unscored() -> None:
    report = score(_story_gold(), [])
    assert report.stories is None
    assert "Stories: not scored" in format_report(report)


# ---------------------------------------------------------------------------------------------- gold file


def test_load_gold_reads_dev_gold() -> None:
    gold = load_gold(DEV_GOLD)
    assert len(gold.articles) == 38
    assert len(gold.events) > 100
    assert all(set(event.articles) <= set(gold.articles) for event in gold.events)


@pytest.mark.parametrize(
    ("origin", "key"),
    [
        ("/home/analyst/newsevents/tests/data/articles/somalia_hotel_ap.txt", "articles/somalia_hotel_ap.txt"),
        ("articles/somalia_hotel_ap.txt", "articles/somalia_hotel_ap.txt"),
        ("C:\\data\\articles\\somalia_hotel_ap.txt", "articles/somalia_hotel_ap.txt"),
        ("/elsewhere/somalia_hotel_ap.txt", None),
        ("/tmp/xarticles/somalia_hotel_ap.txt", None),
        ("/corpus/seeds/001_8bd47fad0ceba9bf.txt", "001_8bd47fad0ceba9bf.txt"),
    ],
)
def test_gold_article_key_matches_path_suffix(origin: str, key: str | None) -> None:
    assert load_gold(DEV_GOLD).article_key(origin) == key


def test_score_gold_as_predictions_is_perfect_and_unfused_copies_are_duplicates() -> None:
    """Every dev gold event, turned into a prediction, must match itself (the gates are consistent)."""
    gold = load_gold(DEV_GOLD)
    precision = {10: "day", 8: "week", 7: "month", 4: "year"}

    def as_event(index: int, event: GoldEvent, keys: tuple[str, ...]) -> Event:
        return Event(
            f"ev{index}", event.type, mode=event.mode, date=event.date,
            date_precision=precision.get(len(event.date or ""), "unknown"), background=event.background,
            actors=[Actor(actor.name, actor.role, "group") for actor in event.actors],
            location=Location(event.place.name, event.place.country) if event.place else None,
            fatalities=Fatalities(event.fatalities.min, event.fatalities.max, "") if event.fatalities else None,
            sources=[Evidence("ar", f"/x/tests/data/{key}", None, None, False, "", 0, 1) for key in keys],
            auxiliary=sorted(event.modes),
        )

    fused = [as_event(index, event, event.articles) for index, event in enumerate(gold.events)]
    report = score(gold, fused, article_stories={key: a.story for key, a in gold.articles.items()})
    assert (report.events.tp, report.events.fp, report.events.fn) == (len(gold.events), 0, 0)
    assert all(pair.event.event_id == f"ev{gold.events.index(pair.gold)}" for pair in report.matches)
    assert report.stories is not None and report.stories.f1 == 1.0
    unfused = [as_event(index, event, (key,)) for index, event in enumerate(gold.events) for key in event.articles]
    report = score(gold, unfused)
    assert report.events.recall == 1.0
    assert report.duplicates == len(unfused) - len(gold.events) == report.events.fp


def test_gold_restricted_to_keeps_kept_articles_claims() -> None:
    event = _gold_event(
        "g1", articles=("articles/a.txt", "articles/b.txt"), fatalities=GoldFatalities(12, None),
        fatality_claims=(FatalityClaim("articles/a.txt", 12, None), FatalityClaim("articles/b.txt", 15, 15)),
    )
    gold = _gold(event, _gold_event("g2", articles=("articles/a.txt",)))
    only_b = gold.restricted_to({"articles/b.txt"})
    assert [e.id for e in only_b.events] == ["g1"]
    assert only_b.events[0].articles == ("articles/b.txt",)
    assert only_b.events[0].fatalities == GoldFatalities(15, 15)
    assert list(only_b.articles) == ["articles/b.txt"]


def _valid_gold() -> dict:
    return {
        "format": "test",
        "stories": {"st": {"summary": "Siege", "distractor": False}},
        "articles": {"articles/a.txt": {"outlet": None, "published": "2024-03-15",
                                        "published_inferred": "2024-03-15", "story": "st", "duplicate_of": None}},
        "events": [{"id": "g1", "type": "ASSAULT", "mode": "armed attack", "date": "2024-03-14",
                    "place": {"name": "Mogadishu", "country": "SO"},
                    "actors": [{"name": "al-Shabaab", "role": "source"}],
                    "fatalities": {"min": 12, "max": None, "phrase": "at least 12"}, "fatality_claims": [],
                    "background": False, "negated": False, "hypothetical": False, "future": False,
                    "articles": ["articles/a.txt"], "story": "st", "summary": "Siege"}],
    }


def _break(path: tuple[str | int, ...], value: object):
    """Return a function that sets (or, for KeyError, deletes) the value at `path` in gold data."""
    def apply(data: dict) -> None:
        *parents, last = path
        target = data
        for part in parents:
            target = target[part]
        if value is KeyError:
            del target[last]
        else:
            target[last] = value
    return apply


@pytest.mark.parametrize(
    ("breakage", "fragment"),
    [
        (_break(("events",), KeyError), "missing 'events'"),
        (_break(("events",), {}), "'events' is {}"),
        (_break(("events", 0, "date"), "2024-13-01"), "date '2024-13-01'"),
        (_break(("events", 0, "date"), "March 2024"), "date 'March 2024'"),
        (_break(("events", 0, "type"), "ATTACK"), "not a PLOVER type"),
        (_break(("events", 0, "articles"), ["articles/missing.txt"]), "articles/missing.txt"),
        (_break(("events", 0, "fatalities"), {"min": 20, "max": 10}), "min 20 is above max 10"),
        (_break(("events", 0, "fatalities"), {"min": "12", "max": None}), "'min' is \"12\""),
        (_break(("events", 0, "background"), "no"), "'background'"),
        (_break(("events", 0, "story"), "unknown-story"), "unknown-story"),
        (_break(("articles", "articles/a.txt", "published"), "15 March 2024"), "published"),
    ],
)
def test_load_gold_malformed_names_file_and_problem(tmp_path: Path, breakage, fragment: str) -> None:
    data = _valid_gold()
    breakage(data)
    path = tmp_path / "gold_bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InputError) as caught:
        load_gold(path)
    assert caught.value.origin == str(path)
    assert str(path) in str(caught.value)
    assert fragment in caught.value.reason


def test_load_gold_valid_minimal_file(tmp_path: Path) -> None:
    path = tmp_path / "gold.json"
    path.write_text(json.dumps(_valid_gold()), encoding="utf-8")
    gold = load_gold(path)
    assert gold.events[0].fatalities == GoldFatalities(12, None, "at least 12")
    assert gold.events[0].actors == (GoldActor("al-Shabaab", "source"),)


@pytest.mark.parametrize("content", ["{not json", "", "[1, 2]", "\xff\xfe"])
def test_load_gold_unreadable_names_file(tmp_path: Path, content: str) -> None:
    path = tmp_path / "gold.json"
    path.write_bytes(content.encode("latin-1"))
    with pytest.raises(InputError) as caught:
        load_gold(path)
    assert caught.value.origin == str(path)


def test_load_gold_missing_file_is_input_error(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        load_gold(tmp_path / "nope.json")
    assert "nope.json" in str(caught.value)
    assert caught.value.code == "I020"


# ------------------------------------------------------------------------------------------------- output


def test_report_to_dict_is_json_and_text_lists_every_metric() -> None:
    gold = _gold(_gold_event("g1"), _gold_event("g2", type="THREATEN", date="2024-03-16"))
    events = [_event("ev1", fatalities=Fatalities(5, 5, "five died")),
              _event("ev2", type="PROTEST", date="2023-01-01", location=None, actors=(("Farmers", "source"),))]
    report = score(gold, events, article_stories={"articles/a.txt": "s1"})
    data = json.loads(json.dumps(report.to_dict()))
    assert data["events"]["all"] == {"precision": 0.5, "recall": 0.5, "f1": 0.5, "tp": 1, "fp": 1, "fn": 1}
    assert data["unmatched_gold"][0]["id"] == "g2"
    assert data["unmatched_predictions"][0]["event_id"] == "ev2"
    text = format_report(report)
    for label in ("news of the day", "background", "duplicates", "type", "exact date", "confident wrong date",
                  "fatalities", "actor precision", "actor recall", "Stories (BCubed", "Per type",
                  "Unmatched gold (1)", "Unmatched predictions (1)", "THREATEN"):
        assert label in text


def test_format_report_limits_long_lists() -> None:
    events = [_gold_event(f"g{n}", date=f"2024-03-{n:02d}") for n in range(1, 8)]
    text = format_report(score(_gold(*events), []), limit=3)
    assert "… and 4 more" in text
