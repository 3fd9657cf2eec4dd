"""Tests for article identity, outlets and date normalisation (newsevents.ingest.article)."""

from __future__ import annotations

import hashlib

import pytest

from newsevents.ingest import content_hash, make_article, outlet_from_url, parse_published


def test_make_article_id_is_stable_prefix_of_content_hash() -> None:
    article = make_article("Gunmen attacked a convoy near Djibo on Saturday.", origin="a.txt")
    assert article.article_id == "ar_" + article.content_hash[:16]
    assert article.content_hash == hashlib.sha256(b"Gunmen attacked a convoy near Djibo on Saturday.").hexdigest()


def test_make_article_keeps_given_id_and_still_hashes() -> None:
    article = make_article("Text of the report.", origin="x.jsonl:3", article_id="reuters-123")
    assert article.article_id == "reuters-123"
    assert len(article.content_hash) == 64


def test_content_hash_ignores_wrapping_and_unicode_composition() -> None:
    wrapped = "Protesters marched\n  through  Bogotá\r\non Friday.\n"
    flat = "Protesters marched through Bogota\u0301 on Friday."
    assert content_hash(wrapped) == content_hash(flat)


def test_content_hash_differs_for_different_text() -> None:
    assert content_hash("Troops entered Goma.") != content_hash("Troops left Goma.")


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://www.capitalfm.co.ke/news/2022/05/kenya-us-talks/", "capitalfm.co.ke"),
        ("http://Reuters.com/world/africa/x", "reuters.com"),
        ("https://www.bbc.co.uk:443/news/world-africa-1", "bbc.co.uk"),
        ("aljazeera.com/news/2024/3/15/somalia", "aljazeera.com"),
        ("https://news.un.org/en/story/2024/01/1", "news.un.org"),
        ("not a url", None),
        ("", None),
        (None, None),
    ],
)
def test_outlet_from_url_is_domain_without_www(url: str | None, outlet: str | None) -> None:
    assert outlet_from_url(url) == outlet


def test_make_article_outlet_metadata_wins_over_domain() -> None:
    article = make_article("x y z", origin="o", url="https://www.dawn.com/news/1", outlet="Dawn")
    assert article.outlet == "Dawn"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2022-05-05", "2022-05-05"),
        ("2022-05-05T10:30:00Z", "2022-05-05"),
        ("2022-05-05T23:30:00-05:00", "2022-05-05"),  # the outlet's own day, not converted to UTC
        ("2022-05-05 08:00", "2022-05-05"),
        ("20220505", "2022-05-05"),
        ("2022/05/05", "2022-05-05"),
        ("2022.5.5", "2022-05-05"),
        ("Thu, 05 May 2022 10:00:00 GMT", "2022-05-05"),
        ("  2023-11-03  ", "2023-11-03"),
        ("2022-02-30", None),
        ("2022-05", None),
        ("2022", None),
        ("last Thursday", None),
        ("", None),
    ],
)
def test_parse_published_normalises_iso_ish_dates(value: str, expected: str | None) -> None:
    assert parse_published(value) == expected
