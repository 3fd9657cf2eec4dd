"""Tests for generic and learned boilerplate (newsevents.clean.boilerplate)."""

from __future__ import annotations

import pickle

import pytest

from newsevents.clean import OutletBoilerplate, is_boilerplate, is_byline
from newsevents.model import Article


@pytest.mark.parametrize(
    "unit",
    [
        "Advertisement",
        "ADVERTISEMENT",
        "Advertisement.",
        "Advertisement. Scroll to continue reading.",
        "Scroll to continue reading",
        "Story continues below advertisement",
        "Read more: Army says 30 insurgents killed in Lake Chad clashes",
        "READ ALSO: Gunmen kill four in Zamfara market",
        "Also read",
        "Related:",
        "Related: Somalia's long war against al-Shabaab",
        "Share this:",
        "Share this story on Facebook, X and WhatsApp.",
        "Subscribe to our newsletter",
        "Sign up for our morning briefing on East Africa",
        "Click here to read the full statement",
        "Follow us on Twitter",
        "Follow us on X and Facebook for the latest news from the Horn of Africa.",
        "Follow The Daily Ledger on Instagram",
        "Join our WhatsApp channel for breaking news",
        "© 2023 The Daily Ledger. All rights reserved.",
        "Copyright 2022 Reuters",
        "(c) 2021 Nation Media Group",
        "This material may not be published, broadcast, rewritten or redistributed.",
        "Photo: Residents queue at a checkpoint in Addis Ababa. (AFP)",
        "Photo credit: Ecopetrol",
        "PHOTO | AFP",
        "FILE PHOTO: Kenyan soldiers patrol near the Somali border",
        "(Photo by Tony Karumba/AFP)",
        "Image caption, Soldiers on patrol in Mogadishu",
        "(Reporting by Boureima Balima in Niamey; Writing by Bate Felix; Editing by Frances Kerry)",
        "Additional reporting by Omar Faruk in Mogadishu",
        "Associated Press writer Tom Odula in Nairobi contributed to this report.",
        "Tags: Somalia, al-Shabaab, AMISOM",
        "Filed under: Africa",
        "Print",
        "3 Comments",
        "Leave a comment",
        "Skip to main content",
    ],
)
def test_is_boilerplate_recognises_page_furniture(unit: str) -> None:
    assert is_boilerplate(unit)


@pytest.mark.parametrize(
    "unit",
    [
        "The advertisement campaign was banned by regulators in Lagos.",
        "Read the full statement on the ministry website, he said.",
        "Copyright lawsuits have surged in Kenya's courts.",
        "Photos by residents showed burned homes in the village.",
        "Video by witnesses showed troops firing on protesters.",
        "Share prices fell 3 percent in Nairobi.",
        "Follow-up talks are planned for June in Addis Ababa.",
        "Register to vote by Friday, the commission urged.",
        "Join us in mourning, the president told the crowd.",
        "By Tuesday the army had retaken the town.",
        "Related talks were held in Addis Ababa.",
        "He clicked the link and the page loaded.",
        "The story of the siege continues to shape politics in Mogadishu, analysts said, because it "
        "exposed gaps in security that al-Shabaab continues to exploit." * 3,
    ],
)
def test_is_boilerplate_keeps_prose(unit: str) -> None:
    assert not is_boilerplate(unit)


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("By Aisha Bello", True),
        ("By Aisha Bello | March 3, 2023", True),
        ("BY JOHN SMITH, Reuters", True),
        ("By A. Bello and J. Otieno", True),
        ("Written by Maria Fernanda Ruiz", True),
        ("By Tuesday the army had retaken the town", False),
        ("By then, the rebels had fled.", False),
    ],
)
def test_is_byline_matches_credit_lines_only(line: str, expected: bool) -> None:
    assert is_byline(line) is expected


def _article(index: int, outlet: str | None, body: str) -> Article:
    return Article(article_id=f"a{index}", origin="t", raw_text=body, outlet=outlet, content_hash=f"h{index}")


NOTICE = "Views expressed by contributors are their own and not those of the Sahel Monitor."


def test_outlet_boilerplate_learns_lines_repeated_across_articles() -> None:
    learned = OutletBoilerplate()
    for i in range(4):
        learned.observe(_article(i, "sahelmonitor.example", f"Report number {i} about the Tillaberi attacks.\n{NOTICE}"))
    assert learned.is_boilerplate("sahelmonitor.example", NOTICE)
    assert learned.is_boilerplate("sahelmonitor.example", NOTICE.upper().replace(" ", "  "))
    assert not learned.is_boilerplate("sahelmonitor.example", "Report number 1 about the Tillaberi attacks.")
    assert not learned.is_boilerplate("other.example", NOTICE)
    assert not learned.is_boilerplate(None, NOTICE)


def test_outlet_boilerplate_needs_three_distinct_articles() -> None:
    learned = OutletBoilerplate()
    for _ in range(5):  # the same article observed again and again counts once
        learned.observe(_article(0, "x.example", NOTICE))
    learned.observe(_article(1, "x.example", NOTICE))
    assert learned.articles_seen("x.example") == 2
    assert not learned.is_boilerplate("x.example", NOTICE)


def test_outlet_boilerplate_needs_half_of_the_outlets_articles() -> None:
    learned = OutletBoilerplate()
    for i in range(10):
        learned.observe(_article(i, "x.example", NOTICE if i < 4 else f"Unrelated report {i} on the floods."))
    assert not learned.is_boilerplate("x.example", NOTICE)  # 4 of 10 < 50 %


def test_outlet_boilerplate_ignores_short_lines() -> None:
    learned = OutletBoilerplate()
    for i in range(4):
        learned.observe(_article(i, "x.example", "He said.\nMore text follows here."))
    assert not learned.is_boilerplate("x.example", "He said.")


def test_outlet_boilerplate_ignores_articles_without_outlet() -> None:
    learned = OutletBoilerplate()
    for i in range(4):
        learned.observe(_article(i, None, NOTICE))
    assert not learned.is_boilerplate(None, NOTICE)


def test_outlet_boilerplate_pickles_and_merges() -> None:
    left, right = OutletBoilerplate(), OutletBoilerplate()
    for i in range(2):
        left.observe(_article(i, "x.example", NOTICE))
    right.observe(_article(2, "x.example", NOTICE))
    restored = pickle.loads(pickle.dumps(left))
    restored.merge(right)
    assert restored.articles_seen("x.example") == 3
    assert restored.is_boilerplate("x.example", NOTICE)


def test_outlet_boilerplate_memory_is_bounded_but_keeps_frequent_lines() -> None:
    learned = OutletBoilerplate(max_lines=100)
    for i in range(200):
        learned.observe(_article(i, "x.example", f"Unique report line number {i} about events.\n{NOTICE}"))
    assert len(learned._lines["x.example"]) <= 100
    assert learned.is_boilerplate("x.example", NOTICE)
