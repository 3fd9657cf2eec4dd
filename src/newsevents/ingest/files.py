"""Turn a path into checked text: size limit, gzip, binary detection, strict UTF-8 decoding.

Every failure raises `InputError` with one reason a user can act on; the reader loop turns it into a
`Skipped` record. Decoding is strict on purpose: a Latin-1 file read as UTF-8 "with replacement"
would put mojibake ("Kenyaâ€™s") into the record and the store, so it is reported instead, with the
offending byte and its offset.
"""

from __future__ import annotations

import gzip
import io
import os
import zlib
from typing import BinaryIO

from newsevents.errors import InputError

__all__ = ["decode_text", "format_size", "gunzip_if_compressed", "read_limited", "read_stream"]

_GZIP_MAGIC = b"\x1f\x8b"
_SAMPLE = 8192
# C0 controls other than tab, newline, form feed and carriage return: ~10 % of the bytes of compressed
# or executable data, practically absent from text in any encoding.
_CONTROL_CODES = (*range(0, 9), 11, *range(14, 32), 127)
_CONTROL_BYTES = frozenset(_CONTROL_CODES)
_CONTROL_CHARS = frozenset(chr(code) for code in _CONTROL_CODES)
_BINARY_SHARE = 0.05


def read_limited(path: str, *, max_bytes: int) -> bytes:
    """Return the bytes of the file at `path`, gunzipped if they are gzip data.

    The limit applies to the file on disk and again to the decompressed data, so a small gzip bomb
    is caught too. Raises InputError for a missing, unreadable or oversized file or corrupt gzip.
    """
    try:
        with open(path, "rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            _check_size(size, max_bytes=max_bytes, origin=path)
            data = handle.read(max_bytes + 1)
    except FileNotFoundError as exc:
        raise InputError(path, "no such file or directory", code="I001") from exc
    except PermissionError as exc:
        raise InputError(path, "permission denied", code="I002") from exc
    except IsADirectoryError as exc:
        raise InputError(path, "is a directory", code="I002") from exc
    except OSError as exc:
        raise InputError(path, f"cannot be read ({exc.strerror or exc})", code="I002") from exc
    _check_size(len(data), max_bytes=max_bytes, origin=path)
    return gunzip_if_compressed(data, max_bytes=max_bytes, origin=path)


def read_stream(stream: BinaryIO, *, max_bytes: int, origin: str) -> bytes:
    """Return up to `max_bytes` bytes of `stream` (gunzipped if needed); InputError if more."""
    data = stream.read(max_bytes + 1)
    _check_size(len(data), max_bytes=max_bytes, origin=origin)
    return gunzip_if_compressed(data, max_bytes=max_bytes, origin=origin)


def gunzip_if_compressed(data: bytes, *, max_bytes: int, origin: str) -> bytes:
    """Decompress gzip data (detected by its magic bytes, whatever the file is called)."""
    if not data.startswith(_GZIP_MAGIC):
        return data
    try:
        with gzip.GzipFile(fileobj=io.BytesIO(data)) as archive:
            inflated = archive.read(max_bytes + 1)
    except (OSError, EOFError, zlib.error) as exc:
        raise InputError(origin, f"corrupt gzip data ({exc})", code="I006") from exc
    if len(inflated) > max_bytes:
        raise InputError(
            origin,
            f"decompresses to more than {format_size(max_bytes)}; raise the limit with --max-bytes",
            code="I004",
        )
    return inflated


def decode_text(data: bytes, *, origin: str) -> str:
    """Decode `data` as UTF-8 (a BOM is dropped) and reject binary, non-UTF-8 and empty input.

    Binary means a NUL byte or more than 5 % control characters in the first 8 KiB; anything else
    that fails to decode is reported as "not UTF-8 text" with the first bad byte and its offset (a
    Latin-1 or Windows-1251 file is text in the wrong encoding, not binary). UTF-16 is named as such
    so the fix is obvious.
    """
    if not data:
        raise InputError(origin, "empty file", code="I005")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(
            origin, "UTF-16 text; convert it to UTF-8 (e.g. iconv -f UTF-16 -t UTF-8)", code="I007"
        )
    if b"\x00" in data:
        raise InputError(origin, "binary file (contains NUL bytes)", code="I006")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise _undecodable(data, exc, origin) from exc
    sample = text[:_SAMPLE]
    if sum(1 for char in sample if char in _CONTROL_CHARS) > _BINARY_SHARE * len(sample):
        raise InputError(origin, "binary file (mostly control characters)", code="I006")
    if not text.strip():
        raise InputError(origin, "empty file (whitespace only)", code="I005")
    return text


def format_size(size: int) -> str:
    """Return a size as a user reads it: "5.2 MB", "12.0 KB", "900 bytes" (1 MB = 2**20 bytes)."""
    if size >= 1 << 20:
        return f"{size / (1 << 20):.1f} MB"
    if size >= 1 << 10:
        return f"{size / (1 << 10):.1f} KB"
    return f"{size} bytes"


def _check_size(size: int, *, max_bytes: int, origin: str) -> None:
    if size <= max_bytes:
        return
    shown, limit = format_size(size), format_size(max_bytes)
    if shown == limit:  # 5.0 MB + 1 byte would read "5.0 MB exceeds the 5.0 MB limit"
        shown, limit = f"{size} bytes", f"{max_bytes} bytes"
    raise InputError(origin, f"{shown} exceeds the {limit} limit; raise it with --max-bytes", code="I004")


def _undecodable(data: bytes, exc: UnicodeDecodeError, origin: str) -> InputError:
    sample = data[:_SAMPLE]
    if sum(1 for byte in sample if byte in _CONTROL_BYTES) > _BINARY_SHARE * len(sample):
        return InputError(origin, "binary file (mostly non-text bytes)", code="I006")
    bad = data[exc.start]
    return InputError(
        origin,
        f"not UTF-8 text (byte 0x{bad:02x} at offset {exc.start}); re-encode it as UTF-8",
        code="I007",
    )
