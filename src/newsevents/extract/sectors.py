"""Sectors of actors: what kind of body acts, read from titles, name words and role nouns.

An analyst filters "government against civilians" or "rebels against military" far more often than
by name, and most actors in a news stream are in no list. So the sector comes from the words the text
itself uses: a title ("Interior Minister", "Colonel"), the head word of a name ("Unity Party",
"Freedom Front", "Daily Courier"), or the role noun of an unnamed actor ("gunmen", "protesters").

Values: state (a country acting as such), government, military, police, rebels, group (a non-state
armed group from our list, e.g. al-Shabaab), party, civilians, igo, ngo, media, business, judiciary,
criminal, person (a person whose sector the text does not tell) and unknown.
"""

from __future__ import annotations

import re
from functools import lru_cache

from newsevents.model import Mention

SECTORS = (
    "state", "government", "military", "police", "rebels", "group", "party", "civilians", "igo", "ngo",
    "media", "business", "judiciary", "criminal", "person", "unknown",
)

_TITLE_SECTORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:judge|justice|magistrate|prosecutor|attorney[- ]general|chief justice)\b", re.I),
     "judiciary"),
    (re.compile(r"\b(?:police|inspector|commissioner of police|constable|sheriff)\b", re.I), "police"),
    (re.compile(r"\b(?:general|gen|colonel|col|major|lieutenant|lt|brigadier|commander|admiral|"
                r"chief of (?:the )?defen[cs]e|chiefs? of staff|army|soldier|marshal|captain|sergeant|"
                r"warlord)\b", re.I), "military"),
    (re.compile(r"\b(?:rebel|militant|insurgent|jihadist|guerrilla)\b", re.I), "rebels"),
    (re.compile(r"\b(?:party leader|opposition leader|party chairman|party chair|secretary[- ]general "
                r"of the \w+ party|candidate|lawmaker|mp|legislator)\b", re.I), "party"),
    (re.compile(r"\b(?:minister|secretary|president|prime|ambassador|governor|spokes(?:man|woman|person)|"
                r"senator|mayor|envoy|chancellor|king|queen|premier|cabinet|official|emir|sultan|"
                r"vice[- ]president|foreign|interior|diplomat)\b", re.I), "government"),
    (re.compile(r"\b(?:editor|journalist|reporter|correspondent|publisher|broadcaster)\b", re.I), "media"),
    (re.compile(r"\b(?:chief executive|ceo|chairman of|director of|founder|executive)\b", re.I), "business"),
    (re.compile(r"\b(?:activist|director|head of|coordinator)\b", re.I), "ngo"),
)

_NAME_HEAD_SECTORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\b(?:party|congress party|alliance for|democrats|republicans|socialists|"
                r"conservatives|labour)\b", re.I), "party"),
    (re.compile(r"\b(?:front|movement|liberation|resistance|brigades?|militias?|rebels|insurgents|"
                r"mujahideen|revolutionary|army of|defence forces of|jihad)\b", re.I), "rebels"),
    (re.compile(r"\b(?:police|gendarmerie|constabulary)\b", re.I), "police"),
    (re.compile(r"\b(?:army|navy|air force|armed forces|defen[cs]e forces|military|guard|marines|"
                r"command|corps|regiment|battalion)\b", re.I), "military"),
    (re.compile(r"\b(?:supreme court|high court|court|tribunal|judiciary|prosecutor)\b", re.I), "judiciary"),
    (re.compile(r"\b(?:united nations|union|nations|organi[sz]ation of|community|bloc|council of europe|"
                r"commission|nato|ecowas|igad|asean|opec|world bank|imf)\b", re.I), "igo"),
    (re.compile(r"\b(?:ministry|government|parliament|senate|assembly|presidency|cabinet|"
                r"administration|department|agency|embassy|council|authority)\b", re.I), "government"),
    (re.compile(r"\b(?:times|post|news|herald|tribune|gazette|journal|courier|radio|tv|television|"
                r"broadcasting|press|media|daily|weekly|channel)\b", re.I), "media"),
    (re.compile(r"\b(?:bank|company|corporation|corp|inc|ltd|group plc|plc|holdings|industries|"
                r"airlines?|petroleum|mining|energy|motors|telecom)\b", re.I), "business"),
    (re.compile(r"\b(?:red cross|red crescent|amnesty|human rights watch|foundation|charity|"
                r"m[eé]decins|doctors without|relief|aid agency|watch|society|institute|ngo)\b", re.I), "ngo"),
)

ROLE_NOUN_SECTORS: dict[str, str] = {
    "gunmen": "group", "militants": "group", "insurgents": "rebels", "rebels": "rebels",
    "jihadists": "group", "attackers": "group", "assailants": "group", "fighters": "group",
    "militiamen": "rebels", "guerrillas": "rebels", "separatists": "rebels",
    "protesters": "civilians", "demonstrators": "civilians", "villagers": "civilians",
    "civilians": "civilians", "residents": "civilians", "students": "civilians", "worshippers": "civilians",
    "police": "police", "policemen": "police", "police officers": "police", "riot police": "police",
    "soldiers": "military", "troops": "military", "security forces": "military", "the army": "military",
    "peacekeepers": "military", "workers": "civilians", "journalists": "media", "bandits": "group",
    "kidnappers": "group", "pirates": "criminal", "smugglers": "criminal", "gang members": "criminal",
    "supporters": "civilians", "crowds": "civilians", "mourners": "civilians", "youths": "civilians",
    "farmers": "civilians", "traders": "civilians", "teachers": "civilians", "doctors": "civilians",
    "nurses": "civilians", "miners": "civilians", "herders": "civilians", "aid workers": "ngo",
    "ruling party": "party", "opposition party": "party", "lawmakers": "party", "hostages": "civilians",
}
"""Unnamed actors described by role ("gunmen", "the ruling party") and their sectors: nouns that
name who acts in news prose. Broader words ("officials", "the government") are left out: alone they
are a speaker or a country's organ the sentence names in full elsewhere."""

NAME_ROLE_NOUNS: dict[str, str] = {
    **ROLE_NOUN_SECTORS,
    "army": "military", "forces": "military", "navy": "military", "air force": "military",
    "marines": "military", "special forces": "military", "military": "military", "coast guard": "military",
    "military commanders": "military", "commanders": "military", "warships": "military", "jets": "military",
    "government": "government", "authorities": "government", "officials": "government",
    "ministers": "government", "diplomats": "government", "envoy": "government", "envoys": "government",
    "delegation": "government", "delegates": "government", "ambassador": "government",
    "negotiators": "government", "leaders": "government", "president": "government",
    "prime minister": "government", "foreign minister": "government", "defence minister": "government",
    "defense minister": "government", "minister": "government", "king": "government",
    "parliament": "government", "ministry": "government", "cabinet": "government",
    "militia": "rebels", "militias": "rebels", "fighters": "rebels", "opposition": "party",
    "court": "judiciary", "judges": "judiciary", "prosecutors": "judiciary",
    "counterpart": "government", "counterparts": "government", "regulator": "government",
    "party": "party", "alliance": "party", "coalition": "party", "junta": "government",
    "artillery": "military", "customs officers": "government", "migrants": "civilians",
    "tribunal": "judiciary", "companies": "business", "firms": "business", "officers": "police",
    "women": "civilians", "men": "civilians", "children": "civilians", "nationals": "civilians",
    "citizens": "civilians", "tourists": "civilians", "fishermen": "civilians", "sailors": "civilians",
    "crew": "civilians", "pilgrims": "civilians",
    "unions": "civilians", "trade unions": "civilians", "central bank": "government",
    "intelligence services": "government", "border guards": "military", "coastguard": "military",
}
"""Role nouns after a name no list knows ("Tolmari troops", "Arnor's government"): the name and the
noun together are the actor."""


def sector_of_title(title: str | None) -> str | None:
    """The sector a person's title tells ("Interior Minister" → government), or None."""
    if not title:
        return None
    for pattern, sector in _TITLE_SECTORS:
        if pattern.search(title):
            return sector
    return None


def sector_of_name(name: str) -> str | None:
    """The sector an organisation's own name tells ("Unity Party" → party, "Daily Courier" → media)."""
    for pattern, sector in _NAME_HEAD_SECTORS:
        if pattern.search(name):
            return sector
    return None


def mention_sector(mention: Mention) -> str:
    """The actor kind of a mention: from its title for people, its name for bodies, else its kind."""
    if mention.kind == "person":
        return sector_of_title(mention.title) or "person"
    if mention.kind == "nationality":
        return "civilians"
    if mention.kind == "state":
        return "state"
    if mention.kind == "group":
        return "group"
    named = sector_of_name(mention.canonical)
    if mention.kind == "name":
        return named or "unknown"
    if mention.kind == "org":
        return named or "org"
    return named if named in {"police", "judiciary", "igo"} else mention.kind


@lru_cache(maxsize=1)
def capitals() -> dict[str, str]:
    """Capital → country (data/capitals.tsv): the capitals news names for their governments."""
    from importlib import resources

    table = resources.files("newsevents").joinpath("data", "capitals.tsv").read_text(encoding="utf-8")
    rows = (line.split("\t") for line in table.splitlines() if line and not line.startswith("#"))
    return {name.strip(): country.strip() for name, country in rows}
