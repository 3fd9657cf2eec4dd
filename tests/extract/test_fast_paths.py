"""The extraction's fast paths give what the plain code they replace gives (issue 5: same output)."""

from __future__ import annotations

import random
import re

import pytest

from newsevents.extract import contexts, events, mentions, sentences

SENTENCES = [
    "Rwandan-backed M23 rebels shelled Goma's airport on Tuesday, killing 14 civilians, MONUSCO said.",
    "The EU imposed sanctions on Belarusian banks and a fuel embargo after the disputed election.",
    "Lawmakers in Nairobi passed a finance bill as police fired tear gas at protesters.",
    "Al-Qaeda's Sahel affiliate JNIM claimed the attack on a military base near Djibo.",
    "Diplomatic ties between Caracas and Bogotá were restored at a summit in Havana.",
    "MPs voted to extradite the former minister; the ICC had indicted him in 2019.",
    "Floods and a cholera outbreak displaced 40,000 people in Borno, the UN mission said.",
    "Hackers behind a ransomware attack demanded a ransom from the national water utility.",
    "İstanbul'da pilgrims and clerics gathered outside the mosque; journalists were detained.",
    "Oil workers struck at the port; an oil-rich region's governor resigned.",
    "The peacekeeping mission's blue helmets escorted aid convoys to refugee camps.",
    "",
]


def _plain_contexts(sentence: str) -> frozenset[str]:
    lowered = sentence.lower()
    return frozenset(context for context, cue in contexts._CUES.items() if cue.search(lowered))


@pytest.mark.parametrize("sentence", SENTENCES)
def test_worded_same_contexts_as_searching_every_cue(sentence: str) -> None:
    assert contexts._worded.__wrapped__(sentence) == _plain_contexts(sentence)


def test_worded_every_cue_has_word_keys() -> None:
    """A cue without keys is searched whole on every sentence: correct, but the slow path."""
    assert all(keys for keys in contexts._CUE_KEYS.values())


def test_worded_random_word_salad_agrees() -> None:
    vocabulary = " ".join(SENTENCES).split() + ["mp", "mps", "amps", "oil", "toil", "al-shabaab", "un", "ties"]
    rng = random.Random(3)
    for _ in range(2000):
        sentence = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 15)))
        assert contexts._worded.__wrapped__(sentence) == _plain_contexts(sentence)


def test_word_before_same_as_the_pattern() -> None:
    alphabet = list("aZk9_ '’-\n\t.,\"(") + ["é", "ı", "٣", "\u00a0", "ß"]
    rng = random.Random(7)
    texts = ["the defense cabinet secretary ", "Army spokesman ", "(militant leader) ", "x"]
    texts += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 14))) for _ in range(20000)]
    for text in texts:
        floor = rng.randint(0, len(text))
        end = rng.randint(floor, len(text))
        match = mentions._WORD_BEFORE.search(text, floor, end)
        assert mentions._word_before(text, floor, end) == (match.span(1) if match else None)


_OLD_INNER_CAPITAL = re.compile(r"(?<=.)(?<![.!?\n\"'(\u201c\u2018])(?<![.!?\n\"'(\u201c\u2018] )\b([A-Z][\w'-]*)")


@pytest.mark.parametrize("text", [
    "NAIROBI, Kenya - Kenyan troops and the African Union met. \"Somali forces\" (ATMIS) left.\nAnd Then",
    "A. B. Smith met Lt. Col. Jones; 3Com and x-Ray and O'Neil's men. “Quoted Words” ‘Single’",
    "Zé Carlos, São Paulo and ĆIRIĆ met _Under scores_ and mid-Word capitals.",
])
def test_inner_capital_same_words_as_before(text: str) -> None:
    assert mentions._INNER_CAPITAL.findall(text) == _OLD_INNER_CAPITAL.findall(text)


def test_trim_edges_same_as_pattern() -> None:
    rng = random.Random(1)
    chars = [" ", "\n", "\t", ",", ";", ":", "\"", "'", "-", "a", "b", "\u00a0", "\u2003", ".", "\u2019", "\x1c"]
    for _ in range(20000):
        phrase = "".join(rng.choice(chars) for _ in range(rng.randint(0, 12)))
        assert events._trim_edges(phrase) == events._EDGE_PUNCT.sub("", phrase)


@pytest.mark.parametrize("sentence", SENTENCES + ["Zürich’s KELVIN \u212a test", "İzmir"])
def test_lower_words_same_as_lowering_each_word(sentence: str) -> None:
    assert events._lower_words(sentence) == {word.lower() for word in events._WORD.findall(sentence)}


def test_sentence_spans_cached_answer_is_a_fresh_copy() -> None:
    text = "Troops entered Goma. Residents fled! Officials said talks would resume."
    first = sentences.sentence_spans(text)
    first.append((0, 1))  # a caller changing its list must not change the next answer
    assert sentences.sentence_spans(text) == sentences._split(text)
    assert sentences.sentence_spans(text + " More.") == sentences._split(text + " More.")


@pytest.mark.parametrize("sentence", SENTENCES + [
    "snake_case_words and __dunder__ tokens, e.g. U.S.-backed forces' 3.5km advance—and İzmir's port.",
    "“Quoted” words: al-Shabaab’s fighters (ISWAP) — 1,200 killed; O'Neil's men.",
])
def test_tokenize_same_tokens_as_match_objects_give(sentence: str) -> None:
    text = "Lead sentence. " + sentence
    span = events.Sentence(1, len("Lead sentence. "), len(text))
    piece = text[span.start:span.end]
    expected = [(m.group(), m.group().lower().replace("’", "'"), span.start + m.start(), span.start + m.end())
                for m in events._TOKEN.finditer(piece)]
    assert [(t.text, t.lower, t.start, t.end) for t in events._tokenize(text, span)] == expected


@pytest.mark.parametrize("text", [
    "Gunmen stormed the Garissa University College and the Westgate MALL in Nairobi.",
    "Shelling hit Mugunga Camp near Goma; the report said the port was closed.",
    "Troops left Camp Diyarbakır and Hotel Sahafi.",  # "ı": no fold, the pattern runs as before
    "Nothing here names a facility at all.",
])
def test_facility_in_same_match_as_searching(text: str) -> None:
    for start in range(0, len(text), 5):
        found, expected = events._facility_in(text, start, len(text)), events._FACILITY.search(text, start, len(text))
        assert (found.span() if found else None) == (expected.span() if expected else None)
