"""Parquet: the flat columns of `export.flat` with real types (dates are date32, counts int64, booleans
bool), written in row groups of ROW_GROUP events with pyarrow's ParquetWriter, so memory stays flat.

pyarrow is imported here only, when a Parquet export runs.
"""

from __future__ import annotations

from typing import Any, BinaryIO

from newsevents.export.common import ExportOptions, ExportReport, Pages
from newsevents.export.flat import FLAT_COLUMNS, flat_row

ROW_GROUP = 10_000


def parquet_schema() -> Any:
    """The pyarrow schema of FLAT_COLUMNS."""
    import pyarrow as pa

    types = {"str": pa.string(), "bool": pa.bool_(), "int": pa.int64(), "float": pa.float64(), "date": pa.date32()}
    return pa.schema([pa.field(name, types[kind]) for name, kind in FLAT_COLUMNS])


def write_parquet(pages: Pages, stream: BinaryIO, options: ExportOptions) -> ExportReport:
    """Write every event; an export with no event is a valid file with the schema and no rows."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    report = ExportReport("parquet")
    schema = parquet_schema()
    rows: list[dict[str, Any]] = []
    with pq.ParquetWriter(stream, schema, compression="zstd") as writer:
        for page in pages:
            rows.extend(flat_row(event) for event in page)
            if len(rows) >= ROW_GROUP:
                writer.write_table(pa.Table.from_pylist(rows, schema=schema))
                report.written += len(rows)
                rows = []
        if rows or not report.written:
            writer.write_table(pa.Table.from_pylist(rows, schema=schema))
            report.written += len(rows)
    return report
