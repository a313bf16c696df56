"""The tracker store's events read back as conversations and turns, with nothing that names a person.

A conversation is one session of one sender (Rasa starts a new one after an hour's
silence); a turn is one visitor message with the replies to it. Sender ids are read only
to keep conversations apart and to see the channel (their prefix); they leave this module
as neither. Texts are as stored: masked (addons/masking.py).

Read straight from the events table, one pass in sender and event order, so that a large
store is read in seconds: no tracker is rebuilt.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Iterable, Iterator, List, Optional, Tuple

import sqlalchemy as sa

from actions.languages import response_language
from addons.channels.conversation_ids import SEPARATOR
from addons.channels.feedback import FEEDBACK_SLOT
from addons.nlu.routing import ROUTED_INTENTS
from addons.stores.tracker import MonitoredSQLTrackerStore
from insight.outcomes import outcome_of

# The channel a sender id's prefix names (addons/channels/conversation_ids.py); the shell and other tools
# go through REST or have no prefix.
CHANNELS = {"web": "widget", "slack": "Slack", "rest": "shell/REST"}
OTHER_CHANNEL = "shell/REST"
# The events a report needs; the rest (actions, featurization, other slots) are not read.
READ_TYPES = ("user", "bot", "session_started")
# A message starting so is a button's payload ("/ask_funding"), not something a visitor wrote.
PAYLOAD_PREFIX = "/"
# Intents that are no topic to train: the best other intent is the nearest guess (the routed ones are
# set by the knowledge components with full confidence, not learnt).
NO_TOPIC = frozenset({"out_of_scope", "nlu_fallback", *ROUTED_INTENTS})


@dataclass
class Turn:
    """One visitor message and the replies to it."""

    text: str
    intent: str
    confidence: float
    ranking: List[Tuple[str, float]]
    asked_at: float
    language: Optional[str] = None
    replies: List[str] = field(default_factory=list)  # the responses chosen (domain names)
    answers: List[float] = field(default_factory=list)  # the replies' timestamps (feedback names one)
    answered_at: Optional[float] = None
    rating: Optional[str] = None  # the visitor's last 👍/👎 on a reply of this turn
    comment: Optional[str] = None

    @property
    def outcome(self) -> str:
        return outcome_of(self.replies)

    @property
    def typed(self) -> bool:
        """Whether the visitor wrote it (not a button's payload)."""
        return not self.text.startswith(PAYLOAD_PREFIX)

    @property
    def latency(self) -> Optional[float]:
        """Seconds from the message to its first reply."""
        return None if self.answered_at is None else max(0.0, self.answered_at - self.asked_at)

    def nearest_topic(self) -> Tuple[str, float]:
        """The best intent that is a topic, with its confidence (a guess for an unanswered question)."""
        for name, confidence in self.ranking:
            if name not in NO_TOPIC:
                return name, confidence
        return self.intent, self.confidence


@dataclass
class Conversation:
    channel: str
    started: float
    turns: List[Turn] = field(default_factory=list)

    @property
    def language(self) -> Optional[str]:
        """The language of its first answered turn."""
        return next((turn.language for turn in self.turns if turn.language), None)

    def outcomes(self) -> set:
        return {turn.outcome for turn in self.turns}


@dataclass(frozen=True)
class StoredEvent:
    sender: str
    type_name: str
    timestamp: float
    data: dict


def channel_of(sender: str) -> str:
    prefix = sender.split(SEPARATOR, 1)[0] if SEPARATOR in sender else ""
    return CHANNELS.get(prefix, OTHER_CHANNEL)


def read_events(
    store: MonitoredSQLTrackerStore, start: Optional[float] = None, end: Optional[float] = None
) -> Iterator[StoredEvent]:
    """The events a report needs, in sender and event order, between `start` and `end` (timestamps)."""
    table = store.SQLEvent
    query = sa.select(table.sender_id, table.type_name, table.timestamp, table.data).where(
        sa.or_(table.type_name.in_(READ_TYPES), sa.and_(table.type_name == "slot", table.action_name == FEEDBACK_SLOT))
    )
    if start is not None:
        query = query.where(table.timestamp >= start)
    if end is not None:
        query = query.where(table.timestamp < end)
    query = query.order_by(table.sender_id, table.id)
    with store.engine.connect() as connection:
        rows = connection.execution_options(stream_results=True, yield_per=5000).execute(query)
        for sender, type_name, timestamp, data in rows:
            yield StoredEvent(sender, type_name, float(timestamp), json.loads(data))


def _turn(data: dict, timestamp: float) -> Turn:
    parse = data.get("parse_data") or {}
    intent = parse.get("intent") or {}
    ranking = [(str(r.get("name")), float(r.get("confidence") or 0)) for r in parse.get("intent_ranking") or []]
    return Turn(
        text=str(data.get("text") or ""),
        intent=str(intent.get("name") or ""),
        confidence=float(intent.get("confidence") or 0),
        ranking=ranking,
        asked_at=timestamp,
    )


def _add_reply(turn: Turn, data: dict, timestamp: float) -> None:
    metadata = data.get("metadata") or {}
    turn.replies.append(str(metadata.get("utter_action") or ""))
    turn.answers.append(timestamp)
    if turn.answered_at is None:
        turn.answered_at = timestamp
        turn.language = response_language(metadata) if metadata.get("condition") else None


def _add_feedback(turns: List[Turn], value: Any) -> None:
    if not isinstance(value, dict):
        return
    answer = value.get("answer")
    if not isinstance(answer, (int, float)):
        return
    for turn in reversed(turns):
        if any(abs(timestamp - answer) < 1e-6 for timestamp in turn.answers):
            turn.rating, turn.comment = value.get("rating"), value.get("comment") or turn.comment
            return


def conversations(events: Iterable[StoredEvent]) -> Iterator[Conversation]:
    """Conversations with at least one visitor message, from events in sender and event order."""
    sender: Optional[str] = None
    current: Optional[Conversation] = None
    for event in events:
        if event.sender != sender or event.type_name == "session_started":
            if current is not None and current.turns:
                yield current
            sender, current = event.sender, Conversation(channel_of(event.sender), event.timestamp)
        assert current is not None
        if event.type_name == "user":
            current.turns.append(_turn(event.data, event.timestamp))
        elif event.type_name == "bot" and current.turns:
            _add_reply(current.turns[-1], event.data, event.timestamp)
        elif event.type_name == "slot":
            _add_feedback(current.turns, event.data.get("value"))
    if current is not None and current.turns:
        yield current
