"""Engines and streaming ingest: every engine gives the database the serial run gives; an interrupted
ingest re-run gives the database a clean run gives; `watch_directory` picks up files as they arrive."""

from __future__ import annotations

import dataclasses
import gc
import importlib.util
import json
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from newsevents.config import Settings
from newsevents.engine import Chunk, Learner, PinnedBoilerplate, Task, make_engine, map_ahead, partitions
from newsevents.engine.worker import pack_tasks, process_packed, process_packed_tasks, process_tasks, unpack_results
from newsevents.errors import ConfigError, InputError
from newsevents.ingest import read_record, read_text
from newsevents.jobs import Ingestion, ingest_paths, read_inputs, watch_directory
from newsevents.model import Article, Skipped
from newsevents.store import EventQuery, Store

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
BATCH = 25


def _generator():  # benchmarks/ is not a package: load generate.py by path, as tests/test_generate.py does
    spec = importlib.util.spec_from_file_location("newsevents_bench_generate", ROOT / "benchmarks" / "generate.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The development articles and seeds, then a generated news stream (copies, stories, outlet lines)."""
    directory = tmp_path_factory.mktemp("corpus")
    stream = directory / "stream.jsonl"
    records = _generator().generate_articles(60, seed=11, per_day=20)
    stream.write_text("".join(json.dumps(record) + "\n" for record in records), encoding="utf-8")
    return [str(DATA / "articles"), *(str(path) for path in sorted(DATA.glob("0*_*.txt"))), str(stream)]


def _dump(db: str) -> dict[str, object]:
    """Everything a user reads from a database: articles as stored, stories, fused events."""
    with Store.open(db, create=False) as store:
        events = sorted(json.dumps(event.to_record(), sort_keys=True) for event in store.events(
            EventQuery(include_background=True, include_unrealised=True)))
        stories = sorted((s.story_id, tuple(s.article_ids), s.title, s.first_date, s.last_date, tuple(s.outlets))
                         for s in store.stories())
        with store.engine.connect() as connection:
            articles = sorted(tuple(row) for row in connection.execute(text(
                "select article_id, story_id, duplicate_of, published, published_basis, text, removed "
                "from articles")))
            article_events = sorted(tuple(row) for row in connection.execute(text(
                "select event_id, article_id, record from article_events")))
    return {"articles": articles, "stories": stories, "events": events, "article_events": article_events}


def _ingest(paths: list[str], db: str, **options: object) -> object:
    with Store.open(db) as store:
        return ingest_paths(paths, store, settings=Settings(), batch_size=BATCH, **options)


@pytest.fixture(scope="module")
def serial(corpus: list[str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, object]:
    db = str(tmp_path_factory.mktemp("serial") / "serial.db")
    report = _ingest(corpus, db)
    assert report.added >= 90 and not report.skipped
    return _dump(db)


def test_engines_serial_run_has_stories_copies_and_events(serial: dict[str, object]) -> None:
    articles = serial["articles"]
    assert len(serial["stories"]) < len(articles)
    assert any(row[2] for row in articles), "the generated stream has syndicated copies"
    assert any("outlet boilerplate" in row[6] for row in articles), "outlet lines are learned and removed"
    assert len(serial["events"]) > 100


def test_engines_dask_gives_the_serial_database(corpus: list[str], serial: dict[str, object], tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    db = str(tmp_path / "dask.db")
    with make_engine("dask", settings=Settings(), workers=2, processes=False) as engine:
        _ingest(corpus, db, engine=engine)
    assert _dump(db) == serial


def test_engines_process_pool_gives_the_serial_database(corpus: list[str], serial: dict[str, object],
                                                        tmp_path: Path) -> None:
    db = str(tmp_path / "pool.db")
    with make_engine("local", settings=Settings(), workers=2) as engine:
        _ingest(corpus, db, engine=engine)
    assert _dump(db) == serial


def test_ingest_resumed_after_interruption_equals_clean_run(corpus: list[str], serial: dict[str, object],
                                                            tmp_path: Path) -> None:
    """An ingest stopped after the first articles (even inside a batch), then re-run over everything,
    ends with the clean run's database."""
    db = str(tmp_path / "resumed.db")
    first = 2 * BATCH + 7
    with Store.open(db) as store:
        head = [item for _, item in zip(range(first), read_inputs(corpus, settings=Settings()))]
        with Ingestion(store, batch_size=BATCH) as ingestion:
            ingestion.run(head)
        assert store.counts()["articles"] == first
        report = ingest_paths(corpus, store, batch_size=BATCH)
    assert report.already_stored == first
    assert _dump(db) == serial


def test_ingest_stop_ends_after_the_current_batch(corpus: list[str], tmp_path: Path) -> None:
    stop = threading.Event()
    with Store.open(str(tmp_path / "stopped.db")) as store:
        report = ingest_paths(corpus, store, batch_size=BATCH, stop=stop, progress=lambda item: stop.set())
        assert store.counts()["articles"] == report.added == BATCH


def test_learner_pins_outlet_lines_once_learned() -> None:
    """A standing line of an outlet becomes boilerplate from its third article on, and a worker cleaning
    with the pinned answers produces the text a serial run produces."""
    tagline = "Kivu Times is an independent newsroom covering the Great Lakes region."
    bodies = [f"Rebels attacked {town} on Monday, killing {n} people, officials said." for town, n in
              (("Beni", 7), ("Bunia", 12), ("Butembo", 4), ("Goma", 9))]
    articles = [read_record({"id": f"kt{i}", "text": f"{body}\n\n{tagline}", "outlet": "kivu-times.example.com",
                             "published": "2024-03-0%d" % (i + 1)}, origin=f"kt{i}") for i, body in enumerate(bodies)]
    learner = Learner()
    tasks = []
    for article in articles:
        learner.observe(article)
        tasks.append(learner.pin(article))
    assert [bool(task.boilerplate) for task in tasks] == [False, False, True, True]
    results = process_tasks(tasks, Settings())
    assert all(tagline not in result.text for result in results[2:])
    assert tagline in results[0].text


def test_pinned_boilerplate_answers_only_its_keys() -> None:
    from newsevents.clean.boilerplate import boilerplate_key

    pinned = PinnedBoilerplate()
    pinned.keys = frozenset({boilerplate_key("Support our   JOURNALISM today, readers.")})
    assert pinned.is_boilerplate("x.example.com", "support our journalism today, readers.")
    assert not pinned.is_boilerplate("x.example.com", "Troops entered the town on Friday.")


def test_process_tasks_turns_failures_into_skips(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.engine import worker
    from newsevents.errors import ExtractError

    def broken(article: Article) -> Article:
        raise ExtractError(f"{article.origin}: stage 'events' failed: boom", code="X001")

    monkeypatch.setattr(worker, "worker_pipeline", lambda settings: _Calling(broken, PinnedBoilerplate()))
    [result] = process_tasks([Task(read_text("Troops entered Goma on Friday.", origin="bad.txt"))], Settings())
    assert isinstance(result, Skipped) and result.origin == "bad.txt" and "boom" in result.reason


class _Calling:
    def __init__(self, function, boilerplate) -> None:  # type: ignore[no-untyped-def]
        self.function, self.boilerplate = function, boilerplate

    def __call__(self, article: Article) -> Article:
        return self.function(article)


def test_map_ahead_keeps_input_order_and_reads_lazily() -> None:
    pulled: list[int] = []

    def chunks():  # type: ignore[no-untyped-def]
        for number in range(5):
            pulled.append(number)
            yield Chunk(stored=[read_text(f"Article number {number}.", origin=str(number))])

    mapped = map_ahead(chunks(), lambda chunk: (lambda: [chunk.stored[0]]), ahead=1)
    first, _ = next(mapped)
    assert first.stored[0].origin == "0" and pulled == [0, 1]
    assert [chunk.stored[0].origin for chunk, _ in mapped] == ["1", "2", "3", "4"]


@pytest.mark.parametrize(("size", "parts", "expected"), [(0, 4, []), (3, 8, [1, 1, 1]), (10, 4, [3, 3, 3, 1]),
                                                         (8, 2, [4, 4])])
def test_partitions_split_contiguously(size: int, parts: int, expected: list[int]) -> None:
    tasks = [Task(read_text(f"Text {i}.", origin=str(i))) for i in range(size)]
    split = partitions(tasks, parts=parts)
    assert [len(part) for part in split] == expected
    assert [task for part in split for task in part] == tasks


@pytest.mark.parametrize(("name", "options", "code"), [
    ("spark", {}, "C062"), ("local", {"workers": 0}, "C060"), ("local", {"scheduler": "tcp://h:8786"}, "C061"),
])
def test_make_engine_rejects_bad_options(name: str, options: dict, code: str) -> None:
    with pytest.raises(ConfigError) as raised:
        make_engine(name, settings=Settings(), **options)
    assert raised.value.code == code


def test_watch_picks_up_a_file_written_after_start(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "first.txt").write_text("| date 2024-05-02\nGunmen attacked a police post in Maiduguri on "
                                     "Wednesday, killing three officers, police said.", encoding="utf-8")
    stop = threading.Event()
    with Store.open(str(tmp_path / "watch.db")) as store:
        reports: list[object] = []
        thread = threading.Thread(target=lambda: reports.append(
            watch_directory(str(inbox), store, interval=0.05, stop=stop)))
        thread.start()
        try:
            _wait(lambda: store.counts()["articles"] == 1)
            (inbox / "later.jsonl").write_text(json.dumps({
                "id": "later-1", "published": "2024-05-03", "outlet": "sahel-post.example.com",
                "text": "Protesters marched through Niamey on Thursday to demand higher wages, organisers said.",
            }) + "\n", encoding="utf-8")
            _wait(lambda: store.counts()["articles"] == 2)
        finally:
            stop.set()
            thread.join(timeout=30)
    assert not thread.is_alive()
    assert reports[0].added == 2


def test_watch_waits_until_a_file_is_stable(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Troops were deployed to Goma on Friday, the army said.", encoding="utf-8")
    with Store.open(str(tmp_path / "w.db")) as store:
        assert watch_directory(str(tmp_path), store, interval=0.01, max_polls=1).added == 0
        assert watch_directory(str(tmp_path), store, interval=0.01, max_polls=2).added == 1
        assert watch_directory(str(tmp_path), store, interval=0.01, max_polls=3).already_stored == 1


def test_watch_rejects_a_missing_directory(tmp_path: Path) -> None:
    with Store.open(str(tmp_path / "w.db")) as store, pytest.raises(InputError):
        watch_directory(str(tmp_path / "nowhere"), store, max_polls=1)


def _wait(condition, timeout: float = 30.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


class _AheadEngine:
    """Processes in this process but prepares the next chunk before the caller stores this one."""

    def __init__(self) -> None:
        self.prepared: list[int] = []

    def map_chunks(self, chunks):  # type: ignore[no-untyped-def]
        def submit(chunk: Chunk):  # type: ignore[no-untyped-def]
            self.prepared.append(len(chunk.tasks))
            results = process_tasks(chunk.tasks, Settings())
            return lambda: results

        return map_ahead(chunks, submit, ahead=1)

    def close(self) -> None:
        pass


def test_ingest_skips_content_stored_while_its_chunk_was_computed_ahead(tmp_path: Path) -> None:
    """A copy of an article of the previous batch (same text, another file) is read — and processed —
    before that batch is stored; it is still counted as already stored, as a serial run counts it."""
    body = ("| date 2024-04-09\nSoldiers clashed with rebels near Bunia on Monday, killing at least 14 "
            "fighters, the army said.")
    for name in ("a.txt", "b.txt", "c.txt"):
        (tmp_path / name).write_text(body if name != "b.txt" else body.replace("14", "15"), encoding="utf-8")
    (tmp_path / "d.txt").write_text(body, encoding="utf-8")  # the same text as a.txt, in the next batch
    paths = [str(tmp_path / name) for name in ("a.txt", "b.txt", "d.txt")]
    engine = _AheadEngine()
    with Store.open(str(tmp_path / "ahead.db")) as store:
        report = ingest_paths(paths, store, batch_size=2, engine=engine)
    assert engine.prepared == [2, 1]  # d.txt was not yet stored when its chunk was prepared
    assert (report.added, report.already_stored) == (2, 1)


def _pinned_tasks(count: int, *, seed: int = 5) -> list[Task]:
    """Tasks as the ingest makes them from a generated stream (outlet lines pinned once learned)."""
    learner = Learner()
    tasks = []
    for number, record in enumerate(_generator().generate_articles(count, seed=seed, per_day=15)):
        article = read_record(record, origin=f"stream-{number}")
        learner.observe(article)
        tasks.append(learner.pin(article))
    return tasks


def _copies(tasks: list[Task]) -> list[Task]:
    """Fresh copies of `tasks` (the stages fill articles in place)."""
    return [Task(dataclasses.replace(task.article), task.boilerplate) for task in tasks]


def test_packed_results_unpack_to_what_process_tasks_returns() -> None:
    tasks = _pinned_tasks(12)
    expected = process_tasks(_copies(tasks), Settings())
    inputs = _copies(tasks)
    unpacked = unpack_results(inputs, process_packed_tasks(pack_tasks(inputs), Settings()))
    assert unpacked == expected
    assert all(result.raw_text == task.article.raw_text != "" for task, result in zip(tasks, unpacked, strict=True))


def test_process_packed_leaves_the_callers_articles_whole() -> None:
    """A threaded worker shares the task objects with the client: packing must not blank their raw text."""
    tasks = _pinned_tasks(3)
    raw = [task.article.raw_text for task in tasks]
    unpack_results(tasks, process_packed(tasks, Settings()))
    assert [task.article.raw_text for task in tasks] == raw


def test_packed_results_keep_skips_in_place(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents.engine import worker
    from newsevents.errors import ExtractError

    def fail_second(article: Article) -> Article:
        if article.origin == "b.txt":
            raise ExtractError(f"{article.origin}: stage 'events' failed: boom", code="X001")
        return dataclasses.replace(article, text=article.raw_text.upper())

    monkeypatch.setattr(worker, "worker_pipeline", lambda settings: _Calling(fail_second, PinnedBoilerplate()))
    tasks = [Task(read_text(f"Troops entered {town} on Friday.", origin=name))
             for name, town in (("a.txt", "Goma"), ("b.txt", "Beni"), ("c.txt", "Uvira"))]
    first, skipped, last = unpack_results(tasks, worker.process_packed(tasks, Settings()))
    assert isinstance(skipped, Skipped) and skipped.origin == "b.txt"
    assert (first.origin, first.text, first.raw_text) == ("a.txt", "TROOPS ENTERED GOMA ON FRIDAY.",
                                                         "Troops entered Goma on Friday.")
    assert last.origin == "c.txt" and last.raw_text == "Troops entered Uvira on Friday."


@pytest.mark.parametrize("enabled", [True, False])
def test_unpack_results_restores_the_collector_state(enabled: bool) -> None:
    tasks = [Task(read_text("Police dispersed protesters in Lagos on Tuesday.", origin="x.txt"))]
    packed = process_packed(_copies(tasks), Settings())
    was = gc.isenabled()
    try:
        (gc.enable if enabled else gc.disable)()
        unpack_results(tasks, packed)
        assert gc.isenabled() is enabled
    finally:
        (gc.enable if was else gc.disable)()


def test_engines_dask_worker_processes_return_serial_results_in_order() -> None:
    """Worker processes of their own (pickled transport, frozen lexicons) give what this process gives,
    chunk by chunk, in input order."""
    pytest.importorskip("distributed")
    tasks = _pinned_tasks(30, seed=8)
    expected = process_tasks(_copies(tasks), Settings())
    chunks = [Chunk(tasks=part) for part in partitions(_copies(tasks), parts=3)]
    with make_engine("dask", settings=Settings(), workers=2) as engine:
        mapped = list(engine.map_chunks(chunks))
    assert [chunk for chunk, _ in mapped] == chunks
    assert [result for _, results in mapped for result in results] == expected
