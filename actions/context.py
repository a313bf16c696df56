"""The slots that keep what a conversation is about, so that "it", "her" and "the second one" resolve."""

from __future__ import annotations

from typing import Any, Iterable

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

# The things the last answer was about, as keys, in the order given ("su,ki": "they", "the second one").
# Named for the partners it first held; any thing's key may stand in it.
CONTEXT_SLOT = "partner"
CONTEXT_SEPARATOR = ","
# The person the conversation is about ("her e-mail").
PERSON_SLOT = "contact"


def keys_before_latest_message(events: Iterable[dict[str, Any]], current: Any) -> list[str]:
    """The context slot's keys as they were before the latest user message of `events` (`current`, the slot's
    value now, where no message is among them): a topic's own slot mapping (domain.yml) may have set it since
    to the topic's thing, but "How many got one?" - "what funding came with that?" means the offices, not
    verification funding."""
    events = list(events)
    recorded = any(event.get("event") == "slot" and event.get("name") == CONTEXT_SLOT for event in events)
    # Where the slot's changes are recorded, it starts empty; else it has been what it is now all along.
    value, before, seen_user = (None if recorded else current), current, False
    for event in events:
        if event.get("event") == "user":
            before, seen_user = value, True
        elif event.get("event") == "slot" and event.get("name") == CONTEXT_SLOT:
            value = event.get("value")
    return [key for key in str((before if seen_user else current) or "").split(CONTEXT_SEPARATOR) if key]


def earlier_context_keys(events: Iterable[dict[str, Any]]) -> list[list[str]]:
    """Each set of things the conversation was about before the latest user message, the most recent first."""
    events = list(events)
    latest = max((i for i, event in enumerate(events) if event.get("event") == "user"), default=len(events))
    values = [
        [key for key in str(event.get("value") or "").split(CONTEXT_SEPARATOR) if key]
        for event in events[:latest]
        if event.get("event") == "slot" and event.get("name") == CONTEXT_SLOT
    ]
    return [keys for keys in reversed(values) if keys]


def context_keys(tracker: Tracker) -> list[str]:
    """The keys of the things the last answer was about, in order."""
    return keys_before_latest_message(tracker.events, tracker.get_slot(CONTEXT_SLOT))


def remember(keys: list[str]) -> list[dict[str, Any]]:
    """The event that makes `keys` what the conversation is about."""
    return [SlotSet(CONTEXT_SLOT, CONTEXT_SEPARATOR.join(keys))]
