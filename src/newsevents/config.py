"""Settings shared by the pipeline, the CLI and the store."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_DB = "newsevents.db"
DEFAULT_MAX_BYTES = 5 * 1024 * 1024


@dataclass(frozen=True)
class Settings:
    """What a run may vary. Defaults are what `newsevents` uses without options.

    `max_bytes` caps one input file; `spacy_model` names an installed trained spaCy pipeline whose
    NER is merged with the rule mentions (None: rules and gazetteers only); `embeddings` lets story
    clustering use sentence embeddings when the `embeddings` extra is installed (False: entities,
    words, events and dates alone; the loader logs why when it cannot load them).
    """

    max_bytes: int = DEFAULT_MAX_BYTES
    spacy_model: str | None = None
    embeddings: bool = False
