"""Read an HTML news page: main text, title, date and URL via trafilatura (offline).

Choices, and why:

- `favor_precision=True, include_comments=False`: analysts want the report, not reader comments or
  "most read" lists; a missed paragraph costs less than a comment read as news.
- The date is taken only from the page's markup — meta tags (article:published_time, …), JSON-LD,
  `<time>` elements, or a date in the canonical URL — with htmldate's `extensive_search` off, so a
  date that merely appears in the visible text (a copyright year, "Posted on …" of another story)
  is never guessed into `published`. Basis: "metadata".
- `url` is the canonical link or og:url. `outlet` is that URL's domain ("dailyledger.com.ng"),
  falling back to og:site_name only without a URL: the domain is the same key whatever the page
  calls itself ("Capital FM", "Capital News"), so outlet-level statistics stay together.
- trafilatura repeats the `<h1>` headline as the first line of the text; it is dropped when it equals
  the title, so the first line is the lede (and its dateline).

trafilatura is imported on first use: it costs a few hundred milliseconds to import and is not
needed for text or JSON input.
"""

from __future__ import annotations

import re
from functools import cache
from types import ModuleType
from typing import Any

from newsevents.errors import InputError
from newsevents.ingest.article import make_article, outlet_from_url, parse_published
from newsevents.model import Article

__all__ = ["read_html"]

_DATE_PARAMS = {"extensive_search": False, "original_date": True}
# Fewer words than this is a navigation fragment ("Home"), not a report.
_MIN_WORDS = 5
_SPACES = re.compile(r"\s+")


def read_html(
    html: str,
    *,
    origin: str,
    url: str | None = None,
    title: str | None = None,
    outlet: str | None = None,
    published: str | None = None,
    article_id: str | None = None,
) -> Article:
    """Return the article in an HTML page; keyword values given by the caller win over the page's.

    Raises InputError (I010) when trafilatura finds no main text, or fewer than five words (what
    it returns for a page that is all navigation).
    """
    document = _extract(html, origin=origin)
    page_title = _clean_title(getattr(document, "title", None))
    text = _drop_repeated_title((getattr(document, "text", None) or "").strip(), title or page_title)
    if len(text.split()) < _MIN_WORDS:
        raise InputError(origin, "no article text found in the HTML page", code="I010")
    page_date = getattr(document, "date", None)
    page_published = parse_published(page_date) if page_date else None
    final_url = url or getattr(document, "url", None) or None
    final_published = published or page_published
    return make_article(
        text,
        origin=origin,
        article_id=article_id,
        url=final_url,
        title=title or page_title,
        outlet=outlet or _outlet(final_url, getattr(document, "sitename", None)),
        published=final_published,
        published_basis="metadata",
    )


@cache
def _trafilatura() -> ModuleType:
    import trafilatura

    return trafilatura


def _extract(html: str, *, origin: str) -> Any:
    """Run trafilatura; None when it finds nothing. Parser failures on hostile markup become
    InputError, since bad input must never stop a batch (trafilatura and lxml raise a variety of
    exception types, hence the broad catch)."""
    try:
        return _trafilatura().bare_extraction(
            html,
            include_comments=False,
            favor_precision=True,
            with_metadata=True,
            date_extraction_params=dict(_DATE_PARAMS),
        )
    except Exception as exc:  # noqa: BLE001 - third-party parser on untrusted input
        reason = f"HTML could not be parsed ({type(exc).__name__}: {exc})"
        raise InputError(origin, reason, code="I010") from exc


def _outlet(url: str | None, sitename: str | None) -> str | None:
    return outlet_from_url(url) or (sitename.strip() if sitename and sitename.strip() else None)


def _clean_title(title: str | None) -> str | None:
    if not title:
        return None
    cleaned = _SPACES.sub(" ", title).strip()
    return cleaned or None


def _drop_repeated_title(text: str, title: str | None) -> str:
    if not title:
        return text
    first, _, rest = text.partition("\n")
    if _SPACES.sub(" ", first).strip().casefold() == title.casefold():
        return rest.lstrip("\n")
    return text
