"""Tag time expressions and anchor them: TimeML-style values, never more precise than the text.

`tag_times` finds an article's time expressions with precompiled regular expressions of our own
(dateparser is slow, pads spans and fills in days the text never gave; every form matched here is
normalised by these rules, so dateparser is not called at all) and gives each a `TimeExpr`.
`resolve` and `reanchor` finish expressions later, once story resolution knows an undated
article's date.

Spans
    Tight: "Two days ago", not "Two days ago, the". Leading prepositions (on, in, at, since, by,
    until, from, during, for, over, within, ...) are *excluded* and kept in ``rule["signal"]``:
    "in 2011" → text "2011", signal "in"; "since 2011" → "2011", signal "since" (a background
    cue). Words that belong to the expression stay in: "last Friday", "the next day", "the
    weekend", "early"/"late"/"mid-" (``rule["mod"]`` START/END/MID) and quantity modifiers ("more
    than two years ago", ``rule["mod"]`` MORE_THAN; also APPROX, LESS_THAN, EQUAL_OR_MORE,
    EQUAL_OR_LESS). ``text`` is always ``article.text[start:end]``. Expressions inside the
    article's dateline ("Nairobi, Kenya, May 5-") are left out: that is the article's own date.

Values (TimeML TIMEX3 conventions, documented for users in docs/time.md;
`newsevents.extract.timevalues` reads them)
    DATE      "2022-05-04" day, "2022-W17" ISO week, "2022-W17-WE" its weekend, "2011-10" month,
              "2013" year, "2022-SU" / "2023-Q1" / "2023-H2" a season, quarter or half year,
              "199" decade (the 1990s; precision "unknown": the model has no decade, season or
              quarter), "XXXX-05-04" / "XXXX-05" a day or month of an unknown year, "XXXX-WXX-1"
              a Monday of an unknown week (undated "on Monday"), and the reference words PAST_REF
              ("recently", "in recent months", "years ago"), PRESENT_REF ("currently", "now"),
              FUTURE_REF ("soon", "in the coming weeks"), precision "unknown". "in two weeks" in a
              future-tense sentence is a DATE (an offset), otherwise a DURATION.
    TIME      a clock time ("T15:00") or part of the day ("TMO", "TAF", "TEV", "TNI": "Monday
              night", "this morning", "tonight", "at dawn", "overnight", "the early hours") on a
              day. A part of the day said with its day is one expression on that day ("Monday
              night" → "2022-05-02TNI"); a clock time or a bare part of the day goes on the
              nearest day-precision DATE of its sentence ("at 3 pm on Tuesday" →
              "2022-05-03T15:00"; not the day of a report, "police said on Friday", when there
              is another), else on the article date (anchor "article"), else it stays
              "XXXX-XX-XXT15:00" (unresolved; a SET in the sentence, "at 9 p.m. daily", keeps it
              so for good, anchor "absolute"). "3:30" without am/pm is read as written (T03:30).
    DURATION  "P3W" (three weeks), "PT48H", "P10Y" (a decade), "PXD" ("for days"), "PXDE"
              ("for decades"), also hyphenated
              adjectives ("a 72-hour truce" → "PT72H").
    SET       "XXXX-WXX-5" (every Friday, on Fridays; Monday = 1), "P1D" (daily), "P2W" (every two
              weeks), "XXXX-XX-XXTNI" (every night), "P1M" ("$300 a month"); "twice a week" is
              "P1W" with ``rule["freq"]`` "2X".

Precision is day | week | month | year | unknown and follows the text: "in 2016" is "2016"
(year), "April 2020" is "2020-04" (month), "three weeks ago" a week, and a chain is never finer
than what it counts from ("Two years later" after "October 2011" is "2013", year). A numeric date
whose day and month could be swapped ("04/05/2022") gives only its year.

Anchors (`TimeExpr.anchor`)
    absolute    the text alone ("October 2011", "2022-05-04", durations, sets).
    article     computed from the article date ("Two days ago", "on Wednesday", "May 4" in a
                dated article, "last week"). Reference words (PAST_REF, ...) are "article" too:
                they are relative to the article's date whether or not it is known.
    previous    computed from the nearest earlier DATE of the text ("Two years later" after
                "October 2011" → "2013"); a chain with no earlier DATE counts from the article
                date. A vague chain ("Months later") has value None with this anchor.
    story       finished later by `reanchor`/`resolve` with a label starting with "story".
    unresolved  value None or partial ("XXXX-05-04"): no full date was known. `rule` holds what
                is needed to finish it. Event-relative times ("two days after the election")
                stay unresolved for good: the event's date is not a time expression.

Rules (`TimeExpr.rule`: the machine form of what the text says)
    {"kind": "absolute"}                                            value as written
    {"kind": "partial", "month": 5, "day": 4, "direction": "past"}  "May 4"
    {"kind": "month", "month": 4, "direction": "past_strict"}       "last April", "in April"
    {"kind": "offset", "unit": "day", "n": -2, "precision": "day"}  "two days ago", "yesterday"
    {"kind": "offset", "unit": "week", "n": -1, "precision": "week", "weekend": true}
                                                                    "last weekend"
    {"kind": "weekend", "direction": "past"}                        "over the weekend"
    {"kind": "weekday", "weekday": 2, "direction": "past"}          "on Wednesday" (Monday = 0)
    {"kind": "chain", "unit": "year", "n": 2, "precision": "year"}  "Two years later"
    {"kind": "chain", "weekday": 0, "direction": "future"}          "the following Monday"
    {"kind": "chain", "unit": "month", "n": null, ...}              "Months later" (vague)
    {"kind": "event", "unit": "day", "n": 2}                        "two days after [the vote]"
    {"kind": "time", "hour": 15, "minute": 0, "date_start": 812}    "3 pm" (offset of its day)
    {"kind": "time", "part": "MO", "date_start": None}              "at dawn" (no day named)
    {"kind": "month", "month": 6, "season": "SU", "direction": ...} "last summer"
    {"kind": "offset", "unit": "year", "n": 0, "suffix": "-Q1", ...} "the first quarter"
    {"kind": "ref"}, {"kind": "duration"}, {"kind": "set"}          value as written
    Any rule may also carry "signal" (the preposition before the span) and "mod"; a day rule
    may carry "part" (MO/AF/EV/NI: the expression is then a TIME on that day).

Directions
    "past" takes the latest match on or before the anchor, "future" the first one after it;
    "past_strict"/"future_strict" ("last Friday", "next Monday", "last May") skip the anchor's
    own day or month; "this" keeps the anchor's week (weekdays) or year (months). Without a
    determiner the sentence decides: future when the last marker before the expression is will,
    shall, 'll, "is to", "is due", scheduled, planned, "expected to", "set to", "plans to",
    "going to", slated, upcoming or next and no reporting verb ("said") follows it; past when the
    sentence has a past-tense verb ("met", "killed", "was"); otherwise no sign. Weekdays with no
    sign count back (news reports the past). Months and month-days follow HeidelTime: past and a
    month after the anchor's → the year before; future and a month before it → the year after;
    otherwise (and with no sign) the anchor's year. `TimeExpr.tense` records past / future /
    present ("present" = no sign); absolute dates take it from the calendar when the article date
    is known.

The article date is `Article.published`; without it, a dateline month and day ("May 5-") is a
partial anchor: day and month offsets still resolve ("two days ago" → "XXXX-05-03", anchor
"unresolved"), weekdays and years do not. `reanchor` later finishes every "unresolved" expression
from its rule, in text order, so that chains see their newly resolved previous expression.
"""

from __future__ import annotations

import bisect
import calendar
import dataclasses
import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import Any

from newsevents.errors import ExtractError
from newsevents.extract.timevalues import is_partial, value_interval, value_precision
from newsevents.model import Article, Precision, Sentence, TimeExpr

__all__ = ["reanchor", "resolve", "tag_times"]

# --------------------------------------------------------------------------------------------------
# Lexicons and patterns. Patterns run on a lower-cased copy of the text (same offsets), without
# IGNORECASE (several times faster); capitalisation ("May" the month, not the verb) is checked on
# the original.
# --------------------------------------------------------------------------------------------------

_MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_SMALL_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14,
    "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
_TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}
_FIXED_NUMBERS = {
    "a": 1, "an": 1, "a couple of": 2, "a couple": 2, "couple of": 2, "a dozen": 12,
    "a half": 0.5, "a hundred": 100,
}
_VAGUE_NUMBERS = frozenset(
    {"a few", "a number of", "several", "few", "some", "many", "dozens of", "hundreds of"})
_UNIT_PRECISION = {
    "second": "day", "minute": "day", "hour": "day", "day": "day", "week": "week",
    "fortnight": "week", "month": "month", "year": "year", "decade": "decade",
    "century": "century",
}
_DURATION_CODE = {  # unit → (TimeML code, how many of it one unit is)
    "second": ("TS", 1), "minute": ("TM", 1), "hour": ("TH", 1), "day": ("D", 1),
    "week": ("W", 1), "fortnight": ("W", 2), "month": ("M", 1), "year": ("Y", 1),
    "decade": ("Y", 10), "century": ("Y", 100),
}
_VAGUE_CODE = {"decade": "DE", "century": "CE"}  # "for decades" is PXDE: years would lose the grain
_PART_CODE = {  # TimeML parts of the day
    "morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "tonight": "NI",
    "dawn": "MO", "daybreak": "MO", "dusk": "EV", "nightfall": "EV", "overnight": "NI",
    "hours": "NI",  # "the early hours"
}
_SEASON_CODE = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
_SEASON_MONTH = {"SP": 3, "SU": 6, "FA": 9, "WI": 12}  # the first month (northern hemisphere)
_ORDINAL = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
            "4th": 4, "final": 4, "last": 4}
_PRECISION_ORDER = ("day", "week", "month", "year", "decade", "century")
_PARTS_OF_DAY = ("morning", "afternoon", "evening", "night")
_MOD_WORDS = {
    "about": "APPROX", "around": "APPROX", "roughly": "APPROX", "approximately": "APPROX",
    "some": "APPROX", "nearly": "LESS_THAN", "almost": "LESS_THAN", "under": "LESS_THAN",
    "less than": "LESS_THAN", "fewer than": "LESS_THAN", "barely": "LESS_THAN",
    "just under": "LESS_THAN", "over": "MORE_THAN", "more than": "MORE_THAN",
    "just over": "MORE_THAN", "at least": "EQUAL_OR_MORE", "up to": "EQUAL_OR_LESS",
}
_DET_STEP = {"last": -1, "this past": -1, "past": -1, "this": 0, "current": 0, "next": 1,
             "coming": 1, "following": 1, "previous": -1, "preceding": -1, "same": 0}
_PRE_MOD = {"early": "START", "late": "END", "mid": "MID"}
_DIRECTION_OF_DET = {"last": "past_strict", "past": "past_strict", "next": "future_strict",
                     "coming": "future_strict", "this": "this"}

_MON_FULL = "january|february|march|april|may|june|july|august|september|october|november|december"
_MON_ABBR = "sept|jan|feb|mar|apr|jun|jul|aug|sep|oct|nov|dec"
_MON_ANY = r"(?:" + _MON_FULL + r")\b|(?:" + _MON_ABBR + r")\b\.?"
_WD = "monday|tuesday|wednesday|thursday|friday|saturday|sunday"
_YEAR4 = r"(?:1[5-9]|20)[0-9]{2}"
_YEAR_END = r"\b(?![0-9]|,[0-9])"
_NUM = (
    r"(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]{1,5}(?:\.[0-9]+)?"
    r"|(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
    r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine)\b)?"
    r"|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+dozen|a\s+half|a\s+hundred|a\s+few"
    r"|a\s+number\s+of|dozens\s+of|hundreds\s+of"
    r"|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen"
    r"|sixteen|seventeen|eighteen|nineteen|several|few|some|many|an|a)"
)
_UNIT = (
    r"(?:seconds?|minutes?|hours?|days?|weeks?|fortnights?|months?|years?|decades?|century"
    r"|centuries)"
)
_MOD = (
    r"(?:about|around|roughly|approximately|some|nearly|almost|under|less\s+than|fewer\s+than"
    r"|barely|just\s+under|just\s+over|over|more\s+than|at\s+least|up\s+to)"
)
_COUNT_NOUNS = (
    r"people|persons|men|women|children|kids|troops|soldiers|officers|police|policemen|civilians"
    r"|refugees|residents|migrants|fighters|militants|rebels|members|students|pupils|families"
    r"|households|workers|voters|votes|casualties|dead|deaths|cases|patients|km|kilometres"
    r"|kilometers|miles|metres|meters|feet|tonnes|tons|kg|dollars|shillings|euros|pounds|rupees"
    r"|naira|rand|units|homes|houses|buildings|vehicles|cars|jobs|acres|hectares|barrels|heads"
    r"|cattle|animals|hostages|prisoners|detainees|inmates|delegates|participants|seats|times"
)

_c = re.compile

# Forward patterns, matched at the start of a trigger token (`pattern.match(low, pos)`).
_MONTH_AT = _c(r"(?:(?P<full>" + _MON_FULL + r")\b|(?P<abbr>" + _MON_ABBR + r")\b\.?)(?:\s+"
               r"(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?\b(?![0-9]|:[0-9])(?:,?\s+(?P<year>" + _YEAR4
               + r")" + _YEAR_END + r")?|,?\s+(?:of\s+)?(?P<myear>" + _YEAR4 + r")" + _YEAR_END
               + r")?")
_ISO_AT = _c(r"(?P<y>" + _YEAR4 + r")(?P<sep>[-/])(?P<mo>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"
             r"(?![0-9])")
_NUMERIC_AT = _c(r"(?<![0-9./])(?P<a>[0-9]{1,2})(?P<sep>[/.])(?P<b>[0-9]{1,2})(?P=sep)(?P<y>"
                 + _YEAR4 + r")(?![0-9])")
_DAY_MONTH_AT = _c(r"(?<![0-9.,:])(?P<day>[0-9]{1,2})(?:st|nd|rd|th)?\s+(?:of\s+)?(?:(?P<full>"
                   + _MON_FULL + r")\b|(?P<abbr>" + _MON_ABBR + r")\b\.?)(?:,?\s+(?P<year>"
                   + _YEAR4 + r")" + _YEAR_END + r")?")
_YEAR_AT = _c(r"(?<![0-9$£€#.,:/])(?P<year>" + _YEAR4 + r")\b(?![.,:][0-9]|[0-9]|%"
              r"|-(?:old|strong|member|man|seat)\b)")
_DECADE_AT = _c(r"(?<![0-9])(?:(?P<dec>1[5-9][0-9]|20[0-9])0|['’](?P<short>[0-9])0)['’]?s\b")
_TIME_AT = _c(r"(?:(?P<h>[0-9]{1,2})(?:[:.](?P<m>[0-5][0-9]))?\s*(?P<ap>a\.m\.|p\.m\.|a\.m|p\.m"
              r"|am|pm)(?![a-z])(?:\s*(?:gmt|utc|local\s+time)\b)?"
              r"|(?P<h2>[01]?[0-9]|2[0-3])[:h](?P<m2>[0-5][0-9])\b(?:\s*(?:gmt"
              r"|utc|local\s+time|hrs|hours)\b)?|(?P<h3>[01][0-9]|2[0-3])(?P<m3>[0-5][0-9])\s*"
              r"(?:gmt|utc|hrs|hours)\b|(?P<noon>noon|midday|midnight)\b)")
_WEEKDAY_AT = _c(r"(?P<wd>" + _WD + r")(?P<pl>s)?\b(?:\s+(?P<part>morning|afternoon|evening"
                 r"|night)\b)?")
_REL_WORD_AT = _c(r"(?P<w>yesterday|today|tomorrow|tonight)\b(?:\s+(?P<part>morning|afternoon"
                  r"|evening|night)\b)?")
_REL_PERIOD_AT = _c(r"(?P<det>this\s+past|last|this|next|past|coming|previous|current|following"
                    r"|same|preceding)\s+(?:(?P<num>" + _NUM + r")\s+)?(?P<unit>" + _UNIT
                    + r"|weekends?|morning|afternoon|evening|night)\b")
_QUANT_AT = _c(r"(?P<unit>" + _UNIT + r")\b(?!-old)(?:\s+(?P<dir>ago|earlier|later|before"
               r"|afterwards|after|prior|from\s+now|hence|on)\b|(?P<time>['’]\s+time)\b)?")
_CHAIN_WORD_AT = _c(r"(?P<unit>day|week|month|year|night|morning|evening)\s+(?P<dir>before|after"
                    r"|earlier|later|prior)\b")
_THAT_AT = _c(r"(?P<unit>day|week|month|year|morning|afternoon|evening|night)\b(?!-)")
_REF_AT = _c(r"(?:(?P<recent>recent\s+(?:days|weeks|months|years|times))|(?P<word>recently"
             r"|lately|currently|nowadays)|(?P<future>future)|(?P<past>past)(?!\s+(?:" + _NUM
             + r"\s+)?" + _UNIT + r")|(?P<ahead>ahead))\b")
_SET_AT = _c(r"(?:(?:every|each)\s+(?:(?P<other>other)\s+)?(?:(?P<num>" + _NUM + r")\s+)?"
             r"(?P<unit>" + _UNIT + r"|" + _WD + r"|morning|afternoon|evening|night|weekend)"
             r"|(?P<adv>daily|weekly|monthly|annually|yearly|fortnightly|nightly)"
             r"|(?P<freq>once|twice|thrice|times)\s+(?:a|an|per|each|every)\s+(?P<funit>"
             + _UNIT + r"))\b")

# Backward patterns, searched in a short window that ends where the token starts.
_WD_BEFORE = _c(r"\b(?P<wd>" + _WD + r"),?\s+$")
_WEEKDAY_DET_BEFORE = _c(r"(?:\b(?P<chain>the\s+(?:following|previous|preceding|next))"
                         r"|\b(?P<det>last|next|this|coming|past))\s+$")
_MONTH_DET_BEFORE = _c(r"\b(?P<det>last|next|this|coming|past)\s+$")
_NUM_BEFORE = _c(r"(?:\b(?P<mod>" + _MOD + r")\s+)?\b(?P<num>" + _NUM + r")(?P<sep>\s+|-)$")
_NUM_ONLY_BEFORE = _c(r"\b(?P<num>" + _NUM + r")\s+$")
_THE_BEFORE = _c(r"\bthe\s+$")
_EARLY_HOURS_BEFORE = _c(r"\bthe\s+(?:early|small|wee)\s+(?:morning\s+)?$")
_IN_THE_PART_BEFORE = _c(r"\b(?:in|during|through)\s+(?P<the>the)\s+$")
_RATE_BEFORE = _c(r"(?:[0-9$£€%][^\s]*|\b(?:dollars|shillings|euros|pounds|rupees|naira|cents"
                  r"|francs|birr|times))\s+$")
_ADJECTIVE_BEFORE = _c(r"\b(?:a|an|the|its|their|his|her|our|this|that)\s+$")
_THAT_BEFORE = _c(r"\bthat\s+(?:same\s+)?$")
_REL_PERIOD_BEFORE = _c(r"(?:\b(?P<the>the)\s+|\b(?P<pre>earlier|later|early|late|mid)"
                        r"(?:\s+|-))$")
_REL_WORD_BEFORE = _c(r"(?:\b(?P<dayba>the\s+day\s+(?P<ba>before|after))|\b(?:earlier|later))"
                      r"\s+$")
_IN_BEFORE = _c(r"\bin\s+$")
_IN_THE_BEFORE = _c(r"\bin\s+(?P<x>the\s+(?:near\s+|(?:days|weeks|months|years)\s+)?)$")
_WEEKDAY_DET_WORDS = frozenset(
    {"following", "previous", "preceding", "next", "last", "this", "coming", "past"})
_SIGNAL_WORDS = frozenset({
    "on", "in", "at", "since", "by", "until", "till", "from", "during", "before", "after", "for",
    "over", "within", "through", "throughout", "between", "of", "around", "about", "circa", "to"})
_SIGNAL_BEFORE = _c(r"\b(on|in|at|since|by|until|till|from|during|before|after|for|over|within"
                    r"|through|throughout|between|of|around|about|circa|to|as\s+of)\s+$")
_MOD_BEFORE = _c(r"\b(early|late|mid)(?:\s+|-)$")
_PART_OF_BEFORE = _c(r"\b(?:(?P<the>the)\s+)?(?P<pos>end|beginning|start|middle|close|turn)"
                     r"\s+of\s+$")
_PART_OF_MOD = {"end": "END", "close": "END", "beginning": "START", "start": "START",
                "middle": "MID", "turn": "END"}
_PART_OF_AT = _c(r"(?P<pos>end|beginning|start|middle|close|turn)\s+of\s+"
                 r"(?P<det>the|this|next|last)\s+(?P<unit>year|month|week)\b")
_SEASON_AT = _c(r"(?P<season>spring|summer|autumn|fall|winter)\b(?:,?\s+(?:of\s+)?(?P<year>"
                + _YEAR4 + r")" + _YEAR_END + r")?")
_SEASON_BEFORE = _c(r"(?:\b(?P<det>last|this|next|past|coming)\s+|\b(?P<prep>in|during|by|since"
                    r"|until|till|through|over|before|after)\s+(?:(?P<pthe>the)\s+)?|\b(?P<the>the)"
                    r"\s+|\b(?P<mod>early|late|mid)(?:\s+|-))$")
_ORDINAL_BEFORE = _c(r"(?:\b(?P<the>the)\s+)?\b(?P<ord>first|second|third|fourth|final|last|1st"
                     r"|2nd|3rd|4th)\s+$")
_OF_YEAR_AT = _c(r"(?P<word>quarter|half)\s+of\s+(?:(?P<year>" + _YEAR4 + r")" + _YEAR_END
                 + r"|(?P<det>the|this|next|last)\s+year\b)")
_QUARTER_AT = _c(r"(?P<word>quarter)\b")
_Q_AT = _c(r"q(?P<q>[1-4])\b(?:,?\s+(?P<year>" + _YEAR4 + r")" + _YEAR_END + r")?")
_YEAR_CONTEXT_BEFORE = _c(
    r"(?:\b(?P<prep>in|since|by|until|till|from|during|before|after|through|throughout|between"
    r"|circa|around|the|early|late|mid|year|fiscal|summer|winter|spring|autumn|fall)\s+"
    r"|\b(?:end|beginning|start|middle|summer"
    r"|winter|spring|autumn|fall|half|quarter|part|course|rest|remainder|months?|year|class|"
    + _MON_FULL + r")\s+of\s+|\bmid-|\b(?:" + _MON_ANY + r"),?\s+)$"
)
_MONTH_CONTEXT_BEFORE = _c(
    r"(?:\b(?:in|since|by|until|till|from|during|before|after|through|throughout|between|early"
    r"|late|mid|of)\s+|\bfor\s+|\bmid-|\b(?:" + _MON_FULL
    + r")\s+(?:and|or|to|through|until|till|-|–)\s+)$"
)
_MONTH_RANGE_YEAR_AFTER = _c(  # "January and March 2021": the first month takes the year too
    r"\s*(?:and|or|to|through|until|till|-|–)\s*(?:" + _MON_FULL + r")\s+(?:[0-9]{1,2}"
    r"(?:st|nd|rd|th)?,?\s+)?(?P<year>" + _YEAR4 + r")" + _YEAR_END
)
_LIST_CONNECTOR = _c(r"\s*(?:,|and|or|to|through|until|till|-|–|—|/|&)\s*(?:and\s+)?$")
_COUNT_NOUN_AFTER = _c(r"\s+(?:" + _COUNT_NOUNS + r")\b")
_NEWSPAPER_AFTER = _c(  # on the original text: names such as "Sunday Nation" are capitalised
    r"\s+(?:Times|Nation|Standard|Telegraph|Post|Herald|Mail|Express|Star|Independent|Tribune"
    r"|Observer|Monitor|Vision|Review|Magazine|Sport|Mirror|Sun|Business|Edition)\b"
)
_CLAUSE_END_AFTER = _c(r"\s*(?:[,.;:!?)\]\"”’]|$|\s(?:that|this)\b)")
_REPORT_DAY_BEFORE = _c(r"\b(?:said|says|told\s+\w+|announced|reported|confirmed|added|stated)"
                        r"(?:\s+on)?\s+$")
_FUTURE = _c(r"\b(?:will|shall|won['’]t|is\s+to|are\s+to|is\s+due|are\s+due|scheduled"
             r"|expected\s+to|set\s+to|plans?\s+to|planning\s+to|going\s+to|slated|upcoming"
             r"|planned|proposed|next)\b|['’]ll\b")
_REPORT = _c(r"\b(?:said|says|told|announced|added|stated|reported|confirmed|noted|recalled|was"
             r"|were|had|did)\b")
_PAST = _c(  # on the original text, lower case on purpose: "United", "Armed Forces" are names
    r"(?<![-\w'’])(?:was|were|had|did|said|told|met|held|took|went|came|left|began|fell|fled"
    r"|fought|led|made|gave|saw|found|struck|shot|sent|spoke|stood|won|lost|brought|became|ran"
    r"|kept|paid|rose|broke|chose|drove|flew|threw|wrote|caught|sought|built|spent|heard|withdrew"
    r"|overran|(?!(?:hundred|kindred|sacred|naked|wicked|rugged|beloved|armed|united|alleged"
    r"|suspected|unidentified|unnamed|limited|advanced|increased|related|interested|concerned"
    r"|detailed|scheduled|planned|proposed|expected|embedded|dedicated|sophisticated)\b)"
    r"[a-z]{3,}(?<!e)ed)\b"
)

# --------------------------------------------------------------------------------------------------
# Candidates
# --------------------------------------------------------------------------------------------------


@dataclasses.dataclass(slots=True)
class _Cand:
    """A matched expression before anchoring; `value` is set for expressions fixed by the text."""

    start: int
    end: int
    type: str
    rule: dict[str, Any]
    value: str | None = None
    precision: str = "unknown"
    tense: str | None = None  # set when the expression itself says past/future/present


@dataclasses.dataclass(slots=True)
class _Scan:
    """One article's text, its lower-cased twin (same offsets) and the candidates found so far."""

    text: str
    low: str
    cands: list[_Cand] = dataclasses.field(default_factory=list)
    last_year_end: int = -10

    def before(self, pattern: re.Pattern[str], pos: int, width: int = 40) -> re.Match[str] | None:
        return pattern.search(self.low, max(0, pos - width), pos)

    def after_word(self, words: frozenset[str], pattern: re.Pattern[str], pos: int,
                   width: int) -> re.Match[str] | None:
        """`before`, searched only when the word just before `pos` is one of `words` (cheap)."""
        return self.before(pattern, pos, width) if _last_word(self.low, pos) in words else None

    def cap(self, pos: int) -> bool:
        return self.text[pos:pos + 1].isupper()

    def add(self, cand: _Cand | None) -> None:
        if cand is not None and cand.end > cand.start:
            self.cands.append(cand)


def _last_word(low: str, pos: int) -> str:
    """Return the whitespace-separated word right before `pos` without leading punctuation ("(on"
    → "on"), or "" when `pos` does not follow whitespace. A cheap filter before a regex search."""
    window = low[max(0, pos - 16):pos]
    if not window[-1:].isspace():
        return ""
    words = window.split()
    return words[-1].lstrip(_STRIP) if words else ""


def _lower(text: str) -> str:
    """Lower-case without moving offsets (a few non-ASCII letters change length in .lower())."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in text)


def _number(phrase: str) -> float | None:
    """Return the number a quantity phrase names; None for vague ones ("several", "a few")."""
    words = " ".join(phrase.replace("-", " ").split())
    if words in _VAGUE_NUMBERS:
        return None
    if words in _FIXED_NUMBERS:
        return _FIXED_NUMBERS[words]
    if words in _SMALL_NUMBERS:
        return _SMALL_NUMBERS[words]
    first, _, rest = words.partition(" ")
    if first in _TENS:
        return _TENS[first] + _SMALL_NUMBERS.get(rest, 0)
    number = float(words.replace(",", ""))
    return int(number) if number.is_integer() else number


def _whole(n: float | None) -> int | None:
    return int(n) if n is not None and float(n).is_integer() else None


def _unit(word: str) -> str:
    if word == "centuries":
        return "century"
    return word[:-1] if word.endswith("s") else word


def _duration_value(n: float | None, unit: str) -> str:
    """Return the TimeML duration: "P3W", "PT48H", "P10Y" (a decade), "PXDE" (decades)."""
    code, size = _DURATION_CODE[unit]
    if n is None:
        amount, code = "X", _VAGUE_CODE.get(unit, code)
    else:
        n = n * size
        amount = str(int(n)) if float(n).is_integer() else str(n)
    if code.startswith("T"):
        return f"PT{amount}{code[1:]}"
    return f"P{amount}{code}"


def _valid_day(month: int, day: int, year: int | None = None) -> bool:
    if not 1 <= month <= 12 or day < 1:
        return False
    return day <= calendar.monthrange(year if year is not None else 2000, month)[1]


def _absolute(start: int, end: int, value: str, precision: str, **rule: Any) -> _Cand:
    return _Cand(start, end, "DATE", {"kind": "absolute", **rule}, value, precision)


def _offset(start: int, end: int, unit: str, n: int, precision: str | None = None,
            tense: str | None = None, **extra: Any) -> _Cand:
    rule = {"kind": "offset", "unit": unit, "n": n,
            "precision": precision or _UNIT_PRECISION[unit], **extra}
    return _Cand(start, end, "DATE", rule, None, rule["precision"], tense)


def _chain(start: int, end: int, unit: str, n: int | None, **extra: Any) -> _Cand:
    precision = _UNIT_PRECISION[unit]
    rule = {"kind": "chain", "unit": unit, "n": n, "precision": precision, **extra}
    return _Cand(start, end, "DATE", rule, None, precision if n is not None else "unknown")


def _ref(start: int, end: int, value: str) -> _Cand:
    tense = {"PAST_REF": "past", "FUTURE_REF": "future"}.get(value, "present")
    return _Cand(start, end, "DATE", {"kind": "ref"}, value, "unknown", tense)


def _duration(start: int, end: int, n: float | None, unit: str, **extra: Any) -> _Cand:
    return _Cand(start, end, "DURATION", {"kind": "duration", **extra}, _duration_value(n, unit),
                 "unknown")


def _set(start: int, end: int, value: str, **extra: Any) -> _Cand:
    return _Cand(start, end, "SET", {"kind": "set", **extra}, value, "unknown")


# --- calendar dates ---------------------------------------------------------------------------


def _day_date(s: _Scan, m: re.Match[str], month: int, day: int) -> None:
    """Add "May 4" / "4 May" (+ weekday, + year) as an absolute day or a partial month-day."""
    year = int(m["year"]) if m["year"] else None
    if not _valid_day(month, day, year):
        return
    start = m.start()
    weekday = s.before(_WD_BEFORE, start, 12)
    if weekday is not None and s.cap(weekday.start("wd")):
        start = weekday.start("wd")
    if year is not None:
        s.add(_absolute(start, m.end(), f"{year:04d}-{month:02d}-{day:02d}", "day"))
        return
    rule: dict[str, Any] = {"kind": "partial", "month": month, "day": day, "direction": None}
    if start != m.start():
        rule["weekday"] = _WEEKDAYS.index(weekday["wd"])  # type: ignore[index]
    s.add(_Cand(start, m.end(), "DATE", rule, None, "day"))


def _on_month(s: _Scan, pos: int) -> None:
    if not s.cap(pos):
        return
    m = _MONTH_AT.match(s.low, pos)
    if m is None:
        return
    month = _MONTHS[m["full"] or m["abbr"]]
    if m["day"]:
        _day_date(s, m, month, int(m["day"]))
    elif m["myear"]:
        s.add(_absolute(pos, m.end(), f"{int(m['myear']):04d}-{month:02d}", "month"))
    elif m["full"] and s.low[m.end():m.end() + 2] not in ("'s", "’s"):
        _month_alone(s, m, month)


def _month_alone(s: _Scan, m: re.Match[str], month: int) -> None:
    """Add "in April" / "last May": a bare month name needs a determiner or a preposition."""
    start = m.start()
    det = s.before(_MONTH_DET_BEFORE, start, 8)
    if det is not None:
        start = det.start("det")
    elif s.before(_MONTH_CONTEXT_BEFORE, start, 24) is None or (
            month == 5 and s.low.endswith("for ", 0, start)):
        return  # "voted for May" names a person
    if det is None and (ahead := _MONTH_RANGE_YEAR_AFTER.match(s.low, m.end("full"))):
        s.add(_absolute(start, m.end("full"), f"{int(ahead['year']):04d}-{month:02d}", "month"))
        return
    direction = _DIRECTION_OF_DET.get(det["det"]) if det is not None else None
    rule = {"kind": "month", "month": month, "direction": direction}
    s.add(_Cand(start, m.end("full"), "DATE", rule, None, "month"))


def _on_digits(s: _Scan, pos: int, length: int) -> None:
    """Try the date forms a run of `length` digits can start (years are 4 digits, days 1-2)."""
    low = s.low
    for pattern, handler in _DIGIT_PATTERNS.get(length, ()):
        m = pattern.match(low, pos)
        if m is not None:
            handler(s, m)
    if length == 2 and pos > 0 and low[pos - 1] in "'’":
        m = _DECADE_AT.match(low, pos - 1)
        if m is not None:
            _decade(s, m)


def _iso(s: _Scan, m: re.Match[str]) -> None:
    year, month, day = int(m["y"]), int(m["mo"]), int(m["d"])
    if _valid_day(month, day, year):
        s.add(_absolute(m.start(), m.end(), f"{year:04d}-{month:02d}-{day:02d}", "day"))


def _numeric(s: _Scan, m: re.Match[str]) -> None:
    """Add 4/5/2022-style dates; when day and month could be swapped keep only the year."""
    a, b, year = int(m["a"]), int(m["b"]), int(m["y"])
    if (a > 12 or a == b) and _valid_day(b, a, year):
        month, day = b, a
    elif b > 12 and _valid_day(a, b, year):
        month, day = a, b
    elif a <= 12 and b <= 12:
        s.add(_absolute(m.start(), m.end(), f"{year:04d}", "year", ambiguous=True))
        return
    else:
        return
    s.add(_absolute(m.start(), m.end(), f"{year:04d}-{month:02d}-{day:02d}", "day"))


def _day_month(s: _Scan, m: re.Match[str]) -> None:
    if s.cap(m.start("full") if m["full"] else m.start("abbr")):
        _day_date(s, m, _MONTHS[m["full"] or m["abbr"]], int(m["day"]))


def _year(s: _Scan, m: re.Match[str]) -> None:
    """Add a bare year only with temporal context, or listed right after an accepted year.

    "over 2000 people", "Resolution 2036" and "$1500" stay untagged; "in 2011 and 2013" gives both.
    A count noun right after the number ("by 2000 votes") rejects it unless a capitalised
    preposition opens the sentence ("In 2016 troops ...").
    """
    start = m.start()
    context = s.before(_YEAR_CONTEXT_BEFORE, start, 32)
    listed = 0 <= s.last_year_end < start and \
        _LIST_CONNECTOR.match(s.low, s.last_year_end, start) is not None
    if context is None and not listed:
        return
    opens_sentence = (context is not None and context["prep"] is not None
                      and context["prep"] != "the" and s.cap(context.start("prep")))
    if not opens_sentence and _COUNT_NOUN_AFTER.match(s.low, m.end()):
        return
    s.add(_absolute(start, m.end(), m["year"], "year"))
    s.last_year_end = m.end()


def _decade(s: _Scan, m: re.Match[str]) -> None:
    if m["dec"]:
        value = m["dec"]
    else:
        digit = int(m["short"])
        value = f"{'20' if digit <= 2 else '19'}{digit}"
    s.add(_absolute(m.start(), m.end(), value, "decade"))


def _clock(s: _Scan, m: re.Match[str]) -> None:
    if m["noon"]:
        hour, minute = (0, 0) if m["noon"] == "midnight" else (12, 0)
    elif m["h"] is not None:
        hour, minute = int(m["h"]), int(m["m"] or 0)
        if not 1 <= hour <= 12:
            return
        hour = hour % 12 + (12 if m["ap"].startswith("p") else 0)
    elif m["h2"] is not None:
        hour, minute = int(m["h2"]), int(m["m2"])
    else:
        hour, minute = int(m["h3"]), int(m["m3"])
    rule = {"kind": "time", "hour": hour, "minute": minute, "date_start": None}
    s.add(_Cand(m.start(), m.end(), "TIME", rule, None, "unknown"))


_DIGIT_PATTERNS: dict[int, tuple[tuple[re.Pattern[str], Callable[[_Scan, re.Match[str]], None]],
                                  ...]] = {
    1: ((_NUMERIC_AT, _numeric), (_DAY_MONTH_AT, _day_month), (_TIME_AT, _clock)),
    2: ((_NUMERIC_AT, _numeric), (_DAY_MONTH_AT, _day_month), (_TIME_AT, _clock)),
    4: ((_ISO_AT, _iso), (_YEAR_AT, _year), (_DECADE_AT, _decade), (_TIME_AT, _clock)),
}


def _on_noon(s: _Scan, pos: int) -> None:
    m = _TIME_AT.match(s.low, pos)
    if m is not None:
        _clock(s, m)


def _part_time(start: int, end: int, word: str) -> _Cand:
    """A part of the day said without its day ("at dawn"): a TIME put on a day like a clock time."""
    rule = {"kind": "time", "part": _PART_CODE[word], "date_start": None}
    return _Cand(start, end, "TIME", rule, None, "unknown")


def _on_day_word(s: _Scan, pos: int) -> None:
    """Add "dawn", "dusk", "nightfall", "overnight" (lower case: "Golden Dawn" is a party)."""
    if s.cap(pos):
        return
    end = s.low.find(" ", pos)
    word = s.low[pos:end if end > 0 else len(s.low)].rstrip(_STRIP)
    if word not in _PART_CODE:
        return
    if s.before(_ADJECTIVE_BEFORE, pos, 8) is not None:
        return  # "an overnight curfew", "a dawn raid" name a kind of thing, not a time
    s.add(_part_time(pos, pos + len(word), word))


# --- weekdays and words relative to the article date -----------------------------------------


def _on_weekday(s: _Scan, pos: int) -> None:
    if not s.cap(pos):
        return
    m = _WEEKDAY_AT.match(s.low, pos)
    if m is None:
        return
    weekday = _WEEKDAYS.index(m["wd"])
    before = s.after_word(_WEEKDAY_DET_WORDS, _WEEKDAY_DET_BEFORE, pos, 28)
    if m["pl"]:
        if before is None:
            s.add(_set(pos, m.end("pl"), f"XXXX-WXX-{weekday + 1}"))
        return
    if before is not None and before["chain"]:
        direction = "past" if before["chain"].split()[-1] in ("previous", "preceding") else "future"
        rule: dict[str, Any] = {"kind": "chain", "weekday": weekday, "direction": direction}
        s.add(_day_part(_Cand(before.start("chain"), m.end(), "DATE", rule, None, "day"),
                        m["part"]))
        return
    if before is None and _NEWSPAPER_AFTER.match(s.text, m.end("wd")):
        return
    start = before.start("det") if before is not None else pos
    direction = _DIRECTION_OF_DET.get(before["det"]) if before is not None else None
    if before is None and s.low.endswith(("ahead of ", "in time for "), 0, pos):
        direction = "future"  # "ahead of Monday's rally" is still to come
    tense = {"past_strict": "past", "future_strict": "future"}.get(direction or "")
    rule = {"kind": "weekday", "weekday": weekday, "direction": direction}
    s.add(_day_part(_Cand(start, m.end(), "DATE", rule, None, "day", tense), m["part"]))


def _on_rel_word(s: _Scan, pos: int) -> None:
    m = _REL_WORD_AT.match(s.low, pos)
    if m is None:
        return
    word = m["w"]
    n = {"yesterday": -1, "today": 0, "tonight": 0, "tomorrow": 1}[word]
    start = pos
    before = s.before(_REL_WORD_BEFORE, pos, 24)
    if before is not None:
        if before["dayba"] is None:
            start = before.start()
        elif (before["ba"], word) in (("before", "yesterday"), ("after", "tomorrow")):
            start, n = before.start("dayba"), n * 2
    tense = "past" if n < 0 else "future" if n > 0 else "present"
    part = m["part"] or ("night" if word == "tonight" else None)
    s.add(_day_part(_offset(start, m.end(), "day", n, tense=tense), part))


def _on_det(s: _Scan, pos: int) -> None:
    """Add "last week", "this year", "the next day", "the past two years", "earlier this month"."""
    m = _REL_PERIOD_AT.match(s.low, pos)
    if m is None:
        return
    before = s.before(_REL_PERIOD_BEFORE, pos, 10)
    the = before is not None and before["the"] is not None
    pre = before["pre"] if before is not None else None
    start = before.start() if before is not None else pos
    extra = {"mod": _PRE_MOD[pre]} if pre in _PRE_MOD else {}
    s.add(_rel_period(m, start, the, extra))


def _rel_period(m: re.Match[str], start: int, the: bool, extra: dict[str, Any]) -> _Cand | None:
    det = " ".join(m["det"].split())
    raw_unit, end = m["unit"], m.end()
    if raw_unit.startswith("weekend"):
        if raw_unit.endswith("s") or m["num"] or det not in (*_DIRECTION_OF_DET, "this past"):
            return None
        step = _DET_STEP[det]
        tense = "past" if step < 0 else "future" if step > 0 else "present"
        return _offset(start, end, "week", step, "week", tense, weekend=True, **extra)
    if raw_unit in _PARTS_OF_DAY:
        return _part_of_day(start, end, det, the, raw_unit)
    unit = _unit(raw_unit)
    if m["num"] or raw_unit != unit or raw_unit == "centuries":
        n = _number(m["num"]) if m["num"] else None
        if det in ("coming", "next") and not m["num"]:
            return _ref(start, end, "FUTURE_REF")
        if det in ("same", "this", "current"):
            return None
        return _duration(start, end, n, unit, **extra)
    if det in ("following", "previous", "preceding", "same") or (the and det == "next"):
        return _chain(start, end, unit, _DET_STEP[det], **extra)
    if unit == "day":
        return None
    if the:
        if det in ("past", "last", "this past"):
            return _duration(start, end, 1, unit)
        if det not in ("coming", "current"):
            return None
    step = _DET_STEP[det]
    tense = "past" if step < 0 else "future" if step > 0 else "present"
    return _offset(start, end, unit, step, tense=tense, **extra)


def _part_of_day(start: int, end: int, det: str, the: bool, part: str) -> _Cand | None:
    """Add "this morning", "last night", "the following evening" (TIME, a day plus TMO/TNI/...)."""
    if det in ("following", "previous", "preceding", "same") or (the and det == "next"):
        return _day_part(_chain(start, end, "day", _DET_STEP[det]), part)
    if the:
        return None
    if det == "this":
        return _day_part(_offset(start, end, "day", 0, tense="present"), part)
    if det == "last":
        return _day_part(_offset(start, end, "day", -1, tense="past"), part)
    return None


def _day_part(cand: _Cand | None, word: str | None) -> _Cand | None:
    """Make a day expression that names a part of the day a TIME ("Monday night" → ...TNI)."""
    if cand is not None and word:
        cand.rule["part"] = _PART_CODE[word]
        cand.type = "TIME"
    return cand


def _on_weekend(s: _Scan, pos: int) -> None:
    the = s.before(_THE_BEFORE, pos, 8)
    if the is not None and s.low.startswith("weekend", pos):
        end = pos + len("weekend")
        if end == len(s.low) or not s.low[end].isalnum():
            rule = {"kind": "weekend", "direction": None}
            s.add(_Cand(the.start(), end, "DATE", rule, None, "week"))


# --- quantities of units: ago, later, durations, "the day before", "that day" ----------------


def _on_unit(s: _Scan, pos: int) -> None:
    if s.low.startswith("hours", pos) and (early := s.before(_EARLY_HOURS_BEFORE, pos, 24)):
        s.add(_part_time(early.start(), pos + len("hours"), "hours"))  # "the early hours"
        return
    m = _QUANT_AT.match(s.low, pos)
    if m is not None:
        s.add(_quant(s, m))
    _on_unit_phrase(s, pos)


def _on_unit_phrase(s: _Scan, pos: int) -> None:
    """Add "the day before", "the night after", "that day", "that same year", "in the morning"."""
    near = s.low[max(0, pos - 16):pos]
    word = s.low[pos:pos + 9].split(" ", 1)[0].rstrip(_STRIP)
    if word in _PARTS_OF_DAY and (inside := s.before(_IN_THE_PART_BEFORE, pos, 16)):
        if not _CHAIN_WORD_AT.match(s.low, pos):
            s.add(_part_time(inside.start("the"), pos + len(word), word))
            return
    the = s.before(_THE_BEFORE, pos, 8) if "the" in near else None
    if the is not None:
        m = _CHAIN_WORD_AT.match(s.low, pos)
        if m is not None:
            direction = m["dir"]
            if direction in ("earlier", "later") or _CLAUSE_END_AFTER.match(s.low, m.end()):
                part = m["unit"] if m["unit"] in _PARTS_OF_DAY else None
                step = -1 if direction in ("before", "earlier", "prior") else 1
                s.add(_day_part(_chain(the.start(), m.end(), "day" if part else m["unit"], step),
                                part))
    that = s.before(_THAT_BEFORE, pos, 14) if "that" in near else None
    if that is not None:
        m = _THAT_AT.match(s.low, pos)
        if m is not None:
            part = m["unit"] if m["unit"] in _PARTS_OF_DAY else None
            s.add(_day_part(_chain(that.start(), m.end(), "day" if part else m["unit"], 0), part))


def _quant(s: _Scan, m: re.Match[str]) -> _Cand | None:
    raw_unit = m["unit"]
    unit = _unit(raw_unit)
    plural = raw_unit != unit or raw_unit == "centuries"
    before = s.before(_NUM_BEFORE, m.start(), 32)
    if before is None and not plural:
        return None
    num = before["num"] if before is not None else None
    n = _number(num) if num is not None else None
    start = before.start() if before is not None else m.start()
    mod = before["mod"] if before is not None else None
    extra = {"mod": _MOD_WORDS[" ".join(mod.split())]} if mod else {}
    direction = m["dir"] or ""
    if (before is not None and before["sep"] == "-") or not (direction or m["time"]):
        return _quant_duration(s, start, m.end("unit"), n, unit, before, extra)
    if direction == "ago" or m["time"] or direction in ("hence",) or direction.startswith("from"):
        step = -1 if direction == "ago" else 1
        count = _whole(n)
        if count is None:
            return _ref(start, m.end(), "PAST_REF" if step < 0 else "FUTURE_REF")
        tense = "past" if step < 0 else "future"
        return _offset(start, m.end(), unit, step * count, tense=tense, **extra)
    step = -1 if direction in ("earlier", "before", "prior") else 1
    count = _whole(n)
    count = count * step if count is not None else None
    if direction in ("before", "after", "prior", "on") and not _CLAUSE_END_AFTER.match(s.low,
                                                                                         m.end()):
        if direction == "on":
            return _quant_duration(s, start, m.end("unit"), n, unit, before, extra)
        precision = _UNIT_PRECISION[unit] if count is not None else "unknown"
        rule = {"kind": "event", "unit": unit, "n": count, **extra}
        return _Cand(start, m.end(), "DATE", rule, None, precision)
    return _chain(start, m.end(), unit, count, **extra)


_DURATION_SIGNALS = frozenset({"for", "over", "within", "during"})


def _quant_duration(s: _Scan, start: int, end: int, n: float | None, unit: str,
                    before: re.Match[str] | None, extra: dict[str, Any]) -> _Cand | None:
    """Add "three weeks", "for days", "a two-week visit", "a decade"; "$300 a month" is a SET.

    "a day", "one day" and "a second" alone are skipped ("One day, ...", "a second attack").
    "in two weeks" keeps the count in ``rule["ahead"]``: in a future-tense sentence it is a date
    (`_to_expr` turns it into an offset), otherwise a duration.
    """
    signal = s.after_word(_SIGNAL_WORDS, _SIGNAL_BEFORE, start, 16)
    word = signal.group(1) if signal is not None else ""
    if before is None:
        return _duration(start, end, None, unit) if word in _DURATION_SIGNALS else None
    hyphen = before["sep"] == "-"
    if before["num"] in ("a", "an", "one") and not hyphen and not before["mod"]:
        if before["num"] != "one" and s.before(_RATE_BEFORE, start, 24) is not None:
            return _set(start, end, _duration_value(1, unit))
        if unit in ("day", "second") and word not in _DURATION_SIGNALS | {"after", "in"}:
            return None
    if n is not None and n >= 1000 and unit in ("year", "decade", "century"):
        return None
    count = _whole(n)
    if word == "in" and not hyphen and count is not None and not before["mod"]:
        extra = {**extra, "ahead": {"unit": unit, "n": count}}
    return _duration(start, end, n, unit, **extra)


# --- reference words and sets ------------------------------------------------------------------


def _on_ref(s: _Scan, pos: int) -> None:
    """Add "recently", "in recent months", "in the past", "in the near future", "the days ahead"."""
    m = _REF_AT.match(s.low, pos)
    if m is None:
        return
    if m["word"]:
        value = "PRESENT_REF" if m["word"] in ("currently", "nowadays") else "PAST_REF"
        s.add(_ref(pos, m.end(), value))
    elif m["recent"]:
        if s.before(_IN_BEFORE, pos, 6) is not None:
            s.add(_ref(pos, m.end(), "PAST_REF"))
    else:
        before = s.before(_IN_THE_BEFORE, pos, 24)
        if before is None:
            return
        phrase = before["x"]
        words = phrase.split()
        if (m["ahead"] and words[-1] in ("days", "weeks", "months", "years")) or (
                m["future"] and words in (["the"], ["the", "near"])):
            s.add(_ref(before.start("x"), m.end(), "FUTURE_REF"))
        elif m["past"] and words == ["the"]:
            s.add(_ref(before.start("x"), m.end(), "PAST_REF"))


def _on_part_of(s: _Scan, pos: int) -> None:
    """Add "the end of the year", "the start of next month" (a relative period with a mod)."""
    m = _PART_OF_AT.match(s.low, pos)
    if m is None:
        return
    the = s.before(_THE_BEFORE, pos, 8)
    start = the.start() if the is not None else pos
    step = {"the": 0, "this": 0, "next": 1, "last": -1}[m["det"]]
    s.add(_offset(start, m.end(), m["unit"], step, mod=_PART_OF_MOD[m["pos"]]))


def _on_season(s: _Scan, pos: int) -> None:
    """Add "the summer of 2021" ("2021-SU"), "last winter", "in spring" (TimeML season codes).

    "fall" counts only with a year or a determiner ("the fall of Kabul" is not a season).
    """
    m = _SEASON_AT.match(s.low, pos)
    if m is None:
        return
    code = _SEASON_CODE[m["season"]]
    before = s.before(_SEASON_BEFORE, pos, 24)
    start = pos
    if before is not None and (before["the"] or before["pthe"] or before["mod"]):
        start = before.start("the") if before["the"] else before.start("pthe") \
            if before["pthe"] else before.start("mod")
    if m["year"]:
        rule: dict[str, Any] = {"kind": "absolute"}
        if before is not None and before["mod"]:
            rule["mod"] = _PRE_MOD[before["mod"]]
        s.add(_Cand(start, m.end(), "DATE", rule, f"{m['year']}-{code}", "unknown"))
        return
    if before is None or (m["season"] == "fall" and not before["det"]) or before["the"]:
        return
    direction = None
    if before["det"]:
        start = before.start("det")
        direction = _DIRECTION_OF_DET.get(before["det"])
    rule = {"kind": "month", "month": _SEASON_MONTH[code], "season": code, "direction": direction}
    s.add(_Cand(start, m.end("season"), "DATE", rule, None, "unknown"))


def _on_quarter(s: _Scan, pos: int) -> None:
    """Add "the first quarter of 2023" ("2023-Q1"), "the second half of the year" ("...-H2")."""
    ordinal = s.before(_ORDINAL_BEFORE, pos, 16)
    m = _OF_YEAR_AT.match(s.low, pos) or _QUARTER_AT.match(s.low, pos)
    if ordinal is None or m is None:
        return
    number = _ORDINAL[ordinal["ord"]]
    if m["word"] == "half" and number > 2 or ordinal["ord"] in ("final", "last") and \
            not ordinal["the"]:
        return  # "last quarter" alone could be the quarter before this one
    code = f"{'Q' if m['word'] == 'quarter' else 'H'}{min(number, 2 if m['word'] == 'half' else 4)}"
    if m["word"] == "half" and ordinal["ord"] in ("final", "last"):
        code = "H2"
    start = ordinal.start()
    if m.groupdict().get("year"):
        s.add(_Cand(start, m.end(), "DATE", {"kind": "absolute"}, f"{m['year']}-{code}",
                    "unknown"))
        return
    det = m.groupdict().get("det") or "the"
    step = {"the": 0, "this": 0, "next": 1, "last": -1}[det]
    s.add(_offset(start, m.end(), "year", step, "year", suffix=f"-{code}"))


def _on_q(s: _Scan, pos: int) -> None:
    """Add "Q3 2023" / "Q3" (capital Q only: business reports)."""
    if not s.cap(pos):
        return
    m = _Q_AT.match(s.low, pos)
    if m is None:
        return
    if m["year"]:
        s.add(_Cand(pos, m.end(), "DATE", {"kind": "absolute"}, f"{m['year']}-Q{m['q']}",
                    "unknown"))
    else:
        s.add(_offset(pos, m.end(), "year", 0, "year", suffix=f"-Q{m['q']}"))


def _on_now(s: _Scan, pos: int) -> None:
    """Add "now", "soon", "these days", "at present", "at the moment" as reference words.

    Not "now that" (a cause), "now-defunct", "from now on", "as soon as", "soon after" (counts from
    an event) or "sooner".
    """
    low = s.low
    if low.startswith("now", pos):
        after = low[pos + 3:pos + 9]
        if after.startswith(("-", " that", " on")) or low[max(0, pos - 5):pos] == "from ":
            return
        s.add(_ref(pos, pos + 3, "PRESENT_REF"))
    elif low.startswith("soon", pos):
        if low[max(0, pos - 3):pos] == "as " or low.startswith((" after", " afterwards"), pos + 4):
            return
        s.add(_ref(pos, pos + 4, "FUTURE_REF"))
    elif low.startswith("these days", pos):
        s.add(_ref(pos, pos + 10, "PRESENT_REF"))
    elif low.startswith("present", pos) and low[max(0, pos - 3):pos] == "at ":
        s.add(_ref(pos, pos + 7, "PRESENT_REF"))
    elif low.startswith("moment", pos) and low[max(0, pos - 7):pos] == "at the ":
        s.add(_ref(pos - 4, pos + 6, "PRESENT_REF"))


_ADVERB_SETS = {"daily": "P1D", "nightly": "XXXX-XX-XXTNI", "weekly": "P1W", "fortnightly": "P2W",
                "monthly": "P1M", "annually": "P1Y", "yearly": "P1Y"}


def _on_set(s: _Scan, pos: int) -> None:
    """Add "every Friday", "each year", "every two weeks", "daily", "twice a week"."""
    m = _SET_AT.match(s.low, pos)
    if m is None:
        return
    if m["adv"]:
        s.add(_set(pos, m.end(), _ADVERB_SETS[m["adv"]]))
    elif m["freq"]:
        _frequency(s, m)
    else:
        target = m["unit"]
        if target in _WEEKDAYS:
            if s.cap(m.start("unit")):
                s.add(_set(pos, m.end(), f"XXXX-WXX-{_WEEKDAYS.index(target) + 1}"))
        elif target in _PARTS_OF_DAY:  # "every night": TimeML's XXXX-XX-XXTNI
            s.add(_set(pos, m.end(), f"XXXX-XX-XXT{_PART_CODE[target]}"))
        elif target == "weekend":
            s.add(_set(pos, m.end(), "XXXX-WXX-WE"))
        else:
            n = 2 if m["other"] else _number(m["num"]) if m["num"] else 1
            s.add(_set(pos, m.end(), _duration_value(n, _unit(target))))


def _frequency(s: _Scan, m: re.Match[str]) -> None:
    start = m.start()
    times = {"once": 1, "twice": 2, "thrice": 3}.get(m["freq"])
    if m["freq"] == "times":
        before = s.before(_NUM_ONLY_BEFORE, start, 24)
        if before is None:
            return
        start, times = before.start(), _whole(_number(before["num"]))
    freq = f"{times}X" if times else "XX"
    s.add(_set(start, m.end(), _duration_value(1, _unit(m["funit"])), freq=freq))


# --- dispatch -----------------------------------------------------------------------------------

_Handler = Callable[[_Scan, int], None]


def _dispatch_table() -> dict[str, tuple[_Handler, ...]]:
    table: dict[str, list[_Handler]] = {}

    def register(words: Iterable[str], handler: _Handler) -> None:
        for word in words:
            table.setdefault(word, []).append(handler)

    register(_MONTHS, _on_month)
    register(list(_WEEKDAYS) + [day + "s" for day in _WEEKDAYS], _on_weekday)
    register(("yesterday", "today", "tomorrow", "tonight"), _on_rel_word)
    register(_DET_STEP.keys() - {"this past"}, _on_det)
    units = [unit for base in _DURATION_CODE for unit in (base, base + "s")] + ["centuries"]
    register(units, _on_unit)
    register(_PARTS_OF_DAY, _on_unit_phrase)
    register(("weekend",), _on_weekend)
    register(("recent", "recently", "lately", "currently", "nowadays", "future", "past", "ahead"),
             _on_ref)
    register(("now", "soon", "these", "present", "moment"), _on_now)
    register(("end", "beginning", "start", "middle", "close", "turn"), _on_part_of)
    register(_SEASON_CODE, _on_season)
    register(("quarter", "half"), _on_quarter)
    register(("q1", "q2", "q3", "q4"), _on_q)
    register(("every", "each", "once", "twice", "thrice", "times", *_ADVERB_SETS), _on_set)
    register(("noon", "midday", "midnight"), _on_noon)
    register(("dawn", "daybreak", "dusk", "nightfall", "overnight"), _on_day_word)
    return {word: tuple(handlers) for word, handlers in table.items()}


_DISPATCH = _dispatch_table()
_STRIP = ".,;:!?\"()[]{}“”‘’«»—–…*"
_PREFIXES = ("", "(", "\"", "“", "‘", "'", "[")
_SUFFIXES = ("", ",", ".", ";", ":", ")", "!", "?", "\"", "”", "’", "'", "),", ").", ".\"", ",\"",
             ".”", ",”", "’s", "'s", "’s,", "'s,", "’s.", "'s.", "s’", "s'", "…")
_TRIGGER_FORMS = {prefix + word + suffix: word for word in _DISPATCH
                  for prefix in _PREFIXES for suffix in _SUFFIXES}
_TRIGGER_FORM_SET = frozenset(_TRIGGER_FORMS)  # set & set iterates over the smaller side


def _trigger_positions(low: str) -> list[tuple[int, str]]:
    """Return (position, word) of every trigger word and digit run, in text order.

    A Python loop over all tokens (or a regex scan of the whole text) costs more than the rest
    of the tagger, so the trigger words present are found with C-level set operations on
    whitespace tokens (in their usual punctuated forms: "Wednesday,", "(May", "year's") and only
    those are searched for with `str.find`; a hit counts only as a whole word ("now" not in
    "known", "end" not in "attended"). Digit runs are found the same way, digit by digit, and
    reported as their length ("4" for "2024").
    """
    found: list[tuple[int, str]] = []
    size = len(low)
    for word in {_TRIGGER_FORMS[token]
                 for token in _TRIGGER_FORM_SET.intersection(low.replace("-", " ").split())}:
        pos, width = low.find(word), len(word)
        while pos >= 0:
            end = pos + width
            if (pos == 0 or not low[pos - 1].isalnum()) and (
                    end == size or not "a" <= low[end] <= "z"):
                found.append((pos, word))
            pos = low.find(word, end)
    for digit in "0123456789":
        pos = low.find(digit)
        while pos >= 0:
            if pos == 0 or not "0" <= low[pos - 1] <= "9":
                end = pos + 1
                while end < size and "0" <= low[end] <= "9":
                    end += 1
                found.append((pos, str(end - pos)))
            pos = low.find(digit, pos + 1)
    found.sort()
    return found


def _candidates(text: str, low: str, excluded: tuple[int, int] | None) -> list[_Cand]:
    """Return non-overlapping candidates, earliest first, the longest winning at one start.

    Only at trigger words (months, weekdays, units, digits, ...) are the specific patterns tried,
    which is what keeps a 600-word article well under a millisecond.
    """
    scan = _Scan(text, low)
    for pos, word in _trigger_positions(low):
        if word[0] > "9":
            for handler in _DISPATCH[word]:
                handler(scan, pos)
        else:
            _on_digits(scan, pos, int(word))
    scan.cands.sort(key=lambda c: (c.start, c.start - c.end))
    chosen: list[_Cand] = []
    last_end = 0
    for cand in scan.cands:
        if cand.start < last_end:
            continue
        if excluded and excluded[0] <= cand.start < excluded[1]:
            continue
        _attach_modifier(scan, cand, last_end)
        chosen.append(cand)
        last_end = cand.end
    return chosen


def _attach_modifier(s: _Scan, cand: _Cand, floor: int) -> None:
    """Pull "early", "late", "mid-", "the end of" into a DATE span (not back past `floor`) as mod.

    "the end of May" is TimeML's one expression (value "2024-05", mod END); days are left alone
    ("the end of 3 May" is not said).
    """
    if cand.type != "DATE" or "mod" in cand.rule:
        return
    near = s.low[max(0, cand.start - 4):cand.start]
    if cand.precision not in ("day", "unknown") and " of" in near:
        part = s.before(_PART_OF_BEFORE, cand.start, 24)
        if part is not None and part.start() >= floor:
            cand.rule["mod"] = _PART_OF_MOD[part["pos"]]
            cand.start = part.start()
            return
    window = s.low[max(0, cand.start - 7):cand.start]
    if "early" not in window and "late" not in window and "mid" not in window:
        return
    m = s.before(_MOD_BEFORE, cand.start, 8)
    if m is not None and m.start(1) >= floor:
        cand.rule["mod"] = _PRE_MOD[m.group(1)]
        cand.start = m.start(1)


# --------------------------------------------------------------------------------------------------
# Anchors and date arithmetic
# --------------------------------------------------------------------------------------------------


@dataclasses.dataclass(frozen=True, slots=True)
class _Anchor:
    """The date relative expressions count from; `year` None for a dateline's month and day."""

    year: int | None
    month: int
    day: int
    label: str  # "article date", "story st_12", "dateline"
    name: str  # the anchor given to values computed from it: "article" or "story"

    @classmethod
    def full(cls, date: dt.date, label: str) -> _Anchor:
        name = "story" if label.lower().startswith("story") else "article"
        return cls(date.year, date.month, date.day, label, name)

    @property
    def date(self) -> dt.date | None:
        return dt.date(self.year, self.month, self.day) if self.year is not None else None

    def describe(self) -> str:
        year = f"{self.year:04d}" if self.year is not None else "XXXX"
        iso = f"{year}-{self.month:02d}-{self.day:02d}"
        label = self.label if self.label.endswith("date") else f"{self.label} date"
        return f"{label} {iso}"


def _add_months(date: dt.date, months: int) -> dt.date:
    year, month = divmod(date.month - 1 + months, 12)
    year += date.year
    return dt.date(year, month + 1, min(date.day, calendar.monthrange(year, month + 1)[1]))


def _shift(date: dt.date, unit: str, n: int) -> dt.date:
    if unit in ("second", "minute"):
        return date
    if unit == "hour":
        return date + dt.timedelta(days=int(n / 24))
    if unit == "day":
        return date + dt.timedelta(days=n)
    if unit in ("week", "fortnight"):
        return date + dt.timedelta(weeks=n * (2 if unit == "fortnight" else 1))
    months = {"month": 1, "year": 12, "decade": 120, "century": 1200}[unit] * n
    return _add_months(date, months)


def _format(date: dt.date, precision: str) -> str:
    if precision == "day":
        return date.isoformat()
    if precision == "week":
        year, week, _ = date.isocalendar()
        return f"{year:04d}-W{week:02d}"
    if precision == "month":
        return f"{date.year:04d}-{date.month:02d}"
    if precision == "year":
        return f"{date.year:04d}"
    if precision == "decade":
        return f"{date.year // 10:03d}"
    return f"{date.year // 100:02d}"


def _coarser(a: str, b: str) -> str:
    if a not in _PRECISION_ORDER or b not in _PRECISION_ORDER:
        return "unknown"
    return a if _PRECISION_ORDER.index(a) >= _PRECISION_ORDER.index(b) else b


def _model_precision(precision: str) -> Precision:
    return precision if precision in ("day", "week", "month", "year") else "unknown"  # type: ignore[return-value]


def _year_for_month(anchor: _Anchor, month: int, direction: str | None) -> int:
    """Pick the year of a month named without one (HeidelTime's month-level rule)."""
    assert anchor.year is not None
    if direction == "past" and month > anchor.month:
        return anchor.year - 1
    if direction == "future" and month < anchor.month:
        return anchor.year + 1
    if direction == "past_strict":
        return anchor.year if month < anchor.month else anchor.year - 1
    if direction == "future_strict":
        return anchor.year if month > anchor.month else anchor.year + 1
    return anchor.year


def _weekday_date(date: dt.date, weekday: int, direction: str | None) -> dt.date:
    back = (date.weekday() - weekday) % 7
    ahead = (weekday - date.weekday()) % 7
    if direction == "past_strict":
        return date - dt.timedelta(days=back or 7)
    if direction == "future":
        return date + dt.timedelta(days=ahead or 7)
    if direction == "future_strict":
        return date + dt.timedelta(days=ahead or 7)
    if direction == "this":
        return date - dt.timedelta(days=date.weekday()) + dt.timedelta(days=weekday)
    return date - dt.timedelta(days=back)


def _weekend_value(date: dt.date, direction: str | None) -> str:
    """Name the weekend meant by "the weekend": the last one for past tense, else the next one."""
    on_weekend = date.weekday() >= 5
    if direction == "future":
        target = date if on_weekend else date + dt.timedelta(days=5 - date.weekday())
    else:
        target = date if on_weekend else date - dt.timedelta(days=date.weekday() + 1)
    return _format(target, "week") + "-WE"


def _partial_offset(anchor: _Anchor, unit: str, n: int, precision: str) -> str | None:
    """Offset a month-and-day anchor without a year; None when the answer would need the year.

    Day offsets are computed in a leap and a common year and kept only when both agree (they do
    unless 29 February lies in between).
    """
    if precision == "day" and unit in ("day", "hour", "minute", "second"):
        results = set()
        for year in (2000, 2001):
            if not _valid_day(anchor.month, anchor.day, year):
                continue
            shifted = _shift(dt.date(year, anchor.month, anchor.day), unit, n)
            results.add(shifted.strftime("%m-%d"))
        return f"XXXX-{results.pop()}" if len(results) == 1 else None
    if precision == "month" and unit in ("month", "day"):
        months = n if unit == "month" else 0
        if unit == "day" and n != 0:
            return None
        month = (anchor.month - 1 + months) % 12 + 1
        return f"XXXX-{month:02d}"
    return None


# --------------------------------------------------------------------------------------------------
# Evaluation: rule + anchor (+ previous expression) → value
# --------------------------------------------------------------------------------------------------

_RELATIVE_KINDS = frozenset(
    {"partial", "month", "offset", "weekday", "weekend", "chain", "event", "time"})
_NOT_POINTS = frozenset({"ref", "duration", "set", "time"})


def _with(expr: TimeExpr, **changes: Any) -> TimeExpr:
    """Return a changed shallow copy (dataclasses.replace re-runs __init__ and costs 4x more)."""
    new = object.__new__(TimeExpr)
    new.__dict__.update(expr.__dict__)
    new.__dict__.update(changes)
    return new


def _quote(expr: TimeExpr) -> str:
    signal = expr.rule.get("signal")
    return f"'{signal} {expr.text}'" if signal else f"'{expr.text}'"


def _unresolved(expr: TimeExpr, why: str, value: str | None = None,
                precision: str | None = None) -> TimeExpr:
    if value is not None:
        value = _add_part(expr, value)
        precision = precision or value_precision(value)
    return _with(expr, value=value, anchor="unresolved", basis=f"{_quote(expr)} {why}",
                 precision=expr.precision if value is None else _model_precision(precision))


def _resolved(expr: TimeExpr, value: str, precision: str, anchor: str, basis: str) -> TimeExpr:
    if precision == "day":
        value = _add_part(expr, value)
    return _with(expr, value=value, precision=_model_precision(precision), anchor=anchor,
                 basis=basis)


def _add_part(expr: TimeExpr, value: str) -> str:
    """Append the part of the day a TIME names ("2024-03-04" + "TNI"); clock times carry theirs."""
    part = expr.rule.get("part")
    return f"{value}T{part}" if part and "T" not in value else value


def _evaluate(expr: TimeExpr, anchor: _Anchor | None, previous: TimeExpr | None) -> TimeExpr:
    """Compute the value of a relative expression from its rule; never raises on odd input."""
    kind = expr.rule.get("kind")
    try:
        if kind == "chain":
            return _evaluate_chain(expr, anchor, previous)
        if kind == "time":
            return _evaluate_time(expr, previous, anchor)
        if kind == "event":
            return _with(
                expr, value=None, anchor="unresolved",
                basis=f"{_quote(expr)} counts from an event, not from a date")
        return _evaluate_from_anchor(expr, anchor)
    except (ValueError, OverflowError, KeyError, TypeError):
        return _unresolved(expr, "cannot be computed")


def _evaluate_from_anchor(expr: TimeExpr, anchor: _Anchor | None) -> TimeExpr:
    rule = expr.rule
    kind = rule["kind"]
    if kind in ("partial", "month"):
        return _evaluate_calendar(expr, anchor)
    if kind == "weekday" and (anchor is None or anchor.date is None):
        # TimeML's day of an unknown week ("on Monday" → XXXX-WXX-1); `rule` finishes it later
        return _unresolved(expr, "needs the article date", f"XXXX-WXX-{rule['weekday'] + 1}",
                           "day")
    if anchor is None:
        return _unresolved(expr, "needs the article date")
    date = anchor.date
    basis = f"{_quote(expr)} from {anchor.describe()}"
    if date is None:
        if kind != "offset":
            return _unresolved(expr, f"needs the year of {anchor.describe()}")
        value = _partial_offset(anchor, rule["unit"], int(rule["n"]), rule["precision"])
        if value is None:
            return _unresolved(expr, f"needs the year of {anchor.describe()}")
        return _unresolved(expr, f"from {anchor.describe()}", value)
    if kind == "offset":
        shifted = _shift(date, rule["unit"], int(rule["n"]))
        value = _format(shifted, rule["precision"]) + ("-WE" if rule.get("weekend") else "")
        if "suffix" in rule:  # a quarter or half of the year: "2024-Q1", "2024-H2"
            return _resolved(expr, value + rule["suffix"], "unknown", anchor.name, basis)
        return _resolved(expr, value, rule["precision"], anchor.name, basis)
    if kind == "weekday":
        value = _weekday_date(date, rule["weekday"], rule.get("direction")).isoformat()
        return _resolved(expr, value, "day", anchor.name, basis)
    if kind == "weekend":
        return _resolved(expr, _weekend_value(date, rule.get("direction")), "week", anchor.name,
                         basis)
    raise ValueError(f"unknown time rule kind {kind!r}")


def _evaluate_calendar(expr: TimeExpr, anchor: _Anchor | None) -> TimeExpr:
    """Give "May 4" / "in April" a year from the anchor, or keep them partial ("XXXX-05-04")."""
    rule = expr.rule
    month, day = rule["month"], rule.get("day")
    suffix = f"-{month:02d}" + (f"-{day:02d}" if day is not None else "")
    if "season" in rule:
        suffix = f"-{rule['season']}"
    if anchor is None or anchor.year is None:
        return _unresolved(expr, "as written; year unknown", f"XXXX{suffix}",
                           "unknown" if "season" in rule else None)
    year = _year_for_month(anchor, month, rule.get("direction"))
    if "season" in rule:
        return _resolved(expr, f"{year:04d}{suffix}", "unknown", anchor.name,
                         f"{_quote(expr)} from {anchor.describe()}")
    if day is not None and not _valid_day(month, day, year):
        return _unresolved(expr, f"is not a day in {year}", f"XXXX{suffix}")
    precision = "day" if day is not None else "month"
    return _resolved(expr, f"{year:04d}{suffix}", precision, anchor.name,
                     f"{_quote(expr)} from {anchor.describe()}")


def _evaluate_chain(expr: TimeExpr, anchor: _Anchor | None, previous: TimeExpr | None) -> TimeExpr:
    rule = expr.rule
    if rule.get("n") is None and "weekday" not in rule:
        after = f" after '{previous.text}'" if previous else ""
        return _with(expr, value=None, anchor="previous", precision="unknown",
                                   basis=f"{_quote(expr)}{after}: how long after is not said")
    if previous is None:
        if anchor is None or anchor.date is None or "weekday" in rule:
            return _unresolved(expr, "has no earlier date to count from")
        base_expr = _evaluate_from_anchor(
            _with(expr, rule={**rule, "kind": "offset"}), anchor)
        return _with(base_expr, rule=expr.rule,
                                   basis=base_expr.basis + " (no earlier date in the text)")
    interval = value_interval(previous.value)
    if interval is None:
        return _unresolved(expr, f"counts from '{previous.text}', which is not resolved")
    basis = f"{_quote(expr)} after '{previous.text}'"
    if "weekday" in rule:
        if value_precision(previous.value) not in ("day", "week"):
            return _unresolved(expr, f"counts from '{previous.text}', which names no day")
        base = interval[1] if rule["direction"] == "future" else interval[0]
        direction = "future_strict" if rule["direction"] == "future" else "past_strict"
        return _resolved(expr, _weekday_date(base, rule["weekday"], direction).isoformat(), "day",
                         "previous", basis)
    precision = _coarser(rule["precision"], value_precision(previous.value))
    if precision == "unknown":
        return _unresolved(expr, f"counts from '{previous.text}', which is not a date")
    shifted = _shift(interval[0], rule["unit"], int(rule["n"]))
    return _resolved(expr, _format(shifted, precision), precision, "previous", basis)


def _evaluate_time(expr: TimeExpr, day_expr: TimeExpr | None, anchor: _Anchor | None) -> TimeExpr:
    """Put a clock time ("T15:00") or part of the day ("TNI") on its day.

    The day is the DATE `_attach_times` chose; without one it is the article date ("at 9 a.m."
    in a report of 6 March → 2024-03-06T09:00), except for the time of a SET ("9 p.m. daily").
    """
    rule = expr.rule
    clock = f"T{rule['part']}" if "part" in rule else f"T{rule['hour']:02d}:{rule['minute']:02d}"
    if day_expr is None:
        if rule.get("set"):
            return _with(expr, value=f"XXXX-XX-XX{clock}", anchor="absolute", precision="unknown",
                         basis=f"{_quote(expr)} of a repeated time")
        if anchor is None:
            return _unresolved(expr, "on a day not said", f"XXXX-XX-XX{clock}")
        if anchor.date is None:
            return _unresolved(expr, f"on {anchor.describe()}",
                               f"XXXX-{anchor.month:02d}-{anchor.day:02d}{clock}")
        return _resolved(expr, f"{anchor.date.isoformat()}{clock}", "day", anchor.name,
                         f"{_quote(expr)} on {anchor.describe()} (no day named)")
    day_value = day_expr.value
    if day_value and value_precision(day_value) == "day" and (
            value_interval(day_value) or is_partial(day_value)):
        day = day_value.split("T", 1)[0]
        anchor_name = day_expr.anchor if not is_partial(day) else "unresolved"
        return _with(expr, value=f"{day}{clock}", anchor=anchor_name, precision="day",
                     basis=f"{_quote(expr)} on '{day_expr.text}'")
    if day_value and day_value.startswith("XXXX-WXX-"):  # a weekday of an unknown week
        return _unresolved(expr, f"on '{day_expr.text}', which is not resolved",
                           f"{day_value.split('T', 1)[0]}{clock}", "day")
    return _unresolved(expr, f"on '{day_expr.text}', which is not resolved",
                       f"XXXX-XX-XX{clock}")


def _evaluate_all(exprs: list[TimeExpr], anchor: _Anchor | None,
                  pending: Callable[[TimeExpr], bool]) -> list[TimeExpr]:
    """Evaluate pending expressions in text order; clock times last, once their day is known."""
    result: list[TimeExpr] = []
    previous: TimeExpr | None = None
    for expr in exprs:
        kind = expr.rule.get("kind")
        if kind != "time" and kind in _RELATIVE_KINDS and pending(expr):
            expr = _evaluate(expr, anchor, previous)
        if expr.type in ("DATE", "TIME") and kind not in _NOT_POINTS:
            previous = expr  # "Monday night" (a TIME) is a day later chains count from
        result.append(expr)
    by_start = {expr.start: expr for expr in result}
    for index, expr in enumerate(result):
        if expr.rule.get("kind") == "time" and pending(expr):
            result[index] = _evaluate(expr, anchor, by_start.get(expr.rule.get("date_start")))
    return result


# --------------------------------------------------------------------------------------------------
# Article level
# --------------------------------------------------------------------------------------------------


def _article_anchor(article: Article) -> _Anchor | None:
    """Return the article date, or the dateline's month and day as a partial anchor."""
    if article.published:
        try:
            date = dt.date.fromisoformat(article.published[:10])
        except ValueError as exc:
            raise ExtractError(
                f"article {article.article_id}: published {article.published!r} is not an ISO "
                "date (YYYY-MM-DD); fix the cleaner or the input metadata", code="X310") from exc
        return _Anchor.full(date, "article date")
    line = article.dateline
    if line is not None and line.month and line.day and _valid_day(line.month, line.day):
        return _Anchor(None, line.month, line.day, "dateline", "article")
    return None


def _dateline_span(article: Article) -> tuple[int, int] | None:
    line = article.dateline
    if line is None or not line.text:
        return None
    position = article.text.find(line.text, 0, 600)
    return (position, position + len(line.text)) if position >= 0 else None


_FUTURE_HINTS = frozenset({
    "will", "shall", "won't", "won’t", "scheduled", "expected", "set", "plans", "plan", "planning",
    "going", "slated", "upcoming", "planned", "proposed", "next"})


@dataclasses.dataclass(slots=True)
class _SentenceTense:
    futures: list[tuple[int, int]]  # spans of future markers
    reports: list[int]  # starts of reporting verbs ("said")
    past: bool | None = None  # a past-tense verb anywhere in the span; read on first need


class _TenseReader:
    """Read tense markers once per sentence (cached); regexes run only if a word check hits."""

    def __init__(self, text: str, low: str) -> None:
        self.text, self.low = text, low
        self.cache: dict[tuple[int, int], _SentenceTense] = {}

    def tense(self, span: tuple[int, int], start: int) -> str | None:
        """Return "future", "past" or None (no sign) for an expression starting at `start`.

        Future wins when the last future marker before the expression is not followed by a
        reporting verb ("will step down in June, said on Monday" is past); otherwise any past-tense
        verb of the sentence ("killed", "met", "was") makes it past.
        """
        info = self.cache.get(span)
        if info is None:
            info = self.cache[span] = self._read(*span)
        last = None
        for marker in info.futures:
            if marker[1] > start:
                break
            last = marker
        if last is not None and not any(last[1] <= report < start for report in info.reports):
            return "future"
        if info.past is None:
            info.past = _PAST.search(self.text, *span) is not None
        return "past" if info.past else None

    def _read(self, first: int, last: int) -> _SentenceTense:
        segment = self.low[first:last]
        words = set(segment.split())
        if not (words & _FUTURE_HINTS or "'ll" in segment or "’ll" in segment
                or (words & {"is", "are"} and words & {"to", "due"})):
            return _SentenceTense([], [])
        futures = [(m.start(), m.end()) for m in _FUTURE.finditer(self.low, first, last)
                   if not (self.text[m.start()].isupper() and self.low.startswith(("will ", "shall "), m.start()))]
        # a capitalised "Will" is a name ("Will Young met …"); a sentence-initial modal asks a question
        reports = [m.start() for m in _REPORT.finditer(self.low, first, last)] if futures else []
        return _SentenceTense(futures, reports)


def _to_expr(text: str, low: str, cand: _Cand, sentences: list[Sentence], starts: list[int],
             tenses: _TenseReader, dated: bool) -> TimeExpr:
    """Turn a candidate into a TimeExpr: sentence, signal, direction from tense, fixed values."""
    index = max(bisect.bisect_right(starts, cand.start) - 1, 0)
    rule = cand.rule
    sentence_tense = None
    if not (dated and rule["kind"] == "absolute"):
        # (absolute dates of a dated article take their tense from the calendar instead)
        first, last = (sentences[index].start, sentences[index].end) if sentences else (0, 0)
        if not first <= cand.start < last or last - first > 600:  # no or runaway sentences
            first, last = max(0, cand.start - 250), min(len(text), cand.end + 150)
        sentence_tense = tenses.tense((first, last), cand.start)
    ahead = rule.pop("ahead", None)
    if ahead is not None and sentence_tense == "future":  # "will resume in two weeks"
        cand = _offset(cand.start, cand.end, ahead["unit"], ahead["n"], tense="future")
        rule = cand.rule
    signal = _SIGNAL_BEFORE.search(low, max(0, cand.start - 16), cand.start) \
        if _last_word(low, cand.start) in _SIGNAL_WORDS else None
    if signal is not None:
        rule["signal"] = " ".join(signal.group(1).split())
    if "direction" in rule and rule["direction"] is None:
        # no sign of tense: weekdays count back (news reports the past), months keep the year
        default = "past" if rule["kind"] == "weekday" else "this"
        rule["direction"] = sentence_tense or default
    tense = cand.tense or sentence_tense or "present"
    if cand.tense == "present" and sentence_tense == "future":
        tense = "future"
    kind = rule["kind"]
    fixed = kind in ("absolute", "duration", "set", "ref")
    anchor = "article" if kind == "ref" else "absolute" if fixed else "unresolved"
    said = text[cand.start:cand.end]
    basis = ""
    if fixed:
        quoted = f"{rule['signal']} {said}" if "signal" in rule else said
        basis = f"'{quoted}' as written"
    return TimeExpr(
        text=said, start=cand.start, end=cand.end,
        type=cand.type,  # type: ignore[arg-type]
        value=cand.value, precision=_model_precision(cand.precision), anchor=anchor,
        basis=basis, sentence=index if sentences else 0,
        rule=rule, tense=tense,  # type: ignore[arg-type]
    )


def _absolute_tense(exprs: list[TimeExpr], anchor: _Anchor | None) -> None:
    """Date the tense of absolute expressions by the calendar when the article date is known."""
    today = anchor.date if anchor is not None else None
    if today is None:
        return
    for expr in exprs:
        interval = value_interval(expr.value) if expr.rule.get("kind") == "absolute" else None
        if interval is not None:
            expr.tense = "past" if interval[1] < today else "future" if interval[0] > today else \
                expr.tense


def _attach_times(exprs: list[TimeExpr], low: str) -> None:
    """Point each clock time at the nearest day-precision DATE of its sentence.

    The day of a report ("police said on Friday") is not the day of the happening unless it is
    the only one. A clock time with no such DATE falls on the article date, unless its sentence
    has a SET ("at 9 p.m. daily": a time of every day, noted as ``rule["set"]``).
    """
    by_sentence: dict[int, list[TimeExpr]] = {}
    for expr in exprs:
        by_sentence.setdefault(expr.sentence, []).append(expr)
    for same in by_sentence.values():  # linear: a text without sentences is one huge sentence
        clocks = [expr for expr in same if expr.rule.get("kind") == "time"]
        if not clocks:
            continue
        days = [other for other in same if other.type == "DATE" and other.precision == "day"
                and other.rule.get("kind") != "event"]
        told = {id(day) for day in days
                if _REPORT_DAY_BEFORE.search(low, max(0, day.start - 24), day.start)}
        if told and len(told) < len(days):
            days = [day for day in days if id(day) not in told]
        if not days:
            if any(other.type == "SET" for other in same):
                for expr in clocks:
                    expr.rule["set"] = True
            continue
        starts = [day.start for day in days]
        for expr in clocks:
            index = bisect.bisect_left(starts, expr.start)
            near = days[max(0, index - 1):index + 1]
            expr.rule["date_start"] = min(near, key=lambda day: abs(day.start - expr.start)).start


def tag_times(article: Article) -> Article:
    """Fill `article.times` with the article's time expressions, sorted by start.

    Needs `article.text` and `article.sentences` (an empty list counts the whole text as
    sentence 0). Values are anchored to `article.published`, or partially to the dateline's month
    and day; see the module docstring for values, anchors and rules. Raises ExtractError (X310)
    when `published` is not an ISO date.
    """
    text = article.text
    anchor = _article_anchor(article)
    sentences = article.sentences
    starts = [sentence.start for sentence in sentences]
    low = _lower(text)
    tenses = _TenseReader(text, low)
    dated = anchor is not None and anchor.year is not None
    exprs = [_to_expr(text, low, cand, sentences, starts, tenses, dated)
             for cand in _candidates(text, low, _dateline_span(article))]
    _attach_times(exprs, low)
    _absolute_tense(exprs, anchor)
    article.times = _evaluate_all(exprs, anchor, lambda expr: True)
    return article


def resolve(expr: TimeExpr, *, anchor: dt.date | None, previous: TimeExpr | None = None,
            basis_label: str = "article date") -> TimeExpr:
    """Return a copy of an unresolved expression resolved against a date learnt later.

    Works from `expr.rule` only (the text is not re-read). `previous` is the nearest earlier DATE
    of the article for chains ("Two years later"; None means count from `anchor`) and the day a
    clock time belongs to. A label starting with "story" gives anchor "story", any other
    "article". Expressions that are not "unresolved" come back unchanged (as a copy).
    """
    if expr.anchor != "unresolved":
        return _with(expr, rule=dict(expr.rule))
    full = _Anchor.full(anchor, basis_label) if anchor is not None else None
    return _evaluate(_with(expr, rule=dict(expr.rule)), full, previous)


def reanchor(article: Article, anchor: dt.date, *, basis_label: str) -> Article:
    """Resolve every unresolved or partial expression of the article against `anchor`, in order.

    Chains are evaluated after the expressions before them, so "Two years later" sees a previous
    "in May" that has just received its year. Resolved expressions are left as they are.
    """
    full = _Anchor.full(anchor, basis_label)
    article.times = _evaluate_all(list(article.times), full, _is_unresolved)
    return article


def _is_unresolved(expr: TimeExpr) -> bool:
    return expr.anchor == "unresolved"
