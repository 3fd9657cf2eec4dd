"""Event triggers: the words and phrases that name an event, with PLOVER type, mode and CAMEO code.

Verbs are listed by lemma and expanded to every inflection from data/verb_forms.json (generated with
lemminflect by scripts/build_verb_forms.py), so "stormed", "storming" and "storms" all trigger without
being listed. Nouns are listed with their
plural. Phrases (light-verb constructions such as "took control of", "opened fire on") are regular
expressions over the lower-cased sentence.

`takes_actor_object` says whether the words after the trigger can name a target actor ("attacked the
base" yes, "discussed security" no). `symmetric` verbs (meet, agree) make coordinated subjects
participants rather than a source.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache

from newsevents.extract.plover import cameo_to_plover


@dataclass(frozen=True)
class Trigger:
    lemma: str
    pos: str  # "verb" | "noun" | "phrase"
    cameo: str
    mode: str | None = None
    takes_actor_object: bool = True
    symmetric: bool = False
    consequence: bool = False  # "killing" after "stormed": part of the attack, not a new event
    needs_context: bool = False  # weak trigger: an event only with an actor of its own or an antecedent

    @property
    def type(self) -> str:
        plover = cameo_to_plover(self.cameo)
        assert plover is not None, self.cameo
        return plover


def _verbs(cameo: str, lemmas: str, **kwargs: object) -> list[Trigger]:
    return [Trigger(lemma, "verb", cameo, **kwargs) for lemma in lemmas.split()]  # type: ignore[arg-type]


def _nouns(cameo: str, lemmas: str, **kwargs: object) -> list[Trigger]:
    return [Trigger(lemma, "noun", cameo, **kwargs) for lemma in lemmas.split("|")]  # type: ignore[arg-type]


VERB_TRIGGERS: list[Trigger] = [
    # CONSULT
    *_verbs("040", "meet", symmetric=True),
    *_verbs("040", "discuss confer", takes_actor_object=False, needs_context=True),
    *_verbs("042", "visit tour", mode=None),
    *_verbs("040", "telephone", mode="phone"),
    # AGREE / COOPERATE / SUPPORT / AID
    *_verbs("057", "sign", symmetric=True),
    *_verbs("030", "agree pledge promise vow", symmetric=True, takes_actor_object=False),
    *_verbs("061", "cooperate collaborate", symmetric=True),
    *_verbs("051", "praise commend welcome hail endorse", mode=None),
    *_verbs("070", "donate", mode=None),
    *_verbs("073", "evacuate", mode="humanitarian"),
    # CONCEDE / RETREAT
    *_verbs("0841", "release free", mode="release"),
    *_verbs("087", "withdraw retreat", mode="withdraw"),
    *_verbs("083", "resign", mode="resign"),
    # REQUEST / ACCUSE / REJECT
    *_verbs("102", "urge appeal", takes_actor_object=True),
    *_verbs("100", "ask demand request", needs_context=True),
    *_verbs("112", "accuse blame condemn denounce criticise criticize", mode="disapprove"),
    *_verbs("090", "investigate probe", mode="investigate"),
    *_verbs("120", "reject refuse dismiss", takes_actor_object=False),
    # THREATEN / PROTEST
    *_verbs("130", "threaten"),
    *_verbs("140", "protest demonstrate rally march", mode="demonstrate", takes_actor_object=False),
    *_verbs("190", "strike hit pound target", needs_context=True),
    # SANCTION / MOBILIZE / COERCE
    *_verbs("163", "sanction embargo ban", mode=None),
    *_verbs("150", "deploy mobilise mobilize station", mode="troops"),
    *_verbs("173", "arrest detain jail imprison", mode="arrest"),
    *_verbs("174", "expel deport", mode="expel"),
    *_verbs("175", "torture", mode="repression"),
    # ASSAULT
    *_verbs("190", "attack raid storm invade overrun"),
    *_verbs("190", "fight clash battle", symmetric=True, needs_context=True),
    *_verbs("181", "abduct kidnap", mode="abduct"),
    *_verbs("183", "bomb", mode="explosives"),
    *_verbs("194", "shell", mode="heavy-weapons"),
    *_verbs("186", "assassinate", mode="assassinate"),
    *_verbs("193", "shoot gun ambush", mode="firearms"),
    *_verbs("202", "massacre", mode="mass-killing"),
    *_verbs("1823", "kill murder slay execute behead neutralise neutralize", consequence=True),
    *_verbs("190", "besiege"),
    *_verbs("192", "seize capture occupy annex", mode="occupy"),
]

NOUN_TRIGGERS: list[Trigger] = [
    *_nouns("040", "meeting|talks|summit|forum|conference|consultations|negotiations"),
    *_nouns("042", "visit|state visit"),
    *_nouns("040", "phone call", mode="phone"),
    *_nouns("057", "agreement|accord|deal|peace deal|treaty"),
    *_nouns("0871", "ceasefire|cease-fire|truce"),
    *_nouns("073", "humanitarian aid|food aid|relief supplies|aid delivery|aid convoy", mode="humanitarian"),
    *_nouns("087", "withdrawal|pullout", mode="withdraw"),
    *_nouns("0841", "release", mode="release"),
    *_nouns("140", "protest|demonstration|rally|march|sit-in", mode="demonstrate"),
    *_nouns("145", "riot", mode="riot"),
    *_nouns("143", "general strike|walkout", mode="strike"),
    *_nouns("1442", "hunger strike", mode="hunger-strike"),
    *_nouns("163", "sanctions|embargo", mode=None),
    *_nouns("150", "deployment|troop surge", mode="troops"),
    *_nouns("173", "arrest|arrests|crackdown|detention", mode="arrest"),
    *_nouns("190", "attack|assault|raid|offensive|incursion|invasion|ambush|clashes|fighting|siege|"
                   "insurgency attack|militant attack|terror attack|terrorist attack"),
    *_nouns("181", "abduction|kidnapping|hostage-taking", mode="abduct"),
    *_nouns("183", "bombing|explosion|blast|car bomb|truck bomb|roadside bomb|bomb attack|"
                   "car bombing|improvised explosive device", mode="explosives"),
    *_nouns("1831", "suicide bombing|suicide attack|suicide bomber", mode="suicide-attack"),
    *_nouns("195", "air strike|airstrike|air raid|airstrikes|air strikes", mode="aerial"),
    *_nouns("195", "drone strike|drone attack", mode="drone"),
    *_nouns("195", "missile strike|rocket strike|missile attack", mode="aerial"),
    *_nouns("172", "curfew|state of emergency", mode="restrictions"),
    *_nouns("194", "shelling|artillery fire|rocket attack|mortar attack", mode="heavy-weapons"),
    *_nouns("186", "assassination", mode="assassinate"),
    *_nouns("202", "massacre", mode="mass-killing"),
    *_nouns("1823", "killing|killings|murder", consequence=True),
    *_nouns("193", "shooting|gunfight|gun attack", mode="firearms"),
]

# Light-verb and phrasal constructions. Group "t" marks the trigger words shown as `trigger`.
PHRASE_TRIGGERS: list[tuple[re.Pattern[str], Trigger]] = [
    (re.compile(r"\b(?P<t>(?:take|takes|took|taken|taking|seize[sd]?|seizing|gain(?:ed|s)?|wrest(?:ed)?)\s+control)\s+(?:of|over)\b"),
     Trigger("take control", "phrase", "192", mode="occupy")),
    (re.compile(r"\b(?P<t>open(?:ed|s|ing)?\s+fire)\b"), Trigger("open fire", "phrase", "193", mode="firearms")),
    (re.compile(r"\b(?P<t>(?:held|hold|holds|holding|took|take|takes|taking|taken)\s+(?:[\w-]+\s+){0,4}?hostage)\b"),
     Trigger("take hostage", "phrase", "181", mode="abduct")),
    (re.compile(r"\b(?P<t>set(?:s|ting)?\s+(?:\w+\s+){0,2}?(?:on\s+)?fire|torched|set\s+ablaze)\b"),
     Trigger("set fire", "phrase", "180", mode="arson")),
    (re.compile(r"\b(?P<t>(?:took|take|takes|taking)\s+to\s+the\s+streets)\b"),
     Trigger("take to the streets", "phrase", "140", mode="demonstrate", takes_actor_object=False)),
    (re.compile(r"\b(?P<t>(?:staged?|held|hold|began|begin|launched|called|call)\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,2}?strike)\b(?!\s+on\b)"),
     Trigger("stage a strike", "phrase", "143", mode="strike", takes_actor_object=False)),
    (re.compile(r"\b(?P<t>(?:went|go|goes|going|gone)\s+on\s+(?:a\s+)?strike)\b"),
     Trigger("go on strike", "phrase", "143", mode="strike", takes_actor_object=False)),
    (re.compile(r"\b(?P<t>(?:called|call|calls|calling)\s+(?:on|for))\b"),
     Trigger("call on", "phrase", "100")),
    (re.compile(r"\b(?P<t>(?:cut|cuts|cutting|severed?|severs|severing|broke|break|breaks)\s+(?:off\s+)?(?:diplomatic\s+)?(?:ties|relations))\b"),
     Trigger("cut ties", "phrase", "161")),
    (re.compile(r"\b(?P<t>(?:restore[sd]?|restoring|resume[sd]?|resuming|re-?establish(?:ed|es)?)\s+(?:full\s+)?(?:diplomatic\s+)?(?:ties|relations))\b"),
     Trigger("restore ties", "phrase", "054", symmetric=True)),
    (re.compile(r"\b(?P<t>(?:work|works|worked|working)\s+together)\b"),
     Trigger("work together", "phrase", "061", symmetric=True, takes_actor_object=False)),
    (re.compile(r"\b(?P<t>(?:spoke|speak|speaks|talked)\s+(?:by\s+(?:tele)?phone|on\s+the\s+phone))\b"),
     Trigger("phone", "phrase", "040", mode="phone", symmetric=True)),
    (re.compile(r"\b(?P<t>(?:held|hold|holds|holding)\s+(?:(?:a|an|the|two|three|several|\w+-\w+)\s+)?(?:[\w-]+\s+){0,2}?(?:talks|meeting|meetings|consultations|negotiations))\b"),
     Trigger("hold talks", "phrase", "040", symmetric=True)),
    (re.compile(r"\b(?P<t>(?:sent|send|sends|sending|dispatched|dispatch)\s+(?:(?:some|more|about|around|\d[\d,]*|\w+)\s+){0,3}?(?:troops|soldiers|forces|warships|peacekeepers))\b"),
     Trigger("send troops", "phrase", "150", mode="troops")),
    (re.compile(r"\b(?P<t>(?:provided|provide|provides|delivered|deliver|delivers|sent|send)\s+(?:\w+\s+){0,3}?(?:aid|assistance|relief|food|medicine|supplies))\b"),
     Trigger("provide aid", "phrase", "070", mode="humanitarian")),
    (re.compile(r"\b(?P<t>(?:imposed|impose|imposes|imposing|slapped)\s+(?:new\s+|fresh\s+|further\s+)?(?:sanctions|an\s+embargo|tariffs))\b"),
     Trigger("impose sanctions", "phrase", "163")),
]

PHRASE_CUES = frozenset(
    "take takes took taken taking seize seized seizes seizing gain gained gains wrest wrested open opened "
    "opens opening set sets setting torched held hold holds holding went go goes going gone stage staged "
    "began begin launched called call calls calling cut cuts cutting sever severed severs severing broke "
    "break breaks restore restored restores restoring resume resumed resumes resuming reestablish "
    "reestablished re work works worked working spoke speak speaks talked sent send sends sending "
    "dispatched dispatch provided provide provides delivered deliver delivers imposed impose imposes "
    "imposing slapped".split()
)
"""The verbs that begin PHRASE_TRIGGERS: a sentence without one of them holds no phrase trigger."""

# Verbs whose object or complement is said, not done: an actor after them is a speaker or a topic.
SPEECH_VERBS = frozenset(
    "said says say told tells stated added noted announced explained declared according insisted "
    "claimed reported confirmed read wrote tweeted".split()
)


@dataclass(frozen=True)
class TriggerForm:
    """One surface form of a trigger, with the Penn tags it can carry ("VBD", "VBN", "NN", "NNS")."""

    trigger: Trigger
    tags: frozenset[str]


PHRASE_VERB_LEMMAS = (
    "take", "seize", "gain", "wrest", "open", "set", "hold", "go", "stage", "begin", "launch", "call",
    "cut", "sever", "break", "restore", "resume", "reestablish", "work", "speak", "talk", "send",
    "dispatch", "provide", "deliver", "impose", "slap",
)
"""Verbs that begin phrase triggers: their forms' tags tell a realised "sent troops" from "to send"."""


@lru_cache(maxsize=1)
def verb_forms() -> dict[str, dict[str, list[str]]]:
    """Lemma → Penn tag → forms, from data/verb_forms.json (built by scripts/build_verb_forms.py)."""
    from importlib import resources

    text = resources.files("newsevents").joinpath("data", "verb_forms.json").read_text(encoding="utf-8")
    return json.loads(text)


@lru_cache(maxsize=1)
def verb_form_tags() -> dict[str, frozenset[str]]:
    """Every known verb form → the Penn tags it can carry ("sent" → VBD, VBN)."""
    tags: dict[str, set[str]] = {}
    for by_tag in verb_forms().values():
        for tag, words in by_tag.items():
            for word in words:
                tags.setdefault(word.lower(), set()).update({tag, "VBN"} if tag == "VBD" else {tag})
    return {word: frozenset(found) for word, found in tags.items()}


@lru_cache(maxsize=1)
def word_triggers() -> dict[str, list[TriggerForm]]:
    """Map every lower-cased surface form (one or more words) to the triggers it can be."""
    inflections = verb_forms()
    forms: dict[str, dict[Trigger, set[str]]] = {}
    for trigger in VERB_TRIGGERS:
        for tag, words in inflections[trigger.lemma].items():
            tags = {tag, "VBN"} if tag == "VBD" else {tag}
            for word in words:
                forms.setdefault(word.lower(), {}).setdefault(trigger, set()).update(tags)
    for trigger in NOUN_TRIGGERS:
        for word, tag in _noun_forms(trigger.lemma):
            forms.setdefault(word, {}).setdefault(trigger, set()).add(tag)
    return {
        word: [TriggerForm(trigger, frozenset(tags)) for trigger, tags in by_trigger.items()]
        for word, by_trigger in forms.items()
    }


def _noun_forms(lemma: str) -> list[tuple[str, str]]:
    """Return (form, tag) pairs: the lemma and a regular plural unless it is already plural."""
    lemma = lemma.lower()
    if lemma.endswith(("s", "ing")) and not lemma.endswith(("ss", "us")):
        return [(lemma, "NNS" if lemma.endswith("s") else "NN")]
    plural = lemma[:-1] + "ies" if lemma.endswith("y") and lemma[-2] not in "aeiou" else lemma + "s"
    if lemma.endswith(("ch", "sh", "x")):
        plural = lemma + "es"
    return [(lemma, "NN"), (plural, "NNS")]


@lru_cache(maxsize=1)
def form_lengths_by_first_word() -> dict[str, tuple[int, ...]]:
    """For each first word of a trigger form, the word counts of its forms, longest first.

    Lets the matcher skip a token with one dictionary lookup, which is most tokens."""
    lengths: dict[str, set[int]] = {}
    for form in word_triggers():
        words = form.split()
        lengths.setdefault(words[0], set()).add(len(words))
    return {word: tuple(sorted(found, reverse=True)) for word, found in lengths.items()}


@lru_cache(maxsize=1)
def cue_words() -> frozenset[str]:
    """Words one of which a sentence must contain to hold any trigger: the first words of the word
    forms and the verbs of the phrases. A set test per sentence is far cheaper than matching."""
    return frozenset(form_lengths_by_first_word()) | PHRASE_CUES
