"""Tag people, organisations, armed groups, states, nationalities and places in an article.

The default path uses no statistical model. spaCy's blank tokenizer alone costs ~4 ms on a 600-word
article here, more than this whole stage may, so the rules run on capitalised *chunks* that one
compiled regex finds per sentence ("Chairman of the US Joint Chiefs of Staff General Mark A. Milley",
"al-Shabaab", "U.S. Africa Command"); the rest of the text is only read as context. ~1.2 ms per
600 words once the gazetteers are loaded. A chunk is split at month names and at an "and" between
two names (not inside one: "Bosnia and Herzegovina"), then:

1. trimmed of a leading function word ("The", "Both", or a sentence-initial word the article also
   writes in lower case: "Officials", "Some");
2. read as a *titled person* when it ends in a name run after a title word ("Defence Cabinet
   Secretary Eugene Wamalwa", "Lt. Col. Kenneth L. Hoffman") or follows lower-case role words
   ("defense cabinet secretary Eugene Wamalwa", "KDF boss Gen Robert Kibochi"); the span is the
   name, the title goes to `.title`, an organisation opening the title ("Department of Defense
   Spokesman") or named after "of the" becomes a mention too;
3. otherwise segmented by longest match against the gazetteer (organisations, sites, countries,
   demonyms); leftover runs holding an organisation word become organisations ("Kenya Ministry of
   Defence" → government KE, "Massachusetts National Guard" → military US), a demonym or country
   before "soldiers/troops/forces/police…" becomes a military actor ("Burundian soldiers" → BI);
4. leftover runs wait for the whole article: an acronym ("KDF") resolves to an organisation the
   article defined ("Kenya Defence Forces (KDF)") or whose initials it spells, a surname to a person
   named in full ("Kibochi" → "Robert Kibochi"), and a run in a place context to a place: strongly
   cued ("in El-Adde", "near Maiduguri", "the town of X", "Dadaab refugee camp", "Borno state", the
   dateline) it is kept without coordinates when no gazetteer knows it; weakly cued ("at", "from",
   "struck X") only a gazetteer hit in the article's countries (or a large city) counts. The
   article's main country is the lookup hint. Nothing else is ever looked up as a place, so
   "Eugene" or "Mission" stay names; a two-word name after "said" or before ", who" is a person.

With a trained spaCy pipeline (`nlp` with components), its PERSON/ORG/NORP/GPE/LOC/FAC entities are
added where no rule mention overlaps them. A blank pipeline is not run at all.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from newsevents.extract import gazetteer
from newsevents.extract.gazetteer import NameEntry
from newsevents.extract.sectors import capitals, sector_of_name
from newsevents.model import Article, Mention, MentionKind

if TYPE_CHECKING:
    import spacy

__all__ = ["tag_mentions"]

# ------------------------------------------------------------------------------------ lexicons


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


def _kinds(text: str, kind: MentionKind) -> dict[str, MentionKind]:
    return dict.fromkeys(text.split(), kind)


_STOP = _words(
    """
    the a an this that these those it its he she they we i you his her their our my your there here
    but and or so yet however meanwhile when while as if after before since during although though
    because both some many most all each every any several other another such no not what who why how
    where which whose according also then now still earlier later last next first one two three four
    five six seven eight nine ten dozens hundreds thousands scores millions more less few much only
    even just with without by from in on at for of to into over under about among between against
    through despite instead once unlike like until upon within across around near amid following
    including yesterday today tomorrow tonight please thus hence therefore nevertheless nonetheless
    """
)
_COMMON_STARTERS = _words(
    """
    officials residents witnesses authorities troops soldiers gunmen militants rebels fighters
    insurgents police security sources analysts experts critics reports reporters journalists locals
    villagers survivors families relatives doctors medics aid humanitarian local regional national
    international government military army state video footage images photos attacks fighting
    clashes violence talks negotiations efforts advertisement breaking update related read watch photo
    file caption editor note subscribe share click follow scroll continue asked speaking addressing
    """
)
_MONTHS = _words(
    """
    january february march april may june july august september october november december jan feb
    mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday thursday friday saturday sunday
    """
)
_TITLE_HEADS = _words(
    """
    president vice-president president-elect minister secretary secretary-general undersecretary
    under-secretary chancellor premier king queen prince princess emir amir sheikh sultan pope
    cardinal archbishop bishop imam ayatollah mullah rabbi pastor reverend rev father governor gov
    mayor senator sen representative rep congressman congresswoman lawmaker legislator mp speaker
    ambassador amb envoy commissioner director director-general chairman chairwoman chairperson chair
    chief head leader commander commandant spokesman spokeswoman spokesperson general gen gens
    lieutenant lieut lt colonel col major maj captain capt cpt sergeant sgt corporal cpl private pvt
    admiral adm brigadier brig marshal commodore officer inspector insp superintendent supt constable
    detective judge justice attorney prosecutor dr doctor prof professor mr mrs ms miss mx mme sir
    dame lord lady hon honourable honorable coordinator administrator adviser advisor aide boss
    deputy cs ps dg ceo prefect msgr fr rt messrs
    """
)
_TITLE_MODIFIERS = _words(
    """
    vice prime deputy assistant acting interim former senior principal permanent cabinet defence
    defense foreign interior home finance health justice security information energy agriculture
    education trade transport internal external economic affairs military army police opposition
    rebel joint crown supreme field air rear district county provincial federal executive special
    solicitor high grand commanding presidential ministerial state states public works
    """
)
# Lower-case role nouns that title the name right after them ("defense cabinet secretary Eugene
# Wamalwa", "militant leader X", "analyst X").
_LOWER_TITLE_HEADS = _words(
    """
    president minister secretary chancellor premier king queen prince emir sheikh sultan imam cleric
    governor mayor senator lawmaker legislator mp speaker ambassador envoy commissioner director
    chairman chairwoman chairperson chief head leader commander spokesman spokeswoman spokesperson
    general colonel major captain sergeant admiral brigadier marshal officer inspector judge
    prosecutor lawyer doctor professor coordinator administrator adviser advisor aide boss deputy
    analyst researcher journalist reporter activist resident witness farmer student teacher official
    diplomat negotiator mediator economist pilot survivor photographer correspondent
    """
)
_LOWER_TITLE_MODIFIERS = _TITLE_MODIFIERS | _words(
    "militant rebel group's top local government regional army's police military defence defense"
)
_ORG_HEADS: dict[str, MentionKind] = {
    **_kinds(
        """
        forces force army navy command guard guards brigade battalion battalions regiment corps
        marines gendarmerie police chiefs coastguard rangers levies constabulary commandos
        """,
        "military",
    ),
    **_kinds(
        """
        ministry ministries department dept government administration parliament senate congress
        assembly presidency office bureau agency commission council authority court tribunal embassy
        consulate treasury secretariat directorate service services
        """,
        "government",
    ),
    **_kinds(
        """
        organization organisation association union federation foundation institute institution
        university college school academy hospital bank company corporation corp inc ltd group
        network alliance coalition party committee forum society fund programme program initiative
        centre center trust mission league club
        """,
        "org",
    ),
    **_kinds("front movement brigades militia militias", "group"),
}
_GROUP_MARKERS = _words(
    """
    liberation resistance revolutionary rebel rebels insurgent jihad jihadist mujahideen mujahidin
    martyrs militia militias front movement salafist
    """
)
# Words that belong to institutions, never to a person's name.
_ORG_WORDS = _words(
    """
    national international joint united democratic republic republican federal royal islamic
    popular people's peoples defence defense security affairs development cooperation co-operation
    armed special operations intelligence central staff nations states union bilateral strategic
    relations human rights red cross crescent high transition stabilization stabilisation support
    assistance humanitarian emergency relief general public
    """
)
_NOT_PLACE = _words(
    """
    operation operations project plan act law agreement accord treaty conference summit forum day
    week cup games olympics prize award festival war battle crisis revolution covid ramadan eid
    christmas easter islam christianity arabic english swahili hausa amharic pashto dari urdu hindi
    farsi hebrew kurdish mandarin portuguese tigrinya oromo lingala bambara wolof fulani french
    spanish russian ukrainian turkish somali chinese german italian japanese korean
    """
)
_CONNECTORS = _words(
    """
    of for in on to and the de del della da do dos das du des di la le les los las van von der den bin
    ibn ben y
    """
)
_PLACE_CONNECTORS = _words("in on at to near from into")
_NAME_PARTICLES = _words("bin ibn ben al el de del da do dos das du di la le van von der den")
_ABBREVIATED_TITLES = _words("lt col gen maj capt cpt sgt brig adm dr mr mrs ms mx prof rev hon sen rep gov")
_ROMAN = frozenset({"II", "III", "IV", "V", "VI", "Jr", "Jr.", "Sr", "Sr."})
_NOT_NAME = _STOP | _COMMON_STARTERS | _MONTHS | _TITLE_HEADS | _TITLE_MODIFIERS | _ORG_WORDS | frozenset(
    _ORG_HEADS
) | _words("state county province region district city town village camp")

_STRONG_BEFORE = _words("in near outside into across inside around throughout toward towards within nearby")
# Weak cues only accept a gazetteer hit in the article's countries (or a large city): the objects of
# "struck", "visited" or "from" are often people or organisations.
_WEAK_BEFORE = _words(
    """
    at from to via off between struck strike strikes hit hits shelled shelling bombed bombing attacked
    raided captured seized entered reached visited besieged liberated recaptured stormed targeted
    evacuated fled overran
    """
)
_DIRECTIONS = _words(
    """
    north south east west northern southern eastern western central northeast northwest southeast
    southwest north-east north-west south-east south-west northeastern northwestern southeastern
    southwestern north-eastern north-western south-eastern south-western upper lower greater
    """
)
_SKIP_BEFORE = _words(
    """
    the southern northern eastern western central north south east west northeastern north-eastern
    northwestern north-western southeastern south-eastern southwestern south-western restive
    neighbouring neighboring remote rural
    """
)
_PLACE_NOUNS_OF = _words(
    """
    town city village district region province county state capital outskirts area suburb north south
    east west
    """
)
_ADMIN_AFTER = _words("province region county state governorate oblast prefecture department")
_CITY_AFTER = _words(
    "city town village area border municipality district neighbourhood neighborhood suburb settlement"
)
_SITE_AFTER = _words(
    """
    camp airport port base market mall hotel hospital school mosque church prison barracks bridge
    checkpoint junction road highway stadium compound estate forest river valley hills mountains
    desert island islands coast
    """
)
_SPEECH = re.compile(
    r"\s*,?\s*(?:said|says|told|added|stated|explained|noted|wrote|tweeted|announced|warned|insisted|"
    r"confirmed|denied|argued|according)\b|\s*,\s*(?:who|whose|a|an|the)\s"
)
_SPEECH_BEFORE = re.compile(r"(?:said|says|told|according\s+to|quoted|by)\s+$")

_FORCE_AFTER = re.compile(
    r"[ \t]+(?:(?:government|security|special|national|armed|regular|allied|peacekeeping|elite|naval|"
    r"federal|coalition|border|ground|air|army|military|police|riot|paramilitary|defence|defense|"
    r"intelligence|navy|marine|backed)[ \t]+){0,2}"
    r"(soldiers?|troops?|forces|army|military|police|policemen|policewomen|marines|navy|peacekeepers|"
    r"paratroopers|commandos|gendarmes|servicemen|personnel|units?|militants?|rebels?|insurgents?|"
    r"jihadists?|fighters?|gunmen|separatists?|extremists?|militias?|militiamen|terrorists?|"
    r"government|authorities|officials|ministry|diplomats?|regime|junta|administration|lawmakers)\b"
)
_FORCE_KIND: dict[str, MentionKind] = {
    **_kinds(
        """
        soldier soldiers troop troops forces army military police policemen policewomen marines navy
        peacekeepers paratroopers commandos gendarmes servicemen personnel unit units
        """,
        "military",
    ),
    **_kinds(
        """
        militant militants rebel rebels insurgent insurgents jihadist jihadists fighter fighters
        gunmen separatist separatists extremist extremists militia militias militiamen terrorist
        terrorists
        """,
        "group",
    ),
}

# ------------------------------------------------------------------------------------- regexes

_UP = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u017f"
_TAIL = r"\w*(?:['\u2019](?!s\b)\w+)*"
# Arabic and Romance particles glued to a name: "al-Shabaab", "al Shabaab", "el-Sisi", "d'Ivoire".
_PARTICLE = r"(?:al|el|ad|an|ar|as|ash|at|az|ud|ul|ed|en|wal|d|l)[-'\u2019]"
_CAP_WORD = (
    rf"(?:{_PARTICLE}|(?:al|el)[ ](?=[{_UP}]))?[{_UP}]{_TAIL}"
    rf"(?:[-\u2010][{_UP}\d]{_TAIL})*"
)
_TOKEN = (
    rf"(?:(?:[{_UP}]\.){{2,}}"
    r"|(?:Lt|Col|Gen|Maj|Capt|Cpt|Sgt|Brig|Adm|Cmdr|Cdr|Dr|Mr|Mrs|Ms|Mx|Prof|Rev|Hon|Sen|Rep|Gov|"
    r"Pres|Jr|Sr|St|Ft|Mt|Lieut|Gens|Cpl|Pvt|Insp|Supt|Amb|Dept|Fr|Rt|Messrs|Mme|Msgr)\.(?=\s)"
    rf"|[{_UP}]\.(?=\s)"
    rf"|{_CAP_WORD})"
)
_CONN = "(?:" + "|".join(sorted(_CONNECTORS - {"the"}, key=len, reverse=True)) + ")"
_GAP = r"[ \t\u00a0]+"
_CHUNK = re.compile(
    rf"(?<![\w'\u2019\-.])(?=[{_UP}]|{_PARTICLE}|(?:al|el)[ ][{_UP}])"
    rf"{_TOKEN}(?:(?:(?<=s)['\u2019])?{_GAP}(?:{_CONN}{_GAP}(?:the{_GAP})?)?{_TOKEN})*"
)
_PIECE = re.compile(rf"(?P<proper>{_TOKEN})|(?P<lower>[a-z]+)")
_WORD_BEFORE = re.compile(r"([A-Za-z][\w'\u2019-]*)[^\w]*$")  # the specification of `_word_before`
_LOWER_WORDS_AFTER = re.compile(r"[ \t]+([a-z]+)(?:[ \t]+([a-z]+))?")
_POSSESSOR = re.compile(r"([A-Z][\w.\-]*(?:[ \t][A-Z][\w.\-]*){0,3})['\u2019]s[ \t]+$")
_ACRONYM_DEF = re.compile(r"[ \t]*\([ \t]*([A-Z][A-Z0-9&\-]{1,9})[ \t]*\)")
_POSSESSIVE = re.compile(r"['\u2019]s\b")
_COUNTRY_AFTER = re.compile(r",[ \t]*([A-Z][\w.'\u2019\-]*(?:[ \t][A-Z][\w.'\u2019\-]*){0,3})")
_LOOKBACK = 60

_ORG_KINDS = frozenset({"org", "group", "military", "government"})

# --------------------------------------------------------------------------------- small types


@dataclass(slots=True)
class _Tok:
    text: str
    start: int
    end: int
    proper: bool
    low: str
    norm: str
    entry: NameEntry | None = None
    name: bool = False  # could be part of a person's name

    @property
    def initial(self) -> bool:
        return len(self.text) == 2 and self.text[1] == "." and self.text[0].isupper()


@dataclass(slots=True)
class _Pending:
    """A run of proper tokens that only the rest of the article can classify."""

    toks: list[_Tok]
    sentence: tuple[int, int]
    maybe_person: bool = False  # starts with a country that may be a given name ("Chad Smith")


@dataclass
class _State:
    text: str
    article: Article
    mentions: list[Mention] = field(default_factory=list)
    pending: list[_Pending] = field(default_factory=list)
    acronyms: dict[str, Mention] = field(default_factory=dict)
    chunk_ends: dict[int, tuple[int, Mention | None]] = field(default_factory=dict)
    # title chunks without a name ("US Assistant Secretary of Defense"), by end: start, country and
    # the state mentions they produced, which go if the title turns out to be a person's
    title_chunks: dict[int, tuple[int, str | None, list[Mention]]] = field(default_factory=dict)
    countries: set[str] | None = None  # of the article's states, places and nationalities
    inner_capitals: frozenset[str] | None = None  # capitalised words seen away from a sentence start


_TOKEN_CACHE: dict[str, tuple[str, str, NameEntry | None, bool]] = {}


def _norm(text: str) -> str:
    return _token_info(text)[1]


def _token_info(text: str) -> tuple[str, str, NameEntry | None, bool]:
    """(lower case without a final dot, normalised key, gazetteer entry, name-like) of a proper
    token, cached: the same capitalised words recur across a corpus."""
    info = _TOKEN_CACHE.get(text)
    if info is None:
        if len(_TOKEN_CACHE) > 100_000:
            _TOKEN_CACHE.clear()
        norm = gazetteer.normalise_name(text)
        entry = None
        compact = text.replace(".", "")
        if len(compact) >= 2 and compact.isupper():
            entry = gazetteer.acronym_entry(compact)
        if entry is None:
            entry = gazetteer.name_entry(norm[4:] if norm.startswith("the ") else norm)
        low = text.lower().rstrip(".")
        info = _TOKEN_CACHE[text] = (low, norm, entry, _name_like(text, low, entry))
    return info


def _name_like(text: str, low: str, entry: NameEntry | None) -> bool:
    """Whether a proper token can be part of a person's name (initials and "III" included)."""
    if len(text) == 2 and text[1] == "." and text[0].isupper():
        return True
    if text in _ROMAN:
        return True
    if text.isupper() and len(text) > 1 or low in _NOT_NAME or entry is not None:
        return False
    return not any(char.isdigit() for char in text)


def _entry_for(toks: list[_Tok]) -> NameEntry | None:
    if len(toks) == 1:
        return toks[0].entry
    key = " ".join(tok.norm for tok in toks)
    return gazetteer.name_entry(key[4:] if key.startswith("the ") else key)


# ------------------------------------------------------------------------------------ the stage


def tag_mentions(article: Article, *, nlp: spacy.Language | None = None) -> Article:
    """Fill `article.mentions` (sorted by start) from `article.text` and `article.sentences`.

    Spans are character offsets into `article.text`; each mention gets the index of the sentence
    holding it (-1 when the article has no sentences). Without sentences the whole text is read as
    one sentence per line.
    """
    gazetteer.load_all()  # once per process (~0.45 s): the first article pays, not a random later one
    text = article.text
    state = _State(text, article)
    if text.strip():
        for bounds in _sentence_bounds(article):
            _tag_sentence(state, bounds)
        _resolve_pending(state)
        _unify(state)
        if nlp is not None and nlp.pipe_names:
            _merge_entities(state, nlp)
    mentions = _dedupe(state.mentions)
    starts = [sentence.start for sentence in article.sentences]
    for mention in mentions:
        index = bisect_right(starts, mention.start) - 1
        mention.sentence = article.sentences[index].index if index >= 0 else -1
    article.mentions = mentions
    return article


def _sentence_bounds(article: Article) -> list[tuple[int, int]]:
    if article.sentences:
        return [(sentence.start, sentence.end) for sentence in article.sentences]
    bounds = []
    position = 0
    for line in article.text.split("\n"):
        bounds.append((position, position + len(line)))
        position += len(line) + 1
    return bounds


def _tag_sentence(state: _State, bounds: tuple[int, int]) -> None:
    text = state.text
    first_word = bounds[0]
    while first_word < bounds[1] and not (text[first_word].isalnum()):
        first_word += 1
    for match in _CHUNK.finditer(text, bounds[0], bounds[1]):
        toks = _chunk_tokens(match)
        if len(toks) == 1 and toks[0].entry is not None and _single_entry(state, toks[0], bounds):
            continue
        for part in _split_chunk(toks):
            _classify(state, part, bounds, part[0].start == first_word)


_CHUNK_CACHE: dict[str, list[tuple[int, int, str, bool, str, str, NameEntry | None, bool]]] = {}


def _chunk_tokens(match: re.Match[str]) -> list[_Tok]:
    """The tokens of a chunk; their analysis is cached by chunk text (names recur across a corpus)."""
    chunk = match.group()
    base = match.start()
    pieces = _CHUNK_CACHE.get(chunk)
    if pieces is None:
        if len(_CHUNK_CACHE) > 50_000:
            _CHUNK_CACHE.clear()
        pieces = []
        for piece in _PIECE.finditer(chunk + " "):  # the space: "A." and "Lt." end with one
            text = piece.group()
            if piece.lastgroup == "proper":
                low, norm, entry, name = _token_info(text)
                pieces.append((piece.start(), piece.end(), text, True, low, norm, entry, name))
            else:
                pieces.append((piece.start(), piece.end(), text, False, text, text, None, False))
        _CHUNK_CACHE[chunk] = pieces
    return [
        _Tok(text, base + start, base + end, proper, low, norm, entry, name)
        for start, end, text, proper, low, norm, entry, name in pieces
    ]


def _single_entry(state: _State, tok: _Tok, bounds: tuple[int, int]) -> bool:
    """Fast path for the commonest chunk, one gazetteer word ("Kenya", "KDF", "al-Shabaab"); False
    when it may start something longer (an organisation alias with lower-case words after it)."""
    entry = tok.entry
    assert entry is not None
    if tok.norm in gazetteer.name_prefixes():
        return False
    mention = _entry_mention(state, [tok], entry, bounds)
    if mention is not None:
        state.mentions.append(mention)
        _register_acronym(state, mention)
    state.chunk_ends[tok.end] = (tok.start, mention)
    return True


def _split_chunk(toks: list[_Tok]) -> list[list[_Tok]]:
    """Split a chunk at month and weekday names and at "and" between two names (not inside one:
    "Bosnia and Herzegovina", "Ministry of Foreign Affairs and International Cooperation"); trim
    connectors from both ends of each part."""
    if toks[-1].proper and not any(tok.low in _MONTHS or tok.low == "and" for tok in toks):
        return [toks]
    parts: list[list[_Tok]] = []
    current: list[_Tok] = []
    for index, tok in enumerate(toks):
        if tok.proper and tok.low in _MONTHS and tok.entry is None:
            parts.append(current)
            current = []
        elif not tok.proper and tok.low == "and" and not _and_inside_name(current, toks, index):
            parts.append(current)
            current = []
        else:
            current.append(tok)
    parts.append(current)
    trimmed = []
    for part in parts:
        while part and not part[0].proper:
            part = part[1:]
        while part and not part[-1].proper:
            part = part[:-1]
        if part:
            trimmed.append(part)
    return trimmed


def _and_inside_name(before: list[_Tok], toks: list[_Tok], index: int) -> bool:
    """Whether the "and" at `toks[index]` belongs to one name: a gazetteer name spans it, or an
    organisation continues with words that are neither names of their own nor titles."""
    prefixes = gazetteer.name_prefixes()
    for start in range(max(0, index - 6), index):
        key = toks[start].norm
        j = start + 1
        while j < len(toks) and key in prefixes:
            key = f"{key} {toks[j].norm}"
            j += 1
            if j > index + 1 and toks[j - 1].proper and gazetteer.name_entry(key) is not None:
                return True
    after: list[_Tok] = []
    for tok in toks[index + 1:]:
        if not tok.proper and tok.low == "and":
            break
        after.append(tok)
    if not before or _org_kind(before) is None or not after:
        return False
    return not any(
        tok.entry is not None or tok.low in _ORG_HEADS or tok.low in _TITLE_HEADS
        or tok.name and tok.low not in _ORG_WORDS
        for tok in after if tok.proper
    )


# ------------------------------------------------------------------------------- classification


def _classify(state: _State, toks: list[_Tok], bounds: tuple[int, int], initial: bool) -> None:
    toks = _drop_leading(state, toks, initial)
    if not toks:
        return
    toks = _extend_lowercase_alias(state, toks, bounds)
    split = _person_place_split(toks)
    if split is not None:
        _classify(state, toks[:split], bounds, initial)
        _classify(state, toks[split + 1:], bounds, False)
        return
    if _titled_person(state, toks, bounds):
        return
    mentions = _segments(state, toks, bounds, in_title=False)
    if _is_title_like(toks) and all(m.kind in {"state", "nationality"} for m in mentions):
        state.title_chunks[toks[-1].end] = (toks[0].start, _country_in(toks), mentions)
    state.chunk_ends[toks[-1].end] = (toks[0].start, mentions[-1] if mentions else None)


def _person_place_split(toks: list[_Tok]) -> int | None:
    """Index of the "in"/"at"/… that ends a titled name inside one chunk ("President Assimi Goita in
    Bamako"), so that the person and the place are read apart; None when there is none."""
    for index, tok in enumerate(toks[1:-1], start=1):
        if tok.proper or tok.low not in _PLACE_CONNECTORS or not toks[index - 1].name:
            continue
        if any(earlier.low in _TITLE_HEADS for earlier in toks[:index - 1]):
            return index
    return None


def _drop_leading(state: _State, toks: list[_Tok], initial: bool) -> list[_Tok]:
    """Drop "The", "Both" and, at a sentence start, a common word the article writes in lower case."""
    first = True
    while toks:
        tok = toks[0]
        titlecase = tok.text[:1].isupper() and not tok.text.isupper()
        if tok.entry is not None or not (titlecase or tok.text == "I"):
            break
        if tok.low in _STOP:
            toks = toks[1:]
        elif first and initial and _common_word(state, tok):
            toks = toks[1:]
        else:
            break
        first = False
        while toks and not toks[0].proper:
            toks = toks[1:]
    return toks


def _common_word(state: _State, tok: _Tok) -> bool:
    low = tok.low
    if low in _COMMON_STARTERS:
        return True
    if low in _TITLE_HEADS or low in _TITLE_MODIFIERS or low in _ORG_HEADS or low in _ORG_WORDS:
        return False
    text = state.text
    return f" {low} " in text or f" {low}," in text or f" {low}." in text


def _extend_lowercase_alias(state: _State, toks: list[_Tok], bounds: tuple[int, int]) -> list[_Tok]:
    """Take in lower-case words that complete a gazetteer organisation ("African union")."""
    if len(toks) > 3:
        return toks
    base = " ".join(tok.norm for tok in toks)
    if base not in gazetteer.name_prefixes():
        return toks
    match = _LOWER_WORDS_AFTER.match(state.text, toks[-1].end, bounds[1])
    if match is None:
        return toks
    for group in (2, 1):
        if match.group(group) is None:
            continue
        end = match.end(group)
        key = " ".join([base, *state.text[toks[-1].end:end].split()])
        entry = gazetteer.name_entry(key)
        if entry is not None and entry.kind == "organisation":
            return [_Tok(state.text[toks[0].start:end], toks[0].start, end, True, key, key, entry)]
    return toks


# ---------------------------------------------------------------------------------------- people


def _name_start(toks: list[_Tok]) -> int:
    """Index where the trailing name run of `toks` starts (len(toks) when there is none)."""
    k = len(toks)
    while k > 0:
        tok = toks[k - 1]
        if tok.name:
            k -= 1
            continue
        inner = k < len(toks) and k >= 2 and toks[k - 2].name
        if inner and (tok.low in _NAME_PARTICLES or tok.low == "sheikh"):
            k -= 1
            continue
        break
    while k < len(toks) and (toks[k].low in _NAME_PARTICLES or not toks[k].proper):
        k += 1
    return k


def _valid_name(name: list[_Tok]) -> bool:
    core = [tok for tok in name if tok.proper and not tok.initial and tok.low not in _NAME_PARTICLES]
    return 1 <= len(core) <= 4 and not name[-1].initial


def _titled_person(state: _State, toks: list[_Tok], bounds: tuple[int, int]) -> bool:
    if not toks[-1].name:
        return False
    k = _name_start(toks)
    name = toks[k:]
    if not name or not _valid_name(name) or _entry_for(name) is not None:
        return False
    lower_start = _lower_title_start(state, toks[0].start, bounds)
    title_toks = toks[:k]
    if title_toks and not title_toks[-1].proper and title_toks[-1].low in _PLACE_CONNECTORS:
        return False  # "President Assimi Goita in Bamako": a person, then a place, not a title
    if title_toks:
        if not any(tok.low in _TITLE_HEADS for tok in title_toks):
            return False
        title_start = lower_start if lower_start is not None else title_toks[0].start
    elif lower_start is not None:
        title_start = lower_start
    else:
        return False
    title_start, country = _extend_title(state, title_start, bounds)
    title = state.text[title_start:name[0].start].strip(" \t,") or None
    country = _title_orgs(state, title_toks, bounds) or country
    country = country or _possessor_country(state, title_start, bounds)
    canonical = _span_text(state, name)
    state.mentions.append(
        Mention(state.text[name[0].start:name[-1].end], name[0].start, name[-1].end, "person", canonical,
                country=country, title=title)
    )
    return True


def _lower_title_start(state: _State, position: int, bounds: tuple[int, int]) -> int | None:
    """Start of lower-case role words right before `position` ("defense cabinet secretary "), or None."""
    text = state.text
    start = None
    cursor = position
    first = True
    while cursor > bounds[0]:
        gap = cursor  # stop at the chunk before: it is the title's owner, not a role word
        while gap > bounds[0] and text[gap - 1] in " \t":
            gap -= 1
        if gap in state.chunk_ends:
            break
        found = _word_before(text, max(bounds[0], cursor - 40), cursor)
        if found is None:
            break
        word = text[found[0]:found[1]]
        if not word.islower():  # only a sentence's capitalised first word: "Army spokesman X"
            if first or text[bounds[0]:found[0]].strip("\"'\u201c\u2018( \t") or not word.istitle():
                break
            word = word.lower()
        if first and word not in _LOWER_TITLE_HEADS:
            break
        if not first and word not in _LOWER_TITLE_HEADS and word not in _LOWER_TITLE_MODIFIERS:
            break
        start = found[0]
        cursor = start
        first = False
    return start


def _word_before(text: str, floor: int, end: int) -> tuple[int, int] | None:
    """(start, end) of the word `_WORD_BEFORE.search(text, floor, end)` captures: the last word
    before `end`, from its first ASCII letter, with any quotes or hyphens glued to its end.

    Found by scanning back from `end`, since the pattern, tried at every position of the window,
    cost more than the rest of the title search: skip the non-word tail, then the run of word
    characters, quotes and hyphens before it; the word starts at that run's first ASCII letter.
    """
    tail = end
    while tail > floor and not _is_word_char(text[tail - 1]):
        tail -= 1
    run = tail
    while run > floor and (_is_word_char(text[run - 1]) or text[run - 1] in _GLUE):
        run -= 1
    start = next((i for i in range(run, tail) if "A" <= text[i] <= "Z" or "a" <= text[i] <= "z"), None)
    if start is None:
        return None
    stop = tail
    while stop < end and text[stop] in _GLUE:
        stop += 1
    return start, stop


_GLUE = frozenset("'\u2019-")


def _is_word_char(char: str) -> bool:
    """`re`'s `\\w` for one character."""
    return char.isalnum() or char == "_"


def _extend_title(state: _State, title_start: int, bounds: tuple[int, int]) -> tuple[int, str | None]:
    """Reach back to a title chunk before a comma ("Assistant Secretary …, Dr X") or to the chunk
    right before lower-case role words ("Kenya Defence Forces boss Gen X"); return its country."""
    text = state.text
    gap_start = title_start
    while gap_start > bounds[0] and text[gap_start - 1] in " \t":
        gap_start -= 1
    if gap_start > bounds[0] and text[gap_start - 1] == ",":
        end = gap_start - 1
        if end in state.title_chunks:
            start, country, inside = state.title_chunks.pop(end)
            for mention in inside:
                state.mentions.remove(mention)
            return start, country
        return title_start, None
    previous = state.chunk_ends.get(gap_start)
    if previous is not None and previous[1] is not None and previous[1].kind != "person":
        if text[title_start:title_start + 1].islower():
            return previous[0], previous[1].country
    return title_start, None


def _title_orgs(state: _State, title: list[_Tok], bounds: tuple[int, int]) -> str | None:
    """Emit the organisation a title opens with ("Department of Defense Spokesman") or names after
    "of the" ("Chairman of the US Joint Chiefs of Staff General"); return the title's country."""
    if not title:
        return None
    candidates: list[list[_Tok]] = []
    head = next((i for i, tok in enumerate(title) if tok.low in _TITLE_HEADS), len(title))
    if head > 0:
        candidates.append(title[:head])
    for i in range(1, len(title) - 1):
        if title[i].low == "the" and title[i - 1].low == "of":
            candidates.append(title[i + 1:])
            break
    country = None
    for candidate in candidates:
        while candidate and (not candidate[-1].proper or candidate[-1].low in _TITLE_HEADS):
            candidate = candidate[:-1]
        if not candidate:
            continue
        for mention in _segments(state, candidate, bounds, in_title=True):
            country = country or mention.country
    return country or _country_in(title)


def _country_in(toks: list[_Tok]) -> str | None:
    """The first country or demonym named in a title ("United States Assistant Secretary…")."""
    for seg in _segment_tokens(toks):
        if seg.entry is not None and seg.entry.kind in {"country", "demonym"}:
            return seg.entry.country
    return None


def _possessor_country(state: _State, position: int, bounds: tuple[int, int]) -> str | None:
    """The country of "Kenya's" (or "KDF's") right before `position`."""
    match = _POSSESSOR.search(state.text, max(bounds[0], position - _LOOKBACK), position)
    if match is None:
        return None
    name = match.group(1)
    acronym = name.replace(".", "")
    entry = gazetteer.acronym_entry(acronym) if acronym.isupper() else None
    entry = entry or gazetteer.name_entry(_strip_the(_norm(name)))
    if entry is not None:
        return entry.country
    known = state.acronyms.get(acronym)
    return known.country if known else None


def _is_title_like(toks: list[_Tok]) -> bool:
    return any(tok.low in _TITLE_HEADS for tok in toks) and not any(tok.low in _ORG_HEADS for tok in toks)


# ------------------------------------------------------------------------------------ segments


@dataclass(slots=True)
class _Seg:
    i: int
    j: int
    entry: NameEntry | None


def _segment_tokens(toks: list[_Tok]) -> list[_Seg]:
    """Longest gazetteer matches left to right; unmatched proper runs become entry-less segments."""
    segs: list[_Seg] = []
    prefixes = gazetteer.name_prefixes()
    n = len(toks)
    i = 0
    run_start = None
    while i < n:
        tok = toks[i]
        match = _Seg(i, i + 1, tok.entry) if tok.entry is not None else None
        if tok.proper:
            key = tok.norm
            j = i + 1
            while j < n and key in prefixes:
                key = f"{key} {toks[j].norm}"
                j += 1
                if toks[j - 1].proper:
                    entry = gazetteer.name_entry(key)
                    if entry is not None:
                        match = _Seg(i, j, entry)
        if match is None:
            if run_start is None and tok.proper:
                run_start = i
            i += 1
            continue
        if run_start is not None:
            segs.append(_Seg(run_start, i, None))
            run_start = None
        segs.append(match)
        i = match.j
    if run_start is not None:
        segs.append(_Seg(run_start, n, None))
    for seg in segs:
        while seg.j > seg.i and not toks[seg.j - 1].proper:
            seg.j -= 1
    return [seg for seg in segs if seg.j > seg.i]


def _segments(state: _State, toks: list[_Tok], bounds: tuple[int, int], *, in_title: bool) -> list[Mention]:
    """Turn a chunk (or the organisation part of a title) into mentions; queue what stays unknown."""
    segs = _segment_tokens(toks)
    queue = not in_title and not _is_title_like(toks)
    emitted: list[Mention] = []
    index = 0
    while index < len(segs):
        mention, used = _segment_mention(state, toks, segs, index, bounds, queue=queue)
        index += used
        if mention is None or in_title and mention.kind not in _ORG_KINDS:
            continue
        state.mentions.append(mention)
        emitted.append(mention)
        _register_acronym(state, mention)
    return emitted


def _segment_mention(
    state: _State, toks: list[_Tok], segs: list[_Seg], index: int, bounds: tuple[int, int], *, queue: bool
) -> tuple[Mention | None, int]:
    """The mention segment `index` starts and how many segments it uses."""
    seg = segs[index]
    following = segs[index + 1] if index + 1 < len(segs) else None
    if seg.entry is not None:
        if (seg.entry.kind == "country" and following is not None and following.entry is None
                and following.i == seg.j and following.j - following.i <= 2
                and all(tok.name for tok in toks[following.i:following.j])):
            if queue:  # "Chad Smith", "Jordan Peterson": a person, not a country
                state.pending.append(_Pending(toks[seg.i:following.j], bounds, maybe_person=True))
            return None, 2
        if (seg.entry.kind in {"country", "demonym", "organisation"} and following is not None
                and following.entry is None and following.i == seg.j
                and _org_kind(toks[following.i:following.j]) is not None):
            end, used, country = _org_tail(toks, segs, index + 1)
            prefix = (seg.entry, seg.j - seg.i)
            return _org_mention(state, toks[seg.i:end], bounds, prefix=prefix, country=country), used + 1
        return _entry_mention(state, toks[seg.i:seg.j], seg.entry, bounds), 1
    run = toks[seg.i:seg.j]
    if _org_kind(run) is not None:
        cut = _org_cut(run)
        if cut is not None:  # "Cabinet Committee on Security in New Delhi"
            if queue:
                state.pending.append(_Pending(run[cut + 1:], bounds))
            return _org_mention(state, run[:cut], bounds, prefix=None), 1
        end, used, country = _org_tail(toks, segs, index)
        return _org_mention(state, toks[seg.i:end], bounds, prefix=None, country=country), used
    if (following is not None and following.i == seg.j and following.entry is not None
            and following.entry.kind in {"country", "site"}):
        if all(tok.low in _DIRECTIONS for tok in run):  # "Northern Nigeria": the country will do
            return None, 1
        if queue:  # "Lake Chad", "Mount Kenya": one name that merely contains a country's
            state.pending.append(_Pending(toks[seg.i:following.j], bounds))
        return None, 2
    defined = _defined_acronym_org(state, run)
    if defined is not None:
        return defined, 1
    if queue:
        for part in _split_run(run):
            state.pending.append(_Pending(part, bounds))
    return None, 1


_IN_NAME_HEADS = _words("mission missions force office embassy consulate operation delegation command")


def _org_cut(run: list[_Tok]) -> int | None:
    """Index of an "in" that ends an organisation's name and starts a place ("Committee on Security
    in New Delhi"), or None; UN-style "Mission in Somalia", "Embassy in Kenya" keep theirs."""
    for index, tok in enumerate(run):
        if not tok.proper and tok.low == "in" and 0 < index < len(run) - 1:
            head = next((t for t in reversed(run[:index]) if t.proper), None)
            if head is not None and head.low not in _IN_NAME_HEADS and _org_kind(run[:index]) is not None:
                return index
    return None


def _org_tail(toks: list[_Tok], segs: list[_Seg], index: int) -> tuple[int, int, str | None]:
    """Extend the organisation run `segs[index]` over "of <country>" ("Armed Forces of Ukraine"):
    return its end token, the segments used and the country."""
    seg = segs[index]
    following = segs[index + 1] if index + 1 < len(segs) else None
    if following is not None and following.entry is not None and following.entry.kind == "country":
        between = [tok.low for tok in toks[seg.j:following.i]]
        if between in (["of"], ["of", "the"]):
            return following.j, 2, following.entry.country
    return seg.j, 1, None


def _split_run(run: list[_Tok]) -> list[list[_Tok]]:
    """Split an unknown run at "in", "on", "to", "for": "Novomykhailivka in the Donetsk" is two names."""
    parts: list[list[_Tok]] = [[]]
    for tok in run:
        if not tok.proper and tok.low in {"in", "on", "to", "for"}:
            parts.append([])
        else:
            parts[-1].append(tok)
    out = []
    for part in parts:
        while part and not part[0].proper:
            part = part[1:]
        while part and not part[-1].proper:
            part = part[:-1]
        if part:
            out.append(part)
    return out


def _defined_acronym_org(state: _State, run: list[_Tok]) -> Mention | None:
    """An organisation without an organisation word, known by the acronym after it that spells its
    initials: "Inter-Services Public Relations (ISPR)"."""
    match = _ACRONYM_DEF.match(state.text, run[-1].end)
    if match is None or len(run) < 2:
        return None
    words = [word for tok in run if tok.proper for word in re.split(r"[-\u2010]", tok.text) if word]
    if "".join(word[0] for word in words).upper() != match.group(1).replace("-", ""):
        return None
    start, end = run[0].start, run[-1].end
    return Mention(state.text[start:end], start, end, "org", _span_text(state, run))


def _org_kind(run: list[_Tok]) -> MentionKind | None:
    """The kind an organisation word gives a run ("Ministry of Defence" → government), or None."""
    heads = [tok for tok in run if tok.proper and tok.low in _ORG_HEADS and not tok.text.isupper()]
    if not heads or run[0].low in _TITLE_HEADS and run[0].low not in _ORG_HEADS:
        return None
    if any(tok.low == "police" for tok in run):
        return "military"
    if any(tok.low in _GROUP_MARKERS for tok in run):
        return "group"
    return _ORG_HEADS[heads[0].low]


def _org_mention(
    state: _State, toks: list[_Tok], bounds: tuple[int, int], *,
    prefix: tuple[NameEntry, int] | None, country: str | None = None,
) -> Mention | None:
    """An organisation from an organisation-word run, with the country or group (and its token
    count) before it, or the `country` its "of <country>" tail names."""
    tail_country = country
    while toks and (toks[-1].low in _TITLE_HEADS and toks[-1].low not in _ORG_HEADS or not toks[-1].proper):
        toks = toks[:-1]
    prefix_entry, prefix_size = prefix if prefix is not None else (None, 0)
    body = toks[prefix_size:]
    if not body:
        return None
    kind = _org_kind(body)
    if kind is None:
        return None
    substantive = [tok for tok in body if tok.proper and tok.low not in _ORG_HEADS]
    if not substantive and prefix is None:
        return None
    table = _entry_for(toks)
    if table is not None and table.kind == "organisation" and table.organisation is not None:
        org = table.organisation
        start, end = toks[0].start, toks[-1].end
        return Mention(state.text[start:end], start, end, org.kind, org.canonical, country=org.country)
    country = prefix_entry.country if prefix_entry is not None else tail_country
    if prefix_entry is not None and prefix_entry.kind == "country" and country is not None:
        written = _span_text(state, toks[:prefix_size])
        canonical = " ".join([_country_prefix(written, country), _span_text(state, body)])
    else:
        canonical = _span_text(state, toks)
    if prefix_entry is not None and prefix_entry.organisation is not None and kind == "org":
        kind = prefix_entry.organisation.kind
    country = country or _possessor_country(state, toks[0].start, bounds) or _leading_place_country(toks)
    if kind == "group" and prefix_entry is not None and prefix_entry.kind in {"country", "demonym"}:
        kind = "military"
    start, end = toks[0].start, toks[-1].end
    return Mention(state.text[start:end], start, end, kind, canonical, country=country)


def _country_prefix(text: str, country: str) -> str:
    """How an organisation's country prefix is written in its canonical name ("U.S." → "US")."""
    if country == "US":
        return "US"
    if country == "GB" and text.replace(".", "").upper() in {"UK", "UNITED KINGDOM"}:
        return "UK"
    return text


def _leading_place_country(toks: list[_Tok]) -> str | None:
    """Country of an organisation named after its place ("Massachusetts National Guard", "Garissa
    University"): a subdivision, site or town of 50,000+ people, looked up only here."""
    lead: list[_Tok] = []
    for tok in toks:
        if tok.low in _ORG_HEADS or tok.low in _ORG_WORDS or not tok.proper:
            break
        lead.append(tok)
    if not lead or len(lead) > 3:
        return None
    place = gazetteer.lookup_place(" ".join(tok.text for tok in lead))
    if place is None or place.precision == "city" and place.population < 50_000:
        return None
    return place.country


def _entry_mention(
    state: _State, toks: list[_Tok], entry: NameEntry, bounds: tuple[int, int]
) -> Mention | None:
    start, end = toks[0].start, toks[-1].end
    text = state.text[start:end]
    if entry.kind == "organisation" and entry.organisation is not None:
        return Mention(text, start, end, entry.organisation.kind, entry.canonical, country=entry.country)
    if entry.kind in {"demonym", "country"}:
        force = _FORCE_AFTER.match(state.text, end, bounds[1])
        if force is not None:
            noun = force.group(1)
            kind = _FORCE_KIND.get(noun, "government")
            phrase_end = force.end()
            phrase = state.text[start:phrase_end]
            canonical = " ".join(phrase.split())
            if entry.kind == "demonym":
                canonical = " ".join([entry.canonical, *state.text[end:phrase_end].split()])
            return Mention(phrase, start, phrase_end, kind, canonical, country=entry.country)
    if entry.kind == "demonym":
        return Mention(text, start, end, "nationality", entry.canonical, country=entry.country)
    place = entry.place
    if place is None:
        return None
    kind: MentionKind = "state" if entry.kind == "country" else "place"
    return Mention(text, start, end, kind, place.name, country=place.country, admin1=place.admin1,
                   lat=place.lat, lon=place.lon, precision=place.precision)


def _register_acronym(state: _State, mention: Mention) -> None:
    if mention.kind not in _ORG_KINDS:
        return
    match = _ACRONYM_DEF.match(state.text, mention.end)
    if match is not None:
        state.acronyms.setdefault(match.group(1), mention)


def _span_text(state: _State, toks: list[_Tok]) -> str:
    return " ".join(state.text[toks[0].start:toks[-1].end].split())


def _strip_the(key: str) -> str:
    return key[4:] if key.startswith("the ") else key


# ------------------------------------------------------------------------------ pending runs


def _resolve_pending(state: _State) -> None:
    if not state.pending:
        return
    persons = _known_persons(state)
    initials: dict[str, Mention] | None = None
    hint = _article_country(state)
    for item in state.pending:
        if initials is None and _acronym(item) is not None:
            initials = _initials_map(state)
        mention = (
            _acronym_mention(state, item, initials or {})
            or _known_person_mention(state, item, persons)
            or _place_mention(state, item, hint)
            or _speaker_mention(state, item)
            or _unknown_name_mention(state, item)
        )
        if mention is not None:
            state.mentions.append(mention)


def _acronym(item: _Pending) -> str | None:
    if len(item.toks) != 1:
        return None
    acronym = item.toks[0].text.replace(".", "")
    return acronym if len(acronym) >= 2 and acronym.isupper() and acronym.isalnum() else None


def _acronym_mention(state: _State, item: _Pending, initials: dict[str, Mention]) -> Mention | None:
    acronym = _acronym(item)
    if acronym is None:
        return None
    tok = item.toks[0]
    source = state.acronyms.get(acronym) or initials.get(acronym)
    if source is None:
        return None
    return Mention(tok.text, tok.start, tok.end, source.kind, source.canonical, country=source.country)


def _initials_map(state: _State) -> dict[str, Mention]:
    """Acronym → organisation of the article whose words spell it (with or without "of", "the")."""
    found: dict[str, Mention | None] = {}
    for mention in state.mentions:
        if mention.kind not in _ORG_KINDS:
            continue
        words = [word for word in re.split(r"[\s\-]+", mention.canonical) if word[:1].isalpha()]
        content = [word for word in words if word.lower() not in _CONNECTORS]
        for letters in {"".join(w[0] for w in words).upper(), "".join(w[0] for w in content).upper()}:
            if len(letters) < 2:
                continue
            previous = found.get(letters, mention)
            same = previous is not None and previous.canonical == mention.canonical
            found[letters] = mention if same else None  # two organisations spell it: neither
    return {key: value for key, value in found.items() if value is not None}


def _known_persons(state: _State) -> dict[str, str]:
    """Full name and surname → canonical name of the people the article names in full."""
    surnames: dict[str, set[str]] = {}
    known: dict[str, str] = {}
    for mention in state.mentions:
        if mention.kind != "person":
            continue
        known[_norm(mention.canonical)] = mention.canonical
        parts = [part for part in mention.canonical.split() if not (len(part) == 2 and part.endswith("."))]
        if len(parts) >= 2:
            surnames.setdefault(_norm(parts[-1]), set()).add(mention.canonical)
    for surname, names in surnames.items():
        if len(names) == 1 and surname not in known:
            known[surname] = next(iter(names))
    return known


def _known_person_mention(state: _State, item: _Pending, persons: dict[str, str]) -> Mention | None:
    if not all(tok.name for tok in item.toks):
        return None
    key = " ".join(tok.norm for tok in item.toks)
    canonical = persons.get(key)
    if canonical is None:
        return None
    start, end = item.toks[0].start, item.toks[-1].end
    return Mention(state.text[start:end], start, end, "person", canonical)


def _article_country(state: _State) -> str | None:
    """The country the article's dateline, or its states, places and national forces, name most: the
    hint for place lookups."""
    dateline = state.article.dateline
    if dateline is not None and dateline.country:
        code = gazetteer.country_code(dateline.country) or (
            dateline.country.upper() if len(dateline.country) == 2 else None)
        if code:
            return code
    counts: dict[str, int] = {}
    for mention in state.mentions:
        if mention.country and mention.kind in {"state", "place", "nationality", "military", "government"}:
            counts[mention.country] = counts.get(mention.country, 0) + 1
    return max(counts, key=lambda code: counts[code]) if counts else None


def _place_mention(state: _State, item: _Pending, hint: str | None) -> Mention | None:
    """A place for a run that its context marks as one; looked up, or kept without coordinates."""
    toks = item.toks
    text = state.text
    start, end = toks[0].start, toks[-1].end
    if any(tok.low in _NOT_PLACE or tok.low in _TITLE_HEADS for tok in toks):
        return None
    if _POSSESSIVE.match(text, end):
        return None
    name_toks = toks
    kind: gazetteer.PlaceKind = "any"
    descriptor_end = end
    cue = _cue_before(state, start, item.sentence)
    if len(toks) > 1 and (toks[-1].low in _ADMIN_AFTER or toks[-1].low in _CITY_AFTER):
        kind = "admin1" if toks[-1].low in _ADMIN_AFTER else "city"
        name_toks = toks[:-1]
        cue = cue or "strong"
    after = _LOWER_WORDS_AFTER.match(text, end, item.sentence[1])
    site_words = ""
    if after is not None:
        first, second = after.group(1), after.group(2)
        if first in _ADMIN_AFTER:
            kind, cue = "admin1", cue or "strong"
        elif first in _CITY_AFTER:
            kind, cue = "city", cue or "strong"
        elif first == "refugee" and second == "camp" or first == "camp":
            cue = "strong"
            descriptor_end = after.end(2) if second == "camp" else after.end(1)
        elif first in _SITE_AFTER:
            cue = cue or "site"
            descriptor_end = after.end(1)
        site_words = text[end:descriptor_end].strip()
    if cue is None and _is_dateline(state, start, end):
        cue = "strong"
    if cue is None:
        return None
    name = " ".join(text[name_toks[0].start:name_toks[-1].end].split())
    following = _COUNTRY_AFTER.match(text, end, item.sentence[1])
    stated = gazetteer.country_code(following.group(1)) if following else None
    place = gazetteer.lookup_place(name, country_hint=stated or hint, kind=kind)
    if place is not None and not _plausible(state, place, cue, stated or hint):
        place = None
    if place is None and not (cue in {"strong", "site"} and _looks_like_place(name_toks)):
        return None  # a weak cue needs the gazetteer; a strong one, a name that looks like a place
    span_end = descriptor_end if site_words else end
    canonical = place.name if place is not None else name
    if site_words:
        canonical = f"{canonical} {site_words}"
    mention_text = text[start:span_end]
    if place is None:
        return Mention(mention_text, start, span_end, "place", canonical, country=stated)
    kind_out: MentionKind = "state" if place.precision == "country" else "place"
    return Mention(mention_text, start, span_end, kind_out, canonical, country=place.country,
                   admin1=place.admin1, lat=place.lat, lon=place.lon, precision=place.precision)


def _cue_before(state: _State, start: int, sentence: tuple[int, int]) -> str | None:
    """"strong" right after in/near/into/"the town of"…, "weak" after at/from/to, else None."""
    left = state.text[max(sentence[0], start - 50):start]
    if not left.rstrip()[-1:].isalpha():
        return None
    words = re.findall(r"[a-z][a-z'\-]*", left.lower())
    for position in range(len(words) - 1, max(-1, len(words) - 4), -1):
        word = words[position]
        if word in _SKIP_BEFORE:
            continue
        if word in _STRONG_BEFORE or word == "capital":
            return "strong"
        if word == "of" and position > 0 and words[position - 1] in _PLACE_NOUNS_OF:
            return "strong"
        return "weak" if word in _WEAK_BEFORE else None
    return None


_NOT_LEADING = re.compile(r"[^ \t\n\"'|]")


def _is_dateline(state: _State, start: int, end: int) -> bool:
    text = state.text
    if _NOT_LEADING.search(text, 0, start):  # not at the very start of the text (no copy of it)
        dateline = state.article.dateline
        if dateline is None or not dateline.place:
            return False
        return _norm(text[start:end]) == _norm(dateline.place)
    return bool(re.match(r"\s*(?:,|\(|[-\u2013\u2014]\s)", text[end:end + 4]))


def _plausible(state: _State, place: gazetteer.Place, cue: str, hint: str | None) -> bool:
    """Keep a weakly cued town only where the article is (or when it is a large city)."""
    if cue == "strong" or place.precision != "city":
        return True
    if state.countries is None:
        state.countries = {
            m.country for m in state.mentions if m.country and m.kind in {"state", "place", "nationality"}
        }
    return place.country in state.countries or place.country == hint or place.population >= 100_000


def _looks_like_place(toks: list[_Tok]) -> bool:
    proper = [tok for tok in toks if tok.proper]
    if not proper or len(proper) > 4:
        return False
    for tok in proper:
        low = tok.low
        if low in _ORG_HEADS or low in _TITLE_HEADS or low in _STOP or low in _COMMON_STARTERS:
            return False
        if tok.text.isupper() and len(tok.text) <= 4:
            return False
    return True


def _speaker_mention(state: _State, item: _Pending) -> Mention | None:
    """A person named without a title but speaking or described ("Ahmed Abdi said", ", who")."""
    toks = item.toks
    if not 2 <= len(toks) <= 4 or toks[-1].initial:
        return None
    if not (all(tok.name for tok in toks) or item.maybe_person and all(tok.name for tok in toks[1:])):
        return None
    start, end = toks[0].start, toks[-1].end
    text = state.text
    after = _SPEECH.match(text, end, item.sentence[1])
    before = _SPEECH_BEFORE.search(text, max(item.sentence[0], start - 30), start)
    if after is None and before is None:
        return None
    canonical = " ".join(text[start:end].split())
    return Mention(text[start:end], start, end, "person", canonical)


def _unknown_name_mention(state: _State, item: _Pending) -> Mention | None:
    """A proper name no list knows ("Arnor", "Tula Varn", "Esgaroth"), kept as kind `name` (or
    `person` for two or three given-name-like words) so that actors come from the sentence's
    structure, not from a gazetteer alone.

    A name the place gazetteer knows stays out (a town named without a cue is a place, not an actor).
    At a sentence start a capital proves nothing: an ordinary English word there ("Negotiators",
    "Lawmakers") is a name only if the article also writes it capitalised elsewhere. A surname of a
    person the article already named is that person.
    """
    toks = _person_before_of(item.toks)
    if len(toks) > 5 or not toks[0].proper or not toks[-1].proper:
        return None
    if len(toks) == 1 and len(toks[0].text) < 2:
        return None
    if any(tok.low in _MONTHS or tok.low in _TITLE_HEADS or tok.initial for tok in toks):
        return None
    text = state.text
    start, end = toks[0].start, toks[-1].end
    capital = capitals().get(" ".join(text[start:end].split()))
    if capital is not None:
        # "Washington warned Ankara": a capital named bare is a place the coder may read as its government
        place = gazetteer.lookup_place(" ".join(text[start:end].split()), country_hint=capital)
        if place is not None and place.country == capital:
            return Mention(text[start:end], start, end, "place", place.name, country=place.country,
                           admin1=place.admin1, lat=place.lat, lon=place.lon, precision=place.precision)
    opens_sentence = not text[item.sentence[0]:start].strip(" \t\n\"'(\u201c\u2018")
    if opens_sentence and _ordinary_words(toks) and not _capitalised_elsewhere(state, item):
        return None
    canonical = " ".join(text[start:end].split())
    place = gazetteer.lookup_place(canonical)
    if place is not None and (place.precision != "city" or place.population >= _KNOWN_TOWN):
        return None
    if any(tok.low in _FACILITY_HEADS for tok in (toks[0], toks[-1])) or toks[0].low in _EVENT_NAME_HEADS:
        return None  # "the Hotel Bariga" with no place cue; "Operation Sledge Hammer" is no actor
    if len(toks) > 1 and (toks[-1].low in _GEO_HEADS or toks[0].low in _GEO_HEADS):
        return Mention(text[start:end], start, end, "place", canonical)  # "the Sarn Valley"
    proper = [tok for tok in toks if tok.proper]
    if (2 <= len(proper) <= 3 and len(proper) == len(toks) and all(tok.name for tok in proper)
            and sector_of_name(canonical) is None):
        return Mention(text[start:end], start, end, "person", canonical)
    if len(toks) == 1:
        known = _known_persons(state).get(toks[0].norm)
        if known is not None:
            return Mention(text[start:end], start, end, "person", known)
    return Mention(text[start:end], start, end, "name", canonical)


_KNOWN_TOWN = 100_000
"""A town this large named without a cue is still the town; a smaller namesake ("Rohan", a French
village) is more likely an actor the sentence names."""
_GEO_HEADS = _words(
    """
    valley river mountains mountain hills hill lake island islands province district region county
    city town village camp border crossing plateau desert forest coast bay sea gulf strait peninsula
    corridor pass delta basin highlands square street road avenue bridge port airport base
    """
)
_EVENT_NAME_HEADS = _words("operation exercise campaign summit conference festival")
_FACILITY_HEADS = _words(
    """
    hotel mall hospital school university college church mosque cathedral temple market stadium prison
    palace villa compound checkpoint barracks refinery mine plant dam station terminal
    """
)
"""A facility named without a place cue ("the gate of the Hotel Bariga") is neither an actor nor a
place the event is known to be at: the event coder places facilities itself when a cue says so."""


def _person_before_of(toks: list[_Tok]) -> list[_Tok]:
    """ "Lucan Teremov of Arvenia": the person is the name before "of"."""
    for index, tok in enumerate(toks):
        if not tok.proper and tok.low == "of":
            before = toks[:index]
            if 2 <= len(before) <= 3 and all(t.proper and t.name for t in before):
                return before
            break
    return toks


def _ordinary_words(toks: list[_Tok]) -> bool:
    """All proper words are common English words or stop words ("Security Forces", "Both")."""
    common = gazetteer.common_words()
    return all(tok.low in common or tok.low in _STOP for tok in toks if tok.proper)


def _capitalised_elsewhere(state: _State, item: _Pending) -> bool:
    """The name's first word capitalised away from a sentence start: a name, not a sentence-initial
    word. The article's inner capitalised words are collected once, in one pass."""
    if state.inner_capitals is None:
        state.inner_capitals = frozenset(_INNER_CAPITAL.findall(state.text))
    return item.toks[0].text in state.inner_capitals


_INNER_CAPITAL = re.compile(r"([A-Z](?<=[^\w.!?\n\"'(\u201c\u2018][A-Z])(?<![.!?\n\"'(\u201c\u2018] [A-Z])[\w'-]*)")
"""A capitalised word not right after a sentence end, a line break, a quote or a bracket (nor at
the start of the text, nor inside a word). The conditions are checked behind the capital, not before
it, so that `re` can skip ahead to capitals: 5x faster than `(?<=.)(?<![…])(?<![…] )\b[A-Z]`."""


# ----------------------------------------------------------------------------------- unifying


def _unify(state: _State) -> None:
    """Give variants inside the article one canonical name ("Kibochi" and "Gen Kibochi" → "Robert
    Kibochi", "Mark Milley" → "Mark A. Milley", "Department of Defense" → "US Department of Defense"
    when the article has exactly one such)."""
    persons = [m for m in state.mentions if m.kind == "person"]
    fullest: dict[tuple[str, str], str] = {}
    for mention in persons:
        key = _first_last(mention.canonical)
        if key is not None and len(mention.canonical) > len(fullest.get(key, "")):
            fullest[key] = mention.canonical
    by_surname: dict[str, set[str]] = {}
    for (_, last), canonical in fullest.items():
        by_surname.setdefault(last, set()).add(canonical)
    for mention in persons:
        key = _first_last(mention.canonical)
        if key is not None:
            mention.canonical = fullest[key]
        elif " " not in mention.canonical:
            names = by_surname.get(_norm(mention.canonical), set())
            if len(names) == 1:
                mention.canonical = next(iter(names))
    _unify_organisations(state)


def _first_last(name: str) -> tuple[str, str] | None:
    """(first, last) name key ignoring initials ("Mark A. Milley" → ("mark", "milley")), or None."""
    parts = [part for part in name.split() if not (len(part) == 2 and part.endswith("."))]
    return (_norm(parts[0]), _norm(parts[-1])) if len(parts) >= 2 else None


def _unify_organisations(state: _State) -> None:
    with_country = [m for m in state.mentions if m.kind in _ORG_KINDS and m.country]
    for mention in state.mentions:
        if mention.kind not in _ORG_KINDS or mention.country:
            continue
        suffix = " " + mention.canonical.lower()
        targets = {m.canonical: m for m in with_country if m.canonical.lower().endswith(suffix)}
        if len(targets) == 1:
            target = next(iter(targets.values()))
            mention.canonical, mention.country = target.canonical, target.country


def _dedupe(mentions: list[Mention]) -> list[Mention]:
    """Sort by start and drop a mention overlapping one before it (at one start, the longer wins)."""
    ordered = sorted(
        enumerate(mentions), key=lambda item: (item[1].start, item[1].start - item[1].end, item[0])
    )
    kept: list[Mention] = []
    last_end = -1
    for _, mention in ordered:
        if mention.start < last_end or mention.end <= mention.start:
            continue
        kept.append(mention)
        last_end = mention.end
    return kept


# ------------------------------------------------------------------------------- trained NER

_NER_KINDS: dict[str, MentionKind] = {
    "PERSON": "person", "ORG": "org", "NORP": "nationality", "GPE": "place", "LOC": "place", "FAC": "place",
}


def _merge_entities(state: _State, nlp: spacy.Language) -> None:
    """Add a trained pipeline's entities where no rule mention overlaps them; a trained entity
    replaces a rule `name` mention (a name no list knows), whose kind was only a guess."""
    doc = nlp(state.text)
    entity_spans = [(ent.start_char, ent.end_char) for ent in doc.ents if ent.label_ in _NER_KINDS]
    state.mentions = [
        m for m in state.mentions
        if m.kind != "name" or not any(s < m.end and m.start < e for s, e in entity_spans)
    ]
    taken = sorted((m.start, m.end) for m in state.mentions)
    starts = [span[0] for span in taken]
    for ent in doc.ents:
        kind = _NER_KINDS.get(ent.label_)
        if kind is None or not ent.text.strip():
            continue
        start, end = ent.start_char, ent.end_char
        index = bisect_right(starts, end) - 1
        if index >= 0 and any(s < end and start < e for s, e in taken[max(0, index - 3):index + 1]):
            continue
        mention = _entity_mention(state, ent.text, start, end, kind)
        if mention is not None:
            state.mentions.append(mention)


def _entity_mention(state: _State, text: str, start: int, end: int, kind: str) -> Mention | None:
    canonical = " ".join(text.split())
    if kind == "person":
        return Mention(text, start, end, "person", canonical)
    if kind == "nationality":
        entry = gazetteer.demonym(canonical)
        return Mention(text, start, end, "nationality", entry[0] if entry else canonical,
                       country=entry[1] if entry else None)
    if kind == "org":
        org = gazetteer.organisation(canonical)
        if org is not None:
            return Mention(text, start, end, org.kind, org.canonical, country=org.country)
        return Mention(text, start, end, "org", canonical)
    place = gazetteer.lookup_place(canonical, country_hint=_article_country(state))
    if place is None:
        return Mention(text, start, end, "place", canonical)
    return Mention(text, start, end, "state" if place.precision == "country" else "place", place.name,
                   country=place.country, admin1=place.admin1, lat=place.lat, lon=place.lon,
                   precision=place.precision)
