"""Coreference of actors inside one article: "the group", "the militants", "it", "he".

News prose names an actor once and then describes it: "The Free Arnor Front seized Esgaroth on
Monday. The group later released 12 hostages." An event database that records "the group" as the
actor of the release has lost the fact. Only clear cases are resolved: the antecedent is the latest
name of a compatible kind in the same or the previous few sentences; when the article gives no such
name, the description stays as written (an unnamed actor is still better than a wrong name).
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence

from newsevents.extract.sectors import mention_sector
from newsevents.model import Mention

WINDOW_SENTENCES = 3
"""How far back an antecedent may be: descriptions refer to what the last few sentences named."""

_ARMED = frozenset({"group", "rebels"})
_DESCRIPTIONS: dict[str, frozenset[str]] = {
    "group": _ARMED, "militants": _ARMED, "rebels": _ARMED, "insurgents": _ARMED, "militia": _ARMED,
    "movement": _ARMED, "jihadists": _ARMED, "fighters": _ARMED, "organisation": _ARMED | {"org", "ngo"},
    "organization": _ARMED | {"org", "ngo"}, "party": frozenset({"party"}),
    "government": frozenset({"state", "government"}), "country": frozenset({"state"}),
    "ministry": frozenset({"government"}), "army": frozenset({"military"}),
    "company": frozenset({"business"}), "court": frozenset({"judiciary"}),
    "newspaper": frozenset({"media"}), "agency": frozenset({"government", "igo", "ngo", "org"}),
    "bloc": frozenset({"igo"}), "alliance": frozenset({"igo", "rebels", "group"}),
}
"""Definite descriptions ("the group") and the sectors of the names they can stand for."""

_PRONOUNS: dict[str, frozenset[str]] = {
    "it": frozenset({"group", "rebels", "state", "government", "org", "igo", "ngo", "party", "business",
                     "media", "military", "police", "judiciary", "unknown"}),
    "he": frozenset({"person", "government", "military", "police", "party", "judiciary", "rebels",
                     "media", "business", "ngo"}),
    "she": frozenset({"person", "government", "military", "police", "party", "judiciary", "rebels",
                      "media", "business", "ngo"}),
}
_PERSON_PRONOUNS = frozenset({"he", "she"})
DESCRIPTION = re.compile(r"\b[Tt]he\s+(" + "|".join(_DESCRIPTIONS) + r")\b")
SUBJECT_PRONOUN = re.compile(r"(?:^|[.;:,]\s*|\b(?:and|but|then)\s+)(It|it|He|he|She|she)\s+$")


def antecedent(word: str, mentions: Sequence[Mention], *, before: int, first_sentence: int) -> Mention | None:
    """The latest mention before offset `before`, in sentence `first_sentence` or later, that
    `word` ("group", "it", "he") can stand for; None when there is none or it is unclear."""
    word = word.lower()
    kinds = _DESCRIPTIONS.get(word) or _PRONOUNS.get(word)
    if kinds is None:
        return None
    people_only = word in _PERSON_PRONOUNS
    index = bisect_left([m.start for m in mentions], before)
    window = [m for m in reversed(mentions[:index]) if m.sentence >= first_sentence
              and m.kind not in {"place", "nationality"} and (m.kind == "person") == people_only]
    sectors = [(mention, mention_sector(mention)) for mention in window]
    for mention, sector in sectors:  # a name whose sector the text told first ...
        if sector != "unknown" and (sector in kinds or mention.kind in kinds):
            return mention
    for mention, sector in sectors:  # ... then a name no list knows
        if sector == "unknown" and "unknown" in kinds:
            return mention
    return None
