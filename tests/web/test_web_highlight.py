"""Cutting article text into marked pieces: overlaps, nesting, bounds, and field marks."""

from __future__ import annotations

import pytest

from newsevents.model import Actor, Article, Event, Evidence, Fatalities, Location, Mention, TimeExpr
from newsevents.web.highlight import Piece, Span, evidence_pieces, field_spans, mention_spans, pieces

TEXT = "Rebels attacked Goma on Sunday, killing at least nine soldiers. The army said so."


def test_pieces_rejoin_to_the_text() -> None:
    spans = [Span(0, 6, "a"), Span(16, 20, "b"), Span(0, 63, "evidence"), Span(24, 30, "c")]
    cut = pieces(TEXT, spans)
    assert "".join(piece.text for piece in cut) == TEXT


def test_pieces_carry_every_covering_span() -> None:
    cut = pieces(TEXT, [Span(0, 63, "evidence", "the sentence"), Span(16, 20, "m-place", "place: Goma")])
    goma = next(piece for piece in cut if piece.text == "Goma")
    assert goma.css == "evidence m-place"
    assert goma.label == "the sentence; place: Goma"
    assert cut[-1] == Piece(" The army said so.")


def test_pieces_anchor_only_the_first_piece_of_a_span() -> None:
    cut = pieces(TEXT, [Span(0, 63, "evidence", anchor="evidence-ar_1"), Span(16, 20, "m-place")])
    assert [piece.anchor for piece in cut if piece.anchor] == ["evidence-ar_1"]
    assert cut[0].anchor == "evidence-ar_1"


@pytest.mark.parametrize("span", [Span(-5, 3, "x"), Span(70, 500, "x"), Span(10, 10, "x"), Span(12, 4, "x"),
                                  Span(500, 600, "x")])
def test_pieces_clip_or_drop_spans_outside_the_text(span) -> None:
    cut = pieces(TEXT, [span])
    assert "".join(piece.text for piece in cut) == TEXT


def test_pieces_of_empty_text_are_empty() -> None:
    assert pieces("", [Span(0, 3, "x")]) == []


def test_pieces_keep_markup_as_text_for_the_template_to_escape() -> None:
    hostile = "Hello <script>alert(1)</script> world"
    cut = pieces(hostile, [Span(6, 14, "m-org")])
    assert [p.text for p in cut] == ["Hello ", "<script>", "alert(1)</script> world"]


def _article() -> Article:
    article = Article(article_id="ar_t", origin="t.txt", raw_text=TEXT, text=TEXT, outlet="kivu.example.com")
    article.mentions = [Mention("Rebels", 0, 6, "group", "rebels"), Mention("Goma", 16, 20, "place", "Goma", "CD"),
                        Mention("Congolese", 0, 0, "nationality", "Congolese")]
    article.times = [TimeExpr("on Sunday", 21, 30, "DATE", "2024-03-03", "day", "article")]
    return article


def test_mention_spans_mark_kinds_and_times() -> None:
    spans = mention_spans(_article())
    assert {(s.start, s.end, s.css) for s in spans} >= {(0, 6, "m-group"), (16, 20, "m-place"), (21, 30, "m-date")}
    assert any(s.label == "place: Goma (CD)" for s in spans)
    assert any("2024-03-03" in s.label for s in spans)


def _event() -> Event:
    return Event(
        event_id="ev_t", type="ASSAULT", summary="Rebels attacked Goma", date="2024-03-03", date_precision="day",
        actors=[Actor("Rebels", "source", "group"), Actor("nine soldiers", "target", "military"),
                Actor("Allied Democratic Forces", "source", "group")],
        location=Location("Goma", "CD"), fatalities=Fatalities(9, None, "killing at least nine soldiers"),
        sources=[Evidence("ar_t", "t.txt", "kivu.example.com", "2024-03-04", False,
                          TEXT[:63], 0, 63)], trigger="attacked",
    )


def test_field_spans_find_the_fields_inside_the_sentence() -> None:
    spans = field_spans(_event(), _article(), 0, 63)
    found = {(TEXT[s.start:s.end], s.css) for s in spans}
    assert ("Rebels", "f-actor") in found and ("nine soldiers", "f-actor") in found
    assert ("Goma", "f-place") in found and ("attacked", "f-trigger") in found
    assert ("killing at least nine soldiers", "f-fatalities") in found and ("on Sunday", "f-date") in found
    assert not any("Allied" in label for label in (s.label for s in spans)), "names not in the sentence are not marked"


def test_evidence_pieces_mark_the_sentence_in_its_article() -> None:
    cut = evidence_pieces(_event(), _article())
    assert "".join(piece.text for piece in cut) == TEXT
    marked = "".join(piece.text for piece in cut if "evidence" in piece.css.split())
    assert marked == TEXT[:63]
    assert cut[0].anchor == "evidence-ar_t"
