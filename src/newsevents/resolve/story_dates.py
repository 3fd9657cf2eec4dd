"""Date undated articles from their story, then finish their times and events against that date.

An article with no date of its own (no metadata, header line or full dateline) keeps partial values
("XXXX-05-04") and unresolved relative expressions ("on Wednesday") after extraction. Once story
resolution puts it in a story whose other members are dated, the story tells when it was written:

- **The story's date** is the earliest date a member has *of its own* (articles dated by a story do
  not count, so dates never feed back). News of a happening is published on or after it, and the first
  report is the closest to it, so relative words in an undated report ("May 4", "on Wednesday") are
  read as the first report would read them. Taking the earliest rather than a median also keeps the
  date stable when later follow-ups join the story. Seed 000 thus gets 2022-05-05 from seed 001.
- **A copy takes its original's date**: a near-duplicate (`duplicate_of`) of a dated member is the same
  text, published with it.
- **A dateline's month and day are kept**: an undated article filed "Nairobi, May 5-" takes the year
  that puts May 5 nearest to the story's date.
- **Bare weekdays may move it by a few days**: "said on Saturday" in an article given a Friday would
  mean six days back, which a reporter would not write without "last"; when the story's date puts
  some bare past weekday of the article `IMPLAUSIBLE_LOOKBACK` or more days back, the article takes
  the date within `SHIFT_DAYS` of the story's span that puts its bare weekdays least far back in all
  (the nearest to the story's date on a tie). On the development stories this finds 3 of the 4
  later reports' dates ("Friday's attack … said on Saturday" one day after a Friday report); the
  fourth, one day *before* its story's first dated report, keeps that report's date.

The article then gets `published` and `published_basis` ("story st_…"), its unresolved times are
resolved against that date (`newsevents.extract.time.reanchor`, whose bases then read "… from story
st_… date 2022-05-05"), and its events are extracted again, so that event dates and background flags
use the new date ("The talks on May 4" → 2022-05-04, news of the day; "in October 2011" → history).

An event the text gives no time at all stays undated here. Seed 000's meeting of Kibochi and Milley at
the Pentagon is such an event; `newsevents.resolve.fusion` dates it afterwards from its *occasion* —
the story's forum at the same site, with Kibochi, which both seeds date 2022-05-04 — and its basis
names the story.

Re-running is safe: an article dated by its story is dated again only when the story's date changed
(an earlier report arrived), and then its times are tagged afresh before re-anchoring.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from newsevents.errors import ExtractError
from newsevents.extract.events import extract_events
from newsevents.extract.time import reanchor, tag_times
from newsevents.model import Article

__all__ = ["date_from_story", "story_date"]

STORY_BASIS = "story"
"""`published_basis` of an article dated by its story starts with this word."""

IMPLAUSIBLE_LOOKBACK = 5
"""A bare past weekday this many days back ("said on Saturday" in a Friday report) means a wrong date."""
SHIFT_DAYS = 2
"""How far beyond the story's span of own dates an undated member's date may be moved."""


def _own_date(article: Article) -> dt.date | None:
    """The article's own date (not one its story gave it), or None."""
    if not article.published or _dated_by_story(article):
        return None
    try:
        return dt.date.fromisoformat(article.published[:10])
    except ValueError as error:
        raise ExtractError(
            f"article {article.article_id}: published {article.published!r} is not an ISO date "
            "(YYYY-MM-DD); fix the input metadata or the cleaner", code="X620") from error


def _dated_by_story(article: Article) -> bool:
    return (article.published_basis or "").startswith(f"{STORY_BASIS} ")


def story_date(articles: Sequence[Article], *, story_id: str) -> dt.date | None:
    """Return the earliest own date among the story's members (None when no member has one)."""
    span = _span(articles, story_id)
    return span[0] if span else None


def _span(articles: Sequence[Article], story_id: str) -> tuple[dt.date, dt.date] | None:
    dates = [date for article in articles if article.story_id == story_id
             and (date := _own_date(article)) is not None]
    return (min(dates), max(dates)) if dates else None


def _bare_weekdays(article: Article) -> list[int]:
    """Weekdays told without "last"/"next" in the past ("said on Saturday"), Monday = 0."""
    return [t.rule["weekday"] for t in article.times
            if t.rule.get("kind") == "weekday" and t.rule.get("direction") == "past"
            and t.anchor in ("unresolved", "story") and isinstance(t.rule.get("weekday"), int)]


def _lookbacks(date: dt.date, weekdays: list[int]) -> list[int]:
    """How many days back each weekday falls from `date` (0: the day itself)."""
    return [(date.weekday() - weekday) % 7 for weekday in weekdays]


def _fit_weekdays(article: Article, default: dt.date, span: tuple[dt.date, dt.date]) -> dt.date:
    """The story's date, or the date near its span that puts the bare weekdays least far back."""
    weekdays = _bare_weekdays(article)
    if max(_lookbacks(default, weekdays), default=0) < IMPLAUSIBLE_LOOKBACK:
        return default
    first = span[0] - dt.timedelta(days=SHIFT_DAYS)
    days = (span[1] - span[0]).days + 2 * SHIFT_DAYS
    candidates = [first + dt.timedelta(days=offset) for offset in range(days + 1)]
    return min(candidates, key=lambda day: (sum(_lookbacks(day, weekdays)), abs((day - default).days), day))


def _dateline_date(article: Article, anchor: dt.date) -> dt.date | None:
    """The dateline's month and day in the year nearest the story's date, if the dateline has both."""
    line = article.dateline
    if line is None or not line.month or not line.day:
        return None
    options = []
    for year in (anchor.year - 1, anchor.year, anchor.year + 1):
        try:
            options.append(dt.date(year, line.month, line.day))
        except ValueError:
            continue  # 29 February outside a leap year
    return min(options, key=lambda day: abs((day - anchor).days)) if options else None


def _date_for(article: Article, members: Sequence[Article], span: tuple[dt.date, dt.date],
              story_id: str) -> tuple[dt.date, str]:
    """Pick the date and the basis for one undated member."""
    anchor = span[0]
    original = next((m for m in members if m.article_id == article.duplicate_of), None)
    if original is not None and (own := _own_date(original)) is not None:
        return own, f"{STORY_BASIS} {story_id}: date of its original {original.article_id}"
    from_dateline = _dateline_date(article, anchor)
    if from_dateline is not None:
        return from_dateline, f"{STORY_BASIS} {story_id}: year for the dateline's month and day"
    fitted = _fit_weekdays(article, anchor, span)
    if fitted != anchor:
        moved = f"its date {anchor.isoformat()} moved to put its weekdays just before"
        return fitted, f"{STORY_BASIS} {story_id}: {moved}"
    return anchor, f"{STORY_BASIS} {story_id}"


def _redate(article: Article, date: dt.date, basis: str, story_id: str) -> None:
    if _dated_by_story(article):
        article.published = None
        tag_times(article)  # times resolved against the old story date: start again from the text
    article.published = date.isoformat()
    article.published_basis = basis
    reanchor(article, date, basis_label=f"{STORY_BASIS} {story_id}")
    extract_events(article)


def date_from_story(articles: Sequence[Article], *, story_id: str) -> list[str]:
    """Date the undated members of story `story_id` from the story; return the ids of those re-dated.

    Members are the `articles` whose `story_id` is `story_id`. Each undated member (or one dated by an
    earlier run of this function, if the story's date has since changed) gets `published`,
    `published_basis` ("story st_…"), re-anchored times and re-extracted events, in place. A story with
    no dated member changes nothing. Raises ExtractError (X620) when a member's own date is not ISO.
    """
    members = [article for article in articles if article.story_id == story_id]
    span = _span(members, story_id)
    if span is None:
        return []
    redated: list[str] = []
    for article in members:
        if _own_date(article) is not None:
            continue
        date, basis = _date_for(article, members, span, story_id)
        if _dated_by_story(article) and article.published == date.isoformat() \
                and article.published_basis == basis:
            continue  # already dated from this story, with this date
        _redate(article, date, basis, story_id)
        redated.append(article.article_id)
    return redated
