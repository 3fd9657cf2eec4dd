"""Tests for JSON Lines / JSON records (newsevents.ingest.jsonl)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsevents.ingest import read_json, read_jsonl
from newsevents.model import Article, Skipped

INPUTS = Path(__file__).resolve().parents[1] / "data" / "inputs"


@pytest.fixture(scope="module")
def results() -> dict[str, Article | Skipped]:
    text = (INPUTS / "records.jsonl").read_text(encoding="utf-8")
    return {item.origin: item for item in read_jsonl(text, origin="records.jsonl")}


def test_read_jsonl_reads_good_records_with_metadata(results) -> None:
    article = results["records.jsonl:1"]
    assert isinstance(article, Article)
    assert article.article_id == "mz-2024-0412"
    assert article.outlet == "Zitamar News"
    assert article.published == "2024-04-12"
    assert article.published_basis == "metadata"
    assert article.title == "Insurgents raid Macomia district headquarters"


def test_read_jsonl_derives_id_and_outlet(results) -> None:
    article = results["records.jsonl:2"]
    assert article.article_id.startswith("ar_") and len(article.article_id) == 19
    assert article.outlet == "dawn.example"


def test_read_jsonl_reads_html_records(results) -> None:
    article = results["records.jsonl:9"]
    assert article.article_id == "page-1"
    assert article.raw_text.startswith("TRIPOLI, Libya (AP)")
    assert article.url == "https://www.libyaobserver.example/news/clashes-tripoli"
    assert article.published == "2022-08-27"


def test_read_jsonl_accepts_integer_ids_and_space_separated_datetimes(results) -> None:
    article = results["records.jsonl:10"]
    assert article.article_id == "17"
    assert article.published == "2022-01-21"


@pytest.mark.parametrize(
    ("origin", "reason"),
    [
        ("records.jsonl:4", "invalid JSON (Unterminated string starting at: column 28)"),
        ("records.jsonl:5", "'text' must be a string, got number"),
        ("records.jsonl:6", "record has no 'text' (or 'html')"),
        ("records.jsonl:7", "'published' 'last Thursday' is not an ISO date or datetime"),
        ("records.jsonl:8", "record is a JSON array, not an object"),
    ],
)
def test_read_jsonl_skips_bad_lines_with_reason(results, origin: str, reason: str) -> None:
    assert results[origin] == Skipped(origin, reason)


def test_read_jsonl_ignores_blank_lines(results) -> None:
    assert "records.jsonl:3" not in results
    assert len(results) == 9


@pytest.mark.parametrize(
    ("record", "reason"),
    [
        ({"id": True, "text": "x"}, "'id' must be a string or integer, got boolean"),
        ({"id": " ", "text": "x"}, "'id' is empty"),
        ({"text": "   "}, "'text' is empty"),
        ({"text": "x", "url": ["a"]}, "'url' must be a string, got array"),
        ({"text": "x", "published": 20220505}, "'published' must be a string, got number"),
    ],
)
def test_read_jsonl_validates_field_types(record: dict, reason: str) -> None:
    (result,) = read_jsonl(json.dumps(record), origin="f.jsonl")
    assert result == Skipped("f.jsonl:1", reason)


def test_read_json_reads_an_array_of_records() -> None:
    text = json.dumps([{"text": "Fighting resumed in Khartoum."}, {"title": "no body"}])
    first, second = read_json(text, origin="batch.json")
    assert isinstance(first, Article) and first.origin == "batch.json#1"
    assert second == Skipped("batch.json#2", "record has no 'text' (or 'html')")


def test_read_json_reads_a_single_object() -> None:
    (article,) = read_json(json.dumps({"id": "k1", "text": "Kenyan police dispersed protesters."}), origin="one.json")
    assert article.origin == "one.json" and article.article_id == "k1"


def test_read_json_falls_back_to_json_lines() -> None:
    text = '{"text": "One."}\n{"text": "Two."}\n'
    assert [item.origin for item in read_json(text, origin="lines.json")] == ["lines.json:1", "lines.json:2"]
