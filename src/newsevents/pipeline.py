"""Build the pipeline and run articles through it.

A stage is a function `Article -> Article` registered in `newsevents.registry`; the pipeline is an
ordered list of them. `Pipeline.run` streams: it learns each outlet's repeated lines as articles pass
(so memory stays flat), while `Pipeline.run_batch` first reads the whole batch, which lets the cleaner
drop an outlet's boilerplate from the first article too.

Every article runs under a time budget (`Settings.article_time_budget`, seconds). An article that
exceeds it raises `ExtractError` (X002) naming its origin, the stage and the budget; the jobs turn that
into a `Skipped` and the batch goes on. How the budget is enforced, and why:

- In the main thread (the CLI, a script), a POSIX interval timer (`signal.setitimer`, SIGALRM) raises
  inside the running stage. CPython checks for signals while the `re` engine backtracks and between
  bytecodes, so even a catastrophic regular expression or a runaway loop is cut off at the budget.
  The timer measures wall time: what a user waiting on a batch experiences. The previous SIGALRM
  handler is restored and the timer disarmed after every article, whatever happens; if the caller
  already has a timer armed, it is left alone and the cooperative check below is used instead.
- In any other thread (the HTTP server's worker pool, a Dask thread), signals cannot be used: CPython
  runs handlers only in the main thread, and no thread can interrupt another one inside C code
  (a regular expression match). There the budget is checked between stages: a slow article is still
  reported and skipped, but a single stage that never returns cannot be cut short. Posted batches
  are small (at most 100 records, 5 MB) and ingest of files runs in the main thread.
- Stages load their lexicons and gazetteers lazily on first use (about a second). So that this one-off
  cost is never charged to the first article — and never interrupted halfway — the first budgeted
  call warms the stages up on a short built-in text, without a budget.
"""

from __future__ import annotations

import logging
import signal
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from types import FrameType
from typing import TYPE_CHECKING

from newsevents.config import Settings
from newsevents.errors import ExtractError, NewsEventsError
from newsevents.model import Article
from newsevents.registry import DEFAULT_STAGES, StageContext, resolve_stages

if TYPE_CHECKING:
    from newsevents.clean import OutletBoilerplate

logger = logging.getLogger(__name__)

_WARM_UP_TEXT = (
    "| date 2024-03-05\nNAIROBI, Kenya, March 5 - Kenyan troops attacked al-Shabaab fighters near Mandera "
    "on Monday, killing at least 12 militants, the army said. President William Ruto met the African "
    "Union envoy in Nairobi two days ago. In 2016, a similar attack killed 40 soldiers."
)


class _OverBudget(BaseException):
    """Raised inside a stage when the article's time budget runs out; never leaves the pipeline.

    A BaseException, like KeyboardInterrupt, so that a stage's own `except Exception` cannot swallow it.
    """


class Pipeline:
    """The named stages of `newsevents.registry`, built once and applied to many articles."""

    def __init__(self, settings: Settings | None = None, *, stages: Sequence[str] = DEFAULT_STAGES,
                 boilerplate: OutletBoilerplate | None = None) -> None:
        """`boilerplate` replaces the pipeline's own outlet-boilerplate learner (an engine's worker
        passes one whose answers the client fixed, so parallel workers clean as a serial run does)."""
        from newsevents.clean import OutletBoilerplate

        self.settings = settings or Settings()
        self.boilerplate = boilerplate if boilerplate is not None else OutletBoilerplate()
        context = StageContext(self.settings, self.boilerplate)
        self.specs = resolve_stages(list(stages))
        self.stages = [(spec.name, spec.factory(context)) for spec in self.specs]

    @property
    def stage_names(self) -> list[str]:
        return [name for name, _ in self.stages]

    def __call__(self, article: Article) -> Article:
        """Run every stage on one article within the time budget.

        A stage failure becomes an `ExtractError` (X001) naming the article and the stage; running over
        the budget an `ExtractError` (X002) naming the article, the stage and the budget.
        """
        budget = self.settings.article_time_budget
        if not budget:
            return self._run_stages(article, deadline=None)
        self._warm_up()
        stage_box: list[str] = [self.stages[0][0] if self.stages else "?"]
        alarm = _Alarm(budget)
        try:
            with alarm as deadline:
                return self._run_stages(article, deadline=deadline, stage_box=stage_box)
        except _OverBudget as error:
            raise ExtractError(
                f"{article.origin}: exceeded the time budget of {budget:g} s per article in stage "
                f"{stage_box[0]!r}; skipped (raise the budget with --time-budget)", code="X002",
            ) from error
        finally:
            alarm.release()  # also when the alarm fired inside `__exit__`, before it could release

    def _run_stages(self, article: Article, *, deadline: float | None,
                    stage_box: list[str] | None = None) -> Article:
        for name, stage in self.stages:
            if stage_box is not None:
                stage_box[0] = name
            try:
                article = stage(article)
            except (NewsEventsError, _OverBudget):
                raise
            except Exception as error:  # a bug or a pathological input: report, never lose the batch
                raise ExtractError(
                    f"{article.origin}: stage {name!r} failed: {type(error).__name__}: {error}", code="X001"
                ) from error
            if deadline is not None and time.monotonic() > deadline:
                raise _OverBudget()
        return article

    def _warm_up(self) -> None:
        """Run the stages once, unbudgeted, on a short text so that their lazy loading is done."""
        if getattr(self, "_warm", False):
            return
        self._warm = True
        from newsevents.ingest import read_text

        try:
            self._run_stages(read_text(_WARM_UP_TEXT, origin="<warm-up>"), deadline=None)
        except NewsEventsError as error:  # a broken stage shows on the first real article instead
            logger.debug("warm-up failed: %s", error)

    def run(self, articles: Iterable[Article]) -> Iterator[Article]:
        """Stream articles through the stages, learning outlet boilerplate as they pass."""
        for article in articles:
            self.boilerplate.observe(article)
            yield self(article)

    def run_batch(self, articles: Sequence[Article]) -> list[Article]:
        """Process a batch that fits in memory, learning outlet boilerplate from all of it first."""
        for article in articles:
            self.boilerplate.observe(article)
        return [self(article) for article in articles]


class _Alarm:
    """Raise `_OverBudget` in the main thread once `seconds` have passed; `deadline` for the rest.

    Uses a one-shot SIGALRM timer in the main thread when no other interval timer is armed; otherwise
    only sets `deadline`, which `_run_stages` checks between stages. The handler disables itself when
    it fires, so it raises at most once, and `release` (idempotent; called on exit and again by the
    caller) disarms the timer and restores the previous handler: no alarm outlives the article.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.deadline = time.monotonic() + seconds
        self.active = False
        self.armed = False
        self.previous: Callable[[int, FrameType | None], object] | int | None = None

    def __enter__(self) -> float:
        if _can_use_alarm():
            self.previous = signal.signal(signal.SIGALRM, self._fire)
            self.armed = self.active = True
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self.deadline

    def __exit__(self, *exc: object) -> None:
        self.release()

    def _fire(self, signum: int, frame: FrameType | None) -> None:
        if self.active:
            self.active = False
            raise _OverBudget()

    def release(self) -> None:
        self.active = False  # first: a signal already on its way now finds a handler that does nothing
        if self.armed:
            self.armed = False
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self.previous if self.previous is not None else signal.SIG_DFL)


def _can_use_alarm() -> bool:
    if not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        return False
    remaining, _interval = signal.getitimer(signal.ITIMER_REAL)
    return remaining == 0  # someone else's timer (signal.alarm, pytest-timeout) is never clobbered
