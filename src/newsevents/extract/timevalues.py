"""Read the TimeML-style values the time tagger writes: intervals, precision, compatibility.

The event extractor and story resolution compare dates written at different precisions ("2022-05-04"
from one outlet, "XXXX-05-04" from an undated one, "2022" from a background sentence). These helpers
turn a value into the inclusive range of days it covers so that such values can be compared without
pretending to a precision the text never had.

Values understood (see `newsevents.extract.time` for how they are produced):

==================  =========================================  ===========
value               meaning                                    precision
==================  =========================================  ===========
``2022-05-04``      a day                                      day
``2022-05-04T15:00``  a clock time on a day (day is compared)  day
``2022-05-04TNI``   a part of a day (MO, AF, EV, NI)           day
``2022-W17``        ISO week 17 of 2022 (Monday to Sunday)     week
``2022-W17-WE``     the weekend of ISO week 17 (Sat and Sun)   week
``2022-05``         a month                                    month
``2022-SU``         a season (SP Mar-May, SU Jun-Aug, FA       season
                    Sep-Nov, WI Dec-Feb of the next year)
``2022-Q3``         a quarter                                  quarter
``2022-H2``         a half year                                half
``2013``            a year                                     year
``199``             a decade (the 1990s)                       decade
``20``              a century (the 2000s)                      century
``XXXX-05-04``      4 May of an unknown year (partial)         day
``XXXX-05``         May of an unknown year (partial)           month
``XXXX-XX-XXT15:00``  3 pm on an unknown day (partial)         unknown
``XXXX-WXX-1``      a Monday of an unknown week (an undated    unknown
                    "on Monday" DATE; as a SET: every Monday)
``PAST_REF`` etc.   TimeML reference words (no interval)        unknown
``P3W``, ``PT2H``   durations (no interval)                    unknown
``XXXX-WXX-5``      sets: every Friday (no interval)           unknown
==================  =========================================  ===========

Only calendar values are compared: durations, sets, reference words and None are never "compatible"
with anything, and callers decide what an unknown date means for them.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from functools import lru_cache

__all__ = [
    "days_before",
    "is_partial",
    "more_precise",
    "record_date",
    "value_interval",
    "value_precision",
    "values_compatible",
]

_DAY = re.compile(r"^([0-9]{4})-([0-9]{2})-([0-9]{2})(?:T.*)?$")
_WEEK = re.compile(r"^([0-9]{4})-W([0-9]{2})(-WE)?$")
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})$")
_YEAR = re.compile(r"^([0-9]{4})$")
_SUBYEAR = re.compile(r"^([0-9]{4})-(SP|SU|FA|WI|Q[1-4]|H[12])$")
_SUBYEAR_MONTHS = {  # first month, number of months
    "SP": (3, 3), "SU": (6, 3), "FA": (9, 3), "WI": (12, 3), "Q1": (1, 3), "Q2": (4, 3),
    "Q3": (7, 3), "Q4": (10, 3), "H1": (1, 6), "H2": (7, 6),
}
_DECADE = re.compile(r"^([0-9]{3})$")
_CENTURY = re.compile(r"^([0-9]{2})$")
_PARTIAL = re.compile(r"^XXXX-(?!W)([0-9]{2}|XX)(?:-([0-9]{2}|XX))?(?:T.*)?$")

_RANK = {"unknown": 0, "century": 1, "decade": 2, "year": 3, "half": 4, "quarter": 5, "season": 5,
         "month": 6, "week": 7, "day": 8}


def value_interval(value: str | None) -> tuple[dt.date, dt.date] | None:
    """Return the first and last day (inclusive) a calendar value covers.

    None for partial values ("XXXX-05-04": no year, so no days), durations, sets, reference words,
    None, and anything malformed (an impossible date such as "2022-02-30").
    """
    if not value:
        return None
    return _checked_interval(value)


@lru_cache(maxsize=4096)
def _checked_interval(value: str) -> tuple[dt.date, dt.date] | None:
    """`_interval` or None for an impossible date; cached, as an article's few dates are asked
    about by every stage and every event (dates are immutable, so sharing them is safe)."""
    try:
        return _interval(value)
    except ValueError:
        return None


def _interval(value: str) -> tuple[dt.date, dt.date] | None:
    if match := _DAY.match(value):
        day = dt.date(int(match[1]), int(match[2]), int(match[3]))
        return day, day
    if match := _WEEK.match(value):
        monday = dt.date.fromisocalendar(int(match[1]), int(match[2]), 1)
        if match[3]:
            return monday + dt.timedelta(days=5), monday + dt.timedelta(days=6)
        return monday, monday + dt.timedelta(days=6)
    if match := _MONTH.match(value):
        year, month = int(match[1]), int(match[2])
        return dt.date(year, month, 1), dt.date(year, month, calendar.monthrange(year, month)[1])
    if match := _YEAR.match(value):
        year = int(match[1])
        return dt.date(year, 1, 1), dt.date(year, 12, 31)
    if match := _SUBYEAR.match(value):
        first_month, months = _SUBYEAR_MONTHS[match[2]]
        first = dt.date(int(match[1]), first_month, 1)
        end_year, end_month = divmod(first_month - 1 + months, 12)
        after = dt.date(int(match[1]) + end_year, end_month + 1, 1)
        return first, after - dt.timedelta(days=1)
    if match := _DECADE.match(value):
        first = int(match[1]) * 10
        return dt.date(max(first, 1), 1, 1), dt.date(first + 9, 12, 31)
    if match := _CENTURY.match(value):
        first = int(match[1]) * 100
        return dt.date(max(first, 1), 1, 1), dt.date(first + 99, 12, 31)
    return None


def value_precision(value: str | None) -> str:
    """Return day | week | month | season | quarter | half | year | decade | century | unknown.

    A partial value has the precision of what is written ("XXXX-05-04" is day); a clock time on a
    known day is "day" (finer grains are not compared anywhere).
    """
    if not value:
        return "unknown"
    if _DAY.match(value):
        return "day"
    if _WEEK.match(value):
        return "week"
    if _MONTH.match(value):
        return "month"
    if _YEAR.match(value):
        return "year"
    if match := _SUBYEAR.match(value):
        code = match[2][0]
        return "quarter" if code == "Q" else "half" if code == "H" else "season"
    if _DECADE.match(value):
        return "decade"
    if _CENTURY.match(value):
        return "century"
    if match := _PARTIAL.match(value):
        if match[1] == "XX":
            return "unknown"
        return "day" if match[2] and match[2] != "XX" else "month"
    return "unknown"


def is_partial(value: str | None) -> bool:
    """Return True for a date whose year is unknown ("XXXX-05-04", "XXXX-05", "XXXX-XX-XXT15:00").

    Sets such as "XXXX-WXX-5" (every Friday) also start with XXXX but are not partial dates.
    """
    return bool(value) and _PARTIAL.match(value) is not None


def _partial_parts(value: str) -> tuple[int, int | None] | None:
    """Return (month, day or None) of a partial value that names at least a month."""
    match = _PARTIAL.match(value)
    if match is None or match[1] == "XX":
        return None
    day = int(match[2]) if match[2] and match[2] != "XX" else None
    return int(match[1]), day


def _partial_days_in(parts: tuple[int, int | None], interval: tuple[dt.date, dt.date]) -> list[str]:
    """Return the full values the partial could take inside the interval (one per fitting year)."""
    month, day = parts
    found: list[str] = []
    first, last = interval
    for year in range(first.year, last.year + 1):
        if day is None:
            last_day = calendar.monthrange(year, month)[1]
            span = (dt.date(year, month, 1), dt.date(year, month, last_day))
            if span[0] <= last and first <= span[1]:
                found.append(f"{year:04d}-{month:02d}")
            continue
        try:
            candidate = dt.date(year, month, day)
        except ValueError:
            continue  # 29 February in a common year
        if first <= candidate <= last:
            found.append(candidate.isoformat())
    return found


def values_compatible(a: str | None, b: str | None) -> bool:
    """Return True when two values can name the same time.

    Full values are compatible when their intervals overlap ("2022-05-04" and "2022-W18"). A partial
    value is compatible with a full value that contains its month and day in some year ("XXXX-05-04"
    with "2022-05-04", "2022-05" and "2022"), and with another partial value of the same month whose
    days do not differ. Anything else (None, durations, "PAST_REF") is not compatible.
    """
    if not a or not b:
        return False
    left, right = value_interval(a), value_interval(b)
    if left and right:
        return left[0] <= right[1] and right[0] <= left[1]
    left_parts, right_parts = _partial_parts(a), _partial_parts(b)
    if left_parts and right:
        return bool(_partial_days_in(left_parts, right))
    if right_parts and left:
        return bool(_partial_days_in(right_parts, left))
    if left_parts and right_parts:
        if left_parts[0] != right_parts[0]:
            return False
        return left_parts[1] is None or right_parts[1] is None or left_parts[1] == right_parts[1]
    return False


def more_precise(a: str | None, b: str | None) -> str | None:
    """Return the value that pins the time down better; combine a partial with a full value.

    "XXXX-05-04" and "2022-05" become "2022-05-04" (the partial gives the day, the other the year)
    when exactly one date fits. Otherwise the finer precision wins; at equal precision a full value
    beats a partial one, then `a` wins. None loses to anything.
    """
    if not a or not b:
        return a or b
    merged = _merge_partial(a, b) or _merge_partial(b, a)
    if merged:
        return merged
    rank_a, rank_b = _RANK[value_precision(a)], _RANK[value_precision(b)]
    if rank_a != rank_b:
        return a if rank_a > rank_b else b
    if is_partial(a) and not is_partial(b):
        return b
    return a


def _merge_partial(partial: str, full: str) -> str | None:
    parts, interval = _partial_parts(partial), value_interval(full)
    if parts is None or interval is None:
        return None
    candidates = _partial_days_in(parts, interval)
    if len(candidates) != 1:
        return None
    if _RANK[value_precision(candidates[0])] <= _RANK[value_precision(full)]:
        return full
    return candidates[0]


def days_before(value: str | None, reference: dt.date) -> int | None:
    """Return how many days the value's last day lies before `reference` (negative if after).

    "2013" against 2022-05-05 gives 3047: even the last day of 2013 is years back, which is what
    background detection needs. None when the value has no interval (partial, None, durations).
    """
    interval = value_interval(value)
    if interval is None:
        return None
    return (reference - interval[1]).days


def record_date(value: str | None) -> tuple[str | None, str]:
    """Return the (date, date_precision) pair the DESIGN.md event record allows.

    The record knows only YYYY, YYYY-MM, YYYY-MM-DD (and XXXX- partials) at day | month | year |
    unknown. A clock time keeps its day; a week becomes its month when it lies inside one month and
    its year otherwise; a season, quarter or half gives its year (a winter spanning two years gives
    nothing); a decade, century, duration or reference word gives (None, "unknown").
    """
    if not value:
        return None, "unknown"
    precision = value_precision(value)
    if precision == "day":
        return value.split("T", 1)[0], "day"
    if precision in ("month", "year"):
        return value, precision
    if precision in ("season", "quarter", "half"):
        interval = value_interval(value)
        if interval is not None and interval[0].year == interval[1].year:
            return f"{interval[0].year:04d}", "year"
        return None, "unknown"
    if precision == "week":
        interval = value_interval(value)
        if interval is None:
            return None, "unknown"
        first, last = interval
        if (first.year, first.month) == (last.year, last.month):
            return f"{first.year:04d}-{first.month:02d}", "month"
        if first.year == last.year:
            return f"{first.year:04d}", "year"
    return None, "unknown"
