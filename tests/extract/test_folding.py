"""FoldedPattern must find exactly what its IGNORECASE pattern finds, on any text."""

from __future__ import annotations

import random
import re

import pytest

from newsevents.extract import events, fatalities
from newsevents.extract.folding import FoldedPattern, folded_text

TEXTS = [
    "Gunmen KILLED at least 12 villagers near Maiduguri on Sunday, the army said.",
    "The Mexican Embassy said POLICE Officers had detained three suspects since Monday.",
    "Troops from Rwanda and Burundi deployed in the capital; the junta has killed 40 so far.",
    "İstanbul'da protesters rallied after the ruling party's vote, police said.",  # "İ" lowers to 2 chars
    "Kurdish fighters in Diyarbakır clashed with soldiers, leaving 7 dead.",  # "ı" folds to "i" only under IGNORECASE
    "The ſecurity forces (archaic long s) were attacked by militants.",
    "A 3 K-degree (Kelvin sign K) reading; the Death Toll rose to 63 in Mosul.",
    "Élysée officials said the talks in Genève would resume next week.",
    "",
]


def _spans(matches) -> list[tuple[int, int, dict[str, tuple[int, int]]]]:
    return [(m.start(), m.end(), {name: m.span(name) for name in m.re.groupindex}) for m in matches]


@pytest.mark.parametrize("pattern", [
    events._ROLE_ACTOR_RE, events._CUMULATIVE, events._PARTICIPATION, events._RECALLED,
    events._OBJECT_OF_PREPOSITION, events._REPORT_TIME, events._RECIPIENT_BEFORE,
    events._PERFECT_BEFORE, events._DIPLOMATIC, events._HISTORY_FRAME, events._IN_THE_CAPITAL,
    fatalities._DEATH_CUE, *fatalities._PATTERNS,
])
@pytest.mark.parametrize("text", TEXTS)
def test_folded_pattern_same_spans_as_ignorecase(pattern: FoldedPattern, text: str) -> None:
    original = pattern.pattern
    assert _spans(pattern.finditer(text)) == _spans(original.finditer(text))
    for start in range(0, len(text), 7):
        for end in (len(text), start + 30):
            found, expected = pattern.search(text, start, end), original.search(text, start, end)
            assert (found.span() if found else None) == (expected.span() if expected else None)
            found, expected = pattern.match(text, start, end), original.match(text, start, end)
            assert (found.span() if found else None) == (expected.span() if expected else None)


def test_folded_pattern_random_texts_agree() -> None:
    alphabet = list("aeiklnostKILST ,.'-\n") + ["İ", "ı", "ſ", "\u212a", "é", "É", "’", "ß"]
    words = ["killed", "KILLED", "since", "So Far", "gunmen", "Police Officers", "the army", "died", "toll"]
    rng = random.Random(5)
    pattern = FoldedPattern(re.compile(r"\b(?:kill(?:ed)?|since|so far|police officers|the\s+army)\b", re.IGNORECASE))
    for _ in range(3000):
        text = "".join(rng.choice(alphabet + words) for _ in range(rng.randint(0, 12)))
        assert _spans(pattern.finditer(text)) == _spans(pattern.pattern.finditer(text))


@pytest.mark.parametrize("text, folded", [
    ("Troops Entered Goma", "troops entered goma"),
    ("Élysée talks", "élysée talks"),
    ("İzmir port", None),  # lower-casing "İ" adds a character: offsets would move
    ("Diyarbakır clashes", None),  # IGNORECASE equates "ı" with "i"; lower() keeps it
    ("ſoldiers", None),
])
def test_folded_text_keeps_offsets_or_refuses(text: str, folded: str | None) -> None:
    assert folded_text(text) == folded


@pytest.mark.parametrize("source", [
    r"\b[A-Z][a-z]+", r"(?i:attack)", r"caf\u00e9", "CAPITAL", "Élysée",
])
def test_folded_pattern_refuses_patterns_without_a_twin(source: str) -> None:
    with pytest.raises(ValueError):
        FoldedPattern(re.compile(source, re.IGNORECASE))


def test_folded_pattern_refuses_case_sensitive_pattern() -> None:
    with pytest.raises(ValueError):
        FoldedPattern(re.compile(r"\bkilled\b"))
