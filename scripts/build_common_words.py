"""Build src/newsevents/data/common_words.txt.gz: the 40,000 most frequent English words, lower case.

    pip install wordfreq && python scripts/build_common_words.py

Why: a capitalised word that opens a sentence may be a name no gazetteer has ("Arnor expelled …") or
an ordinary word ("Negotiators met …"). Inside a sentence capitals mark names; at its start only a
list of ordinary words can tell them apart. wordfreq ranks words over large multi-genre corpora; it is
needed only here, so the table is generated once and shipped (about 150 kB).
"""

from __future__ import annotations

import gzip
from pathlib import Path

from wordfreq import top_n_list

OUT = Path(__file__).resolve().parents[1] / "src" / "newsevents" / "data" / "common_words.txt.gz"
SIZE = 40_000


def main() -> None:
    words = sorted({word for word in top_n_list("en", SIZE) if word.isalpha() and word.isascii()})
    with gzip.open(OUT, "wt", encoding="utf-8", compresslevel=9) as handle:
        handle.write("\n".join(words) + "\n")
    print(f"wrote {len(words)} words to {OUT}")


if __name__ == "__main__":
    main()
