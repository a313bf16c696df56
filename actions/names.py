"""Finding known names in a message: exact aliases first, then near-misses of longer ones.

Pure functions over an alias table ({normalised alias: key}), shared by the
action server (aliases from the knowledge database) and Rasa's entity
extractor (aliases from the knowledge files), so both read a message alike.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass
from typing import Mapping

from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS
from spacy.lang.sv.stop_words import STOP_WORDS as SWEDISH_STOP_WORDS

from actions.normalize import normalize_name

# How alike a misspelt phrase must be to an alias to count as that alias.
FUZZY_CUTOFF = 0.85
# Short words ("ki", "su", "uu") are too easily misread as typos of each other or of common words.
MIN_FUZZY_LENGTH = 5
# Names are looked for in the first words only: a question is short, and a pasted
# essay must not cost a fuzzy comparison per word.
MAX_WORDS_SEARCHED = 40
_WORD = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True)
class NameMatch:
    """A known name found in a text: whose it is and where it stands."""

    key: str
    start: int
    end: int
    text: str
    exact: bool


def closest_alias(name: str, aliases: Mapping[str, str]) -> tuple[str, bool] | None:
    """The key whose alias is `name`, or whose alias is closest to it by spelling; and whether exactly."""
    wanted = normalize_name(name)
    if not wanted:
        return None
    if wanted in aliases:
        return aliases[wanted], True
    if len(wanted) < MIN_FUZZY_LENGTH:
        return None
    # Compared with aliases of as many words only ("innovation" is not a typo of "KTH Innovation"),
    # whose short words are the same ("KI Innovations" is not a typo of "KTH Innovations").
    words = wanted.split()
    candidates = [alias for alias in aliases if _same_short_words(words, alias.split())]
    close = difflib.get_close_matches(wanted, candidates, n=1, cutoff=FUZZY_CUTOFF)
    return (aliases[close[0]], False) if close else None


# How alike each word of a misspelt phrase must be to the alias's word: "their innovation office" is no
# typo of "eight innovation offices", however alike the whole phrases are.
WORD_CUTOFF = 0.75


def _same_short_words(words: list[str], alias: list[str]) -> bool:
    return len(words) == len(alias) and all(
        a == b if min(len(a), len(b)) < MIN_FUZZY_LENGTH else _misspelt(a, b) for a, b in zip(words, alias)
    )


def _misspelt(word: str, alias_word: str) -> bool:
    """Whether `word` reads as a typo of `alias_word`: alike, and with the same first letter but for its
    accents ("Orebro", "Karolinksa"); "right" is no typo of "eight"."""
    first = [unicodedata.normalize("NFKD", w[0])[0] for w in (word, alias_word)]
    return first[0] == first[1] and difflib.SequenceMatcher(None, word, alias_word).ratio() >= WORD_CUTOFF


def find_names(text: str, aliases: Mapping[str, str]) -> list[NameMatch]:
    """Every known name in `text`, in reading order, longest first where names overlap; not one that is part
    of a longer name ("InterAct Nova", "the kth spark fund").

    For each length of alias, exact aliases are found first; the rest of the text is then searched for
    near-misses of aliases of at least MIN_FUZZY_LENGTH letters ("Karolinksa", "Upsala universitet").
    """
    return [
        match
        for match in _known_names(text, aliases)
        if not _opens_longer_name(text, match) and not _is_place_of_name_before(text, match)
    ]


# "Lumina Teknikinkubator i Lund", "a startup from Uppsala": a town after a name says where that one is; it
# names no university ("Is KTH in InterAct?" names InterAct, which is no town's name).
_NAME_AND_PLACE_BEFORE = re.compile(r"[A-ZÅÄÖ][\w-]*\s+(?:i|in|från|from)\s+$")


def _is_place_of_name_before(text: str, match: NameMatch) -> bool:
    said = text[match.start : match.end]
    town_like = " " not in said and said[:1].isupper() and said[1:].islower()
    return town_like and _NAME_AND_PLACE_BEFORE.search(text[: match.start]) is not None


def _known_names(text: str, aliases: Mapping[str, str]) -> list[NameMatch]:
    words = list(_WORD.finditer(text))[:MAX_WORDS_SEARCHED]
    sizes = sorted({len(alias.split()) for alias in aliases}, reverse=True)
    taken = [False] * len(words)
    found: list[NameMatch] = []
    # Longer names first, each size exactly and then as a near-miss: "inovationskontoret på kth" is the
    # office misspelt, not KTH.
    for size in sizes:
        for fuzzy in (False, True):
            for first in range(len(words) - size + 1):
                span = range(first, first + size)
                if any(taken[i] for i in span):
                    continue
                phrase = " ".join(normalize_name(words[i].group()) for i in span)
                if fuzzy:
                    match = closest_alias(phrase, aliases)
                    key = match[0] if match else None
                else:
                    key = aliases.get(phrase)
                if key is None:
                    continue
                start, end = words[span[0]].start(), words[span[-1]].end()
                found.append(NameMatch(key, start, end, text[start:end], exact=not fuzzy))
                for i in span:
                    taken[i] = True
    return sorted(found, key=lambda match: match.start)


# A known name followed by more name ("InterAct Nova", "the kth spark fund") is part of another's name. The
# capitalised words that commonly follow a known name without making a new one ("KTH Campus"):
_NOT_NAME_WORDS = frozenset(
    {"campus", "office", "kontor", "kontoret", "department", "avdelning", "avdelningen", "partnership", "partnerskapet"}
    # "SU Innovation", "KTH University": what visitors call a known one, not another's name.
    | {"innovation", "innovations", "university", "universitet"}
)
_CAPITALISED_NEXT = re.compile(r"(?:[ \t]+|[ \t]*[–—][ \t]*)([A-ZÅÄÖ][\w\-]*)")  # "Mälardalen–KTH Green Tech Fund"
# ... or lower-case words ending in an organisation's word (not "university" or "innovation", which visitors
# add to a known name: "kth university").
_LOWER_CASE_NEXT = re.compile(
    r"(?:[ \t]+[a-zåäö][\w\-]*){0,2}?[ \t]+(?:fund|fond|fonden|hub|lab|labb|inkubator|incubator|accelerator|"
    r"foundation|stiftelse|stiftelsen|network|nätverk|nätverket|initiative|initiativ|ventures|capital|cluster|kluster)\b"
)


def _longer_lower_case_names(text: str, known: list[NameMatch]) -> list[str]:
    """The names the known names of `text` open in lower case ("kth spark fund")."""
    tails = ((match, _LOWER_CASE_NEXT.match(text, match.end)) for match in known)
    return [text[match.start : tail.end()] for match, tail in tails if tail]


def _opens_longer_name(text: str, match: NameMatch) -> bool:
    following = _CAPITALISED_NEXT.match(text, match.end)
    # "Hej KTH Innovation Jag undrar ...": a common word opens a sentence, not a name.
    word = following.group(1).casefold() if following else ""
    if word and word not in _NOT_NAME_WORDS and word not in ENGLISH_STOP_WORDS | SWEDISH_STOP_WORDS:
        return True
    return bool(_LOWER_CASE_NEXT.match(text, match.end))


# Titles before a person's name, written with a full stop that ends no sentence.
TITLES = ("dr", "prof", "mr", "mrs", "ms", "doc")
# Capitalised words of questions to the assistant that name no person or organisation of their own.
NOT_NAMES = frozenset(
    {"interact", "innovation", "innovationskontoret", "swedish", "english", "svenska", "engelska", "i"}
    # Abbreviations of things, not of organisations ("the IP rights", "the URL").
    | {"ip", "url", "urls", "phd", "ceo", "cto", "cv", "ai", "it", "faq", "sek", "kr", "pdf", "www", "ok", "hr"}
    # Forms of company ("its own company, like an AB?").
    | {"ab", "hb", "kb", "ltd", "inc", "llc", "gmbh"}
    # The state's own bodies, which the facts speak of as such ("when did the Riksdag adopt the bill?").
    | {"riksdag", "riksdagen", "regeringen", "parliament", "government", "the government"}
    | {"regeringskansliet", "regeringskansliets", "government offices"}
    # Numbers of a government decision ("the U-number").
    | {"u number", "u nummer", "u numret"}
    # Titles ("Dr. Henrik Sjöstrandberg").
    | frozenset(TITLES)
)
# A run of capitalised words ("Nordic Innovation Hub", "Anna Svensson", "Vinnova", "MIT's").
# "University of Gothenburg", "Institute for Future Studies": "of"/"for" inside a name joins its words.
_CAPITALISED_RUN = re.compile(r"[A-ZÅÄÖ][\w\-–]*(?:'s)?(?:(?:\s+(?:of|for))?\s+[A-ZÅÄÖ][\w\-–]*(?:'s)?)*")
_SENTENCE_END = re.compile(r"[.!?:]\s*$")
# "Dr. Henrik Sjöstrandberg": a title's full stop ends no sentence.
_TITLE = re.compile(rf"\b(?:{'|'.join(TITLES)})\.\s*$", re.IGNORECASE)


def without_names(text: str, matches: list[NameMatch]) -> str:
    """The text with the names found in it blanked out: "verification funding" asks for no funding."""
    for match in sorted(matches, key=lambda m: -m.start):
        text = text[: match.start] + " " * (match.end - match.start) + text[match.end :]
    return text


# Words that make a name an organisation's ("Göteborgs universitet", "Baltic Research Consortium"), as
# opposed to a person's or a place's ("Erik Sandström", "Västerås"). Matched as word endings, so that
# compounds count ("Innovationsallians", "Medtechinkubator").
_ORGANISATION = re.compile(
    r"(universitet|university|högskola|högskolan|college|institut|institutet|institute|allians|alliance|"
    r"konsortium|consortium|hub|lab|labb|inkubator|incubator|accelerator|foundry|stiftelse|foundation|"
    r"centrum|center|centre|bolag|company|network|nätverk|råd|council|innovation|innovations|park|parken|"
    r"fund|fond|fonden|guild|gille|association|förening|föreningen|förbund|society|agency|myndighet|"
    r"cluster|kluster|initiative|initiativ|ventures|capital|inkubatorn|labbet|"
    # A programme is a thing asked about as one ("InterAct Seed Grant", "Founders Fellowship").
    r"grant|grants|fellowship|scholarship|stipendium|stipendiet|award|prize|priset|programme|program|programmet)$",
    re.IGNORECASE,
)
# The lower-case words that complete a capitalised name as one organisation's ("Göteborgs universitet").
_ORGANISATION_TAIL = re.compile(
    r"\s+(universitet|universitetet|högskola|högskolan|institut|institutet)\b", re.IGNORECASE
)


# "Mälarregionens innovationsråd", "Sörmlands idélabb": a lower-case noun of an organisation after a genitive.
_LOWER_NOUN = re.compile(r"\s+([a-zåäöé]{3,})\b")


def _genitive_organisation(text: str, end: int, name: str, aliases: Mapping[str, str]) -> re.Match[str] | None:
    """The noun after a genitive that is no known thing's ("Vinnovas fond" is Vinnova's, asked about as such)."""
    noun = _LOWER_NOUN.match(text, end)
    genitive = name.endswith("s") and len(name.split()) == 1 and normalize_name(name[:-1]) not in aliases
    return noun if genitive and noun and _ORGANISATION.search(noun.group(1)) else None


# "MIT", "GU", "SLU": an acronym names an organisation, not a place.
_ACRONYM = re.compile(r"[A-ZÅÄÖ]{2,6}")


def _has_organisation_word(name: str) -> bool:
    return any(_ORGANISATION.search(word) for word in re.findall(r"[^\W_]+", name))


def names_an_organisation(name: str) -> bool:
    """Whether a name is an organisation's by one of its words, or is an acronym."""
    return _has_organisation_word(name) or bool(_ACRONYM.fullmatch(name.strip()))


# A university written in lower case, as visitors type in a hurry: "university of gothenburg",
# "göteborgs universitet", "högskolan i gävle" (the genitive -s says a name precedes "universitet").
_LOWER_CASE_UNIVERSITY = re.compile(
    r"\buniversity of [a-zåäöé]+\b|\b[a-zåäöé]+s (?:universitet|högskola)\b|\bhögskolan i [a-zåäöé]+\b"
)
# Genitives that name no university ("hennes universitet": hers).
_NOT_UNIVERSITY_NAMES = frozenset({"hans", "hennes", "deras", "dess", "ens", "vems", "andras", "alls", "bägges"})


def _lower_case_university(text: str, aliases: Mapping[str, str]) -> str | None:
    for found in _LOWER_CASE_UNIVERSITY.finditer(text):
        name = found.group()
        if name.split()[0] in _NOT_UNIVERSITY_NAMES or normalize_name(name) in aliases:
            continue
        return name
    return None


def unknown_name(
    text: str, aliases: Mapping[str, str], ignore: frozenset[str] = NOT_NAMES, matches: list[NameMatch] | None = None
) -> str | None:
    """The first unknown name that names an organisation ("Min kompis på GU påstår att Göteborgs universitet
    ...": Göteborgs universitet), else the first unknown name at all, or None. `matches`: the known names
    of `text` where the caller has found them already."""
    # Known names are read first: "the Stockholm School of Economics" holds no stranger "Stockholm School".
    # Read once: those that open a longer name ("the kth spark fund") are strangers' beginnings.
    every = _known_names(text, aliases)
    known = [m for m in every if not _opens_longer_name(text, m)] if matches is None else matches
    found = _unknown_names(without_names(text, known), aliases, ignore, _longer_lower_case_names(text, every))
    return next((name for name in found if _has_organisation_word(name)), found[0] if found else None)


# A quotation mark, straight or typographic.
QUOTE = "[\"'“”‘’«»]"
# A quotation opening with a capitalised word and going on in lower case is a title or a phrase quoted.
_QUOTE_OPENS = re.compile(f"{QUOTE}$")
_QUOTED_REST = re.compile(r"(?:[^\"“”‘’«»']|'(?=\w))*")  # up to the closing quote, past "KTH's"
_LOWER_CASE_WORD = re.compile(r"\b[a-zåäöé]")


def _quoted_rest(text: str, start: int) -> str:
    found = _QUOTED_REST.match(text, start)
    return found.group() if found else ""


# "ligger i Stockholm", "based in Västerås", "the one in Västerås": the word after names a place.
_PLACE_BEFORE = re.compile(
    r"\b(?:ligger|belägen|beläget|located|based|situated|one|ones|that's|that\s+is|which\s+is|isn't|den|de"
    r"|study|studies|studying|studied|live|lives|studerar|pluggar|bor)\s+(?:i|in|på)\s+$",
    re.IGNORECASE,
)
# "innovation networks in Stockholm", "ett bolag i Lund": one word after "in"/"i" is a place, unless it is what
# something belongs to ("is KTH a member of / part of / in Uppsalaalliansen?") or an acronym ("i SU").
_AFTER_IN = re.compile(r"\b(?:in|i)\s+$", re.IGNORECASE)
_BELONGING_BEFORE = re.compile(
    r"\b(?:(?:member|members|part|partner|partners|medlem|medlemmar|del|ingår|ingick|involved|deltar|deltog|with|med"
    r"|engaged|active|aktiv|aktiva)\s+(?:\w+\s+){0,2}|(?:is|are|was|were|är|var|sitter)\s+(?:\w+\s+)?)(?:in|i)\s+$",
    re.IGNORECASE,
)


def _is_place_after_in(before: str, word: str) -> bool:
    return (
        bool(_AFTER_IN.search(before))
        and not _BELONGING_BEFORE.search(before[-60:])
        and not _ACRONYM.fullmatch(word)
        and not _has_organisation_word(word)
    )


# "the Stockholm region", "Uppsalaområdet" aside, "Stockholms län": a word before these names a place.
_PLACE_AFTER = re.compile(
    r"(?:'s|s)?\s+(?:region|regionen|area|området|län|county|city|stad|kommun|municipality)\b", re.IGNORECASE
)
# "Stockholmsregionen", "Uppsalaområdet", "Mälardalstrakten": one word naming a region is a place.
# ("Mälarregionens innovationsråd": a genitive names what the region has, which may be an organisation.)
_PLACE_COMPOUND = re.compile(r"\w{3,}(?:regionen|området|trakten|länet)$", re.IGNORECASE)
# "'; DROP TABLE partner; --": SQL keywords in capitals are code, not an organisation's name.
_SQL_KEYWORDS = frozenset(
    "select insert into update delete drop table from where union all or and not null values set alter "
    "create truncate exec execute database join order by group having like".split()
)


def _is_code(name: str) -> bool:
    return all(word.isupper() and word.lower() in _SQL_KEYWORDS for word in name.split())


def _unknown_names(text: str, aliases: Mapping[str, str], ignore: frozenset[str], longer: list[str]) -> list[str]:
    """The name-like runs of capitalised words that are no known alias, in reading order; then `longer`
    (names a known one opens in lower case) and a university written in lower case.

    A capitalised word that opens a sentence is taken for an ordinary word ("Tell", "Vem"); a run in
    `ignore` (normalised) names no thing ("InterAct" in "is X in InterAct?").
    """
    found = []
    for run in _CAPITALISED_RUN.finditer(text[: MAX_WORDS_SEARCHED * 20]):
        words = run.group().split()
        before = text[: run.start()]
        if run.start() == 0 or (_SENTENCE_END.search(before) and not _TITLE.search(before)):
            # "Stockholm University got ..." opens with a known name whole; "Tell Vinnova" with a plain word.
            if normalize_name(" ".join(w.removesuffix("'s") for w in words)) in aliases:
                continue
            words = words[1:]
        name = " ".join(w.removesuffix("'s") for w in words)
        if _QUOTE_OPENS.search(before) and _LOWER_CASE_WORD.search(_quoted_rest(text, run.end())):
            continue  # "propositionen ”Ett lyft för forskning och innovation”": a quoted title or phrase
        if len(words) == 1 and (
            _PLACE_BEFORE.search(before)
            or _PLACE_AFTER.match(text, run.end())
            or _is_place_after_in(before, name)
            or _PLACE_COMPOUND.fullmatch(name)
        ):
            continue  # "högskolan som inte ligger i Stockholm", "the Stockholm region": a place, not a thing
        # Swedish writes an organisation's word in lower case: "Göteborgs universitet", "Örebro universitet".
        following = _ORGANISATION_TAIL.match(text, run.end()) or _genitive_organisation(text, run.end(), name, aliases)
        if name and following and not run.group().endswith("'s"):
            name = f"{name} {following.group(1)}"
        # "InterAct-partnerskapet", "KTH-kontoret": a compound of a known name is no stranger.
        head = normalize_name(name.split("-")[0])
        if name and not {normalize_name(name), head} & (set(aliases) | ignore) and not _is_code(name):
            found.append(name)
    found += longer
    searched = text[: MAX_WORDS_SEARCHED * 20]
    return [
        *found,
        *(name for name in (_lower_case_university(searched, aliases), _lower_case_person(searched, aliases)) if name),
    ]


# "vem är henrik malmqvist på kth innovation?", "kontakta johan lindqvist på kth innovation": a person asked
# about, written in lower case; after a verb of contacting, only where a place or the end follows the name.
_LOWER_CASE_PERSON = re.compile(
    r"\b(?:vem är|vem var|who is|who's|who was)\s+([a-zåäöéü]{2,})\s+([a-zåäöéü]{2,})\b"
    r"|\b(?:kontakta|prata med|tala med|contact|talk to|speak to|speak with|reach)\s+([a-zåäöéü]{3,})\s+"
    r"([a-zåäöéü]{3,})(?=\s+(?:på|hos|vid|at|from|in)\b|\s*[,.?!]|\s*$)"
    # "is sofia nyberg the patent advisor at kth innovation?", "är per lind fortfarande samordnare där?"
    r"|\b(?:is|är|was|var)\s+([a-zåäöéü]{2,})\s+([a-zåäöéü]{2,})\s+(?:still\s+|fortfarande\s+|really\s+|verkligen\s+)?"
    r"(?:the\s+|a\s+|an\s+|en\s+|ett\s+)?(?:[a-zåäöé-]+\s+){0,2}(?:coordinator|advisor|adviser|head|director|manager"
    r"|officer|samordnare|koordinator|rådgivare|patentrådgivare|chef|handläggare|kontaktperson)\b"
)
# Roles asked about, not names ("who is head of ...", "vem är avdelningschef idag?").
_ROLE_WORDS = frozenset(
    {"chef", "avdelningschef", "ansvarig", "kontaktperson", "grundare", "rektor", "director", "head", "manager"}
    | {"contact", "responsible", "founder", "leader", "boss", "chair", "in", "charge"}
    # "det är rektorn själv som är chef": a role and a word of emphasis, no name.
    | {"rektorn", "chefen", "själv", "själva", "himself", "herself", "themselves", "actually", "really", "still"}
    # "vem var egentligen grundaren?": a word of emphasis and a role.
    | {"egentligen", "faktiskt", "verkligen", "grundaren", "ansvarige", "ansvariga", "ledaren", "founders"}
)


def _lower_case_person(text: str, aliases: Mapping[str, str]) -> str | None:
    found = _LOWER_CASE_PERSON.search(text)
    if found is None:
        return None
    words = [word for word in found.groups() if word]
    # A word of a known name ("innovationskontoret direkt") makes no stranger's name.
    named = {word for alias in aliases for word in alias.split()}
    common = ENGLISH_STOP_WORDS | SWEDISH_STOP_WORDS | _ROLE_WORDS | _NOT_NAME_WORDS | named
    return None if any(word in common for word in words) else " ".join(words)
