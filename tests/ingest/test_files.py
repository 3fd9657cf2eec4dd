"""Tests for byte-level checks: size, gzip, binary and UTF-8 (newsevents.ingest.files)."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from newsevents.errors import InputError
from newsevents.ingest.files import decode_text, format_size, read_limited


def _reason(call) -> str:
    with pytest.raises(InputError) as caught:
        call()
    return caught.value.reason


def test_decode_text_reads_utf8_and_drops_bom() -> None:
    assert decode_text("\ufeffKismayo port fell.".encode("utf-8"), origin="a") == "Kismayo port fell."


def test_decode_text_reports_latin1_byte_and_offset() -> None:
    data = "Bogotá".encode("latin-1")
    reason = _reason(lambda: decode_text(data, origin="a"))
    assert reason.startswith("not UTF-8 text (byte 0xe1 at offset 5)")


def test_decode_text_reports_cyrillic_cp1251_as_text_in_wrong_encoding() -> None:
    data = "Обстрел Харькова продолжился ночью.".encode("cp1251")
    assert _reason(lambda: decode_text(data, origin="a")).startswith("not UTF-8 text")


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b" \n\t\r\n ", "empty file (whitespace only)"),
        (b"abc\x00def", "binary file (contains NUL bytes)"),
        (bytes(range(1, 32)) * 20, "binary file (mostly control characters)"),
        (bytes(range(1, 256)) * 4, "binary file (mostly non-text bytes)"),
    ],
)
def test_decode_text_rejects_unusable_bytes(data: bytes, reason: str) -> None:
    assert _reason(lambda: decode_text(data, origin="a")) == reason


def test_decode_text_names_utf16() -> None:
    data = "Gaza".encode("utf-16")
    assert "UTF-16" in _reason(lambda: decode_text(data, origin="a"))


def test_read_limited_rejects_oversized_file_with_both_sizes(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_bytes(b"a" * (5_452_596))
    reason = _reason(lambda: read_limited(str(path), max_bytes=5 * 1024 * 1024))
    assert reason == "5.2 MB exceeds the 5.0 MB limit; raise it with --max-bytes"


def test_read_limited_shows_bytes_when_sizes_round_equal(tmp_path: Path) -> None:
    path = tmp_path / "edge.txt"
    path.write_bytes(b"a" * 1025)
    assert _reason(lambda: read_limited(str(path), max_bytes=1024)).startswith("1025 bytes exceeds the 1024 bytes limit")


def test_read_limited_gunzips_whatever_the_name(tmp_path: Path) -> None:
    path = tmp_path / "report.txt"
    path.write_bytes(gzip.compress(b"Drones struck a refinery in Samara."))
    assert read_limited(str(path), max_bytes=1000) == b"Drones struck a refinery in Samara."


def test_read_limited_checks_decompressed_size(tmp_path: Path) -> None:
    path = tmp_path / "bomb.txt"
    path.write_bytes(gzip.compress(b"a" * 100_000))
    assert "decompresses to more than" in _reason(lambda: read_limited(str(path), max_bytes=10_000))


def test_read_limited_reports_corrupt_gzip(tmp_path: Path) -> None:
    path = tmp_path / "broken.txt"
    path.write_bytes(gzip.compress(b"some text to compress")[:12])
    assert _reason(lambda: read_limited(str(path), max_bytes=1000)).startswith("corrupt gzip data")


def test_read_limited_reports_missing_file(tmp_path: Path) -> None:
    with pytest.raises(InputError) as caught:
        read_limited(str(tmp_path / "gone.txt"), max_bytes=10)
    assert caught.value.reason == "no such file or directory"
    assert caught.value.code == "I001"


@pytest.mark.parametrize(("size", "shown"), [(900, "900 bytes"), (12 * 1024, "12.0 KB"), (5 * 1024 * 1024, "5.0 MB")])
def test_format_size_reads_naturally(size: int, shown: str) -> None:
    assert format_size(size) == shown
