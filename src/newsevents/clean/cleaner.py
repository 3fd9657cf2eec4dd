"""The clean stage: raw text in, the text every later span points into out.

Steps, in order (each dropped piece is recorded in `article.removed` with its reason):

1. `normalise_text` (Unicode, quotes, dashes, spaces, line breaks).
2. Paragraphs: one per line, blank lines dropped. A line that continues the previous one — the
   previous does not end in terminal punctuation and this one starts in lower case, or the previous
   ends with a comma — is joined to it with a space (hard-wrapped text). The output separates
   paragraphs with a single "\\n", whatever the input used.
3. Whole lines: "no letters" ("|", "***"), "boilerplate" (generic patterns and bylines), "outlet
   boilerplate" (learned by `OutletBoilerplate`).
4. Dateline: read from the first paragraph — or the second when the first looks like a headline —
   and cut from the text, so the body starts at the report ("Defence Cabinet Secretary …").
5. Sentences: boilerplate sentences inside longer lines ("… he said. Advertisement. The …"), then
   repeated sentences (see `newsevents.clean.repeats`).

Dates: when `published` is unknown and the dateline carries a full date ("LAGOS, Nigeria, March 3,
2023 -"), it becomes `published` with basis "dateline"; when the dateline has only month and day,
the year may come from a date path in the article URL (".../2022/05/..."; basis "dateline + URL
year", and only if the URL's month, when present, agrees). No other year is ever assumed: "May 5"
alone leaves `published` None and keeps month/day on `article.dateline`. A `published` already set
(header line, metadata) is never changed.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from datetime import date
from urllib.parse import urlsplit

from newsevents.clean.boilerplate import OutletBoilerplate, is_boilerplate, is_byline
from newsevents.clean.dateline import DatelineMatch, parse_dateline
from newsevents.clean.normalise import normalise_text
from newsevents.clean.repeats import find_repeats
from newsevents.extract.sentences import sentence_spans
from newsevents.model import Article

__all__ = ["clean"]

_LETTER = re.compile(r"[^\W\d_]")
_TERMINAL_END = frozenset(".!?:;\"')]…")
# A date path segment: "/2022/05/05/…", "/2022/05/…", "/2022-05-05-…"; a bare "/2022-kenya-…" is a
# topic, not a date.
_URL_DATE = re.compile(r"/((?:19|20)\d\d)(?:/|-(?=\d))(?:(\d{1,2})[/-])?")
_BYLINE_STARTS = ("By ", "BY ", "by ", "Written", "written", "Posted", "posted", "Reported", "reported")
_HEADLINE_MAX_WORDS = 20


def clean(article: Article, /, *, boilerplate: OutletBoilerplate | None = None) -> Article:
    """Set `text`, `removed` and `dateline` (and `published` if only the dateline can give it).

    Cleaning starts again from `raw_text`, so running it twice gives the same result.
    """
    removed: list[dict[str, str]] = []
    paragraphs = _paragraphs(normalise_text(article.raw_text))
    paragraphs = _drop_lines(paragraphs, outlet=article.outlet, learned=boilerplate, removed=removed)
    found = _take_dateline(paragraphs)
    paragraphs = _drop_sentences(paragraphs, removed=removed)
    article.text = "\n".join(paragraphs)
    article.removed = removed
    article.dateline = found.dateline if found else None
    if found and article.published is None:
        _date_from_dateline(article, found)
    return article


def _paragraphs(text: str) -> list[str]:
    paragraphs: list[str] = []
    continuing = False
    for line in text.split("\n"):
        if not line:
            continuing = False
            continue
        if continuing and _continues(paragraphs[-1], line):
            paragraphs[-1] += " " + line
        else:
            paragraphs.append(line)
        continuing = True
    return paragraphs


def _continues(previous: str, line: str) -> bool:
    if previous[-1] == ",":
        return True
    return previous[-1] not in _TERMINAL_END and line[0].islower()


def _drop_lines(
    paragraphs: list[str],
    *,
    outlet: str | None,
    learned: OutletBoilerplate | None,
    removed: list[dict[str, str]],
) -> list[str]:
    kept: list[str] = []
    for line in paragraphs:
        reason = _line_reason(line, outlet=outlet, learned=learned)
        if reason:
            removed.append({"text": line, "reason": reason})
        else:
            kept.append(line)
    return kept


def _line_reason(line: str, *, outlet: str | None, learned: OutletBoilerplate | None) -> str | None:
    if _LETTER.search(line) is None:
        return "no letters"
    if is_boilerplate(line) or (line.startswith(_BYLINE_STARTS) and is_byline(line)):
        return "boilerplate"
    if learned is not None and learned.is_boilerplate(outlet, line):
        return "outlet boilerplate"
    return None


def _take_dateline(paragraphs: list[str]) -> DatelineMatch | None:
    """Find the dateline, cut it from its paragraph (in place) and return it."""
    for position in range(min(2, len(paragraphs))):
        found = parse_dateline(paragraphs[position])
        if found:
            body = paragraphs[position][found.end:].strip()
            if body:
                paragraphs[position] = body
            else:
                del paragraphs[position]
            return found
        if not _looks_like_headline(paragraphs[position]):
            return None
    return None


def _looks_like_headline(paragraph: str) -> bool:
    return paragraph[-1] not in _TERMINAL_END and paragraph.count(" ") < _HEADLINE_MAX_WORDS


def _drop_sentences(paragraphs: list[str], *, removed: list[dict[str, str]]) -> list[str]:
    """Drop boilerplate and repeated sentences; rebuild only the paragraphs that lost one.

    The sentences are found in one pass over the joined text (a sentence never crosses "\n"), which
    is several times cheaper than splitting paragraph by paragraph.
    """
    joined = "\n".join(paragraphs)
    numbered = list(_number_sentences(joined, sentence_spans(joined)))
    per_paragraph = Counter(number for number, _ in numbered)
    drop: dict[int, str] = {}  # sentence position -> reason
    for position, (number, text) in enumerate(numbered):
        if per_paragraph[number] > 1 and is_boilerplate(text):
            drop[position] = "boilerplate"
    candidates = [position for position in range(len(numbered)) if position not in drop]
    for repeat in find_repeats([numbered[position] for position in candidates]):
        drop[candidates[repeat]] = "repeated sentence"
    if not drop:
        return paragraphs
    kept: dict[int, list[str]] = {}
    for position, (number, text) in enumerate(numbered):
        if position in drop:
            removed.append({"text": text, "reason": drop[position]})
        else:
            kept.setdefault(number, []).append(text)
    return [
        paragraphs[number] if len(texts) == per_paragraph[number] else " ".join(texts)
        for number, texts in sorted(kept.items())
    ]


def _number_sentences(text: str, spans: list[tuple[int, int]]) -> Iterator[tuple[int, str]]:
    """Yield (paragraph number, sentence text) for spans of "\n"-joined paragraphs."""
    number, paragraph_end = 0, text.find("\n")
    for start, end in spans:
        while paragraph_end != -1 and start > paragraph_end:
            number += 1
            paragraph_end = text.find("\n", paragraph_end + 1)
        yield number, text[start:end]


def _date_from_dateline(article: Article, found: DatelineMatch) -> None:
    line = found.dateline
    if line.month is None or line.day is None:
        return
    if found.year is not None:
        article.published = date(found.year, line.month, line.day).isoformat()
        article.published_basis = "dateline"
        return
    url_date = _URL_DATE.search(urlsplit(article.url).path) if article.url else None
    if url_date is None:
        return
    url_month = int(url_date[2]) if url_date[2] else None
    if url_month not in (None, line.month):
        return
    try:
        article.published = date(int(url_date[1]), line.month, line.day).isoformat()
    except ValueError:  # Feb 29 in a common year
        return
    article.published_basis = "dateline + URL year"
