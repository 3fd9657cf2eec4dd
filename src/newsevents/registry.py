"""The one place pipeline stages are registered.

Registration lives here, not in decorators scattered over the stage modules, so that importing a stage
never has the side effect of registering it (spaCy's lesson: import-time registration breeds circular
imports). Each stage states the `Article` fields it requires and assigns, so a pipeline built in the
wrong order fails when it is built, not halfway through a corpus.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from newsevents.config import Settings
from newsevents.errors import ConfigError
from newsevents.model import Article

StageFunction = Callable[[Article], Article]


@dataclass(frozen=True)
class StageContext:
    """What a stage factory may draw on besides the settings (shared, per-run state)."""

    settings: Settings
    boilerplate: object | None = None  # newsevents.clean.OutletBoilerplate


@dataclass(frozen=True)
class StageSpec:
    name: str
    factory: Callable[[StageContext], StageFunction]
    requires: tuple[str, ...]
    assigns: tuple[str, ...]


def _clean(context: StageContext) -> StageFunction:
    from newsevents.clean import clean

    return lambda article: clean(article, boilerplate=context.boilerplate)  # type: ignore[arg-type]


def _sentences(context: StageContext) -> StageFunction:
    from newsevents.extract.sentences import split_sentences

    return split_sentences


def _mentions(context: StageContext) -> StageFunction:
    """Rules and gazetteers by default; spaCy is loaded only when a trained pipeline is named, since
    the rule path does not run a blank one (its tokenizer alone would cost more than the stage)."""
    from newsevents.extract.mentions import tag_mentions

    if context.settings.spacy_model is None:
        return tag_mentions
    from newsevents.extract.nlp import get_nlp

    nlp = get_nlp(context.settings.spacy_model)
    return lambda article: tag_mentions(article, nlp=nlp)


def _times(context: StageContext) -> StageFunction:
    from newsevents.extract.time import tag_times

    return tag_times


def _events(context: StageContext) -> StageFunction:
    from newsevents.extract.events import extract_events

    return extract_events


STAGES: dict[str, StageSpec] = {
    spec.name: spec
    for spec in (
        StageSpec("clean", _clean, ("raw_text",), ("text", "dateline", "published", "removed")),
        StageSpec("sentences", _sentences, ("text",), ("sentences",)),
        StageSpec("mentions", _mentions, ("text", "sentences"), ("mentions",)),
        StageSpec("times", _times, ("text", "sentences", "published", "dateline"), ("times",)),
        StageSpec("events", _events, ("sentences", "mentions", "times"), ("events",)),
    )
}

DEFAULT_STAGES: tuple[str, ...] = ("clean", "sentences", "mentions", "times", "events")


def resolve_stages(names: tuple[str, ...] | list[str]) -> list[StageSpec]:
    """Return the specs for `names`, checking that every stage's inputs are assigned before it."""
    specs: list[StageSpec] = []
    available = {"raw_text", "published", "dateline"}
    for name in names:
        if name not in STAGES:
            raise ConfigError(
                f"No pipeline stage named {name!r}. Available stages: {', '.join(STAGES)}.", code="C001"
            )
        spec = STAGES[name]
        missing = [field for field in spec.requires if field not in available]
        if missing:
            raise ConfigError(
                f"Stage {name!r} needs {', '.join(missing)}, which no earlier stage assigns. "
                f"Put it after the stage that does (default order: {', '.join(DEFAULT_STAGES)}).",
                code="C002",
            )
        available.update(spec.assigns)
        specs.append(spec)
    return specs
