"""Running a custom action as the action server would, with the responses of domain.yml."""

from __future__ import annotations

import asyncio
from functools import lru_cache
from typing import Any

import yaml
from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.context import CONTEXT_SLOT
from actions.paths import PROJECT_ROOT


@lru_cache(maxsize=1)
def domain_responses() -> dict[str, Any]:
    """The responses as Rasa sends them to the action server (the domain's, unrendered)."""
    return yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]


def run(
    action: Action,
    text: str = "",
    intent: str = "",
    entities: list[dict[str, Any]] | None = None,
    ranking: list[dict[str, Any]] | None = None,
    earlier: list[str] | None = None,
    replied: str = "",
    remembered: list[str] | None = None,
    **slots: Any,
) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    """Runs an action on a conversation of the `earlier` messages, what the assistant `replied` last and `text`;
    returns its messages and slot events. `remembered`: what the answer to each earlier message was about (the
    context slot's value it set, "su,ki")."""
    slots.setdefault("language", "sv")
    latest = {
        "text": text,
        "intent": {"name": intent, "confidence": 0.9},
        "entities": entities or [],
        "intent_ranking": ranking or [],
    }
    said: list[dict[str, Any]] = []
    for position, message in enumerate(earlier or []):
        said.append({"event": "user", "text": message})
        if remembered and position < len(remembered):
            said.append({"event": "slot", "name": CONTEXT_SLOT, "value": remembered[position]})
    said.append({"event": "user", "text": text})
    if replied:  # what the assistant said before the latest message
        said.insert(len(said) - 1, {"event": "bot", "text": replied})
    tracker = Tracker("test-user", slots, latest, said, False, None, None, "action_listen")
    dispatcher = CollectingDispatcher()
    events = asyncio.run(action.run(dispatcher, tracker, {"responses": domain_responses()}))
    return dispatcher.messages, {e["name"]: e["value"] for e in events if e.get("event") == "slot"}
