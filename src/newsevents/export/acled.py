"""ACLED-shaped CSV: ACLED's column names and conventions, so ACLED tooling and habits apply.

Which events: only those ACLED codes — political violence, demonstrations and strategic
developments. Talk (CONSULT, SUPPORT, REQUEST, ACCUSE, REJECT, THREATEN), aid and sanctions have no
ACLED category and are left out (counted in the export report), as are events without a date to at
least the month (ACLED needs one).

Event type and sub-event type, from our PLOVER type, mode and CAMEO code (first rule that applies):

- ASSAULT aerial / drone (CAMEO 195) → Explosions/Remote violence: Air/drone strike
- ASSAULT heavy-weapons (194) → Explosions/Remote violence: Shelling/artillery/missile attack
- ASSAULT suicide-attack (1831) → Explosions/Remote violence: Suicide bomb
- ASSAULT explosives (183) → Explosions/Remote violence: Remote explosive/landmine/IED
- ASSAULT abduct (181) → Violence against civilians: Abduction/forced disappearance
- ASSAULT occupy (192), by state forces → Battles: Government regains territory
- ASSAULT occupy (192), by anyone else → Battles: Non-state actor overtakes territory
- ASSAULT arson (180) → Strategic developments: Looting/property destruction
- ASSAULT by state forces on protesters → Protests: Excessive force against protesters
- ASSAULT by a mob or rioters → Riots: Mob violence
- other ASSAULT on an armed side (state, rebel, militia, external forces) → Battles: Armed clash
- other ASSAULT (on civilians, or on no named target) → Violence against civilians: Attack
- PROTEST riot (145) → Riots: Violent demonstration
- other PROTEST (demonstrate, strike, hunger-strike) → Protests: Peaceful protest
- COERCE on protesters (dispersal, arrests at a protest) → Protests: Protest with intervention
- COERCE arrest (173) → Strategic developments: Arrests
- COERCE repression / torture (175) → Violence against civilians: Attack
- other COERCE (curfews, expulsions) → Strategic developments: Other
- AGREE, COOPERATE; RETREAT ceasefire (0871); release (0841) → Strategic developments: Agreement
- RETREAT withdraw (087) → Strategic developments: Non-violent transfer of territory
- CONCEDE resign (083) → Strategic developments: Change to group/activity
- MOBILIZE naming a base or headquarters → Strategic developments: Headquarters or base established
- other MOBILIZE, other CONCEDE / RETREAT → Strategic developments: Other

disorder_type follows ACLED: Battles, Explosions/Remote violence and Violence against civilians are
"Political violence"; Protests and Riots "Demonstrations", except excessive force against
protesters, "Political violence; Demonstrations"; the rest "Strategic developments".

Columns, in ACLED's order, then ours:

- event_id_cnty: ISO alpha-3 of the event's country (XXX if unknown) + our event id's hex
  ("KEN51160a8bf8acb3cc" is ev_51160a8bf8acb3cc).
- event_date (YYYY-MM-DD), year, time_precision as ACLED defines it: 1 the day is known, 2 the week,
  3 only the month. For week and month precision event_date is the first day of that week or month.
- actor1 / actor2: the first actor of each side (sources, then targets; see `common.sides`), the
  others in assoc_actor_1 / assoc_actor_2 joined by "; ". Civilians, protesters and rioters get
  ACLED's generic names ("Civilians (Kenya)", "Protesters (Peru)"); other actors keep their names.
- inter1 / inter2: ACLED's actor categories in its current text form (State forces, Rebel group,
  Political militia, Identity militia, Rioters, Protesters, Civilians, External/Other forces), from
  the actor's kind; state forces of another country than the event's are External/Other forces.
  interaction: "inter1-inter2" in ACLED's category order, or "inter1 only".
- civilian_targeting: "Civilian targeting" when political violence has civilians as side two.
- iso (ISO 3166 numeric), region (ACLED's regions; the table below), country, admin1 (the
  subdivision's name), admin2 and admin3 (empty: we do not resolve them), location, latitude,
  longitude, geo_precision (1 a town or site, 3 a region or the whole country; ACLED's 2, "near a
  town", is never claimed).
- source: the outlets, "; "; source_scale: empty (we do not know the outlets' reach); notes: our summary;
  tags: empty; timestamp: Unix time of the export.
- fatalities, ACLED's single conservative number: when the fatality phrase names a vague quantity
  without any figure — "tens" → 10, "dozens" → 12, "scores" → 20, "hundreds" → 100, "thousands" →
  1000 (ACLED's convention: one unit of the word) — that number; otherwise the minimum of our range
  ("at least 140" → 140, "more than a dozen" → 13); 0 when no death is reported or only an upper
  bound is ("up to 15": none is certain).
- Our extras: fatalities_min, fatalities_max, fatalities_phrase (the range as the text gives it),
  newsevents_type, newsevents_mode, background, story_id.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from typing import IO, Any

from newsevents.export.common import (
    ExportOptions, ExportReport, Pages, admin1_name, country, date_interval, outlets, sides,
)
from newsevents.model import Actor, Event, Fatalities

ACLED_COLUMNS = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)
EXTRA_COLUMNS = (
    "fatalities_min", "fatalities_max", "fatalities_phrase", "newsevents_type", "newsevents_mode",
    "background", "story_id",
)

STATE, REBEL, POLITICAL, IDENTITY, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL = (
    "State forces", "Rebel group", "Political militia", "Identity militia", "Rioters", "Protesters",
    "Civilians", "External/Other forces",
)
_ORDER = (STATE, REBEL, POLITICAL, IDENTITY, RIOTERS, PROTESTERS, CIVILIANS, EXTERNAL)
_ARMED = frozenset({STATE, REBEL, POLITICAL, IDENTITY, EXTERNAL})
_KIND_CATEGORY = {
    "military": STATE, "police": STATE, "government": STATE, "state": STATE, "group": REBEL,
    "rebels": REBEL, "criminal": POLITICAL, "civilians": CIVILIANS, "person": CIVILIANS,
    "media": CIVILIANS, "ngo": CIVILIANS, "igo": EXTERNAL,
}
_STATE_KINDS = frozenset({"military", "police", "government", "state"})
_PROTESTER_WORDS = re.compile(r"\b(?:protest\w*|demonstrat\w*|marchers|strikers)\b", re.IGNORECASE)
_MOB_WORDS = re.compile(r"\b(?:mobs?|rioters|vigilantes)\b", re.IGNORECASE)
_BASE_WORDS = re.compile(r"\b(?:base|bases|headquarters|camp|outpost)\b", re.IGNORECASE)

POLITICAL_VIOLENCE, DEMONSTRATIONS, STRATEGIC = "Political violence", "Demonstrations", "Strategic developments"
_EVENT_TYPES = {
    "Battles": POLITICAL_VIOLENCE, "Explosions/Remote violence": POLITICAL_VIOLENCE,
    "Violence against civilians": POLITICAL_VIOLENCE, "Protests": DEMONSTRATIONS, "Riots": DEMONSTRATIONS,
    "Strategic developments": STRATEGIC,
}
_REMOTE = {
    "aerial": "Air/drone strike", "drone": "Air/drone strike",
    "heavy-weapons": "Shelling/artillery/missile attack", "suicide-attack": "Suicide bomb",
    "explosives": "Remote explosive/landmine/IED",
}
_REMOTE_CAMEO = {"195": "Air/drone strike", "194": "Shelling/artillery/missile attack",
                 "1831": "Suicide bomb", "183": "Remote explosive/landmine/IED"}

# Vague plural quantities, as ACLED counts them: one unit of the word.
_VAGUE = {"tens": 10, "dozens": 12, "scores": 20, "hundreds": 100, "thousands": 1000}
_VAGUE_WORDS = re.compile(r"\b(tens|dozens|scores|hundreds|thousands)\b", re.IGNORECASE)
# A figure in the phrase ("two dozen", "at least 30") makes the range minimum the better number.
_FIGURE = re.compile(r"\d|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|twenty|thirty|forty|"
                     r"fifty|sixty|seventy|eighty|ninety|dozen|score|hundred|thousand)\b", re.IGNORECASE)

_REGIONS = {
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SH SN SL TG",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW",
    "Southern Africa": "BW LS NA ZA SZ",
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Middle East": "BH CY IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH ID LA MY MM PH SG TH TL VN",
    "East Asia": "CN HK MO JP KP KR MN TW",
    "Europe": "AL AD AT BY BE BA BG HR CZ DK EE FO FI FR DE GI GR GG HU IS IE IM IT JE XK LV LI LT LU MT "
              "MD MC ME NL MK NO PL PT RO RU SM RS SK SI ES SE CH UA GB VA AX SJ",
    "North America": "US CA GL BM PM",
    "Central America": "BZ CR SV GT HN MX NI PA",
    "Caribbean": "AI AG AW BS BB BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI",
    "South America": "AR BO BR CL CO EC FK GF GY PY PE SR UY VE",
    "Oceania": "AS AU CK FJ PF GU KI MH FM NR NC NZ NU NF MP PW PG PN WS SB TK TO TV VU WF",
}
_REGION_OF = {code: region for region, codes in _REGIONS.items() for code in codes.split()}
_GEO_PRECISION = {"site": 1, "city": 1, "admin1": 3, "country": 3}
_DAY = dt.timedelta(days=1)


def write_acled(pages: Pages, stream: IO[str], options: ExportOptions) -> ExportReport:
    """Write the ACLED columns and our extras, one row per event ACLED would code."""
    report = ExportReport("acled")
    timestamp = int(options.resolved_now().timestamp())
    writer = csv.DictWriter(stream, fieldnames=ACLED_COLUMNS + EXTRA_COLUMNS)
    if options.header is not False:
        writer.writeheader()
    for page in pages:
        for event in page:
            row, reason = acled_row(event, timestamp=timestamp)
            if row is None:
                report.leave_out(reason)
                continue
            writer.writerow(row)
            report.written += 1
    return report


def acled_row(event: Event, *, timestamp: int) -> tuple[dict[str, Any] | None, str]:
    """The event's ACLED row, or None and the reason ACLED would not code it."""
    category = acled_category(event)
    if category is None:
        return None, f"no ACLED event type for {event.type}"
    dated = _acled_date(event)
    if dated is None:
        return None, "date not known to the month"
    event_date, precision = dated
    disorder, event_type, sub_event_type = category
    location = event.location
    place = country(location.country if location else None)
    side1, side2 = sides(event)
    inter1, inter2 = (_category(actors[0], event) if actors else "" for actors in (side1, side2))
    fatalities = event.fatalities
    return {
        "event_id_cnty": f"{place.alpha3 if place else 'XXX'}{event.event_id.removeprefix('ev_')}",
        "event_date": event_date, "year": event_date[:4], "time_precision": precision,
        "disorder_type": disorder, "event_type": event_type, "sub_event_type": sub_event_type,
        "actor1": _name(side1[0], inter1, place) if side1 else "",
        "assoc_actor_1": "; ".join(actor.name for actor in side1[1:]), "inter1": inter1,
        "actor2": _name(side2[0], inter2, place) if side2 else "",
        "assoc_actor_2": "; ".join(actor.name for actor in side2[1:]), "inter2": inter2,
        "interaction": _interaction(inter1, inter2),
        "civilian_targeting": "Civilian targeting" if disorder.startswith(POLITICAL_VIOLENCE)
        and inter2 == CIVILIANS else "",
        "iso": place.numeric.lstrip("0") if place else "", "region": _REGION_OF.get(place.alpha2, "") if place else "",
        "country": place.name if place else "", "admin1": (admin1_name(location.admin1) or "") if location else "",
        "admin2": "", "admin3": "", "location": location.name if location else "",
        "latitude": location.lat if location and location.lat is not None else "",
        "longitude": location.lon if location and location.lon is not None else "",
        "geo_precision": _GEO_PRECISION.get(location.precision, "") if location else "",
        "source": "; ".join(outlets(event)), "source_scale": "", "notes": event.summary,
        "fatalities": acled_fatalities(fatalities), "tags": "", "timestamp": timestamp,
        "fatalities_min": fatalities.min if fatalities else None,
        "fatalities_max": fatalities.max if fatalities else None,
        "fatalities_phrase": fatalities.phrase if fatalities else None,
        "newsevents_type": event.type, "newsevents_mode": event.mode, "background": event.background,
        "story_id": event.story_id,
    }, ""


def acled_fatalities(fatalities: Fatalities | None) -> int:
    """ACLED's single conservative number for a fatality range (see the module docstring)."""
    if fatalities is None:
        return 0
    vague = _VAGUE_WORDS.search(fatalities.phrase or "")
    if vague and not _FIGURE.search(fatalities.phrase):
        return _VAGUE[vague.group(1).lower()]
    return fatalities.min if fatalities.min is not None else 0


def acled_category(event: Event) -> tuple[str, str, str] | None:
    """(disorder_type, event_type, sub_event_type) of an event, or None if ACLED has no category."""
    found = _event_and_sub_type(event)
    if found is None:
        return None
    event_type, sub_event_type = found
    disorder = _EVENT_TYPES[event_type]
    if sub_event_type == "Excessive force against protesters":
        disorder = f"{POLITICAL_VIOLENCE}; {DEMONSTRATIONS}"
    return disorder, event_type, sub_event_type


def _event_and_sub_type(event: Event) -> tuple[str, str] | None:
    handler = _BY_TYPE.get(event.type)
    return handler(event) if handler else None


def _assault(event: Event) -> tuple[str, str]:
    mode, cameo = event.mode or "", event.cameo or ""
    remote = _REMOTE.get(mode) or next((sub for code, sub in _REMOTE_CAMEO.items() if cameo.startswith(code)), None)
    if remote:
        return "Explosions/Remote violence", remote
    if mode == "abduct" or cameo.startswith("181"):
        return "Violence against civilians", "Abduction/forced disappearance"
    side1, side2 = sides(event)
    if mode == "occupy" or cameo.startswith("192"):
        by_state = bool(side1) and side1[0].kind in _STATE_KINDS
        return "Battles", "Government regains territory" if by_state else "Non-state actor overtakes territory"
    if mode == "arson" or cameo.startswith("180"):
        return "Strategic developments", "Looting/property destruction"
    if side1 and side1[0].kind in _STATE_KINDS and any(_PROTESTER_WORDS.search(a.name) for a in side2):
        return "Protests", "Excessive force against protesters"
    if any(_MOB_WORDS.search(a.name) for a in side1):
        return "Riots", "Mob violence"
    if any(_category(actor, event) in _ARMED for actor in side2):
        return "Battles", "Armed clash"
    return "Violence against civilians", "Attack"


def _protest(event: Event) -> tuple[str, str]:
    if event.mode == "riot" or (event.cameo or "").startswith("145"):
        return "Riots", "Violent demonstration"
    return "Protests", "Peaceful protest"


def _coerce(event: Event) -> tuple[str, str]:
    _, side2 = sides(event)
    if any(_PROTESTER_WORDS.search(actor.name) for actor in side2):
        return "Protests", "Protest with intervention"
    if event.mode == "arrest" or (event.cameo or "").startswith("173"):
        return "Strategic developments", "Arrests"
    if event.mode == "repression" or (event.cameo or "").startswith("175"):
        return "Violence against civilians", "Attack"
    return "Strategic developments", "Other"


def _agreement(event: Event) -> tuple[str, str]:
    return "Strategic developments", "Agreement"


def _yield(event: Event) -> tuple[str, str]:
    cameo = event.cameo or ""
    if cameo.startswith(("0871", "0841")) or event.mode == "release":
        return "Strategic developments", "Agreement"
    if event.mode == "withdraw" or cameo == "087":
        return "Strategic developments", "Non-violent transfer of territory"
    if event.mode == "resign" or cameo.startswith("083"):
        return "Strategic developments", "Change to group/activity"
    return "Strategic developments", "Other"


def _mobilize(event: Event) -> tuple[str, str]:
    if _BASE_WORDS.search(f"{event.trigger} {event.summary}"):
        return "Strategic developments", "Headquarters or base established"
    return "Strategic developments", "Other"


_BY_TYPE = {
    "ASSAULT": _assault, "PROTEST": _protest, "COERCE": _coerce, "AGREE": _agreement,
    "COOPERATE": _agreement, "RETREAT": _yield, "CONCEDE": _yield, "MOBILIZE": _mobilize,
}


def _category(actor: Actor, event: Event) -> str:
    """ACLED's category of an actor in this event (protesters and rioters by the event's type)."""
    if event.type == "PROTEST" and actor.role != "target":
        return RIOTERS if event.mode == "riot" else PROTESTERS
    if _PROTESTER_WORDS.search(actor.name):
        return PROTESTERS
    if _MOB_WORDS.search(actor.name):
        return RIOTERS
    category = _KIND_CATEGORY.get(actor.kind, "")
    event_country = event.location.country if event.location else None
    if category == STATE and actor.country and event_country and actor.country != event_country:
        return EXTERNAL
    if not category and actor.role == "source" and event.type == "ASSAULT":
        return POLITICAL  # an unnamed armed group ("gunmen"): ACLED's Unidentified Armed Group
    return category


def _name(actor: Actor, category: str, place: Any) -> str:
    if category in (CIVILIANS, PROTESTERS, RIOTERS) and actor.kind not in _STATE_KINDS:
        where = country(actor.country) or place
        return f"{category} ({where.name})" if where else category
    return actor.name


def _interaction(inter1: str, inter2: str) -> str:
    present = [category for category in (inter1, inter2) if category]
    if not present:
        return ""
    if len(present) == 1:
        return f"{present[0]} only"
    first, second = sorted(present, key=_ORDER.index)
    return f"{first}-{second}"


def _acled_date(event: Event) -> tuple[str, int] | None:
    """(event_date, time_precision), read from the days the date covers rather than its label: one
    day → 1; a week or a weekend → 2; a calendar month → 3; anything wider → None."""
    interval = date_interval(event)
    if interval is None:
        return None
    first, last = interval
    span = (last - first).days
    if span == 0:
        precision = 1
    elif span <= 6:
        precision = 2
    elif first.day == 1 and (first.year, first.month) == (last.year, last.month) and (last + _DAY).day == 1:
        precision = 3
    else:
        return None
    return first.isoformat(), precision
