"""`newsevents export`: open the store, run the export with a progress bar on stderr, summarise."""

from __future__ import annotations

from rich.console import Console

from newsevents.store import EventQuery, Store


def run_export(db: str, query: EventQuery, *, format: str, out_path: str, header: bool | None,
               console: Console) -> None:
    """Export `query`'s events from `db`; the summary (and what was left out, and why) goes to `console`."""
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    from newsevents.export import export_events

    with Store.open(db, create=False) as store:
        total = store.count_events(query)
        if query.limit is not None:
            total = min(total, query.limit)
        bar = Progress(SpinnerColumn(), TextColumn(f"exporting {format}"), BarColumn(), MofNCompleteColumn(),
                       TimeElapsedColumn(), console=console, transient=True, disable=not console.is_terminal)
        with bar:
            task = bar.add_task("export", total=total)
            report = export_events(store, query, format=format, out=out_path, header=header,
                                   progress=lambda count: bar.advance(task, count))
    target = "standard output" if out_path == "-" else out_path
    console.print(f"wrote {report.written} of {total} events to {target} ({format})", highlight=False)
    for reason, count in sorted(report.left_out.items(), key=lambda item: -item[1]):
        console.print(f"  left out {count}: {reason}", highlight=False)
