"""The story view on the seeds and on a hand-built story of three outlets (one a copy)."""

from __future__ import annotations

import copy
import json

import pytest

from newsevents.ingest import read_text
from newsevents.model import Article, Event, Story
from newsevents.pipeline import Pipeline
from newsevents.resolve.fusion import fuse_events
from newsevents.resolve.story_dates import date_from_story
from newsevents.resolve.views import SUMMARY_MAX, SUMMARY_MIN, story_view

SEED_000 = "000_9333ff4047246816.txt"
SEED_001 = "001_8bd47fad0ceba9bf.txt"


def _resolve(articles: list[Article], story_id: str) -> tuple[Story, list[Event]]:
    for article in articles:
        article.story_id = story_id
    date_from_story(articles, story_id=story_id)
    events = fuse_events([e for a in articles for e in a.events], stories={a.article_id: story_id for a in articles},
                         duplicates={a.article_id: a.duplicate_of for a in articles if a.duplicate_of})
    return Story(story_id, [a.article_id for a in articles]), events


@pytest.fixture(scope="module")
def seed_view(seed_articles: dict[str, Article]) -> tuple[dict, dict[str, Article]]:
    articles = copy.deepcopy(seed_articles)
    story, events = _resolve(list(articles.values()), "st_seeds")
    return story_view(story, list(articles.values()), events), articles


WIRE = """| outlet horn-wire.example.com
| date 2024-03-15
Al-Shabaab militants stormed the Hotel Bariga in Mogadishu late on Thursday, killing at least 12 people, police said.

Police spokesman Abdifatah Dualeh said five attackers forced their way into the hotel after a car bomb exploded at its gate.

The group was pushed out of Mogadishu in 2011 but still carries out frequent bombings in the capital.

In October 2017, a truck bomb at a busy junction in Mogadishu killed more than 500 people.
"""

DAILY = """| outlet mogadishu-daily.example.com
| date 2024-03-16
Al-Shabaab militants attacked the Hotel Bariga in Mogadishu on Thursday, killing at least 21 people, hospital officials said.

Somalia's interior minister on Saturday vowed to hunt down those behind the assault.

Doctors at Medina hospital said dozens of wounded were brought in overnight, many with gunshot wounds.
"""

COPY = DAILY.replace("| outlet mogadishu-daily.example.com", "| outlet somali-mirror.example.com").replace(
    "hospital officials said", "officials at the hospital said")


@pytest.fixture(scope="module")
def hotel() -> tuple[dict, dict[str, Article]]:
    pipeline = Pipeline()
    articles = {name: pipeline(read_text(text, origin=f"{name}.txt"))
                for name, text in (("wire", WIRE), ("daily", DAILY), ("copy", COPY))}
    articles["copy"].duplicate_of = articles["daily"].article_id
    other = pipeline(read_text("| date 2024-03-15\nProtesters marched in Lima on Friday against the president.",
                               origin="lima.txt"))
    story, events = _resolve(list(articles.values()), "st_hotel")
    other.story_id = "st_lima"
    return story_view(story, [*articles.values(), other], events), articles


def test_story_view_is_json_with_every_key(seed_view: tuple[dict, dict[str, Article]]) -> None:
    view, _ = seed_view
    assert set(view) == {"story_id", "title", "first_date", "last_date", "outlets", "articles", "timeline",
                         "summary", "coverage"}
    assert json.loads(json.dumps(view)) == view


def test_story_view_seed_dates_articles_and_title(seed_view: tuple[dict, dict[str, Article]]) -> None:
    view, articles = seed_view
    assert view["story_id"] == "st_seeds"
    assert view["first_date"] == view["last_date"] == "2022-05-05"
    assert [row["article_id"] for row in view["articles"]] == sorted(a.article_id for a in articles.values())
    assert "Wamalwa" in view["title"] and len(view["title"]) <= 120


def test_story_view_seed_timeline_splits_news_from_history(seed_view: tuple[dict, dict[str, Article]]) -> None:
    view, _ = seed_view
    news, history = view["timeline"]["news"], view["timeline"]["background"]
    assert [row["date"] for row in news][:3] == ["2022-05-03", "2022-05-04", "2022-05-04"]
    assert {row["date"] for row in history} >= {"2011-10", "2013", "2016"}
    dated = [row["date"] for row in history if row["date"]]
    assert dated == sorted(dated)
    forum = next(row for row in news if "Wallander" in row["summary"])
    assert len(forum["articles"]) == 2


def test_story_view_seed_summary_is_central_and_never_repeats(seed_view: tuple[dict, dict[str, Article]]) -> None:
    view, articles = seed_view
    summary = view["summary"]
    assert SUMMARY_MIN <= len(summary) <= SUMMARY_MAX
    texts = [item["text"] for item in summary]
    assert sum("intend to continue the strong partnership" in text for text in texts) <= 1  # in both seeds
    assert len({item["article_id"] for item in summary}) == 2  # more than one source speaks
    by_id = {a.article_id: a for a in articles.values()}
    for item in summary:
        assert by_id[item["article_id"]].text[item["char_start"]:item["char_end"]].strip() == item["text"]


def test_story_view_seed_coverage_lists_what_only_one_seed_reports(seed_view: tuple[dict, dict[str, Article]]) -> None:
    view, articles = seed_view
    rows = {row["article_id"]: row for row in view["coverage"]["articles"]}
    only_001, only_000 = rows[articles[SEED_001].article_id], rows[articles[SEED_000].article_id]
    assert any("stormed" in event["summary"] for event in only_001["events"])
    assert "Burundian soldiers" in only_001["actors"] and "Westgate mall" in only_001["places"]
    assert {claim["value"] for claim in only_001["fatalities"]} >= {"killing more than a dozen troops",
                                                                   "left at least 140 dead"}
    assert "Mark A. Milley" in only_000["actors"] and "Kismayo port" in only_000["places"]
    assert not any("Wallander" in event["summary"] for row in rows.values() for event in row["events"])
    shared = {"Robert Kibochi", "Eugene Wamalwa", "Celeste Wallander", "Kenya"}
    assert not shared & (set(only_000["actors"]) | set(only_001["actors"]))


def test_story_view_hand_built_conflicts_and_claims(hotel: tuple[dict, dict[str, Article]]) -> None:
    view, articles = hotel
    [conflict] = [c for c in view["coverage"]["conflicts"] if c["field"] == "fatalities"]
    assert {claim["article_id"] for claim in conflict["claims"]} >= {articles["wire"].article_id,
                                                                     articles["daily"].article_id}
    rows = {row["article_id"]: row for row in view["coverage"]["articles"]}
    wire = rows[articles["wire"].article_id]
    assert any(claim["min"] == 12 for claim in wire["fatalities"])
    assert any(claim["min"] == 501 for claim in wire["fatalities"])  # the 2017 bombing: only the wire recalls it


def test_story_view_hand_built_copy_counts_with_its_original(hotel: tuple[dict, dict[str, Article]]) -> None:
    view, articles = hotel
    rows = {row["article_id"]: row for row in view["coverage"]["articles"]}
    copy_row = rows[articles["copy"].article_id]
    assert copy_row["duplicate_of"] == articles["daily"].article_id
    assert copy_row["events"] == copy_row["actors"] == copy_row["fatalities"] == []
    assert all(item["article_id"] != articles["copy"].article_id for item in view["summary"])
    assert view["outlets"][0] == "horn-wire.example.com"  # by date
    assert set(view["outlets"]) == {"horn-wire.example.com", "mogadishu-daily.example.com",
                                    "somali-mirror.example.com"}
    [conflict] = view["coverage"]["conflicts"]
    assert len(conflict["claims"]) == 2  # the copy repeats its original's claim: not listed twice


def test_story_view_hand_built_timeline_and_members(hotel: tuple[dict, dict[str, Article]]) -> None:
    view, articles = hotel
    assert {row["article_id"] for row in view["articles"]} == {a.article_id for a in articles.values()}
    assert view["first_date"] == "2024-03-15" and view["last_date"] == "2024-03-16"
    attacks = [row for row in view["timeline"]["news"] if row["date"] == "2024-03-14" and row["type"] == "ASSAULT"]
    assert max(len(row["articles"]) for row in attacks) == 3  # the copy is listed as a source too
    assert any(row["date"] == "2017-10" for row in view["timeline"]["background"])
    assert "Hotel Bariga" in view["title"] or "Al-Shabaab" in view["title"]


def test_story_view_uses_an_embedding_function_when_given(hotel: tuple[dict, dict[str, Article]]) -> None:
    _, articles = hotel
    story, events = Story("st_hotel", [a.article_id for a in articles.values()]), []
    calls: list[int] = []

    def embed(texts):  # type: ignore[no-untyped-def]
        calls.append(len(texts))
        return [[1.0 if "Hotel Bariga" in text else 0.0, 1.0, float(len(text) % 7)] for text in texts]

    view = story_view(story, list(articles.values()), events, embed=embed)
    assert calls and view["summary"]
    assert "Hotel Bariga" in view["summary"][0]["text"]


def test_story_view_empty_story() -> None:
    view = story_view(Story("st_empty"), [], [])
    assert view["title"] == "" and view["summary"] == [] and view["timeline"] == {"news": [], "background": []}
    assert view["first_date"] is None and view["coverage"] == {"articles": [], "conflicts": []}
