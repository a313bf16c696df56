"""For staff trying the assistant in the terminal: what it understood of the previous message.

Only in `rasa shell` (the channel "cmdline"): over a public channel anyone who
knows or guesses a conversation's id could read its last message this way.
"""

from __future__ import annotations

from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

# The channel of `rasa shell`, where only staff with the server at hand talk to the assistant.
STAFF_CHANNELS = frozenset({"cmdline"})


def _previous_user_message(tracker: Tracker) -> dict[str, Any] | None:
    """The user message before the one asking for the explanation."""
    messages = [event for event in tracker.events if event.get("event") == "user"]
    return messages[-2] if len(messages) >= 2 else None


class ActionExplain(Action):
    """Shows intent, confidence, entities and language of the previous message."""

    def name(self) -> str:
        return "action_explain"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if tracker.get_latest_input_channel() not in STAFF_CHANNELS:
            dispatcher.utter_message(response="utter_explain_staff_only")
            return []
        previous = _previous_user_message(tracker)
        if previous is None:
            dispatcher.utter_message(response="utter_explain_nothing")
            return []
        parse = previous.get("parse_data") or {}
        intent = parse.get("intent") or {}
        entities = ", ".join(f"{e.get('entity')}={e.get('value')}" for e in parse.get("entities") or []) or "–"
        dispatcher.utter_message(
            response="utter_explain",
            said=previous.get("text") or "",
            intent_name=intent.get("name") or "–",
            confidence=f"{float(intent.get('confidence') or 0):.2f}",
            entities=entities,
            detected_language=parse.get("language") or "–",
        )
        return []
