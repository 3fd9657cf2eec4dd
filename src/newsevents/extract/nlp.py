"""The spaCy pipeline the mention stage may use, loaded once per name.

By default newsevents needs no trained model: `get_nlp()` returns a blank English pipeline, which
the mention tagger recognises and does not even run (its rules are faster than spaCy's tokenizer).
A user who has a trained pipeline installed (``python -m spacy download en_core_web_sm``) names it
in `Settings.spacy_model`; its named entities are then merged with the rule mentions.

spaCy is imported on first call, not at import time: it costs about a second to import.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

from newsevents.errors import ConfigError

if TYPE_CHECKING:
    import spacy

__all__ = ["get_nlp"]


def get_nlp(model: str | None = None) -> spacy.Language:
    """Return the pipeline for `model` (an installed spaCy package or path), or blank English.

    Pipelines are cached per name, so every stage and worker in a process shares one. A model that
    is not installed raises `ConfigError` (C010) naming it and the command that installs it.
    """
    return _load(model or "")


@cache
def _load(model: str) -> spacy.Language:
    import spacy

    if not model:
        return spacy.blank("en")
    try:
        return spacy.load(model)
    except OSError as error:
        raise ConfigError(
            f"spaCy model {model!r} is not installed ({error}). Install it with "
            f"`python -m spacy download {model}` (or `pip install` its package), or leave "
            "spacy_model unset to use the rule-based mentions alone.",
            code="C010",
        ) from error
