"""The closest passage of the office's own facts (knowledge/passages.yml) to a question, offline.

BM25 (bm25s) over both languages of every passage, each stemmed by its own
language's Snowball stemmer, stop words of both languages left out. A question
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

from actions.models import Passage

MIN_COVERAGE = 0.45
_WORD = re.compile(r"[^\W_]+", re.UNICODE)
# spaCy's lists: bm25s's English list (33 words) leaves "do", "you", "can" in every question.
_STOPWORDS = frozenset(SWEDISH_STOP_WORDS) | frozenset(ENGLISH_STOP_WORDS)
_STEMMERS = {"sv": snowballstemmer.stemmer("swedish"), "en": snowballstemmer.stemmer("english")}


@dataclass(frozen=True)
class Found:
    passage: Passage
    coverage: float


def _words(text: str) -> list[str]:
    return [word for word in _WORD.findall(text.casefold()) if word not in _STOPWORDS]


def document_terms(text_sv: str, text_en: str) -> list[str]:
    """A passage's terms: its Swedish text stemmed as Swedish, its English text as English."""
    return _STEMMERS["sv"].stemWords(_words(text_sv)) + _STEMMERS["en"].stemWords(_words(text_en))


def word_stems(text: str) -> list[frozenset[str]]:
    """Each word of a question as its Swedish and English stems."""
    return [frozenset((_STEMMERS["sv"].stemWord(w), _STEMMERS["en"].stemWord(w))) for w in _words(text)]


def query_terms(text: str) -> list[str]:
    """A question's terms, stemmed as Swedish and as English (each once)."""
    return sorted(set().union(*word_stems(text)))


@dataclass(frozen=True)
class _Index:
    bm25: bm25s.BM25
    terms: tuple[frozenset[str], ...]  # each passage's terms
    frequency: dict[str, int]  # in how many passages each term is

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


def scores(passages: list[Passage], text: str) -> np.ndarray:
    """The BM25 score of every passage for a question."""
    terms = query_terms(text)
    if not passages or not terms:
        return np.zeros(len(passages))
    return _index(tuple((p.text_sv, p.text_en) for p in passages)).bm25.get_scores(terms)


def coverage(passages: list[Passage], text: str, best: int) -> float:
    """The rarity-weighted share of the question's words that passage `best` contains."""
    index = _index(tuple((p.text_sv, p.text_en) for p in passages))
    return covered_by(passages, text, index.terms[best])


def covered_by(passages: list[Passage], text: str, terms: frozenset[str]) -> float:
    """The rarity-weighted share of the question's words among `terms` (a passage's or any text's).

    Rarity is counted among the passages, so the same question weighs its words
    alike whichever text it is compared with.
    """
    words = word_stems(text)
    if not words:
        return 0.0
    index = _index(tuple((p.text_sv, p.text_en) for p in passages))
    weights = np.array([index.rarity(stems) for stems in words])
    found = np.array([bool(stems & terms) for stems in words])
    return float(weights[found].sum() / weights.sum())


def closest(passages: list[Passage], text: str) -> tuple[int, float] | None:
    """The best-ranked passage for a question and how much of the question it covers."""
    ranked = scores(passages, text)
    if not len(ranked) or ranked.max() <= 0:
        return None
    best = int(ranked.argmax())
    return best, coverage(passages, text, best)


def best_passage(session: Session, text: str, min_coverage: float = MIN_COVERAGE) -> Found | None:
    """The passage that answers `text` best, if it covers enough of the question."""
    passages = list(session.scalars(select(Passage).order_by(Passage.position)))
    found = closest(passages, text)
    if found is None or found[1] < min_coverage:
        return None
    return Found(passages[found[0]], found[1])
