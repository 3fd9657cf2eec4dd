"""The export registry, paging, filters, output files and the `newsevents export` command."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents.cli.main import ExportFormatName, app
from newsevents.cli.render import CSV_COLUMNS
from newsevents.errors import ConfigError, StoreError
from newsevents.export import FORMATS, export_events
from newsevents.export.common import event_pages
from newsevents.store import EventQuery


def _jsonl(store, query: EventQuery, **kwargs: object) -> list[dict]:  # type: ignore[no-untyped-def]
    stream = io.StringIO()
    export_events(store, query, format="jsonl", out=stream, **kwargs)
    return [json.loads(line) for line in stream.getvalue().splitlines()]


def test_formats_registry_matches_the_cli_choices() -> None:
    assert list(FORMATS) == [choice.value for choice in ExportFormatName]
    assert [name for name, spec in FORMATS.items() if spec.binary] == ["parquet"]


def test_export_jsonl_is_the_design_record_in_store_order(export_store) -> None:  # type: ignore[no-untyped-def]
    query = EventQuery(include_background=True)
    records = _jsonl(export_store, query)
    assert [r["event_id"] for r in records] == [e.event_id for e in export_store.events(query)]
    assert all({"event_id", "type", "date", "actors", "sources", "auxiliary"} <= set(r) for r in records)


@pytest.mark.parametrize("page_size", [1, 2, 7, 1000])
def test_event_pages_cover_every_event_once(export_store, page_size: int) -> None:  # type: ignore[no-untyped-def]
    query = EventQuery(include_background=True, include_unrealised=True)
    pages = list(event_pages(export_store, query, page_size=page_size))
    ids = [event.event_id for page in pages for event in page]
    assert ids == [event.event_id for event in export_store.events(query)]
    assert all(len(page) <= page_size for page in pages)


@pytest.mark.parametrize("limit, offset", [(3, 0), (5, 2), (1, 4)])
def test_event_pages_honour_limit_and_offset(export_store, limit: int,  # type: ignore[no-untyped-def]
                                             offset: int) -> None:
    query = EventQuery(include_background=True, limit=limit, offset=offset)
    ids = [e.event_id for page in event_pages(export_store, query, page_size=2) for e in page]
    assert ids == [e.event_id for e in export_store.events(query)]


def test_export_leaves_out_unrealised_events_unless_asked(export_store) -> None:  # type: ignore[no-untyped-def]
    unrealised = {"negation", "hypothetical"}
    default = _jsonl(export_store, EventQuery())
    asked = _jsonl(export_store, EventQuery(include_unrealised=True))
    assert not any(unrealised & set(r["auxiliary"]) for r in default)
    assert any("negation" in r["auxiliary"] for r in asked)
    assert not any(r["background"] for r in default)


@pytest.mark.parametrize("query, check", [
    (EventQuery(type="PROTEST"), lambda r: r["type"] == "PROTEST"),
    (EventQuery(country="NG"), lambda r: r["location"]["country"] == "NG"),
    (EventQuery(since="2023-06"), lambda r: r["date"] >= "2023-06"),
    (EventQuery(until="2021"), lambda r: r["date"] <= "2021-12-31"),
    (EventQuery(actor="Boko Haram"), lambda r: any("Boko Haram" in a["name"] for a in r["actors"])),
])
def test_export_respects_event_filters(export_store, query: EventQuery, check) -> None:  # type: ignore[no-untyped-def]
    records = _jsonl(export_store, query)
    assert records and all(check(record) for record in records)


def test_export_csv_uses_the_events_command_columns(export_store) -> None:  # type: ignore[no-untyped-def]
    stream = io.StringIO()
    report = export_events(export_store, EventQuery(), format="csv", out=stream)
    rows = list(csv.DictReader(io.StringIO(stream.getvalue())))
    assert tuple(rows[0]) == CSV_COLUMNS and len(rows) == report.written


def test_export_progress_counts_every_event(export_store) -> None:  # type: ignore[no-untyped-def]
    seen: list[int] = []
    report = export_events(export_store, EventQuery(), format="jsonl", out=io.StringIO(), page_size=2,
                           progress=seen.append)
    assert sum(seen) == report.written == export_store.count_events(EventQuery())
    assert max(seen) <= 2


def test_export_unknown_format_is_a_config_error(export_store) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ConfigError, match="Unknown export format 'xlsx'"):
        export_events(export_store, EventQuery(), format="xlsx", out=io.StringIO())


def test_export_failure_leaves_no_partial_file(export_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "out.csv"
    with pytest.raises(StoreError):
        export_events(export_store, EventQuery(since="2024-13"), format="acled", out=str(path))
    assert list(tmp_path.iterdir()) == []


def test_export_unwritable_path_names_the_file(export_store, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = tmp_path / "missing" / "out.tsv"
    with pytest.raises(ConfigError, match=str(target)):
        export_events(export_store, EventQuery(), format="gdelt", out=str(target))


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


@pytest.mark.parametrize("fmt, suffix", [(name, spec.suffix) for name, spec in FORMATS.items()])
def test_cli_export_writes_each_format(runner: CliRunner, export_db: str, tmp_path: Path, fmt: str,
                                       suffix: str) -> None:
    path = tmp_path / f"events{suffix}"
    result = runner.invoke(app, ["export", "--format", fmt, "--db", export_db, "--out", str(path),
                                 "--include-background"])
    assert result.exit_code == 0, result.output
    assert path.stat().st_size > 0
    assert f"events to {path} ({fmt})" in result.stderr


def test_cli_export_to_stdout_with_filters(runner: CliRunner, export_db: str) -> None:
    result = runner.invoke(app, ["export", "-f", "jsonl", "--db", export_db, "--type", "ASSAULT",
                                 "--country", "Nigeria", "--limit", "2"])
    assert result.exit_code == 0, result.output
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert 1 <= len(records) <= 2
    assert all(r["type"] == "ASSAULT" and r["location"]["country"] == "NG" for r in records)


def test_cli_export_gdelt_header_flag(runner: CliRunner, export_db: str) -> None:
    plain = runner.invoke(app, ["export", "-f", "gdelt", "--db", export_db])
    headed = runner.invoke(app, ["export", "-f", "gdelt", "--db", export_db, "--header"])
    assert plain.exit_code == headed.exit_code == 0
    assert not plain.stdout.startswith("GlobalEventID")
    assert headed.stdout.startswith("GlobalEventID\tDay\t")
    assert "left out" in plain.stderr or "wrote" in plain.stderr


def test_cli_export_reports_what_acled_left_out(runner: CliRunner, export_db: str) -> None:
    result = runner.invoke(app, ["export", "-f", "acled", "--db", export_db])
    assert result.exit_code == 0
    assert "left out" in result.stderr and "no ACLED event type for CONSULT" in result.stderr


@pytest.mark.parametrize("args, message", [
    (["--db", "{tmp}/missing.db"], "No database at"),
    (["--since", "2024-13"], "Not a date"),
    (["--out", "{tmp}/no/such/dir/x.csv"], "Cannot write"),
])
def test_cli_export_errors_exit_1_with_a_message(runner: CliRunner, export_db: str, tmp_path: Path,
                                                 args: list[str], message: str) -> None:
    args = [arg.replace("{tmp}", str(tmp_path)) for arg in args]
    db = [] if "--db" in args else ["--db", export_db]
    result = runner.invoke(app, ["export", "-f", "csv", *db, *args])
    assert result.exit_code == 1
    assert message in result.stderr
