"""The Jinja2 environment of the pages and the small formatting helpers templates use.

Autoescaping is on for every template, whatever its name, and no helper returns markup: each returns
plain text that the template escapes. Marked-up article text goes through `newsevents.web.highlight`
(pieces of text plus class names), never through `|safe`.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi.templating import Jinja2Templates

from newsevents.extract.plover import PLOVER_TYPES

TYPE_GROUPS = {
    "ASSAULT": "violence", "COERCE": "violence", "MOBILIZE": "force", "THREATEN": "force",
    "SANCTION": "pressure", "PROTEST": "pressure", "REJECT": "pressure", "ACCUSE": "pressure",
    "REQUEST": "talk", "CONSULT": "talk", "AGREE": "cooperation", "COOPERATE": "cooperation",
    "SUPPORT": "cooperation", "AID": "cooperation", "CONCEDE": "yield", "RETREAT": "yield",
}


@cache
def templates() -> Jinja2Templates:
    """The page templates, loaded from the package (works from a wheel as from a checkout)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("newsevents.web", "templates"),
        autoescape=True,
        trim_blocks=True,
        lstrip_blocks=True,
        undefined=jinja2.ChainableUndefined,
    )
    env.filters.update(fatalities=fatalities_label, date=date_label, country=country_label,
                       actors=actors_label, outlet=outlet_label)
    env.globals.update(PLOVER_TYPES=PLOVER_TYPES, TYPE_GROUPS=TYPE_GROUPS, query=query_string)
    return Jinja2Templates(env=env)


def fatalities_label(value: Any) -> str:
    """'12', '10–15', '≥13' or '≤15' from a fatalities dict or dataclass; '' when none is stated."""
    if not value:
        return ""
    low, high = _get(value, "min"), _get(value, "max")
    if low is not None and high == low:
        return str(low)
    if low is not None and high is not None:
        return f"{low}–{high}"
    if low is not None:
        return f"≥{low}"
    if high is not None:
        return f"≤{high}"
    return "?"


def date_label(value: str | None, precision: str | None = None) -> str:
    """The ISO value as stored ("2016", "2022-05", "XXXX-05-04"); 'undated' when unknown."""
    if not value:
        return "undated"
    return value if precision in (None, "day", "unknown") or len(value) > 7 else f"{value} ({precision})"


def country_label(code: str | None) -> str:
    if not code:
        return ""
    from newsevents.extract.gazetteer import country_name

    name = country_name(code)
    return f"{name} ({code})" if name else code


def actors_label(actors: Any) -> str:
    """'Al-Shabaab → Burundian soldiers; with X': sources, then targets, then participants."""
    def names(role: str) -> list[str]:
        return [str(_get(actor, "name")) for actor in actors or [] if _get(actor, "role") == role]

    sources, targets, participants = names("source"), names("target"), names("participant")
    text = ", ".join(sources)
    if targets:
        text = f"{text} → {', '.join(targets)}" if text else f"→ {', '.join(targets)}"
    if participants:
        text = f"{text}; with {', '.join(participants)}" if text else ", ".join(participants)
    return text


def outlet_label(value: str | None) -> str:
    return value or "unknown outlet"


def query_string(params: Mapping[str, Any], **changes: Any) -> str:
    """'?a=1&b=2' from `params` updated by `changes` (None removes a key); '' when empty."""
    merged = {key: value for key, value in {**params, **changes}.items() if value not in (None, "")}
    return "?" + urlencode(merged) if merged else ""


def _get(item: Any, key: str) -> Any:
    return item.get(key) if isinstance(item, Mapping) else getattr(item, key, None)
