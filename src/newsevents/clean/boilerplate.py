"""Recognise boilerplate: page furniture that is not part of the report.

Two kinds:

- Generic patterns (`is_boilerplate`), matched against a whole line or a whole sentence after
  normalisation: ad markers ("Advertisement. Scroll to continue reading."), link teasers ("Read
  more: …", "Related:", "Also read"), share/follow/subscribe/sign-up/click-here calls, copyright
  notices, photo credits and captions ("Photo: …", "(Photo by …)"), agency credits ("(Reporting by
  …; Editing by …)", "… contributed to this report."), tag lists, navigation words ("Print",
  "Comments"), and bylines ("By Aisha Bello", lines only). Units over 300 characters are never
  boilerplate: furniture is short and prose is not risked.
- Outlet boilerplate (`OutletBoilerplate`), learned: lines that recur across many articles of the
  same outlet (a standing disclaimer, a newsletter plug in the outlet's own words).

Patterns need an anchor at the start of the unit ("Read more:", "Follow us on") or to cover the
whole unit, so that a sentence merely mentioning advertising or copyright is kept.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from newsevents.clean.normalise import normalise_text
from newsevents.model import Article

__all__ = ["OutletBoilerplate", "boilerplate_key", "is_boilerplate", "is_byline"]

_MAX_UNIT = 300

_CONTINUE = (
    r"(?:scroll|continue)(?: down)? to (?:continue|read)(?: reading)?(?: (?:the )?(?:story|article))?\W*"
)
_TEASER = (
    r"also read|read also|read more|see also|must read|don'?t miss|recommended(?: for you| stories| reading)?"
    r"|related(?: articles?| stories| news| content| coverage| posts?| links| topics)?"
    r"|more (?:stories|news|headlines)|you (?:may|might) (?:also )?(?:like|be interested in)"
    r"|trending(?: now)?|most (?:read|popular)|top stories"
)
_NETWORKS = r"twitter|x|facebook|instagram|telegram|linkedin|youtube|whatsapp|tiktok|threads|google news"
_NAVIGATION = (
    r"print|email|e-mail|share|tweet|comments?|\d+ comments?|leave a (?:comment|reply)|menu|home|log ?in"
    r"|sign in|search|close|next|previous|back to top|skip to (?:main )?content|loading"
    r"|listen to (?:this )?(?:article|story)|view comments|show comments|add comment|report an error"
)
_PATTERNS = (
    # advertising markers
    rf"(?:advertisements?|advert|sponsored(?: content)?|ad)\W*(?:{_CONTINUE})?",
    _CONTINUE,
    r"(?:the )?(?:story|article|text) continues (?:below|after)\b.*",
    r"continue reading(?: (?:below|the (?:main )?(?:story|article)))?\W*",
    # teasers and related links: "Read more: …", "Watch - …", or the label alone
    rf"(?:{_TEASER}|(?:watch|listen|read|see)(?: also| here| now)?)(?:\s*[:|»>]|\s+-\s).*",
    rf"(?:{_TEASER})\W*",
    # share, follow, subscribe, sign up, click
    r"share (?:this(?: article| story| post| page)?|on \w+|via \w+|the story)\b.*",
    r"(?:follow|like|find|join|connect with) us(?: (?:on|at|via|for|today|now)\b.*|\W*)",
    rf"follow (?:@\S+|[\w.' ]{{1,40}} on (?:{_NETWORKS}))\b.*",
    r"(?:subscribe|sign up) (?:to|for|now|here|today|free|our)\b.*",
    r"(?:subscribe|sign up)\W*",
    r"join our (?:\w+ )?(?:channel|community|newsletter|mailing list|group)\b.*",
    r"(?:get|receive) (?:our|the latest|breaking) (?:\w+ )?(?:news(?:letter)?|updates|alerts|headlines)\b.*",
    r"click (?:here|to|on|the link|below)\b.*",
    r"(?:tap|press) here\b.*",
    r"download (?:our|the) (?:\w+ )?app\b.*",
    # copyright
    r"(?:©|\(c\)|copyright\s*(?:©|\(c\))?\s*\d{4}).*",
    r".{0,120}\ball rights reserved\b.*",
    r"this (?:material|article|story|content) (?:may|must) not be"
    r" (?:published|reproduced|copied|republished|redistributed)\b.*",
    # photo credits and captions; "Photo by" only before a capitalised credit, not "Photos by residents"
    r"\(?(?:file )?(?:photo|photograph|picture|image|video|graphic)s?(?: (?:credit|caption|source|courtesy))?"
    r"\s*[:|/].*",
    r"\(?(?:file )?(?:photo|photograph|picture|image)s?(?: credit)? (?:by|courtesy(?: of)?):? "
    r"(?-i:[A-Z][\w.'/-]*(?: (?:[A-Z][\w.'/-]*|/|\||and|&))*)\)?\.?",
    r"(?:caption|credit|source: (?:getty|afp|reuters|ap))\s*[:|].*",
    r"image (?:source|caption),.*",
    # agency credits
    r"\(?(?:additional )?(?:reporting|writing|editing|compiled|compiling|research|translation|translated"
    r"|graphics) by\b.*",
    r".{0,150}\bcontributed (?:to )?(?:this|the) (?:report|story|article)\W*",
    # tags and navigation
    r"(?:tags|tagged|tagged with|filed under|topics|categories|category|keywords)\s*[:|].*",
    rf"(?:{_NAVIGATION})\W*",
)
_BOILERPLATE = re.compile(
    "|".join(f"(?:{pattern})" for pattern in _PATTERNS), re.IGNORECASE | re.DOTALL
)
# Prefilter, so that the ~30 alternatives run only on candidates (5 µs → 0.5 µs per ordinary
# sentence): the first word of the patterns above, or a word that only those starting with "The" /
# "This" or matching anywhere contain.
_FIRST_WORD = re.compile(r"[\W_]*(©|[\w'-]+)")
_TRIGGERS = frozenset(
    """
    advertisement advertisements advert sponsored ad scroll continue story article text also read
    see must don't dont recommended related more you trending most watch listen top share follow like
    find join connect subscribe sign get receive click tap press download © c copyright file
    photo photos photograph photographs picture pictures image images video videos graphic graphics
    caption credit source additional reporting writing editing compiled compiling research
    translation translated tags tagged filed topics categories category keywords print email e-mail
    tweet comment comments leave menu home log login search close next previous back skip loading
    view show add report
    """.split()
)

_NAME_WORD = r"[A-Z][\w.'-]*"
_NAME = rf"{_NAME_WORD}(?: {_NAME_WORD}){{0,3}}"
_BYLINE = re.compile(
    rf"(?:[Bb]y|BY|[Ww]ritten by|[Pp]osted by|[Rr]eported by):? {_NAME}(?:(?:,| and| &) {_NAME})*"
    rf"(?:,? ?[|/] .{{0,80}}|, {_NAME})?"
)


def is_boilerplate(unit: str) -> bool:
    """Tell whether a whole line or sentence (stripped) is page furniture rather than report."""
    if len(unit) > _MAX_UNIT:
        return False
    first = _FIRST_WORD.match(unit)
    word = first.group(1).lower() if first else ""
    if word not in _TRIGGERS and not word.isdigit():
        lowered = unit.lower()
        if not (
            "reserved" in lowered or "contributed" in lowered
            or "continues" in lowered or "not be " in lowered
        ):
            return False
    return _BOILERPLATE.fullmatch(unit) is not None


def is_byline(line: str) -> bool:
    """Tell whether a whole line is a byline ("By Aisha Bello", "By A. Bello and J. Otieno | AFP").

    Only used on lines: as a sentence, "By Tuesday the army had retaken the town" must stay.
    A line ending in a full stop is prose, not a byline.
    """
    return len(line) <= 120 and not line.endswith(".") and _BYLINE.fullmatch(line) is not None


def boilerplate_key(line: str) -> int:
    """Return a 64-bit key for a line, insensitive to case and spacing (compact for counting)."""
    if len(line) <= _MAX_UNIT:
        return _line_key(line)
    return _key(line)


@lru_cache(maxsize=8192)
def _line_key(line: str) -> int:
    """`_key` of a line, cached: the learner keys an article's lines when it observes the article
    and again when the cleaner asks about them, and an outlet's boilerplate lines recur."""
    return _key(line)


def _key(line: str) -> int:
    folded = " ".join(line.casefold().split())
    return int.from_bytes(hashlib.blake2b(folded.encode("utf-8"), digest_size=8).digest(), "big")


@dataclass
class OutletBoilerplate:
    """Learn each outlet's own boilerplate: lines that recur across many of its articles.

    Call `observe(article)` for every article of a batch (before cleaning them), then pass the
    object to `clean()`; `is_boilerplate(outlet, line)` is true for a line seen in at least
    `min_articles` distinct articles of that outlet AND in at least `min_share` of the outlet's
    observed articles. Lines shorter than `min_chars` or longer than 300 characters are never
    counted: short lines ("He said.") recur by chance, long ones are prose. Articles without an
    outlet are ignored, and one article observed twice (same content hash) counts once.

    Lines are compared after `normalise_text` and case folding, and stored as 64-bit hashes (about
    100 bytes per distinct line). Memory stays bounded on endless streams: when an outlet holds more
    than `max_lines` distinct lines, the rarest are forgotten (lines seen once first) — a line in
    half of an outlet's articles is never among them. The object pickles cleanly; `merge()` combines
    learners filled in parallel (Dask partitions).
    """

    min_articles: int = 3
    min_share: float = 0.5
    min_chars: int = 20
    max_lines: int = 50_000
    _articles: dict[str, set[int]] = field(default_factory=dict, repr=False)
    _lines: dict[str, Counter[int]] = field(default_factory=dict, repr=False)

    def observe(self, article: Article) -> None:
        """Count the distinct lines of `article.raw_text` for its outlet (no-op without an outlet)."""
        outlet = article.outlet
        if not outlet:
            return
        seen = self._articles.setdefault(outlet, set())
        identity = boilerplate_key(article.content_hash or article.raw_text)
        if identity in seen:
            return
        seen.add(identity)
        keys = {
            boilerplate_key(line)
            for line in normalise_text(article.raw_text).split("\n")
            if self.min_chars <= len(line) <= _MAX_UNIT
        }
        counts = self._lines.setdefault(outlet, Counter())
        counts.update(keys)
        if len(counts) > self.max_lines:
            self._lines[outlet] = _forget_rarest(counts, keep=self.max_lines // 2)

    def is_boilerplate(self, outlet: str | None, line: str) -> bool:
        """Tell whether `line` is boilerplate for `outlet` by the thresholds above."""
        if not outlet or not self.min_chars <= len(line) <= _MAX_UNIT:
            return False
        counts = self._lines.get(outlet)
        if not counts:
            return False
        seen = counts.get(boilerplate_key(line), 0)
        return seen >= self.min_articles and seen >= self.min_share * len(self._articles[outlet])

    def articles_seen(self, outlet: str) -> int:
        """Return how many distinct articles of `outlet` were observed."""
        return len(self._articles.get(outlet, ()))

    def merge(self, other: OutletBoilerplate) -> None:
        """Add what `other` observed; the two must have seen different articles (disjoint
        partitions), or the lines of an article seen by both are counted twice."""
        for outlet, identities in other._articles.items():
            self._articles.setdefault(outlet, set()).update(identities)
        for outlet, counts in other._lines.items():
            self._lines.setdefault(outlet, Counter()).update(counts)


def _forget_rarest(counts: Counter[int], *, keep: int) -> Counter[int]:
    """Return `counts` without its rarest lines, raising the bar until at most `keep` remain."""
    floor = 1
    while len(counts) > keep:
        counts = Counter({key: count for key, count in counts.items() if count > floor})
        floor += 1
    return counts
