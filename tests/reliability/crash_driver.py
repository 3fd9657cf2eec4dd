"""Run `newsevents ingest ARGS...` in this process, killing it with SIGKILL at a chosen point.

Used by test_crash.py as a subprocess. The kill point comes from NEWSEVENTS_TEST_CRASH_AT:

- ``resolve:N``  — while placing the N-th article of this run in a story (story resolution, in memory,
  after the batch's pipeline work and before anything of the batch is written);
- ``write:N``    — right after the N-th INSERT statement of this run (inside a batch's transaction);
- ``commit:N``   — at the commit of the N-th batch of this run, every row written but not committed
  (only batches with new articles count: a resumed run also writes empty ones for what is stored);
- unset          — no kill from inside (the test may still kill the process from outside).

The hooks wrap library internals from the outside (SQLAlchemy engine events, the story index), so the
library carries no test code. A hook that never fires makes the run finish normally, which the test
reports: a refactoring that bypasses the hooks cannot turn the crash test into a silent no-op.
"""

from __future__ import annotations

import os
import signal
import sys


def _die() -> None:
    sys.stdout.flush()
    os.kill(os.getpid(), signal.SIGKILL)


def _install(point: str) -> None:
    kind, _, count = point.partition(":")
    target = int(count)
    calls = {"n": 0, "writing": False}

    def tick() -> None:
        calls["n"] += 1
        if calls["n"] >= target:
            _die()

    if kind == "resolve":
        from newsevents.resolve.stories import StoryIndex

        original_add = StoryIndex.add

        def add(self, article, *args, **kwargs):  # type: ignore[no-untyped-def]
            tick()
            return original_add(self, article, *args, **kwargs)

        StoryIndex.add = add  # type: ignore[method-assign]
        return

    from sqlalchemy import event
    from sqlalchemy.engine import Engine

    from newsevents.store import Store

    original_write = Store.write_batch

    def write_batch(self, batch):  # type: ignore[no-untyped-def]
        calls["writing"] = bool(batch.articles)  # a resumed run also writes empty batches: not counted
        try:
            return original_write(self, batch)
        finally:
            calls["writing"] = False

    Store.write_batch = write_batch  # type: ignore[method-assign]
    if kind == "write":
        @event.listens_for(Engine, "after_cursor_execute")
        def after_execute(conn, cursor, statement, parameters, context, executemany):  # type: ignore[no-untyped-def]
            if calls["writing"] and statement.lstrip().upper().startswith("INSERT"):
                tick()
    elif kind == "commit":
        @event.listens_for(Engine, "commit")
        def before_commit(conn):  # type: ignore[no-untyped-def]
            if calls["writing"]:
                tick()
    else:
        raise SystemExit(f"unknown crash point {point!r}; use resolve:N, write:N or commit:N")


def main() -> None:
    point = os.environ.get("NEWSEVENTS_TEST_CRASH_AT")
    if point:
        _install(point)
    from newsevents.cli.main import app

    app(args=sys.argv[1:], prog_name="newsevents")


if __name__ == "__main__":
    main()
