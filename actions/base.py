"""What every knowledge-answering action shares: a session, the language, failure handling."""

from __future__ import annotations

import asyncio
import logging
from abc import ABCMeta, abstractmethod
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from actions import db
from actions.languages import DEFAULT_LANGUAGE, LANGUAGES

logger = logging.getLogger(__name__)


def language_of(tracker: Tracker) -> str:
    """The conversation's language, as the language detector left it in the slot."""
    language = tracker.get_slot("language")
    return language if language in LANGUAGES else DEFAULT_LANGUAGE


class KnowledgeAction(Action, metaclass=ABCMeta):
    """An action that answers from the knowledge database.

    Subclasses implement `answer`; when the database cannot be reached the user
    gets an apology with the general contact instead of silence.
    """

    @abstractmethod
    def name(self) -> str:
        """The action's name in the domain."""

    @abstractmethod
    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session, language: str
    ) -> list[dict[str, Any]]:
        """Utters the answer from the database; returns the events to apply."""

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        # The database work is blocking: in a worker thread, so the action server's event loop keeps
        # serving other conversations while one waits for the database.
        return await asyncio.get_running_loop().run_in_executor(None, self._answer_or_apologise, dispatcher, tracker)

    def _answer_or_apologise(self, dispatcher: CollectingDispatcher, tracker: Tracker) -> list[dict[str, Any]]:
        try:
            with db.session() as session:
                return self.answer(dispatcher, tracker, session, language_of(tracker))
        except SQLAlchemyError as error:
            # The error's type only: its text can carry the question's words (SQL parameters).
            logger.error("Knowledge database unavailable in %s: %s", self.name(), type(error).__name__)
            dispatcher.utter_message(response="utter_knowledge_unavailable")
            return []
