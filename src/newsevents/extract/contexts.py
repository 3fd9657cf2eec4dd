"""PLOVER contexts: what an event is about (military, diplomatic, election, …), as tags.

A context is read from the wording of the event's own sentence and the sectors of its actors, never
from the article's topic as a whole: a market bombing in an election story is not an election event.
Tags are cheap to filter on and explain themselves, so each rule is a word list an analyst can read.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from newsevents.model import Actor

CONTEXTS = (
    "military", "diplomatic", "terrorism", "peacekeeping", "economic", "election", "legislative",
    "executive", "legal", "crime", "human-rights", "humanitarian", "migration", "health", "environment",
    "disaster", "resources", "territory", "cyber", "protest", "religious", "ethnic", "media",
)


def _words(pattern: str) -> re.Pattern[str]:
    """A cue list, matched on the lower-cased sentence (case-insensitive matching is twice as slow)."""
    return re.compile(r"\b(?:" + pattern + r")")


_CUES: dict[str, re.Pattern[str]] = {
    "military": _words(r"army\b|armies\b|troops\b|soldiers?\b|military\b|armed forces|air ?strikes?\b|"
                       r"shell(?:ing|ed)\b|artillery|offensive\b|warplanes?|fighter jets?|navy\b|naval\b|"
                       r"battalion|brigade\b|defen[cs]e (?:forces|minister|ministry)|warships?\b|missiles?\b|"
                       r"drones?\b|military base|army post"),
    # "ties" alone (not "(?:diplomatic )?ties"): the same sentences, and every alternative opens with a
    # literal word start, which `_worded` relies on to skip the cues a sentence cannot match
    "diplomatic": _words(r"diplomat\w*|embass\w+|ambassadors?\b|envoys?\b|foreign minist\w+|"
                         r"foreign affairs|bilateral|summit\b|ties\b|relations\b|treaty\b|"
                         r"state visit|consulates?\b|talks\b|negotiat\w+|mediat\w+"),
    "terrorism": _words(r"terror\w*|jihadis\w*|extremis\w+|suicide (?:bomb|attack)\w*|al-?qa[ei]da|"
                        r"islamic state|isis\b|iswap\b|al-?shabaa?b|boko haram|jnim\b"),
    "peacekeeping": _words(r"peacekeep\w*|blue helmets|monusco|minusma|unmiss|atmis|amisom|kfor\b|"
                           r"un mission|stabili[sz]ation mission"),
    "economic": _words(r"econom\w+|trade\b|tariffs?\b|prices?\b|inflation|loans?\b|investment\w*|"
                       r"imports?\b|exports?\b|budget\b|debt\b|currency|wages?\b|financ\w+|bank\b|"
                       r"market(?:s)?\b|fuel\b|subsid\w+|sanctions\b|embargo"),
    "election": _words(r"elect\w*|vote\w*|voting|ballots?\b|polls?\b|polling|campaign\w*|candidates?\b|"
                       r"referendum"),
    "legislative": _words(r"parliament\w*|lawmakers?\b|legislat\w+|senat\w+|congress\b|\bmps?\b|"
                          r"national assembly|bill\b|law\b"),
    "executive": _words(r"decree\w*|cabinet\b|executive order|presiden(?:t|cy)\b|prime minister|"
                        r"resign\w*|step(?:ped|s)? down|reshuffle|junta\b|coup\b"),
    "legal": _words(r"courts?\b|judges?\b|trial\b|prosecut\w+|charged\b|charges\b|convict\w+|"
                    r"sentenc\w+|lawsuit|tribunal|icc\b|indict\w+|extradit\w+|acquit\w+"),
    "crime": _words(r"criminal\w*|gangs?\b|bandits?\b|smuggl\w+|traffick\w+|cartels?\b|robber\w*|"
                    r"ransom\b|drug\w*|murder\w*|pira\w+"),
    "human-rights": _words(r"human rights|rights groups?|abuses?\b|tortur\w+|amnesty international|"
                           r"human rights watch|extrajudicial|disappear\w+|crackdown"),
    "humanitarian": _words(r"humanitarian|relief\b|famine|food aid|aid (?:workers?|convoy|agenc\w+)|"
                           r"displaced|displacement|shelters?\b|evacuat\w+|aid\b"),
    "migration": _words(r"migrants?\b|migration|refugees?\b|asylum|deport\w*|"
                        r"smuggled across"),
    "health": _words(r"hospitals?\b|health\b|epidemic|pandemic|cholera|ebola|vaccin\w+|covid|"
                     r"outbreak|medical|doctors?\b|nurses?\b"),
    "environment": _words(r"climate|environment\w*|pollut\w+|deforest\w+|emissions"),
    "disaster": _words(r"earthquake|flood\w*|cyclone|hurricane|typhoon|drought|landslide|wildfire\w*|"
                       r"tsunami"),
    "resources": _words(r"\boil\b|gas\b|mining\b|mines?\b|minerals?\b|gold\b|coltan|water\b|pipeline|"
                        r"refiner\w+|land\b|grazing"),
    "territory": _words(r"territor\w+|borders?\b|annex\w*|sovereign\w*|disputed|frontier|boundary|"
                        r"occupied"),
    "cyber": _words(r"cyber\w*|hack\w*|ransomware|internet shutdown|malware"),
    "religious": _words(r"church\w*|mosques?\b|temples?\b|synagogue|worshippers|clerics?\b|religio\w+|"
                        r"christians?\b|muslims?\b|imams?\b|priests?\b|pilgrims?\b"),
    "ethnic": _words(r"ethnic\w*|tribal|tribes?\b|clans?\b|communal|sectarian"),
    "media": _words(r"journalists?\b|newspapers?\b|broadcast\w+|press freedom|reporters?\b|media\b|"
                    r"internet\b|social media"),
}

_TYPE_CONTEXTS = {"PROTEST": "protest", "CONSULT": "diplomatic"}
_QUANTIFIERS = frozenset("?*+{")


def _top_level_alternatives(pattern: str) -> list[str]:
    """Split a cue pattern at the "|" outside groups and character classes."""
    parts, depth, in_class, start, index = [], 0, False, 0, 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
        index += 1
    parts.append(pattern[start:])
    return parts


def _word_key(alternative: str) -> str | None:
    """The first two or three letters every match of `alternative` starts its first word with
    ("mps?\\b" → "mp", "defen[cs]e" → "def"); None when the alternative opens with anything but
    plain letters, so that its cue is always searched."""
    alternative = alternative.removeprefix("\\b")
    end = 0
    while end < len(alternative) and (alternative[end].isascii() and alternative[end].isalnum()):
        end += 1
    if end < len(alternative) and alternative[end] in _QUANTIFIERS:
        end -= 1  # "mps?": the "s" may be absent
    literal = alternative[:end]
    return literal[:3] if len(literal) >= 2 else None


def _cue_keys(cue: re.Pattern[str]) -> frozenset[str] | None:
    """The word keys of a cue (see `_word_key`), or None when some alternative has none."""
    body = cue.pattern[len("\\b(?:"):-1]
    keys = [_word_key(alternative) for alternative in _top_level_alternatives(body)]
    return None if None in keys else frozenset(keys)  # type: ignore[arg-type]


_CUE_KEYS: dict[str, frozenset[str] | None] = {context: _cue_keys(cue) for context, cue in _CUES.items()}
_UNKEYED = tuple(context for context, keys in _CUE_KEYS.items() if keys is None)


def _contexts_by_key() -> dict[str, tuple[str, ...]]:
    by_key: dict[str, tuple[str, ...]] = {}
    for context, keys in _CUE_KEYS.items():
        for key in keys or ():
            by_key[key] = (*by_key.get(key, ()), context)
    return by_key


_CONTEXTS_BY_KEY = _contexts_by_key()
_WORD_PREFIX = re.compile(r"\b\w{1,3}")
"""The first three characters of every word (the whole word when shorter)."""
_WORD_CHAR = re.compile(r"\w")


def _named_at(cue: re.Pattern[str], keys: list[str], lowered: str) -> bool:
    """Whether `cue` matches the lower-cased sentence at a word that starts with one of `keys`.

    Why: 22 regex searches over every sentence cost ~50 µs, as `re` tries each cue's alternatives at
    every character. A cue match starts where a word starts (after `\\b`, with a letter), with a
    literal of two or more letters, so it can only start at a word beginning with one of the cue's
    keys: trying the cue there alone gives the same answer as searching the whole sentence.
    """
    for key in keys:
        at = lowered.find(key)
        while at >= 0:
            if (at == 0 or not _WORD_CHAR.match(lowered, at - 1)) and cue.match(lowered, at):
                return True
            at = lowered.find(key, at + 1)
    return False


@lru_cache(maxsize=4096)
def _worded(sentence: str) -> frozenset[str]:
    """The contexts a sentence's own words name (cached: the events of a sentence share it)."""
    lowered = sentence.lower()
    prefixes = set(_WORD_PREFIX.findall(lowered))
    keyed: dict[str, list[str]] = {}  # context -> the keys of its cue that words of the sentence start with
    for key in prefixes | {prefix[:2] for prefix in prefixes}:
        for context in _CONTEXTS_BY_KEY.get(key, ()):
            keyed.setdefault(context, []).append(key)
    found = {context for context, keys in keyed.items() if _named_at(_CUES[context], keys, lowered)}
    found.update(context for context in _UNKEYED if _CUES[context].search(lowered))
    return frozenset(found)


def event_contexts(event_type: str, sentence: str, actors: Iterable[Actor]) -> list[str]:
    """The PLOVER contexts an event's sentence and actors name, in CONTEXTS order."""
    found: set[str] = set(_worded(sentence))
    kinds = {actor.kind for actor in actors}
    if "military" in kinds or (kinds & {"rebels", "group"} and event_type == "ASSAULT"):
        found.add("military")
    if "media" in kinds:
        found.add("media")
    if "judiciary" in kinds:
        found.add("legal")
    if "criminal" in kinds:
        found.add("crime")
    if "state" in kinds and event_type in {"CONSULT", "SUPPORT", "AGREE", "SANCTION", "REJECT", "ACCUSE"}:
        found.add("diplomatic")
    if event_type in _TYPE_CONTEXTS and (event_type != "CONSULT" or kinds & {"state", "government"}):
        found.add(_TYPE_CONTEXTS[event_type])
    return [context for context in CONTEXTS if context in found]
