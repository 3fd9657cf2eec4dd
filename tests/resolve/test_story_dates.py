"""Dates from the story: undated members get the story's date, re-anchored times and new events."""

from __future__ import annotations

import copy

import pytest

from newsevents.errors import ExtractError
from newsevents.ingest import read_text
from newsevents.model import Article
from newsevents.pipeline import Pipeline
from newsevents.resolve.fusion import fuse_events
from newsevents.resolve.story_dates import date_from_story, story_date

SEED_000 = "000_9333ff4047246816.txt"
SEED_001 = "001_8bd47fad0ceba9bf.txt"
STORY = "st_forum"


@pytest.fixture(scope="module")
def make():  # type: ignore[no-untyped-def]
    pipeline = Pipeline()

    def build(body: str, *, published: str | None = None, story: str | None = "st_x", origin: str = "a.txt",
              outlet: str = "") -> Article:
        header = (f"| date {published}\n" if published else "") + (f"| outlet {outlet}\n" if outlet else "")
        article = pipeline(read_text(header + body, origin=origin))
        article.story_id = story
        return article

    return build


@pytest.fixture()
def seeds(seed_articles: dict[str, Article]) -> dict[str, Article]:
    articles = copy.deepcopy(seed_articles)
    for article in articles.values():
        article.story_id = STORY
    return articles


def test_date_from_story_dates_seed_000_from_seed_001(seeds: dict[str, Article]) -> None:
    undated, dated = seeds[SEED_000], seeds[SEED_001]
    assert date_from_story(list(seeds.values()), story_id=STORY) == [undated.article_id]
    assert undated.published == "2022-05-05" and undated.published_basis == f"story {STORY}"
    assert dated.published_basis == "header line"
    [may4] = [t for t in undated.times if t.text == "May 4"]
    assert may4.value == "2022-05-04" and may4.anchor == "story" and STORY in may4.basis


def test_date_from_story_reextracts_events_with_the_new_anchor(seeds: dict[str, Article]) -> None:
    date_from_story(list(seeds.values()), story_id=STORY)
    events = seeds[SEED_000].events
    [forum] = [e for e in events if any(a.name == "Celeste Wallander" for a in e.actors)]
    assert forum.date == "2022-05-04" and STORY in forum.date_basis and forum.background is False
    [linda] = [e for e in events if e.date == "2011-10"]
    assert linda.background is True
    assert all(source.published == "2022-05-05" for e in events for source in e.sources)


def test_date_from_story_then_fusion_dates_the_kibochi_milley_meeting(seeds: dict[str, Article]) -> None:
    """No time expression tells when Kibochi met Milley; the story's forum at the same site with Kibochi,
    dated by both seeds, is its occasion (`fusion._date_by_occasion`)."""
    articles = list(seeds.values())
    date_from_story(articles, story_id=STORY)
    [meeting] = [e for e in seeds[SEED_000].events if any("Milley" in a.name for a in e.actors)]
    assert meeting.date is None  # the article alone cannot date it
    fused = fuse_events([e for a in articles for e in a.events], stories={a.article_id: STORY for a in articles})
    [meeting] = [e for e in fused if any("Milley" in a.name for a in e.actors)]
    assert meeting.date == "2022-05-04" and meeting.date_precision == "day"
    assert STORY in meeting.date_basis and "same occasion" in meeting.date_basis


def test_date_from_story_without_dated_member_changes_nothing(make) -> None:  # type: ignore[no-untyped-def]
    a = make("Protesters marched in Lima on Tuesday against the government.", story="st_none")
    b = make("Police fired tear gas at protesters in Lima on Tuesday.", story="st_none")
    assert date_from_story([a, b], story_id="st_none") == []
    assert a.published is None and b.published is None
    assert story_date([a, b], story_id="st_none") is None


def test_date_from_story_takes_the_earliest_own_date(make) -> None:  # type: ignore[no-untyped-def]
    first = make("Gunmen attacked a police post in Kaduna on Monday.", published="2024-02-13")
    later = make("The death toll from Monday's attack in Kaduna rose to nine.", published="2024-02-15")
    undated = make("Gunmen attacked a police post in Kaduna on Monday, killing seven officers.")
    other_story = make("Militants attacked a base in Borno on Monday.", story="st_other")
    assert date_from_story([first, later, undated, other_story], story_id="st_x") == [undated.article_id]
    assert undated.published == "2024-02-13"
    assert other_story.published is None
    [attack] = undated.events
    assert attack.date == "2024-02-12" and "story st_x" in attack.date_basis


def test_date_from_story_is_idempotent_and_follows_an_earlier_report(make) -> None:  # type: ignore[no-untyped-def]
    dated = make("Houthi forces fired two missiles at a cargo ship in the Red Sea on Sunday.", published="2024-02-19")
    undated = make("The Houthis attacked a cargo ship in the Red Sea on Sunday, the US military said.")
    members = [dated, undated]
    assert date_from_story(members, story_id="st_x") == [undated.article_id]
    assert date_from_story(members, story_id="st_x") == []
    assert undated.events[0].date == "2024-02-18"
    earlier = make("Houthi forces fired missiles at a ship in the Red Sea on Sunday.", published="2024-02-18")
    assert date_from_story([earlier, *members], story_id="st_x") == [undated.article_id]
    assert undated.published == "2024-02-18"
    assert undated.events[0].date == "2024-02-18"  # re-read from the text, not from the old date


def test_date_from_story_story_dated_members_do_not_date_others(make) -> None:  # type: ignore[no-untyped-def]
    dated = make("Troops clashed with rebels near Goma on Tuesday.", published="2024-05-02")
    undated = make("Rebels clashed with troops near Goma on Tuesday.")
    date_from_story([dated, undated], story_id="st_x")
    dated.story_id = "st_gone"  # the dated report leaves the story
    assert story_date([dated, undated], story_id="st_x") is None


def test_date_from_story_moves_the_date_when_bare_weekdays_say_so(make) -> None:  # type: ignore[no-untyped-def]
    """A Friday report dates the story; "said on Saturday … Friday's attack" was written on Saturday."""
    friday = make("Russia struck Ukraine's power grid early on Friday, officials said.", published="2024-03-22")
    undated = make("Germany will send another air defence system, the defence minister said on Saturday. "
                   "Friday's attack knocked out a hydroelectric plant in Ukraine.")
    date_from_story([friday, undated], story_id="st_x")
    assert undated.published == "2024-03-23"
    assert undated.published_basis is not None and undated.published_basis.startswith("story st_x")


@pytest.mark.parametrize(
    ("body", "expected"),
    [("Rebels seized the town of Rubaya on Tuesday, officials said.", "2024-05-02"),
     ("Rebels seized Rubaya, officials said.", "2024-05-02")],
)
def test_date_from_story_keeps_the_story_date_when_weekdays_fit(  # type: ignore[no-untyped-def]
        make, body: str, expected: str) -> None:
    dated = make("M23 rebels captured Rubaya on Tuesday.", published="2024-05-02")
    undated = make(body)
    date_from_story([dated, undated], story_id="st_x")
    assert undated.published == expected


def test_date_from_story_keeps_the_datelines_day(make) -> None:  # type: ignore[no-untyped-def]
    dated = make("Protesters blocked roads in Quito on Monday.", published="2022-06-14")
    undated = make("QUITO, Ecuador, June 15 - Police arrested the head of the largest indigenous federation "
                   "on Tuesday, officials said.")
    assert undated.dateline is not None and undated.dateline.day == 15
    date_from_story([dated, undated], story_id="st_x")
    assert undated.published == "2022-06-15"
    assert "dateline" in (undated.published_basis or "")
    [arrest] = undated.events
    assert arrest.date == "2022-06-14"


def test_date_from_story_copy_takes_its_originals_date(make) -> None:  # type: ignore[no-untyped-def]
    first = make("Gunmen kidnapped 30 pupils from a school in Zamfara on Friday.", published="2024-03-01")
    original = make("Gunmen kidnapped pupils from a school in Zamfara state on Friday.", published="2024-03-02",
                    origin="b.txt")
    copy_ = make("Gunmen kidnapped pupils from a school in Zamfara state on Friday.", origin="c.txt")
    copy_.duplicate_of = original.article_id
    date_from_story([first, original, copy_], story_id="st_x")
    assert copy_.published == "2024-03-02" and original.article_id in (copy_.published_basis or "")


def test_date_from_story_rejects_a_malformed_member_date(make) -> None:  # type: ignore[no-untyped-def]
    dated = make("Troops clashed with rebels near Goma on Tuesday.", published="2024-05-02")
    dated.published = "02/05/2024"
    with pytest.raises(ExtractError) as caught:
        date_from_story([dated], story_id="st_x")
    assert caught.value.code == "X620"
