"""When no intent answers: the closest passage of the office's facts, else the likely topics or the honest reply.

A topic question that a passage answers better than the topic's own answer
(intent ask_passage, set by addons.nlu.passage_question) gets the passage.

Low confidence ("nlu_fallback"): a passage that covers the question answers it,
with its source; otherwise up to three likely topics are offered as buttons
("did you mean ...?"). Out of scope: a passage that covers the question answers
it (the classifier may take an unusual question about the office for one about
something else); otherwise the honest "that is outside what I know" with the
general contact.

A follow-up to a passage's answer ("Hur gick det i Vinnovas utvärdering?" - "vilket
år var det?") is searched together with the question before it
(action_passage_follow_up, predicted by addons.policies.passage_follow_up).
"""

from __future__ import annotations

import logging
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from actions import db, passages, repository
from actions.base import language_of
from actions.context import context_keys, remember
from actions.languages import asks_translation
from actions.models import Passage

logger = logging.getLogger(__name__)

MAX_SUGGESTIONS = 3
# A suggestion is worth showing only above this confidence.
MIN_CONFIDENCE = 0.05
TOPIC_PREFIX = "utter_topic_"
FOLLOW_UP_ACTION = "action_passage_follow_up"


def response_text(domain: dict[str, Any], name: str, language: str) -> str | None:
    """The text of a domain response in the given language (its language-conditioned variation)."""
    for variation in domain.get("responses", {}).get(name, []):
        conditions = variation.get("condition") or []
        if any(c.get("name") == "language" and c.get("value") == language for c in conditions):
            return variation.get("text")
    return None


def answered_from_passage(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]] | None:
    """Utters the passage that covers the last message, with its source, if there is one; returns the events
    that make the things it names the conversation's ("and its reference number?"), or None."""
    text = tracker.latest_message.get("text") or ""
    if context_keys(tracker) and not passages.says_enough(text):
        return None  # "what was it called before?": about the conversation's thing, not a passage's words
    try:
        with db.session() as session:
            known = passages.passages_of(session)
            chosen = passages.answering(known, text)
            if not chosen:
                return None
            named = [
                key for best in chosen for key in utter_passage(dispatcher, session, known[best], language_of(tracker))
            ]
            return remember(list(dict.fromkeys(named))) if named else []
    except SQLAlchemyError as error:
        logger.error("Knowledge database unavailable for the passage search: %s", type(error).__name__)
        return None


def utter_passage(dispatcher: CollectingDispatcher, session: Session, passage: Passage, language: str) -> list[str]:
    """Utters a passage with its source; returns the keys of the things it names (for "it", "they")."""
    said = passage.text(language)
    dispatcher.utter_message(response="utter_passage", passage=said, source_url=passage.source_url)
    return [thing.key for thing in repository.find_things_in_text(session, said)]


def previous_question(tracker: Tracker) -> str:
    """What the visitor wrote before the latest message ("" at the start of a conversation)."""
    said = [event.get("text") or "" for event in tracker.events if event.get("event") == "user"]
    return said[-2] if len(said) > 1 else ""


def previous_reply(tracker: Tracker) -> str:
    """What the assistant said in reply to the message before the latest ("" at the start): all its messages."""
    users = [i for i, event in enumerate(tracker.events) if event.get("event") == "user"]
    if len(users) < 2:
        return ""
    replied = tracker.events[users[-2] : users[-1]]
    return "\n".join(str(event.get("text") or "") for event in replied if event.get("event") == "bot")


class ActionDidYouMean(Action):
    """The closest passage if it answers; else up to three likely topics as buttons."""

    def name(self) -> str:
        return "action_did_you_mean"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        remembered = answered_from_passage(dispatcher, tracker)
        if remembered is not None:
            return remembered
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
        buttons.append(
            {"title": response_text(domain, "utter_topic_none", language) or "…", "payload": "/human_handoff"}
        )
        dispatcher.utter_message(response="utter_did_you_mean", buttons=buttons)
        return []


class ActionOutOfScope(Action):
    """The closest passage if it answers; else the honest out-of-scope reply with the contact."""

    def name(self) -> str:
        return "action_out_of_scope"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        text = tracker.latest_message.get("text") or ""
        # A word asked in another language: no passage of the office's facts answers it, whatever words it shares.
        remembered = None if asks_translation(text) else answered_from_passage(dispatcher, tracker)
        if remembered is None:
            dispatcher.utter_message(response="utter_out_of_scope")
        return remembered or []


class ActionPassage(Action):
    """The passage that answers a topic question better than the topic's own answer."""

    def name(self) -> str:
        return "action_passage"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        # The passages may have changed since the model read them: then the honest reply, never a guess.
        remembered = answered_from_passage(dispatcher, tracker)
        if remembered is None:
            dispatcher.utter_message(response="utter_fallback_contact")
        return remembered or []


class ActionPassageFollowUp(Action):
    """The passage that answers a follow-up to a passage's answer ("vilket år var det?"), searched with the
    question before it (predicted by addons.policies.passage_follow_up)."""

    def name(self) -> str:
        return FOLLOW_UP_ACTION

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        remembered = answered_as_follow_up(dispatcher, tracker)
        if remembered is None:
            # The passages changed since the policy read them, or the database is down: the honest reply.
            dispatcher.utter_message(response="utter_fallback_contact")
        return remembered or []


def answered_as_follow_up(dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]] | None:
    """Utters the passage that answers the last message as a follow-up to the question before it, if one does;
    returns the events that make the things it names the conversation's, or None."""
    text = tracker.latest_message.get("text") or ""
    try:
        with db.session() as session:
            known = passages.passages_of(session)
            best = passages.follow_up(known, previous_question(tracker), text, previous_reply(tracker))
            if best is None:
                return None
            named = utter_passage(dispatcher, session, known[best], language_of(tracker))
            return remember(named) if named else []
    except SQLAlchemyError as error:
        logger.error("Knowledge database unavailable for the passage search: %s", type(error).__name__)
        return None
