"""Fatality phrases → ranges, never invented point values.

The rules are DESIGN.md's: "at least 140" → min 140; "over/more than 70" → min 71; "more than a dozen"
→ min 13; "a dozen" → 12–12; "dozens" → min 24; "scores of" → min 40; "hundreds" → min 200; "up to 15"
→ max 15; "between 10 and 15" → 10–15; a bare number is exact. A phrase counts only when a death word
ties the number to dying ("killing more than a dozen troops", "left at least 140 dead", "death toll rose
to 63"); wounded, arrested or displaced counts are not fatalities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from newsevents.extract.folding import FoldedPattern
from newsevents.model import Fatalities

_UNITS = {
    "zero": 0, "no": 0, "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5,
    "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
    "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_WORD_NUMBER = (
    r"(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[- ](?:one|two|three|four|five|"
    r"six|seven|eight|nine))?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen)(?:\s+(?:hundred|thousand))?"
)
_DIGITS = r"\d{1,3}(?:,\d{3})+|\d+"
_NUMBER = rf"(?:{_DIGITS}|{_WORD_NUMBER})"

# Vague quantities: (min, max) of DESIGN.md.
_VAGUE = {
    "a dozen": (12, 12), "dozen": (12, 12), "dozens": (24, None), "dozens of": (24, None),
    "scores": (40, None), "scores of": (40, None), "hundreds": (200, None),
    "hundreds of": (200, None), "thousands": (2000, None), "thousands of": (2000, None),
    "several": (3, None), "a few": (2, None), "many": (None, None), "tens of": (20, None),
}
_VAGUE_RE = r"(?:a\s+dozen|dozens(?:\s+of)?|scores(?:\s+of)?|hundreds(?:\s+of)?|thousands(?:\s+of)?|tens\s+of|several|a\s+few)"

_QUANTITY = (
    rf"(?P<q>(?:(?:at\s+least|no\s+fewer\s+than|not\s+less\s+than|a\s+minimum\s+of)\s+(?P<atleast>{_NUMBER}|{_VAGUE_RE}))"
    rf"|(?:(?:more\s+than|over|upwards\s+of|in\s+excess\s+of)\s+(?P<over>{_NUMBER}|{_VAGUE_RE}))"
    rf"|(?:(?:up\s+to|as\s+many\s+as|at\s+most|no\s+more\s+than|fewer\s+than|less\s+than|under|nearly|almost)\s+(?P<upto>{_NUMBER}))"
    rf"|(?:between\s+(?P<lo>{_NUMBER})\s+and\s+(?P<hi>{_NUMBER}))"
    rf"|(?:(?P<a>{_DIGITS})\s*(?:-|–|to|or)\s*(?P<b>{_DIGITS}))"
    rf"|(?:about|around|roughly|some|approximately|an\s+estimated)\s+(?P<approx>{_NUMBER})"
    rf"|(?P<vague>{_VAGUE_RE})"
    rf"|(?P<exact>{_NUMBER}))"
)

_VICTIM = (
    r"(?:(?:other|more|more\s+than|of\s+the|of\s+them|of\s+whom|[a-z-]+)\s+){0,3}?"
)
_VICTIMS = (
    r"(?:\s+(?:of\s+)?(?:[a-z-]+\s+)?(?:people|persons|troops|soldiers|civilians|villagers|fighters|"
    r"militants|policemen|officers|children|women|men|students|worshippers|passengers|workers|miners|"
    r"farmers|residents|protesters|peacekeepers|members|others)\b)?"
)
_DEATH_AFTER = (
    r"(?:people\s+|persons\s+|civilians\s+|soldiers\s+|troops\s+|\w+\s+)?"
    r"(?:were\s+|was\s+|have\s+been\s+|had\s+been\s+|are\s+|being\s+)?"
    r"(?:killed|dead|died|slain|massacred|murdered|executed|lost\s+their\s+lives|perished|shot\s+dead|"
    r"confirmed\s+dead|feared\s+dead|deaths|fatalities|bodies)"
)

# "killing 12 people", "killed at least 30", "left over 70 people dead", "claimed 12 lives",
# "death toll rose to 63", "12 people were killed", "12 dead".
_PATTERNS = [FoldedPattern(pattern) for pattern in (
    re.compile(
        rf"\b(?:killing|killed|kills|kill|slaying|slew|massacring|massacred|executing|executed|"
        rf"neutrali[sz]ed|neutrali[sz]ing|"
        rf"leaving|left|claiming|claimed)\s+{_QUANTITY}\b{_VICTIMS}(?P<tail>(?:\s+[\w-]+){{0,4}}?\s+(?:dead|lives)\b)?",
        re.IGNORECASE,
    ),
    re.compile(rf"\b(?:death\s+toll|toll)\s+(?:\w+\s+){{0,4}}?(?:to|at|of|reached|stands\s+at|was|is)\s+{_QUANTITY}\b",
               re.IGNORECASE),
    re.compile(rf"(?<![\w-]){_QUANTITY}\s+(?:[\w'’-]+\s+){{0,5}}?{_DEATH_AFTER}\b", re.IGNORECASE),
    re.compile(r"\b(?P<q>(?P<single>an?|one)\s+(?:[\w'’-]+\s+){1,5}?(?:was|has\s+been|had\s+been)\s+"
               r"(?:killed|shot\s+dead|stabbed\s+to\s+death|beaten\s+to\s+death))\b", re.IGNORECASE),
    re.compile(r"\b(?P<q>(?P<zero>no\s+(?:casualties|deaths|fatalities)\s+(?:were|was|have\s+been)\s+reported|"
               r"no\s+one\s+was\s+(?:killed|hurt|injured)|there\s+were\s+no\s+(?:casualties|deaths)))\b",
               re.IGNORECASE),
)]

_DEATH_CUE = FoldedPattern(re.compile(
    r"kill|dead|died|death|toll|lives|slain|slay|slew|massacr|murder|execut|perish|bodies|fatalit|"
    r"casualt|no one was|neutrali",
    re.IGNORECASE,
))
"""Every fatality pattern holds one of these stems: sentences without one are skipped cheaply.
These patterns run case-sensitively on the lower-cased sentence where that is equivalent (see
`newsevents.extract.folding`), so a phrase is read from the sentence by the match's span."""
_LEFT_WITHOUT_DEAD = re.compile(r"^(?:leaving|left|claiming|claimed)\b", re.IGNORECASE)


@dataclass(frozen=True)
class FatalityMatch:
    """A fatality phrase found in a sentence; offsets are relative to the sentence."""

    start: int
    end: int
    fatalities: Fatalities


def parse_number(text: str) -> int | None:
    """Return the integer a numeral or number phrase names ("140", "1,200", "twenty-one", "two hundred")."""
    cleaned = text.strip().lower().replace(",", "")
    if cleaned.isdigit():
        return int(cleaned)
    total, current = 0, 0
    for word in re.split(r"[\s-]+", cleaned):
        if word in _UNITS:
            current += _UNITS[word]
        elif word in _TENS:
            current += _TENS[word]
        elif word == "hundred":
            current = max(current, 1) * 100
        elif word == "thousand":
            total += max(current, 1) * 1000
            current = 0
        else:
            return None
    return total + current


def quantity_range(match: re.Match[str]) -> tuple[int | None, int | None] | None:
    """Turn the named groups of `_QUANTITY` into a (min, max) range; None if no number is stated."""
    groups = match.groupdict()
    if groups.get("zero"):
        return 0, 0
    if groups.get("single"):
        return 1, 1
    if groups.get("atleast"):
        low, high = _value_or_vague(groups["atleast"])
        return low, None if high is None or high != low else None
    if groups.get("over"):
        low, _ = _value_or_vague(groups["over"])
        return (low + 1 if low is not None else None), None
    if groups.get("upto"):
        high = parse_number(groups["upto"])
        return None, high
    if groups.get("lo") and groups.get("hi"):
        return parse_number(groups["lo"]), parse_number(groups["hi"])
    if groups.get("a") and groups.get("b"):
        low, high = parse_number(groups["a"]), parse_number(groups["b"])
        if low is not None and high is not None and low <= high:
            return low, high
        return None
    if groups.get("approx"):
        value = parse_number(groups["approx"])
        return value, value
    if groups.get("vague"):
        low, high = _value_or_vague(groups["vague"])
        if low is None and high is None:
            return None
        return low, high
    if groups.get("exact"):
        value = parse_number(groups["exact"])
        return value, value
    return None


def _value_or_vague(text: str) -> tuple[int | None, int | None]:
    key = re.sub(r"\s+", " ", text.strip().lower())
    if key in _VAGUE:
        return _VAGUE[key]
    value = parse_number(key)
    return value, value


def find_fatalities(sentence: str) -> list[FatalityMatch]:
    """Return the fatality phrases of a sentence, left to right, without overlaps."""
    found: list[FatalityMatch] = []
    if not _DEATH_CUE.search(sentence):
        return found
    for pattern in _PATTERNS:
        for match in pattern.finditer(sentence):
            if _overlaps(found, match.start(), match.end()):
                continue
            if _LEFT_WITHOUT_DEAD.match(match.group(0)) and not match.groupdict().get("tail"):
                continue  # "left 3 wounded", "claimed 2 towns": only "left/claimed N … dead/lives"
            if _is_year_or_unit(match):
                continue
            bounds = quantity_range(match)
            if bounds is None or bounds == (None, None):
                continue
            low, high = bounds
            if low is not None and low > 1_000_000:
                continue
            phrase = sentence[match.start():match.end()].strip()  # the match may be of the lower-cased text
            found.append(FatalityMatch(match.start(), match.end(), Fatalities(low, high, phrase)))
    found.sort(key=lambda item: item.start)
    return found


def _overlaps(found: list[FatalityMatch], start: int, end: int) -> bool:
    return any(start < item.end and item.start < end for item in found)


def _is_year_or_unit(match: re.Match[str]) -> bool:
    """Reject years ("in 2013 which left") and percentages read as counts."""
    groups = match.groupdict()
    number = groups.get("exact") or groups.get("approx") or ""
    if number.isdigit() and len(number) == 4 and 1800 <= int(number) <= 2100:
        return True
    if "q" not in groups:
        return False
    following = match.string[match.end("q"):match.end("q") + 2]
    return following.startswith("%")


def merge_fatalities(claims: list[Fatalities]) -> Fatalities | None:
    """Combine several claims about one event into the range that covers them all."""
    claims = [claim for claim in claims if claim is not None]
    if not claims:
        return None
    if len(claims) == 1:
        return claims[0]
    lows = [claim.min for claim in claims if claim.min is not None]
    highs = [claim.max for claim in claims]
    low = min(lows) if lows else None
    high = None if any(h is None for h in highs) else max(h for h in highs if h is not None)
    if high is not None and low is not None and high < max(lows):
        high = max(lows)
    return Fatalities(low, high, " | ".join(dict.fromkeys(claim.phrase for claim in claims)))
