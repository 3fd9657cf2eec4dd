"""Event fusion across articles: the seeds end to end, then one rule per test on hand-built events."""

from __future__ import annotations

import copy
import random
from pathlib import Path

import pytest

from newsevents.errors import ExtractError
from newsevents.model import Actor, Article, Event, Evidence, Fatalities, Location
from newsevents.resolve.fusion import (
    Cluster, actors_match, fuse_events, fuse_update, fused_event_id, history_keys, names_someone,
)
from newsevents.resolve.story_dates import date_from_story

SEED_000 = "000_9333ff4047246816.txt"
SEED_001 = "001_8bd47fad0ceba9bf.txt"
STORY = "st_seedstory"


# --------------------------------------------------------------------------------------------------
# Seeds


@pytest.fixture(scope="module")
def seeds(seed_articles: dict[str, Article]) -> dict[str, Article]:
    articles = copy.deepcopy(seed_articles)
    for article in articles.values():
        article.story_id = STORY
    return articles


@pytest.fixture(scope="module")
def seed_events(seeds: dict[str, Article]) -> list[Event]:
    articles = list(seeds.values())
    date_from_story(articles, story_id=STORY)
    return fuse_events([e for a in articles for e in a.events], stories={a.article_id: STORY for a in articles})


def _with(events: list[Event], *, actor: str = "", summary: str = "") -> list[Event]:
    return [e for e in events if (not actor or any(actor in a.name for a in e.actors)) and summary in e.summary]


def _articles(event: Event) -> list[str]:
    return sorted({source.article_id for source in event.sources})


def test_fuse_events_seed_forum_has_one_source_article_per_seed(seeds: dict[str, Article],
                                                                 seed_events: list[Event]) -> None:
    [forum] = _with(seed_events, actor="Wallander")
    assert forum.type == "CONSULT" and forum.date == "2022-05-04" and forum.date_precision == "day"
    assert _articles(forum) == sorted(a.article_id for a in seeds.values())
    assert {"Eugene Wamalwa", "Celeste Wallander", "Robert Kibochi"} <= {a.name for a in forum.actors}
    assert forum.location is not None and forum.location.name == "Pentagon"
    assert forum.story_id == STORY and forum.background is False


def test_fuse_events_seed_linda_nchi_is_one_event_dated_october_2011(seeds: dict[str, Article],
                                                                       seed_events: list[Event]) -> None:
    [linda] = [e for e in seed_events if e.date and e.date.startswith("2011")]
    assert linda.date == "2011-10" and linda.date_precision == "month"
    assert _articles(linda) == sorted(a.article_id for a in seeds.values())
    assert linda.background is True and "historical" in linda.auxiliary
    assert all(source.background for source in linda.sources)
    assert seeds[SEED_000].article_id in linda.date_basis  # the basis names the source of the month


def test_fuse_events_seed_base_attack_stays_one_event_with_one_source(seeds: dict[str, Article],
                                                                        seed_events: list[Event]) -> None:
    [attack] = _with(seed_events, actor="Al-Shabaab", summary="stormed")
    assert attack.date == "2022-05-03"
    assert _articles(attack) == [seeds[SEED_001].article_id]
    assert attack.fatalities is not None and attack.fatalities.min == 13


def test_fuse_events_seed_counts_and_sources(seeds: dict[str, Article], seed_events: list[Event]) -> None:
    assert sum(len(a.events) for a in seeds.values()) == 13
    assert len(seed_events) == 10
    multi = sorted(e.summary[:20] for e in seed_events if len(_articles(e)) == 2)
    assert len(multi) == 3  # the forum, the planned next forum, Linda Nchi
    for event in seed_events:
        keys = [(s.published or "~", s.article_id, s.char_start) for s in event.sources]
        assert keys == sorted(keys)


def test_fuse_events_seed_forum_fuses_without_story_dates(seed_articles: dict[str, Article]) -> None:
    """The partial "XXXX-05-04" of the undated seed fits seed 001's "2022-05-04" on its own."""
    articles = list(seed_articles.values())
    fused = fuse_events([e for a in articles for e in a.events], stories={a.article_id: STORY for a in articles})
    [forum] = _with(fused, actor="Wallander")
    assert forum.date == "2022-05-04" and len(_articles(forum)) == 2


# --------------------------------------------------------------------------------------------------
# Hand-built events


def _event(article: str, *, type_: str = "ASSAULT", date: str | None = "2024-03-14", published: str = "2024-03-15",
           actors: tuple[Actor, ...] = (), place: Location | None = None, mode: str | None = None,
           background: bool = False, auxiliary: tuple[str, ...] = (), fatalities: Fatalities | None = None,
           summary: str = "", outlet: str | None = None, start: int = 0, basis: str = "") -> Event:
    evidence = Evidence(article, f"{article}.txt", outlet or f"{article}.example.com", published, background,
                        summary or "A sentence.", start, start + 40)
    return Event(
        event_id=f"ev_{article}_{start}", type=type_, mode=mode, summary=summary or f"{type_} in {article}",
        date=date, date_precision="day" if date and len(date) == 10 else "year" if date and len(date) == 4
        else "month" if date else "unknown",
        date_basis=basis or (f"as written in {article}" if date else "no time expression"),
        background=background, actors=list(actors), location=place, fatalities=fatalities,
        sources=[evidence], auxiliary=sorted(set(auxiliary) | ({"historical"} if background else set())),
    )


def _actor(name: str, role: str = "source", kind: str = "group", country: str | None = None,
           title: str | None = None) -> Actor:
    return Actor(name, role, kind, country, title)


def _place(name: str, country: str | None, precision: str = "city", lat: float | None = None,
           lon: float | None = None) -> Location:
    return Location(name, country, None, lat, lon, precision)  # type: ignore[arg-type]


SHABAAB = _actor("Al-Shabaab", country="SO")
MOGADISHU = _place("Mogadishu", "SO", lat=2.04, lon=45.34)


def _fuse(*events: Event, stories: dict[str, str | None] | None = None) -> list[Event]:
    articles = {s.article_id for e in events for s in e.sources}
    return fuse_events(list(events), stories=stories if stories is not None else {a: "st_one" for a in articles})


def test_fuse_events_conflicting_fatalities_kept_with_sources_and_covering_range() -> None:
    a = _event("wire", actors=(SHABAAB,), place=MOGADISHU, fatalities=Fatalities(63, 63, "killing 63 people"),
               outlet="wire.example.com")
    b = _event("daily", actors=(SHABAAB,), place=MOGADISHU, published="2024-03-16",
               fatalities=Fatalities(101, None, "more than 100 people were killed"), outlet="daily.example.com")
    [fused] = _fuse(a, b)
    assert fused.fatalities is not None and (fused.fatalities.min, fused.fatalities.max) == (63, None)
    [conflict] = fused.conflicts
    assert conflict["field"] == "fatalities"
    assert conflict["claims"] == [
        {"value": "killing 63 people", "article_id": "wire", "outlet": "wire.example.com"},
        {"value": "more than 100 people were killed", "article_id": "daily", "outlet": "daily.example.com"},
    ]


def test_fuse_events_equal_fatalities_are_no_conflict() -> None:
    a = _event("wire", actors=(SHABAAB,), place=MOGADISHU, fatalities=Fatalities(12, None, "at least 12 dead"))
    b = _event("daily", actors=(SHABAAB,), place=MOGADISHU, fatalities=Fatalities(12, None, "killing at least 12"))
    [fused] = _fuse(a, b)
    assert fused.conflicts == [] and fused.fatalities is not None and fused.fatalities.min == 12


@pytest.mark.parametrize(
    ("actor", "place", "first", "second"),
    [
        (SHABAAB, MOGADISHU, "2024-03-14", "2024-03-21"),
        (_actor("Boko Haram", country="NG"), _place("Maiduguri", "NG"), "2023-02-04", "2023-02-11"),
        (_actor("M23", country="CD"), _place("Rubaya", "CD", "site"), "2024-04-30", "2024-05-07"),
    ],
)
def test_fuse_events_two_attacks_same_actors_a_week_apart_stay_apart(actor: Actor, place: Location, first: str,
                                                                      second: str) -> None:
    a = _event("one", date=first, published=first, actors=(actor,), place=place)
    b = _event("two", date=second, published=second, actors=(actor,), place=place)
    assert len(_fuse(a, b)) == 2


@pytest.mark.parametrize("modality", ["negation", "hypothetical", "future"])
def test_fuse_events_unrealised_event_never_fuses_with_realised_one(modality: str) -> None:
    realised = _event("wire", actors=(SHABAAB,), place=MOGADISHU)
    denied = _event("daily", actors=(SHABAAB,), place=MOGADISHU, auxiliary=(modality,))
    assert len(_fuse(realised, denied)) == 2


def test_fuse_events_two_negated_reports_fuse() -> None:
    a = _event("wire", type_="ASSAULT", actors=(_actor("M23", country="CD"),), auxiliary=("negation",))
    b = _event("daily", type_="ASSAULT", actors=(_actor("M23", country="CD"),), auxiliary=("negation",))
    [fused] = _fuse(a, b)
    assert fused.auxiliary == ["negation"]


def test_fuse_events_background_mention_joins_original_across_stories() -> None:
    original = _event("report2016", date="2016-01-15", published="2016-01-16", place=_place("El-Adde", "SO", "site"),
                      actors=(SHABAAB, _actor("Kenyan troops", "target", "military", "KE")))
    mention = _event("report2022", date="2016", published="2022-05-05", place=_place("El-Adde", None, "site"),
                     background=True, summary="the attack in El-Adde in 2016")
    [fused] = _fuse(original, mention, stories={"report2016": "st_2016", "report2022": "st_2022"})
    assert fused.story_id == "st_2016"
    assert fused.date == "2016-01-15" and fused.background is False and "historical" not in fused.auxiliary
    assert [(s.article_id, s.background) for s in fused.sources] == [("report2016", False), ("report2022", True)]


def test_fuse_events_background_mentions_in_two_stories_fuse_and_stay_history() -> None:
    a = _event("a", date="2013", published="2022-05-05", place=_place("Westgate mall", "KE", "site"), background=True)
    b = _event("b", date="2013-09", published="2023-09-21", place=_place("Westgate mall", "KE", "site"),
               background=True)
    [fused] = _fuse(a, b, stories={"a": "st_a", "b": "st_b"})
    assert fused.date == "2013-09" and fused.background is True and fused.auxiliary == ["historical"]


def test_fuse_events_news_of_the_day_never_fuses_across_stories() -> None:
    a = _event("a", actors=(SHABAAB,), place=MOGADISHU)
    b = _event("b", actors=(SHABAAB,), place=MOGADISHU)
    assert len(_fuse(a, b, stories={"a": "st_a", "b": "st_b"})) == 2
    assert len(_fuse(a, b, stories={})) == 2  # articles in no story


def test_fuse_events_undated_history_mention_does_not_join_todays_news() -> None:
    news = _event("a", actors=(SHABAAB,), place=MOGADISHU)
    history = _event("b", date=None, actors=(SHABAAB,), place=MOGADISHU, background=True)
    assert len(_fuse(news, history)) == 2


def test_fuse_events_two_events_of_one_article_never_fuse() -> None:
    a = _event("wire", actors=(SHABAAB,), place=MOGADISHU, start=0)
    b = _event("wire", actors=(SHABAAB,), place=MOGADISHU, start=200)
    assert len(_fuse(a, b)) == 2


def test_fuse_events_copy_fuses_with_its_original_only() -> None:
    original = [_event("orig", actors=(SHABAAB,), place=MOGADISHU, summary="Militants stormed a hotel", start=0),
                _event("orig", actors=(SHABAAB,), place=MOGADISHU, summary="A second blast hit a market",
                       start=300)]
    copied = [_event("copy", actors=(SHABAAB,), place=MOGADISHU, summary="Militants stormed a hotel", start=5),
              _event("copy", actors=(SHABAAB,), place=MOGADISHU, summary="A second blast hit a market", start=310)]
    fused = fuse_events(original + copied, stories={"orig": "st", "copy": "st"}, duplicates={"copy": "orig"})
    assert len(fused) == 2
    for event in fused:
        assert _articles(event) == ["copy", "orig"]
        assert len({s.sentence for s in event.sources}) == 1 or event.summary


def test_fuse_events_partial_day_and_month_give_the_day() -> None:
    a = _event("undated", type_="CONSULT", date="XXXX-05-04", published="", place=_place("Pentagon", "US", "site"),
               actors=(_actor("Celeste Wallander", "participant", "government", "US", "Assistant Secretary"),),
               basis="'on May 4' as written; year unknown")
    b = _event("dated", type_="CONSULT", date="2022-05", published="2022-05-20", place=_place("Pentagon", "US", "site"),
               actors=(_actor("Wallander", "participant", "person"),), basis="'in May' from article date")
    [fused] = _fuse(a, b)
    assert fused.date == "2022-05-04" and fused.date_precision == "day"
    assert "undated" in fused.date_basis and "dated" in fused.date_basis


@pytest.mark.parametrize(
    ("named", "fuses"),
    [(_actor("Islamic State West Africa Province", country="NG"), True),
     (_actor("Nigerian troops", "source", "military", "NG"), False)],
)
def test_fuse_events_undated_report_needs_a_named_actor_or_place(named: Actor, fuses: bool) -> None:
    dated = _event("a", date="2024-02-18", actors=(named,))
    undated = _event("b", date=None, actors=(named,))
    assert len(_fuse(dated, undated)) == (1 if fuses else 2)


def test_fuse_events_demonym_folds_to_country() -> None:
    a = _event("a", type_="MOBILIZE", date="2022-05-03", actors=(_actor("Kenyan troops", "source", "military", "KE"),))
    b = _event("b", type_="MOBILIZE", date="2022-05-03", actors=(_actor("Kenya", "source", "state", "KE"),))
    [fused] = _fuse(a, b)
    assert {actor.name for actor in fused.actors} == {"Kenyan troops", "Kenya"}


def test_fuse_events_country_on_opposite_sides_is_no_match() -> None:
    a = _event("a", date="2022-02", actors=(_actor("Ukraine", "source", "state", "UA"),), background=True)
    b = _event("b", date="2022", actors=(_actor("Ukraine", "target", "state", "UA"),), background=True)
    assert len(_fuse(a, b)) == 2


def test_fuse_events_roles_names_and_place_merge_with_provenance() -> None:
    a = _event("a", type_="CONSULT", place=_place("Nairobi", "KE"),
               actors=(_actor("Kibochi", "participant", "person"), _actor("Mark Milley", "target", "person")))
    b = _event("b", type_="CONSULT", place=_place("State House", "KE", "site"),
               actors=(_actor("Robert Kibochi", "source", "military", "KE", "General"),
                       _actor("Milley", "source", "person")))
    [fused] = _fuse(a, b)
    roles = {actor.name: (actor.role, actor.kind, actor.country) for actor in fused.actors}
    assert roles["Robert Kibochi"] == ("source", "military", "KE")
    assert roles["Mark Milley"][0] == "participant"  # target in one source, source in the other
    assert fused.location is not None and fused.location.name == "State House"


def test_fuse_events_two_towns_are_two_events() -> None:
    a = _event("a", actors=(SHABAAB,), place=MOGADISHU)
    b = _event("b", actors=(SHABAAB,), place=_place("Kismayo", "SO", lat=-0.36, lon=42.55))
    assert len(_fuse(a, b)) == 2


@pytest.mark.parametrize(("mode_a", "mode_b", "fuses"),
                         [("explosives", "abduct", True), ("aerial", "drone", True), ("abduct", "aerial", False),
                          ("arrest", "expel", False)])
def test_fuse_events_modes_of_one_operation_fuse_others_do_not(mode_a: str, mode_b: str, fuses: bool) -> None:
    a = _event("a", actors=(SHABAAB,), mode=mode_a)
    b = _event("b", actors=(SHABAAB,), mode=mode_b)
    assert len(_fuse(a, b)) == (1 if fuses else 2)


def test_fuse_events_dates_a_day_apart_keep_both_claims_and_the_month() -> None:
    hotel = _place("Hotel Bariga", "SO", "site")
    a = _event("a", date="2024-03-14", actors=(SHABAAB,), place=hotel, basis="'late on Thursday'")
    b = _event("b", date="2024-03-15", actors=(SHABAAB,), place=hotel, basis="'on Friday'")
    [fused] = _fuse(a, b)
    assert fused.date == "2024-03" and fused.date_precision == "month"
    [conflict] = fused.conflicts
    assert conflict["field"] == "date" and [c["value"] for c in conflict["claims"]] == ["2024-03-14", "2024-03-15"]


def test_fuse_events_dates_a_day_apart_without_the_place_stay_apart() -> None:
    a = _event("a", date="2024-03-14", actors=(SHABAAB,))
    b = _event("b", date="2024-03-15", actors=(SHABAAB,))
    assert len(_fuse(a, b)) == 2


def test_fuse_events_same_wording_fuses_without_named_actors() -> None:
    a = _event("a", type_="COERCE", date="2022-06-14", summary="Police arrested Tituaña on charges of sabotage.",
               actors=(_actor("police", kind="police"),))
    b = _event("b", type_="COERCE", date="2022-06-14", summary="Police arrested Tituaña on charges of sabotage",
               actors=(_actor("police", kind="police"),))
    assert len(_fuse(a, b)) == 1


def test_fuse_events_undated_meeting_takes_the_date_of_its_occasion() -> None:
    site = _place("Élysée Palace", "FR", "site")
    ruto, macron = _actor("William Ruto", "participant", "person"), _actor("Emmanuel Macron", "participant", "person")
    summit = _event("a", type_="CONSULT", date="2023-06-22", place=site, actors=(ruto, macron))
    side = _event("b", type_="CONSULT", date=None, place=site, start=50,
                  actors=(_actor("Ruto", "source", "person"), _actor("Kristalina Georgieva", "target", "person")))
    b_summit = _event("b", type_="CONSULT", date="XXXX-06-22", place=site, start=10,
                      actors=(ruto, _actor("Macron", "participant", "person")))
    fused = _fuse(summit, side, b_summit)
    assert len(fused) == 2
    [dated] = [e for e in fused if "Kristalina Georgieva" in {a.name for a in e.actors}]
    assert dated.date == "2023-06-22" and "same occasion" in dated.date_basis and "st_one" in dated.date_basis


def test_fuse_events_occasion_dating_needs_the_same_site_and_type() -> None:
    summit = _event("a", type_="CONSULT", date="2023-06-22", place=_place("Paris", "FR"),
                    actors=(_actor("William Ruto", "participant", "person"),))
    other = _event("a2", type_="AGREE", date=None, place=_place("Paris", "FR"),
                   actors=(_actor("William Ruto", "source", "person"),))
    elsewhere = _event("a3", type_="CONSULT", date=None, place=_place("Lyon", "FR"),
                       actors=(_actor("William Ruto", "source", "person"),))
    fused = _fuse(summit, other, elsewhere)
    assert sorted(e.date or "-" for e in fused) == ["-", "-", "2023-06-22"]


def test_fuse_events_ids_are_stable_and_name_their_members() -> None:
    events = [_event(f"a{i}", actors=(SHABAAB,), place=MOGADISHU) for i in range(4)]
    first = _fuse(*events)
    shuffled = events[:]
    random.Random(3).shuffle(shuffled)
    assert [e.event_id for e in _fuse(*shuffled)] == [e.event_id for e in first]
    assert first[0].event_id == fused_event_id(e.event_id for e in events)
    assert _fuse(*events[:3])[0].event_id != first[0].event_id  # a new member, a new record


def test_fuse_events_does_not_modify_its_input() -> None:
    a = _event("a", actors=(_actor("Kibochi", "participant", "person"),), place=MOGADISHU)
    b = _event("b", actors=(_actor("Robert Kibochi", "source", "person"),), place=MOGADISHU)
    before = copy.deepcopy([a, b])
    _fuse(a, b)
    assert [a, b] == before


def test_fuse_events_rejects_an_already_fused_event() -> None:
    a = _event("a")
    a.sources.append(Evidence("b", "b.txt", None, None, False, "x", 0, 1))
    with pytest.raises(ExtractError) as caught:
        _fuse(a)
    assert caught.value.code == "X610"


@pytest.mark.parametrize(
    ("left", "right", "same"),
    [(_actor("Kibochi", kind="person"), _actor("Robert Kibochi", kind="military", title="General"), True),
     (_actor("KDF", kind="military"), _actor("Kenya Defence Forces", kind="military"), True),
     (_actor("Robert Kibochi", kind="person"), _actor("Robert Mugabe", kind="person"), False),
     (_actor("Kenya Ministry of Defence", kind="government"),
      _actor("US Department of Defense", kind="government"), False),
     (_actor("Houthis", country="YE"), _actor("Houthi", country="YE"), True)],
)
def test_actors_match_names(left: Actor, right: Actor, same: bool) -> None:
    assert actors_match(left, right) is same


@pytest.mark.parametrize(("actor", "names"), [(_actor("troops", kind="military"), False),
                                              (_actor("Burundian soldiers", kind="military", country="BI"), True),
                                              (_actor("ECOWAS", kind="org"), True)])
def test_names_someone_tells_named_from_generic(actor: Actor, names: bool) -> None:
    assert names_someone(actor) is names


def test_fuse_events_scales_about_linearly(monkeypatch: pytest.MonkeyPatch) -> None:
    """Counted, not timed: the rule checks a run makes grow with the events, not with their square."""
    from newsevents.resolve import fusion

    checks = 0
    hard_ok = fusion._hard_ok

    def counted(a: object, b: object) -> bool:
        nonlocal checks
        checks += 1
        return hard_ok(a, b)  # type: ignore[arg-type]

    monkeypatch.setattr(fusion, "_hard_ok", counted)

    def run(n: int) -> int:
        nonlocal checks
        checks = 0
        events = [_event(f"a{i}", date=f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}", start=i,
                         actors=(_actor(f"Group{i % 97}", country="SO"),),
                         place=_place(f"Town{i % 89}", "SO")) for i in range(n)]
        stories = {f"a{i}": f"st_{i % (n // 20)}" for i in range(n)}  # stories of 20 reports
        fuse_events(events, stories=stories)
        return checks

    small, large = run(500), run(4000)
    assert 0 < large < 12 * small  # 8x the events: about 8x the checks, far from 64x


def test_fuse_events_country_and_year_alone_do_not_join_stories() -> None:
    a = _event("a", date="2011", published="2022-05-05", background=True, place=_place("Somalia", "SO", "country"),
               actors=(_actor("Kenya", "source", "state", "KE"),))
    b = _event("b", date="2011", published="2023-01-10", background=True, place=_place("Somalia", "SO", "country"),
               actors=(_actor("Ethiopian troops", "source", "military", "ET"),))
    assert len(_fuse(a, b, stories={"a": "st_a", "b": "st_b"})) == 2


def test_fuse_events_shared_little_words_are_not_the_same_wording() -> None:
    a = _event("a", summary="The attack on the base", actors=(_actor("soldiers", kind="military"),))
    b = _event("b", summary="The attack on the market", actors=(_actor("gunmen", kind="group"),))
    assert len(_fuse(a, b)) == 2


def test_fuse_events_on_the_development_gold_cuts_duplicates_and_keeps_quality() -> None:
    """The quality gate: fusing the development articles (gold stories assigned by hand) removes most
    duplicate events and keeps precision and dates at least where they were."""
    from newsevents.evaluate import load_gold, score
    from newsevents.jobs import extract_paths

    data = Path(__file__).parent.parent / "data"
    gold = load_gold(data / "gold_dev.json")
    report = extract_paths([str(p) for p in sorted(data.glob("0*_*.txt")) + sorted((data / "articles").glob("*.txt"))])
    stories = {}
    for article in report.articles:
        key = gold.article_key(article.origin)
        article.story_id = stories[article.article_id] = f"st_{gold.articles[key].story}" if key else None
    raw = score(gold, [e for a in report.articles for e in a.events])
    for story in sorted({s for s in stories.values() if s}):
        date_from_story(report.articles, story_id=story)
    fused = score(gold, fuse_events([e for a in report.articles for e in a.events], stories=stories))
    assert fused.duplicates <= raw.duplicates * 0.7
    assert fused.events.precision >= raw.events.precision + 0.03
    assert fused.events.f1 >= raw.events.f1 - 0.01
    assert fused.exact_date.value >= raw.exact_date.value


# --------------------------------------------------------------------------------------------------
# Incremental fusion: new reports into stored clusters


def _clusters(events: list[Event], stories: dict[str, str | None]) -> list[Cluster]:
    return fuse_update(events, existing=(), members={}, stories=stories)


def _by_id(events: list[Event]) -> dict[str, Event]:
    return {event.event_id: event for event in events}


def _stream() -> list[Event]:
    """Three reports of one attack in Mogadishu, one of a raid in Kismayo, a 2017 history mention."""
    kismayo = _place("Kismayo", "SO", lat=-0.36, lon=42.55)
    return [
        _event("wire", actors=(SHABAAB,), place=MOGADISHU, fatalities=Fatalities(20, 20, "20 killed")),
        _event("raid", type_="ASSAULT", date="2024-03-13", actors=(_actor("Somali army", kind="military",
                                                                          country="SO"),), place=kismayo),
        _event("daily", actors=(SHABAAB,), place=MOGADISHU, published="2024-03-16",
               fatalities=Fatalities(21, None, "at least 21 killed")),
        _event("radio", actors=(SHABAAB,), place=MOGADISHU, published="2024-03-16", start=90),
    ]


def test_fuse_update_without_stored_clusters_is_fuse_events() -> None:
    events = _stream()
    stories = {"wire": "st_a", "daily": "st_a", "radio": "st_a", "raid": "st_b"}
    assert [c.event for c in _clusters(events, stories)] == fuse_events(events, stories=stories)


def test_fuse_update_report_joins_stored_cluster_as_a_whole_run_would() -> None:
    events = _stream()
    stories = {"wire": "st_a", "daily": "st_a", "radio": "st_a", "raid": "st_b"}
    first = _clusters(events[:3], stories)
    members = {event.event_id: event for event in events[:3]}
    later = fuse_update(events[3:], existing=first, members=members, stories=stories)
    assert [c.event for c in later] == fuse_events(events, stories=stories)
    [attack] = [c for c in later if c.event.location and c.event.location.name == "Mogadishu"]
    assert set(attack.member_ids) == {"ev_wire_0", "ev_daily_0", "ev_radio_90"}
    assert any(key.startswith("ASSAULT|n:al") for key in attack.keys)


def test_fuse_update_keeps_untouched_clusters_exactly_as_stored() -> None:
    events = _stream()
    stories = {"wire": "st_a", "daily": "st_a", "radio": "st_a", "raid": "st_b"}
    first = _clusters(events, stories)
    members = {event.event_id: event for event in events}
    protest = _event("march", type_="PROTEST", actors=(_actor("teachers", kind="civilians"),), place=MOGADISHU)
    later = fuse_update([protest], existing=first, members=members, stories=stories | {"march": "st_c"})
    assert [c for c in later if c.event.type == "ASSAULT"] == first


def test_fuse_update_a_redated_member_dissolves_its_cluster() -> None:
    events = _stream()
    stories = {"wire": "st_a", "daily": "st_a", "radio": "st_a", "raid": "st_b"}
    first = _clusters(events, stories)
    members = {event.event_id: event for event in events}
    moved = copy.deepcopy(events[3])
    moved.date = "2024-02-01"  # the radio report now tells another day: not the same attack
    later = fuse_update([moved], existing=first, members=members, stories=stories)
    attacks = [c for c in later if c.event.location and c.event.location.name == "Mogadishu"]
    assert sorted(len(c.member_ids) for c in attacks) == [1, 2]


def test_fuse_update_history_mention_joins_a_cluster_of_another_story() -> None:
    original = _event("old", date="2017-10-14", published="2017-10-15", actors=(SHABAAB,), place=MOGADISHU)
    first = _clusters([original], {"old": "st_2017"})
    mention = _event("new", date="2017-10-14", published="2024-03-15", actors=(SHABAAB,), place=MOGADISHU,
                     background=True)
    [joined] = fuse_update([mention], existing=first, members={"ev_old_0": original},
                           stories={"old": "st_2017", "new": "st_2024"})
    assert joined.member_ids == ("ev_new_0", "ev_old_0")
    assert joined.event.story_id == "st_2017" and joined.event.event_id != first[0].event.event_id
    assert history_keys(mention) & joined.keys
