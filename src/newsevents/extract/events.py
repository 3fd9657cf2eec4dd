"""Events from sentences: PLOVER type, actors, place, date, fatalities, background, evidence.

The coder works sentence by sentence on the mentions and time expressions earlier stages found:

1. **Triggers.** Words and phrases of `newsevents.extract.lexicon`. A trigger is kept only when its form
   says something happened or was said to happen: bare plurals ("notable attacks") are generic, purpose
   infinitives ("met to discuss", "helping forces fight") are not events, present passives ("troops are
   deployed") describe a state.
2. **Heads and segments.** Consequences ("stormed … killing 13") and settings ("met … in the Forum")
   join the event they belong to. The sentence is cut into one segment per remaining trigger at the last
   clause boundary between two triggers, so that "the attack in El-Adde in 2016, the Garissa attack which
   left 140 dead and the Westgate attack in 2013" gives three events, each with its own date, place and
   toll.
3. **Arguments.** Within its segment an event takes actors (mentions before the trigger are the source,
   after it the target; a "by" phrase of a passive is the source), the most specific place after a
   locative preposition, the nearest time expression (not one after "since", which starts a duration),
   and fatality phrases.
4. **Anaphora.** "The talks on May 4 …", "The abductions were carried out by …" and a bare "discussed"
   refer to an event told just before: they add their date, place, actors and sentence to it instead of
   making a new event. A candidate with neither actor nor place and no antecedent is dropped: a wrong
   event is worse than a missing one.
5. **Time and history.** A sentence without time expressions inherits the time of the sentence before
   (the narrative time). An event is background when its date lies well before the article's date (or,
   for an undated article, before a later year the article mentions) or when the sentence frames it as
   history ("Some of the notable attacks include …").
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from dataclasses import dataclass, field
from dataclasses import replace
from datetime import date, timedelta

from newsevents.extract import coref
from newsevents.extract.contexts import event_contexts
from newsevents.extract.fatalities import find_fatalities, merge_fatalities
from newsevents.extract.folding import FoldedPattern, folded_text
from newsevents.extract.lexicon import (
    PHRASE_TRIGGERS, SPEECH_VERBS, Trigger, TriggerForm, cue_words, form_lengths_by_first_word,
    phrase_triggers_for, verb_form_tags, word_triggers,
)
from newsevents.extract.sectors import NAME_ROLE_NOUNS, ROLE_NOUN_SECTORS, capitals, mention_sector, sector_of_name
from newsevents.extract.timevalues import days_before, record_date, value_interval, values_compatible
from newsevents.model import (
    Actor, Article, Event, Evidence, Fatalities, Location, Mention, Sentence, TimeExpr,
)

BACKGROUND_DAYS = 180
"""An event whose last possible day lies more than this many days before the article date is history."""

ANAPHORA_WINDOW = 2
"""How many sentences back an anaphoric reference ("the talks") may find its antecedent."""

_WORD = re.compile(r"[A-Za-z]+")
_TOKEN = re.compile(r"[^\W_]+(?:['’][^\W\d_]+)?(?:[-.][^\W_]+)*|[^\w\s]")
_DETERMINERS = frozenset("the this that these those its their his her our such".split())
_ANY_DETERMINER = _DETERMINERS | frozenset("a an another one two three several first second last latest".split())
_MODALS = frozenset("will would could might may shall should must can cannot".split())
_FUTURE = frozenset({"will", "shall", "'ll"})
_INTENT = frozenset(
    "plan plans planned planning intend intends intended vow vows vowed pledge pledged pledges "
    "threaten threatens threatened decide decided agree agreed agrees set due scheduled expected "
    "going hope hopes hoped want wants wanted aim aims aimed seek seeks sought try tries tried "
    "prepare prepares prepared about poised ready likely unlikely able unable refuse refuses refused "
    "declined decline declines".split()
)
_HYPOTHETICAL_INTENT = frozenset(
    "threaten threatens threatened hope hopes hoped want wants wanted aim aims aimed seek seeks "
    "sought try tries tried likely unlikely able".split()
)
_NEGATING_INTENT = frozenset("unable refuse refuses refused declined decline declines".split())
"""Verbs before "to" that say the act did not happen ("refused to meet", "declined to sign")."""
_PRENOMINAL = frozenset(
    "notable major recent deadly latest fresh new several many other further more such similar separate "
    "coordinated twin suicide terror militant rebel insurgent armed rocket drone air mortar bomb car "
    "overnight weekend morning night dawn brazen failed foiled planned alleged reported".split()
)
_ADJECTIVE_ENDINGS = ("al", "ary", "ist", "ive", "ed", "ic", "ous", "ent", "ant", "est", "ful", "le")
_TITLE_BRIDGE = re.compile(
    r"^(?:['’]s)?\s+(?:(?:[A-Z][\w.-]*|of|the|for|and|boss|chief|head|commander|spokesman|spokeswoman|"
    r"leader|minister|secretary|envoy|official)\s+)*$"
)
_SPEAKER_AFTER = re.compile(
    r"^(?:['’]s)?(?:\s+(?:and\s+)?[\w'’-]+){0,4}?\s*,?\s+(?:said|says|told|added|stated|confirmed)\b"
)
_AGENT_NOUN_AFTER = re.compile(
    r"^\s+(?:[\w-]+\s+)?(?:air\s*strikes?|strikes?|attacks?|raids?|shelling|bombardment|warplanes|jets|"
    r"aircraft|drones?|missiles?|rockets?|artillery|navy|warships?|gunboats?|offensive|incursion)\b",
    re.IGNORECASE,
)
"""After a demonym, a weapon or an attack names who struck: "Israeli air strikes", "Russian drones"."""
_PEOPLE_AFTER = re.compile(
    r"^\s+(?:women|men|children|nationals|citizens|tourists|workers|journalists|aid workers|"
    r"civilians|soldiers|troops|forces|police|officials|diplomats|students|fishermen|sailors|crew)\b",
    re.IGNORECASE,
)
# The case-insensitive cues below are `FoldedPattern`s: run case-sensitively on the article's text
# lower-cased once, 2-6x faster, same spans (`newsevents.extract.folding`); read words by span.
_PARTICIPATION = FoldedPattern(re.compile(
    r"\b(?:attend(?:ed|s)?|(?:was|were)\s+(?:also\s+)?present\s+(?:at|during|in)|took\s+part\s+in|"
    r"join(?:ed|s)?|participated\s+in|led|hosted|chaired|carried\s+out|launched|staged|conducted)\b",
    re.IGNORECASE,
))
_IMPLICATIVE = frozenset(
    "managed succeeded began begun started continued moved rushed proceeded went".split()
)
"""Verbs before "to" that say the act happened ("managed to take control of the port")."""
_NP_STOP = frozenset(
    "of to for on in at by with from against into over after before during and or but that which who "
    "said says than as".split()
)
_PAST_VERBS_AFTER_SUBJECT = frozenset("hit struck killed destroyed targeted wounded left".split())
_SAYING = frozenset("said says say told tells added stated noted explained insisted".split())
"""Verbs that always report speech; others ("announced", "claimed") do so only before "that"."""
_SPEECH_WORDS = _SAYING | SPEECH_VERBS
"""Words without one of which `_speech_start` moves no segment start."""
_SUBORDINATORS = frozenset("since because although though whereas until unless when".split())
_VERB_LICENSORS = frozenset({"to", "did", "do", "does", "not", "n't", "never", "also", "then"})
_PLURAL_PRONOUNS = frozenset({"they", "we", "you", "i"})
_SINGULAR_SUBJECTS = frozenset({"it", "he", "she", "who", "which", "that", "group", "army"})
_NEGATORS = frozenset({"not", "n't", "never", "no"})
_DENIAL = frozenset("deny denies denied denying".split())
_BE_PRESENT = frozenset({"is", "are", "am"})
_BE_ANY = frozenset("is are was were be been being".split())
_BOUNDARY_WORDS = frozenset(
    "and but while after before when following as since because although whereas".split()
)
_BOUNDARY_PUNCT = frozenset({",", ";", ":", "\"", "(", ")", "—", "–"})
_CLIP_WORDS = _SUBORDINATORS | {"\"", "according"}
"""Lower-cased tokens without one of which `_clip_attribution` keeps a segment's end (a token is
'"' exactly when its lower-cased form is)."""
_SETTING_PREPOSITIONS = frozenset({"in", "at", "during", "on", "of"})
_NOT_EVENT_TIME_SIGNALS = frozenset({"since", "until", "till", "by", "ever since"})
"""A time after these starts or ends a span ("since 2011"): it is not when the event happened."""
_LOCATIVE = frozenset("in at near into inside outside across from on to around".split())
_ROLE_AFTER_NAME = re.compile(
    r"(?:['’]s)?\s+(?:[a-z]+\s+)?(?P<role>" + "|".join(sorted((re.escape(k) for k in NAME_ROLE_NOUNS if not k.startswith("the ")),
                                                key=len, reverse=True)) + r")\b"
)
_NEXT_WORD = re.compile(r"\s+([a-z]+)\b")
_NAME_FOLLOWERS = frozenset(
    "is are was were be been has have had will would could might may shall should must can cannot did "
    "does do and or but nor of to in on at for with from by as after before over into against said says "
    "also again then now still not never reportedly later on is about due set expected if when while "
    "because unless until since so than that who which whose after next last this early late earlier "
    "yesterday today tomorrow tonight overnight".split()
)
_COORDINATORS = frozenset({"and", "or", "nor"})
_PLAIN_WORD = re.compile(r"[A-Za-z']+")
_PRONOUN_WORD = re.compile(r"(?<![A-Za-z'])(?:[Ii][Tt]|[Hh][Ee]|[Ss][Hh][Ee])(?![A-Za-z'])")
"""A `_PLAIN_WORD` that lower-cases to "it", "he" or "she": `_subject_pronoun`'s cheap first test."""
_LINKED_END = re.compile(r"\b(?:and|but|then)$")
_NAMED_NEXT = re.compile(r"\s+(?:the\s+)?[A-Z]")
_SUBJECT_GAP = re.compile(
    r"(?:['\u2019]s\s+(?:[\w-]+\s+){0,2})?\s*|\s+(?:(?:has|have|had|will|would|could|may|might|is|was|also|"
    r"again|on\s+\w+|\w+ly)\s+)*")
"""Between a subject and its verb: nothing but auxiliaries, adverbs or a day ("Seoul's call", "Moscow
has also warned", "Ankara on Monday rejected")."""
_OBJECT_GAP = re.compile(r"\s+(?:the\s+)?")
_COUNTRY_SHAPE = re.compile(r"(?:ia|land|stan|onia|ania|aria)$")
_ADVERBS = frozenset("soon also still again then now already never not just even further".split())
_VERB_OBJECT_STARTS = frozenset("to the a an that its their his her on for with it them this these".split())
_NATIONAL_TITLE_AFTER = re.compile(
    r"\s+(?:[a-z]+\s+)?(?P<role>prime minister|foreign minister|defen[cs]e minister|interior minister|"
    r"president|minister|foreign secretary|ambassador|envoy|counterpart|king|junta|government|"
    r"authorities|delegation|negotiators|navy|coast ?guard|air force|army|parliament|women|men|children|"
    r"nationals|citizens|tourists|students|fishermen|sailors|crew|aid workers|workers|journalists|migrants|"
    r"pilgrims|hostages)\b")
"""A demonym before a title or an organ is that state's office holder or organ ("the Greek prime
minister"): the actor is the whole phrase."""
_AFFILIATION_BEFORE = re.compile(
    r"\b((?i:troops|soldiers|police|forces|border guards|delegations?|negotiators|officials|representatives|"
    r"diplomats|prosecutors|ministers|leaders|envoys))\s+(?:from|of|in)\s+(?:the\s+)?"
    r"(?:[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*\s*(?:,|and)\s+)?(?:the\s+)?$")
"""A state named as the home of a role ("Police in Malaysia and Indonesia shared intelligence"): the
state acts, the role noun only says through whom."""
_PLACED_TYPES = frozenset({"ASSAULT", "MOBILIZE", "PROTEST", "CONSULT", "COERCE", "RETREAT"})
"""Types whose "on/to/in X" names where the act happened; for the others it names who it befell."""
_RECIPIENT_BEFORE = FoldedPattern(re.compile(r"\b(?:on|to|with|against|from)\s+(?:the\s+)?$", re.IGNORECASE))
_VIOLENT = frozenset({"ASSAULT", "COERCE", "PROTEST"})
"""Types whose sentence's toll can be theirs: a toll told with a deal or a visit is another event's."""
_RECALLED = FoldedPattern(re.compile(r"\b(?:after|before|since|following)\b[^.;,]{0,40}$", re.IGNORECASE))
_OBJECT_OF_PREPOSITION = FoldedPattern(re.compile(
    r"\b(?:against|over|about|on|of|for|to)\s+(?:the|this|that|its|their)\s+(?:[\w-]+\s+)?$", re.IGNORECASE))
_PERFECT_BEFORE = FoldedPattern(re.compile(r"\b(?:has|have)\s+(?:\w+ly\s+|also\s+|already\s+)?$", re.IGNORECASE))
"""A present perfect ("Rwanda has deployed thousands of troops") tells a state of things, not a
happening at the time of the sentence before."""
_BETWEEN = re.compile(r"\s+between\b")
_DEMONYM_LIKE = re.compile(r"^[A-Z][a-z]+(?:ian|ean|ese|ish|[^aeiou]i)$")
"""Unknown words shaped like demonyms ("Arvenian", "Tolmari"): adjectives unless a role noun or a
verb follows."""
"""Lower-case words after which a capitalised name is a noun phrase of its own (an actor)."""
_DIPLOMATIC = FoldedPattern(re.compile(
    r"\b(?:diplomatic|ties|relations|embass(?:y|ies)|ambassadors?|envoys?|diplomats?|foreign|sanctions|"
    r"treaty|border|sovereignty|bilateral|recogni[sz]e[sd]?)\b", re.IGNORECASE))
_ROLE_ACTOR_RE = FoldedPattern(re.compile(
    r"\b(?:the\s+)?(" + "|".join(sorted((re.escape(k) for k in ROLE_NOUN_SECTORS), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
))
_HISTORY_FRAME = FoldedPattern(re.compile(
    r"\b(?:notable|previous|past|earlier|deadliest|worst|history of|a string of|a series of|"
    r"a spate of|recalled?|anniversary|remembered)\b.{0,40}?\b(?:attacks?|bombings?|incidents?|raids?|"
    r"include[sd]?|massacres?|killings?|abductions?|kidnappings?)\b"
    r"|\b(?:since|in the years since|ever since)\s+(?:its|the|their)\b",
    re.IGNORECASE,
))
_FACILITY_WORDS = ("mall", "university", "college", "hotel", "camp", "base", "market", "school", "church",
                   "mosque", "hospital", "prison", "airport", "stadium", "barracks", "port")
_FACILITY = re.compile(r"\b(?:[A-Z][\w'-]+\s+){1,3}(?i:" + "|".join(_FACILITY_WORDS) + r")\b")
_LEFT_WORDS = re.compile(r"[A-Za-z'-]+|[^\sA-Za-z'-]")
_CLAUSE_BREAK = re.compile(r"(?:;|\band\s+(?:the|a|an|this|that)\b|,\s*(?:but|while|and)\b)")
_PASSIVE_AUX = re.compile(r"\b(?:was|were|been|being|is|are|be|got)\s+(?:\w+ly\s+)?$")
_PASSIVE_AUX_LOOSE = re.compile(r"\b(?:was|were|been|being|is|are|be|got)\s+(?:\w+\s+)?$")
_SPEAKER_BEFORE = re.compile(r"\b(?:according to|statement from|said|told)\s+(?:the\s+)?$")
_EDGE_PUNCT = re.compile(r"^[\s,;:\"'-]+|[\s,;:\"'-]+$")  # the specification of `_trim_edges`
_EDGE_CHARS = frozenset(",;:\"'-")
_LEADING_LINK = re.compile(r"^(?:and|but|while|after|that|as)\s+", re.IGNORECASE)
_REPORT_TIME = FoldedPattern(re.compile(
    r"\b(?:said|says|told\s+(?:\w+\s+){0,2}?|announced|stated|reported|added|confirmed|"
    r"(?:in\s+)?a\s+statement|statement\s+issued)\s+(?:on|late|early|late\s+on|early\s+on)?\s*$",
    re.IGNORECASE,
))
"""A time right after a speech verb dates the report, not the event ("officials said on Friday")."""
_CUMULATIVE = FoldedPattern(re.compile(
    r"\bsince\b|\b(?:has|have)\s+(?:\w+\s+)?(?:killed|claimed)\b|\bso far\b|\bin total\b", re.IGNORECASE))
_IN_THE_CAPITAL = FoldedPattern(re.compile(
    r"\b(?:in|into|across|near|outside|at)\s+(?:the|(?P<owner>[a-z][\w-]+)['’]s)\s+capital\b(?!\s+of\b)",
    re.IGNORECASE))
_LOCATED_COUNTRY = re.compile(
    r"\b(?:in|into|inside|across|throughout)\s+(?:the\s+)?(?:(?:southern|northern|eastern|western|"
    r"central)\s+)?([A-Z][\w-]+(?:\s+[A-Z][\w-]+){0,2})"
)
_PLACE_RANK = {"site": 4, "city": 3, "admin1": 2, "country": 1}
_BY_AGENT = re.compile(r"\bby\b(?=\s+(?:the\s+)?[A-Za-z])")
_ACTOR_KINDS = frozenset({"person", "org", "group", "military", "government", "state", "nationality", "name"})


@dataclass(slots=True)
class _Token:
    text: str
    lower: str
    start: int  # absolute offsets into article.text
    end: int


class _TokenList(list):
    """A sentence's `_Token`s, with `lowers`: their lower-cased forms as a plain list of strings.

    Why: the coder reads lower-cased words in windows around every trigger and candidate; slicing a
    list of strings (done in C) is several times cheaper than rebuilding `[t.lower for t in …]`
    each time. Slices of a `_TokenList` are plain lists of tokens.
    """

    __slots__ = ("lowers",)

    def __init__(self, tokens: list[_Token]) -> None:
        super().__init__(tokens)
        self.lowers: list[str] = [token.lower for token in tokens]


@dataclass(slots=True)
class _SentenceFacts:
    """What every candidate of one sentence reads, worked out once per sentence.

    Why: a sentence gives one to several candidates; listing these once per sentence spares each
    candidate rebuilding them (the tokens' lower-cased forms come with `tokens.lowers`).
    """

    sentence: Sentence
    tokens: _TokenList
    mentions: list[Mention]
    times: list[TimeExpr]


@dataclass
class _Head:
    """A trigger kept as the head of an event, before its arguments are read."""

    trigger: Trigger
    token: int  # index of the first trigger token
    last_token: int
    start: int
    end: int
    is_noun: bool
    tags: frozenset[str]
    absorbed: list[_Head] = field(default_factory=list)
    reach_token: int = -1  # last token of everything absorbed, kept as it grows (no rescans)
    lead: int | None = None  # first token of its segment when a consequence told first joins it


@dataclass
class _Candidate:
    """An event mention inside one sentence, with what its segment says."""

    head: _Head
    sentence: Sentence
    seg_start: int
    seg_end: int
    actors: list[Actor]
    location: Location | None
    time: TimeExpr | None
    fatalities: Fatalities | None
    auxiliary: set[str]
    anaphoric: bool
    framed_as_history: bool
    sentences: list[Sentence] = field(default_factory=list)
    extra_times: list[TimeExpr] = field(default_factory=list)
    inherited_time: TimeExpr | None = None
    narrative_time: TimeExpr | None = None
    participation: bool = False
    cumulative: bool = False  # "has killed … since 2009": a running total (only read, so only set, for tolls)
    background_hint: bool = False  # told as history (framing or a past year): no far-back references  # its subject takes part ("attended the talks"), not only reports
    summary: str = ""
    recalled: bool = False  # "a week after the group's siege of a hotel": an earlier event named in passing


def extract_events(article: Article) -> Article:
    """Fill `article.events` from its sentences, mentions and time expressions."""
    sentences = article.sentences or [Sentence(0, 0, len(article.text))]
    mentions_by_sentence = _group(article.mentions, len(sentences))
    times_by_sentence = _group(article.times, len(sentences))
    theatre = _theatre_country(article)
    candidates: list[_Candidate] = []
    cues = cue_words()
    for sentence in sentences:
        words = _lower_words(article.text[sentence.start:sentence.end])
        if cues.isdisjoint(words):
            continue
        tokens = _tokenize(article.text, sentence)
        time_spans = [(t.start, t.end) for t in times_by_sentence[sentence.index]]
        heads = _find_heads(article.text, sentence, tokens, phrases=phrase_triggers_for(words),
                            time_spans=time_spans)
        if not heads:
            continue
        facts = _SentenceFacts(sentence, tokens, mentions_by_sentence[sentence.index],
                               times_by_sentence[sentence.index])
        previous: _Candidate | None = None
        for head, (seg_start, seg_end) in zip(heads, _segments(tokens, heads)):
            candidate = _read_candidate(article, facts, head, seg_start, seg_end, theatre)
            _share_controlling_subject(previous, candidate, tokens)
            _lend_trailing_time(article.text, previous, candidate, times_by_sentence[sentence.index])
            candidates.append(candidate)
            previous = candidate
    events = _fuse_same_event(_resolve_anaphora(candidates))
    _attach_unharmed(article, events)
    _inherit_narrative_time(article.text, events, times_by_sentence)
    reference = _Reference(_reference_date(article), _latest_stated_year(article))
    article.events = [_to_event(article, candidate, reference) for candidate in events]
    return article


def _lower_words(sentence: str) -> set[str]:
    """The sentence's words of ASCII letters, lower-cased.

    An ASCII sentence goes through `bytes.translate` (capitals lowered, every other non-letter made a
    space) and `split`: the same runs of letters as `_WORD`, at a third less than the regex, and this
    runs on every sentence of every article."""
    if sentence.isascii():
        return set(sentence.encode("ascii").translate(_ASCII_LETTERS_LOWERED).decode("ascii").split())
    return {word.lower() for word in _WORD.findall(sentence)}


_ASCII_LETTERS_LOWERED = bytes(
    code + 32 if 65 <= code <= 90 else code if 97 <= code <= 122 else 32 for code in range(256)
)
"""A `bytes.translate` table: A-Z to a-z, a-z kept, any other byte to a space."""


def _share_controlling_subject(previous: _Candidate | None, candidate: _Candidate, tokens: list[_Token]) -> None:
    """ "Kestria refused to meet the envoy": the subject of "refused" is also who would meet."""
    if previous is None or previous.head.is_noun or candidate.head.is_noun:
        return
    if candidate.head.token < 1 or tokens[candidate.head.token - 1].lower != "to":
        return
    if previous.head.last_token + 1 != candidate.head.token - 1:
        return  # only "refused to meet", not "refused a request to meet"
    if any(actor.role == "source" for actor in candidate.actors):
        return
    names = {actor.name.lower() for actor in candidate.actors}
    for actor in previous.actors:
        if actor.role in {"source", "participant"} and actor.name.lower() not in names:
            candidate.actors.insert(0, Actor(actor.name, actor.role, actor.kind, actor.country, actor.title))


def _lend_trailing_time(
    text: str, previous: _Candidate | None, candidate: _Candidate, times: list[TimeExpr]
) -> None:
    """ "would hold protests against the deal in Korsk on Saturday": the time after an event noun that
    is only the object of a preposition dates the event before it, not the noun."""
    if previous is None or previous.time is not None or not candidate.head.is_noun:
        return
    if not _OBJECT_OF_PREPOSITION.search(text, max(0, candidate.head.start - 30), candidate.head.start):
        return
    previous.time = _time_for(previous.head, times, previous.seg_start, candidate.seg_end, text)


def _attach_unharmed(article: Article, events: list[_Candidate]) -> None:
    """ "There were no casualties." right after an attack is that attack's toll: zero, stated."""
    told = {sentence.index for event in events for sentence in event.sentences}
    by_last_sentence = {event.sentences[-1].index: event for event in events if event.head.trigger.type == "ASSAULT"}
    for sentence in article.sentences:
        if sentence.index in told:
            continue
        before = next((i for i in (sentence.index - 1, sentence.index - 2) if i in told), None)
        event = by_last_sentence.get(before) if before is not None else None
        if event is None or event.fatalities is not None:
            continue
        claims = [m.fatalities for m in find_fatalities(article.text[sentence.start:sentence.end])]
        if len(claims) == 1 and claims[0].min == 0 and claims[0].max == 0:
            event.fatalities = claims[0]
            event.sentences.append(sentence)


def _group(items: list, count: int) -> list[list]:
    grouped: list[list] = [[] for _ in range(count)]
    for item in items:
        if 0 <= item.sentence < count:
            grouped[item.sentence].append(item)
    return grouped


def _tokenize(text: str, sentence: Sentence) -> _TokenList:
    """Tokens with absolute offsets; the lower-cased form is sliced from one lower-cased copy."""
    piece = text[sentence.start:sentence.end]
    lowered = piece.lower().replace("’", "'")
    if len(lowered) != len(piece):  # a character whose lower case is longer: lower word by word
        return _TokenList([
            _Token(m.group(), m.group().lower().replace("’", "'"), sentence.start + m.start(), sentence.start + m.end())
            for m in _TOKEN.finditer(piece)
        ])
    base, tokens, end = sentence.start, [], 0
    for word in _TOKEN.findall(piece):  # strings, no match objects: the offsets are found by `find`,
        start = piece.find(word, end)  # as only spaces and "_" lie between tokens and none starts one
        end = start + len(word)
        tokens.append(_Token(word, lowered[start:end], base + start, base + end))
    return _TokenList(tokens)


# --- triggers -------------------------------------------------------------------------------------


def _find_heads(
    text: str, sentence: Sentence, tokens: list[_Token], *,
    phrases: list[tuple[re.Pattern[str], Trigger]] | None = None,
    time_spans: list[tuple[int, int]] = (),  # type: ignore[assignment]
) -> list[_Head]:
    raw = [
        head for head in _match_triggers(text, sentence, tokens, phrases=phrases)
        if not any(start <= head.start < end for start, end in time_spans)  # "March 4" is a date
    ]
    kept = [head for head in raw if _is_eventive(head, tokens)]
    return _absorb(kept, tokens)


def _match_triggers(
    text: str, sentence: Sentence, tokens: list[_Token], *,
    phrases: list[tuple[re.Pattern[str], Trigger]] | None,
) -> list[_Head]:
    """Phrase triggers first (`phrases`: those worth trying, None for all), then words."""
    heads: list[_Head] = []
    taken: set[int] = set()
    patterns = PHRASE_TRIGGERS if phrases is None else phrases
    lowered = text[sentence.start:sentence.end].lower().replace("’", "'") if patterns else ""
    for pattern, trigger in patterns:
        for match in pattern.finditer(lowered):
            start, end = sentence.start + match.start("t"), sentence.start + match.end("t")
            if trigger.named_object and not _NAMED_NEXT.match(text, end):
                continue  # "warned Ankara" threatens; "warned that prices could rise" does not
            indices = [i for i, tok in enumerate(tokens) if tok.start >= start and tok.end <= end]
            if not indices or taken.intersection(indices):
                continue
            taken.update(indices)
            tags = _verb_form_tags(tokens[indices[0]].lower)
            heads.append(_Head(trigger, indices[0], indices[-1], start, end, False, tags))
    forms = word_triggers()
    firsts = form_lengths_by_first_word()
    index = 0  # the first token a word trigger may start at (after the last form matched)
    for at in _trigger_starts(tokens, firsts):
        if at < index:
            continue
        matched = _longest_form(tokens, at, forms, firsts[tokens.lowers[at]])
        if matched is None or at in taken:
            continue
        length, options = matched
        head = _choose_reading(tokens, at, length, options)
        if head is not None:
            heads.append(head)
            taken.update(range(at, at + length))
        index = at + length
    heads.sort(key=lambda head: head.start)
    return heads


def _trigger_starts(tokens: _TokenList, firsts: dict[str, tuple[int, ...]]) -> list[int]:
    """Indices of the tokens a word trigger's form starts with, left to right.

    Why: most tokens start no form; one tight comprehension finds the few that do, and the matcher
    visits only those instead of stepping through every token in Python.
    """
    return [i for i, word in enumerate(tokens.lowers) if word in firsts]


def _verb_form_tags(word: str) -> frozenset[str]:
    """Penn tags a verb form can carry ("sent" → VBD/VBN, "send" → VB, "sending" → VBG)."""
    return verb_form_tags().get(word, frozenset({"VBD", "VBN"}))


def _longest_form(
    tokens: _TokenList, index: int, forms: dict[str, list[TriggerForm]], lengths: tuple[int, ...]
) -> tuple[int, list[TriggerForm]] | None:
    lowers = tokens.lowers
    for length in lengths:
        if index + length > len(lowers):
            continue
        words = lowers[index] if length == 1 else " ".join(lowers[index:index + length])
        if words in forms:
            return length, forms[words]
    return None


def _choose_reading(tokens: list[_Token], index: int, length: int, options: list[TriggerForm]) -> _Head | None:
    """Pick the noun or the verb reading of an ambiguous form ("attack", "attacks", "meeting")."""
    nouns = [o for o in options if o.trigger.pos == "noun"]
    verbs = [o for o in options if o.trigger.pos == "verb"]
    if nouns and verbs:
        ordered = verbs + nouns if _verb_licensed(tokens, index, verbs[0].tags) else nouns + verbs
    elif verbs and verbs[0].tags <= {"VB", "VBP", "VBZ"} and not _verb_licensed(tokens, index, verbs[0].tags):
        return None  # "power stations", "missile strikes": a noun that shares a verb's spelling
    else:
        ordered = nouns + verbs
    if not ordered:
        return None
    chosen = ordered[0]
    last = index + length - 1
    return _Head(
        chosen.trigger, index, last, tokens[index].start, tokens[last].end,
        chosen.trigger.pos == "noun", chosen.tags,
    )


def _verb_licensed(tokens: list[_Token], index: int, tags: frozenset[str]) -> bool:
    """Whether the left context makes a form that is also a noun a verb.

    News prose uses "attack", "attacks", "protest" far more often as nouns, so the verb reading needs
    evidence: a modal, "to" or do-support before a base form, a pronoun subject before a present
    form, or a non-nominal left context before an -ing or past form.
    """
    previous = tokens[index - 1].lower if index else ""
    if tags & {"VB", "VBP"}:
        return previous in _MODALS or previous in _VERB_LICENSORS or previous in _PLURAL_PRONOUNS
    if "VBZ" in tags:
        return previous in _SINGULAR_SUBJECTS or (index > 1 and tokens[index - 1].text[:1].isupper())
    return not _looks_nominal(tokens, index)


def _looks_nominal(tokens: list[_Token], index: int) -> bool:
    """Whether the left context is that of a noun: a determiner, possessive, modifier or preposition."""
    if index == 0:
        return tokens[0].text[:1].isupper()
    previous = tokens[index - 1]
    if previous.lower in _ANY_DETERMINER or previous.lower in {"'s", "of", "for", "during", "after", "before"}:
        return True
    if previous.lower.endswith(("'s", "-led", "-based")):
        return True
    if previous.text[:1].isupper() and previous.lower not in _MODALS:
        return True  # "Garissa University attack", "Al-Shabaab attack"
    if previous.lower.isdigit() or previous.lower in _PRENOMINAL:
        return True
    return previous.lower.endswith(_ADJECTIVE_ENDINGS) and previous.lower not in _BE_ANY


def _is_eventive(head: _Head, tokens: _TokenList) -> bool:
    """Return False for generic plurals, purpose infinitives and present-tense states."""
    if head.is_noun:
        return not _generic_plural(head, tokens)
    before = tokens.lowers[max(0, head.token - 4):head.token]
    while len(before) > 1 and (before[-1] in _ADVERBS or before[-1].endswith("ly")):
        before.pop()  # "will soon open", "could also strike"
    previous = before[-1] if before else ""
    following = tokens[head.last_token + 1].lower if head.last_token + 1 < len(tokens) else ""
    if head.trigger.type == "SUPPORT" and (following == "by" or previous == "-"):
        return False  # "a claim backed by UN experts", "Rwanda-backed rebels": a description
    if head.tags & {"VBD", "VBN", "VBG", "VBZ"}:
        if "VBN" in head.tags and previous in _BE_PRESENT:
            return False  # "troops are deployed in …": a state, not an event
        return not ("VBG" in head.tags and previous in {"to", "for"})
    # Base form: an event only under a modal, do-support, or "to" after an intent verb or "is".
    if previous in _MODALS or previous in {"did", "do", "does", "not", "n't", "never"}:
        return True
    return len(before) >= 2 and previous == "to" and (
        before[-2] in _INTENT or before[-2] in _BE_ANY or before[-2] in _IMPLICATIVE)


def _is_plural_mention(head: _Head) -> bool:
    """A plural event noun ("attacks", "meetings") that is not plural by nature ("talks", "clashes")."""
    return head.is_noun and head.tags == frozenset({"NNS"}) and not head.trigger.lemma.endswith("s")


def _generic_plural(head: _Head, tokens: list[_Token]) -> bool:
    """Plural event nouns name many events at once ("notable attacks", "two attacks"): they never open
    an event of their own, and only a definite one ("the attacks") may refer back to one told before."""
    if not _is_plural_mention(head):
        return False
    if head.token and tokens[head.token - 1].lower in _DETERMINERS:
        return False
    following = tokens[head.last_token + 1:head.last_token + 3]
    return not any(tok.lower in _PAST_VERBS_AFTER_SUBJECT or (tok.lower.endswith("ed") and tok.text.islower())
                   for tok in following)  # "air strikes hit a building": specific strikes


def _absorb(heads: list[_Head], tokens: list[_Token]) -> list[_Head]:
    """Fold consequences and settings into the event they belong to."""
    kept: list[_Head] = []
    for head in heads:
        previous = kept[-1] if kept else None
        if previous is not None and _caused_by(previous, head, tokens):
            _take_in(head, previous)
            head.lead = previous.lead if previous.lead is not None else previous.token
            kept[-1] = head
            continue
        if previous is not None and _belongs_to(previous, head, tokens):
            _take_in(previous, head)
            continue
        kept.append(head)
    return kept


def _reach(head: _Head) -> int:
    """The last token of a head and of everything it absorbed."""
    return max(head.last_token, head.reach_token)


def _take_in(head: _Head, item: _Head) -> None:
    head.absorbed.append(item)
    head.reach_token = max(head.reach_token, _reach(item))


def _mode(head: _Head) -> str | None:
    """The head's mode, or the first mode an absorbed trigger names ("stormed … and abducted")."""
    return head.trigger.mode or next((item.trigger.mode for item in head.absorbed if item.trigger.mode), None)


_THREAT_MODES = (
    (re.compile(r"\bultimatum|\bdeadline", re.IGNORECASE), "ultimatum"),
    (re.compile(r"\bsanction|\btariff|\bembargo|\bcut off", re.IGNORECASE), "sanction"),
    (re.compile(r"\bforce\b|\bmilitary\b|\battack|\bstrike|\bwar\b|\bretaliat|\binvade|\bbomb",
                re.IGNORECASE), "force"),
)


def _event_mode(candidate: _Candidate, text: str) -> str | None:
    """The mode the trigger names, else one the event's words or actors tell: a threat of sanctions or
    of force, a consultation of several parties (multilateral)."""
    mode = _mode(candidate.head)
    if mode is not None:
        return mode
    trigger = candidate.head.trigger
    segment = text[candidate.seg_start:candidate.seg_end]
    if trigger.type == "THREATEN":  # what is threatened follows the verb, often as a trigger of its own
        said = text[candidate.head.start:candidate.sentence.end]
        return next((name for pattern, name in _THREAT_MODES if pattern.search(said)), None)
    if trigger.type == "CONSULT":
        kinds = [actor.kind for actor in candidate.actors]
        if len(kinds) >= 3 or "igo" in kinds or "member states" in segment:
            return "multilateral"
    return None


def _caused_by(previous: _Head, head: _Head, tokens: _TokenList) -> bool:
    """ "17 people were killed when security forces clashed with protesters": the deaths are the
    consequence of the event told after them."""
    if not previous.trigger.consequence or head.trigger.type != "ASSAULT" or head.trigger.consequence:
        return False
    between = set(tokens.lowers[previous.last_token + 1:head.token])
    return bool(between & {"when", "as", "after", "during", "in"}) and ";" not in between


def _belongs_to(previous: _Head, head: _Head, tokens: _TokenList) -> bool:
    """True for a consequence ("stormed … killing 13") or a setting ("met … in the Forum")."""
    between = tokens.lowers[_reach(previous) + 1:head.token]
    if ";" in between or not SPEECH_VERBS.isdisjoint(between):
        return False
    if head.trigger.consequence and previous.trigger.type == "ASSAULT":
        return True
    if head.trigger.type != previous.trigger.type:
        return False
    if not head.is_noun:
        return True  # "attacked and looted": one event told with two verbs
    if not previous.is_noun and len(between) <= 3 and not any(
            word in _SETTING_PREPOSITIONS or word in {",", "and", "or", "but"} for word in between):
        return True  # "signed a border treaty": the noun is the verb's object, the same event
    if previous.is_noun or _starts_new_np(between):
        return False
    opener = next((i for i in range(len(between) - 1, -1, -1) if between[i] in _SETTING_PREPOSITIONS), None)
    return opener is not None and "," not in between[opener:]


def _starts_new_np(between: list[str]) -> bool:
    """A comma or 'and' followed by a determiner starts a new noun phrase: a new event."""
    for i, word in enumerate(between[:-1]):
        if word in {",", "and"} and between[i + 1] in _ANY_DETERMINER:
            return True
    return False


# --- segments -------------------------------------------------------------------------------------


def _segments(tokens: list[_Token], heads: list[_Head]) -> list[tuple[int, int]]:
    """Return (first token, end token) per head: cut at the last clause boundary between two heads."""
    if not heads:
        return []
    cuts = [max(_speech_start(tokens, heads[0]), _relative_start(tokens, heads[0]))]
    for previous, head in zip(heads, heads[1:]):
        floor = _reach(previous) + 1
        if not previous.is_noun:  # "warned Ankara it would face sanctions": the name is the verb's object
            while floor < head.token and tokens[floor].text[:1].isupper():
                floor += 1
        cut = _np_start(tokens, head, floor=floor) if head.is_noun else head.token
        for i in range(head.token - 1, _reach(previous), -1):
            if tokens[i].lower == "and" and any(t.lower == "between" for t in tokens[_reach(previous) + 1:i]):
                continue  # "talks between Serbia and Kosovo": the pair, not a new clause
            if tokens[i].lower in _BOUNDARY_WORDS or tokens[i].text in _BOUNDARY_PUNCT:
                cut = i
                break
        cut = max(cut, _speech_start(tokens, head, floor=_reach(previous) + 1))
        cuts.append(head.lead if head.lead is not None else cut)
    ends = cuts[1:] + [len(tokens)]
    return [(start, _clip_attribution(tokens, head, end)) for start, end, head in zip(cuts, ends, heads)]


def _np_start(tokens: list[_Token], head: _Head, *, floor: int) -> int:
    """The first token of a nominal trigger's noun phrase ("last Sunday's attack", "the Garissa
    University attack"): its modifiers belong to it, not to the event before."""
    start = head.token
    while start - 1 >= floor:
        word = tokens[start - 1]
        if word.lower in _NP_STOP or word.lower.endswith("ing") or (word.lower.endswith("ed") and word.text.islower()):
            break
        start -= 1
    return start


def _relative_start(tokens: list[_Token], head: _Head) -> int:
    """Start at "who"/"which" when a relative clause holds the trigger ("…, who was arrested"): the
    main clause's names are not its actors."""
    for i in range(head.token - 1, max(-1, head.token - 5), -1):
        word = tokens[i].lower
        if word in {"who", "which", "whom"} and i > 0 and tokens[i - 1].text == ",":
            return i
        if word not in _BE_ANY and word not in {"had", "has", "have", "later", "also", "then"}:
            return 0
    return 0


def _speech_start(tokens: _TokenList, head: _Head, floor: int = 0) -> int:
    """Start a segment after "X said (that)" when the speech verb precedes the trigger."""
    start = floor
    if _SPEECH_WORDS.isdisjoint(tokens.lowers[floor:head.token]):
        return start  # no speech verb before the trigger (most segments): nothing to step over
    for i in range(floor, head.token):
        word = tokens[i].lower
        follows_that = i + 1 < head.token and tokens[i + 1].lower == "that"
        if word in _SAYING or (word in SPEECH_VERBS and follows_that and word != "according"):
            start = i + 2 if follows_that else i + 1
    return start


def _clip_attribution(tokens: _TokenList, head: _Head, end: int) -> int:
    """End a segment at a closing quote, ", X said", or a subordinate clause after the trigger.

    The speaker is no actor, and "since Gen X took over in April 2020" tells another event's time.
    """
    if _CLIP_WORDS.isdisjoint(tokens.lowers[_reach(head) + 1:end]):
        return end  # none of the words that could end it (most segments)
    for i in range(_reach(head) + 1, end):
        if tokens[i].lower in _SUBORDINATORS and head.lead is None:
            return i
        if tokens[i].text == "\"":
            return i
        if tokens[i].lower == "according" and i + 1 < end and tokens[i + 1].lower == "to":
            return i
    return end


# --- arguments ------------------------------------------------------------------------------------


def _read_candidate(
    article: Article, facts: _SentenceFacts, head: _Head, seg_start: int, seg_end: int, theatre: str | None,
) -> _Candidate:
    sentence, tokens, mentions, times = facts.sentence, facts.tokens, facts.mentions, facts.times
    start_char = tokens[seg_start].start
    end_char = tokens[seg_end - 1].end if seg_end > seg_start else head.end
    in_segment = [m for m in mentions if m.start >= start_char and m.end <= end_char]
    location = _location(article, head, in_segment, start_char, end_char, theatre)
    passive = _is_passive(article.text, head)
    actors = _actors(article.text, tokens, head, in_segment, start_char, end_char, location, passive=passive)
    actors = _coreferent_actors(article, actors, head, sentence, start_char, end_char, passive=passive)
    fatalities = _fatalities(article.text, start_char, end_char) if head.trigger.type in _VIOLENT else None
    time = _time_for(head, times, start_char, end_char, article.text)
    auxiliary = _auxiliary(tokens, head, seg_start)
    framed = _framed_as_history(article.text, sentence)
    return _Candidate(
        head=head, sentence=sentence, seg_start=start_char, seg_end=end_char, actors=actors,
        location=location, time=time, fatalities=fatalities, auxiliary=auxiliary,
        anaphoric=_is_anaphoric(tokens, head, actors),
        framed_as_history=framed, sentences=[sentence],
        summary=_summary(article.text, start_char, end_char, time),
        participation=not head.is_noun or bool(_PARTICIPATION.search(article.text, start_char, head.start)),
        recalled=head.is_noun and bool(_RECALLED.search(article.text, max(sentence.start, head.start - 50), head.start)),
        cumulative=bool(head.trigger.consequence) and bool(_CUMULATIVE.search(article.text, start_char, end_char)),
        background_hint=framed or (
            time is not None and time.anchor == "absolute" and time.precision in {"year", "month"}),
    )


@lru_cache(maxsize=4096)
def _history_frame_in(sentence_text: str) -> bool:
    return bool(_HISTORY_FRAME.search(sentence_text))


def _framed_as_history(text: str, sentence: Sentence) -> bool:
    """ "Some of the notable attacks include …": the sentence tells history (cached per sentence)."""
    return _history_frame_in(text[sentence.start:sentence.end])


def _mention_is_located(text: str, mention: Mention, seg_start: int) -> bool:
    """True when a locative preposition governs the mention ("in Somalia", "into southern Somalia")."""
    left = text[max(seg_start, mention.start - 40):mention.start].lower().replace("’", "'")
    words = _LEFT_WORDS.findall(left)
    for word in reversed(words[-4:]):
        if word.lower() in _LOCATIVE:
            return True
        if not word.islower() and word.lower() != "the":
            return False  # "in Kenyan-run camp": a name or punctuation breaks the phrase
    return False


def _other_clause(text: str, mention: Mention, head: _Head) -> bool:
    """A place before the trigger but across ", and the"/";" belongs to another clause
    ("The mission in Somalia is …, and the meeting …")."""
    if mention.end > head.start:
        return False
    between = text[mention.end:head.start].lower()
    return bool(_CLAUSE_BREAK.search(between))


def _location(
    article: Article, head: _Head, mentions: list[Mention], start: int, end: int,
    theatre: str | None,
) -> Location | None:
    """The most specific place of the segment; facilities and unknown places as `_facility` says."""
    places = [
        m for m in mentions
        if (m.kind == "place" or (m.kind == "state" and _mention_is_located(article.text, m, start)))
        and not _other_clause(article.text, m, head)
    ]
    if places:
        best = max(places, key=lambda m: (m.lat is not None, _PLACE_RANK.get(m.precision, 0), -m.start))
        capital = _the_capital(article, start, end) if best.precision in {None, "country"} else None
        if capital is not None and capital.country == best.country:
            return capital  # "at a hotel in Somalia's capital": the city, not the country
        if best.lat is not None:
            precision = best.precision or ("country" if best.kind == "state" else "city")
            return Location(_place_name(best), best.country, best.admin1, best.lat, best.lon, precision)
        return _unknown_place(article, best.canonical, best.country, theatre)
    match = _facility_in(article.text, start, end)
    if match is None:
        return _the_capital(article, start, end)
    owner = next((m.country for m in mentions if m.start <= match.start() < m.end and m.country), None)
    return _facility(article, match.group(0), owner, theatre)


def _facility_in(text: str, start: int, end: int) -> re.Match[str] | None:
    """`_FACILITY.search(text, start, end)`, skipped when no facility word (matched case-insensitively
    by the pattern) is in the span of the lower-cased text: most segments name none, and the check
    costs a tenth of the search."""
    folded = folded_text(text)
    if folded is not None:
        span = folded[start:end]
        if not any(word in span for word in _FACILITY_WORDS):
            return None
    return _FACILITY.search(text, start, end)


def _place_name(mention: Mention) -> str:
    """The place as the text writes it ("Rafah") when that is the gazetteer's name without its
    transliteration marks ("Rafaḩ"); otherwise the gazetteer's name ("US" → "United States")."""
    if _fold(mention.text) == _fold(mention.canonical):
        return mention.text
    return mention.canonical


def _fold(name: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()


def _the_capital(article: Article, start: int, end: int) -> Location | None:
    """ "rallied in the capital" ("in Somalia's capital") in a report datelined from that country's
    capital: that city."""
    from newsevents.extract import gazetteer

    dateline = article.dateline
    if dateline is None or not dateline.place:
        return None
    said = _IN_THE_CAPITAL.search(article.text, start, end)
    if said is None:
        return None
    owner = article.text[said.start("owner"):said.end("owner")]  # by span: `said` may be lower-cased
    if owner and gazetteer.country_code(owner) != dateline.country:
        return None  # "in Kenya's capital" in a report datelined Mogadishu: not the dateline city
    town = gazetteer.lookup_place(dateline.place, country_hint=dateline.country)
    if town is None or (dateline.country and town.country != dateline.country):
        return None
    return Location(town.name, town.country, town.admin1, town.lat, town.lon, "city")


def _unknown_place(article: Article, name: str, country: str | None, theatre: str | None) -> Location:
    """A place no gazetteer knows ("El-Adde"): a facility is placed by `_facility`; anything else keeps
    its name, in the country the text gives or the article's theatre, and no invented coordinates."""
    if _FACILITY.fullmatch(name):
        return _facility(article, name, country, theatre)
    return Location(name, country or theatre, None, None, None, "site")


def _facility(article: Article, name: str, country: str | None, theatre: str | None) -> Location:
    """Place a named facility ("Garissa University", "the Westgate mall").

    A town in its own name counts only if it lies in a country the article supports (the facility's,
    the dateline's or the theatre's): "Westgate" is also a town in Canada. Failing that, a local
    facility named in a datelined report is placed in the dateline's city.
    """
    from newsevents.extract import gazetteer

    dateline = article.dateline
    allowed = [c for c in (country, dateline.country if dateline else None, theatre) if c]
    for word in name.split()[:-1]:
        for hint in allowed:
            place = gazetteer.lookup_place(word, country_hint=hint)
            if place is not None and place.country == hint:
                return Location(name, place.country, place.admin1, place.lat, place.lon, "city")
    if dateline is not None and dateline.place and (country is None or country == dateline.country):
        town = gazetteer.lookup_place(dateline.place, country_hint=dateline.country)
        if town is not None and (dateline.country is None or town.country == dateline.country):
            return Location(name, town.country, town.admin1, town.lat, town.lon, "city")
    return Location(name, country or theatre, None, None, None, "site")


def _theatre_country(article: Article) -> str | None:
    """The country the article puts things "in" most often, where unknown places are assumed to lie.

    Read from "in/into/inside/across <Country>" anywhere in the text, names included ("AU Transition
    Mission in Somalia"); a tie gives None.
    """
    from newsevents.extract import gazetteer

    counts: dict[str, int] = {}
    for match in _LOCATED_COUNTRY.finditer(article.text):
        code = gazetteer.country_code(match.group(1))
        if code:
            counts[code] = counts.get(code, 0) + 1
    if not counts:
        return None
    ranked = sorted(counts.items(), key=lambda item: -item[1])
    if len(ranked) > 1 and ranked[0][1] == ranked[1][1]:
        return None
    return ranked[0][0]


def _actors(
    text: str, tokens: list[_Token], head: _Head, mentions: list[Mention], start: int, end: int,
    location: Location | None, *, passive: bool,
) -> list[Actor]:
    """The segment's actors and their roles; `passive` is `_is_passive(text, head)`."""
    trigger = head.trigger
    passive_by = _passive_agent_start(text, head, end)
    actors: list[Actor] = []
    seen: set[str] = set()
    subjects: list[Actor] = []
    extended: list[tuple[int, int]] = []  # unknown names with their role noun ("Rohirrim army")
    members: set[str] = set()  # role nouns whose states are named ("Troops from Gondor and Rohan")
    for mention in mentions:
        capital = _capital_as_government(text, mention, head, start)
        if capital is not None:  # "Washington warned Ankara": the capitals stand for governments
            if capital.name.lower() not in seen:
                actors.append(capital)
                seen.add(capital.name.lower())
                if capital.role == "source":
                    subjects.append(capital)
            continue
        if mention.kind not in _ACTOR_KINDS or _is_speaker(text, mention.start, mention.end, start, end):
            continue
        titled = _NATIONAL_TITLE_AFTER.match(text, mention.end, end) if mention.kind == "nationality" else None
        if titled is not None:  # "the Greek prime minister", "the Nigerian president"
            role = ("target" if passive else "source") if mention.end <= head.start else (
                "target" if trigger.takes_actor_object else None)
            name = text[mention.start:titled.end()]
            if role is not None and name.lower() not in seen:
                sector = NAME_ROLE_NOUNS.get(titled.group("role").lower(), "government")
                actors.append(Actor(name, role, sector, mention.country))
                seen.add(name.lower())
                extended.append((mention.start, titled.end()))
            continue
        if mention.kind == "nationality" and not _PEOPLE_AFTER.match(text[mention.end:mention.end + 30]):
            if mention.end <= head.start and _AGENT_NOUN_AFTER.match(text[mention.end:mention.end + 40]):
                actors.append(Actor(_state_name(mention), "source", "state", mention.country))
                seen.add(actors[-1].name.lower())
            continue  # "the Mexican embassy": a demonym that qualifies a thing
        affiliated = _AFFILIATION_BEFORE.search(text, max(start, mention.start - 45), mention.start)
        if affiliated:
            members.add(affiliated.group(1).lower())
        recipient = (trigger.type not in _PLACED_TYPES and mention.start > head.end
                     and _RECIPIENT_BEFORE.search(text, max(start, mention.start - 12), mention.start))
        if mention.kind == "state" and not affiliated and not recipient and _mention_is_located(text, mention, start):
            continue  # "in Somalia" places; "sanctions on Russia", "aid to Afghanistan" name who it befell
        if (location is not None and mention.canonical == location.name and mention.kind in {"place", "state"}
                and not affiliated and not recipient):
            continue
        if _inside_other(mention, mentions) or _names_an_event(mention) or _affiliation(text, mention, mentions):
            continue
        if mention.end <= head.start:
            role = "target" if _premodifies_noun(text, mention, head) else "source"
        elif passive_by is not None and mention.start >= passive_by:
            if mention.start - passive_by > 30:
                continue  # only the agent right after "by", not a relative clause after it
            role = "source"
        elif trigger.takes_actor_object:
            role = "target"
        else:
            continue
        if passive and mention.end <= head.start:
            role = "target"
        actor = _mention_actor(text, mention, role, start, end)
        if actor is None or (mention.kind == "name" and role == "target" and trigger.mode == "occupy"):
            continue  # "seized Esgaroth": a town taken, not an actor
        if mention.kind == "name":
            extended.append((mention.start, mention.start + len(actor.name)))
        key = actor.name.lower()
        if key in seen:
            continue
        seen.add(key)
        actors.append(actor)
        if role == "source":
            subjects.append(actor)
    named_spans = [(m.start, m.end) for m in mentions] + extended
    for actor in _role_actors(text, head, start, end, passive, passive_by):
        if _overlaps_named(text, actor, named_spans, start, end) or actor.name.lower() in members:
            continue
        if not any(actor.name.lower() == a.name.lower() for a in actors):
            actors.append(actor)
    if trigger.symmetric and len(subjects) > 1 and not any(a.role == "target" for a in actors):
        for actor in subjects:
            actor.role = "participant"
    if head.is_noun and _BETWEEN.match(text, head.end):
        for actor in actors:  # "the talks between Serbia and Kosovo": neither side leads
            if actor.role == "target":
                actor.role = "participant"
    return actors


def _capital_as_government(text: str, mention: Mention, head: _Head, start: int) -> Actor | None:
    """A national capital in a subject or object slot, not after a locative preposition, names its
    government ("Washington warned Ankara", "accused Moscow of", "Seoul's call for talks")."""
    if mention.kind != "place" or mention.precision not in {None, "city"}:
        return None
    country = capitals().get(mention.text) or capitals().get(mention.canonical)
    if country is None or mention.country not in {None, country}:
        return None
    if _mention_is_located(text, mention, start):
        return None
    if mention.end <= head.start:
        between = text[mention.end:head.start]
        if not _SUBJECT_GAP.fullmatch(between):
            return None
        role = "source"
    elif head.trigger.takes_actor_object and _OBJECT_GAP.fullmatch(text[head.end:mention.start]):
        role = "target"
    else:
        return None
    return Actor(mention.text, role, "government", country)


def _mention_actor(text: str, mention: Mention, role: str, start: int, end: int) -> Actor | None:
    """The actor a mention names; a name no list knows is read from the words around it."""
    if mention.kind != "name":
        return Actor(mention.canonical, role, _actor_kind(mention), mention.country, mention.title)
    phrase = _name_phrase(text, mention, end)
    if phrase is None:
        return None
    name, sector = phrase
    if sector is None:
        sector = sector_of_name(name) or ("state" if _state_like(name, text, start, end) else "unknown")
    return Actor(name, role, sector, mention.country)


def _state_like(name: str, text: str, start: int, end: int) -> bool:
    """Whether a name no list knows acts as a country: it reads like one ("Elbonia", "Kestland"),
    the article forms a demonym of it ("Gondorian"), gives it a state's organs ("Arnor's army"), or
    the sentence is about diplomacy."""
    if " " in name or name.isupper():
        return False
    if _COUNTRY_SHAPE.search(name) or _DIPLOMATIC.search(text, start, end):
        return True
    stem = name[:-1] if name.endswith(("a", "e")) else name
    demonyms = (name + "ian", name + "i", name + "ese", stem + "an", stem + "ian", name + "n")
    if any(form in text for form in demonyms if form != name):
        return True
    return bool(re.search(re.escape(name) + r"['\u2019]s\s+(?:government|president|army|military|prime minister|"
                                            r"foreign ministry|parliament|armed forces|navy|border)", text))


def _name_phrase(text: str, mention: Mention, end: int) -> tuple[str, str | None] | None:
    """An unknown name as an actor: with the role noun after it ("Rohirrim army", "Tolmari troops",
    "Arnor's police") or alone when a verb, a conjunction or punctuation follows ("Arnor expelled",
    "Arnor and Gondor"). None when it only qualifies a noun ("Arvenian control", "Tutsi-led",
    "Shahed drones"): then it names no actor.
    """
    after = text[mention.end:min(end, mention.end + 40)]
    if after[:1] in {"-", "‐", "‑"}:
        return None
    match = _ROLE_AFTER_NAME.match(after)
    if match is not None:
        role_end = mention.end + match.end()
        return text[mention.start:role_end], NAME_ROLE_NOUNS[match.group("role").lower()]
    if after[:2] in {"'s", "’s"}:
        return None  # "Tolmar's capital": the owner of a thing
    following = _NEXT_WORD.match(after)
    word = following.group(1) if following is not None else None
    if _DEMONYM_LIKE.search(mention.canonical) and (word is None or word in _COORDINATORS):
        return None  # "Arvenian and Tolmari commanders", "rewarded Arvenian": an adjective
    if word is None or word in _NAME_FOLLOWERS or word.endswith(("ed", "ly")) or word in verb_form_tags():
        return mention.canonical, None
    after_word = _NEXT_WORD.match(after, following.end()) if following is not None else None
    if word.endswith("s") and after_word is not None and after_word.group(1) in _VERB_OBJECT_STARTS:
        return mention.canonical, None  # "Elbonia plans to …", "Arnor wants the …": a verb follows
    return None


def _coreferent_actors(
    article: Article, actors: list[Actor], head: _Head, sentence: Sentence, start: int, end: int, *,
    passive: bool,
) -> list[Actor]:
    """Put names for descriptions and pronouns: "The group later released …" after "The Free Arnor
    Front seized …" has the Front as its source. Unclear cases keep the description as written."""
    text = article.text
    first_sentence = max(0, sentence.index - coref.WINDOW_SENTENCES)
    found: list[tuple[int, str, str]] = []  # (offset, word, role)
    for match in coref.DESCRIPTION.finditer(text, start, end):
        if match.end() <= head.start:
            found.append((match.start(), match.group(1), "target" if passive else "source"))
        elif head.trigger.takes_actor_object and match.start() - head.end <= 25 and match.start() >= head.end:
            found.append((match.start(), match.group(1), "target"))
    pronoun = _subject_pronoun(text, start, head.start)
    if pronoun is not None:
        found.append((pronoun[0], pronoun[1], "target" if passive else "source"))
    if not found:
        return actors
    resolved = list(actors)
    names = {actor.name.lower() for actor in actors}
    for offset, word, role in found:
        mention = coref.antecedent(word, article.mentions, before=offset, first_sentence=first_sentence)
        if mention is None or mention.canonical.lower() in names:
            continue
        description = f"the {word}".lower()
        resolved = [actor for actor in resolved if actor.name.lower() != description]
        resolved.append(Actor(mention.canonical, role, mention_sector(mention), mention.country, mention.title))
        names.add(mention.canonical.lower())
    return resolved


_PRONOUN_GAP = frozenset(
    "also has have had was were is are later again will would could then reportedly not never did "
    "allegedly subsequently".split()
)


def _subject_pronoun(text: str, start: int, head_start: int) -> tuple[int, str] | None:
    """The subject pronoun right before a verb trigger, across auxiliaries ("It also has carried out")."""
    if not _PRONOUN_WORD.search(text[start:head_start]):  # a slice: no look-behind before `start`
        return None  # most segments hold no "it", "he" or "she": one search instead of listing every word
    words = list(_PLAIN_WORD.finditer(text, start, head_start))
    while words and words[-1].group().lower() in _PRONOUN_GAP:
        words.pop()
    if not words or words[-1].group().lower() not in {"it", "he", "she"}:
        return None
    last = words[-1]
    preceding = text[start:last.start()].rstrip()
    if preceding and not preceding.endswith((",", ";", ":")) and not _LINKED_END.search(preceding):
        return None  # "… said it had …" is a clause of its own, not this event's subject
    return last.start(), last.group().lower()


def _premodifies_noun(text: str, mention: Mention, head: _Head) -> bool:
    """An organisation or facility right before a nominal trigger is what was hit, not who hit it:
    "the Garissa University attack", "the embassy bombing"."""
    if not head.is_noun or mention.kind not in {"org", "government"}:
        return False
    gap = text[mention.end:head.start].split()
    return len(gap) <= 2 and all(word.islower() for word in gap)


def _state_name(mention: Mention) -> str:
    from newsevents.extract.gazetteer import country_name

    return (country_name(mention.country) if mention.country else None) or mention.canonical


def _names_an_event(mention: Mention) -> bool:
    """ "the Kenya Bilateral Defense Forum", "the Munich Security Conference": an event, not an actor."""
    last = mention.text.split()[-1].lower() if mention.text.split() else ""
    return any(form.trigger.pos == "noun" for form in word_triggers().get(last, ()))


def _affiliation(text: str, mention: Mention, mentions: list[Mention]) -> bool:
    """A country that only qualifies a person's title ("Kenya's Chief of Defence Forces General X")."""
    if mention.kind == "person":
        return False
    for person in mentions:
        if person.kind == "person" and 0 <= person.start - mention.end <= 80:
            return bool(_TITLE_BRIDGE.match(text[mention.end:person.start]))
    return False


def _inside_other(mention: Mention, mentions: list[Mention]) -> bool:
    return any(
        other is not mention and other.start <= mention.start and mention.end <= other.end
        and (other.end - other.start) > (mention.end - mention.start)
        for other in mentions
    )


def _overlaps_named(text: str, actor: Actor, spans: list[tuple[int, int]], start: int, end: int) -> bool:
    """A role word inside a name ("Somali forces", "Burundian soldiers") is that name, not a new actor."""
    for match in re.finditer(re.escape(actor.name), text[start:end]):
        offset = start + match.start()
        if any(s <= offset < e for s, e in spans):
            return True
    return False


def _role_actors(
    text: str, head: _Head, start: int, end: int, passive: bool, passive_by: int | None
) -> list[Actor]:
    """Unnamed actors described by role ("gunmen", "the militants", "protesters")."""
    actors: list[Actor] = []
    for match in _ROLE_ACTOR_RE.finditer(text, start, end):
        phrase = match.group(1).lower()
        if _is_speaker(text, match.start(), match.end(), start, end):
            continue
        if match.end() <= head.start:
            role = "target" if passive else "source"
        elif passive_by is not None and match.start() >= passive_by:
            if match.start() - passive_by > 5:
                continue
            role = "source"
        elif head.trigger.takes_actor_object:
            role = "target"
        else:
            continue
        name = text[match.start():match.end()].strip()  # the match may be of the lower-cased text
        if any(actor.name.lower() == name.lower() for actor in actors):
            continue
        actors.append(Actor(name, role, ROLE_NOUN_SECTORS[phrase]))
    return actors


def _is_passive(text: str, head: _Head) -> bool:
    """ "were deployed", "was attacked", "had been kidnapped": the subject is what the act befell."""
    if head.is_noun or "VBN" not in head.tags:
        return False
    before = text[max(0, head.start - 24):head.start].lower()
    return bool(_PASSIVE_AUX.search(before))


def _passive_agent_start(text: str, head: _Head, end: int) -> int | None:
    """Offset just after "by" when the agent follows the trigger.

    Nominal triggers take a "by" agent directly ("the abductions were carried out by the militants",
    "an attack by gunmen"); verbs only in the passive ("was attacked by").
    """
    if not head.is_noun and head.trigger.pos != "phrase":
        before = text[max(0, head.start - 20):head.start].lower()
        if not _PASSIVE_AUX_LOOSE.search(before):
            return None
    match = _BY_AGENT.search(text, head.end, min(end, head.end + 80))
    return match.end() if match else None


def _is_speaker(text: str, span_start: int, span_end: int, start: int, end: int) -> bool:
    """Whether a name is who reports the event ("Peru's ombudsman's office said", "according to X").

    The windows are sliced from the article's text lower-cased once (`folded_text`), when it has
    one: the same strings as lower-casing each slice, without a new lower-casing per name."""
    lowered = folded_text(text)
    if lowered is None:
        left = text[max(start, span_start - 25):span_start].lower()
    else:
        left = lowered[max(start, span_start - 25):span_start]
    if _holds_any(left, _SPEAKER_BEFORE_WORDS) and _SPEAKER_BEFORE.search(left):
        return True
    if lowered is None:
        right = text[span_end:min(end, span_end + 60)].lower()
    else:
        right = lowered[span_end:min(end, span_end + 60)]
    return _holds_any(right, _SPEAKER_AFTER_WORDS) and bool(_SPEAKER_AFTER.match(right))


_SPEAKER_BEFORE_WORDS = ("said", "told", "according to", "statement from")
_SPEAKER_AFTER_WORDS = ("said", "says", "told", "added", "stated", "confirmed")
"""Words `_SPEAKER_BEFORE` / `_SPEAKER_AFTER` cannot match without: checking for them first is 10x
cheaper than the patterns, which most names fail."""


def _holds_any(text: str, words: tuple[str, ...]) -> bool:
    return any(word in text for word in words)


def _actor_kind(mention: Mention) -> str:
    return mention_sector(mention)


def _fatalities(text: str, start: int, end: int) -> Fatalities | None:
    claims = [match.fatalities for match in find_fatalities(text[start:end])]
    return merge_fatalities(claims) if claims else None


def _time_for(head: _Head, times: list[TimeExpr], start: int, end: int, text: str) -> TimeExpr | None:
    """The nearest usable time expression of the segment (not a duration, set or "since X" start)."""
    usable = [
        t for t in times
        if t.start >= start and t.end <= end and t.type in {"DATE", "TIME"}
        and t.rule.get("signal") not in _NOT_EVENT_TIME_SIGNALS
        and not _REPORT_TIME.search(text, max(0, t.start - 40), t.start)
    ]
    if head.is_noun and _OBJECT_OF_PREPOSITION.search(text, max(0, head.start - 30), head.start):
        # "protests against the deal in Korsk on Saturday": the time is the protests', not the deal's
        usable = [t for t in usable if t.start < head.start or t.start - head.end <= 4]
    if not usable:
        return None
    return min(usable, key=lambda t: (abs(t.start - head.start), t.value is None))


def _auxiliary(tokens: _TokenList, head: _Head, seg_start: int) -> set[str]:
    """Negation, future and hypothetical cues around the trigger, read from windows of the
    sentence's lower-cased words."""
    lowers = tokens.lowers
    before = lowers[max(seg_start, head.token - 4):head.token]
    clause = lowers[seg_start:head.token]
    after = lowers[head.last_token + 1:head.last_token + 4]
    modes: set[str] = set()
    if not _NEGATORS.isdisjoint(before) or not _DENIAL.isdisjoint(clause):
        modes.add("negation")
    if head.is_noun and before[-1:] == ["without"]:
        modes.add("negation")  # "ended without agreement"
    if "failed" in before or "fail" in before:
        modes.add("negation")
    modals = [] if _MODALS.isdisjoint(before) else [
        tok.lower for tok in tokens[max(seg_start, head.token - 4):head.token]
        if tok.lower in _MODALS and not tok.text[:1].isupper()]  # "Will Young met …" is a name
    reported = "would" in modals and not _SAYING.isdisjoint(lowers[:head.token])
    if any(word in _FUTURE for word in modals) or "next" in before or "upcoming" in before or reported:
        modes.add("future")  # "said her party would hold protests": a plan reported, not a supposition
    elif modals:
        modes.add("hypothetical")
    if "if" in clause or "unless" in clause or "whether" in clause:
        modes.add("hypothetical")
    lead = lowers[max(0, head.token - 2):head.token]  # across the segment start
    if len(lead) == 2 and lead[-1] == "to" and lead[-2] in _INTENT:
        if lead[-2] in _NEGATING_INTENT:
            modes.add("negation")
        else:
            modes.add("hypothetical" if lead[-2] in _HYPOTHETICAL_INTENT else "future")
    noun_phrase = set(clause[-10:])
    if head.is_noun and {"planned", "proposed", "possible", "potential", "next", "upcoming"} & noun_phrase:
        modes.add("future" if {"planned", "next", "upcoming"} & noun_phrase else "hypothetical")
    if after[:2] == ["next", "week"] or after[:1] == ["tomorrow"]:
        modes.add("future")
    return modes


def _is_anaphoric(tokens: list[_Token], head: _Head, actors: list[Actor]) -> bool:
    """True for a mention that refers back to an event already told.

    A weak verb with no subject of its own ("The two sides discussed …") refers back; so does a definite
    noun phrase ("The talks on May 4", "the Forum") unless a proper-noun modifier makes it a new event
    ("the Garissa University attack").
    """
    if (head.trigger.needs_context or head.trigger.consequence) and not any(
            actor.role == "source" for actor in actors):
        return True  # "Seven soldiers were killed": the toll of an attack told before
    if not head.is_noun:
        return False
    window = [tok for tok in tokens[max(0, head.token - 6):head.token]]
    determiner = next((i for i in range(len(window) - 1, -1, -1) if window[i].lower in _DETERMINERS), None)
    if determiner is None or any(tok.lower in {"a", "an"} for tok in window[determiner + 1:]):
        return False
    named_head = tokens[head.token].text[:1].isupper()
    modifiers = window[determiner + 1:]
    return named_head or not any(tok.text[:1].isupper() for tok in modifiers)


def _trim_edges(phrase: str) -> str:
    """`phrase` without leading and trailing whitespace, commas, colons, quotes and hyphens: what
    `_EDGE_PUNCT.sub("", phrase)` gives, without the regex trying its `…+$` at every space."""
    start, end = 0, len(phrase)
    while start < end and (phrase[start] in _EDGE_CHARS or phrase[start].isspace()):
        start += 1
    while end > start and (phrase[end - 1] in _EDGE_CHARS or phrase[end - 1].isspace()):
        end -= 1
    return phrase[start:end]


def _summary(text: str, start: int, end: int, time: TimeExpr | None) -> str:
    summary = text[start:end]
    if time is not None and time.start - start <= 3:
        summary = text[time.end:end]
    summary = _trim_edges(summary)
    summary = _LEADING_LINK.sub("", summary)
    summary = summary[:1].upper() + summary[1:]
    return summary if len(summary) <= 220 else summary[:217].rsplit(" ", 1)[0] + "…"


# --- anaphora and fusion inside the article --------------------------------------------------------


def _resolve_anaphora(candidates: list[_Candidate]) -> list[_Candidate]:
    events: list[_Candidate] = []
    for candidate in candidates:
        antecedent = _antecedent(candidate, events) if candidate.anaphoric else None
        if antecedent is not None:
            _merge_into(antecedent, candidate)
            continue
        if _is_plural_mention(candidate.head) and candidate.anaphoric and len(candidate.actors) < 2:
            continue  # "the attacks" with nothing to refer to; "the talks between Serbia and Kosovo" stay
        if candidate.head.trigger.consequence and candidate.cumulative:
            continue  # a running total is not an event
        if not candidate.actors and candidate.location is None:
            _lend_toll(candidate, events)
            continue  # nothing tells who or where: precision first
        if candidate.head.trigger.needs_context and not candidate.actors:
            continue
        if candidate.head.trigger.type == "CONSULT" and len(candidate.actors) < 2 and not _convened(candidate):
            continue  # a consultation has two sides; one named party is a visit to a place
        events.append(candidate)
    return events


def _lend_toll(candidate: _Candidate, events: list[_Candidate]) -> None:
    """ "…held guests hostage…, officials said, in an attack that killed at least 12 people": a toll
    told with a bare restatement of the event belongs to the event of that sentence."""
    if candidate.fatalities is None:
        return
    for event in reversed(events):
        if event.sentence.index != candidate.sentence.index:
            return
        if event.head.trigger.type == candidate.head.trigger.type and event.fatalities is None:
            event.fatalities = candidate.fatalities
            return


def _convened(candidate: _Candidate) -> bool:
    """A summit of an organisation of states needs no second name ("The African Union will hold a
    summit", "Leaders of the 15 ECOWAS member states met")."""
    return any(actor.kind == "igo" for actor in candidate.actors)


def _fuse_same_event(events: list[_Candidate]) -> list[_Candidate]:
    """Fuse events an article tells twice: same type and mode, the same date, compatible places.

    "Militants attacked the convoy on Saturday …" and, paragraphs later, "the death toll from
    Saturday's ambush rose to 32" are one happening. A date coarser than a day must be backed by
    the same place, since two attacks in "2013" are not one.
    """
    fused: list[_Candidate] = []
    by_date: dict[tuple[str, str], list[_Candidate]] = {}  # only events of one type and date can fuse
    for event in events:
        key = (event.head.trigger.type, event.time.value) if event.time is not None and event.time.value else None
        peers = by_date.get(key, []) if key is not None else []
        target = next((kept for kept in peers if _same_happening(kept, event)), None)
        if target is None:
            fused.append(event)
            if key is not None:
                by_date.setdefault(key, []).append(event)
            continue
        _merge_into(target, event, all_actors=True)
    return fused


def _same_happening(a: _Candidate, b: _Candidate) -> bool:
    if a.head.trigger.type != b.head.trigger.type or ("future" in a.auxiliary) != ("future" in b.auxiliary):
        return False
    modes = (_mode(a.head), _mode(b.head))
    if None not in modes and modes[0] != modes[1]:
        return False
    if a.time is None or b.time is None or not a.time.value or a.time.value != b.time.value:
        return False
    if a.location and b.location and a.location.name != b.location.name:
        return False
    if a.time.precision != "day":
        return bool(a.location and b.location)
    return True


def _antecedent(candidate: _Candidate, events: list[_Candidate]) -> _Candidate | None:
    """The event a reference points back to: the nearest compatible one within `ANAPHORA_WINDOW`
    sentences; a definite noun phrase or a toll ("the attack", "were killed") may reach further back,
    to an event of the same kind anywhere earlier in the article."""
    if candidate.head.trigger.consequence and candidate.cumulative:
        return None  # "an insurgency since 2009 that has killed 40,000": a total, not one event's toll
    reaches_back = candidate.head.is_noun or candidate.head.trigger.consequence
    for event in reversed(events):
        distance = candidate.sentence.index - event.sentences[-1].index
        if distance > ANAPHORA_WINDOW and not (reaches_back and _same_kind_or_unmoded(candidate, event)):
            continue
        if distance == 0 and not candidate.head.trigger.needs_context:
            continue  # a new noun phrase in the same sentence is a new event
        if event.head.trigger.type != candidate.head.trigger.type:
            continue
        if _is_plural_mention(candidate.head) and not _same_kind(candidate.head, event.head):
            continue  # "the attacks" after a port's capture tells of other attacks
        modes = (_mode(candidate.head), _mode(event.head))
        if None not in modes and modes[0] != modes[1]:
            continue  # "the abductions" can refer to a kidnapping; "the attack" to any assault
        if ("future" in candidate.auxiliary) != ("future" in event.auxiliary):
            continue
        if candidate.head.trigger.consequence and event.recalled and distance > 0:
            continue  # a later toll belongs to the news, not to an event recalled in passing
        if candidate.location and event.location and not _places_compatible(candidate.location, event.location):
            continue
        if candidate.time and event.time and candidate.time.value and event.time.value:
            if not values_compatible(candidate.time.value, event.time.value):
                continue
        return event
    return None


def _places_compatible(a: Location, b: Location) -> bool:
    """Same place, or a country and a place inside it ("in Somalia" … "at the Hotel Bariga")."""
    if a.name == b.name:
        return True
    coarse, fine = (a, b) if a.precision == "country" else (b, a)
    return coarse.precision == "country" and fine.country is not None and fine.country == coarse.country


def _same_kind_or_unmoded(candidate: _Candidate, event: _Candidate) -> bool:
    """Far-back references need the same trigger family, or a mode-less trigger ("the attack")."""
    return _same_kind(candidate.head, event.head) or (
        candidate.head.trigger.type == event.head.trigger.type and _mode(candidate.head) is None
        and not event.background_hint and not candidate.background_hint
    )


def _same_kind(a: _Head, b: _Head) -> bool:
    lemmas = {a.trigger.lemma} | {h.trigger.lemma for h in a.absorbed}
    other = {b.trigger.lemma} | {h.trigger.lemma for h in b.absorbed}
    return bool(lemmas & other) or (_mode(a) is not None and _mode(a) == _mode(b))


def _merge_into(event: _Candidate, mention: _Candidate, *, all_actors: bool = False) -> None:
    known = {sentence.index for sentence in event.sentences}
    event.sentences.extend(s for s in mention.sentences if s.index not in known)
    event.sentences.sort(key=lambda sentence: sentence.index)
    names = {actor.name.lower() for actor in event.actors}
    for actor in mention.actors:
        if actor.name.lower() in names:
            continue
        if not all_actors and (actor.role != "source" or not mention.participation):
            continue  # "X confirmed the attack": X reports it; "X attended the talks": X takes part
        role = actor.role if all_actors else ("participant" if event.head.trigger.symmetric else actor.role)
        event.actors.append(Actor(actor.name, role, actor.kind, actor.country, actor.title))
        names.add(actor.name.lower())
    if event.location is None or (mention.location and _more_specific(mention.location, event.location)):
        event.location = mention.location or event.location
    if event.time is None or (event.time.value is None and mention.time is not None):
        event.time = mention.time
    elif mention.time is not None:
        event.extra_times.append(mention.time)
    if mention.fatalities is not None and event.fatalities is None:
        event.fatalities = mention.fatalities  # a later toll adds detail; it does not widen the first


def _more_specific(a: Location, b: Location) -> bool:
    return _PLACE_RANK.get(a.precision, 0) > _PLACE_RANK.get(b.precision, 0)


def _inherit_narrative_time(
    text: str, events: list[_Candidate], times_by_sentence: list[list[TimeExpr]]
) -> None:
    """Give events in a sentence with no time of its own the time of the sentence before.

    That narrative time always tells whether the event is history; it becomes the event's date only
    when the event is not in an "after …"/"before …" clause ("started after the kidnapping of …" puts
    the kidnapping before that time, not at it).
    """
    for event in events:
        if event.time is not None or any(_names_a_day(t) for t in times_by_sentence[event.sentence.index]):
            continue
        previous = event.sentence.index - 1
        if previous < 0:
            continue
        dated = [t for t in times_by_sentence[previous] if _names_a_day(t) and t.value]
        if len(dated) != 1:
            continue
        event.narrative_time = dated[0]
        if not _in_relative_clause(text, event) and not _PERFECT_BEFORE.search(
                text, max(event.sentence.start, event.head.start - 30), event.head.start):
            event.inherited_time = dated[0]


def _names_a_day(time: TimeExpr) -> bool:
    """A date, or a time of day that names its day ("Monday night", "yesterday morning"); a bare
    clock time ("at 9 a.m.") only says when within a day the sentence before already told."""
    return time.type == "DATE" or (time.type == "TIME" and time.rule.get("kind") != "time")


def _in_relative_clause(text: str, event: _Candidate) -> bool:
    return text[event.seg_start:event.seg_end].lstrip().lower().startswith(("after ", "before ", "following "))


# --- records --------------------------------------------------------------------------------------


def _reference_date(article: Article) -> date | None:
    if article.published:
        try:
            return date.fromisoformat(article.published[:10])
        except ValueError:
            return None
    return None


def _latest_stated_year(article: Article) -> int | None:
    years = [
        interval[1].year for t in article.times
        if t.anchor == "absolute" and t.value and (interval := value_interval(t.value)) is not None
    ]
    return max(years) if years else None


@dataclass(frozen=True)
class _Reference:
    """What "now" is for an article: its date, or, undated, the latest year it states (a lower bound)."""

    day: date | None
    latest_year: int | None


def _is_background(candidate: _Candidate, time: TimeExpr | None, reference: _Reference) -> bool:
    if candidate.framed_as_history:
        return True
    if time is None or time.value is None:
        return False
    if reference.day is not None:
        before = days_before(time.value, reference.day)
        return before is not None and before > BACKGROUND_DAYS
    interval = value_interval(time.value)
    return interval is not None and reference.latest_year is not None and interval[1].year < reference.latest_year


def _after_reference(time: TimeExpr | None, reference: date | None) -> bool:
    """A date that starts after the article's own date is a plan or a forecast, not news."""
    if time is None or time.value is None or reference is None:
        return False
    interval = value_interval(time.value)
    return interval is not None and interval[0] > reference


def _future_weekday(time: TimeExpr | None, auxiliary: set[str], reference: date | None) -> TimeExpr | None:
    """ "said they would strike from Monday": a weekday told of a plan is the next one, not the last."""
    if (time is None or "future" not in auxiliary or reference is None or time.anchor != "article"
            or time.rule.get("kind") != "weekday" or time.rule.get("direction") != "past"):
        return time
    ahead = (int(time.rule["weekday"]) - reference.weekday()) % 7 or 7
    day = reference + timedelta(days=ahead)
    return replace(time, value=day.isoformat(), rule={**time.rule, "direction": "future"},
                   basis=f"'{time.text}' after article date {reference.isoformat()} (a plan)")


def _to_event(article: Article, candidate: _Candidate, reference: _Reference) -> Event:
    planned = bool(candidate.auxiliary & {"future", "hypothetical"})
    if candidate.time is not None:
        time = _future_weekday(candidate.time, candidate.auxiliary, reference.day)
    else:  # the sentence before tells when it was said, not when a plan will happen
        time = None if planned else candidate.inherited_time
    background = _is_background(candidate, time or candidate.narrative_time, reference)
    auxiliary = set(candidate.auxiliary)
    if _after_reference(time, reference.day):
        auxiliary.add("future")
    if background:
        auxiliary.add("historical")
    trigger = candidate.head.trigger
    evidence = [
        Evidence(
            article_id=article.article_id, origin=article.origin, outlet=article.outlet,
            published=article.published, background=background,
            sentence=article.text[s.start:s.end], char_start=s.start, char_end=s.end,
        )
        for s in candidate.sentences
    ]
    date_value, precision, basis = _date_fields(candidate, time)
    return Event(
        event_id=_event_id(article.article_id, candidate),
        type=trigger.type, mode=_event_mode(candidate, article.text), cameo=trigger.cameo,
        summary=candidate.summary,
        date=date_value, date_precision=precision, date_basis=basis, background=background,
        actors=candidate.actors, location=candidate.location, fatalities=candidate.fatalities,
        sources=evidence, auxiliary=sorted(auxiliary),
        contexts=event_contexts(trigger.type, " ".join(e.sentence for e in evidence), candidate.actors),
        conflicts=[],
        trigger=article.text[candidate.head.start:candidate.head.end],
    )


def _date_fields(candidate: _Candidate, time: TimeExpr | None) -> tuple[str | None, str, str]:
    if time is None:
        return None, "unknown", "no time expression"
    inherited = time is candidate.inherited_time and time is not candidate.time
    basis = time.basis or f"'{time.text}' as written"
    if inherited:
        basis = f"narrative time of the sentence before: {basis}"
    value, precision = record_date(time.value)
    if value is None:
        return None, "unknown", f"'{time.text}' unresolved: {basis}"
    return value, precision, basis


def _event_id(article_id: str, candidate: _Candidate) -> str:
    key = f"{article_id}:{candidate.sentence.index}:{candidate.head.start}:{candidate.head.trigger.type}"
    return "ev_" + hashlib.sha1(key.encode()).hexdigest()[:16]
