"""Near-duplicate articles: syndicated or lightly edited copies linked to one canonical article.

MinHash (datasketch, 128 permutations) over 5-word shingles of the cleaned text (`Article.text`),
banded by MinHashLSH at a Jaccard threshold of 0.5, and every LSH candidate verified with the estimated
Jaccard before it counts. Measured on these texts: an edited copy (a few words swapped, boilerplate
changed) scores ~0.8, so 0.5 finds it with a wide margin; two outlets' own reports of one event score
~0.07. MinHash is therefore for *copies* only — grouping different reports of one happening is the
story index's job (`newsevents.resolve.stories`).

The first article added stays canonical: a later copy gets the canonical's id, and a copy of a copy
gets the original's id too (copies are indexed as well, mapped to their canonical, so a chain of edits
still lands on the first article).

Texts shorter than `min_words` (30) words are never duplicates of anything by MinHash alone: with
fewer than ~25 shingles one changed word moves the estimate by 0.2 and short items (briefs, photo
captions, "Advertisement") are shared boilerplate, not copies. They get an empty signature.

Signatures are portable bytes (`LeanMinHash.serialize`, little-endian, seed and scheme included), so a
database can persist them and rebuild the index with `insert` without re-reading any text.

Memory: datasketch's in-memory LSH keeps a set per band bucket, ~8 KB per indexed article (measured,
25 bands). Syndicated copies appear within days of the original, so articles older than
`window_days` (30) before the latest date seen leave the LSH (their id → canonical mapping stays):
memory is bounded by the window, not the archive. An undated article counts as published on the
latest date seen. A copy arriving more than the window after its original is then not recognised —
it is still clustered into the original's story by content, just not marked a copy. The window
assumes articles come roughly in date order (the resolver adds them by `stories.order_key`): an
article far older than the latest date is compared only with what the window still holds.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Iterator
from datetime import date
import numpy as np
from datasketch import LeanMinHash, MinHash, MinHashLSH

from newsevents.errors import ConfigError, InputError
from newsevents.model import Article

__all__ = ["DuplicateIndex", "shingles"]

NUM_PERM = 128
SHINGLE_WORDS = 5
THRESHOLD = 0.5
MIN_WORDS = 30
WINDOW_DAYS = 30
SEED = 1
_SCHEME = "affine32"
_BYTEORDER = "<"
_WORD = re.compile(r"\w+(?:['’]\w+)*")

_CODE_BAD_SIGNATURE = "I041"
_CODE_OTHER_SETTINGS = "C042"


def shingles(text: str, *, size: int = SHINGLE_WORDS) -> list[bytes]:
    """Return the distinct `size`-word shingles of `text` (case-folded words, punctuation ignored).

    Punctuation and case are dropped so that a re-punctuated or re-cased copy still matches; texts
    shorter than `size` words give a single shingle of all their words (or none when empty).
    """
    words = _WORD.findall(text.casefold())
    if len(words) < size:
        return [" ".join(words).encode("utf-8")] if words else []
    seen = dict.fromkeys(" ".join(words[i:i + size]) for i in range(len(words) - size + 1))
    return [shingle.encode("utf-8") for shingle in seen]


class DuplicateIndex:
    """An incremental index of articles that answers "is this a near-copy of one seen before?".

    In memory, picklable (plain dicts, numpy arrays and an in-memory MinHashLSH). Cost per `add`:
    ~0.6 ms for a 400-word article (MinHash ~0.45 ms, LSH query and insert the rest). `window_days`
    None keeps every article in the LSH.
    """

    def __init__(self, *, threshold: float = THRESHOLD, num_perm: int = NUM_PERM,
                 shingle_words: int = SHINGLE_WORDS, min_words: int = MIN_WORDS,
                 window_days: int | None = WINDOW_DAYS) -> None:
        if not 0.0 < threshold <= 1.0:
            raise ConfigError(f"duplicate threshold must be in (0, 1], got {threshold}", code="C043")
        self.threshold = threshold
        self.num_perm = num_perm
        self.shingle_words = shingle_words
        self.min_words = min_words
        self.window_days = window_days
        self._permutations = MinHash(num_perm=num_perm, seed=SEED, scheme=_SCHEME).permutations
        self._lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self._values: dict[str, np.ndarray] = {}  # indexed article id -> hash values (uint32)
        self._canonical: dict[str, str | None] = {}  # every known id -> its canonical (None: itself)
        self._order: dict[str, int] = {}  # indexed id -> insertion rank (ties go to the earliest)
        self._added = 0
        self._clock: int | None = None  # latest publication day seen (ordinal)
        self._expiry: list[tuple[int, int, str]] = []  # heap of (day, rank, id) of indexed articles
        self._last_minhash: tuple[str, MinHash | None] | None = None

    def __len__(self) -> int:
        return len(self._canonical)

    def __contains__(self, article_id: object) -> bool:
        return article_id in self._canonical

    def __iter__(self) -> Iterator[str]:
        return iter(self._canonical)

    def add(self, article: Article) -> str | None:
        """Return the canonical id when `article` is a near-copy of an earlier one, else None.

        Also sets `article.duplicate_of` to the returned value. The article is indexed either way (a copy
        under its canonical). Adding an id already known returns what was decided the first time, so
        re-ingesting a corpus is idempotent.
        """
        if article.article_id in self._canonical:
            article.duplicate_of = self._canonical[article.article_id]
            return article.duplicate_of
        day = self._advance(article.published)
        minhash = self._minhash(article.text)
        canonical = self._match(minhash) if minhash is not None else None
        self._index(article.article_id, minhash, canonical, day)
        article.duplicate_of = canonical
        return canonical

    def match(self, article: Article) -> str | None:
        """Return the canonical id `article` would be a copy of, without indexing it."""
        if article.article_id in self._canonical:
            return self._canonical[article.article_id]
        minhash = self._minhash(article.text)
        return self._match(minhash) if minhash is not None else None

    def canonical(self, article_id: str) -> str | None:
        """Return the canonical id of a known copy, None for a canonical or unknown article."""
        return self._canonical.get(article_id)

    def signature(self, article: Article) -> bytes:
        """Return the article's MinHash as portable bytes, or b"" when its text is too short to compare."""
        minhash = self._minhash(article.text)
        if minhash is None:
            return b""
        lean = LeanMinHash(minhash)
        buffer = bytearray(lean.bytesize(byteorder=_BYTEORDER))
        lean.serialize(buffer, byteorder=_BYTEORDER)
        return bytes(buffer)

    def insert(self, article_id: str, signature: bytes, *, canonical: str | None = None,
               published: str | None = None) -> None:
        """Index a persisted signature without re-reading the text (rebuilding from a database).

        `canonical` is the id the article was found to copy (None for a canonical article); `published`
        its date, so that the window applies (without it the article counts as of the latest date
        seen). An empty signature records the id as known but uncomparable. Raises InputError I041 for
        bytes that are not a signature and ConfigError C042 for one made with other settings.
        """
        if article_id in self._canonical:
            return
        day = self._advance(published)
        minhash = self._decode(article_id, signature) if signature else None
        self._index(article_id, minhash, canonical, day)

    # ----------------------------------------------------------------------------------------------

    def _minhash(self, text: str) -> MinHash | None:
        """The text's MinHash; the last one is remembered, since `add` and then `signature` ask for
        the same article's (hashing is most of a near-duplicate check's cost)."""
        if self._last_minhash is not None and self._last_minhash[0] == text:
            return self._last_minhash[1]
        minhash = None
        if len(_WORD.findall(text)) >= self.min_words:
            minhash = MinHash(num_perm=self.num_perm, seed=SEED, permutations=self._permutations, scheme=_SCHEME)
            minhash.update_batch(shingles(text, size=self.shingle_words))
        self._last_minhash = (text, minhash)
        return minhash

    def _match(self, minhash: MinHash) -> str | None:
        best: tuple[float, int, str] | None = None
        values = minhash.hashvalues
        for key in self._lsh.query(minhash):
            jaccard = float(np.count_nonzero(self._values[key] == values)) / self.num_perm
            if jaccard < self.threshold:
                continue
            candidate = (jaccard, -self._order[key], key)
            if best is None or candidate > best:
                best = candidate
        if best is None:
            return None
        found = best[2]
        return self._canonical[found] or found

    def _index(self, article_id: str, minhash: MinHash | None, canonical: str | None, day: int | None) -> None:
        self._canonical[article_id] = canonical
        if minhash is None:
            return
        self._values[article_id] = np.asarray(minhash.hashvalues, dtype=np.uint32)
        self._order[article_id] = self._added
        self._lsh.insert(article_id, minhash, check_duplication=False)
        if self.window_days is not None and (day if day is not None else self._clock) is not None:
            heapq.heappush(self._expiry, (day if day is not None else self._clock, self._added, article_id))
        self._added += 1

    def _advance(self, published: str | None) -> int | None:
        """Move the clock to `published` and drop articles that fell out of the window; return its day."""
        try:
            day = date.fromisoformat(published[:10]).toordinal() if published else None
        except ValueError:
            day = None
        if day is not None and (self._clock is None or day > self._clock):
            self._clock = day
        if self.window_days is not None and self._clock is not None:
            horizon = self._clock - self.window_days
            while self._expiry and self._expiry[0][0] < horizon:
                _, _, old = heapq.heappop(self._expiry)
                self._lsh.remove(old)
                del self._values[old], self._order[old]
        return day

    def _decode(self, article_id: str, signature: bytes) -> MinHash:
        try:
            lean = LeanMinHash.deserialize(signature, byteorder=_BYTEORDER)
        except Exception as error:  # struct.error, ValueError: any unreadable buffer
            raise InputError(article_id, f"not a MinHash signature ({type(error).__name__}: {error})",
                             code=_CODE_BAD_SIGNATURE) from error
        if len(lean) != self.num_perm or lean.seed != SEED or getattr(lean, "scheme", _SCHEME) != _SCHEME:
            raise ConfigError(
                f"signature of {article_id} was made with {len(lean)} permutations, seed {lean.seed}; this "
                f"index uses {self.num_perm}, seed {SEED}: recompute the signatures from the texts",
                code=_CODE_OTHER_SETTINGS,
            )
        return lean
