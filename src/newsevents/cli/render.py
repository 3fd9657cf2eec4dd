"""Rendering of events and articles for the terminal: tables, JSON Lines, CSV, and event detail."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Sequence
from typing import IO

from rich.console import Console
from rich.table import Table
from rich.text import Text

from newsevents.model import Article, Event

CSV_COLUMNS = (
    "event_id", "story_id", "type", "mode", "cameo", "date", "date_precision", "background", "auxiliary",
    "source_actors", "target_actors", "participants", "location", "country", "lat", "lon",
    "fatalities_min", "fatalities_max", "fatalities_phrase", "num_sources", "outlets", "summary",
    "date_basis",
)


def write_jsonl(records: Iterable[dict], stream: IO[str]) -> None:
    for record in records:
        stream.write(json.dumps(record, ensure_ascii=False) + "\n")


def write_csv(events: Sequence[Event], stream: IO[str]) -> None:
    writer = csv.DictWriter(stream, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    for event in events:
        writer.writerow(csv_row(event))


def csv_row(event: Event) -> dict[str, object]:
    def names(role: str) -> str:
        return "; ".join(actor.name for actor in event.actors if actor.role == role)

    location, fatalities = event.location, event.fatalities
    return {
        "event_id": event.event_id, "story_id": event.story_id, "type": event.type, "mode": event.mode,
        "cameo": event.cameo, "date": event.date, "date_precision": event.date_precision,
        "background": event.background, "auxiliary": ";".join(event.auxiliary),
        "source_actors": names("source"), "target_actors": names("target"),
        "participants": names("participant"),
        "location": location.name if location else None, "country": location.country if location else None,
        "lat": location.lat if location else None, "lon": location.lon if location else None,
        "fatalities_min": fatalities.min if fatalities else None,
        "fatalities_max": fatalities.max if fatalities else None,
        "fatalities_phrase": fatalities.phrase if fatalities else None,
        "num_sources": len({source.article_id for source in event.sources}),
        "outlets": "; ".join(sorted({s.outlet for s in event.sources if s.outlet})),
        "summary": event.summary, "date_basis": event.date_basis,
    }


def events_table(events: Sequence[Event], *, title: str | None = None) -> Table:
    table = Table(title=title, show_lines=False, header_style="bold", expand=False)
    for column, style, no_wrap in (
        ("date", "cyan", True), ("type", "magenta", False), ("actors", "", False), ("place", "green", False),
        ("killed", "red", True), ("src", "", True), ("summary", "", False), ("id", "dim", True),
    ):
        table.add_column(column, style=style, overflow="fold", no_wrap=no_wrap)
    for event in events:
        table.add_row(
            _date_cell(event), _type_cell(event), _actors_cell(event),
            _place_cell(event), fatalities_text(event), str(len({s.article_id for s in event.sources})),
            event.summary[:90], event.event_id,
        )
    return table


def fatalities_text(event: Event) -> str:
    f = event.fatalities
    if f is None:
        return ""
    if f.min is not None and f.max == f.min:
        return str(f.min)
    if f.min is not None and f.max is not None:
        return f"{f.min}–{f.max}"
    if f.min is not None:
        return f"≥{f.min}"
    return f"≤{f.max}" if f.max is not None else ""


def _date_cell(event: Event) -> Text:
    text = Text(event.date or "?")
    if event.background:
        text.append(" hist", style="dim italic")
    return text


def _type_cell(event: Event) -> str:
    label = event.type + (f"/{event.mode}" if event.mode else "")
    unrealised = [mode for mode in event.auxiliary if mode in {"negation", "hypothetical", "future"}]
    return label + (f" ({', '.join(unrealised)})" if unrealised else "")


def _actors_cell(event: Event) -> str:
    marks = {"source": "", "target": "→ ", "participant": "+ "}
    return "\n".join(f"{marks[a.role]}{a.name}" for a in event.actors[:5])


def _place_cell(event: Event) -> str:
    if event.location is None:
        return ""
    country = f" ({event.location.country})" if event.location.country else ""
    return event.location.name + country


def print_event_detail(event: Event, console: Console) -> None:
    """Every field of an event, then each evidence sentence with its article and offsets."""
    console.print(f"[bold]{event.event_id}[/bold]  {_type_cell(event)}  cameo {event.cameo or '-'}")
    console.print(f"summary     {event.summary}", markup=False)
    console.print(f"date        {event.date or 'unknown'} ({event.date_precision}) — {event.date_basis}", markup=False)
    console.print(f"background  {event.background}   auxiliary {', '.join(event.auxiliary) or '-'}")
    for actor in event.actors:
        extra = ", ".join(x for x in (actor.kind, actor.country, actor.title) if x)
        console.print(f"actor       {actor.role:<11} {actor.name} ({extra})", markup=False)
    if event.location:
        loc = event.location
        coords = f" {loc.lat:.3f},{loc.lon:.3f}" if loc.lat is not None and loc.lon is not None else ""
        console.print(f"location    {loc.name} {loc.country or ''} [{loc.precision}]{coords}", markup=False)
    if event.fatalities:
        console.print(f"fatalities  {fatalities_text(event)} — \"{event.fatalities.phrase}\"", markup=False)
    for conflict in event.conflicts:
        console.print(f"conflict    {json.dumps(conflict, ensure_ascii=False)}", markup=False)
    console.print(f"\n[bold]evidence[/bold] ({len(event.sources)})")
    for source in event.sources:
        console.print(
            f"- {source.outlet or source.origin} {source.published or 'undated'} "
            f"[{source.article_id} {source.char_start}–{source.char_end}]"
            f"{' background' if source.background else ''}", markup=False,
        )
        console.print(Text("  " + source.sentence, style="italic"))


def articles_jsonl(articles: Iterable[Article], stream: IO[str]) -> None:
    write_jsonl((article.to_record() for article in articles), stream)


def stories_table(stories, event_counts: dict[str, int]) -> Table:  # type: ignore[no-untyped-def]
    table = Table(title=f"{len(stories)} stories", header_style="bold")
    for column, style, no_wrap in (("dates", "cyan", True), ("title", "", False), ("articles", "", True),
                                   ("outlets", "green", False), ("events", "", True), ("id", "dim", True)):
        table.add_column(column, style=style, no_wrap=no_wrap, overflow="fold")
    for story in stories:
        dates = story.first_date or "undated"
        if story.last_date and story.last_date != story.first_date:
            dates += f" → {story.last_date}"
        table.add_row(dates, story.title[:100], str(len(story.article_ids)), ", ".join(story.outlets[:4]),
                      str(event_counts.get(story.story_id, 0)), story.story_id)
    return table


def print_story_view(view: dict, console: Console) -> None:
    """The story view: header, timeline (news, then background), summary, coverage, conflicts."""
    console.print(f"[bold]{view['title']}[/bold]", highlight=False)
    console.print(f"{view['story_id']}  {view['first_date'] or 'undated'} → {view['last_date'] or 'undated'}  "
                  f"outlets: {', '.join(view['outlets']) or '-'}", markup=False)
    for label, key in (("News of the day", "news"), ("Background", "background")):
        rows = view["timeline"][key]
        console.print(f"\n[bold]{label}[/bold] ({len(rows)})")
        for row in rows:
            console.print(f"  {row.get('date') or '?':<12} {row['type']:<9} {row.get('summary', '')[:110]}  "
                          f"[{row['event_id']}]", markup=False, highlight=False)
    console.print("\n[bold]Summary[/bold] (central sentences across sources)")
    for item in view["summary"]:
        console.print(f"  • {item['text']} ({item.get('outlet') or item['article_id']})", markup=False)
    console.print("\n[bold]Coverage[/bold] (what only this source reports)")
    for source in view["coverage"]["articles"]:
        console.print(f"  {source.get('outlet') or source['article_id']}"
                      f"{' (copy of ' + source['duplicate_of'] + ')' if source.get('duplicate_of') else ''}:",
                      markup=False)
        for event in source["events"]:
            console.print(f"    event   {event.get('date') or '?':<11} {event['type']:<9} {event['summary'][:90]}",
                          markup=False, highlight=False)
        for key in ("actors", "places", "fatalities"):
            if source.get(key):
                console.print(f"    {key:<7} {', '.join(map(str, source[key]))}", markup=False, highlight=False)
    if view["coverage"].get("conflicts"):
        console.print("\n[bold]Conflicts[/bold]")
        for conflict in view["coverage"]["conflicts"]:
            console.print(f"  {json.dumps(conflict, ensure_ascii=False)}", markup=False, highlight=False)
