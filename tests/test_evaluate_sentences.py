"""Tests for the sentence-level evaluation (newsevents.evaluate_sentences).

Scoring is tested on hand-made predictions (no pipeline); loading on small gold files written here;
the end-to-end path (pipeline, locating the sentence, the CLI) on two or three items.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsevents.cli.main import app
from newsevents.errors import InputError
from newsevents.evaluate_sentences import (
    GoldSentence, GoldSentenceActor, GoldSentenceEvent, GoldTime, PredictedTime, SentencePrediction,
    article_text, format_sentence_comparison, format_sentence_report, load_sentence_gold, names_match,
    predict_sentence, score_predictions,
)
from newsevents.model import Actor, Event
from newsevents.pipeline import Pipeline

TEXT = "Arnor expelled Gondor's ambassador and Rohirrim troops shelled Edoras on Monday."


def _gold_item(**changes) -> GoldSentence:
    fields = dict(
        id="s1", published="2024-03-06", context="", text=TEXT, region="fictional",
        events=(
            GoldSentenceEvent("SANCTION", "expel", "expelled", (
                GoldSentenceActor("Arnor", "source", "government"),
                GoldSentenceActor("Gondor's ambassador", "target", "government"))),
            GoldSentenceEvent("ASSAULT", "heavy-weapons", "shelled", (
                GoldSentenceActor("Rohirrim troops", "source", "military"),
                GoldSentenceActor("Edoras", "target", "government")),
                contexts=frozenset({"military"})),
        ),
        times=(GoldTime("Monday", "DATE", "2024-03-04"),),
    )
    fields.update(changes)
    return GoldSentence(**fields)


def _event(type_: str, mode: str | None, trigger: str, actors: list[tuple[str, str, str]],
           **extra) -> Event:
    return Event(event_id=f"ev_{trigger}", type=type_, mode=mode, trigger=trigger,
                 summary=extra.pop("summary", trigger),
                 actors=[Actor(name, role, kind) for name, role, kind in actors], **extra)


def _perfect() -> SentencePrediction:
    return SentencePrediction(
        events=[
            _event("SANCTION", "expel", "expelled", [("Arnor", "source", "state"),
                                                     ("Gondor's ambassador", "target", "government")]),
            _event("ASSAULT", "heavy-weapons", "shelled", [("Rohirrim troops", "source", "military"),
                                                           ("Edoras", "target", "place")],
                   contexts=["military"]),
        ],
        times=[PredictedTime("Monday", 72, 78, "DATE", "2024-03-04")],
    )


# --- names ---------------------------------------------------------------------------------------

@pytest.mark.parametrize(("gold", "predicted", "match"), [
    ("Arnor", "Arnor", True),
    ("the Rohirrim army", "Rohirrim army", True),
    ("Rohirrim army", "army", True),
    ("Tula Varn", "Prime Minister Tula Varn", True),
    ("Free Arnor Front", "FREE ARNOR FRONT", True),
    ("Arnor", "Arnorian troops", False),
    ("gunmen", "men", False),
    ("Gondor", "", False),
    ("Côte d'Ivoire", "Cote d'Ivoire", True),
])
def test_names_match(gold: str, predicted: str, match: bool) -> None:
    assert names_match(gold, predicted) is match


# --- scoring --------------------------------------------------------------------------------------

def test_score_predictions_perfect_is_one_everywhere() -> None:
    scores = score_predictions([_gold_item()], {"s1": _perfect()})
    assert (scores.events.precision, scores.events.recall) == (1.0, 1.0)
    assert scores.type_accuracy.value == scores.mode_accuracy.value == 1.0
    assert (scores.actors.precision, scores.actors.recall) == (1.0, 1.0)
    assert scores.actor_role.value == scores.actor_sector.value == 1.0
    assert (scores.contexts.precision, scores.contexts.recall) == (1.0, 1.0)
    assert scores.time_spans.f1 == scores.time_type.value == scores.time_value.value == 1.0
    assert scores.misses == []


def test_score_predictions_aligns_regardless_of_order() -> None:
    prediction = _perfect()
    prediction.events.reverse()
    scores = score_predictions([_gold_item()], {"s1": prediction})
    assert scores.events.tp == 2 and scores.type_accuracy.value == 1.0


def test_score_predictions_wrong_type_is_aligned_but_not_detected() -> None:
    prediction = _perfect()
    prediction.events[1] = _event("COERCE", None, "shelled",
                                  [("Rohirrim troops", "source", "military")])
    scores = score_predictions([_gold_item()], {"s1": prediction})
    assert (scores.events.tp, scores.events.fp, scores.events.fn) == (1, 1, 1)
    assert (scores.type_accuracy.correct, scores.type_accuracy.total) == (1, 2)
    assert scores.per_type["ASSAULT"].aligned == 1 and scores.per_type["ASSAULT"].detected == 0
    assert [miss["kind"] for miss in scores.misses][:1] == ["wrong type"]


def test_score_predictions_unrelated_prediction_is_not_aligned() -> None:
    prediction = SentencePrediction(
        events=[_event("PROTEST", None, "marched", [("students", "source", "civilians")])])
    scores = score_predictions([_gold_item()], {"s1": prediction})
    assert scores.type_accuracy.total == 0
    assert (scores.events.fp, scores.events.fn) == (1, 2)
    assert scores.actors.recall == 0.0


def test_score_predictions_missing_item_predicts_nothing() -> None:
    scores = score_predictions([_gold_item()], {})
    assert (scores.events.tp, scores.events.fn) == (0, 2)
    assert scores.time_value.value == 0.0 and scores.time_spans.recall == 0.0


def test_score_predictions_actor_roles_sectors_and_extras() -> None:
    prediction = _perfect()
    prediction.events[0].actors = [Actor("Arnor", "target", "person"), Actor("Gondor", "source", "state"),
                                   Actor("Mordor", "participant", "state")]
    scores = score_predictions([_gold_item()], {"s1": prediction})
    # Arnor (exact) and Gondor (inside "Gondor's ambassador") match; Mordor is extra
    assert (scores.actors.tp, scores.actors.fp, scores.actors.fn) == (4, 1, 0)
    assert scores.actor_role.correct == 2 and scores.actor_role.total == 4
    assert scores.actor_sector.correct == 3  # Arnor/person → unknown is wrong; state → government


def test_score_predictions_canonical_actor_matches_as_the_text_wrote_it() -> None:
    prediction = _perfect()
    prediction.events[0].actors = [Actor("Northern Realm", "source", "state"),
                                   Actor("Gondor's ambassador", "target", "government")]
    plain = score_predictions([_gold_item()], {"s1": prediction})
    prediction.aliases = {"Northern Realm": {"Arnor"}}
    aliased = score_predictions([_gold_item()], {"s1": prediction})
    assert plain.actors.tp == 3 and aliased.actors.tp == 4


def test_score_predictions_modes() -> None:
    prediction = _perfect()
    prediction.events[0].mode = "break-relations"
    item = _gold_item(events=(_gold_item().events[0], GoldSentenceEvent(
        "ASSAULT", None, "shelled", _gold_item().events[1].actors)))
    scores = score_predictions([item], {"s1": prediction})
    assert (scores.mode_accuracy.correct, scores.mode_accuracy.total) == (0, 1)
    assert (scores.spurious_mode.correct, scores.spurious_mode.total) == (1, 1)


def test_score_predictions_mode_ignores_spacing() -> None:
    prediction = _perfect()
    prediction.events[1].mode = "Heavy weapons"
    assert score_predictions([_gold_item()], {"s1": prediction}).mode_accuracy.value == 1.0


def test_score_predictions_auxiliary_flags() -> None:
    gold = _gold_item(events=(GoldSentenceEvent(
        "SANCTION", "expel", "expelled", _gold_item().events[0].actors,
        auxiliary=frozenset({"negation"})),))
    prediction = SentencePrediction(events=[_event(
        "SANCTION", "expel", "expelled", [("Arnor", "source", "state")], auxiliary=["future"])])
    scores = score_predictions([gold], {"s1": prediction})
    assert (scores.auxiliary["negation"].tp, scores.auxiliary["negation"].fn) == (0, 1)
    assert (scores.auxiliary["future"].tp, scores.auxiliary["future"].fp) == (0, 1)
    assert scores.auxiliary["hypothetical"].f1 == 0.0 or scores.auxiliary["hypothetical"].tp == 0


def test_score_predictions_time_values() -> None:
    item = _gold_item(times=(GoldTime("Monday", "DATE", "2024-03-04"),
                             GoldTime("Edoras", "DATE", "2024")))  # a second, missed "time"
    prediction = _perfect()
    prediction.times = [PredictedTime("Monday", 72, 78, "DATE", "2024-03-11"),
                        PredictedTime("Arnor", 0, 5, "DATE", "2024")]
    scores = score_predictions([item], {"s1": prediction})
    assert (scores.time_spans.tp, scores.time_spans.fp, scores.time_spans.fn) == (1, 1, 1)
    assert scores.time_type.value == 1.0
    assert (scores.time_value.correct, scores.time_value.total) == (0, 2)


def test_score_predictions_time_prefers_the_right_value_among_overlaps() -> None:
    item = _gold_item(times=(GoldTime("9 a.m. on Monday", "TIME", "2024-03-04T09:00"),),
                      text="Rebels shelled Edoras at 9 a.m. on Monday.")
    prediction = SentencePrediction(times=[
        PredictedTime("9 a.m.", 25, 31, "TIME", "2024-03-04T09:00"),
        PredictedTime("Monday", 35, 41, "DATE", "2024-03-04")])
    scores = score_predictions([item], {"s1": prediction})
    assert scores.time_value.value == 1.0 and scores.time_spans.fp == 1


def test_format_sentence_report_names_every_figure() -> None:
    prediction = _perfect()
    prediction.events.pop()
    report = format_sentence_report(score_predictions([_gold_item()], {"s1": prediction}, label="dev"),
                                    verbose=True)
    for label in ("events (same type)", "actors", "auxiliary negation", "type (aligned events)",
                  "mode (gold has one)", "time value (all gold)", "Per type", "missed (1)"):
        assert label in report
    assert "ASSAULT" in report


def test_format_sentence_comparison_puts_files_side_by_side() -> None:
    perfect = score_predictions([_gold_item()], {"s1": _perfect()}, label="data/dev.jsonl")
    empty = score_predictions([_gold_item()], {}, label="data/heldout.jsonl")
    table = format_sentence_comparison([perfect, empty]).splitlines()
    assert table[0].split()[-2:] == ["dev", "heldout"]
    assert next(line for line in table if "time value" in line).split()[-2:] == ["1.000", "0.000"]


# --- loading ----------------------------------------------------------------------------------------

def _write(tmp_path: Path, *records: dict | str) -> Path:
    path = tmp_path / "gold.jsonl"
    path.write_text("\n".join(r if isinstance(r, str) else json.dumps(r) for r in records) + "\n",
                    encoding="utf-8")
    return path


def _record(**changes) -> dict:
    record = {
        "id": "d1", "published": "2024-03-06", "context": "", "text": TEXT, "region": "fictional",
        "events": [{"type": "SANCTION", "mode": "expel", "trigger": "expelled",
                    "actors": [{"name": "Arnor", "role": "source", "sector": "government"}],
                    "auxiliary": [], "contexts": ["diplomatic"]}],
        "times": [{"text": "Monday", "type": "DATE", "value": "2024-03-04"}],
    }
    record.update(changes)
    return record


def test_load_sentence_gold_reads_records(tmp_path: Path) -> None:
    items = load_sentence_gold(_write(tmp_path, _record(), "", _record(id="d2", published=None)))
    assert [item.id for item in items] == ["d1", "d2"]
    assert items[0].events[0].actors[0] == GoldSentenceActor("Arnor", "source", "government")
    assert items[0].times == (GoldTime("Monday", "DATE", "2024-03-04"),)
    assert items[1].published is None


@pytest.mark.parametrize(("record", "problem"), [
    (_record(events=[{"type": "ATTACK", "actors": []}]), "not a PLOVER type"),
    (_record(times=[{"text": "Tuesday", "type": "DATE", "value": "x"}]), "does not occur"),
    (_record(times=[{"text": "Monday", "type": "DAY", "value": "x"}]), "time type"),
    (_record(events=[{"type": "ASSAULT", "auxiliary": ["maybe"]}]), "auxiliary"),
    (_record(events=[{"type": "ASSAULT", "actors": [{"name": "A", "role": "boss"}]}]), "role"),
    (_record(text=5), "'text'"),
    ({"id": "d1"}, "missing"),
])
def test_load_sentence_gold_rejects_malformed(tmp_path: Path, record: dict, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        load_sentence_gold(_write(tmp_path, record))
    assert caught.value.code == "I021" and problem in str(caught.value)
    assert ":1" in caught.value.origin


def test_load_sentence_gold_rejects_repeated_id_and_bad_json(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="repeats"):
        load_sentence_gold(_write(tmp_path, _record(), _record()))
    with pytest.raises(InputError) as caught:
        load_sentence_gold(_write(tmp_path, "{not json"))
    assert caught.value.code == "I020"
    with pytest.raises(InputError):
        load_sentence_gold(tmp_path / "missing.jsonl")


# --- end to end ---------------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def test_article_text_puts_header_context_and_sentence() -> None:
    item = _gold_item(context="Fighting flared.", published=None)
    assert article_text(item) == f"Fighting flared. {TEXT}"
    assert article_text(_gold_item()).startswith("| date 2024-03-06\n")


def test_predict_sentence_keeps_only_the_sentence(pipeline: Pipeline) -> None:
    item = _gold_item(context="Gunmen killed five people in Maiduguri on Sunday.",
                      text="Police arrested two suspects in Kano on Tuesday.", events=(), times=())
    prediction = predict_sentence(item, pipeline)
    assert not prediction.note
    assert all(event.type != "ASSAULT" for event in prediction.events)
    assert [(t.text, t.value) for t in prediction.times] == [("Tuesday", "2024-03-05")]
    assert item.text[prediction.times[0].start:prediction.times[0].end] == "Tuesday"


def test_predict_sentence_finds_normalised_text(pipeline: Pipeline) -> None:
    text = "Protesters in Dakar chanted \u201cfree Sonko\u201d \u2014 police fired tear gas on Friday."
    prediction = predict_sentence(_gold_item(text=text, events=(), times=()), pipeline)
    assert not prediction.note
    assert [t.text for t in prediction.times] == ["Friday"]


def test_cli_evaluate_sentences_json_and_text(tmp_path: Path) -> None:
    path = _write(tmp_path, _record(text="Police arrested two suspects in Kano on Monday.", events=[
        {"type": "COERCE", "mode": "arrest", "trigger": "arrested",
         "actors": [{"name": "Police", "role": "source", "sector": "police"}]}]))
    runner = CliRunner()
    result = runner.invoke(app, ["evaluate", "--sentences", str(path), "--sentences", str(path), "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["articles"] is None and len(data["sentences"]) == 2
    assert data["sentences"][0]["time_value"]["value"] == 1.0
    text = runner.invoke(app, ["evaluate", "--sentences", str(path), "-v"])
    assert text.exit_code == 0 and "Sentence gold" in text.stdout


def test_cli_evaluate_needs_a_gold() -> None:
    result = CliRunner().invoke(app, ["evaluate"])
    assert result.exit_code == 1 and "--sentences" in result.stderr
