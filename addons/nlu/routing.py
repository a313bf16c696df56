"""Routing a message to an intent no classifier was trained on (set from the knowledge files)."""

from __future__ import annotations

from typing import Callable, List

from rasa.shared.nlu.constants import INTENT, INTENT_RANKING_KEY, TEXT
from rasa.shared.nlu.training_data.message import Message

# Set after classification, never trained: a question the knowledge graph answers
# (addons.nlu.knowledge_question), and one a passage answers better than its topic (addons.nlu.passage_question).
KNOWLEDGE_INTENT = "ask_knowledge"
PASSAGE_INTENT = "ask_passage"
ROUTED_INTENTS = frozenset({KNOWLEDGE_INTENT, PASSAGE_INTENT})


def route(message: Message, intent: str) -> None:
    """Sets `intent` with full confidence, ahead of the classifier's ranking (which explains keep)."""
    marked = {"name": intent, "confidence": 1.0}
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != intent]
    message.set(INTENT, marked, add_to_output=True)
    message.set(INTENT_RANKING_KEY, [marked, *ranking], add_to_output=True)


def route_where(messages: List[Message], intent: str, wanted: Callable[[str, str], bool]) -> List[Message]:
    """Routes to `intent` each message for which `wanted(text, classified intent)` holds."""
    for message in messages:
        if wanted(message.get(TEXT) or "", (message.get(INTENT) or {}).get("name") or ""):
            route(message, intent)
    return messages
