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


# --- per-sentence word lists and cheap first tests in the event coder --------------------------------

_SALAD = ("said that the militants would not attack since troops told reporters according to \" , ; it he "
          "she also has failed to meet if next week tomorrow will Will could planned talks denied").split()


def _old_subject_pronoun(text: str, start: int, head_start: int) -> tuple[int, str] | None:
    words = list(events._PLAIN_WORD.finditer(text, start, head_start))
    while words and words[-1].group().lower() in events._PRONOUN_GAP:
        words.pop()
    if not words or words[-1].group().lower() not in {"it", "he", "she"}:
        return None
    last = words[-1]
    preceding = text[start:last.start()].rstrip()
    if preceding and not preceding.endswith((",", ";", ":")) and not events._LINKED_END.search(preceding):
        return None
    return last.start(), last.group().lower()


def test_subject_pronoun_same_as_listing_every_word() -> None:
    rng = random.Random(5)
    pieces = ["It", "it", "He", "she", "SHE", "iT", "it's", "with", "the", "also", "has", "and", ",", ";",
              "'", "x", "5", "_", "é", "Kit", "he's", "then"]
    for _ in range(20000):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        start = rng.randint(0, len(text))
        end = rng.randint(start, len(text))
        assert events._subject_pronoun(text, start, end) == _old_subject_pronoun(text, start, end)


def _random_sentence(rng: random.Random) -> tuple[str, events.Sentence]:
    text = " ".join(rng.choice(_SALAD) for _ in range(rng.randint(1, 18)))
    return text, events.Sentence(0, 0, len(text))


def _random_head(rng: random.Random, tokens: list) -> events._Head:
    trigger = next(iter(events.word_triggers().values()))[0].trigger
    first = rng.randrange(len(tokens))
    last = min(len(tokens) - 1, first + rng.randint(0, 1))
    head = events._Head(trigger, first, last, tokens[first].start, tokens[last].end, rng.random() < 0.5,
                        frozenset(rng.sample(["VB", "VBD", "VBN", "VBG", "NN", "NNS"], 2)))
    head.lead = rng.choice([None, 0])
    return head


def _old_auxiliary(tokens: list, head: events._Head, seg_start: int) -> set[str]:
    before = [tok.lower for tok in tokens[max(seg_start, head.token - 4):head.token]]
    clause = [tok.lower for tok in tokens[seg_start:head.token]]
    after = [tok.lower for tok in tokens[head.last_token + 1:head.last_token + 4]]
    modes: set[str] = set()
    if any(word in events._NEGATORS for word in before) or any(word in events._DENIAL for word in clause):
        modes.add("negation")
    if head.is_noun and before[-1:] == ["without"]:
        modes.add("negation")
    if {"failed", "fail"} & set(before):
        modes.add("negation")
    modals = [tok.lower for tok in tokens[max(seg_start, head.token - 4):head.token]
              if tok.lower in events._MODALS and not tok.text[:1].isupper()]
    reported = "would" in modals and any(tok.lower in events._SAYING for tok in tokens[:head.token])
    if any(word in events._FUTURE for word in modals) or "next" in before or "upcoming" in before or reported:
        modes.add("future")
    elif modals:
        modes.add("hypothetical")
    if "if" in clause or "unless" in clause or "whether" in clause:
        modes.add("hypothetical")
    lead = [tok.lower for tok in tokens[max(0, head.token - 2):head.token]]
    if len(lead) == 2 and lead[-1] == "to" and lead[-2] in events._INTENT:
        if lead[-2] in events._NEGATING_INTENT:
            modes.add("negation")
        else:
            modes.add("hypothetical" if lead[-2] in events._HYPOTHETICAL_INTENT else "future")
    noun_phrase = set(clause[-10:])
    if head.is_noun and {"planned", "proposed", "possible", "potential", "next", "upcoming"} & noun_phrase:
        modes.add("future" if {"planned", "next", "upcoming"} & noun_phrase else "hypothetical")
    if after[:2] == ["next", "week"] or after[:1] == ["tomorrow"]:
        modes.add("future")
    return modes


def _old_speech_start(tokens: list, head: events._Head, floor: int = 0) -> int:
    start = floor
    for i in range(floor, head.token):
        word = tokens[i].lower
        follows_that = i + 1 < head.token and tokens[i + 1].lower == "that"
        if word in events._SAYING or (word in events.SPEECH_VERBS and follows_that and word != "according"):
            start = i + 2 if follows_that else i + 1
    return start


def _old_clip_attribution(tokens: list, head: events._Head, end: int) -> int:
    for i in range(events._reach(head) + 1, end):
        if tokens[i].lower in events._SUBORDINATORS and head.lead is None:
            return i
        if tokens[i].text == "\"":
            return i
        if tokens[i].lower == "according" and i + 1 < end and tokens[i + 1].lower == "to":
            return i
    return end


def test_token_windows_same_as_rebuilding_them() -> None:
    """`_auxiliary`, `_speech_start` and `_clip_attribution` read the sentence's lower-cased word
    list and skip their loops when no cue word is there: same answers as the loops over tokens."""
    rng = random.Random(11)
    for _ in range(5000):
        text, span = _random_sentence(rng)
        tokens = events._tokenize(text, span)
        assert tokens.lowers == [tok.lower for tok in tokens]
        head = _random_head(rng, tokens)
        seg_start = rng.randint(0, head.token)
        floor = rng.randint(0, head.token)
        end = rng.randint(events._reach(head) + 1, len(tokens))
        assert events._auxiliary(tokens, head, seg_start) == _old_auxiliary(tokens, head, seg_start)
        assert events._speech_start(tokens, head, floor) == _old_speech_start(tokens, head, floor)
        assert events._clip_attribution(tokens, head, end) == _old_clip_attribution(tokens, head, end)


def test_lower_words_random_ascii_same_as_pattern() -> None:
    rng = random.Random(2)
    alphabet = "aZq '-_.,9\t\n\"Q"
    for _ in range(5000):
        sentence = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
        assert events._lower_words(sentence) == set(events._WORD.findall(sentence.lower()))


def test_folded_text_keeps_the_article_across_one_off_slices() -> None:
    """The article's text stays cached while segments (new slice objects) are folded one after another."""
    from newsevents.extract.folding import folded_text

    article = "Troops ENTERED the town. " * 50
    first = folded_text(article)
    for start in range(0, 200, 20):
        folded_text(article[start:start + 30])
        assert folded_text(article) is first
    assert first == article.lower()


def _old_word_heads(tokens: list) -> list[tuple[int, int, str]]:
    forms, firsts = events.word_triggers(), events.form_lengths_by_first_word()
    heads, index = [], 0
    while index < len(tokens):
        lengths = firsts.get(tokens[index].lower)
        matched = None
        for length in lengths or ():
            words = " ".join(tok.lower for tok in tokens[index:index + length])
            if index + length <= len(tokens) and words in forms:
                matched = length, forms[words]
                break
        if matched is None:
            index += 1
            continue
        head = events._choose_reading(tokens, index, *matched)
        if head is not None:
            heads.append((head.token, head.last_token, head.trigger.lemma))
        index += matched[0]
    return heads


@pytest.mark.parametrize("seed", range(3))
def test_word_triggers_found_at_the_same_tokens(seed: int) -> None:
    """Visiting only the tokens that start a form finds what stepping through every token finds."""
    rng = random.Random(seed)
    vocabulary = " ".join(SENTENCES).split() + ["attack", "attacks", "carried", "out", "the", "to", "will",
                                                 "met", "peace", "talks", "set", "fire", "opened"]
    for _ in range(1000):
        text = " ".join(rng.choice(vocabulary) for _ in range(rng.randint(1, 20)))
        span = events.Sentence(0, 0, len(text))
        tokens = events._tokenize(text, span)
        found = events._match_triggers(text, span, tokens, phrases=[])
        assert [(h.token, h.last_token, h.trigger.lemma) for h in found] == _old_word_heads(tokens)
