"""Whom to contact, who leads the office, and a contact's e-mail."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import names, repository
from actions.base import KnowledgeAction
from actions.context import PERSON_SLOT
from actions.models import Contact
from actions.normalize import normalize_name
from actions.sources import source_link

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
        intent = str((tracker.latest_message.get("intent") or {}).get("name") or "")
        # Who leads the office is one person; the other addresses only help those who want to write.
        others = [] if intent == "ask_leader" else [c for c in repository.all_contacts(session) if c.key != person.key]
        dispatcher.utter_message(
            response=RESPONSE_FOR_INTENT.get(intent, "utter_contact"),
            contact_name=person.name,
            title=person.title(language),
            email=person.email,
            source_url=source_link(person.source),
        )
        for other in others:
            dispatcher.utter_message(
                response="utter_contact_other",
                contact_name=other.name,
                about=other.about(language),
                email=other.email,
                source_url=source_link(other.source),
            )
        return [SlotSet(PERSON_SLOT, person.key)]


class ActionContactEmail(KnowledgeAction):
    """The e-mail of the contact the message names, else the one the conversation is about, else the office's."""

    def name(self) -> str:
        return "action_contact_email"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session, language: str
    ) -> list[dict[str, Any]]:
        named = _named_contact(session, tracker.latest_message.get("text") or "")
        key = named.key if named else tracker.get_slot(PERSON_SLOT)
        person = (repository.contact(session, key) if key else None) or repository.primary_contact(session)
        if person is None:
            dispatcher.utter_message(response="utter_knowledge_unavailable")
            return []
        dispatcher.utter_message(
            response="utter_contact_email",
            contact_name=person.name,
            email=person.email,
            source_url=source_link(person.source),
        )
        return [SlotSet(PERSON_SLOT, person.key)]


# Words that ask for a telephone number, which the knowledge does not hold.
PHONE_WORDS = frozenset(
    {
        "phone",
        "telephone",
        "number",
        "call",
        "ring",
        "ringa",
        "telefon",
        "telefonnummer",
        "nummer",
        "mobil",
        "mobilnummer",
        "mobile",
        "tel",
        "tfn",
        "nr",
    }
)


def _named_contact(session: Session, text: str) -> Contact | None:
    """The first contact a message names ("KTH Innovation", "Lisa"), if any."""
    named = names.find_names(text, repository.contact_aliases(session))
    return repository.contact(session, named[0].key) if named else None


class ActionPerson(KnowledgeAction):
    """Who a person is (title, e-mail); asked for a phone number, says none is known and gives the e-mail."""

    def name(self) -> str:
        return "action_person"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session, language: str
    ) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        contacts = repository.all_contacts(session)
        named = names.find_names(text, repository.contact_aliases(session))
        by_key = {person.key: person for person in contacts}
        person = by_key[named[0].key] if named else None
        primary = repository.primary_contact(session)
        if person is None:
            # Partner and other things' names ("KTH", "Vinnova") are known too, just not people.
            stranger = names.unknown_name(text, repository.thing_aliases(session))
            if stranger and primary is not None:
                dispatcher.utter_message(
                    response="utter_person_unknown",
                    person_name=stranger,
                    contact_name=primary.name,
                    title=primary.title(language),
                    email=primary.email,
                )
                return []
            key = tracker.get_slot(PERSON_SLOT)
            person = by_key.get(key) if key else primary
        if person is None:
            dispatcher.utter_message(response="utter_knowledge_unavailable")
            return []
        words = set(normalize_name(text).split())
        response = "utter_person_no_phone" if words & PHONE_WORDS else "utter_person"
        dispatcher.utter_message(
            response=response,
            contact_name=person.name,
            title=person.title(language),
            email=person.email,
            source_url=source_link(person.source),
        )
        return [SlotSet(PERSON_SLOT, person.key)]
