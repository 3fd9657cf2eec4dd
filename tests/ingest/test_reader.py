"""Tests for iter_articles: paths, directories, stdin and every kind of bad input."""

from __future__ import annotations

import gzip
import io
import shutil
from pathlib import Path

import pytest

import newsevents.ingest as ingest
from newsevents.ingest import files
from newsevents.ingest import iter_articles
from newsevents.model import Article, Skipped

DATA = Path(__file__).resolve().parents[1] / "data"
INPUTS = DATA / "inputs"


def _one(path: Path | str, **options) -> Article | Skipped:
    (item,) = iter_articles([str(path)], **options)
    return item


def test_ingest_all_names_exist() -> None:
    assert sorted(ingest.__all__) == sorted(set(ingest.__all__))
    for name in ingest.__all__:
        assert hasattr(ingest, name)


def test_iter_articles_reads_seed_with_inline_date_header() -> None:
    article = _one(DATA / "001_8bd47fad0ceba9bf.txt")
    assert article.published == "2022-05-05"
    assert article.published_basis == "header line"
    assert article.raw_text.startswith("Nairobi, Kenya, May 5- Defence")
    assert article.origin == str(DATA / "001_8bd47fad0ceba9bf.txt")


def test_iter_articles_reads_pipe_date_header() -> None:
    article = _one(INPUTS / "niger_junta.txt")
    assert article.published == "2023-08-14"
    assert article.raw_text.startswith("NIAMEY, Aug 14 (Reuters)")


def test_iter_articles_reads_space_date_header_with_body_on_same_line() -> None:
    article = _one(INPUTS / "inline_date_header.txt")
    assert article.published == "2021-11-02"
    assert article.raw_text.startswith("Addis Ababa, Ethiopia, Nov 2- Ethiopia declared")


def test_iter_articles_reads_gzip_file_named_txt() -> None:
    article = _one(INPUTS / "pipeline_bombing.txt")
    assert article.published == "2019-04-29"
    assert "Cano Limon-Covenas" in article.raw_text


def test_iter_articles_reads_markdown_title() -> None:
    article = _one(INPUTS / "gaza_protest.md")
    assert article.title == "Thousands rally in Rabat over Gaza strikes"
    assert "**" not in article.raw_text


@pytest.mark.parametrize(
    ("name", "reason"),
    [
        ("empty.txt", "empty file"),
        ("whitespace_only.txt", "empty file (whitespace only)"),
        ("binary_image.txt", "binary file (contains NUL bytes)"),
        ("latin1_article.txt", "not UTF-8 text (byte 0xed at offset 25); re-encode it as UTF-8"),
    ],
)
def test_iter_articles_skips_bad_files_with_one_reason(name: str, reason: str) -> None:
    assert _one(INPUTS / name) == Skipped(str(INPUTS / name), reason)


def test_iter_articles_skips_unknown_extension(tmp_path: Path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(b"%PDF-1.4")
    item = _one(path)
    assert isinstance(item, Skipped)
    assert item.reason.startswith("unknown extension .pdf; expected one of .txt")


def test_iter_articles_skips_missing_path(tmp_path: Path) -> None:
    assert _one(tmp_path / "nope.txt") == Skipped(str(tmp_path / "nope.txt"), "no such file or directory")
    assert _one(tmp_path / "nope.pdf") == Skipped(str(tmp_path / "nope.pdf"), "no such file or directory")


def test_iter_articles_skips_oversized_file(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("Troops advanced. " * 400)
    item = _one(path, max_bytes=2048)
    assert item == Skipped(str(path), "6.6 KB exceeds the 2.0 KB limit; raise it with --max-bytes")


def test_iter_articles_skips_unreadable_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "secret.txt"
    path.write_text("classified")

    def deny(*args, **kwargs):
        raise PermissionError(13, "Permission denied", str(path))

    monkeypatch.setattr(files, "open", deny, raising=False)  # root can read a chmod-0 file
    assert _one(path) == Skipped(str(path), "permission denied")


def test_iter_articles_walks_directory_sorted_and_recursive(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text("Zeta report about a raid.")
    (tmp_path / "a.md").write_text("# A\nAlpha report about a march.")
    (tmp_path / "c.jsonl").write_text('{"text": "Gamma report."}\n{"bad json\n')
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / ".hidden.txt").write_text("hidden")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "x.txt").write_text("git internals")
    origins = [item.origin for item in iter_articles([str(tmp_path)])]
    assert origins == [
        str(tmp_path / "a.md"), str(tmp_path / "b" / "z.txt"), str(tmp_path / "c.jsonl") + ":1",
        str(tmp_path / "c.jsonl") + ":2",
    ]


def test_iter_articles_reports_directory_without_known_files(tmp_path: Path) -> None:
    (tmp_path / "scan.pdf").write_bytes(b"%PDF")
    (item,) = iter_articles([str(tmp_path)])
    assert isinstance(item, Skipped) and item.reason.startswith("no files with a known extension")


def test_iter_articles_over_fixture_directory_never_raises() -> None:
    items = list(iter_articles([str(INPUTS)]))
    skipped = [item for item in items if isinstance(item, Skipped)]
    articles = [item for item in items if isinstance(item, Article)]
    assert len(skipped) == 9  # 4 bad files + 5 bad JSON lines
    assert len(articles) == 9  # 5 files + 4 good JSON lines
    assert all(article.content_hash and article.article_id for article in articles)


def test_iter_articles_reads_plain_text_from_stdin() -> None:
    stdin = io.StringIO("| date 2024-03-30\nUkrainian drones struck a refinery in Samara.")
    article = _one("-", stdin=stdin)
    assert article.origin == "<stdin>"
    assert article.published == "2024-03-30"


def test_iter_articles_reads_json_lines_from_stdin() -> None:
    stdin = io.StringIO('{"id": "s1", "text": "Police dispersed protesters in Lima."}\n[1]\n')
    first, second = iter_articles(["-"], stdin=stdin)
    assert first.article_id == "s1" and first.origin == "<stdin>:1"
    assert second == Skipped("<stdin>:2", "record is a JSON array, not an object")


def test_iter_articles_reads_bytes_stdin_strictly() -> None:
    stdin = io.TextIOWrapper(io.BytesIO("Bogotá".encode("latin-1")), encoding="utf-8")
    assert _one("-", stdin=stdin) == Skipped("<stdin>", "not UTF-8 text (byte 0xe1 at offset 5); re-encode it as UTF-8")


def test_iter_articles_reads_gzip_and_html_from_stdin() -> None:
    html = (INPUTS / "maiduguri_attack.html").read_bytes()
    stdin = io.TextIOWrapper(io.BytesIO(gzip.compress(html)), encoding="utf-8")
    article = _one("-", stdin=stdin)
    assert article.outlet == "dailyledger.com.ng"


def test_iter_articles_empty_stdin_is_skipped() -> None:
    assert _one("-", stdin=io.StringIO("")) == Skipped("<stdin>", "empty file")


def test_iter_articles_accepts_a_single_string_path() -> None:
    (item,) = iter_articles(str(DATA / "000_9333ff4047246816.txt"))
    assert isinstance(item, Article)


def test_iter_articles_reads_html_saved_as_txt(tmp_path: Path) -> None:
    path = tmp_path / "page.txt"
    shutil.copy(INPUTS / "maiduguri_attack.html", path)
    article = _one(path)
    assert article.title == "Gunmen kill 12 in attack on Borno village"


def test_iter_articles_same_text_same_id_across_formats(tmp_path: Path) -> None:
    body = "Gunmen killed four traders at a market in Zamfara state on Monday."
    (tmp_path / "a.txt").write_text(body)
    (tmp_path / "b.jsonl").write_text(f'{{"text": "{body}"}}\n')
    first, second = iter_articles([str(tmp_path)])
    assert first.article_id == second.article_id
