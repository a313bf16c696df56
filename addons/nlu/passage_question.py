"""Questions a passage of the office's facts answers better than the classifier's topic.

The classifier knows topics, and a visitor can ask a fact only a passage states in the
words of a topic: "How did KTH Innovation do when Vinnova evaluated the offices?" reads
like the history question, whose answer is the timeline. For an intent whose answer
states facts (a response with a source that the rules utter, the history event the intent
names, or the partner list), the question's words are weighed by their rarity among the passages, and
the share of them that the topic knows (its answer and its training questions) is compared
with the share the best passage holds. The passage answers (intent `ask_passage`) when it
covers at least the passage threshold (actions.passages.MIN_COVERAGE) and MIN_ADVANTAGE
more than the topic; a question in the topic's own words keeps its intent.

MIN_ADVANTAGE is chosen on the training data by cross-validation (python -m
benchmarks.thresholds): no more than one in twenty of the topics' training questions,
compared with what the other folds taught, is taken from its topic. The training
questions' words are learnt when the model is trained; the passages and the answers are
read when it is loaded, so an edit of the knowledge needs a restart, never retraining.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Dict, FrozenSet, Iterable, List, Optional, Text, Tuple

import yaml
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions import db, loader, passages
from actions.history import EVENT_FOR_INTENT, HISTORY_ACTION
from actions.models import Passage
from actions.partners import LIST_PARTNERS_ACTION
from actions.rules import RULES_FILE, intent_answers
from actions.sources import SOURCE_LINE, states_a_fact
from addons.nlu.fingerprint import RetrainedWhenEdited
from addons.nlu.routing import PASSAGE_INTENT, route_where
from addons.nlu.stored import read_json, write_json

logger = logging.getLogger(__name__)

# Chosen by benchmarks/thresholds.py (passage_advantage); tests/test_passages.py keeps it so.
MIN_ADVANTAGE = 0.5
VOCABULARY_FILE = "vocabulary.json"
_PLACEHOLDER = re.compile(r"\{\w+\}")

Terms = FrozenSet[str]


@dataclass(frozen=True)
class Topics:
    """The passages, and what each fact-answering intent knows: its answer's terms and its questions'."""

    passages: List[Passage] = field(default_factory=list)
    answers: Dict[str, Terms] = field(default_factory=dict)
    vocabulary: Dict[str, Terms] = field(default_factory=dict)

    @classmethod
    def read(cls, config: Dict[Text, Any], vocabulary: Dict[str, Terms]) -> "Topics":
        try:
            knowledge = loader.read_knowledge(Path(config["knowledge_dir"]))
            texts = answer_texts(knowledge, _yaml(config["domain"]), _yaml(config["rules"]))
        except (loader.KnowledgeError, OSError, yaml.YAMLError) as error:
            logger.error("Passages not read, no topic question will be answered from them: %s", error)
            return cls()
        answers = {intent: frozenset(passages.document_terms(sv, en)) for intent, (sv, en) in texts.items()}
        return cls(knowledge.passages, answers, vocabulary)

    def advantage(self, text: str, intent: str) -> Optional[float]:
        """How much more of the question the best passage covers than the topic (None: no passage answers)."""
        answer = self.answers.get(intent)
        if answer is None or not self.passages:
            return None
        text, found = passages.searched(self.passages, text)
        if found is None or found[1] < passages.MIN_COVERAGE:
            return None
        known = answer | self.vocabulary.get(intent, frozenset())
        return found[1] - passages.covered_by(self.passages, text, known)

    def better_passage(self, text: str, intent: str) -> bool:
        if not passages.says_enough(text):
            return False  # "vilket lärosäte hör det till?": the conversation's, which the classifier cannot see
        advantage = self.advantage(text, intent)
        return advantage is not None and advantage >= MIN_ADVANTAGE


def vocabulary(examples: Iterable[Tuple[str, str]]) -> Dict[str, Terms]:
    """{intent: the stems of its training questions}, from (intent, text) pairs."""
    found: Dict[str, set] = {}
    for intent, text in examples:
        found.setdefault(intent, set()).update(passages.query_terms(text))
    return {intent: frozenset(terms) for intent, terms in found.items()}


def answer_texts(knowledge: loader.Knowledge, domain: dict, rules: dict) -> Dict[str, Tuple[str, str]]:
    """{intent: (Swedish, English) text of its answer} for the intents a rule answers with facts."""
    events = {event.key: event for event in knowledge.events}
    responses = domain.get("responses") or {}
    texts = {}
    for intent, action in intent_answers(rules).items():
        if action == HISTORY_ACTION:
            event = events.get(EVENT_FOR_INTENT.get(intent, ""))
            said = [(event.text_sv, event.text_en)] if event else [(e.title_sv, e.title_en) for e in knowledge.events]
            texts[intent] = (" ".join(s for s, _ in said), " ".join(e for _, e in said))
        elif action == LIST_PARTNERS_ACTION:
            texts[intent] = (
                " ".join(p.name_sv for p in knowledge.partners),
                " ".join(p.name_en for p in knowledge.partners),
            )
        elif action in responses and all(states_a_fact(v.get("text") or "") for v in responses[action]):
            texts[intent] = (_said(responses[action], "sv"), _said(responses[action], "en"))
    return texts


def _said(variations: List[dict], language: str) -> str:
    """What a response says in one language (its language-conditioned variations), without its source."""
    chosen = [
        v.get("text") or ""
        for v in variations
        if any(c.get("value") == language for c in v.get("condition") or []) or not v.get("condition")
    ]
    return _PLACEHOLDER.sub(" ", SOURCE_LINE.sub(" ", " ".join(chosen)))


def _yaml(path: str) -> dict:
    return yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class PassageQuestionClassifier(RetrainedWhenEdited, GraphComponent):
    """Marks topic questions a passage answers better than the topic as `ask_passage`."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "knowledge_dir": str(loader.DEFAULT_DIR),
            "domain": str(db.PROJECT_ROOT / "domain.yml"),
            "rules": str(RULES_FILE),
        }

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        learnt: Optional[Dict[str, Terms]] = None,
    ) -> None:
        self._config = {**self.get_default_config(), **config}
        self._model_storage, self._resource = model_storage, resource
        self._topics = Topics.read(self._config, learnt or {})

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "PassageQuestionClassifier":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        learnt = vocabulary(
            (e.get(INTENT), e.get(TEXT)) for e in training_data.intent_examples if e.get(INTENT) and e.get(TEXT)
        )
        stored = {intent: sorted(terms) for intent, terms in learnt.items()}
        write_json(self._model_storage, self._resource, VOCABULARY_FILE, stored)
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "PassageQuestionClassifier":
        stored = read_json(model_storage, resource, VOCABULARY_FILE)
        if stored is None:
            logger.debug("%s has no learnt vocabulary; topics are known by their answers only.", cls.__name__)
            stored = {}
        return cls(config, model_storage, resource, {intent: frozenset(terms) for intent, terms in stored.items()})

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        return route_where(messages, PASSAGE_INTENT, self._topics.better_passage)
