"""The office's history: the whole timeline, or the one event a question is about."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import repository
from actions.base import KnowledgeAction
from actions.context import remember
from actions.sources import source_link

HISTORY_ACTION = "action_history"
# Which history event (knowledge/history.yml) answers which question.
EVENT_FOR_INTENT = {
    "ask_bill": "bill",
    "ask_eight_offices": "eight-offices",
    "ask_why_kth_innovation": "folded-into-kth-innovation",
    "ask_interact": "interact",
    "ask_su_office": "su-own-office",
}


class ActionHistory(KnowledgeAction):
    """Answers history questions from the database."""

    def name(self) -> str:
        return HISTORY_ACTION

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session, language: str
    ) -> list[dict[str, Any]]:
        intent = str((tracker.latest_message.get("intent") or {}).get("name") or "")
        key = EVENT_FOR_INTENT.get(intent)
        event = repository.history_event(session, key) if key else None
        if event is not None:
            dispatcher.utter_message(
                response="utter_history_event",
                event_title=event.title(language),
                event_text=event.text(language),
                source_url=source_link(event.source),
            )
            return remember(event.thing_keys()) if event.thing_keys() else []
        events = repository.timeline(session)
        lines = [f"• {event.when}: {event.title(language)}" for event in events]
        # Every event of the timeline is on the office's page, which the first event names first.
        dispatcher.utter_message(
            response="utter_history_timeline",
            timeline="\n".join(lines),
            source_url=source_link(events[0].source) if events else "",
        )
        return []
