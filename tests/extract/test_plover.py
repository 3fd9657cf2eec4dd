import pytest

from newsevents.extract.lexicon import NOUN_TRIGGERS, PHRASE_TRIGGERS, VERB_TRIGGERS
from newsevents.extract.plover import PLOVER_TYPES, cameo_to_plover


@pytest.mark.parametrize(
    ("cameo", "plover"),
    [("036", "AGREE"), ("040", "CONSULT"), ("042", "CONSULT"), ("051", "SUPPORT"), ("061", "COOPERATE"),
     ("073", "AID"), ("081", "CONCEDE"), ("083", "CONCEDE"), ("084", "RETREAT"), ("087", "RETREAT"),
     ("090", "ACCUSE"), ("102", "REQUEST"), ("112", "ACCUSE"), ("120", "REJECT"), ("130", "THREATEN"),
     ("140", "PROTEST"), ("150", "MOBILIZE"), ("163", "SANCTION"), ("173", "COERCE"), ("181", "ASSAULT"),
     ("190", "ASSAULT"), ("202", "ASSAULT"), ("010", None), ("020", None)],
)
def test_cameo_to_plover_crosswalk(cameo: str, plover: str | None) -> None:
    assert cameo_to_plover(cameo) == plover


def test_lexicon_triggers_have_plover_types() -> None:
    triggers = VERB_TRIGGERS + NOUN_TRIGGERS + [trigger for _, trigger in PHRASE_TRIGGERS]
    assert {trigger.type for trigger in triggers} <= set(PLOVER_TYPES)


def test_phrase_cues_cover_every_phrase_trigger() -> None:
    """A sentence holding a phrase trigger must contain one of its cue words, or the coder skips it."""
    import re

    from newsevents.extract.lexicon import PHRASE_CUES

    examples = [
        "took control of", "seized control over", "opened fire on", "set the market on fire", "torched",
        "took to the streets", "went on strike", "staged a strike", "called on", "cut diplomatic ties",
        "restored full diplomatic relations", "work together", "spoke by phone", "held talks",
        "sent 300 troops", "provided food aid", "imposed new sanctions", "held 20 passengers hostage",
    ]
    for pattern, _ in PHRASE_TRIGGERS:
        hits = [example for example in examples if pattern.search(example)]
        assert hits, pattern.pattern
        for example in hits:
            assert PHRASE_CUES & set(re.findall(r"[a-z]+", example)), example
