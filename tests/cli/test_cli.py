"""The command line, driven as a user would: records, formats, exit codes and bad input."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents.cli.main import EXIT_SKIPPED, app

DATA = Path(__file__).resolve().parents[1] / "data"
SEEDS = [str(path) for path in sorted(DATA.glob("0*_*.txt"))]
EVENT_FIELDS = {
    "event_id", "story_id", "type", "mode", "cameo", "summary", "date", "date_precision", "date_basis",
    "background", "actors", "location", "fatalities", "sources", "auxiliary", "contexts", "conflicts",
}
SOURCE_FIELDS = {"article_id", "origin", "outlet", "published", "background", "sentence", "char_start", "char_end"}


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _jsonl(output: str) -> list[dict]:
    return [json.loads(line) for line in output.splitlines() if line.strip()]


def test_extract_prints_design_records(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", *SEEDS, "--format", "jsonl"])
    assert result.exit_code == 0, result.output
    records = _jsonl(result.stdout)
    assert records
    for record in records:
        assert EVENT_FIELDS <= set(record)
        assert record["date_precision"] in {"day", "month", "year", "unknown"}
        for source in record["sources"]:
            assert SOURCE_FIELDS <= set(source)
        for actor in record["actors"]:
            assert actor["role"] in {"source", "target", "participant"}


def test_extract_articles_prints_spans_into_the_text(runner: CliRunner) -> None:
    result = runner.invoke(app, ["extract", SEEDS[1], "--articles"])
    assert result.exit_code == 0, result.output
    (record,) = _jsonl(result.stdout)
    text = record["text"]
    assert record["published"] == "2022-05-05"
    for span in record["mentions"] + record["times"]:
        assert text[span["start"]:span["end"]] == span["text"]
    assert any(t["value"] == "2022-05-03" for t in record["times"])
    assert record["events"]


def test_extract_reads_stdin(runner: CliRunner) -> None:
    text = ("| date 2023-03-06\nGunmen killed 12 villagers in an attack on Kadira village in Nigeria's "
            "Zamfara state on Sunday, police said.\n")
    result = runner.invoke(app, ["extract", "-"], input=text)
    assert result.exit_code == 0, result.output
    (record,) = _jsonl(result.stdout)
    assert record["type"] == "ASSAULT" and record["date"] == "2023-03-05"
    assert record["fatalities"]["min"] == 12 and record["location"]["country"] == "NG"
    assert record["sources"][0]["origin"] == "<stdin>"


@pytest.mark.parametrize(
    ("name", "reason"),
    [("empty.txt", "empty"), ("binary_image.txt", "binary"), ("latin1_article.txt", "not UTF-8")],
)
def test_extract_skips_bad_input_with_a_reason(runner: CliRunner, name: str, reason: str) -> None:
    path = DATA / "inputs" / name
    result = runner.invoke(app, ["extract", str(path), SEEDS[1]])
    assert result.exit_code == EXIT_SKIPPED
    line = next(line for line in result.stderr.splitlines() if str(path) in line)
    assert reason.lower() in line.split(str(path), 1)[1].lower()
    assert _jsonl(result.stdout)  # the good file was still processed


def test_extract_skips_unknown_extension_and_oversize(runner: CliRunner, tmp_path: Path) -> None:
    odd = tmp_path / "report.docx"
    odd.write_bytes(b"PK\x03\x04 not a text file")
    big = tmp_path / "big.txt"
    big.write_text("Protesters marched in Lima. " * 200, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(odd), str(big), "--max-bytes", "1000"])
    assert result.exit_code == EXIT_SKIPPED
    assert "report.docx" in result.stderr and "big.txt" in result.stderr
    assert "--max-bytes" in result.stderr


def test_ingest_twice_changes_nothing_and_events_read_back(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    first = runner.invoke(app, ["ingest", *SEEDS, "--db", db])
    assert first.exit_code == 0, first.output
    assert "added 2 articles" in first.stderr
    second = runner.invoke(app, ["ingest", *SEEDS, "--db", db])
    assert second.exit_code == 0 and "added 0 articles" in second.stderr and "2 already stored" in second.stderr

    listing = runner.invoke(app, ["events", "--db", db, "--format", "jsonl"])
    records = _jsonl(listing.stdout)
    assert records and all(not r["background"] for r in records)
    with_history = _jsonl(runner.invoke(app, ["events", "--db", db, "--format", "jsonl",
                                             "--include-background"]).stdout)
    assert len(with_history) > len(records)
    table = runner.invoke(app, ["events", "--db", db, "--type", "CONSULT"])
    assert table.exit_code == 0 and "CONSULT" in table.stdout
    rows = list(csv.DictReader(io.StringIO(runner.invoke(app, ["events", "--db", db, "--format", "csv"]).stdout)))
    assert rows and {"event_id", "type", "date", "fatalities_min"} <= set(rows[0])
    since = _jsonl(runner.invoke(app, ["events", "--db", db, "--format", "jsonl", "--since", "2022-05-04",
                                      "--country", "United States"]).stdout)
    assert since and all(r["location"]["country"] == "US" for r in since)

    event_id = records[0]["event_id"]
    shown = runner.invoke(app, ["show", event_id, "--db", db])
    assert shown.exit_code == 0 and event_id in shown.stdout and "evidence" in shown.stdout
    assert records[0]["sources"][0]["sentence"][:40] in shown.stdout.replace("\n", " ")


def test_ingest_bad_input_keeps_stored_data(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    runner.invoke(app, ["ingest", SEEDS[0], "--db", db])
    before = _jsonl(runner.invoke(app, ["events", "--db", db, "--format", "jsonl", "--include-background"]).stdout)
    result = runner.invoke(app, ["ingest", str(DATA / "inputs" / "binary_image.txt"), "--db", db])
    assert result.exit_code == EXIT_SKIPPED and "binary" in result.stderr.split("binary_image.txt", 1)[1]
    after = _jsonl(runner.invoke(app, ["events", "--db", db, "--format", "jsonl", "--include-background"]).stdout)
    assert after == before


def test_show_unknown_event_and_missing_database(runner: CliRunner, tmp_path: Path) -> None:
    missing = runner.invoke(app, ["events", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "No database" in missing.stderr
    db = str(tmp_path / "news.db")
    runner.invoke(app, ["ingest", SEEDS[0], "--db", db])
    unknown = runner.invoke(app, ["show", "ev_nope", "--db", db])
    assert unknown.exit_code == 1 and "ev_nope" in unknown.stderr


def test_demo_prints_news_and_background(runner: CliRunner) -> None:
    result = runner.invoke(app, ["demo"])
    assert result.exit_code == 0, result.output
    assert "News of the day" in result.stdout and "Background" in result.stdout
    assert "CONSULT" in result.stdout and "ASSAULT" in result.stdout


def test_stories_and_story_show_the_seed_story(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "news.db")
    assert runner.invoke(app, ["ingest", *SEEDS, "--db", db]).exit_code == 0
    listed = _jsonl(runner.invoke(app, ["stories", "--db", db, "--format", "jsonl"]).stdout)
    assert len(listed) == 1 and len(listed[0]["article_ids"]) == 2
    assert listed[0]["first_date"] == "2022-05-05" and listed[0]["events"] > 0
    table = runner.invoke(app, ["stories", "--db", db])
    assert table.exit_code == 0 and listed[0]["story_id"] in table.stdout
    shown = runner.invoke(app, ["story", listed[0]["story_id"], "--db", db])
    assert shown.exit_code == 0
    assert "News of the day" in shown.stdout and "Background" in shown.stdout and "Coverage" in shown.stdout
    view = json.loads(runner.invoke(app, ["story", listed[0]["story_id"], "--db", db, "--json"]).stdout)
    assert len(view["articles"]) == 2 and view["outlets"] == listed[0]["outlets"]
    assert view["timeline"]["news"] and view["timeline"]["background"] and view["summary"]
    missing = runner.invoke(app, ["story", "st_nope", "--db", db])
    assert missing.exit_code == 1 and "st_nope" in missing.stderr


def test_extract_two_reports_gives_one_event_with_two_sources(runner: CliRunner) -> None:
    records = _jsonl(runner.invoke(app, ["extract", *SEEDS, "--format", "jsonl"]).stdout)
    forum = [r for r in records if r["type"] == "CONSULT" and r["date"] == "2022-05-04"
             and any("Wamalwa" in a["name"] for a in r["actors"])]
    assert len(forum) == 1 and len({s["article_id"] for s in forum[0]["sources"]}) == 2
    assert forum[0]["story_id"] and all(r["story_id"] == forum[0]["story_id"] for r in records)
