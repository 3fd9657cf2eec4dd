"""Read a dateline at the start of an article's first paragraph.

Forms recognised (after `normalise_text`, so every dash is "-"):

    Nairobi, Kenya, May 5- Defence Cabinet Secretary …      place, country, month day
    NAIROBI, May 5 (Reuters) - Kenya's …                    place, date, agency
    KYIV, Ukraine - Russian forces …                        place, country
    Mogadishu (AFP) - Somali troops …                       place, agency
    LAGOS, Nigeria, March 3, 2023 - Gunmen …                place, country, full date
    DAR ES SALAAM, 5 May: …  /  WASHINGTON - …  /  (AFP) - …

To keep ordinary sentences out ("President Ruto - who …"), a dateline needs one of: a date, an
agency in brackets, a second part that is a country or a region of one ("Austin, Texas"), or a
place in capitals of 4+ letters that is not a label ("ISLAMABAD: …" yes; "BREAKING -", "EDITOR'S
NOTE:" no). The place is 1-4
capitalised words (particles such as "es", "de", "of" allowed); a place in capitals is title-cased
("MAIDUGURI" → "Maiduguri"). `country` is ISO 3166-1 alpha-2 from the second part or, failing that,
the place itself ("SOMALIA -"); a city alone gets no country here (geocoding is a later stage).
A day that does not exist in its month gives no month/day.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from dataclasses import dataclass
from functools import cache

from newsevents.model import Dateline

__all__ = ["DatelineMatch", "country_code", "parse_dateline"]

# Upper-case Latin letters (ASCII, Latin-1, and the upper-case half of Latin Extended-A).
_UPPER = "A-ZÀ-ÖØ-Þ" + "".join(chr(code) for code in range(0x100, 0x17F) if chr(code).isupper())
_WORD = rf"[{_UPPER}][\w'.]*(?:-[\w'.]+)*"
_PARTICLE = r"(?i:de|es|el|al|la|le|du|da|do|des|del|di|of|am|an|and|upon|sur|bin|ibn)"
_PLACE = rf"{_WORD}(?:\ (?:{_PARTICLE}\ )?{_WORD}){{0,3}}"  # "\ ": the big pattern is VERBOSE
_MONTH = (
    r"(?i:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_DATELINE = re.compile(
    rf"""
    (?P<place>{_PLACE})?
    (?:,\ (?P<region>(?!{_MONTH}\ \d){_PLACE}))?
    (?:,?\ ?(?:(?P<month>{_MONTH})\ (?P<day>\d{{1,2}})|(?P<day2>\d{{1,2}})\ (?P<month2>{_MONTH}))\b
       (?:,?\ (?P<year>(?:19|20)\d\d))?)?
    (?:\ ?\((?P<agency>[{_UPPER}][^()\n]{{0,38}})\))?
    (?P<sep>\ *-\ +|\ +-\ *|\ *-\Z|\ ?:\ +|\ *\Z)
    """,
    re.VERBOSE,
)
# Words in capitals that open a paragraph as a label, not as a place ("UPDATE: …", "WATCH - …").
_LABELS = frozenset(
    """
    breaking update updated watch exclusive analysis opinion editorial live video photos factbox
    explainer insight focus comment commentary correction corrected clarification urgent advisory
    news note warning disclaimer timeline profile interview review obituary feature read listen
    related sponsored advertisement
    """.split()
)
_SMALL_WORDS = frozenset("es el al la le du da do des del di of am an and de upon sur bin ibn".split())
_MONTH_NUMBERS = {
    name: number
    for number, name in enumerate("jan feb mar apr may jun jul aug sep oct nov dec".split(), start=1)
}
# First words that make "On May 5 - …" or "Sunday, May 5 - …" a sentence, not a dateline.
_NOT_PLACES = frozenset(
    """
    on in at by from since until till a an last this next early late before after during through
    between monday tuesday wednesday thursday friday saturday sunday today yesterday
    """.split()
)

# Names people write that ISO does not list (or lists under another form).
_COUNTRY_ALIASES = {
    "us": "US", "u.s.": "US", "usa": "US", "u.s.a.": "US", "united states": "US", "america": "US",
    "uk": "GB", "u.k.": "GB", "britain": "GB", "great britain": "GB", "england": "GB", "scotland": "GB",
    "wales": "GB", "northern ireland": "GB", "russia": "RU", "iran": "IR", "syria": "SY",
    "south korea": "KR", "north korea": "KP", "drc": "CD", "dr congo": "CD", "d.r. congo": "CD",
    "democratic republic of congo": "CD", "democratic republic of the congo": "CD",
    "congo-kinshasa": "CD", "republic of congo": "CG", "congo-brazzaville": "CG", "congo": "CG",
    "ivory coast": "CI", "cote d'ivoire": "CI", "tanzania": "TZ", "vietnam": "VN", "laos": "LA",
    "bolivia": "BO", "venezuela": "VE", "moldova": "MD", "palestine": "PS", "gaza": "PS",
    "west bank": "PS", "taiwan": "TW", "czech republic": "CZ", "czechia": "CZ", "turkey": "TR",
    "macedonia": "MK", "swaziland": "SZ", "burma": "MM", "east timor": "TL", "cape verde": "CV",
    "vatican": "VA", "the gambia": "GM", "gambia": "GM", "the netherlands": "NL", "holland": "NL",
    "uae": "AE", "brunei": "BN", "micronesia": "FM", "kosovo": "XK",
}
# AP-style US state abbreviations, as datelines write them ("ALBANY, N.Y. -").
_US_STATE_ABBREVIATIONS = frozenset(
    """
    ala. ariz. ark. calif. colo. conn. del. fla. ga. ill. ind. kan. ky. la. md. mass. mich. minn.
    miss. mo. mont. neb. nev. n.h. n.j. n.m. n.y. n.c. n.d. okla. ore. pa. r.i. s.c. s.d. tenn. vt.
    va. wash. w.va. wis. wyo. d.c.
    """.split()
)


@dataclass(frozen=True)
class DatelineMatch:
    """A dateline found at the start of a paragraph; `end` is where the body starts."""

    dateline: Dateline
    year: int | None
    end: int


def parse_dateline(paragraph: str) -> DatelineMatch | None:
    """Return the dateline that opens `paragraph`, or None if it does not open with one."""
    match = _DATELINE.match(paragraph)
    if match is None or match.end() == 0:
        return None
    place, region, agency = match["place"], match["region"], match["agency"]
    month_name, day_text = match["month"] or match["month2"], match["day"] or match["day2"]
    has_date = month_name is not None
    if not place and not agency:
        return None
    if place and place.split(" ", 1)[0].lower() in _NOT_PLACES:
        return None
    if match["sep"].strip() == "" and not (has_date or agency):
        return None  # no separator: only a whole-line "PLACE, May 5" or "PLACE (AFP)" counts
    if not _is_plausible(place, region, has_date=has_date, agency=agency, sep=match["sep"]):
        return None
    month, day, year = _date_parts(month_name, day_text, match["year"])
    country = (country_code(region) if region else None) or (country_code(place) if place else None)
    dateline = Dateline(
        text=paragraph[: match.end()].strip(),
        place=_display_place(place) if place else None,
        country=country,
        month=month,
        day=day,
    )
    return DatelineMatch(dateline=dateline, year=year, end=match.end())


def country_code(name: str) -> str | None:
    """Return the ISO alpha-2 code of a country (or of the country of a region) named `name`."""
    key = _fold(name)
    if key in _US_STATE_ABBREVIATIONS:
        return "US"
    code = _country_index().get(key)
    if code:
        return code
    regions = _region_index().get(key)
    return next(iter(regions)) if regions and len(regions) == 1 else None


def _is_plausible(
    place: str | None, region: str | None, *, has_date: bool, agency: str | None, sep: str
) -> bool:
    if has_date or agency:
        return True
    if region:
        return country_code(region) is not None or (place is not None and place.isupper())
    if place is None or not place.isupper() or not sep.strip():
        return False
    letters = sum(char.isalpha() for char in place)
    return letters >= 4 and not any(word in _LABELS for word in place.lower().split())


def _date_parts(
    month_name: str | None, day_text: str | None, year_text: str | None
) -> tuple[int | None, int | None, int | None]:
    if month_name is None or day_text is None:
        return None, None, None
    month = _MONTH_NUMBERS[month_name.lower()[:3]]
    day = int(day_text)
    year = int(year_text) if year_text else None
    last_day = calendar.monthrange(year or 2000, month)[1]  # 2000 is a leap year: allow Feb 29
    if not 1 <= day <= last_day:
        return None, None, None
    return month, day, year


def _display_place(place: str) -> str:
    if not place.isupper():
        return place
    words = place.lower().split(" ")
    return " ".join(
        word if i and word in _SMALL_WORDS else "-".join(part.capitalize() for part in word.split("-"))
        for i, word in enumerate(words)
    )


def _fold(name: str) -> str:
    decomposed = unicodedata.normalize("NFKD", name.strip().lower())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@cache
def _country_index() -> dict[str, str]:
    import pycountry

    index: dict[str, str] = {}
    for country in pycountry.countries:
        for attribute in ("name", "common_name", "official_name"):
            value = getattr(country, attribute, None)
            if value:
                index[_fold(value)] = country.alpha_2
    index.update(_COUNTRY_ALIASES)
    return index


@cache
def _region_index() -> dict[str, frozenset[str]]:
    import pycountry

    index: dict[str, set[str]] = {}
    for subdivision in pycountry.subdivisions:
        index.setdefault(_fold(subdivision.name), set()).add(subdivision.country_code)
    return {name: frozenset(codes) for name, codes in index.items()}
