"""WARC archives as CC-NEWS publishes them: HTML 200 responses only, dates, urls, skips, streaming."""

from __future__ import annotations

import io
import random
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsevents.ingest import iter_articles
from newsevents.ingest.warc import WARC_DATE_BASIS, read_warc
from newsevents.model import Article, Skipped


def _page(title: str, paragraphs: list[str], *, meta_date: str | None = None) -> str:
    meta = f'<meta property="article:published_time" content="{meta_date}">' if meta_date else ""
    body = "".join(f"<p>{text}</p>" for text in paragraphs)
    return (f"<!DOCTYPE html><html><head><title>{title}</title>{meta}</head><body>"
            f"<nav><a href='/'>Home</a> <a href='/world'>World</a></nav>"
            f"<article><h1>{title}</h1>{body}</article><footer>Copyright 2023</footer></body></html>")


KADUNA = _page("Gunmen abduct 20 pupils in Kaduna", [
    "KADUNA, Nigeria – Gunmen abducted 20 pupils from a boarding school in Kaduna state on Tuesday, "
    "police said.",
    "Security forces were deployed to the forests around the school, a police spokesman said on Wednesday.",
    "It is the third school abduction in the state this year, according to local officials.",
], meta_date="2023-03-07T09:15:00+01:00")
LIMA = _page("Protesters clash with police in Lima", [
    "Thousands of protesters marched through central Lima on Thursday demanding early elections.",
    "Police fired tear gas to disperse crowds near Congress, and several people were injured.",
    "Demonstrations have continued for weeks across southern Peru, organisers said.",
])
BOGOTA = _page("Acuerdo en Bogotá", [
    "Colombia's government and a rebel group signed a ceasefire agreement in Bogotá on Friday.",
    "The accord, reached after months of talks in Havana, takes effect next week.",
    "Both delegations said monitoring would be led by the United Nations mission.",
])


def _response(writer: WARCWriter, url: str, body: bytes, *, status: str = "200 OK",
              content_type: str = "text/html; charset=utf-8", date: str = "2023-03-09T05:00:00Z") -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=headers,
                                       warc_headers_dict={"WARC-Date": date})
    writer.write_record(record)


def _archive(*, gzip: bool = True) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warcinfo_record("CC-NEWS-test.warc.gz", {"software": "test"}))
    writer.write_record(writer.create_warc_record(
        "https://www.kadunatimes.example/news/abduction", "request",
        payload=io.BytesIO(b"GET /news/abduction HTTP/1.1\r\nHost: www.kadunatimes.example\r\n\r\n")))
    _response(writer, "https://www.kadunatimes.example/news/abduction", KADUNA.encode())       # 3: page date
    _response(writer, "https://andina.example/lima-protests", LIMA.encode())                  # 4: crawl date
    _response(writer, "https://andina.example/missing", b"<html><body>Not found</body></html>",
              status="404 Not Found")                                                         # 5
    _response(writer, "https://andina.example/report.pdf", b"%PDF-1.4 ...",
              content_type="application/pdf")                                                 # 6
    _response(writer, "https://eltiempo.example/acuerdo", BOGOTA.encode("cp1252"),
              content_type="text/html; charset=windows-1252")                                 # 7
    _response(writer, "https://andina.example/old", b"", status="301 Moved Permanently",
              content_type="text/html")                                                       # 8
    return buffer.getvalue()


def _truncated_member() -> bytes:
    buffer = io.BytesIO()
    _response(WARCWriter(buffer, gzip=True), "https://andina.example/cut", LIMA.replace("Lima", "Cusco").encode())
    data = buffer.getvalue()
    return data[: len(data) // 2]


@pytest.fixture()
def archive(tmp_path: Path) -> Path:
    path = tmp_path / "CC-NEWS-20230309050000-00001.warc.gz"
    path.write_bytes(_archive() + _truncated_member())
    return path


def _items(path: Path, **kwargs: int) -> list[Article | Skipped]:
    return list(iter_articles([str(path)], **kwargs))


def test_read_warc_reads_html_200_responses_only(archive: Path) -> None:
    items = _items(archive)
    articles = [item for item in items if isinstance(item, Article)]
    assert [a.url for a in articles] == [
        "https://www.kadunatimes.example/news/abduction", "https://andina.example/lima-protests",
        "https://eltiempo.example/acuerdo",
    ]
    assert [a.origin for a in articles] == [f"{archive}#3", f"{archive}#4", f"{archive}#7"]
    assert articles[0].outlet == "kadunatimes.example"
    assert articles[0].title == "Gunmen abduct 20 pupils in Kaduna"
    assert articles[0].raw_text.startswith("KADUNA, Nigeria – Gunmen abducted 20 pupils")
    assert "Home" not in articles[0].raw_text and "Copyright" not in articles[0].raw_text


def test_read_warc_dates_from_page_metadata_else_warc_date(archive: Path) -> None:
    kaduna, lima, _ = [item for item in _items(archive) if isinstance(item, Article)]
    assert (kaduna.published, kaduna.published_basis) == ("2023-03-07", "metadata")
    assert (lima.published, lima.published_basis) == ("2023-03-09", WARC_DATE_BASIS)


def test_read_warc_decodes_declared_charset(archive: Path) -> None:
    bogota = [item for item in _items(archive) if isinstance(item, Article)][-1]
    assert "signed a ceasefire agreement in Bogotá on Friday" in bogota.raw_text


def test_read_warc_skips_name_file_record_and_reason(archive: Path) -> None:
    skipped = [item for item in _items(archive) if isinstance(item, Skipped)]
    assert skipped == [
        Skipped(f"{archive}#5", "HTTP 404, not a page (only 200 responses are read)"),
        Skipped(f"{archive}#6", "content type application/pdf, not HTML"),
        Skipped(f"{archive}#8", "HTTP 301, not a page (only 200 responses are read)"),
        Skipped(f"{archive}#9", "truncated record: the archive ends inside it"),
    ]


def test_read_warc_uncompressed_archive(tmp_path: Path) -> None:
    path = tmp_path / "pages.warc"
    path.write_bytes(_archive(gzip=False))
    items = _items(path)
    assert sum(isinstance(item, Article) for item in items) == 3
    assert sum(isinstance(item, Skipped) for item in items) == 3


def test_read_warc_max_bytes_applies_per_record(archive: Path) -> None:
    limit = len(LIMA.encode()) + 10  # the archive is far larger; only the Kaduna page exceeds this
    items = _items(archive, max_bytes=limit)
    assert sum(isinstance(item, Article) for item in items) == 2
    (too_large,) = [item for item in items if isinstance(item, Skipped) and item.origin.endswith("#3")]
    assert "exceeds the" in too_large.reason and "--max-bytes" in too_large.reason


def test_read_warc_corrupt_record_keeps_what_came_before(tmp_path: Path) -> None:
    path = tmp_path / "bad.warc"
    path.write_bytes(_archive(gzip=False) + b"this is not a WARC record\r\n\r\n")
    items = _items(path)
    assert sum(isinstance(item, Article) for item in items) == 3
    last = items[-1]
    assert isinstance(last, Skipped) and last.origin == f"{path}#9"
    assert last.reason.startswith("corrupt WARC record (ArchiveLoadFailed")


@pytest.mark.parametrize("content, reason", [
    (b"", "empty file"),
    (b"%PDF-1.4 not an archive", "not a WARC archive"),
])
def test_iter_articles_warc_file_level_problems(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "x.warc"
    path.write_bytes(content)
    (item,) = _items(path)
    assert isinstance(item, Skipped) and item.origin == str(path)
    assert item.reason.startswith(reason) or (not content and "WARC" in item.reason)


def test_read_warc_archive_without_pages(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(writer.create_warcinfo_record("empty.warc.gz", {"software": "test"}))
    (item,) = read_warc(io.BytesIO(buffer.getvalue()), origin="empty.warc.gz", max_bytes=1 << 20)
    assert item == Skipped("empty.warc.gz", "no HTML response records in the archive")


class _CountingStream(io.BytesIO):
    def __init__(self, data: bytes) -> None:
        super().__init__(data)
        self.consumed = 0

    def read(self, size: int | None = -1) -> bytes:
        chunk = super().read(size)
        self.consumed += len(chunk)
        return chunk


def test_read_warc_streams_records_instead_of_reading_the_archive() -> None:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    words = random.Random(7).choices(["market", "rain", "bond", "harvest", "tariff", "port", "yield"], k=400)
    _response(writer, "https://www.kadunatimes.example/news/abduction", KADUNA.encode())
    for number in range(100):
        random.Random(number).shuffle(words)
        _response(writer, f"https://filler.example/{number}", _page(f"F{number}", [" ".join(words)]).encode())
    stream = _CountingStream(buffer.getvalue())
    first = next(iter(read_warc(stream, origin="big.warc.gz", max_bytes=1 << 20)))
    assert isinstance(first, Article)
    assert stream.consumed < len(buffer.getvalue()) / 4
