"""Hostile input: every reader and every pipeline stage, fed what crawls and attackers produce, either
returns a result or raises newsevents' own error naming the input — never another exception, never a
hang, never the end of the batch.

The classes of input (hypothesis strategies, plus hand-made extremes): arbitrary Unicode, control and
format characters, enormous single lines, deeply nested or broken HTML, invalid UTF-8, empty and
binary files, gzip that does not decompress (corrupt, truncated, a bomb), JSON (Lines) with wrong
types, missing fields, lone surrogates, absurd nesting and numbers, and strings built to make our
regular expressions backtrack or our loops go quadratic (runs of capitalised words, digits and commas,
"killed killed …", header keywords followed by 100,000 blanks, "[[[[…" in Markdown).

Pipeline calls run under a per-article time budget (`Settings.article_time_budget`, here 2 s): an
article that needs longer is reported (ExtractError X002, naming it and the budget) and skipped.

Examples are derandomised so that CI is stable; set NEWSEVENTS_HYPOTHESIS_RANDOM=1 to explore new
ones. The number of inputs tried is printed at the end of the module.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import signal
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from newsevents.config import Settings
from newsevents.errors import ExtractError, InputError, NewsEventsError
from newsevents.ingest import (
    KNOWN_EXTENSIONS, iter_articles, read_html, read_json, read_jsonl, read_record, read_text,
)
from newsevents.ingest.files import decode_text, gunzip_if_compressed
from newsevents.model import Article, Skipped
from newsevents.pipeline import Pipeline

T = TypeVar("T")
BUDGET = 2.0
SLACK = 3.0  # seconds above the budget that an interrupted article may take to unwind (a full collection
# of the test process's heap, a C call the alarm must wait for); the slow cases below take far longer
READER_LIMIT = 10.0  # readers run before the budget applies; none may take this long on these inputs
TRIED: Counter[str] = Counter()

EXPLORE = os.environ.get("NEWSEVENTS_HYPOTHESIS_RANDOM") == "1"


def _settings(examples: int) -> settings:
    return settings(max_examples=examples, deadline=None, database=None, derandomize=not EXPLORE,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module", autouse=True)
def _report_count(request: pytest.FixtureRequest) -> Iterator[None]:
    yield
    line = f"hostile inputs tried: {sum(TRIED.values())} ({', '.join(f'{k} {v}' for k, v in sorted(TRIED.items()))})"
    capture = request.config.pluginmanager.get_plugin("capturemanager")
    if capture is not None:
        with capture.global_and_fixture_disabled():
            print("\n" + line)
    else:  # pragma: no cover - run without the capture plugin
        print(line)


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(Settings(article_time_budget=BUDGET))


# --------------------------------------------------------------------------------------------------
# Outcomes


def _reader(kind: str, call: Callable[[], T], origin: str) -> T | NewsEventsError:
    """Run a reader: a result, or a NewsEventsError whose message names `origin`; nothing else."""
    TRIED[kind] += 1
    started = time.monotonic()
    try:
        result = call()
    except NewsEventsError as error:
        assert origin in str(error), f"{kind}: the error does not name the input: {error}"
        result = error
    assert time.monotonic() - started < READER_LIMIT, f"{kind}: reading {origin} took too long"
    return result


def _items(kind: str, call: Callable[[], Any], origin: str) -> list[Article | Skipped]:
    """Run a reader that yields articles and skips: every skip has a reason and names the input."""
    found = _reader(kind, lambda: list(call()), origin)
    if isinstance(found, NewsEventsError):
        return []
    for item in found:
        assert isinstance(item, (Article, Skipped)), item
        if isinstance(item, Skipped):
            assert item.reason.strip() and origin in item.origin, item
    return found


def _process(kind: str, pipeline: Pipeline, article: Article) -> Article | ExtractError:
    """Run the pipeline: the article, or ExtractError naming it; within the budget; no stray alarm."""
    TRIED[kind] += 1
    started = time.monotonic()
    try:
        result: Article | ExtractError = pipeline(article)
    except ExtractError as error:
        assert article.origin in error.message, error
        assert error.code != "X001", f"a stage crashed on hostile input (a bug to fix): {error}"
        result = error
    elapsed = time.monotonic() - started
    assert elapsed < BUDGET + SLACK, f"{kind}: {elapsed:.1f} s despite the {BUDGET} s budget"
    assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0), "an alarm outlived the article"
    if isinstance(result, Article):
        _check_spans(result)
    return result


def _check_spans(article: Article) -> None:
    text = article.text
    for sentence in article.sentences:
        assert 0 <= sentence.start <= sentence.end <= len(text)
    for mention in article.mentions:
        assert text[mention.start:mention.end] == mention.text
    for expression in article.times:
        assert text[expression.start:expression.end] == expression.text


# --------------------------------------------------------------------------------------------------
# Strategies

WORDS = ("Soldiers", "attacked", "a", "base", "near", "Gao", "on", "Monday,", "killing", "at", "least",
         "12", "people.", "Al-Shabaab", "President", "said", "May", "5", "2022", "-", "NAIROBI,", "Kenya,",
         "U.S.", "Lt.", "Col.", "(AP)", "\n", "\n\n", "\"", "more", "than", "dozens", "between", "and")
CONTROL = st.characters(categories=("Cc", "Cf", "Zl", "Zp", "Zs", "Mn", "Co"))
unicode_text = st.text(max_size=3000)
control_text = st.lists(st.one_of(st.sampled_from(WORDS), st.text(CONTROL, min_size=1, max_size=5),
                                  st.just(" ")), max_size=300).map(" ".join)

TAGS = ("div", "p", "span", "article", "table", "tr", "td", "script", "style", "b", "a", "h1", "title",
        "noscript", "iframe", "svg", "template", "li", "ul", "body", "html", "head", "meta", "!--")


def _element(tag: str, children: list[str], close: bool, attrs: str) -> str:
    if tag == "!--":
        return "<!--" + "".join(children) + ("-->" if close else "")
    return f"<{tag}{attrs}>" + "".join(children) + (f"</{tag}>" if close else "")


html_text = st.recursive(
    st.one_of(st.sampled_from(WORDS), unicode_text.map(lambda s: s[:80]), st.sampled_from(
        ("&amp;", "&#0;", "&#x110000;", "&bogus;", "<![CDATA[", "]]>", "<", ">", "</", "<?xml ?>", "\x00"))),
    lambda children: st.builds(
        _element, st.sampled_from(TAGS), st.lists(children, max_size=6), st.booleans(),
        st.sampled_from(("", ' class="x"', " onload=alert(1)", ' href="javascript:x"', " a=\"unclosed", " =="))),
    max_leaves=60,
)

json_value = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=200),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)
FIELDS = ("text", "html", "id", "url", "title", "outlet", "published")
record_value = st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=6), json_value | st.sampled_from(
    ("Soldiers attacked a base near Gao on Monday, killing 12 people.", "2022-05-05", "", " ", "\ud800",
     "2022-13-45", "javascript:alert(1)", "<script>x</script>")), max_size=8)

# Units repeated into one enormous line: each aims at a regular expression or loop of ours.
REDOS_UNITS = ("Abc ", "ABC ", "a ", "1,", ",000", "9", ".", "U.S.", "Lt. Col. ", "killing ", "were killed ",
               "killing at least ", "more than ", "the Minister of the ", "May 5, ", "on Monday ",
               "two years ago ", "between 10 and ", "By Abc Def, ", "Photo by Abc ", "NAIROBI, ", '"', "(",
               "al-", "Al'", "A-", "Mr. ", "\t ", "\u200d", "Ää ", "in 2016 ", "death toll rose to ", "*a ",
               "[", "![", "[a](", "| date", " ", "#")
redos_text = st.builds(lambda unit, count, tail: unit * count + tail, st.sampled_from(REDOS_UNITS),
                       st.integers(1_000, 12_000), st.sampled_from(("", "x", "!", " -", "\n", ":")))


# --------------------------------------------------------------------------------------------------
# Readers


@_settings(120)
@given(text=st.one_of(unicode_text, control_text))
def test_text_readers_return_articles_or_name_the_input(text: str) -> None:
    for markdown in (False, True):
        _reader("text", lambda: read_text(text, origin="doc.txt", markdown=markdown), "doc.txt")
    _items("jsonl", lambda: read_jsonl(text, origin="doc.jsonl"), "doc.jsonl")
    _items("json", lambda: read_json(text, origin="doc.json"), "doc.json")
    _reader("bytes", lambda: decode_text(text.encode("utf-8", "surrogatepass"), origin="doc.bin"), "doc.bin")


@_settings(60)
@given(html=html_text)
def test_html_reader_returns_an_article_or_names_the_page(html: str) -> None:
    _reader("html", lambda: read_html(html, origin="page.html"), "page.html")


@pytest.mark.parametrize("depth", [200, 5_000, 50_000])
@pytest.mark.parametrize("close", [True, False])
def test_html_reader_survives_deep_nesting(depth: int, close: bool) -> None:
    body = "Soldiers attacked a base near Gao on Monday, killing twelve people, the army said on Tuesday."
    html = "<div><p>" * depth + body + ("</p></div>" * depth if close else "")
    _reader("html-deep", lambda: read_html(html, origin="deep.html"), "deep.html")


@_settings(150)
@given(record=st.one_of(record_value, json_value))
def test_json_records_with_wrong_types_are_skipped_with_a_reason(record: Any) -> None:
    _reader("record", lambda: read_record(record, origin="api:POST#1"), "api:POST#1")
    line = json.dumps(record)
    items = _items("jsonl-record", lambda: read_jsonl(line + "\n" + line[: len(line) // 2], origin="r.jsonl"), "r.jsonl")
    assert len(items) == 2, "one outcome per non-blank line"


@pytest.mark.parametrize("document", [
    "[" * 100_000 + "]" * 100_000,
    '{"text": ' + "[" * 50_000 + "]" * 50_000 + "}",
    '{"text": "Rebels shelled Goma.", "id": ' + "7" * 5_000 + "}",
    '{"text": "Rebels shelled Goma.", "published": "' + "9" * 100_000 + '"}',
    '{"text": "\\ud800\\udc00 paired is fine, \\udc00 alone is not"}',
    '{"text": "Rebels shelled Goma.", "id": "\\udfff"}',
    '{"text": 1e999, "title": NaN}',
    '{"text": "a"' + ', "x": 1' * 50_000 + "}",
])
def test_json_extremes_are_skipped_with_a_reason(document: str) -> None:
    for reader, origin in ((read_jsonl, "x.jsonl"), (read_json, "x.json")):
        items = _items("json-extreme", lambda: reader(document, origin=origin), origin)
        assert items, "an outcome is reported"


# --------------------------------------------------------------------------------------------------
# Files: bytes on disk through `iter_articles` (every extension the readers know, gzip or not)


def _files(directory: Path, name: str, data: bytes) -> list[Path]:
    paths = []
    for extension in KNOWN_EXTENSIONS:
        for suffix in ("", ".gz"):
            path = directory / f"{name}{extension}{suffix}"
            path.write_bytes(data)
            paths.append(path)
    return paths


def _read_files(kind: str, paths: list[Path], *, max_bytes: int = 1 << 20) -> list[Article | Skipped]:
    found: list[Article | Skipped] = []
    for path in paths:
        found += _items(kind, lambda: iter_articles([str(path)], max_bytes=max_bytes), str(path))
    return found


BINARY_SEEDS = (
    b"", b"\x00", b"\x00" * 4096, b"\xff\xfe" + "Nairobi".encode("utf-16-le"), b"\xef\xbb\xbf",
    b"\x1f\x8b", b"\x1f\x8b\x08\x00" + b"\xff" * 64, gzip.compress(b"Soldiers attacked Gao.")[:-9],
    gzip.compress(b"\x00\x01\x02" * 100), b"Soldiers attacked Gao \xc3\x28 on Monday.", b"\xed\xa0\x80 surrogate",
    b"\xf4\x90\x80\x80", b"\xc0\xaf", bytes(range(256)) * 8, b"PK\x03\x04" + b"\x00" * 100, b"%PDF-1.4\n%\xe2\xe3",
    b"WARC/1.0\r\nWARC-Type: response\r\nContent-Length: 99999999\r\n\r\n<html>", b"<?xml version='1.0'?><rss><channel><item>",
)


@_settings(40)
@given(data=st.one_of(st.binary(max_size=3000), st.sampled_from(BINARY_SEEDS),
                      st.tuples(unicode_text, st.binary(min_size=1, max_size=8), st.integers(0, 3000)).map(
                          lambda t: t[0].encode()[: t[2]] + t[1] + t[0].encode()[t[2]:])))
def test_binary_invalid_and_compressed_files_are_skipped_not_raised(tmp_path_factory: pytest.TempPathFactory,
                                                                     data: bytes) -> None:
    directory = tmp_path_factory.mktemp("bin")
    _read_files("file", _files(directory, "f", data))


def test_gzip_bomb_and_truncated_gzip_are_skipped(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.txt.gz"
    bomb.write_bytes(gzip.compress(b"Rebels shelled Goma. " * 200_000))  # 4 MB inflated, 12 KB on disk
    truncated = tmp_path / "cut.jsonl.gz"
    whole = gzip.compress("".join(f'{{"text": "Rebels shelled Goma on Sunday, {n} said."}}\n' for n in range(500)).encode())
    truncated.write_bytes(whole[: len(whole) // 2])
    found = _read_files("gzip", [bomb, truncated], max_bytes=1 << 20)
    reasons = " | ".join(item.reason for item in found if isinstance(item, Skipped))
    assert "decompresses to more than" in reasons and "gzip" in reasons
    assert gunzip_if_compressed(b"plain", max_bytes=10, origin="x") == b"plain"
    with pytest.raises(InputError, match="corrupt gzip"):
        gunzip_if_compressed(b"\x1f\x8b\x08\x00garbage", max_bytes=100, origin="x")


def test_empty_and_whitespace_files_are_skipped(tmp_path: Path) -> None:
    for name, data in (("empty", b""), ("blank", b" \n\t\r\n" * 100), ("bom", b"\xef\xbb\xbf")):
        found = _read_files("empty", _files(tmp_path, name, data))
        assert found and all(isinstance(item, Skipped) for item in found), found


# --------------------------------------------------------------------------------------------------
# The pipeline: every stage, under the time budget


@_settings(80)
@given(text=st.one_of(unicode_text, control_text))
def test_pipeline_returns_an_article_or_names_it(pipeline: Pipeline, text: str) -> None:
    if not text.strip():
        return
    for published in (None, "2022-05-05"):
        article = read_text(text, origin="fuzz.txt")
        article.published = article.published or published
        _process("pipeline", pipeline, article)


@_settings(40)
@given(text=redos_text)
def test_pipeline_on_backtracking_bait_finishes_within_the_budget(pipeline: Pipeline, text: str) -> None:
    _process("redos", pipeline, read_text(text, origin="bait.txt"))
    _reader("redos-md", lambda: read_text(text, origin="bait.md", markdown=True), "bait.md")


@pytest.mark.parametrize("text", [
    "x" * 2_000_000,  # one 2 MB word
    "Soldiers attacked Gao. " * 100_000,  # 2.3 MB of sentences, each alone harmless: ~11 s unbudgeted
    ("Abc " * 50_000).strip(),  # 200 KB of capitalised words, no punctuation
    " date" + " " * 200_000 + "2022-05-05",  # header keyword, then a sea of blanks
    "| url" + " " * 200_000,
    "# " + " \t" * 100_000,
    "were killed " * 30_000,  # quadratic in events.py's trigger merging at this size: the budget cuts it
])
def test_pipeline_on_enormous_lines_answers_within_the_budget(pipeline: Pipeline, text: str) -> None:
    article = _reader("huge", lambda: read_text(text, origin="huge.txt"), "huge.txt")
    if isinstance(article, Article):
        _process("huge", pipeline, article)


# --------------------------------------------------------------------------------------------------
# The budget itself

CATASTROPHIC = re.compile(r"(a+)+$")


def _slow_stage(seconds: float | None = None) -> Callable[[Article], Article]:
    """A stage that backtracks catastrophically (or sleeps) on articles containing "SLOW"."""
    def stage(article: Article) -> Article:
        if "SLOW" in article.text:
            if seconds is None:
                CATASTROPHIC.match("a" * 40 + "b")  # ~forever in C code
            else:
                time.sleep(seconds)
        return article
    return stage


def test_budget_interrupts_a_catastrophic_regex_and_restores_the_alarm() -> None:
    previous = signal.signal(signal.SIGALRM, signal.SIG_IGN)
    try:
        slow = Pipeline(Settings(article_time_budget=0.3))
        slow.stages.insert(2, ("backtrack", _slow_stage()))
        started = time.monotonic()
        with pytest.raises(ExtractError) as caught:
            slow(read_text("NAIROBI - SLOW reports of an attack.", origin="slow.txt"))
        assert time.monotonic() - started < 0.3 + SLACK
        assert caught.value.code == "X002"
        assert "slow.txt" in caught.value.message and "0.3 s" in caught.value.message
        assert "'backtrack'" in caught.value.message
        assert signal.getitimer(signal.ITIMER_REAL) == (0.0, 0.0)
        assert signal.getsignal(signal.SIGALRM) is signal.SIG_IGN, "the caller's handler is restored"
        article = slow(read_text("Soldiers attacked Gao on Monday.", origin="fast.txt"))
        assert article.sentences, "the next article runs normally"
    finally:
        signal.signal(signal.SIGALRM, previous)


def test_budget_outside_the_main_thread_is_checked_between_stages() -> None:
    slow = Pipeline(Settings(article_time_budget=0.1))
    slow.stages.insert(1, ("nap", _slow_stage(0.3)))
    outcome: list[BaseException | Article] = []

    def work() -> None:
        try:
            outcome.append(slow(read_text("SLOW news from Gao.", origin="thread.txt")))
        except BaseException as error:  # noqa: BLE001 - handed to the main thread
            outcome.append(error)

    thread = threading.Thread(target=work)
    thread.start()
    thread.join(10)
    (error,) = outcome
    assert isinstance(error, ExtractError) and error.code == "X002" and "'nap'" in error.message


def test_budget_leaves_a_foreign_timer_alone() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 5.0)
        Pipeline(Settings(article_time_budget=1.0))(read_text("Soldiers attacked Gao.", origin="t.txt"))
        remaining, _ = signal.getitimer(signal.ITIMER_REAL)
        assert 0 < remaining <= 5.0, "the caller's timer is still armed"
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert not fired


def test_budget_zero_disables_it_and_negative_is_refused() -> None:
    from newsevents.errors import ConfigError

    article = Pipeline(Settings(article_time_budget=0))(read_text("Soldiers attacked Gao.", origin="t.txt"))
    assert article.sentences
    with pytest.raises(ConfigError, match="article_time_budget"):
        Settings(article_time_budget=-1)


# --------------------------------------------------------------------------------------------------
# A batch: hostile files mixed with good ones; the good ones are all stored


GOOD = [
    ("good1.txt", "| date 2024-03-04\nBeni, DR Congo, March 4 - Rebels attacked an army position outside Beni on "
                  "Sunday, killing at least nine soldiers, the army said."),
    ("good2.txt", "| date 2023-07-10\nMOGADISHU, Somalia - Al-Shabaab fighters stormed a hotel in Mogadishu on "
                  "Saturday, killing 12 people, police said."),
    ("good3.jsonl", json.dumps({"id": "good-json", "published": "2022-05-05", "text":
                                "Kenyan and Somali officials met in Nairobi on Wednesday to discuss border security."})),
    ("good4.html", "<html><head><title>Protest in Dakar</title></head><body><article><p>Thousands of people marched "
                   "in Dakar on Friday to protest against rising fuel prices, organisers said. Police used tear "
                   "gas to disperse the crowd near the parliament.</p></article></body></html>"),
]


def test_batch_with_hostile_files_stores_every_good_article(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from newsevents import registry
    from newsevents.jobs import ingest_paths
    from newsevents.store import Store

    original = registry.STAGES["events"]
    monkeypatch.setitem(registry.STAGES, "events", registry.StageSpec(
        "events", lambda context: (lambda article, inner=original.factory(context): inner(_slow_stage()(article))),
        original.requires, original.assigns))
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for name, text in GOOD:
        (inputs / name).write_text(text, encoding="utf-8")
    hostile = {
        "empty.txt": b"", "nul.txt": b"\x00\x01\x02", "latin1.txt": "Bogotá, Colombia".encode("latin-1"),
        "bad.txt.gz": b"\x1f\x8b\x08\x00garbage", "bomb.txt.gz": gzip.compress(b"a " * 3_000_000),
        "deep.html": ("<div>" * 20_000 + "Rebels attacked Goma." + "</div>" * 20_000).encode(),
        "records.jsonl": b'{"text": 5}\n[1,2]\n{"id": "x"}\n{not json\n' + b"[" * 10_000 + b"\n"
                         + b'{"text": "\\ud800"}\n{"text": "Rebels attacked Goma.", "published": "soon"}\n',
        "huge.txt": ("| url" + " " * 300_000).encode(),
        "slow.txt": b"| date 2024-01-02\nSoldiers attacked a village near Gao on Monday (SLOW), killing five.",
        "utf16.txt": "Nairobi".encode("utf-16"), "feed.rss": b"<?xml version='1.0'?><rss><channel><item><title>",
        "notes.xml": b"<root/>", "broken.warc": b"WARC/1.0\r\nContent-Length: 12\r\n\r\nshort",
    }
    for name, data in hostile.items():
        (inputs / name).write_bytes(data)
    with Store.open(str(tmp_path / "batch.db")) as store:
        started = time.monotonic()
        report = ingest_paths([str(inputs)], store, settings=Settings(article_time_budget=0.5, max_bytes=1 << 20),
                              batch_size=4)
        elapsed = time.monotonic() - started
        stored = {article_id for article_id in (a.article_id for a in (store.article(i) for i in _ids(store)) if a)}
        origins = {Path(store.article(i).origin.split(":")[0]).name for i in stored}  # type: ignore[union-attr]
    TRIED["batch"] += len(hostile) + len(GOOD)
    assert {name for name, _ in GOOD} <= origins, f"a good article was lost: {origins}"
    assert "good-json" in stored
    reasons = {Path(item.origin.split(":")[0]).name: item.reason for item in report.skipped}
    assert {"empty.txt", "nul.txt", "latin1.txt", "bad.txt.gz", "bomb.txt.gz", "slow.txt", "utf16.txt"} <= set(reasons)
    assert "time budget of 0.5 s" in reasons["slow.txt"] and "slow.txt" in reasons["slow.txt"]
    assert all(reason.strip() for reason in reasons.values())
    assert elapsed < 60


def _ids(store: Any) -> list[str]:
    from sqlalchemy import select

    from newsevents.store import schema

    with store.engine.connect() as connection:
        return [row[0] for row in connection.execute(select(schema.articles.c.article_id))]
