"""Settings shared by the pipeline, the CLI and the store."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_DB = "newsevents.db"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024
DEFAULT_TIME_BUDGET = 5.0


@dataclass(frozen=True)
class Settings:
    """What a run may vary. Defaults are what `newsevents` uses without options.

    `max_bytes` caps one input file; `spacy_model` names an installed trained spaCy pipeline whose
    NER is merged with the rule mentions (None: rules and gazetteers only); `embeddings` lets story
    clustering use sentence embeddings when the `embeddings` extra is installed (False: entities,
    words, events and dates alone; the loader logs why when it cannot load them).
    `article_time_budget` caps the seconds the pipeline may spend on one article: an article that
    takes longer (a pathological input, a regular expression backtracking) is reported and skipped,
    and the batch goes on. Typical articles take milliseconds, so the default only catches hangs;
    None or 0 disables the cap (see `newsevents.pipeline` for how it is enforced).
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    spacy_model: str | None = None
    embeddings: bool = False
    article_time_budget: float | None = DEFAULT_TIME_BUDGET

    def __post_init__(self) -> None:
        budget = self.article_time_budget
        if budget is not None and (budget != budget or budget < 0):  # NaN or negative
            from newsevents.errors import ConfigError

            raise ConfigError(
                f"article_time_budget must be a number of seconds >= 0 (0 disables it), got {budget!r}.",
                code="C050",
            )
