"""Reading what a question asks about a thing: which attributes, and which earlier thing it means.

Pure functions, shared by the action server and Rasa's NLU (addons/nlu/knowledge_question.py), so
both read a question alike. Words come from knowledge/attributes.yml, normalised.
"""

from __future__ import annotations

import re
from typing import Mapping, Sequence

from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS

from actions.names import QUOTE, NameMatch, names_an_organisation, without_names
from actions.normalize import normalize_name

# Words that point back to what the conversation was about ("it", "her", "they").
MENTIONS = frozenset(
    {
        "it",
        "its",
        "they",
        "their",
        "them",
        "she",
        "her",
        "he",
        "his",
        "this",
        "that",
        "these",
        "those",
        "den",
        "det",
        "dess",
        "de",
        "dem",
        "deras",
        "hon",
        "henne",
        "hennes",
        "han",
        "hans",
        "denna",
        "detta",
        "dessa",
        "dom",
        "him",
        "honom",
    }
)
# Of those, the words that point back to a person ("her e-mail", "hans titel").
PERSON_MENTIONS = frozenset({"she", "her", "he", "his", "him", "hon", "henne", "hennes", "han", "hans", "honom"})
# Ordinal words ("the second one", "den tredje"); "andra" only after "den"/"det", since alone
# it is as often "other".
ORDINALS = {
    "first": 0,
    "second": 1,
    "third": 2,
    "fourth": 3,
    "fifth": 4,
    "sixth": 5,
    "seventh": 6,
    "eighth": 7,
    "last": -1,
    "1st": 0,
    "2nd": 1,
    "3rd": 2,
    "4th": 3,
    "första": 0,
    "tredje": 2,
    "fjärde": 3,
    "femte": 4,
    "sjätte": 5,
    "sjunde": 6,
    "åttonde": 7,
    "sista": -1,
}
SECOND_SV = ("den andra", "det andra")
# "last year", "första gången": an ordinal of time picks nothing from a list.
TIMES = frozenset({"year", "years", "week", "month", "time", "night", "år", "året", "gången", "veckan", "månaden"})
# Words that make an ordinal an idiom, not a pick: "in the first place", "i första hand".
_IDIOMS = frozenset({"place", "hand"})
# In a phrase, any words between ("when ... start").
GAP = "..."


def _words(text: str) -> list[str]:
    return normalize_name(text).split()


# Where one sentence ends and the next begins ("... in 2015. Was KTH Innovation part of it?").
_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


# A clause that sets the scene before the question ("When Stockholm University got its own office, did
# that end InterAct?"): a conjunction followed by a subject, not a question word ("When did ...?").
_SCENE_CLAUSE = re.compile(r"\s*(?:when|since|after|now that|när|eftersom|efter att|nu när)\s+(\S+)[^,?]*,\s*", re.I)
_SUBJECTS = frozenset(
    {"the", "a", "an", "it", "they", "we", "i", "you", "she", "he", "my", "our", "den", "det", "de", "vi", "jag"}
    | {"ni", "hon", "han", "man", "min", "mitt", "vår", "vårt"}
)


def asking_sentences(text: str) -> list[tuple[int, int]]:
    """Where the sentences that ask stand (a question mark, or a question's first word: "did she start it too?
    what year was that"), else the last sentence."""
    starts = [0, *(found.end() for found in _SENTENCE_BREAK.finditer(text))]
    spans = [(start, end) for start, end in zip(starts, [*starts[1:], len(text)]) if text[start:end].strip()]
    return [span for span in spans if asks(text[span[0] : span[1]])] or (spans or [(0, len(text))])[-1:]


def sentence_at(text: str, index: int) -> str:
    """The sentence of `text` that holds the character at `index`."""
    starts = [0, *(found.end() for found in _SENTENCE_BREAK.finditer(text))]
    start = max(start for start in starts if start <= index)
    ends = [s for s in starts if s > start]
    return text[start : ends[0] if ends else len(text)]


def asking_sentence(text: str) -> tuple[int, int]:
    """Where the sentences that ask stand: from the first with a question mark to the last ("What is UU's
    office called? And KI's web address?"), else the last sentence; without a clause that sets the
    scene of the first."""
    asking = asking_sentences(text)
    start, end = asking[0][0], asking[-1][1]
    scene = _SCENE_CLAUSE.match(text, start, end)
    if scene and (scene.group(1)[:1].isupper() or scene.group(1).casefold() in _SUBJECTS):
        return scene.end(), end
    return start, end


# "en annan avdelning än KTH Innovation", "some other unit than KTH Innovation": the name is what is not meant.
_OTHER_THAN = re.compile(r"\b(?:annan|annat|andra|other|another)\b(?:\s+[^\W\d_]+){0,3}\s+(?:än|than)\s*$", re.I)
# "Vilka bildade InterAct tillsammans med KTH?", "Besides KTH, who is in InterAct?": a companion of what is
# asked about, when something else is named.
_COMPANION = re.compile(
    r"\b(?:tillsammans med|ihop med|förutom|utöver|together with|along with|besides|apart from)\s*$", re.I
)
# Where the visitor is ("Jag sitter på Mälardalens universitet och vill prata med ...", "I'm at MDU and ..."):
# the scene, not what is asked about, unless the question asks about the visitor's own ("my university").
_MINE = re.compile(
    r"\b(?:my|our|min|mitt|mina|vår|vårt|våra)\b"
    # "I work at Örebro University ... does that mean we're part of InterAct?"
    r"|\b(?:we're|we\s+are|are\s+we)\s+(?:part|members?|in)\b|\b(?:är|ingår)\s+vi\s+(?:med|i)\b|\bvi\s+(?:är|ingår)\s+(?:med|i)\b",
    re.I,
)
_AFFILIATION_WORDS = (
    r"\b(?:jag|vi)\s+(?:sitter|jobbar|arbetar|studerar|pluggar|forskar|doktorerar|är)\s+(?:på|vid)"
    r"|\b(?:i'm|i am|we're|we are)\s+(?:at|from)|\b(?:i|we)\s+(?:work|study|studied)\s+(?:at|in)"
    # "Sitter i studentkåren på Handels och undrar ...": a message opening with the visitor's place, "jag" left out.
    r"|^\s*(?:sitter|jobbar|arbetar|studerar|pluggar|forskar|doktorerar)\s+(?:på|vid|i)\b"
)
_AFFILIATION = re.compile(rf"(?:{_AFFILIATION_WORDS})\s*$", re.I)
_AFFILIATION_PHRASE = re.compile(_AFFILIATION_WORDS, re.I)


_ANOTHER = re.compile(r"\b(?:annan|annat|another|other)\s+([^\W\d_]+)", re.IGNORECASE)


# "how did KTH end up with an office?", "which of them ended up with its own?": how it came about, not whether
# something ended.
_END_UP = re.compile(r"\b(?:end|ends|ended|ending)\s+up\b", re.IGNORECASE)
# "their link to KTH's innovation office", "any link at all to": a connection, not a web address.
_CONNECTION = re.compile(
    r"\b(?:any|their|its|our|some|no|a\s+direct)\s+(?:\w+\s+)?(?:link|links|connection|connections)\b"
    r"|\blinks?\s+between\b|\b(?:koppling|kopplingar|anknytning)\b",
    re.IGNORECASE,
)


def asks_for_another(text: str, phrases: Sequence[str]) -> bool:
    """Whether a question asks for another one than what is known of the kind its `phrases` are words of
    ("görs på en annan avdelning. Vilken avdelning är det?": not the department KTH Innovation is)."""
    others = [found.group(1).casefold() for found in _ANOTHER.finditer(text)]
    return any(_same_word(other, phrase) for other in others for phrase in phrases if " " not in phrase)


def without_contrasted(text: str, matches: Sequence[NameMatch]) -> list[NameMatch]:
    """The names a question means: without those it sets something else off against ("another department
    than KTH Innovation"), nor a companion of another name ("Vilka bildade InterAct tillsammans med KTH?"), nor
    where the visitor is ("I'm at MDU. Who leads InterAct?")."""
    meant = [match for match in matches if not _OTHER_THAN.search(text[: match.start])]
    if not _MINE.search(text):  # "I study in Västerås. Is my university in InterAct?" asks about it
        meant = [match for match in meant if not _AFFILIATION.search(text[: match.start])]
    companions = [match for match in meant if _COMPANION.search(text[: match.start])]
    others = {match.key for match in meant} - {match.key for match in companions}
    return [match for match in meant if match not in companions] if others else meant


def in_asking_sentence(text: str, matches: Sequence[NameMatch]) -> list[NameMatch]:
    """The names of the sentence that asks, when it names any: one named only in a sentence before it
    sets the scene ("Vinnova assessed the offices in 2015. Was KTH Innovation part of that?"); but "What's
    that?" asks about the last name before it ("People at KTH Innovation keep mentioning 'VFT'. What's that?")."""
    start, end = asking_sentence(text)
    inside = [match for match in matches if start <= match.start < end]
    named_before = None if inside else what_that_is_named(text, matches)
    if named_before is not None:
        return [named_before]
    if inside and _MINE.search(text[start:end]):
        # "I work at Örebro University. ... does that mean we're part of InterAct?": where the visitor is, too.
        inside = [m for m in matches if m.start < start and _AFFILIATION.search(text[: m.start])] + inside
    return inside or list(matches)


# "What's that?", "Vad är det för något?": what the name just before is.
_WHAT_IS_THAT = re.compile(
    r"^\W*(?:(?:so|and|och|men)\s+)?(?:what(?:'s|\s+is|\s+are)\s+(?:that|this|it|those|they)(?:\s+exactly)?"
    r"|what\s+does\s+(?:that|this|it)\s+(?:mean|do|stand\s+for)"
    r"|vad\s+(?:är|betyder|innebär|gör|står)\s+(?:det|den|detta|de)(?:\s+(?:för\s+(?:något|nåt)|egentligen|för))?)\W*$",
    re.IGNORECASE,
)


def asks_what_that_is(sentence: str) -> bool:
    """Whether a sentence asks only what the thing it points to is ("What's that?", "Vad är det för nåt?")."""
    return _WHAT_IS_THAT.match(sentence) is not None


def what_that_is_named(text: str, matches: Sequence[NameMatch]) -> NameMatch | None:
    """The name a message's asking sentence points to with only "What's that?": the last one before it
    ("People at KTH Innovation keep mentioning 'VFT'. What's that?": VFT), if it asks so."""
    start, end = asking_sentence(text)
    if matches and matches[-1].start < start and asks_what_that_is(text[start:end]):
        return matches[-1]
    return None


# Where a second question begins: after a question mark or a semicolon, or at "and"/"och" before a question
# word ("hur många fick kontor, och hur mycket pengar var det?").
# ... and at ", and"/", och" before the verb of a yes/no question ("What help do you give, and do I have to pay?").
_NEXT_QUESTION_WORDS = r"hur|vad|vilk\w*|när|vem|vart|how|what|which|when|where|who"


def _question_verbs() -> str:
    """The verbs a yes/no question or a request for help opens with, longest first, as regex alternatives."""
    return "|".join(sorted(YES_NO_STARTS | {"can", "kan", "could", "should", "will"}, key=len, reverse=True))


def _next_question() -> re.Pattern[str]:
    starts = _question_verbs()
    return re.compile(
        rf"(?<=[?;])\s+|,?\s+(?:och|and|samt)\s+(?=(?:{_NEXT_QUESTION_WORDS})\b)|,\s+(?:och|and)\s+(?=(?:{starts})\b)",
        re.IGNORECASE,
    )


# A lead-in before the questions ("Två frågor om starten: ...").
_LEAD_IN = re.compile(r"^[^:?]{0,60}:\s+")


def question_spans(text: str) -> list[tuple[int, int]]:
    """Where each question of a message stands, in order (see question_parts)."""
    lead = _LEAD_IN.match(text.strip())
    start = text.index(text.strip()[:1]) + lead.end() if lead else 0
    spans = []
    for found in _NEXT_QUESTION.finditer(text, start):
        spans.append((start, found.start()))
        start = found.end()
    spans.append((start, len(text)))
    return [(start, end) for start, end in spans if text[start:end].strip(" ,?\n\t")]


# Where a remark ends: the last sentence of a part ("Looking for a number. Who ...") is what may ask.
_REMARK_BREAK = re.compile(r"(?<=[.!])\s+")


def _asking_start() -> re.Pattern[str]:
    starts = _question_verbs()
    requests = r"tell|berätta|give|ge|list|lista|explain|förklara|describe|beskriv|show|visa"
    return re.compile(rf"^\W*(?:{_NEXT_QUESTION_WORDS}|{starts}|{requests})\b", re.IGNORECASE)


# "har hört att det gäller MDU", "have heard it's for PhD students": an auxiliary with no subject before its
# participle tells, it does not ask.
_TELLS = re.compile(
    r"^\W*(?:har|hade|have|had)\s+(?:hört|läst|sett|fått höra|förstått|heard|read|seen|been told|understood)\b",
    re.IGNORECASE,
)


def asks(part: str) -> bool:
    """Whether a part of a message asks something (a question mark, or a question's or request's first word),
    rather than remarks on it ("Looking for one big number for a pitch deck.")."""
    last = _REMARK_BREAK.split(part.strip())[-1]
    return "?" in part or (bool(_ASKING_START.match(last)) and not _TELLS.match(last))


def question_parts(text: str) -> list[str]:
    """The questions a message asks, in order ("Who leads it, and when did it start?": two)."""
    return [text[start:end].strip().strip(" ,") for start, end in question_spans(text)]


# "... samarbetet som KTH Innovation leder?": a name after a relative pronoun does what the verb says.
_RELATIVE = re.compile(r"\b(?:som|that|which|who)\s*$", re.IGNORECASE)
_NEXT_WORD = re.compile(r"\s*\w+")


def doers(text: str, matches: Sequence[NameMatch]) -> set[str]:
    """The keys of the names that open a relative clause ("... som KTH Innovation leder")."""
    return {match.key for match in matches if _RELATIVE.search(text[: match.start])}


# A clause that says when something happened before the question ("Back when the government set up the offices,
# what did it want?"): "when" before its subject, not before the verb of a question ("When was it founded, and ...").
_WHEN_CLAUSE = re.compile(
    r"^\s*(?:back\s+)?when\s+(?!(?:exactly\s+|roughly\s+)?(?:was|were|is|are|did|does|do|has|have|had|will|would|could|can)\b)"
    r"[^,?;]*,",
    re.IGNORECASE,
)


def asking_words(text: str, matches: Sequence[NameMatch]) -> str:
    """The text whose words ask for attributes: without its names, without a clause that says when something
    happened before the question, and without the verb a relative clause gives a name ("Ingår Handels i det
    samarbete som KTH Innovation leder?" asks nothing of who leads)."""
    blanked = without_names(text, list(matches))
    # "Jag sitter på MDU": where the visitor sits asks nothing of where anything is.
    blanked = _AFFILIATION_PHRASE.sub(lambda found: " " * len(found.group()), blanked)
    # "the one that's located in Västerås" picks a thing by where it is, and asks nothing of where; "their link
    # to the office" asks how they are connected, not for a web address.
    for phrase in (_PICKED_BY_PLACE, _CONNECTION, _END_UP):
        blanked = phrase.sub(lambda found: " " * len(found.group()), blanked)
    when = _WHEN_CLAUSE.match(blanked)
    if when and blanked[when.end() :].strip():
        blanked = " " * when.end() + blanked[when.end() :]
    for match in matches:
        verb = _NEXT_WORD.match(text, match.end) if _RELATIVE.search(text[: match.start]) else None
        if verb:
            blanked = blanked[: verb.start()] + " " * (verb.end() - verb.start()) + blanked[verb.end() :]
    return blanked


# How many are asked for says nothing of what is asked: "vilka två lärosäten" asks as "vilka lärosäten" does.
COUNTS = frozenset({"two", "three", "four", "five", "två", "tre", "fyra", "fem", "2", "3", "4", "5"})


def asked_attributes(
    text: str, phrases: Mapping[str, Sequence[str]], ignored: frozenset[str] = frozenset()
) -> list[str]:
    """The attribute kinds whose words a question uses, in reading order, each once.

    `phrases` maps each kind to its normalised words and phrases ("when ... start": "..." stands for
    any words between). Longer phrases are read first and use up their words: "e-mail address" asks
    for an e-mail, not for a street address. The `ignored` words are read as if not written (COUNTS).
    """
    words = [word for word in _words(text) if word not in ignored]
    taken = [False] * len(words)
    found: list[tuple[int, str]] = []
    patterns = [
        ([part.split() for part in phrase.split(f" {GAP} ")], kind)
        for kind, kind_phrases in phrases.items()
        for phrase in kind_phrases
    ]
    for parts, kind in sorted(patterns, key=lambda item: -sum(len(part) for part in item[0])):
        span = _match(words, taken, parts)
        if span:
            found.append((span[0], kind))
            for i in span:
                taken[i] = True
    return list(dict.fromkeys(kind for _, kind in sorted(found)))


WEAK = "~weak"


def asked_kinds(
    text: str, strong: Mapping[str, Sequence[str]], weak: Mapping[str, Sequence[str]]
) -> tuple[list[str], set[str]]:
    """The kinds a question asks for (as `asked_attributes`), and those of them asked only by weak words."""
    found = asked_attributes(text, {**strong, **{key + WEAK: words for key, words in weak.items() if words}}, COUNTS)
    strongly = {key for key in found if not key.endswith(WEAK)}
    weakly = {key.removesuffix(WEAK) for key in found if key.endswith(WEAK)} - strongly
    return list(dict.fromkeys(key.removesuffix(WEAK) for key in found)), weakly


# Inflections a phrase's word may carry in a question: Swedish definite and plural endings, the genitive
# ("innovationskontoret" asks as "innovationskontor" does, "mejladresser" as "mejladress").
_ENDINGS = frozenset({"en", "et", "n", "t", "na", "er", "ar", "or", "erna", "arna", "orna", "s", "ns", "ens", "ets"})
# Shorter words are read as written: "vem" is no "vems".
_MIN_INFLECTED = 4


def _same_word(word: str, phrase_word: str) -> bool:
    return word == phrase_word or (
        len(phrase_word) >= _MIN_INFLECTED and word.startswith(phrase_word) and word[len(phrase_word) :] in _ENDINGS
    )


def _match(words: list[str], taken: list[bool], parts: list[list[str]]) -> list[int]:
    """The positions of the first occurrence of `parts` in order (any words between), or []."""
    span: list[int] = []
    start = 0
    for part in parts:
        size = len(part)
        at = next(
            (
                i
                for i in range(start, len(words) - size + 1)
                if all(_same_word(w, p) for w, p in zip(words[i : i + size], part)) and not any(taken[i : i + size])
            ),
            None,
        )
        if at is None:
            return []
        span += range(at, at + size)
        start = at + size
    return span


def ordinal(text: str) -> int | None:
    """The position a question picks from a list ("the second one" -> 1, "the last" -> -1), if any."""
    normalized = normalize_name(text)
    if any(f" {phrase} " in f" {normalized} " for phrase in SECOND_SV):
        return 1
    words = normalized.split()
    return next(
        (
            ORDINALS[word]
            for before, word, after in zip(["", *words], words, [*words[1:], ""])
            if word in ORDINALS and after not in TIMES | _IDIOMS and before not in _NOT_PICKING
        ),
        None,
    )


# "ett första möte", "my first startup": an ordinal after these words picks nothing from a list.
_NOT_PICKING = frozenset({"a", "an", "en", "ett", "my", "our", "your", "min", "mitt", "mina", "vår", "vårt", "din"})


# A question that goes on from the last answer without naming anything ("och sen per år?", "and since when?").
_GOES_ON = re.compile(r"\s*(?:och|and|men|but|plus|what about|how about|hur är det med)\b", re.IGNORECASE)


# A follow-up that is its question words alone ("sen när då?", "since when?"): about the conversation's thing.
_ELLIPTICAL = re.compile(
    r"\s*(?:sedan när|sen när|från när|vilket år|hur länge|since when|what year|which year|how long|när|when)"
    r"(?:\s+(?:då|then|exactly|exakt))?\s*[?.!]*\s*$",
    re.IGNORECASE,
)
# A question for a person ("Who runs the office, and how do I reach her?"): a pointer in a later question of
# the same message means the one it asks for.
_ASKS_WHO = re.compile(r"\b(?:who|whom|which person|vem|vilken person)\b", re.IGNORECASE)


# "hur många team tar ni emot?", "how many teams do you help?": the visitor speaks to the office.
_TO_THE_OFFICE = frozenset({"ni", "er", "ert", "era", "you", "your"})


def addresses_office(text: str) -> bool:
    """Whether a question speaks to the office ("ni", "you")."""
    return any(word in _TO_THE_OFFICE for word in _words(text))


# "the innovation office", "innovationskontoret": the one office, not the offices of the 2008 round.
_THE_OFFICE = re.compile(r"\b(?:the\s+innovation\s+office(?!s)|innovationskontoret)\b", re.IGNORECASE)


def names_the_office(text: str) -> bool:
    """Whether a question names the innovation office in words ("the innovation office", "innovationskontoret")."""
    return _THE_OFFICE.search(text) is not None


# "and Växjö universitet there, what is it called these days?", "SU - har den kvar sitt kontor?": a name set
# before the question that points to it.
_SET_BEFORE = re.compile(
    r"^\W*(?:(?:and|och|but|men|so|så|about|om)\s+)?(?P<name>[^,?]+?)(?:\s+(?:there|then|då|där))?\s*(?:,|\s-\s|:)"
    r"(?=[^,?]*\b(?:it|its|den|det|dess)\b)",
    re.IGNORECASE,
)


# "Växjö fanns väl med i det där kontoret? vad heter det lärosätet nu?": "that university" is the one just named.
_THAT_UNIVERSITY = re.compile(
    r"\b(?:det|detta|den|denna|that|this)\s+(?:där\s+)?(?:lärosätet|universitetet|högskolan|university|college)\b",
    re.IGNORECASE,
)


def names_what_it_points_to(text: str, matches: Sequence[NameMatch]) -> bool:
    """Whether the message opens with a name that its question's "it" points to ("Växjö universitet there,
    what is it called now?"), or names before "that university" the one it means."""
    found = _SET_BEFORE.match(text)
    if found is not None and any(
        match.start == found.start("name") and match.end == found.end("name") for match in matches
    ):
        return True
    that = _THAT_UNIVERSITY.search(text)
    return that is not None and any(match.end <= that.start() for match in matches)


def refers_back(text: str) -> bool:
    """Whether a question points back to the conversation ("it", "her", "the second one", "and per year?").

    The "det" of a cleft ("Vem är det som leder kontoret?", "Är det SU som ...?") points nowhere, nor does
    a pointer after a question for a person in the same message.
    """
    parts = question_parts(text)
    if len(parts) > 1 and _ASKS_WHO.search(parts[0]):
        text = parts[0]
    return has_mention(text) or ordinal(text) is not None or bool(_GOES_ON.match(text) or _ELLIPTICAL.match(text))


# "Finns det lunchrestauranger på campus?": "det" before what is said to exist points nowhere; but "Finns det
# kvar?", "finns det i Västerås?" ask about "it".
_EXISTENTIAL = re.compile(
    r"\b(?:finns|fanns|funnits)\s+det\b"
    r"(?!\s*(?:kvar|fortfarande|än|ännu|idag|i dag|nu|längre|i|på|vid|där)\b|\s*[?.!]|\s*$)",
    re.IGNORECASE,
)
# "Vem står det att man ska höra av sig till?", "framgår det på sidan ...": the "det" of what a text says
# points nowhere either.
_SAYS = re.compile(
    r"\b(?:står|stod|sägs|sades|nämns|nämndes|framgår|framgick|anges|angavs)\s+det\b"
    # "vilken lag står det i?": a preposition left at the end has "det" for its object, which points back.
    r"(?=\s+(?:att|någonstans|ingenstans|vem|vad|hur|var)\b|\s+(?:på|i|om|under)\s+\w)",
    re.IGNORECASE,
)
# "den som ansvarar", "ringa den som är verksamhetsansvarig" ("the one who is responsible"): the head of a
# relative clause points nowhere.
_RELATIVE_HEAD = re.compile(r"\b(?:den|de|dem)\s+som\b", re.IGNORECASE)


def has_mention(text: str) -> bool:
    """Whether a text uses a word that points back ("it", "her", "den"), but the "det" of a cleft or of what
    is said ("står det"), the "den" of "den som ansvarar" and the "that" of a relative clause ("the bill that
    gave KTH ...")."""
    words = _words(_SAYS.sub(" ", _EXISTENTIAL.sub(" ", _RELATIVE_HEAD.sub(" ", _CLEFT.sub(" ", text)))))
    relative = {i for i, word in enumerate(words) if word == "that" and i and words[i - 1] not in ENGLISH_STOP_WORDS}
    return any(word in MENTIONS for i, word in enumerate(words) if i not in relative)


# "the one that's in Västerås", "den där högskolan som inte ligger i Stockholm": which of the conversation's
# things a question means, by where it is.
_PICKED_BY_PLACE = re.compile(
    r"\b(?:one|ones|partner|partners|member|members|university|universities|school|högskolan|universitetet|"
    r"lärosätet|partnern|den|de|dem|them)\s*,?\s+"
    r"(?P<relative>that's|that\s+is|which\s+is|that\s+isn't|that\s+is\s+not|which\s+isn't|which\s+is\s+not|"
    r"som\s+är|som\s+ligger|som\s+finns|som\s+inte\s+är|som\s+inte\s+ligger|som\s+inte\s+finns|"
    r"som\s+har\s+(?:sina\s+)?campus\w*|that\s+has\s+(?:a\s+|its\s+)?campus\w*|with\s+(?:a\s+|its\s+)?campus\w*)?\s*"
    r"(?:located\s+|based\s+)?(?P<preposition>in|i|outside|utanför|med|with)\s+(?P<place>[A-ZÅÄÖ][\w-]+)",
    re.IGNORECASE,
)
# "den som inte ligger i Stockholm", "the partner that's outside Stockholm": those not there.
_NEGATED = re.compile(r"\b(?:not|isn't|inte|outside|utanför)\b", re.IGNORECASE)


def picked_by_place(text: str) -> tuple[str, bool] | None:
    """The place by which a question picks one of the conversation's things, and whether it picks those not
    there ("den som inte ligger i Stockholm"), if it does."""
    found = _PICKED_BY_PLACE.search(text)
    if found is None:
        return None
    return found.group("place"), bool(_NEGATED.search(f"{found.group('relative') or ''} {found.group('preposition')}"))


# "I study in Västerås. Is my university part of InterAct?", "My friend studies in Eskilstuna. Is her
# university ...?": the university of the place the visitor or someone they know is at.
_OWN_UNIVERSITY = re.compile(
    r"\b(?:my|her|his|our|their|min|mitt|hennes|hans|vårt|vår|deras)\s+(?:university|uni|school|college|universitet|"
    r"högskola|lärosäte)\b",
    re.IGNORECASE,
)
_AT_PLACE = re.compile(
    r"\b(?:study|studies|studying|studied|work|works|working|live|lives|studerar|pluggar|läser|jobbar|arbetar|bor)"
    r"\s+(?:in|i)\s+(?P<place>[A-ZÅÄÖ][\w-]+)"
)


def own_university_place(text: str) -> str | None:
    """The place whose university a question asks about as someone's own, if it does ("I study in Västerås. Is
    my university part of InterAct?": Västerås)."""
    place = _AT_PLACE.search(text)
    return place.group("place") if place and _OWN_UNIVERSITY.search(text) else None


def resolve(text: str, keys: Sequence[str]) -> list[str]:
    """The keys of the conversation a question means: the one its ordinal picks, else all of them."""
    position = ordinal(text)
    if position is not None and len(keys) > 1:
        if -len(keys) <= position < len(keys):
            return [keys[position]]
        return []
    return list(keys)


# First words of a yes/no question.
YES_NO_STARTS = frozenset(
    {
        "is",
        "was",
        "are",
        "were",
        "does",
        "did",
        "do",
        "has",
        "have",
        "är",
        "var",
        "har",
        "hade",
        "hör",
        "hörde",
        "ingår",
        "ingick",
        "tillhör",
        "tillhörde",
        "fick",
        "blev",
        "belongs",
        "leder",
        "ledde",
        "leds",
        "leddes",
        "driver",
        "drev",
        "drivs",
        "finansierar",
        "grundade",
        "stämmer",
        "stämde",
        "kostar",
        "måste",
        "behöver",
        "finns",
        "fanns",
        "tog",
        "tar",
        "heter",
        "hette",
        "kommer",
        "kom",
    }
)


_NEXT_QUESTION = _next_question()
_ASKING_START = _asking_start()
_CLEFT = re.compile(r"\b(är|var) det\b(?=.*\bsom\b)", re.IGNORECASE)
# A greeting or a remark before the question ("Hey there, does ...?") opens a clause of its own.
_CLAUSE = re.compile(r"[,.!?;:–—]|\s-\s")
_COOPERATION = re.compile(
    r"\b(samarbet\w*|jobbar (ni |du )?(ihop |tillsammans )?med|arbetar (ni |du )?(ihop |tillsammans )?med"
    r"|work\w* (?:together |closely |directly )?with|co-?operat\w*|collaborat\w*|partner\w*)"
    r"|" + _CONNECTION.pattern,
    re.IGNORECASE,
)


# "Jag undrar om Chalmers var ett av de åtta", "I wonder whether ...": a yes/no question asked indirectly.
# ("vill veta om InterAct" asks about InterAct: "om" is "whether" only after "undrar".)
_INDIRECT_YES_NO = re.compile(
    r"\b(?:undrar om|(?:wonder|wondering|know|tell me|check|ask|asking|unsure|not sure)\s+(?:if|whether))\b",
    re.IGNORECASE,
)


# "Mid Sweden University was the coordinator, correct?", "..., yes?", "..., eller hur?": a statement checked back.
_CHECKED_BACK = re.compile(
    r"(?:,\s*(?:correct|true|accurate|or not|yes|no|sant|rätt|korrekt|eller inte|ja|nej|va|eller)"
    r"|\b(?:right|eller hur))\s*\?(?!\S)",
    re.IGNORECASE,
)
# "there's a rumour that ... - any truth to it?", "ligger det något i det?": a claim asked to be confirmed.
_TRUTH_ASKED = re.compile(
    r"\b(?:any truth (?:to|in) (?:it|that|this|the rumou?r)|is (?:that|this|it) (?:true|right|correct)"
    r"|ligger det (?:något|nåt|någon sanning) i (?:det|detta)|är det sant)\b",
    re.IGNORECASE,
)
# "Chalmers got one of the eight offices, didn't it?": a statement asked to be confirmed.
_TAG_QUESTION = re.compile(
    r"\b(?:didn't|isn't|wasn't|doesn't|don't|aren't|weren't|hasn't|haven't) (?:it|they|she|he|there)\s*\?",
    re.IGNORECASE,
)


# A statement asked back for confirmation ("so Stockholm University dropped out once it got its own office?").
_CONFIRMATION = re.compile(
    r"\s*(?:and so|ok so|okay so|so|så|alltså)\b(?![^?]*\b(?:what|who|when|where|which|how|why|vad|vem|när|var|"
    r"vilk\w*|hur|varför)\b)[^?]*\?\s*$",
    re.IGNORECASE,
)


# Swedish "var" is "was" ("Var det SU?") or "where" ("Var har MDU sina campus?"): "where" before a verb.
_WHERE_VERBS = frozenset(
    {"har", "ligger", "finns", "hittar", "kan", "är", "sitter", "håller", "hålls", "bor", "får", "ska", "jobbar"}
)
# "var på campus sitter ni?", "var någonstans ligger det?": "var" before these asks where, too.
_WHERE_WORDS = _WHERE_VERBS | {"på", "i", "någonstans", "nånstans", "exakt", "ungefär"}


# Words a follow-up opens with before its question ("and is Uppsala one of them?", "men är KI med?").
_OPENING_CONJUNCTION = re.compile(r"^\s*(?:and|but|ok|okay|och|men|okej)\b[\s,]*", re.IGNORECASE)


def is_yes_no_follow_up(text: str) -> bool:
    """Whether a message on its own asks yes or no, after the "and" a follow-up may open with ("and is Uppsala
    one of them?"). Only for a whole message: the "och" of "..., och kostar det något?" joins two questions."""
    return is_yes_no_question(_OPENING_CONJUNCTION.sub("", text, count=1))


def asks_belonging_to_them(text: str) -> bool:
    """Whether a message asks yes or no whether something belongs to those it points back to ("and is Uppsala
    one of them?")."""
    return is_yes_no_follow_up(text) and asks_belonging(text) and has_mention(text)


def _opens_yes_no(words: list[str]) -> bool:
    if words[0] == "var" and len(words) > 1 and words[1] in _WHERE_WORDS:
        return False
    return words[0] in YES_NO_STARTS


def is_yes_no_question(text: str) -> bool:
    """Whether a question asks yes or no ("Is Lund one of the eight?", "Hej, hör Örebro till Fyrklövern?",
    "Jag undrar om Chalmers var en av dem")."""
    clauses = [_words(clause) for clause in _CLAUSE.split(text)]
    return (
        any(words and (_opens_yes_no(words) or bool(_COOPERATION.match(words[0]))) for words in clauses)
        or bool(_CHECKED_BACK.search(text))
        or bool(_TAG_QUESTION.search(text))
        or bool(_TRUTH_ASKED.search(text))
        or bool(_INDIRECT_YES_NO.search(text))
        or bool(_CONFIRMATION.match(text))
    )


# "Kan jag som student få stöd?": a question whether one may, which a value can answer yes or no; not
# taken for a yes/no question otherwise ("Kan du berätta om UU och InterAct?" asks for no membership).
_MAY_STARTS = frozenset({"kan", "can", "could", "får", "may"})


_ADDRESSEE = frozenset({"you", "du", "ni"})


def asks_whether_may(text: str) -> bool:
    """Whether a question asks whether one can or may ("Can I still get help from KTH Innovation?"); not a
    request to the assistant ("Could you tell me who ...?")."""
    return any(
        len(words) > 1 and words[0] in _MAY_STARTS and words[1] not in _ADDRESSEE
        for words in (_words(clause) for clause in _CLAUSE.split(text))
    )


_TOLD_ABOUT = re.compile(r"\b(?:om|about)\s+(?:the\s+)?([^?.!,;:]{3,80})", re.IGNORECASE)


def is_proper_name(name: str) -> bool:
    """Whether an unknown capitalised run names a person or an organisation ("Henrik Åberg", "Solna Medtech
    Guild", "Göteborgs universitet") rather than, likely, a place ("Stockholm", "Västerås")."""
    return len(name.split()) >= 2 or names_an_organisation(name)


# "I'm Anna Berg" / "Jag heter Anna Berg": the visitor's own name, asked about by nobody.
_OWN_NAME = re.compile(r"\b(?:i'?m|i am|my name is|jag heter|jag är|mitt namn är|this is)\s*$", re.IGNORECASE)


def asks_about_unknown_person(text: str, name: str) -> bool:
    """Whether a question asks who someone not known is ("kontakta Magnus Törnkvist på KTH Innovation. Vem
    är han?", "what is his role there?"): a person's name, not the visitor's own, and "he"/"she" or
    "who is"."""
    if len(name.split()) < 2 or names_an_organisation(name):
        return False
    at = text.find(name)
    if at >= 0 and _OWN_NAME.search(text[:at]):
        return False
    return asks_what_is(text, name) or refers_to_person(text)


_WHAT_IS = r"\b(?:what|who)(?:'s|\s+is|\s+are|\s+was|\s+were)|\b(?:vad|vem)\s+(?:är|var)|\btell me about|\bberätta om"


# "Tell me about KTH Innovation's Northern Lights Fellowship": whose it is, before the name.
_OWNER = r"(?:[\w-]+\s+){0,3}?[\w-]+(?:'s|:s|s)\s+"  # "KTH Innovations program X": Swedish writes no apostrophe


# "Berätta om stipendiet Guldnyckeln", "tell me about the accelerator Spark Lab": what kind of thing it is.
_DESCRIPTOR = (
    r"\w*?(?:scholarship|prize|award|programme|program|fund|project|network|accelerator|incubator|competition"
    r"|initiative|stipendiet|priset|programmet|fonden|projektet|nätverket|acceleratorn|inkubatorn|tävlingen"
    r"|satsningen|initiativet|utmärkelsen|stipendium|tävling|utmärkelse|pris|program)\s+"
    # "ett pris som heter Gyllene Gnistan", "a fund called Nova"
    r"(?:(?:som\s+heter|som\s+kallas|called|named|kallad|kallat)\s+)?"
)


def names_a_thing(text: str, name: str) -> bool:
    """Whether an unknown name is a person's or an organisation's (is_proper_name), or is said to name a
    thing ("stipendiet Guldnyckeln", "the fund Nova", "the 'Impact Sprint'")."""
    return is_proper_name(name) or is_said_to_be_a_thing(text, name)


def is_said_to_be_a_thing(text: str, name: str) -> bool:
    """Whether a question says what kind of thing a name is ("acceleratorprogram Deeptech Lyftet", "the fund
    Nova"), or quotes it ("the 'Impact Sprint'")."""
    return (
        re.search(rf"\b{_DESCRIPTOR}{re.escape(name)}", text, re.IGNORECASE) is not None
        or re.search(rf"{QUOTE}{re.escape(name)}{QUOTE}", text) is not None
    )


# "I have a startup called Nordic Quantum Lab", "vårt bolag Qubitly": the visitor's own, which the question is
# not about.
_INTRODUCED = re.compile(
    r"\b(?:called|named|som\s+heter|kallat|kallad)\s+$|\b(?:my|our|min|mitt|vår|vårt)\s+(?:[^\W\d_]+\s+){1,2}$",
    re.IGNORECASE,
)


def is_introduced(text: str, name: str) -> bool:
    """Whether a question introduces `name` as the visitor's own ("a startup called X", "our company X")."""
    at = text.find(name)
    return at > 0 and _INTRODUCED.search(text[:at]) is not None


def asks_what_is(text: str, name: str) -> bool:
    """Whether a question asks what or who `name` is ("What is the Baltic Deeptech Bridge Fund, and ...?",
    "Can you tell me about KTH Innovation's Northern Lights Fellowship?", "Berätta om stipendiet Guldnyckeln")."""
    pattern = rf"(?:{_WHAT_IS})\s+(?:the\s+)?(?:{_OWNER})?(?:{_DESCRIPTOR})?{QUOTE}?{re.escape(name)}"
    return re.search(pattern, text, re.IGNORECASE) is not None


def organisation_asked_about(text: str) -> str | None:
    """The organisation a request is about when written without capitals ("berätta om gotlands
    innovationsråd"): the words after "om"/"about", if one of them makes it an organisation."""
    found = _TOLD_ABOUT.search(text)
    phrase = found.group(1).strip() if found else ""
    return phrase if phrase and names_an_organisation(phrase) else None


# A cleft question asks what the named thing did ("Var det Karlstad som samordnade Fyrklövern?",
# "Was it KTH that led it?"): its verb says whether that was belonging to the group.
_CLEFT_VERB = re.compile(
    r"\b(?:är|var) det\b.*?\bsom\s+(\w+)"
    r"|\b(?:(?:is|was) it|(?:whether|if) it (?:is|was))\b.*?\b(?:that|who|which)\s+(\w+)",
    re.IGNORECASE,
)
MEMBERSHIP_VERBS = frozenset(
    {
        "hör",
        "hörde",
        "ingår",
        "ingick",
        "tillhör",
        "tillhörde",
        "är",
        "var",
        "fick",
        "blev",
        "deltar",
        "deltog",
        "belongs",
        "belonged",
        "is",
        "was",
        "are",
        "were",
        "got",
        "joined",
        "took",
    }
)


def is_cleft(text: str) -> bool:
    """Whether a question is a cleft ("Is it KTH Innovation that leads the work?", "Är det SU som ...?")."""
    return _CLEFT_VERB.search(text) is not None


def asks_membership(text: str) -> bool:
    """Whether a yes/no question about a thing and a group can ask whether the thing belongs to it: not a
    cleft question about something else the thing did ("Var det Karlstad som samordnade Fyrklövern?")."""
    cleft = _CLEFT_VERB.search(text)
    return cleft is None or (cleft.group(1) or cleft.group(2)).casefold() in MEMBERSHIP_VERBS


# Words that ask whether something belongs to a group ("Did Lund get one of ...?", "Var Chalmers bland ...?"):
# a group described in words ("the offices set up in 2008") is asked about only with one of them, so that
# "Did KTH Innovation exist before the offices of 2008?" is not taken for a question about belonging.
_BELONGING = re.compile(
    r"\b(get|got|gets|receive|received|one of|among|part of|belong\w*|included|include|member\w*|share|shared"
    r"|sharing|fick|får|ett av|en av|bland|ingick|ingår|hörde|hör till|tillhörde|medlem\w*|dela|delade|delar"
    r"|del av|med i|deltar|deltog|take part|takes part|took part|taking part|participat\w*)\b",
    re.IGNORECASE,
)


def asks_belonging(text: str) -> bool:
    """Whether a question asks whether something belongs to a group, by its words."""
    return bool(_BELONGING.search(text))


_TOGETHER = re.compile(r"\b(?:tillsammans med|together with|relationship|relation|connection)\b", re.IGNORECASE)


def mentions_cooperation(text: str) -> bool:
    """Whether a question is about working together ("Vad gör X tillsammans med KTH Innovation?")."""
    return bool(_COOPERATION.search(text) or _TOGETHER.search(text))


def asks_about_cooperation(text: str) -> bool:
    """Whether a question asks yes or no whether the office works with someone ("Samarbetar ni med KI?")."""
    return is_yes_no_question(text) and bool(_COOPERATION.search(text))


_WHY = re.compile(r"\b(?:why|varför|how come|vad berodde|vad beror|anledningen|the reason)\b", re.IGNORECASE)


def asks_why(text: str) -> bool:
    """Whether a question asks why ("Why did KTH fold the government-funded office into KTH Innovation?"):
    a reason is a statement of the facts, which no attribute holds ("government-funded" asks no funding)."""
    return bool(_WHY.search(text))


_AMONG = re.compile(
    r"\b(?:any|one|either|some|which|who|nån|någon|något|nåt|ett|en|vilken|vilket|vilka|vem)\s+(?:of|av)\s+"
    r"(?:them|those|these|dem|dom|de)\b",
    re.IGNORECASE,
)


def picks_among(text: str) -> bool:
    """Whether a question asks about one or some of several pointed back to ("fick nån av dem ...?")."""
    return bool(_AMONG.search(text))


# "Is there somebody specific who knows about InterAct?", "vilken person ska jag kontakta?": a person asked for.
_ASKS_FOR_PERSON = re.compile(
    r"\b(?:person|somebody|someone|anybody|anyone|named|kontaktperson|personen|någon specifik|någon särskild"
    r"|någon som|någon jag|contact person)\b",
    re.IGNORECASE,
)


def asks_for_person(text: str) -> bool:
    """Whether a question asks for a person rather than whichever organisation is in charge."""
    return bool(_ASKS_FOR_PERSON.search(text))


def refers_to_person(text: str) -> bool:
    """Whether a question points back to a person ("can I call her?")."""
    return bool(set(_words(text)) & PERSON_MENTIONS)
