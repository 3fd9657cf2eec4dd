import pytest

from newsevents.extract.lexicon import NOUN_TRIGGERS, PHRASE_TRIGGERS, VERB_TRIGGERS
from newsevents.extract.plover import PLOVER_TYPES, cameo_to_plover


@pytest.mark.parametrize(
    ("cameo", "plover"),
    [("036", "AGREE"), ("040", "CONSULT"), ("042", "CONSULT"), ("051", "SUPPORT"), ("061", "COOPERATE"),
     ("073", "AID"), ("081", "CONCEDE"), ("083", "CONCEDE"), ("084", "RETREAT"), ("087", "RETREAT"),
     ("090", "ACCUSE"), ("102", "REQUEST"), ("112", "ACCUSE"), ("120", "REJECT"), ("130", "THREATEN"),
     ("140", "PROTEST"), ("150", "MOBILIZE"), ("163", "SANCTION"), ("173", "COERCE"), ("181", "ASSAULT"),
     ("190", "ASSAULT"), ("202", "ASSAULT"), ("010", None), ("020", None)],
)
def test_cameo_to_plover_crosswalk(cameo: str, plover: str | None) -> None:
    assert cameo_to_plover(cameo) == plover


def test_lexicon_triggers_have_plover_types() -> None:
    triggers = VERB_TRIGGERS + NOUN_TRIGGERS + [trigger for _, trigger in PHRASE_TRIGGERS]
    assert {trigger.type for trigger in triggers} <= set(PLOVER_TYPES)


def test_phrase_cues_cover_every_phrase_trigger() -> None:
    """A sentence holding a phrase trigger must contain one of its cue words, or the coder skips it."""
    import re

    from newsevents.extract.lexicon import PHRASE_CUES, phrase_triggers_for

    examples = [
        "took control of", "seized control over", "opened fire on", "set the market on fire", "torched",
        "took to the streets", "went on strike", "staged a strike", "called on", "cut diplomatic ties",
        "restored full diplomatic relations", "work together", "spoke by phone", "held talks",
        "sent 300 troops", "provided food aid", "imposed new sanctions", "held 20 passengers hostage",
        "fired mortar rounds", "carried out an attack", "launched a new offensive", "staged a protest",
        "expelled two diplomats", "suspended military aid", "suspended the talks", "shared intelligence",
        "paid a visit", "reached an agreement", "stepped down", "lifted sanctions", "pulled out",
        "handed back control of", "put its forces on high alert", "granted asylum", "shut down the internet",
        "cracked down", "opened an investigation", "exchanged fire", "use force against", "go to war",
        "fired tear gas", "blocked the main highway", "opened an embassy", "took in 2,000 refugees",
        "froze the assets", "voted down", "reversed a decision", "supplied more weapons", "warned Ankara",
    ]
    for pattern, trigger in PHRASE_TRIGGERS:
        hits = [example for example in examples if pattern.search(example)]
        assert hits, pattern.pattern
        for example in hits:
            words = set(re.findall(r"[a-z]+", example))
            assert PHRASE_CUES & words, example
            assert (pattern, trigger) in phrase_triggers_for(words), (pattern.pattern, example)


def test_verb_forms_table_covers_every_trigger_verb() -> None:
    """data/verb_forms.json is generated (scripts/build_verb_forms.py): a new trigger verb needs a rebuild."""
    from newsevents.extract.lexicon import PHRASE_VERB_LEMMAS, verb_forms

    missing = ({t.lemma for t in VERB_TRIGGERS} | set(PHRASE_VERB_LEMMAS)) - set(verb_forms())
    assert not missing, f"run scripts/build_verb_forms.py; missing {sorted(missing)}"


def test_extraction_imports_no_heavy_library() -> None:
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from newsevents.pipeline import Pipeline\n"
        "from newsevents.ingest import read_text\n"
        "Pipeline()(read_text('| date 2024-01-01\\nGunmen attacked a village in Mali on Monday.', origin='x'))\n"
        "print(sorted(m for m in ('torch', 'spacy', 'lemminflect', 'pandas', 'dask') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
