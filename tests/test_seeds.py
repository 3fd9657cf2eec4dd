"""End to end on the two seed reports: the acceptance list of the foundation issue.

The rules that produce these events are general; these tests pin the behaviour on real text (the same
behaviour is measured on the development articles by tests/test_quality.py).
"""

from __future__ import annotations

from newsevents.model import Article, Event

SEED_000 = "000_9333ff4047246816.txt"
SEED_001 = "001_8bd47fad0ceba9bf.txt"


def _names(event: Event) -> set[str]:
    return {actor.name for actor in event.actors}


def _find(article: Article, type_: str, *, actor: str | None = None, date: str | None = "any",
          place: str | None = None) -> Event:
    for event in article.events:
        if event.type != type_:
            continue
        if actor and not any(actor in name for name in _names(event)):
            continue
        if date != "any" and event.date != date:
            continue
        if place and not (event.location and place in event.location.name):
            continue
        return event
    listing = "\n".join(f"  {e.type} {e.date} {sorted(_names(e))} {e.location}" for e in article.events)
    raise AssertionError(f"no {type_} event with actor={actor} date={date} place={place}; events:\n{listing}")


def test_seed_001_forum_consult_on_wednesday_at_the_pentagon(seed_articles: dict[str, Article]) -> None:
    event = _find(seed_articles[SEED_001], "CONSULT", actor="Wamalwa", date="2022-05-04")
    assert {"Eugene Wamalwa", "Celeste Wallander"} <= _names(event)
    assert event.location is not None and event.location.name == "Pentagon" and event.location.country == "US"
    assert event.background is False and event.date_precision == "day"
    assert "Wednesday" in event.date_basis


def test_seed_000_meetings_keep_the_unknown_year(seed_articles: dict[str, Article]) -> None:
    article = seed_articles[SEED_000]
    milley = _find(article, "CONSULT", actor="Milley", place="Pentagon")
    assert "Robert Kibochi" in _names(milley)
    forum = _find(article, "CONSULT", actor="Wallander", date="XXXX-05-04")
    assert {"Eugene Wamalwa", "Robert Kibochi"} <= _names(forum)
    assert any("May 4" in source.sentence for source in forum.sources)


def test_seed_001_base_attack_two_days_ago(seed_articles: dict[str, Article]) -> None:
    event = _find(seed_articles[SEED_001], "ASSAULT", actor="Al-Shabaab", date="2022-05-03")
    assert "Burundian soldiers" in _names(event)
    assert event.fatalities is not None and (event.fatalities.min, event.fatalities.max) == (13, None)
    assert event.background is False
    assert "Two days ago" in event.date_basis


def test_seed_001_background_attacks_keep_their_own_years(seed_articles: dict[str, Article]) -> None:
    article = seed_articles[SEED_001]
    westgate = _find(article, "ASSAULT", place="Westgate", date="2013")
    assert westgate.background and westgate.location.country == "KE"
    assert westgate.fatalities.min == 71
    garissa = _find(article, "ASSAULT", place="Garissa")
    assert garissa.background and garissa.date is None and garissa.fatalities.min == 140
    assert garissa.location.country == "KE"
    el_adde = _find(article, "ASSAULT", place="El-Adde", date="2016")
    assert el_adde.background and el_adde.location.country == "SO"
    linda_nchi = _find(article, "ASSAULT", actor="Kenya", date="2011")
    assert linda_nchi.background


def test_seed_000_history_chain(seed_articles: dict[str, Article]) -> None:
    article = seed_articles[SEED_000]
    incursion = _find(article, "ASSAULT", date="2011-10")
    assert incursion.background and incursion.location.country == "SO"
    kismayo = _find(article, "ASSAULT", place="Kismayo", date="2013")
    assert kismayo.background and "Two years later" in kismayo.date_basis
    dadaab = _find(article, "ASSAULT", place="Dadaab")
    assert dadaab.background and dadaab.location.country == "KE" and dadaab.mode == "abduct"


def test_seeds_never_date_history_with_the_article_date(seed_articles: dict[str, Article]) -> None:
    for article in seed_articles.values():
        for event in article.events:
            if event.background:
                assert event.date is None or not event.date.startswith("2022"), event


def test_seeds_no_boilerplate_or_repeated_lede_events(seed_articles: dict[str, Article]) -> None:
    for article in seed_articles.values():
        for event in article.events:
            assert all("Advertisement" not in source.sentence for source in event.sources)
    lede = "The two military leaders discussed"
    article = seed_articles[SEED_000]
    assert article.text.count(lede) == 1
    assert len([e for e in article.events if e.type == "CONSULT" and "Milley" in " ".join(_names(e))]) == 1


def test_seed_evidence_offsets_point_into_the_cleaned_text(seed_articles: dict[str, Article]) -> None:
    for article in seed_articles.values():
        for event in article.events:
            for source in event.sources:
                assert article.text[source.char_start:source.char_end] == source.sentence
                assert source.article_id == article.article_id


def test_seed_event_ids_are_stable(seed_articles: dict[str, Article]) -> None:
    from newsevents.jobs import extract_paths

    again = extract_paths([article.origin for article in seed_articles.values()], resolve=False)
    first = sorted(e.event_id for a in seed_articles.values() for e in a.events)
    second = sorted(e.event_id for a in again.articles for e in a.events)
    assert first == second
