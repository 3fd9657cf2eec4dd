"""Exports for analysts: stored events written as JSON Lines, CSV, ACLED-shaped CSV, GDELT-shaped TSV,
GeoJSON or Parquet.

    from newsevents.export import export_events
    from newsevents.store import EventQuery, Store

    with Store.open("news.db", create=False) as store:
        report = export_events(store, EventQuery(type="ASSAULT"), format="acled", out="assaults.csv")

Every format reads the store a page at a time (`common.event_pages`) and writes as it goes, so an
export of millions of events needs the memory of one page. The filters are those of
`newsevents events` (an `EventQuery`): background and unrealised (negated, hypothetical) events are
left out unless asked for. A format may leave further events out — ACLED those it has no category
for, GDELT those without a year, GeoJSON those without coordinates — and says how many and why in
the returned `ExportReport`. Each format's module docstring documents its columns.

A file is written under a temporary name and renamed when complete, so an interrupted export never
leaves a truncated file that looks whole.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO, TYPE_CHECKING, Any

from newsevents.errors import ConfigError
from newsevents.export.acled import write_acled
from newsevents.export.common import PAGE_SIZE, ExportOptions, ExportReport, Pages, event_pages, store_urls
from newsevents.export.csvfile import write_csv
from newsevents.export.gdelt import write_gdelt
from newsevents.export.geojson import write_geojson
from newsevents.export.jsonl import write_jsonl
from newsevents.export.parquet import write_parquet
from newsevents.model import Event

if TYPE_CHECKING:
    from newsevents.store import EventQuery, Store

__all__ = ["FORMATS", "ExportFormat", "ExportOptions", "ExportReport", "export_events", "write_events"]

Writer = Callable[[Pages, Any, ExportOptions], ExportReport]
Progress = Callable[[int], None]


@dataclass(frozen=True)
class ExportFormat:
    name: str
    writer: Writer
    suffix: str
    description: str
    binary: bool = False


FORMATS: dict[str, ExportFormat] = {
    spec.name: spec for spec in (
        ExportFormat("jsonl", write_jsonl, ".jsonl", "the DESIGN.md event records, one per line"),
        ExportFormat("csv", write_csv, ".csv", "the columns of `newsevents events --format csv`"),
        ExportFormat("acled", write_acled, ".csv", "ACLED's columns and conventions (+ our ranges)"),
        ExportFormat("gdelt", write_gdelt, ".tsv", "GDELT 2.0's 61 event columns, tab-separated"),
        ExportFormat("geojson", write_geojson, ".geojson", "a FeatureCollection of located events"),
        ExportFormat("parquet", write_parquet, ".parquet", "flat typed columns, nested fields as JSON",
                     binary=True),
    )
}


def export_events(
    store: Store,
    query: EventQuery | None = None,
    *,
    format: str,
    out: str | IO[Any] = "-",
    header: bool | None = None,
    page_size: int = PAGE_SIZE,
    progress: Progress | None = None,
    options: ExportOptions | None = None,
) -> ExportReport:
    """Write the events of `store` matching `query` in `format` to `out` (a path, "-" for standard
    output, or an open stream: binary for parquet, text otherwise).

    `progress` is called with the number of events read after each page. Raises ConfigError (C301)
    for an unknown format or an output that cannot be written, naming the file.
    """
    from newsevents.store import EventQuery

    spec = _format(format)
    options = options or ExportOptions(header=header, urls=store_urls(store))
    pages = _counted(event_pages(store, query or EventQuery(), page_size=page_size), progress)
    with _output(out, binary=spec.binary) as stream:
        return spec.writer(pages, stream, options)


def write_events(events: Iterable[Event], stream: IO[Any], *, format: str,
                 options: ExportOptions | None = None, page_size: int = PAGE_SIZE) -> ExportReport:
    """Write events already in hand (`newsevents extract`, a test) in `format` to an open stream."""
    return _format(format).writer(_paged(events, page_size), stream, options or ExportOptions())


def _format(name: str) -> ExportFormat:
    spec = FORMATS.get(name.lower())
    if spec is None:
        raise ConfigError(f"Unknown export format {name!r}; choose one of {', '.join(FORMATS)}.", code="C301")
    return spec


def _paged(events: Iterable[Event], size: int) -> Iterator[list[Event]]:
    page: list[Event] = []
    for event in events:
        page.append(event)
        if len(page) >= size:
            yield page
            page = []
    if page:
        yield page


def _counted(pages: Iterator[list[Event]], progress: Progress | None) -> Iterator[list[Event]]:
    for page in pages:
        yield page
        if progress is not None:
            progress(len(page))


@contextmanager
def _output(out: str | IO[Any], *, binary: bool) -> Iterator[IO[Any]]:
    """The stream to write to; a path is written under "<path>.part" and renamed when complete."""
    if not isinstance(out, str):
        yield out
        return
    if out == "-":
        if binary and sys.stdout.isatty():
            raise ConfigError("Parquet is a binary format; write it to a file with --out FILE.parquet.",
                              code="C301")
        yield sys.stdout.buffer if binary else sys.stdout
        return
    partial = f"{out}.part"
    try:
        handle = open(partial, "wb") if binary else open(partial, "w", encoding="utf-8", newline="")
    except OSError as error:
        raise ConfigError(f"Cannot write {out}: {error.strerror or error}", code="C301") from error
    try:
        with handle:
            yield handle
        os.replace(partial, out)
    except OSError as error:
        _remove(partial)
        raise ConfigError(f"Cannot write {out}: {error.strerror or error}", code="C301") from error
    except BaseException:
        _remove(partial)
        raise


def _remove(path: str) -> None:
    try:
        os.remove(path)
    except OSError:
        pass
