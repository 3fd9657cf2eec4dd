"""Case-insensitive regular expressions run as case-sensitive ones on lower-cased text.

Why: `re` matches an IGNORECASE pattern by lower-casing every character it compares and cannot skip
ahead to a literal it looks for, so the event coder's case-insensitive cues cost 2-6x what the same
pattern costs case-sensitively on text lower-cased once. `FoldedPattern` gives the same spans:

- the pattern must spell its letters in lower case (escapes such as `\\W` aside) and carry no inline
  flags, so that its case-sensitive twin is the same pattern for lower-case text;
- the text must lower-case character by character (`str.lower` keeps its length: no "İ") and hold
  neither "ı" nor "ſ", which IGNORECASE equates with "i" and "s" while `str.lower` keeps them. For
  every other character, each lower-case literal, `[a-z]`-style class, `\\w`, `\\s`, `\\d` and `\\b`
  matches it under IGNORECASE exactly when it matches its lower case (checked over all of Unicode
  when this module was written). Other texts fall back to the IGNORECASE pattern itself.

Matches of the twin belong to the lower-cased text: callers read spans (`start`, `end`) and take the
words from the original text by those spans, never `group()` when the case matters.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator

__all__ = ["FoldedPattern", "folded_text"]

_UNFOLDABLE = ("ı", "ſ")
_recent: list[tuple[str, str | None]] = [("", ""), ("", "")]


def folded_text(text: str) -> str | None:
    """Return `text` lower-cased with unchanged offsets, or None when that would change matches.

    The last two answers are kept (by identity): the coder asks about the article's text and about
    one sentence of it, in turns, many times over. A hit moves to the front, so that a run of
    one-off slices (a segment searched once) does not push the article's text out: lowering the
    whole article again costs far more than lowering a slice.
    """
    first, second = _recent
    if first[0] is text:
        return first[1]
    if second[0] is text:  # a slot holds one (text, folded) tuple, so threads never mix answers
        _recent[0], _recent[1] = second, first
        return second[1]
    lowered = text.lower()
    folded = lowered if len(lowered) == len(text) and not any(c in lowered for c in _UNFOLDABLE) else None
    _recent[1] = _recent[0]
    _recent[0] = (text, folded)
    return folded


def _twin_safe(source: str) -> bool:
    """Whether a pattern spells every letter in lower case, with no inline flags and no escaped
    code points (whose case is not checked here)."""
    if re.search(r"\(\?[aiLmsux-]", source) or re.search(r"\\[uUxN0-7]", source):
        return False
    unescaped = re.sub(r"\\.|\(\?P<\w+>|\(\?P=\w+\)", "", source, flags=re.DOTALL)  # escapes, group names
    return not any(("A" <= c <= "Z") or (not c.isascii() and c.lower() != c.upper()) for c in unescaped)


class FoldedPattern:
    """An IGNORECASE pattern with the `search`/`match`/`finditer` of `re`, faster on most texts.

    Raises ValueError at construction when the pattern is not IGNORECASE, spells a letter in upper
    case, sets inline flags or escapes a code point: its twin might not be equivalent.
    """

    __slots__ = ("pattern", "twin")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        if not pattern.flags & re.IGNORECASE or not _twin_safe(pattern.pattern):
            raise ValueError(f"no case-sensitive twin for {pattern.pattern!r}")
        self.pattern = pattern
        self.twin = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)

    def search(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        folded = folded_text(text)
        if folded is None:
            return self.pattern.search(text, pos, endpos)
        return self.twin.search(folded, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        folded = folded_text(text)
        if folded is None:
            return self.pattern.match(text, pos, endpos)
        return self.twin.match(folded, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int = sys.maxsize) -> Iterator[re.Match[str]]:
        folded = folded_text(text)
        if folded is None:
            return self.pattern.finditer(text, pos, endpos)
        return self.twin.finditer(folded, pos, endpos)
