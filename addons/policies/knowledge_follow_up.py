"""Sends a follow-up to the knowledge graph when it asks what the conversation's things hold.

"When did the government decide on the innovation offices?" - "How many got one?" - "what funding came
with that?": the classifier, which sees one message, takes the last for a question about verification
funding (ask_funding), whose fixed text answers something else, and the NLU router leaves what the office
does for the visitor to those texts; nor does it send on a pointer alone what the classifier is sure is out
of scope. When such a question points back ("that", "det", "and ...?"), names nothing but KTH or its
office, and asks by the knowledge's own words (not weak ones) for an attribute that the things the last
answer was about hold, or the group they all belong to, this policy predicts action_knowledge, which
answers from the graph; then listening.

The names and words come from the knowledge files when the model is loaded, like the NLU components':
new knowledge needs a restart, never retraining.
"""

from __future__ import annotations

import logging
from functools import cached_property
from pathlib import Path
from typing import Any, List, Text

from rasa.core.policies.policy import Policy, PolicyPrediction
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.core.constants import ACTION_LISTEN_NAME
from rasa.shared.core.domain import Domain
from rasa.shared.core.generator import TrackerWithCachedStates
from rasa.shared.core.trackers import DialogueStateTracker

from actions import loader, names, questions
from actions.context import CONTEXT_SLOT, keys_before_latest_message
from actions.knowledge import OUT_OF_SCOPE
from actions.rules import TOPIC_INTENTS
from addons.nlu.knowledge_question import INTENT_ATTRIBUTES, Graph
from addons.policies.action_failure import silent_custom_action

logger = logging.getLogger(__name__)

KNOWLEDGE_ACTION = "action_knowledge"
# The intents the NLU router leaves to their own answers for a pointer: the topics, and what the classifier is
# sure is out of scope ("is there visitor parking, and what does it cost?" asks nothing of the office).
FOLLOWED_INTENTS = TOPIC_INTENTS | {OUT_OF_SCOPE}


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.POLICY_WITHOUT_END_TO_END_SUPPORT, is_trainable=False)
class KnowledgeFollowUpPolicy(Policy):
    """Predicts action_knowledge for a topic question that asks what the conversation's things hold."""

    # Ahead of the passage follow-up (7): what the conversation's things hold is more precise than a passage.
    @staticmethod
    def get_default_config() -> dict[Text, Any]:
        return {"priority": 8, "knowledge_dir": str(loader.DEFAULT_DIR)}

    def train(self, training_trackers: List[TrackerWithCachedStates], domain: Domain, **kwargs: Any) -> Resource:
        return self._resource

    @cached_property
    def _graph(self) -> Graph:
        return Graph.read(Path(self.config["knowledge_dir"]))

    def holds_asked(self, keys: List[str], asked: List[str]) -> bool:
        """Whether the things, or a group all of them belong to, hold one of the asked kinds."""
        graph = self._graph
        holders = [*keys, *(group for group, members in graph.members.items() if keys and set(keys) <= members)]
        return any(kind in graph.attributes.get(key, frozenset()) for key in holders for kind in asked)

    def is_follow_up(self, tracker: DialogueStateTracker) -> bool:
        message = tracker.latest_message
        graph = self._graph
        if message is None or not message.text or message.intent.get("name") not in FOLLOWED_INTENTS:
            return False
        text = message.text
        if not graph.aliases or not questions.refers_back(text) or questions.refers_to_person(text):
            return False
        matches = names.find_names(text, graph.aliases)
        if {match.key for match in matches} - graph.hosts - {loader.OFFICE_THING}:
            return False  # "and UU's?": the router's to read
        asked = [kind for kind in graph.strongly_asked(text, matches) if kind not in INTENT_ATTRIBUTES]
        events = (event.as_dict() for event in tracker.events)
        context = keys_before_latest_message(events, tracker.get_slot(CONTEXT_SLOT))
        return bool(asked) and self.holds_asked(context, asked)

    def predict_action_probabilities(
        self, tracker: DialogueStateTracker, domain: Domain, **kwargs: Any
    ) -> PolicyPrediction:
        probabilities = self._default_predictions(domain)
        if tracker.latest_action_name == KNOWLEDGE_ACTION and not silent_custom_action(tracker, domain):
            if tracker.latest_message and tracker.latest_message.intent.get("name") in FOLLOWED_INTENTS:
                probabilities[domain.index_for_action(ACTION_LISTEN_NAME)] = 1.0
        elif tracker.latest_action_name == ACTION_LISTEN_NAME and self.is_follow_up(tracker):
            probabilities[domain.index_for_action(KNOWLEDGE_ACTION)] = 1.0
        return self._prediction(probabilities)
