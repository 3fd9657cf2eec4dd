"""Clean article text: Unicode, boilerplate, repeated sentences, dateline and date.

`clean(article)` sets `article.text` — the text every later span points into — plus
`article.removed` (what was dropped and why), `article.dateline`, and `article.published` when only
the dateline can give it. `OutletBoilerplate` learns an outlet's recurring lines from a batch.
"""

from newsevents.clean.boilerplate import OutletBoilerplate, is_boilerplate, is_byline
from newsevents.clean.cleaner import clean
from newsevents.clean.dateline import DatelineMatch, country_code, parse_dateline
from newsevents.clean.normalise import normalise_text
from newsevents.clean.repeats import find_repeats

__all__ = [
    "DatelineMatch",
    "OutletBoilerplate",
    "clean",
    "country_code",
    "find_repeats",
    "is_boilerplate",
    "is_byline",
    "normalise_text",
    "parse_dateline",
]
