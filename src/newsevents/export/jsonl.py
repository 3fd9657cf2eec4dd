"""JSON Lines: one DESIGN.md event record per line, exactly as `newsevents events --format jsonl`."""

from __future__ import annotations

import json
from typing import IO

from newsevents.export.common import ExportOptions, ExportReport, Pages


def write_jsonl(pages: Pages, stream: IO[str], options: ExportOptions) -> ExportReport:
    """Write every event's record; nothing is left out."""
    report = ExportReport("jsonl")
    for page in pages:
        for event in page:
            stream.write(json.dumps(event.to_record(), ensure_ascii=False) + "\n")
            report.written += 1
    return report
