"""Speaks up when a custom action said nothing, e.g. because the action server is down.

Rasa logs a failed custom action and carries on in silence; a visitor would be
left waiting. Every custom action of this assistant answers with at least one
message, so a custom action followed by no message means it failed: this
policy then predicts an apology that carries the general contact, then listens.
It only does so in conversations that came through a channel (REST, socketio,
shell, Slack): in test stories (`rasa test`), actions are predicted, never run,
and their messages are missing by design.
"""

from __future__ import annotations

from typing import Any, List, Optional, Text

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

APOLOGY = "utter_assistant_unavailable"


def silent_custom_action(tracker: DialogueStateTracker, domain: Domain) -> Optional[Text]:
    """The custom action that ran last if it produced no message, else None."""
    for event in reversed(tracker.events):
        if isinstance(event, BotUttered):
            return None
        if isinstance(event, ActionExecuted):
            name = event.action_name
            return name if name in domain.user_actions and not name.startswith("utter_") else None
    return None


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class ActionFailurePolicy(Policy):
    """Predicts an apology after a silent custom action, and listening after the apology."""

    @staticmethod
    def get_default_config() -> dict[Text, Any]:
        return {"priority": 7}

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    def predict_action_probabilities(
        self, tracker: DialogueStateTracker, domain: Domain, **kwargs: Any
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        if tracker.latest_action_name == APOLOGY:
            probabilities[domain.index_for_action(ACTION_LISTEN_NAME)] = 1.0
        elif tracker.get_latest_input_channel() and silent_custom_action(tracker, domain):
            probabilities[domain.index_for_action(APOLOGY)] = 1.0
        return self._prediction(probabilities)
