"""CSV: the columns of `newsevents events --format csv` (`cli.render.CSV_COLUMNS`), one row per event.

Lists are joined with "; " (actors by role, outlets); the full record, sources included, is what the
jsonl and parquet exports are for.
"""

from __future__ import annotations

import csv
from typing import IO

from newsevents.cli.render import CSV_COLUMNS, csv_row
from newsevents.export.common import ExportOptions, ExportReport, Pages


def write_csv(pages: Pages, stream: IO[str], options: ExportOptions) -> ExportReport:
    """Write a header (unless `options.header` is False) and one row per event."""
    report = ExportReport("csv")
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
    if options.header is not False:
        writer.writeheader()
    for page in pages:
        for event in page:
            writer.writerow(csv_row(event))
            report.written += 1
    return report
