"""Crash safety: an ingest killed with SIGKILL at any moment and resumed ends with the same database as
an ingest that was never interrupted — nothing lost, nothing doubled.

2,000 generated articles (benchmarks/generate.py, fixed seed, cut to their first paragraphs so that a
full ingest takes seconds) are ingested twice by `newsevents ingest` in a subprocess:

- once straight through (the reference);
- once killed with SIGKILL again and again and resumed each time: during story resolution, after some
  INSERTs of a batch's transaction, at the commit of a batch, and at random moments — then run to the
  end.

After every kill the database must hold whole batches only (each batch is one transaction; SQLite in
WAL mode) and pass SQLite's integrity and foreign-key checks. At the end every table — articles,
sentences, mentions, times, per-article events, fused events with their actors and evidence (the
sources), stories with their members and clustering state — must equal the reference row for row.
Only `ingested_at` (a wall-clock timestamp) and autoincrement row ids are left out of the comparison.

The corpus holds undated articles too. A resumed run rebuilds the near-duplicate index from the
database; it replays the articles in the order the live index took them, with their own dates, so an
undated article sits in the 30-day window where it sat before the kill (this test found the difference
once; `test_undated_copy_after_a_resume_is_judged_as_without_one` pins it).
"""

from __future__ import annotations

import importlib.util
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
DRIVER = Path(__file__).resolve().parent / "crash_driver.py"
ARTICLES = 2_000
BATCH = 100
SEED = 20240611
PARAGRAPHS = 3  # the lede, a quote and a follow-up: every stage still has work, at a fraction of the cost
# Kills from inside the process, at exact points (counted from the start of each run), then from outside.
PLANNED = ("resolve:250", "write:1500", "commit:2", "resolve:1")
RANDOM_KILLS = 3
RUN_TIMEOUT = 120


def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("newsevents_bench_generate", ROOT / "benchmarks" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while the class is built
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, list[dict[str, Any]]]:
    records = []
    for record in _generator().generate_articles(ARTICLES, seed=SEED):
        record["text"] = "\n\n".join(record["text"].split("\n\n")[:PARAGRAPHS])
        records.append(record)
    records = records[:ARTICLES]
    path = tmp_path_factory.mktemp("crash") / "articles.jsonl"
    path.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), encoding="utf-8")
    return path, records


def _command(corpus: Path, db: Path) -> list[str]:
    return [sys.executable, str(DRIVER), "ingest", str(corpus), "--db", str(db), "--batch-size", str(BATCH),
            "--no-embeddings"]


def _env(point: str | None = None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "NEWSEVENTS_TEST_CRASH_AT"}
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    if point:
        env["NEWSEVENTS_TEST_CRASH_AT"] = point
    return env


def _run(corpus: Path, db: Path, *, point: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(_command(corpus, db), env=_env(point), capture_output=True, text=True, timeout=RUN_TIMEOUT)


def _stored_count(db: Path) -> int:
    try:
        with sqlite3.connect(db, timeout=5) as connection:
            return int(connection.execute("SELECT count(*) FROM articles").fetchone()[0])
    except sqlite3.Error:  # not created yet
        return 0


def _run_and_kill_at_random(corpus: Path, db: Path, rng: random.Random) -> tuple[int, float]:
    """Start an ingest and SIGKILL it a random 0–1.5 s after its first new batch is committed (so the
    kill lands in the work itself — reading, pipeline, resolution or a write — not in start-up)."""
    before = _stored_count(db)
    delay = rng.uniform(0.0, 1.5)
    process = subprocess.Popen(_command(corpus, db), env=_env(), stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + RUN_TIMEOUT
    while process.poll() is None and _stored_count(db) == before and time.monotonic() < deadline:
        time.sleep(0.05)
    try:
        process.wait(timeout=delay)
    except subprocess.TimeoutExpired:
        process.send_signal(signal.SIGKILL)
    return process.wait(timeout=RUN_TIMEOUT), delay


def _table_rows(db: Path) -> dict[str, Counter[tuple[Any, ...]]]:
    """Every row of every table of the schema, as a multiset, without timestamps and row ids."""
    from newsevents.store import schema

    dump: dict[str, Counter[tuple[Any, ...]]] = {}
    with sqlite3.connect(db) as connection:
        for table in schema.metadata.sorted_tables:
            columns = [column.name for column in table.columns
                       if column.name != "ingested_at" and not (column.primary_key and column.autoincrement is True)]
            quoted = ", ".join(f'"{name}"' for name in columns)
            dump[table.name] = Counter(connection.execute(f'SELECT {quoted} FROM "{table.name}"').fetchall())
    return dump


def _check_consistent(db: Path) -> set[str]:
    """SQLite's own checks plus ours; return the stored article ids."""
    with sqlite3.connect(db) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        articles = {row[0] for row in connection.execute("SELECT article_id FROM articles")}
        orphans = connection.execute(
            "SELECT count(*) FROM articles a WHERE a.story_id IS NOT NULL AND NOT EXISTS "
            "(SELECT 1 FROM stories s WHERE s.story_id = a.story_id)").fetchone()[0]
        assert orphans == 0, "an article points at a story that was not written"
        miscounted = connection.execute(
            "SELECT count(*) FROM stories s WHERE s.article_count != "
            "(SELECT count(*) FROM articles a WHERE a.story_id = s.story_id)").fetchone()[0]
        assert miscounted == 0, "a story's article count disagrees with its members"
    return articles


def _whole_batches(records: list[dict[str, Any]], reference: set[str]) -> list[set[str]]:
    """The article ids stored after 0, 1, 2, … whole batches (first copies of a text only)."""
    from newsevents.ingest import content_hash

    seen: set[str] = set()
    prefixes = [set()]
    for start in range(0, len(records), BATCH):
        ids = set(prefixes[-1])
        for record in records[start:start + BATCH]:
            digest = content_hash(record["text"])
            if digest not in seen:
                seen.add(digest)
                if record["id"] in reference:
                    ids.add(record["id"])
        prefixes.append(ids)
    return prefixes


def _differences(clean: dict[str, Counter[tuple[Any, ...]]], crashed: dict[str, Counter[tuple[Any, ...]]]) -> list[str]:
    problems = []
    for table, rows in clean.items():
        other = crashed[table]
        if rows != other:
            missing, extra = rows - other, other - rows
            problems.append(f"{table}: {sum(rows.values())} rows vs {sum(other.values())}; "
                            f"{sum(missing.values())} missing, e.g. {_short(missing)}; "
                            f"{sum(extra.values())} extra, e.g. {_short(extra)}")
    return problems


def _short(rows: Counter[tuple[Any, ...]]) -> str:
    return "; ".join(str(row)[:240] for row in list(rows)[:2])


def test_ingest_killed_and_resumed_equals_a_clean_run(corpus, tmp_path: Path) -> None:
    path, records = corpus
    started = time.monotonic()
    clean_db = tmp_path / "clean.db"
    clean = _run(path, clean_db)
    assert clean.returncode in (0, 3), clean.stderr[-2000:]
    clean_seconds = time.monotonic() - started
    reference = _check_consistent(clean_db)
    assert len(reference) > 0.9 * ARTICLES - 200, clean.stderr[-2000:]
    batches = _whole_batches(records, reference)

    crashed_db = tmp_path / "crashed.db"
    kills: list[str] = []
    progress: list[int] = []

    def after_kill(label: str) -> None:
        stored = _check_consistent(crashed_db) if crashed_db.exists() else set()
        assert stored in batches, f"after the kill {label}, {len(stored)} articles: not a whole number of batches"
        assert stored < reference, "a killed run cannot have finished"
        kills.append(label)
        progress.append(len(stored))

    for point in PLANNED:
        run = _run(path, crashed_db, point=point)
        assert run.returncode == -signal.SIGKILL, (
            f"the crash hook {point} never fired (exit {run.returncode}): {run.stderr[-1500:]}")
        after_kill(point)
    rng = random.Random(SEED)
    attempts = 0
    while sum(label.startswith("random") for label in kills) < RANDOM_KILLS and attempts < 3 * RANDOM_KILLS:
        attempts += 1
        returncode, delay = _run_and_kill_at_random(path, crashed_db, rng)
        if _check_consistent(crashed_db) == reference:
            break  # the run finished (or had finished its work) before the kill: nothing left to interrupt
        if returncode == -signal.SIGKILL:
            after_kill(f"random(+{delay:.2f}s)")
    final = _run(path, crashed_db)
    assert final.returncode in (0, 3), final.stderr[-2000:]

    assert len(kills) >= 5, f"only {len(kills)} kills landed: {kills}"
    assert progress == sorted(progress), "a resumed run lost articles a previous run had stored"
    clean_rows, crashed_rows = _table_rows(clean_db), _table_rows(crashed_db)
    problems = _differences(clean_rows, crashed_rows)
    assert not problems, "the resumed database differs from the clean run's:\n" + "\n".join(problems)
    summary = {table: sum(rows.values()) for table, rows in clean_rows.items()}
    print(f"\ncrash test: {ARTICLES} articles ({len(reference)} stored), {len(kills)} kills survived "
          f"({', '.join(kills)}; stored after each: {progress}); identical to the clean run: {summary}; "
          f"clean run {clean_seconds:.1f} s, total {time.monotonic() - started:.1f} s")


# --------------------------------------------------------------------------------------------------
# Fast checks of the same properties, in-process (they run even where subprocesses are slow)


def _ingest(path: Path, db: Path, *, batch_size: int) -> Any:
    from newsevents.config import Settings
    from newsevents.jobs import ingest_paths
    from newsevents.store import Store

    with Store.open(str(db)) as store:
        return ingest_paths([str(path)], store, settings=Settings(embeddings=False), batch_size=batch_size)


def test_ingest_resumed_between_batches_equals_one_run(corpus, tmp_path: Path) -> None:
    """An ingest stopped after some batches and run again over the same file ends where one run ends:
    the story index continues from the stored states exactly as the live index would have."""
    _, records = corpus
    lines = [json.dumps(record, ensure_ascii=False) + "\n" for record in records[:240]]
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    _ingest(path, tmp_path / "once.db", batch_size=40)
    path.write_text("".join(lines[:120]), encoding="utf-8")  # the first three batches, as an interrupted run left them
    _ingest(path, tmp_path / "twice.db", batch_size=40)
    path.write_text("".join(lines), encoding="utf-8")
    second = _ingest(path, tmp_path / "twice.db", batch_size=40)
    assert second.already_stored >= 110
    problems = _differences(_table_rows(tmp_path / "once.db"), _table_rows(tmp_path / "twice.db"))
    assert not problems, "\n".join(problems)


def test_ingest_same_text_twice_in_one_batch_stores_it_once(tmp_path: Path) -> None:
    """Two records with the same text under different ids (a wire story posted twice) in one batch: the
    first is stored, the second counted as already stored — the batch is not rolled back."""
    text = ("Rebels attacked an army post near Beni on Sunday, killing at least nine soldiers, the army said on "
            "Monday. The Allied Democratic Forces have been blamed for repeated raids in the region.")
    path = tmp_path / "dup.jsonl"
    path.write_text("".join(json.dumps({"id": f"wire-{n}", "text": text, "published": "2024-03-04"}) + "\n"
                            for n in range(3)), encoding="utf-8")
    report = _ingest(path, tmp_path / "dup.db", batch_size=10)
    assert (report.added, report.already_stored, report.skipped) == (1, 2, [])
    assert _check_consistent(tmp_path / "dup.db") == {"wire-0"}


def _report_line(record_id: str, published: str | None, text: str) -> str:
    return json.dumps({"id": record_id, "published": published, "text": text}) + "\n"


def test_undated_copy_after_a_resume_is_judged_as_without_one(tmp_path: Path) -> None:
    words = ("the regional council said on the radio that the water supply for the eastern districts would be "
             "restored only after engineers had inspected every pumping station along the river and signed "
             "their reports for the ministry in the capital before the end of the rainy season next year")
    filler = "Traders in the old market of {} complained about prices of flour, sugar and cooking oil this week."
    lines = [
        _report_line("x", "2024-03-21", filler.format("Kano") + " " + words.replace("water", "power")[:60]),
        _report_line("u", None, "Officials said " + words + "."),  # undated: its window day is "the latest date"
        _report_line("y", "2024-04-20", filler.format("Kisumu")),
        _report_line("z", "2024-04-20", filler.format("Gulu")),
        _report_line("c", "2024-04-25", "Officials said " + words.replace("radio", "wireless") + "."),
        _report_line("w", "2024-04-25", filler.format("Lira")),
    ]
    path = tmp_path / "feed.jsonl"
    path.write_text("".join(lines), encoding="utf-8")
    _ingest(path, tmp_path / "once.db", batch_size=2)
    path.write_text("".join(lines[:4]), encoding="utf-8")
    _ingest(path, tmp_path / "twice.db", batch_size=2)
    path.write_text("".join(lines), encoding="utf-8")
    _ingest(path, tmp_path / "twice.db", batch_size=2)
    with sqlite3.connect(tmp_path / "once.db") as once, sqlite3.connect(tmp_path / "twice.db") as twice:
        query = "SELECT article_id, duplicate_of FROM articles ORDER BY article_id"
        assert once.execute(query).fetchall() == twice.execute(query).fetchall()
