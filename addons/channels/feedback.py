"""Visitors' 👍/👎 on an answer, stored with the conversation.

The widget and Slack offer the two buttons under every answer that states a fact
(it ends with its source). A click is not a message: it does not pass through the
dialogue, it is appended to the conversation as the event
`SlotSet("feedback", {"rating", "answer", "comment"})`, where `answer` is the
timestamp of the bot message it judges. Being an event in the tracker store, it
follows the conversation's retention and erasure; the slot does not influence the
dialogue (domain.yml), and the staff report (insight/) reads it back.

A 👎 may carry a short comment; it is masked like every text a visitor types.
"""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass
from typing import Any, Dict, Optional, Text

from rasa.shared.core.events import BotUttered, SlotSet

from actions.sources import states_a_fact
from addons.masking import mask

logger = logging.getLogger(__name__)

FEEDBACK_SLOT = "feedback"
RATINGS = ("up", "down")
MAX_COMMENT_LENGTH = 500


@dataclass(frozen=True)
class Feedback:
    """One visitor's judgement of one answer."""

    rating: Text
    answer: float  # the timestamp of the judged bot message
    comment: Optional[Text] = None

    @classmethod
    def parse(cls, data: Any) -> Optional["Feedback"]:
        """The feedback a client sent, or None when it is not well-formed."""
        if not isinstance(data, dict) or data.get("rating") not in RATINGS:
            return None
        answer = data.get("answer")
        if isinstance(answer, bool) or not isinstance(answer, (int, float)) or not math.isfinite(answer):
            return None
        comment = data.get("comment")
        if comment is not None and (not isinstance(comment, str) or len(comment) > MAX_COMMENT_LENGTH):
            return None
        comment = mask(comment.strip()) if comment and comment.strip() else None
        return cls(rating=data["rating"], answer=float(answer), comment=comment)

    def as_slot_value(self) -> Dict[Text, Any]:
        value: Dict[Text, Any] = {"rating": self.rating, "answer": self.answer}
        if self.comment:
            value["comment"] = self.comment
        return value


def offers_feedback(text: Optional[Text]) -> bool:
    """Whether an answer gets the 👍/👎 buttons: it states a fact (it ends with its source)."""
    return states_a_fact(text or "")


def _judges(event: Any, answer: float) -> bool:
    return isinstance(event, BotUttered) and abs(event.timestamp - answer) < 1e-6


async def record_feedback(agent: Any, sender_id: Text, feedback: Feedback) -> bool:
    """Appends `feedback` to the conversation `sender_id` if it holds the judged answer; False if not.

    Under the conversation's lock, as Rasa's own "append events" endpoint does, so that a message
    being handled at the same time does not overwrite it.
    """
    async with agent.lock_store.lock(sender_id):
        tracker = await agent.tracker_store.retrieve(sender_id)
        if tracker is None or not any(_judges(event, feedback.answer) for event in tracker.events):
            return False
        tracker.update(SlotSet(FEEDBACK_SLOT, feedback.as_slot_value()))
        await agent.tracker_store.save(tracker)
    return True
