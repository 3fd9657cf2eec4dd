"""Build src/newsevents/data/verb_forms.json: every inflection of the event coder's verbs.

    pip install lemminflect && python scripts/build_verb_forms.py

The coder needs a verb's forms and their Penn tags ("stormed" → VBD/VBN). lemminflect knows them, but
importing it at run time also imports spaCy (and, through thinc, torch when installed): about a second
and 60 MB for a table of a few hundred words. So the table is generated once, here, and shipped.
tests/extract/test_plover.py fails when a trigger verb is missing from it.
"""

from __future__ import annotations

import json
from pathlib import Path

from lemminflect import getAllInflections

from newsevents.extract.lexicon import PHRASE_VERB_LEMMAS, VERB_TRIGGERS

OUT = Path(__file__).resolve().parents[1] / "src" / "newsevents" / "data" / "verb_forms.json"


def main() -> None:
    lemmas = sorted({trigger.lemma for trigger in VERB_TRIGGERS} | set(PHRASE_VERB_LEMMAS))
    table = {}
    for lemma in lemmas:
        forms = getAllInflections(lemma, upos="VERB")
        if not forms:
            raise SystemExit(f"lemminflect knows no forms of {lemma!r}")
        table[lemma] = {tag: sorted(words) for tag, words in sorted(forms.items())}
    OUT.write_text(json.dumps(table, indent=1, sort_keys=True) + "\n", encoding="utf-8")
    print(f"wrote {len(table)} verbs to {OUT}")


if __name__ == "__main__":
    main()
