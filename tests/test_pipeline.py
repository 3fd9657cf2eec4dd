"""The pipeline: stage order checked at build time, errors that name the stage, an optional spaCy NER."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsevents.config import Settings
from newsevents.errors import ConfigError, ExtractError
from newsevents.ingest import read_text
from newsevents.pipeline import Pipeline
from newsevents.registry import DEFAULT_STAGES, STAGES


def test_pipeline_default_stages_in_flow_order() -> None:
    assert Pipeline().stage_names == list(DEFAULT_STAGES) == ["clean", "sentences", "mentions", "times", "events"]


def test_pipeline_rejects_unknown_and_misordered_stages() -> None:
    with pytest.raises(ConfigError, match="No pipeline stage named 'parse'") as unknown:
        Pipeline(stages=["clean", "parse"])
    assert unknown.value.code == "C001"
    with pytest.raises(ConfigError, match="needs mentions") as misordered:
        Pipeline(stages=["clean", "sentences", "times", "events"])
    assert misordered.value.code == "C002"


def test_pipeline_stage_failure_names_the_article_and_stage(monkeypatch: pytest.MonkeyPatch) -> None:
    pipeline = Pipeline()

    def broken(article):  # type: ignore[no-untyped-def]
        raise ValueError("boom")

    pipeline.stages = [(name, broken if name == "times" else stage) for name, stage in pipeline.stages]
    with pytest.raises(ExtractError, match=r"x\.txt: stage 'times' failed: ValueError: boom"):
        pipeline(read_text("Soldiers attacked a village in Mali on Monday.", origin="x.txt"))


def test_pipeline_stages_declare_what_they_assign() -> None:
    assigned = {field for spec in STAGES.values() for field in spec.assigns}
    assert {"text", "sentences", "mentions", "times", "events"} <= assigned


def test_pipeline_spacy_model_path_merges_its_entities(tmp_path: Path) -> None:
    """A trained pipeline named by path (what `--spacy-model` passes to spacy.load) adds its NER."""
    import spacy

    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("entity_ruler")
    ruler.add_patterns([{"label": "PERSON", "pattern": [{"LOWER": "will"}, {"LOWER": "young"}]}])  # type: ignore[attr-defined]
    model_dir = tmp_path / "tiny_model"
    nlp.to_disk(model_dir)

    # Two ordinary English words opening a sentence: the rules cannot tell them from a name.
    text = "| date 2024-03-05\nWill Young met President Assimi Goita in Bamako on Monday for talks."
    plain = Pipeline()(read_text(text, origin="a.txt"))
    assert not any(m.canonical == "Will Young" for m in plain.mentions)
    with_model = Pipeline(Settings(spacy_model=str(model_dir)))(read_text(text, origin="a.txt"))
    assert any(m.canonical == "Will Young" and m.kind == "person" for m in with_model.mentions)
    (event,) = [e for e in with_model.events if e.type == "CONSULT"]
    assert {"Will Young", "Assimi Goita"} <= {a.name for a in event.actors}
    assert event.date == "2024-03-04"
