"""PLOVER event types and the CAMEO → PLOVER crosswalk of DESIGN.md."""

from __future__ import annotations

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE",
    "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
)

_ROOT_TO_PLOVER = {
    "03": "AGREE", "04": "CONSULT", "05": "SUPPORT", "06": "COOPERATE", "07": "AID",
    "09": "ACCUSE", "10": "REQUEST", "11": "ACCUSE", "12": "REJECT", "13": "THREATEN",
    "14": "PROTEST", "15": "MOBILIZE", "16": "SANCTION", "17": "COERCE", "18": "ASSAULT",
    "19": "ASSAULT", "20": "ASSAULT",
}

MODES: dict[str, tuple[str, ...]] = {
    "AGREE": (),
    "CONSULT": ("visit", "third-party", "multilateral", "phone"),
    "SUPPORT": (),
    "CONCEDE": ("resign", "ease-sanctions", "policy"),
    "COOPERATE": ("economic", "military", "judicial", "intelligence"),
    "AID": ("economic", "military", "humanitarian", "asylum"),
    "RETREAT": ("withdraw", "release", "ceasefire", "return", "demobilize"),
    "REQUEST": (),
    "ACCUSE": ("disapprove", "investigate", "allege"),
    "REJECT": (),
    "THREATEN": ("force", "sanction", "ultimatum"),
    "PROTEST": ("demonstrate", "riot", "strike", "hunger-strike", "obstruct"),
    "SANCTION": ("embargo", "break-relations", "expel", "cut-aid", "halt-negotiations"),
    "MOBILIZE": ("troops", "police", "alert"),
    "COERCE": ("arrest", "restrict", "deport", "seize", "repression", "censor"),
    "ASSAULT": ("abduct", "firearms", "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons",
                "assassinate", "mass-killing", "occupy", "arson", "beat", "sexual", "unconventional"),
}
"""Our mode vocabulary per type: PLOVER's (as POLECAT codes it) where it names one, kept small so an
analyst can filter on it. An event's `mode` is one of its type's modes or null."""

PLOVER_REFINEMENTS = {"057": "AGREE"}
"""CAMEO codes whose PLOVER type is finer than the root crosswalk: signing a formal agreement (057)
is PLOVER's AGREE, not the SUPPORT that root 05 would give."""

AUXILIARY_MODES = ("historical", "future", "hypothetical", "negation")
UNREALISED = frozenset({"negation", "hypothetical"})


def cameo_to_plover(cameo: str) -> str | None:
    """Return the PLOVER type of a CAMEO code ("181" → ASSAULT); None for roots 01 and 02.

    Root 08 splits: 081–083 are concessions (CONCEDE), 084–087 retreats (RETREAT). The few codes of
    PLOVER_REFINEMENTS take PLOVER's finer type.
    """
    if cameo in PLOVER_REFINEMENTS:
        return PLOVER_REFINEMENTS[cameo]
    root = cameo[:2]
    if root == "08":
        return "CONCEDE" if cameo[:3] in {"080", "081", "082", "083"} else "RETREAT"
    return _ROOT_TO_PLOVER.get(root)
