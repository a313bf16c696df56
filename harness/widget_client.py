"""A socket.io client speaking the widget's protocol, for tests that act as a page (or an attacker) would."""

from __future__ import annotations

import queue
from typing import Any

import socketio


class WidgetClient:
    """A socket.io client speaking the widget's protocol."""

    def __init__(self, url: str, headers: dict[str, str] | None = None) -> None:
        self.events: "queue.Queue[tuple[str, Any]]" = queue.Queue()
        self.client = socketio.Client()
        for event in ("session_confirm", "bot_uttered", "error_message", "feedback_recorded", "limits", "privacy"):
            self.client.on(event, lambda data, event=event: self.events.put((event, data)))
        self.client.connect(url, transports=["polling"], wait_timeout=30, headers=headers or {})

    def next(self, event: str, timeout: float = 60) -> Any:
        while True:
            name, data = self.events.get(timeout=timeout)
            if name == event:
                return data

    def start(self, offered: str | None = None) -> str:
        self.client.emit("session_request", {"session_id": offered})
        return self.next("session_confirm")

    def say(self, text: str, session_id: str | None = None) -> None:
        self.client.emit("user_uttered", {"message": text, "session_id": session_id, "metadata": {}})

    def feedback(self, **feedback: Any) -> None:
        self.client.emit("feedback", feedback)

    def close(self) -> None:
        if self.client.connected:
            # Abort rather than wait for the long poll to end (polling: no websocket client library here).
            self.client.eio.disconnect(abort=True)
            self.client.connected = False
