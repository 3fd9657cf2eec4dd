"""Tests for the optional sentence-embedding loader and article vectors (newsevents.resolve.embeddings)."""

from __future__ import annotations

import builtins
import os
import sys
import types
from collections.abc import Sequence

import numpy as np
import pytest

from newsevents.errors import ConfigError
from newsevents.model import Article, Sentence
from newsevents.resolve import embeddings
from newsevents.resolve.embeddings import Embedder, article_vector, load_embedder


class KeywordEmbedder:
    """A fake embedder: one axis per keyword found in the text (plus a bias axis), normalised."""

    def __init__(self, keywords: Sequence[str]) -> None:
        self.keywords = list(keywords)
        self.calls: list[list[str]] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(list(texts))
        rows = np.zeros((len(texts), len(self.keywords) + 1), dtype=np.float32)
        for i, text in enumerate(texts):
            for j, word in enumerate(self.keywords):
                rows[i, j] = text.lower().count(word)
            rows[i, -1] = 0.1
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)


def _article(sentences: Sequence[str]) -> Article:
    text = " ".join(sentences)
    spans, start = [], 0
    for index, sentence in enumerate(sentences):
        spans.append(Sentence(index, start, start + len(sentence)))
        start += len(sentence) + 1
    return Article(article_id="ar_test", origin="test", raw_text=text, text=text, sentences=spans)


@pytest.fixture()
def fresh_cache(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(embeddings, "_cache", {})


def test_load_embedder_returns_none_when_package_is_missing(
        monkeypatch: pytest.MonkeyPatch, fresh_cache: None, caplog: pytest.LogCaptureFixture) -> None:
    real_import = builtins.__import__

    def refuse(name: str, *args, **kwargs):  # type: ignore[no-untyped-def]
        if name == embeddings.MODEL_PACKAGE:
            raise ImportError(f"No module named {name!r}")
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, embeddings.MODEL_PACKAGE, raising=False)
    monkeypatch.setattr(builtins, "__import__", refuse)
    with caplog.at_level("INFO", logger="newsevents.resolve.embeddings"):
        assert load_embedder() is None
    assert "not installed" in caplog.text


def test_load_embedder_sets_offline_environment(monkeypatch: pytest.MonkeyPatch, fresh_cache: None) -> None:
    monkeypatch.setitem(sys.modules, embeddings.MODEL_PACKAGE, None)  # import raises ImportError
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.delenv("TRANSFORMERS_OFFLINE", raising=False)
    assert load_embedder() is None
    assert os.environ["HF_HUB_OFFLINE"] == "1" and os.environ["TRANSFORMERS_OFFLINE"] == "1"


def test_load_embedder_raises_config_error_when_installed_but_broken(
        monkeypatch: pytest.MonkeyPatch, fresh_cache: None) -> None:
    broken = types.ModuleType(embeddings.MODEL_PACKAGE)

    def load_model(device: str | None = None) -> object:
        raise OSError("model.safetensors not found")

    broken.load_model = load_model  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, embeddings.MODEL_PACKAGE, broken)
    with pytest.raises(ConfigError, match="C041.*model.safetensors") as caught:
        load_embedder()
    assert isinstance(caught.value.__cause__, OSError)


def test_load_embedder_loads_once_and_wraps_the_model(monkeypatch: pytest.MonkeyPatch, fresh_cache: None) -> None:
    loads: list[str | None] = []

    class Model:
        def get_sentence_embedding_dimension(self) -> int:
            return 3

        def encode(self, texts, **options):  # type: ignore[no-untyped-def]
            assert options["batch_size"] == 64 and options["normalize_embeddings"]
            return np.ones((len(texts), 3)) / np.sqrt(3)

    package = types.ModuleType(embeddings.MODEL_PACKAGE)
    package.load_model = lambda device=None: loads.append(device) or Model()  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, embeddings.MODEL_PACKAGE, package)
    first, second = load_embedder(), load_embedder()
    assert first is second and loads == ["cpu"]
    assert isinstance(first, Embedder)
    assert first.embed(["a", "b"]).shape == (2, 3)
    assert first.embed([]).shape == (0, 3)


def test_article_vector_is_normalised_mean_of_sentence_vectors() -> None:
    embedder = KeywordEmbedder(["attack", "talks"])
    article = _article(["Militants attack a base.", "The attack killed nine.", "Talks were held later."])
    vector = article_vector(article, embedder)
    assert vector is not None
    assert np.isclose(np.linalg.norm(vector), 1.0)
    assert vector[0] > vector[1] > 0


def test_article_vector_caps_sentences() -> None:
    embedder = KeywordEmbedder(["attack"])
    article = _article([f"Sentence number {i} about an attack." for i in range(30)])
    article_vector(article, embedder, max_sentences=12)
    assert [len(call) for call in embedder.calls] == [12]


def test_article_vector_falls_back_to_text_and_none_when_empty() -> None:
    embedder = KeywordEmbedder(["attack"])
    unsplit = Article(article_id="ar_x", origin="x", raw_text="", text="An attack in Gao.")
    assert article_vector(unsplit, embedder) is not None
    assert article_vector(Article(article_id="ar_y", origin="y", raw_text=""), embedder) is None


def test_article_vector_rejects_embedder_returning_wrong_shape() -> None:
    class Broken:
        def embed(self, texts: Sequence[str]) -> np.ndarray:
            return np.ones((1, 4), dtype=np.float32)

    with pytest.raises(ConfigError, match="C041"):
        article_vector(_article(["One.", "Two."]), Broken())


def test_real_model_puts_one_happening_closer_than_another(fresh_cache: None) -> None:
    pytest.importorskip(embeddings.MODEL_PACKAGE)
    embedder = load_embedder()
    assert embedder is not None
    same_a = _article(["Al-Shabaab fighters stormed an army base in Lower Juba on Monday, killing nine soldiers."])
    same_b = _article(["Militants attacked a Somali military base at dawn and killed nine troops, officials said."])
    other = _article(["Truck drivers blocked highways into Bogota to protest against higher diesel prices."])
    a, b, c = (article_vector(article, embedder) for article in (same_a, same_b, other))
    assert a is not None and b is not None and c is not None
    assert float(a @ b) > 0.5 > float(a @ c)
