"""Tests for the HTML reader (newsevents.ingest.html)."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.errors import InputError
from newsevents.ingest import read_html

INPUTS = Path(__file__).resolve().parents[1] / "data" / "inputs"


@pytest.fixture(scope="module")
def page():
    html = (INPUTS / "maiduguri_attack.html").read_text(encoding="utf-8")
    return read_html(html, origin="maiduguri_attack.html")


def test_read_html_keeps_the_report(page) -> None:
    assert page.raw_text.startswith("MAIDUGURI, Nigeria, March 3, 2023")
    assert "Sambisa forest" in page.raw_text


@pytest.mark.parametrize(
    "furniture",
    ["Buy cheap flights", "This government has failed us", "Praying for Borno", "Naira falls", "Privacy policy", "Sport"],
)
def test_read_html_drops_nav_ads_and_comments(page, furniture: str) -> None:
    assert furniture not in page.raw_text


def test_read_html_drops_the_repeated_headline(page) -> None:
    assert page.title == "Gunmen kill 12 in attack on Borno village"
    assert not page.raw_text.startswith("Gunmen kill 12")


def test_read_html_reads_metadata(page) -> None:
    assert page.url == "https://www.dailyledger.com.ng/news/2023/03/03/gunmen-kill-12-borno-village"
    assert page.outlet == "dailyledger.com.ng"
    assert page.published == "2023-03-03"
    assert page.published_basis == "metadata"


def test_read_html_does_not_guess_a_date_from_visible_text() -> None:
    html = (
        "<html><head><title>Bulo Burte retaken</title></head><body><article>"
        "<p>Posted on 12 January 2021</p>"
        "<p>Somali forces retook the town of Bulo Burte on Tuesday after heavy fighting with al-Shabaab "
        "militants, a regional official said in a statement to reporters.</p>"
        "<p>At least seven fighters were killed in the clashes, the official said.</p>"
        "</article><footer>© 2019 Example Media</footer></body></html>"
    )
    article = read_html(html, origin="p.html")
    assert article.published is None
    assert article.published_basis is None


def test_read_html_falls_back_to_site_name_without_url() -> None:
    html = (
        "<html><head><title>Strike</title><meta property='og:site_name' content='Sahel Monitor'></head>"
        "<body><article><p>Drone strikes hit a market in the Tillaberi region on Monday, killing at least "
        "nine civilians, residents said, in the latest attack blamed on the army.</p></article></body></html>"
    )
    assert read_html(html, origin="p.html").outlet == "Sahel Monitor"


@pytest.mark.parametrize("html", ["<html><body><nav>Home</nav></body></html>", "<<<>>>", "plain words"])
def test_read_html_without_text_raises_input_error(html: str) -> None:
    with pytest.raises(InputError) as caught:
        read_html(html, origin="empty.html")
    assert caught.value.code == "I010"
