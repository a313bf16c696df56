"""The closest passage of the office's own facts (knowledge/passages.yml) to a question, offline.

BM25 (bm25s) over both languages of every passage, each stemmed by its own
language's Snowball stemmer, stop words of both languages left out. A passage
is searched with the questions it answers in visitors' words (`asked` in
passages.yml: document expansion), since visitors rarely use its own words. A question
is stemmed both ways, so it finds a passage by its Swedish or its English words
whichever language it is asked in, and is answered in the conversation's
language. BM25 ranks; whether the best passage answers at all is decided by how
much of the question it covers: the share of the question's words it contains,
each weighted by how rare the word is among the passages (a word no passage has
weighs most). A passage answers only when that share reaches MIN_COVERAGE,
chosen on the training data's out-of-scope questions (benchmarks/thresholds.py):
at most one in twenty of them reaches it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

import bm25s
import numpy as np
import snowballstemmer
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS
from spacy.lang.sv.stop_words import STOP_WORDS as SWEDISH_STOP_WORDS
from sqlalchemy import select
from sqlalchemy.orm import Session

from actions import questions
from actions.models import Passage

MIN_COVERAGE = 0.47
# A word this long that no passage has may be a compound of words they have, each part at least MIN_PART long.
MIN_COMPOUND, MIN_PART = 8, 4
# A question pointing back ("what was it called before?") says enough to be searched without the
# conversation only with this many words: a word or two match a passage by chance.
MIN_WORDS_ALONE = 3
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# spaCy's lists: bm25s's English list (33 words) leaves "do", "you", "can" in every question.
_STOPWORDS = frozenset(SWEDISH_STOP_WORDS) | frozenset(ENGLISH_STOP_WORDS)
_STEMMERS = {"sv": snowballstemmer.stemmer("swedish"), "en": snowballstemmer.stemmer("english")}


def _words(text: str) -> list[str]:
    return [word for word in _WORD.findall(text.casefold()) if word not in _STOPWORDS]


def document_terms(text_sv: str, text_en: str) -> list[str]:
    """A passage's terms: its Swedish text stemmed as Swedish, its English text as English."""
    return _STEMMERS["sv"].stemWords(_words(text_sv)) + _STEMMERS["en"].stemWords(_words(text_en))


def word_stems(text: str) -> list[frozenset[str]]:
    """Each word of a question as its Swedish and English stems."""
    return [frozenset((_STEMMERS["sv"].stemWord(w), _STEMMERS["en"].stemWord(w))) for w in _words(text)]


def few_words(text: str) -> bool:
    """Whether a question has too few words of its own to be searched without the conversation."""
    return len(word_stems(text)) < MIN_WORDS_ALONE


def says_enough(text: str) -> bool:
    """Whether a question can be searched without the conversation it may point back to."""
    return not questions.refers_back(text) or not few_words(text)


def query_terms(text: str) -> list[str]:
    """A question's terms, stemmed as Swedish and as English (each once)."""
    return sorted(set().union(*word_stems(text)))


@dataclass(frozen=True)
class _Index:
    bm25: bm25s.BM25
    terms: tuple[frozenset[str], ...]  # each passage's terms
    frequency: dict[str, int]  # in how many passages each term is

    def parts(self, word: str) -> frozenset[str]:
        """A word's stems, or, for a Swedish compound no passage has, the stems of its two parts that passages
        have ("samverkansarbete": samverkan, arbete), so that it counts as the words it is made of."""
        stems = word_stems(word)[0] if _words(word) else frozenset()
        if any(stem in self.frequency for stem in stems) or len(word) < MIN_COMPOUND:
            return stems
        stem = _STEMMERS["sv"].stemWord
        for cut in range(MIN_PART, len(word) - MIN_PART + 1):
            head, tail = word[:cut], word[cut:]
            heads = {stem(head), stem(head[:-1])} if head.endswith("s") else {stem(head)}
            found = [h for h in heads if h in self.frequency]
            if found and stem(tail) in self.frequency:
                return frozenset({found[0], stem(tail)})
        return stems

    def rarity(self, stems: frozenset[str]) -> float:
        """Inverse document frequency of a word (in how many passages either of its stems is); a word no
        passage has is rarest. ("decision" is stemmed "decision" as Swedish, which no passage has: the
        English stem says how common the word is.)"""
        count = max(self.frequency.get(stem, 0) for stem in stems)
        return float(np.log((len(self.terms) + 1) / (count + 0.5)))


@lru_cache(maxsize=4)
def _index(texts: tuple[tuple[str, str], ...]) -> _Index:
    """The index of these passages; rebuilt only when the knowledge changes."""
    documents = [document_terms(sv, en) for sv, en in texts]
    bm25 = bm25s.BM25()
    bm25.index(documents, show_progress=False)
    terms = tuple(frozenset(document) for document in documents)
    frequency: dict[str, int] = {}
    for document in terms:
        for term in document:
            frequency[term] = frequency.get(term, 0) + 1
    return _Index(bm25, terms, frequency)


def _index_of(passages: list[Passage]) -> _Index:
    return _index(tuple(p.searched() for p in passages))


def scores(passages: list[Passage], text: str) -> np.ndarray:
    """The BM25 score of every passage for a question."""
    if not passages or not query_terms(text):
        return np.zeros(len(passages))
    index = _index_of(passages)
    return index.bm25.get_scores(sorted(set().union(*(index.parts(word) for word in _words(text)))))


def coverage(passages: list[Passage], text: str, best: int) -> float:
    """The rarity-weighted share of the question's words that passage `best` contains."""
    return covered_by(passages, text, _index_of(passages).terms[best])


def covered_by(passages: list[Passage], text: str, terms: frozenset[str]) -> float:
    """The rarity-weighted share of the question's words among `terms` (a passage's or any text's).

    Rarity is counted among the passages, so the same question weighs its words
    alike whichever text it is compared with.
    """
    index = _index_of(passages)
    words = [index.parts(word) for word in _words(text)]
    if not words:
        return 0.0
    weights = np.array([index.rarity(stems) for stems in words])
    found = np.array([bool(stems & terms) for stems in words])
    return float(weights[found].sum() / weights.sum())


# Passages ranked within this share of the best BM25 score are near ties: the one covering most of the
# question wins ("did they keep working with KTH after that?" is the continuation's, not the aim's).
NEAR_TIE = 0.9


def closest(passages: list[Passage], text: str) -> tuple[int, float] | None:
    """The best-ranked passage for a question and how much of the question it covers."""
    ranked = scores(passages, text)
    if not len(ranked) or ranked.max() <= 0:
        return None
    near = [int(i) for i in np.flatnonzero(ranked >= NEAR_TIE * ranked.max())]
    covered = {i: coverage(passages, text, i) for i in near}
    best = max(near, key=lambda i: (covered[i], ranked[i]))
    return best, covered[best]


def searched(passages: list[Passage], text: str) -> tuple[str, tuple[int, float] | None]:
    """What of a message is searched, and its closest passage: the whole, or, when no passage covers the whole,
    the sentences that ask if one covers them ("vad är det för rubrik som står allra sist på sidan? sidan ser
    ut att sluta abrupt": the remark after the question has words of its own that no passage needs to hold)."""
    whole = closest(passages, text)
    start, end = questions.asking_sentence(text)
    asking = text[start:end]
    if asking.strip() == text.strip() or few_words(asking) or questions.refers_back(asking):
        return text, whole  # "... vem som äger rättigheterna. vad är första steget för att reda ut det?"
    if whole is not None and whole[1] >= MIN_COVERAGE:
        return text, whole
    alone = closest(passages, asking)
    return (asking, alone) if alone is not None and alone[1] >= MIN_COVERAGE else (text, whole)


def answering(passages: list[Passage], text: str) -> list[int]:
    """The passages that answer a message: one for each of its questions when it asks several and a passage
    covers each ("What was the bill called, and how many universities got offices then?"), else the one
    that covers the whole message (or the sentences of it that ask), if any."""
    text, whole = searched(passages, text)
    parts = questions.question_parts(text)
    found = [closest(passages, part) for part in parts] if len(parts) > 1 else []
    if found and all(f is not None and f[1] >= MIN_COVERAGE for f in found):
        return list(dict.fromkeys(f[0] for f in found if f is not None))
    return [whole[0]] if whole is not None and whole[1] >= MIN_COVERAGE else []


# A follow-up's question words that ask for a time or a number, and how a passage shows that it holds one.
_ASKS_TIME = re.compile(
    r"\b(?:when|what year|which year|how long|since when|när|vilket år|hur länge|sedan när|sen när)\b", re.IGNORECASE
)
_TIME = re.compile(r"\b(?:1[89]|20)\d\d\b")
_ASKS_NUMBER = re.compile(r"\b(?:how much|how many|hur mycket|hur många)\b", re.IGNORECASE)
_NUMBER = re.compile(r"\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|två|tre|fyra|fem|sju|åtta|nio|tio)\b")
_ANSWER_TYPES = ((_ASKS_TIME, _TIME), (_ASKS_NUMBER, _NUMBER))


def follow_up(passages: list[Passage], previous: str, text: str, replied: str = "") -> int | None:
    """The passage that answers a follow-up ("vilket år var det?") to the question before it, if one does.

    The two questions are searched together (the follow-up alone says too little); the passage found
    must hold what the follow-up's question words ask for (a year for "when", a number for "how
    many"), cover the question before and the follow-up's other words, so that a follow-up asking something new
    ("when was it founded?" after InterAct's members) is left to the rest of the assistant. Only
    words some passage has count: the question before was in scope, and a word no passage has
    ("sen när har ni suttit där?") tells nothing either way. What the assistant `replied` to the question
    before counts for it: a topic's answer about the teacher's exemption is what "vilken lag står det i?" asks
    about, in whatever words the visitor asked.
    """
    combined = f"{previous}\n{text}"
    found = closest(passages, combined)
    if found is None:
        return None
    best = found[0]
    said = f"{passages[best].text_sv}\n{passages[best].text_en}"
    if any(asks.search(text) and not holds.search(said) for asks, holds in _ANSWER_TYPES):
        return None
    topics = [topic for topic in (_known_words(passages, previous), _known_words(passages, replied)) if topic]
    if not any(coverage(passages, topic, best) >= MIN_COVERAGE for topic in topics):
        return None  # the passage must be about what was asked before, or what answered it
    rest = _known_words(passages, _ASKS_NUMBER.sub(" ", _ASKS_TIME.sub(" ", text)))
    if rest and coverage(passages, rest, best) < MIN_COVERAGE:
        return None
    return best


def _known_words(passages: list[Passage], text: str) -> str:
    """The words of a text that some passage has."""
    index = _index_of(passages)
    return " ".join(word for word in _words(text) if any(index.frequency.get(stem) for stem in word_stems(word)[0]))


def passages_of(session: Session) -> list[Passage]:
    """Every passage, in the files' order."""
    return list(session.scalars(select(Passage).order_by(Passage.position)))
