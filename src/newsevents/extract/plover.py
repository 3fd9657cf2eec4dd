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

AUXILIARY_MODES = ("historical", "future", "hypothetical", "negation")
UNREALISED = frozenset({"negation", "hypothetical"})


def cameo_to_plover(cameo: str) -> str | None:
    """Return the PLOVER type of a CAMEO code ("181" → ASSAULT); None for roots 01 and 02.

    Root 08 splits: 081–083 are concessions (CONCEDE), 084–087 retreats (RETREAT).
    """
    root = cameo[:2]
    if root == "08":
        return "CONCEDE" if cameo[:3] in {"080", "081", "082", "083"} else "RETREAT"
    return _ROOT_TO_PLOVER.get(root)
