"""Low confidence: offer the likeliest topics as buttons ("did you mean ...?")."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.base import language_of

MAX_SUGGESTIONS = 3
# A suggestion is worth showing only above this confidence.
MIN_CONFIDENCE = 0.05
TOPIC_PREFIX = "utter_topic_"


def response_text(domain: dict[str, Any], name: str, language: str) -> str | None:
    """The text of a domain response in the given language (its language-conditioned variation)."""
    for variation in domain.get("responses", {}).get(name, []):
        conditions = variation.get("condition") or []
        if any(c.get("name") == "language" and c.get("value") == language for c in conditions):
            return variation.get("text")
    return None


class ActionDidYouMean(Action):
    """Suggests up to three topics the message may have been about, as buttons."""

    def name(self) -> str:
        return "action_did_you_mean"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        language = language_of(tracker)
        buttons = []
        for ranked in tracker.latest_message.get("intent_ranking", []):
            label = response_text(domain, TOPIC_PREFIX + ranked.get("name", ""), language)
            if label and ranked.get("confidence", 0) >= MIN_CONFIDENCE:
                buttons.append({"title": label, "payload": f"/{ranked['name']}"})
            if len(buttons) == MAX_SUGGESTIONS:
                break
        if not buttons:
            dispatcher.utter_message(response="utter_fallback_contact")
            return []
        buttons.append({"title": response_text(domain, "utter_topic_none", language) or "…", "payload": "/human_handoff"})
        dispatcher.utter_message(response="utter_did_you_mean", buttons=buttons)
        return []
