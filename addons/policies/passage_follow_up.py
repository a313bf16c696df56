"""Sends a follow-up to an answer to the passage search, with the question before it.

"Hur gick det för KTH Innovation när Vinnova utvärderade kontoren?" is answered;
"vilket år var det?" alone says too little for any search, and the classifier,
which sees one message, takes it for anything. When the last answer stated a fact
and the new message points back to it ("det", "that", "and ...?"), names nothing
and no one of its own, and a passage answers the two questions together
(actions.passages.follow_up), this policy predicts action_passage_follow_up, which
answers from that passage; then listening (or, if the action failed, the
apology of addons.policies.action_failure). Otherwise it predicts nothing and the
rules answer as usual.

The passages and names come from the knowledge files when the model is loaded, like
the NLU components': new knowledge needs a restart, never retraining.
"""

from __future__ import annotations

import logging
import re
from functools import cached_property
from pathlib import Path
from typing import Any, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from actions import loader, names, passages, questions
from actions.explain import STAFF_CHANNELS
from actions.fallback import FOLLOW_UP_ACTION
from actions.knowledge import OUT_OF_SCOPE
from actions.sources import states_a_fact
from addons.nlu.routing import ROUTED_INTENTS
from addons.policies.action_failure import silent_custom_action

logger = logging.getLogger(__name__)

# The intents whose replies would not answer a follow-up: "did you mean", "outside what I know", and, for
# visitors, the staff's "what did you understand?" ("Who did that, and how well did they do?" resembles it).
UNANSWERED_INTENTS = frozenset({"nlu_fallback", OUT_OF_SCOPE})
EXPLAIN_INTENT = "explain"
_WORD = re.compile(r"[^\W\d_]{2,}")
# An intent the classifier gives less confidence than this (calibrated: it is more likely wrong than right)
# yields to the passage: "And did they keep working with KTH after that?" is no question of KTH's history,
# "vilket år var det?" (explain, 0.34) no staff question of what was understood.
MIN_TOPIC_CONFIDENCE = 0.5


def last_exchange(tracker: DialogueStateTracker) -> tuple[Optional[str], List[str]]:
    """The visitor's message before the latest one and the texts that answered it."""
    answered: List[str] = []
    seen_latest = False
    for event in reversed(tracker.events):
        if isinstance(event, UserUttered):
            if seen_latest:
                return event.text, answered
            seen_latest = True
        elif isinstance(event, BotUttered) and seen_latest:
            answered.append(event.text or "")
    return None, answered


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class PassageFollowUpPolicy(Policy):
    """Predicts action_passage_follow_up for a follow-up a passage answers, and listening after it."""

    @staticmethod
    def get_default_config() -> dict[Text, Any]:
        return {"priority": 7, "knowledge_dir": str(loader.DEFAULT_DIR)}

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    @cached_property
    def _knowledge(self) -> Optional[loader.Knowledge]:
        try:
            return loader.read_knowledge(Path(self.config["knowledge_dir"]))
        except loader.KnowledgeError as error:
            logger.error("Knowledge not loaded, no follow-up will be searched in the passages: %s", error)
            return None

    @cached_property
    def _aliases(self) -> dict[str, str]:
        return self._knowledge.aliases() if self._knowledge else {}

    def is_follow_up(self, tracker: DialogueStateTracker) -> bool:
        message = tracker.latest_message
        if self._knowledge is None or message is None or not message.text:
            return False
        intent, confidence = message.intent.get("name"), message.intent.get("confidence") or 0.0
        unanswered = intent in UNANSWERED_INTENTS or (
            intent == EXPLAIN_INTENT and tracker.get_latest_input_channel() not in STAFF_CHANNELS
        )
        # The graph and the topics the classifier is sure of answer "it" for the conversation's thing.
        if not unanswered and (intent in ROUTED_INTENTS or confidence >= MIN_TOPIC_CONFIDENCE):
            return False
        if not _WORD.search(message.text) or not ("?" in message.text or questions.refers_back(message.text)):
            return False  # no question ("😀😀😀", "ok")
        if not questions.refers_back(message.text) and not passages.few_words(message.text):
            return False  # "hur länge har ni varit där?" says too little to stand alone
        previous, answered = last_exchange(tracker)
        if not previous or not any(states_a_fact(text) for text in answered):
            return False
        named = {match.key for match in names.find_names(message.text, self._aliases)}
        if questions.refers_to_person(message.text) or named - self._knowledge.hosts():
            return False  # "and her e-mail?", "and UU's?": the graph's; KTH and its office are everywhere
        replied = "\n".join(answered)
        return passages.follow_up(self._knowledge.passages, previous, message.text, replied) is not None

    def predict_action_probabilities(
        self, tracker: DialogueStateTracker, domain: Domain, **kwargs: Any
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        if tracker.latest_action_name == FOLLOW_UP_ACTION and not silent_custom_action(tracker, domain):
            probabilities[domain.index_for_action(ACTION_LISTEN_NAME)] = 1.0
        elif tracker.latest_action_name == ACTION_LISTEN_NAME and self.is_follow_up(tracker):
            probabilities[domain.index_for_action(FOLLOW_UP_ACTION)] = 1.0
        return self._prediction(probabilities)
