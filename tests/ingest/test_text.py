"""Tests for the plain-text reader and its header lines (newsevents.ingest.text)."""

from __future__ import annotations

import pytest

from newsevents.ingest import read_text


@pytest.mark.parametrize(
    ("text", "published", "body"),
    [
        ("| date 2023-08-14\nNIAMEY, Aug 14 (Reuters) - The junta spoke.", "2023-08-14", "NIAMEY, Aug 14 (Reuters) - The junta spoke."),
        ("| date 2023-08-14\r\nThe junta spoke.", "2023-08-14", "The junta spoke."),
        (" date 2022-05-05 Nairobi, Kenya, May 5- Defence Cabinet Secretary met.", "2022-05-05", "Nairobi, Kenya, May 5- Defence Cabinet Secretary met."),
        ("date 2021-11-02\n\nAddis Ababa declared an emergency.", "2021-11-02", "Addis Ababa declared an emergency."),
        ("| date: 2024-03-22T06:15:00Z\nAl-Shabaab attacked a base.", "2024-03-22", "Al-Shabaab attacked a base."),
        ("|date 2019-04-29 BOGOTA - The pipeline was bombed.", "2019-04-29", "BOGOTA - The pipeline was bombed."),
    ],
)
def test_read_text_takes_date_header_into_published(text: str, published: str, body: str) -> None:
    article = read_text(text, origin="a.txt")
    assert article.published == published
    assert article.published_basis == "header line"
    assert article.raw_text == body


@pytest.mark.parametrize(
    "text",
    [
        "Date palms were burned in the raid on 2022-05-05 near Basra.",
        "| date 2022-02-30\nInvalid day in the header.",
        "The update date 2022-05-05 appears mid-sentence.",
    ],
)
def test_read_text_leaves_non_headers_in_the_body(text: str) -> None:
    article = read_text(text, origin="a.txt")
    assert article.published is None
    assert article.published_basis is None
    assert article.raw_text == text


@pytest.mark.parametrize(
    "text",
    [
        "Title: Thousands rally in Rabat\n| date 2023-10-15\nRABAT - Thousands marched.",
        "| date 2023-10-15\n# Thousands rally in Rabat\nRABAT - Thousands marched.",
        "\n\n# Thousands rally in Rabat\n\n| date 2023-10-15\nRABAT - Thousands marched.",
    ],
)
def test_read_text_reads_title_and_date_in_either_order(text: str) -> None:
    article = read_text(text, origin="a.txt")
    assert article.title == "Thousands rally in Rabat"
    assert article.published == "2023-10-15"
    assert article.raw_text.strip() == "RABAT - Thousands marched."


def test_read_text_keeps_second_level_heading_as_body() -> None:
    article = read_text("## Background\nThe war began in 2020.", origin="a.md")
    assert article.title is None


def test_read_text_strips_markdown_markup() -> None:
    text = "# Rally\nMarchers crossed the **centre of Rabat** to the [parliament](https://x.org/p).\n![flag](f.jpg)\nsnake_case_name stays."
    article = read_text(text, origin="a.md", markdown=True)
    assert article.raw_text == "Marchers crossed the centre of Rabat to the parliament.\n\nsnake_case_name stays."


def test_read_text_id_is_stable_across_header_forms() -> None:
    first = read_text("| date 2022-05-05\nSame body text here.", origin="a.txt")
    second = read_text(" date 2022-05-05 Same body text here.", origin="b.txt")
    assert first.article_id == second.article_id


def test_read_text_reads_outlet_and_url_header_lines() -> None:
    article = read_text(
        "| outlet capitalfm.co.ke\n| date 2022-05-05\n| url https://www.capitalfm.co.ke/news/x\nBody text here.\n",
        origin="a.txt",
    )
    assert article.outlet == "capitalfm.co.ke"
    assert article.url == "https://www.capitalfm.co.ke/news/x"
    assert article.published == "2022-05-05"
    assert article.raw_text.startswith("Body text here.")


def test_read_text_url_header_gives_the_outlet() -> None:
    article = read_text("| url https://www.premiumtimesng.com/news/1.html\nBody.\n", origin="a.txt")
    assert article.outlet == "premiumtimesng.com"
