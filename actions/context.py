"""The slots that keep what a conversation is about, so that "it", "her" and "the second one" resolve."""

from __future__ import annotations

from typing import Any

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet

# The things the last answer was about, as keys, in the order given ("su,ki": "they", "the second one").
# Named for the partners it first held; any thing's key may stand in it.
CONTEXT_SLOT = "partner"
CONTEXT_SEPARATOR = ","
# The person the conversation is about ("her e-mail").
PERSON_SLOT = "contact"


def context_keys(tracker: Tracker) -> list[str]:
    """The keys of the things the last answer was about, in order."""
    return [key for key in str(tracker.get_slot(CONTEXT_SLOT) or "").split(CONTEXT_SEPARATOR) if key]


def remember(keys: list[str]) -> list[dict[str, Any]]:
    """The event that makes `keys` what the conversation is about."""
    return [SlotSet(CONTEXT_SLOT, CONTEXT_SEPARATOR.join(keys))]
