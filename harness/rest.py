"""Talking to the assistant over its REST channel, as a website back-end or a script would."""

from __future__ import annotations

from typing import Any, Mapping

import requests


def say(
    url: str,
    sender: str,
    text: str,
    headers: Mapping[str, str] | None = None,
    metadata: Mapping[str, str] | None = None,
) -> list[dict]:
    """Sends one message to the Rasa server (or nginx) at `url`; returns the bot's messages."""
    body: dict[str, Any] = {"sender": sender, "message": text}
    if metadata:
        body["metadata"] = dict(metadata)
    response = requests.post(url + "/webhooks/rest/webhook", json=body, headers=dict(headers or {}), timeout=60)
    response.raise_for_status()
    return response.json()
