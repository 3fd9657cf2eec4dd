"""Story resolution end to end: the acceptance of the stories issue, in memory and through a database."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.jobs import extract_paths, ingest_paths
from newsevents.model import Event
from newsevents.store import EventQuery, Store

DATA = Path(__file__).resolve().parents[1] / "data"
SEED_000, SEED_001 = (str(path) for path in sorted(DATA.glob("0*_*.txt")))
UNRELATED = str(DATA / "articles" / "peru_protests_lima.txt")


def _with(events: list[Event], name: str) -> list[Event]:
    return [e for e in events if any(name in a.name for a in e.actors)]


@pytest.fixture(scope="module")
def seeds():  # type: ignore[no-untyped-def]
    return extract_paths([SEED_000, SEED_001, UNRELATED])


def test_resolver_seeds_form_one_story_and_unrelated_stays_apart(seeds) -> None:  # type: ignore[no-untyped-def]
    story_of = {Path(a.origin).name: a.story_id for a in seeds.articles}
    assert story_of[Path(SEED_000).name] == story_of[Path(SEED_001).name]
    assert story_of[Path(UNRELATED).name] != story_of[Path(SEED_000).name]


def test_resolver_forum_event_has_a_source_in_each_seed(seeds) -> None:  # type: ignore[no-untyped-def]
    forum = [e for e in _with(seeds.events, "Wamalwa") if e.type == "CONSULT" and "future" not in e.auxiliary]
    assert len(forum) == 1
    event = forum[0]
    assert event.date == "2022-05-04" and event.story_id is not None
    assert {Path(s.origin).name for s in event.sources} == {Path(SEED_000).name, Path(SEED_001).name}


def test_resolver_linda_nchi_fuses_at_month_precision(seeds) -> None:  # type: ignore[no-untyped-def]
    incursions = [e for e in seeds.events if e.type == "ASSAULT" and e.date and e.date.startswith("2011")]
    assert len(incursions) == 1
    event = incursions[0]
    assert event.date == "2011-10" and event.background
    assert len({s.article_id for s in event.sources}) == 2


def test_resolver_story_dates_the_undated_seed(seeds) -> None:  # type: ignore[no-untyped-def]
    seed_000 = next(a for a in seeds.articles if a.origin == SEED_000)
    assert seed_000.published == "2022-05-05" and seed_000.published_basis.startswith("story st_")
    milley = [e for e in _with(seeds.events, "Milley") if e.type == "CONSULT"]
    assert milley and milley[0].date == "2022-05-04"
    assert "st_" in milley[0].date_basis


def test_resolver_base_attack_keeps_one_source(seeds) -> None:  # type: ignore[no-untyped-def]
    (attack,) = [e for e in seeds.events if e.type == "ASSAULT" and e.date == "2022-05-03"]
    assert len(attack.sources) == 1 and attack.fatalities.min == 13


def test_resolver_near_copy_is_a_source_not_a_second_event(tmp_path: Path) -> None:
    original = Path(SEED_001).read_text(encoding="utf-8")
    copy = tmp_path / "copy.txt"
    copy.write_text("| outlet syndicated.example.com\n" + original.replace("Wednesday", "Wednesday,"), encoding="utf-8")
    report = extract_paths([SEED_001, str(copy)])
    copy_article = next(a for a in report.articles if a.origin == str(copy))
    assert copy_article.duplicate_of is not None
    attacks = [e for e in report.events if e.type == "ASSAULT" and e.date == "2022-05-03"]
    assert len(attacks) == 1 and len({s.article_id for s in attacks[0].sources}) == 2


def _stored(db: Path) -> tuple[list[tuple], int]:
    with Store.open(str(db)) as store:
        events = store.events(EventQuery(include_background=True, include_unrealised=True))
        counts = store.counts()
    rows = sorted((e.event_id, e.date, e.story_id, tuple(sorted(s.article_id for s in e.sources))) for e in events)
    return rows, counts["stories"]


def test_resolver_incremental_ingest_equals_one_batch(tmp_path: Path) -> None:
    together, apart = tmp_path / "together.db", tmp_path / "apart.db"
    with Store.open(str(together)) as store:
        ingest_paths([SEED_000, SEED_001], store)
    with Store.open(str(apart)) as store:
        ingest_paths([SEED_001], store)
    with Store.open(str(apart)) as store:
        ingest_paths([SEED_000], store)
    assert _stored(apart) == _stored(together)
    rows, stories = _stored(apart)
    assert stories == 1 and len({row[2] for row in rows}) == 1


def test_resolver_reingest_changes_nothing(tmp_path: Path) -> None:
    db = tmp_path / "news.db"
    with Store.open(str(db)) as store:
        ingest_paths([SEED_000, SEED_001], store)
    before = _stored(db)
    with Store.open(str(db)) as store:
        report = ingest_paths([SEED_000, SEED_001], store)
    assert report.added == 0 and _stored(db) == before


def test_resolver_keeps_the_story_index_it_is_given() -> None:
    """An empty index is falsy (len 0); the resolver must still use it, embedder and all."""
    from newsevents.resolve.resolver import Resolver
    from newsevents.resolve.stories import StoryIndex

    class FakeEmbedder:
        def embed(self, texts):  # type: ignore[no-untyped-def]
            import numpy as np

            return np.ones((len(texts), 4), dtype=np.float32) / 2.0

    index = StoryIndex(embedder=FakeEmbedder())
    assert Resolver(stories=index).stories is index
    assert Resolver(embedder=FakeEmbedder()).stories.embedder is not None


def test_resolver_copy_in_a_later_ingest_is_recognised(tmp_path: Path) -> None:
    """The near-duplicate index rebuilt from stored signatures (with dates and canonicals) finds copies."""
    db = tmp_path / "news.db"
    copy = tmp_path / "copy.txt"
    copy.write_text("| outlet syndicated.example.com\n" + Path(SEED_001).read_text(encoding="utf-8")
                    .replace("Wednesday", "Wednesday,"), encoding="utf-8")
    with Store.open(str(db)) as store:
        ingest_paths([SEED_001], store)
    with Store.open(str(db)) as store:
        ingest_paths([str(copy)], store)
        (row,) = [s for s in store.signatures() if s[2] is not None]
        attacks = [e for e in store.events(EventQuery()) if e.type == "ASSAULT" and e.date == "2022-05-03"]
    assert row[3] == "2022-05-05"
    assert len(attacks) == 1 and len({s.article_id for s in attacks[0].sources}) == 2


BOMBING_2017 = """| date 2017-10-15
| outlet wire.example.com
Mogadishu truck bombing kills hundreds

MOGADISHU, Oct 15 (Wire) - A truck bomb exploded at a busy junction in Mogadishu on Saturday, killing at \
least 300 people, officials said. Al-Shabaab militants carried out the attack, security officials said. \
Police said the truck was packed with explosives.
"""

PLAN_2024 = """| date 2024-03-20
| outlet daily.example.com
Somalia marks new security plan

MOGADISHU, March 20 (Daily) - Somalia's government announced a new security plan on Wednesday. The \
capital has suffered many attacks. In October 2017, Al-Shabaab militants bombed a busy junction in \
Mogadishu, killing more than 500 people. Officials said the new plan would add checkpoints.
"""


def _write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_resolver_history_mention_joins_the_stored_event_of_another_story(tmp_path: Path) -> None:
    """A 2024 article recalling the 2017 bombing becomes a later source of the stored 2017 event, found
    through its history keys, not by fusing the old story again; the old record is replaced."""
    db = str(tmp_path / "news.db")
    with Store.open(db) as store:
        ingest_paths([_write(tmp_path, "2017.txt", BOMBING_2017)], store)
        [before] = [e for e in store.events(EventQuery()) if e.date == "2017-10-14" and "truck" in e.summary]
    with Store.open(db) as store:
        ingest_paths([_write(tmp_path, "2024.txt", PLAN_2024)], store)
        [after] = [e for e in store.events(EventQuery()) if e.date == "2017-10-14" and "truck" in e.summary]
        assert store.event(before.event_id) is None
        plan_story = {a.article_id: a.story_id for a in store.articles({s.article_id for s in after.sources}).values()}
    assert len({source.article_id for source in after.sources}) == 2
    assert after.story_id == before.story_id and len(set(plan_story.values())) == 2
    assert [s.background for s in after.sources if s.published == "2024-03-20"] == [True]


def test_resolver_records_every_fused_event_with_its_members(tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    with Store.open(db) as store:
        ingest_paths([SEED_000, SEED_001], store)
        events = store.events(EventQuery(include_background=True, include_unrealised=True))
        clusters = store.clusters(event_ids=[e.event_id for e in events])
        own = [e for a in store.articles([a for s in store.stories() for a in s.article_ids]).values() for e in a.events]
    assert [c.event for c in clusters] == sorted(events, key=lambda e: e.event_id)
    assert sorted(m for c in clusters for m, _ in c.members) == sorted(e.event_id for e in own)


def test_resolver_fuses_a_story_stored_without_members_whole_once(tmp_path: Path) -> None:
    """A database upgraded from revision 0003 has fused events without recorded members: the next
    article of such a story fuses the story whole, leaving no stale event behind."""
    from sqlalchemy import delete

    from newsevents.store import schema

    together, upgraded = str(tmp_path / "together.db"), str(tmp_path / "upgraded.db")
    with Store.open(together) as store:
        ingest_paths([SEED_000, SEED_001], store)
    with Store.open(upgraded) as store:
        ingest_paths([SEED_001], store)
        with store.engine.begin() as connection:
            connection.execute(delete(schema.event_members))
            connection.execute(delete(schema.event_keys))
    with Store.open(upgraded) as store:
        ingest_paths([SEED_000], store)
    assert _stored(Path(upgraded)) == _stored(Path(together))
