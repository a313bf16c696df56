"""Whom to contact, who leads the office, and a contact's e-mail."""
from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import repository
from actions.base import KnowledgeAction

CONTACT_SLOT = "contact"
# The same person answers all of these; only the wording differs.
RESPONSE_FOR_INTENT = {
    "ask_contact": "utter_contact",
    "ask_leader": "utter_leader",
    "human_handoff": "utter_handoff",
}


class ActionContact(KnowledgeAction):
    """Names the office's contact person with title and e-mail, plus the general address."""

    def name(self) -> str:
        return "action_contact"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session, language: str
    ) -> list[dict[str, Any]]:
        person = repository.primary_contact(session)
        if person is None:
            dispatcher.utter_message(response="utter_knowledge_unavailable")
            return []
        intent = (tracker.latest_message.get("intent") or {}).get("name")
        # Who leads the office is one person; the other addresses only help those who want to write.
        others = [] if intent == "ask_leader" else [c for c in repository.all_contacts(session) if c.key != person.key]
        dispatcher.utter_message(
            response=RESPONSE_FOR_INTENT.get(intent, "utter_contact"),
            contact_name=person.name,
            title=person.title(language),
            email=person.email,
        )
        for other in others:
            dispatcher.utter_message(
                response="utter_contact_other", contact_name=other.name, about=other.about(language), email=other.email
            )
        return [SlotSet(CONTACT_SLOT, person.key)]


class ActionContactEmail(KnowledgeAction):
    """The e-mail of the contact the conversation is about (the office's contact by default)."""

    def name(self) -> str:
        return "action_contact_email"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session, language: str
    ) -> list[dict[str, Any]]:
        key = tracker.get_slot(CONTACT_SLOT)
        person = (repository.contact(session, key) if key else None) or repository.primary_contact(session)
        if person is None:
            dispatcher.utter_message(response="utter_knowledge_unavailable")
            return []
        dispatcher.utter_message(response="utter_contact_email", contact_name=person.name, email=person.email)
        return [SlotSet(CONTACT_SLOT, person.key)]
