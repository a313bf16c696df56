"""Keeps the slot `language` (which picks every response's variation) up to date.

Set at the first prediction after each user message, before any response is
rendered, from (1) an explicit `language` entity, as in
`/switch_language{"language": "en"}`, or (2) the language that
addons.nlu.language_detector found in the message. When the message does not tell,
the slot keeps its value: the conversation's language.
"""

from __future__ import annotations

from typing import Any, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import SlotSet
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from addons.nlu.language_detector import LANGUAGE_CODES, LANGUAGE_KEY

LANGUAGE_SLOT = "language"


def message_language(tracker: DialogueStateTracker) -> Optional[Text]:
    """The language the latest user message asks for or is written in, if it tells."""
    message = tracker.latest_message
    if message is None:
        return None
    explicit = [e.get("value") for e in message.entities if e.get("entity") == LANGUAGE_SLOT]
    if explicit and explicit[-1] in LANGUAGE_CODES:
        return explicit[-1]
    detected = message.parse_data.get(LANGUAGE_KEY)
    return detected if detected in LANGUAGE_CODES else None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class LanguagePolicy(Policy):
    """Predicts no action; only sets the language slot when the message changes it."""

    @staticmethod
    def get_default_config() -> dict[Text, Any]:
        return {"priority": 1}

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self, tracker: DialogueStateTracker, domain: Domain, **kwargs: Any
    ) -> PolicyPrediction:
        language = message_language(tracker)
        changed = language is not None and tracker.get_slot(LANGUAGE_SLOT) != language
        return self._prediction(
            self._default_predictions(domain), events=[SlotSet(LANGUAGE_SLOT, language)] if changed else None
        )
