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
