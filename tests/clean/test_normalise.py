"""Tests for Unicode and whitespace normalisation (newsevents.clean.normalise)."""

from __future__ import annotations

import pytest

from newsevents.clean import normalise_text


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("the United States \u2013 Kenya Bilateral Defense Forum", "the United States - Kenya Bilateral Defense Forum"),
        ("KYIV, Ukraine \u2014 Russian missiles", "KYIV, Ukraine - Russian missiles"),
        ("the attack\u2014the worst in years\u2014was", "the attack - the worst in years - was"),
        ("the 2011\u20132013 offensive", "the 2011-2013 offensive"),
        ("Kenya\u2013Somalia border", "Kenya-Somalia border"),
        ("temperatures of \u22125 degrees", "temperatures of -5 degrees"),
        ("non\u2011state actors", "non-state actors"),
        ("Kenya\u2019s \u201cOperation Linda Nchi\u201d", "Kenya's \"Operation Linda Nchi\""),
        ("\u2018We will return,\u2019 he said", "'We will return,' he said"),
        ("\u00ab Non \u00bb, a dit le ministre", "\u00ab Non \u00bb, a dit le ministre"),
        ("12\u00a0000 displaced in\u202fGoma", "12 000 displaced in Goma"),
        ("cease\u200bfire\u00ad talks\u2060 resumed\ufeff", "ceasefire talks resumed"),
        ("Bogota\u0301", "Bogot\u00e1"),
        ("too   many    spaces", "too many spaces"),
        ("  line one  \r\n\tline two\rline three  ", "line one\nline two\nline three"),
        ("para\u2029next\u2028line\x0cpage", "para\nnext\nline\npage"),
        ("bell\x07 and null\x00 removed", "bell and null removed"),
        ("\u0645\u0631\u062d\u0628\u0627\u200c \u0639\u0627\u0644\u0645", "\u0645\u0631\u062d\u0628\u0627\u200c \u0639\u0627\u0644\u0645"),
    ],
)
def test_normalise_text_maps_characters(raw: str, expected: str) -> None:
    assert normalise_text(raw) == expected


def test_normalise_text_keeps_blank_lines_for_paragraphs() -> None:
    assert normalise_text("one\n\n  \ntwo") == "one\n\n\ntwo"


def test_normalise_text_is_idempotent() -> None:
    once = normalise_text("Kenya\u2019s \u2014 \u201cforces\u201d\u00a0 \r\n x")
    assert normalise_text(once) == once
