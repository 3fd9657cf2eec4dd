"""JSON Lines dumps (.jsonl.gz) larger than --max-bytes are streamed with the limit per record."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from newsevents.ingest import iter_articles
from newsevents.model import Article, Skipped

REPORTS = [
    "Gunmen killed four traders at a market in Zamfara state on Monday, police said.",
    "Police fired tear gas at protesters in Nairobi on Wednesday as fuel prices rose.",
    "Ukrainian drones struck an oil refinery in Samara region overnight, officials said.",
]


def _lines(count: int) -> list[str]:
    return [json.dumps({"id": f"r{n}", "text": f"{REPORTS[n % 3]} Report number {n}.", "published": "2024-03-30"})
            for n in range(count)]


@pytest.mark.parametrize("name", ["dump.jsonl.gz", "dump.jsonl", "dump.ndjson.gz"])
def test_iter_articles_streams_jsonl_larger_than_the_limit(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    text = "\n".join(_lines(200)) + "\n"
    path.write_bytes(gzip.compress(text.encode()) if name.endswith(".gz") else text.encode())
    items = list(iter_articles([str(path)], max_bytes=4096))  # the dump is ~30 KB decompressed
    assert len(items) == 200 and all(isinstance(item, Article) for item in items)
    assert items[0].origin == f"{path}:1" and items[-1].origin == f"{path}:200"
    assert items[57].article_id == "r57" and items[57].published == "2024-03-30"


def test_iter_articles_small_jsonl_gz_is_read_whole(tmp_path: Path) -> None:
    path = tmp_path / "small.jsonl.gz"
    path.write_bytes(gzip.compress(("\n".join(_lines(3)) + "\n").encode()))
    assert [item.origin for item in iter_articles([str(path)])] == [f"{path}:{n}" for n in (1, 2, 3)]


def test_iter_articles_streamed_jsonl_skips_bad_lines_and_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "dump.jsonl.gz"
    lines = _lines(60)
    lines[10] = '{"text": "unterminated'
    lines[20] = json.dumps({"text": "x" * 5000})  # one record over the limit
    lines[30] = ""
    encoded = [line.encode() for line in lines]
    encoded[40] = '{"text": "Police dispersed a march in Bogotá."}'.encode("latin-1")  # one line not UTF-8
    path.write_bytes(gzip.compress(b"\n".join(encoded) + b"\n"))
    items = list(iter_articles([str(path)], max_bytes=2048))
    skipped = {item.origin.rsplit(":", 1)[1]: item.reason for item in items if isinstance(item, Skipped)}
    assert skipped["11"].startswith("invalid JSON")
    assert skipped["21"].startswith("record exceeds the 2.0 KB limit")
    assert skipped["41"].startswith("not UTF-8 text (byte 0xe1")
    assert "31" not in skipped  # blank lines are passed over
    assert sum(isinstance(item, Article) for item in items) == 56


def test_iter_articles_streamed_jsonl_reports_corrupt_gzip(tmp_path: Path) -> None:
    path = tmp_path / "cut.jsonl.gz"
    data = gzip.compress(("\n".join(_lines(200)) + "\n").encode())
    path.write_bytes(data[: len(data) * 2 // 3])
    items = list(iter_articles([str(path)], max_bytes=4096))
    assert isinstance(items[0], Article)
    assert isinstance(items[-1], Skipped) and items[-1].reason.startswith("cannot be read further")
    assert items[-1].origin == f"{path}:{len(items)}"
