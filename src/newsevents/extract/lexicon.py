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
from functools import cached_property, lru_cache

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
    named_object: bool = False  # a phrase that counts only before a capitalised name ("warned Ankara")

    @cached_property
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
    *_verbs("042", "visit tour", mode="visit"),
    *_verbs("045", "mediate broker", mode="third-party", needs_context=True),
    *_verbs("040", "telephone", mode="phone"),
    # AGREE
    *_verbs("057", "sign ratify", symmetric=True),
    *_verbs("030", "agree pledge promise vow", symmetric=True, takes_actor_object=False),
    # SUPPORT
    *_verbs("051", "praise commend welcome hail endorse applaud congratulate salute", mode=None),
    *_verbs("051", "back support", needs_context=True),
    *_verbs("054", "recognise recognize", needs_context=True),
    # COOPERATE
    *_verbs("061", "cooperate collaborate", symmetric=True),
    *_verbs("063", "extradite", mode="judicial"),
    # AID
    *_verbs("070", "donate", mode=None),
    *_verbs("070", "supply", needs_context=True),
    *_verbs("073", "evacuate", mode="humanitarian"),
    # CONCEDE
    *_verbs("0832", "resign quit", mode="resign"),
    *_verbs("083", "accede relent backtrack", mode="policy", needs_context=True),
    *_verbs("081", "lift ease", mode="ease-sanctions", needs_context=True),
    # RETREAT
    *_verbs("0841", "release free", mode="release"),
    *_verbs("0874", "withdraw retreat", mode="withdraw"),
    *_verbs("0873", "demobilise demobilize disarm", mode="demobilize"),
    # REQUEST
    *_verbs("102", "urge appeal", takes_actor_object=True),
    *_verbs("100", "ask demand request", needs_context=True),
    # ACCUSE
    *_verbs("112", "accuse allege", mode="allege"),
    *_verbs("112", "charge indict", mode="allege", needs_context=True),
    *_verbs("111", "blame condemn denounce criticise criticize decry", mode="disapprove"),
    *_verbs("090", "investigate probe", mode="investigate"),
    # REJECT
    *_verbs("120", "reject refuse dismiss", takes_actor_object=False),
    *_verbs("120", "veto", mode=None),
    *_verbs("120", "block", needs_context=True),
    # THREATEN
    *_verbs("130", "threaten"),
    # PROTEST
    *_verbs("140", "protest demonstrate rally march", mode="demonstrate", takes_actor_object=False),
    *_verbs("145", "riot", mode="riot", takes_actor_object=False),
    *_verbs("190", "strike hit pound target", needs_context=True),
    # SANCTION
    *_verbs("163", "sanction embargo", mode="embargo"),
    *_verbs("172", "ban", mode="restrict", needs_context=True),
    # MOBILIZE
    *_verbs("150", "deploy mobilise mobilize station", mode="troops"),
    # COERCE
    *_verbs("173", "arrest detain jail imprison", mode="arrest"),
    *_verbs("174", "expel deport", mode="deport"),
    *_verbs("171", "confiscate", mode="seize"),
    *_verbs("175", "torture", mode="repression"),
    *_verbs("175", "disperse", mode="repression", needs_context=True),
    *_verbs("173", "sentence convict", mode="arrest", needs_context=True),
    *_verbs("172", "censor", mode="censor"),
    # ASSAULT
    *_verbs("190", "attack raid storm invade overrun"),
    *_verbs("190", "fight clash battle", symmetric=True, needs_context=True),
    *_verbs("181", "abduct kidnap", mode="abduct"),
    *_verbs("183", "bomb", mode="explosives"),
    *_verbs("194", "shell", mode="heavy-weapons"),
    *_verbs("186", "assassinate", mode="assassinate"),
    *_verbs("193", "shoot gun ambush", mode="firearms"),
    *_verbs("1821", "beat", mode="beat", needs_context=True),
    *_verbs("1822", "rape", mode="sexual"),
    *_verbs("202", "massacre", mode="mass-killing"),
    *_verbs("1823", "kill murder slay execute behead neutralise neutralize", consequence=True),
    *_verbs("190", "besiege"),
    *_verbs("192", "seize capture occupy annex recapture", mode="occupy"),
]

NOUN_TRIGGERS: list[Trigger] = [
    *_nouns("040", "meeting|talks|summit|forum|conference|consultations|negotiations"),
    *_nouns("042", "visit|state visit|official visit", mode="visit"),
    *_nouns("040", "phone call|telephone call", mode="phone"),
    *_nouns("045", "mediation", mode="third-party"),
    *_nouns("057", "agreement|accord|deal|peace deal|treaty|peace agreement|armistice"),
    *_nouns("054", "recognition|diplomatic recognition"),
    *_nouns("0871", "ceasefire|cease-fire|truce", mode="ceasefire"),
    *_nouns("073", "humanitarian aid|food aid|relief supplies|aid delivery|aid convoy|emergency aid",
            mode="humanitarian"),
    *_nouns("072", "military aid|military assistance|arms deliveries", mode="military"),
    *_nouns("071", "economic aid|financial aid|loan|bailout|aid package", mode="economic"),
    *_nouns("075", "asylum", mode="asylum"),
    *_nouns("062", "joint patrols|joint exercises|military cooperation|joint military exercises|"
                   "joint operation|joint military operation|joint offensive", mode="military", symmetric=True),
    *_nouns("0874", "withdrawal|pullout|pull-out|retreat", mode="withdraw"),
    *_nouns("0841", "release", mode="release"),
    *_nouns("0832", "resignation", mode="resign", needs_context=True),
    *_nouns("090", "investigation|inquiry|probe", mode="investigate", needs_context=True),
    *_nouns("111", "criticism|condemnation", mode="disapprove", needs_context=True),
    *_nouns("100", "request|appeal|call for", needs_context=True),
    *_nouns("130", "ultimatum", mode="ultimatum"),
    *_nouns("140", "protest|demonstration|rally|march|sit-in", mode="demonstrate"),
    *_nouns("145", "riot|riots|unrest", mode="riot"),
    *_nouns("143", "general strike|walkout|boycott", mode="strike"),
    *_nouns("1442", "hunger strike", mode="hunger-strike"),
    *_nouns("144", "roadblocks|road blockades", mode="obstruct"),
    *_nouns("163", "sanctions|embargo|arms embargo", mode="embargo"),
    *_nouns("150", "deployment|troop surge", mode="troops"),
    *_nouns("152", "high alert|state of alert", mode="alert"),
    *_nouns("173", "arrest|arrests|detention", mode="arrest"),
    *_nouns("175", "crackdown", mode="repression"),
    *_nouns("174", "deportation|deportations|expulsion", mode="deport"),
    *_nouns("190", "attack|assault|raid|offensive|incursion|invasion|ambush|clashes|fighting|siege|"
                   "insurgency attack|militant attack|terror attack|terrorist attack"),
    *_nouns("181", "abduction|kidnapping|hostage-taking", mode="abduct"),
    *_nouns("183", "bombing|explosion|blast|car bomb|truck bomb|roadside bomb|bomb attack|"
                   "car bombing|improvised explosive device", mode="explosives"),
    *_nouns("1831", "suicide bombing|suicide attack|suicide bomber", mode="suicide-attack"),
    *_nouns("195", "air strike|airstrike|air raid|airstrikes|air strikes|air raids", mode="aerial"),
    *_nouns("195", "drone strike|drone attack|drone strikes|drone attacks", mode="drone"),
    *_nouns("195", "missile strike|rocket strike|missile attack", mode="aerial"),
    *_nouns("172", "curfew|state of emergency|lockdown", mode="restrict"),
    *_nouns("194", "shelling|artillery fire|rocket attack|mortar attack|bombardment", mode="heavy-weapons"),
    *_nouns("186", "assassination", mode="assassinate"),
    *_nouns("192", "fall of|capture of|seizure of", mode="occupy"),
    *_nouns("202", "massacre", mode="mass-killing"),
    *_nouns("1823", "killing|killings|murder", consequence=True),
    *_nouns("193", "shooting|gunfight|gun attack|shootout", mode="firearms"),
    *_nouns("180", "arson attack", mode="arson"),
]

# Light-verb and phrasal constructions. Group "t" marks the trigger words shown as `trigger`.
_PHRASES: list[tuple[str, Trigger]] = [
    (r"\b(?P<t>(?:take|takes|took|taken|taking|seize[sd]?|seizing|gain(?:ed|s)?|wrest(?:ed)?)\s+control)\s+(?:of|over)\b",
     Trigger("take control", "phrase", "192", mode="occupy")),
    (r"\b(?P<t>open(?:ed|s|ing)?\s+fire)\b", Trigger("open fire", "phrase", "193", mode="firearms")),
    (r"\b(?P<t>fir(?:ed|es|ing|e)\s+(?:\w+\s+){0,2}?(?:mortars?|rockets?|shells|artillery|missiles?)(?:\s+rounds)?)\b",
     Trigger("fire rockets", "phrase", "194", mode="heavy-weapons")),
    (r"\b(?P<t>(?:held|hold|holds|holding|took|take|takes|taking|taken)\s+(?:[\w-]+\s+){0,4}?hostage)\b",
     Trigger("take hostage", "phrase", "181", mode="abduct")),
    (r"\b(?P<t>exchang(?:ed|e|es|ing)\s+(?:gun)?fire|traded\s+fire)\b",
     Trigger("exchange fire", "phrase", "193", mode="firearms", symmetric=True)),
    (r"\b(?P<t>warn(?:ed|s|ing)?)\s+(?!that\b|of\b|against\b|about\b)",
     Trigger("warn", "phrase", "130", named_object=True)),
    (r"\b(?P<t>(?:used?|uses|using)\s+(?:military\s+)?force)\s+(?:against|to)\b",
     Trigger("use force", "phrase", "190")),
    (r"\b(?P<t>(?:went|go|goes|going|gone)\s+to\s+war)\b",
     Trigger("go to war", "phrase", "190", symmetric=True)),
    (r"\b(?P<t>(?:fired|fire|fires|firing)\s+(?:tear\s*gas|rubber\s+bullets|water\s+cannon))\b",
     Trigger("fire tear gas", "phrase", "175", mode="repression")),
    (r"\b(?P<t>(?:blocked|block|blocks|blocking|barricaded)\s+(?:the\s+|a\s+|several\s+|main\s+)*(?:[\w-]+\s+){0,2}?(?:roads?|highways?|bridges?|streets|motorway|railway|border\s+crossing|port))\b",
     Trigger("block roads", "phrase", "144", mode="obstruct", takes_actor_object=False)),
    (r"\b(?P<t>set(?:s|ting)?\s+(?:\w+\s+){0,2}?(?:on\s+)?fire|torched|set\s+ablaze)\b",
     Trigger("set fire", "phrase", "180", mode="arson")),
    (r"\b(?P<t>(?:carried|carry|carries|carrying)\s+out\s+(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,2}?(?:attack|raid|assault|ambush|bombing))\b",
     Trigger("carry out an attack", "phrase", "190")),
    (r"\b(?P<t>(?:launched|launch|launches|launching|mounted|mount|mounts)\s+(?:(?:a|an|the|its|their)\s+(?:[\w-]+\s+){0,2}?(?:attack|offensive|raid|assault|incursion|counter-offensive|counteroffensive)|(?:a\s+|new\s+|fresh\s+)?(?:military|ground|security)\s+operations?\s+against))\b",
     Trigger("launch an attack", "phrase", "190")),
    (r"\b(?P<t>(?:took|take|takes|taking)\s+to\s+the\s+streets)\b",
     Trigger("take to the streets", "phrase", "140", mode="demonstrate", takes_actor_object=False)),
    (r"\b(?P<t>(?:staged?|held|hold|began|begin|launched|called|call)\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,2}?strike)\b(?!\s+on\b)",
     Trigger("stage a strike", "phrase", "143", mode="strike", takes_actor_object=False)),
    (r"\b(?P<t>(?:staged?|stages|staging|held|hold)\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:protests?|demonstrations?|rally|rallies|sit-ins?))\b",
     Trigger("stage a protest", "phrase", "140", mode="demonstrate", takes_actor_object=False)),
    (r"\b(?P<t>(?:went|go|goes|going|gone)\s+on\s+(?:a\s+)?(?:hunger\s+)?strike)\b",
     Trigger("go on strike", "phrase", "143", mode="strike", takes_actor_object=False)),
    (r"(?<!'s )(?<!the )(?<!a )(?<!its )(?<!their )(?<!his )(?<!her )\b(?P<t>(?:called|call|calls|calling)\s+(?:on|for))\b",
     Trigger("call on", "phrase", "100")),
    (r"\b(?P<t>(?:cut|cuts|cutting|severed?|severs|severing|broke|break|breaks|suspended|suspend|suspends)\s+(?:off\s+)?(?:all\s+)?(?:diplomatic\s+)?(?:ties|relations))\b",
     Trigger("cut ties", "phrase", "161", mode="break-relations")),
    (r"\b(?P<t>(?:restore[sd]?|restoring|resume[sd]?|resuming|re-?establish(?:ed|es)?|establish(?:ed|es)?|normali[sz]e[sd]?)\s+(?:full\s+)?(?:diplomatic\s+)?(?:ties|relations))\b",
     Trigger("restore ties", "phrase", "054", symmetric=True)),
    (r"\b(?P<t>(?:expelled|expel|expels|expelling|ordered\s+out|recalled|recall|recalls)\s+(?:\w+\s+){0,3}?(?:diplomats?|ambassadors?|envoys?|embassy\s+staff))\b",
     Trigger("expel diplomats", "phrase", "166", mode="expel")),
    (r"\b(?P<t>(?:suspended|suspend|suspends|cut|cuts|froze|freeze|freezes|halted|halt)\s+(?:\w+\s+){0,2}?(?:aid|assistance|funding))\b",
     Trigger("suspend aid", "phrase", "162", mode="cut-aid")),
    (r"\b(?P<t>(?:suspended|suspend|suspends|halted|halt|halts|broke\s+off|walked\s+out\s+of|pulled\s+out\s+of)\s+(?:the\s+)?(?:[\w-]+\s+){0,5}?(?:talks|negotiations))\b",
     Trigger("halt talks", "phrase", "164", mode="halt-negotiations")),
    (r"\b(?P<t>(?:work|works|worked|working)\s+together)\b",
     Trigger("work together", "phrase", "061", symmetric=True, takes_actor_object=False)),
    (r"\b(?P<t>(?:shared?|shares|sharing|exchanged?)\s+(?:intelligence|information))\b",
     Trigger("share intelligence", "phrase", "064", mode="intelligence", symmetric=True)),
    (r"\b(?P<t>(?:spoke|speak|speaks|talked)\s+(?:by\s+(?:tele)?phone|on\s+the\s+phone))\b",
     Trigger("phone", "phrase", "040", mode="phone", symmetric=True)),
    (r"\b(?P<t>(?:held|hold|holds|holding)\s+(?:(?:a|an|the|two|three|several|\w+-\w+)\s+)?(?:[\w-]+\s+){0,2}?(?:talks|meeting|meetings|consultations|negotiations|summit|conference))\b",
     Trigger("hold talks", "phrase", "040", symmetric=True)),
    (r"\b(?P<t>(?:opened|open|opens|opening|reopened|reopen)\s+(?:an?\s+|its\s+)?embassy)\b",
     Trigger("open an embassy", "phrase", "054")),
    (r"\b(?P<t>(?:took|take|takes|taken|taking)\s+in\s+(?:[\d,]+\s+|thousands\s+of\s+|hundreds\s+of\s+)?(?:refugees|asylum[- ]seekers|migrants))\b",
     Trigger("take in refugees", "phrase", "075", mode="asylum")),
    (r"\b(?P<t>(?:froze|freeze|freezes|freezing|frozen)\s+(?:the\s+)?(?:[\w-]+\s+){0,2}?assets|(?:cut|cuts|cutting)\s+off\s+(?:[\w-]+\s+){0,2}?(?:gas|oil|fuel|electricity|exports|imports|supplies|trade))\b",
     Trigger("freeze assets", "phrase", "163", mode="embargo")),
    (r"\b(?P<t>(?:voted|vote|votes)\s+(?:down|against))\b",
     Trigger("vote down", "phrase", "120", takes_actor_object=True)),
    (r"\b(?P<t>(?:reversed|reverse|reverses|scrapped|scrap|withdrew|rescinded)\s+(?:a|the|its)\s+(?:decision|plan|policy|decree|law))\b",
     Trigger("reverse a decision", "phrase", "083", mode="policy")),
    (r"\b(?P<t>(?:paid|pay|pays|paying)\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,1}?visit)\b",
     Trigger("pay a visit", "phrase", "042", mode="visit")),
    (r"\b(?P<t>(?:reached|reach|reaches|struck|strike|concluded|clinched)\s+(?:a\s+|an\s+)?(?:[\w-]+\s+){0,2}?(?:agreement|deal|accord))\b",
     Trigger("reach an agreement", "phrase", "057", symmetric=True)),
    (r"\b(?P<t>(?:stepped|step|steps|stepping)\s+down)\b",
     Trigger("step down", "phrase", "0832", mode="resign", takes_actor_object=False)),
    (r"\b(?P<t>(?:lifted|lift|lifts|eased|ease|eases)\s+(?:\w+\s+){0,2}?sanctions)\b",
     Trigger("lift sanctions", "phrase", "081", mode="ease-sanctions")),
    (r"\b(?P<t>(?:pulled|pull|pulls|pulling)\s+out)\b",
     Trigger("pull out", "phrase", "0874", mode="withdraw", takes_actor_object=False)),
    (r"\b(?P<t>(?:handed|hand|hands)\s+(?:back|over)\s+(?:control\s+of\s+)?)\b",
     Trigger("hand back", "phrase", "0842", mode="return")),
    (r"\b(?P<t>(?:sent|send|sends|sending|dispatched|dispatch)\s+(?:(?:some|more|about|around|\d[\d,]*|\w+)\s+){0,3}?(?:troops|soldiers|forces|warships|peacekeepers))\b",
     Trigger("send troops", "phrase", "150", mode="troops")),
    (r"\b(?P<t>(?:put|puts|placed|place|places)\s+(?:\w+\s+){0,3}?on\s+(?:high\s+|full\s+|maximum\s+)?alert)\b",
     Trigger("put on alert", "phrase", "152", mode="alert")),
    (r"\b(?P<t>(?:provided|provide|provides|delivered|deliver|delivers|sent|send|gave|give|gives|airdropped)\s+(?:\w+\s+){0,3}?(?:aid|assistance|relief|food|medicine|supplies))\b",
     Trigger("provide aid", "phrase", "070", mode="humanitarian")),
    (r"\b(?P<t>(?:provided|provide|provides|delivered|deliver|delivers|sent|send|sends|supplied|supply|supplies)\s+(?:[\w-]+\s+){0,4}?(?:weapons|arms|ammunition|tanks|missiles|air[- ]defen[cs]e\s+systems|fighter\s+jets|artillery))\b",
     Trigger("send weapons", "phrase", "072", mode="military")),
    (r"\b(?P<t>(?:granted|grant|grants|granting|offered|gave)\s+(?:\w+\s+){0,2}?asylum)\b",
     Trigger("grant asylum", "phrase", "075", mode="asylum")),
    (r"\b(?P<t>(?:imposed|impose|imposes|imposing|slapped)\s+(?:new\s+|fresh\s+|further\s+)?(?:sanctions|an\s+embargo|tariffs))\b",
     Trigger("impose sanctions", "phrase", "163", mode="embargo")),
    (r"\b(?P<t>(?:shut|shuts|shutting)\s+down\s+(?:the\s+)?(?:\w+\s+){0,2}?(?:internet|newspapers?|broadcasters?|stations?|websites?|outlets?|social\s+media))\b",
     Trigger("shut down media", "phrase", "172", mode="censor")),
    (r"\b(?P<t>(?:cracked|crack|cracks|cracking)\s+down)\b",
     Trigger("crack down", "phrase", "175", mode="repression")),
    (r"\b(?P<t>(?:opened|open|opens|launched|launch|launches|ordered|order)\s+(?:an?\s+)?(?:\w+\s+){0,2}?(?:investigation|inquiry|probe))\b",
     Trigger("open an inquiry", "phrase", "090", mode="investigate")),
]
PHRASE_TRIGGERS: list[tuple[re.Pattern[str], Trigger]] = [(re.compile(pattern), trigger) for pattern, trigger in _PHRASES]

PHRASE_CUES = frozenset(
    "take takes took taken taking seize seized seizes seizing gain gained gains wrest wrested open opened "
    "opens opening set sets setting torched held hold holds holding went go goes going gone stage staged "
    "stages staging began begin launched launch launches launching called call calls calling cut cuts "
    "cutting sever severed severs severing broke break breaks restore restored restores restoring resume "
    "resumed resumes resuming reestablish reestablished re establish established establishes normalise "
    "normalised normalize normalized work works worked working spoke speak speaks talked sent send sends "
    "sending dispatched dispatch provided provide provides delivered deliver delivers imposed impose "
    "imposes imposing slapped fire fired fires firing carried carry carries carrying mounted mount mounts "
    "expelled expel expels expelling ordered suspended suspend suspends froze freeze freezes halted halt "
    "halts walked pulled pull pulls pulling share shared shares sharing exchange exchanged paid pay pays "
    "paying reached reach reaches struck strike concluded clinched stepped step steps stepping lifted "
    "lift lifts eased ease eases handed hand hands put puts placed place places gave give gives granted "
    "grant grants granting offered shut shuts shutting cracked crack cracks cracking order exchanged exchange "
    "exchanges exchanging traded used use uses using blocked block blocks blocking barricaded recalled "
    "recall recalls opens reopened reopen froze frozen freezing voted vote votes reversed reverse "
    "reverses scrapped scrap withdrew rescinded airdropped supplied supply supplies warn warned warns "
    "warning".split()
)
"""The verbs that begin PHRASE_TRIGGERS: a sentence without one of them holds no phrase trigger."""


@lru_cache(maxsize=1)
def _phrase_index() -> dict[str, tuple[int, ...]]:
    """Cue word → the PHRASE_TRIGGERS (by position) whose pattern names it. A cue whose first three
    letters begin a word of a pattern's source ("seized" in "seize[sd]?") is a cue of that pattern;
    one that selects a pattern it cannot start costs a search, never a miss."""
    index: dict[str, list[int]] = {}
    for position, (pattern, _) in enumerate(PHRASE_TRIGGERS):
        for word in PHRASE_CUES:
            if re.search(r"(?<![a-z])" + re.escape(word[:3]), pattern.pattern):
                index.setdefault(word, []).append(position)
    return {word: tuple(positions) for word, positions in index.items()}


def phrase_triggers_for(words: set[str] | frozenset[str]) -> list[tuple[re.Pattern[str], Trigger]]:
    """The phrase triggers worth trying on a sentence of these (lower-case) words, in lexicon order:
    only those one of whose verbs the sentence holds (50 patterns each tried on every sentence cost
    more than the rest of the matcher)."""
    index = _phrase_index()
    positions = sorted({position for word in words & PHRASE_CUES for position in index.get(word, ())})
    return [PHRASE_TRIGGERS[position] for position in positions]

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
    "dispatch", "provide", "deliver", "impose", "slap", "fire", "carry", "mount", "expel", "suspend",
    "freeze", "halt", "walk", "pull", "share", "exchange", "pay", "reach", "conclude", "clinch", "step",
    "lift", "ease", "hand", "put", "place", "give", "grant", "offer", "shut", "crack", "order",
    "establish", "normalise", "normalize", "exchange", "trade", "use", "block", "barricade", "recall",
    "reopen", "vote", "reverse", "scrap", "withdraw", "rescind", "supply", "warn",
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
