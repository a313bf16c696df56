"""Unanswered questions grouped so that paraphrases of one question stand together, offline.

Each question is represented by the features the assistant already uses: its words
without stop words, stemmed as Swedish and as English (the passage search's,
actions/passages.py), and their character 4-grams (as the NLU's char_wb featurizer,
config.yml), so that "parkering", "parkera" and "park" meet. Each feature is weighted
by how rare it is among the training examples and the questions being grouped (IDF):
what every question about the office says ("KTH Innovation", "har ni") weighs little.
Vectors are compared by cosine. Grouping
is one pass, most frequent question first: a question joins the group whose centre is
closest if that is at least SIMILARITY, else starts a group of its own. One pass keeps
it linear in the number of groups, so a year's questions group in seconds; questions
are grouped per language. SIMILARITY was chosen on paraphrase sets in both languages
(tests/test_insight.py keeps known paraphrases together and different questions apart).
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Tuple

import yaml

from actions.passages import query_terms
from actions.paths import PROJECT_ROOT

SIMILARITY = 0.3
NGRAM = 4
# Merging compares every pair of groups: above this many (in one language) the first pass stands alone.
MAX_MERGED_GROUPS = 3000
TRAINING_DATA = PROJECT_ROOT / "data" / "nlu"

Vector = Dict[str, float]


@dataclass
class Group:
    language: str
    questions: Counter = field(default_factory=Counter)  # text -> how often it was asked
    centre: Vector = field(default_factory=dict)

    @property
    def size(self) -> int:
        return sum(self.questions.values())

    @property
    def example(self) -> str:
        """The question asked most often in the group (the first in alphabetical order on a tie)."""
        return min(self.questions, key=lambda text: (-self.questions[text], text))


def _normalised(vector: Vector) -> Vector:
    norm = math.sqrt(sum(weight * weight for weight in vector.values()))
    return {term: weight / norm for term, weight in vector.items()} if norm else {}


def _cosine(a: Vector, b: Vector) -> float:
    if len(a) > len(b):
        a, b = b, a
    return sum(weight * b.get(term, 0.0) for term, weight in a.items())


def features(text: str) -> List[str]:
    """A question's stems and their character n-grams (short stems whole)."""
    stems = query_terms(text)
    grams = [f"#{stem[i:i + NGRAM]}" for stem in stems for i in range(max(1, len(stem) - NGRAM + 1))]
    return stems + grams


@lru_cache(maxsize=1)
def _background() -> Tuple[int, Counter]:
    """How many training examples there are, and how many of them have each feature."""
    examples = []
    for path in sorted(TRAINING_DATA.glob("*.yml")):
        for block in (yaml.safe_load(path.read_text(encoding="utf-8")) or {}).get("nlu") or []:
            examples += [line[2:] for line in str(block.get("examples") or "").splitlines() if line.startswith("- ")]
    return len(examples), Counter(feature for example in examples for feature in set(features(example)))


def _vectors(texts: List[str]) -> List[Vector]:
    counted = [Counter(features(text)) for text in texts]
    background_total, background = _background()
    documents = Counter(feature for counts in counted for feature in counts)
    total = len(texts) + background_total
    return [
        _normalised(
            {
                feature: count * math.log((1 + total) / (1 + documents[feature] + background[feature]))
                for feature, count in counts.items()
            }
        )
        for counts in counted
    ]


def _join(group: Group, questions: Counter, centre: Vector) -> None:
    """Adds questions (with their centre) to a group; its centre becomes the mean, weighted by how often each
    question was asked."""
    size, added = group.size, sum(questions.values())
    merged = defaultdict(float, {term: weight * size for term, weight in group.centre.items()})
    for term, weight in centre.items():
        merged[term] += weight * added
    group.questions.update(questions)
    group.centre = _normalised(dict(merged))


def _group_one_language(language: str, asked: Counter) -> List[Group]:
    texts = [text for text, _ in sorted(asked.items(), key=lambda item: (-item[1], item[0]))]
    groups: List[Group] = []
    for text, vector in zip(texts, _vectors(texts)):
        best: Optional[Tuple[float, Group]] = None
        for group in groups:
            similarity = _cosine(vector, group.centre)
            if similarity >= SIMILARITY and (best is None or similarity > best[0]):
                best = (similarity, group)
        if best is None:
            best = (0.0, Group(language))
            groups.append(best[1])
        _join(best[1], Counter({text: asked[text]}), vector)
    return _merged(groups) if len(groups) <= MAX_MERGED_GROUPS else groups


def _merged(groups: List[Group]) -> List[Group]:
    """Groups whose centres came as close as SIMILARITY once they grew, merged (largest first): the
    first pass depends on the order questions come in, this makes up for most of it."""
    groups = sorted(groups, key=lambda group: -group.size)
    kept: List[Group] = []
    for group in groups:
        target = next((k for k in kept if _cosine(k.centre, group.centre) >= SIMILARITY), None)
        if target is None:
            kept.append(group)
        else:
            _join(target, group.questions, group.centre)
    return kept


def group_questions(questions: Iterable[Tuple[str, str]]) -> List[Group]:
    """(language, text) pairs grouped, largest group first."""
    by_language: Dict[str, Counter] = defaultdict(Counter)
    for language, text in questions:
        by_language[language][" ".join(text.split())] += 1
    groups = [
        group for language, asked in sorted(by_language.items()) for group in _group_one_language(language, asked)
    ]
    return sorted(groups, key=lambda group: (-group.size, group.language, group.example))
