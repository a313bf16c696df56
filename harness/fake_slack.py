"""A stand-in for Slack's Web API on loopback: real HTTP, records every call it gets."""

from __future__ import annotations

import hashlib
import hmac
import json
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode

import requests

# The signing secret the tests give the Rasa server, and sign their events with.
SLACK_SIGNING_SECRET = "test-signing-secret"


class FakeSlack:
    def __init__(self) -> None:
        self.calls: list[tuple[str, dict]] = []
        self._lock = threading.Lock()
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length).decode("utf-8")
                if "json" in (self.headers.get("Content-Type") or ""):
                    body = json.loads(raw or "{}")
                else:
                    body = {key: values[0] for key, values in parse_qs(raw).items()}
                method = self.path.rsplit("/", 1)[-1]
                with fake._lock:
                    fake.calls.append((method, body))
                answer = json.dumps({"ok": True, "channel": body.get("channel"), "ts": f"{time.time():.6f}"})
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(answer.encode())

            def log_message(self, *args: object) -> None:
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def api_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}/api/"

    def start(self) -> "FakeSlack":
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def posts(self, channel: str | None = None) -> list[dict]:
        with self._lock:
            return [
                body
                for method, body in self.calls
                if method == "chat.postMessage" and (channel is None or body.get("channel") == channel)
            ]

    def wait_for_calls(self, method: str, channel: str, count: int = 1, timeout: float = 30) -> list[dict]:
        """The calls of one Web API method about `channel`, once there are `count` of them."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with self._lock:
                calls = [body for name, body in self.calls if name == method and body.get("channel") == channel]
            if len(calls) >= count:
                return calls
            time.sleep(0.2)
        raise TimeoutError(f"{count} {method} call(s) about {channel} did not arrive")

    def wait_for_posts(self, channel: str, count: int, timeout: float = 60) -> list[dict]:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if len(self.posts(channel)) >= count:
                return self.posts(channel)
            time.sleep(0.2)
        raise TimeoutError(f"{count} post(s) to {channel} did not arrive; got {self.posts(channel)}")


def _signed_post(
    rasa_url: str, raw: bytes, content_type: str, secret: str, age_seconds: int = 0, **headers: str
) -> requests.Response:
    """A request to the Rasa server's Slack webhook, signed as Slack signs it."""
    timestamp = str(int(time.time()) - age_seconds)
    digest = hmac.new(secret.encode(), f"v0:{timestamp}:".encode() + raw, hashlib.sha256).hexdigest()
    return requests.post(
        rasa_url + "/webhooks/slack/webhook",
        data=raw,
        timeout=30,
        headers={
            "Content-Type": content_type,
            "X-Slack-Request-Timestamp": timestamp,
            "X-Slack-Signature": f"v0={digest}",
            **headers,
        },
    )


def post_event(
    rasa_url: str,
    body: dict,
    secret: str = SLACK_SIGNING_SECRET,
    age_seconds: int = 0,
    headers: dict[str, str] | None = None,
) -> requests.Response:
    """A signed Slack Events API request to the Rasa server at `rasa_url`."""
    return _signed_post(rasa_url, json.dumps(body).encode(), "application/json", secret, age_seconds, **(headers or {}))


def post_interaction(rasa_url: str, payload: dict, secret: str = SLACK_SIGNING_SECRET) -> requests.Response:
    """A signed interactive request (a button click), form-encoded as Slack sends it."""
    raw = urlencode({"payload": json.dumps(payload)}).encode()
    return _signed_post(rasa_url, raw, "application/x-www-form-urlencoded", secret)


def message_event(text: str, channel: str, **event: str) -> dict:
    return {
        "type": "event_callback",
        "event_id": f"Ev{uuid.uuid4().hex[:10]}",
        "team_id": "T1",
        "authorizations": [{"user_id": "UBOT"}],
        "event": {
            "type": "message",
            "channel_type": "im",
            "channel": channel,
            "user": "U" + channel,
            "text": text,
            "ts": f"{time.time():.6f}",
            **event,
        },
    }


def mention_event(text: str, channel: str, **event: str) -> dict:
    """`text` said to the bot with @innovationskontoret in a channel it was invited to."""
    return message_event(text, channel, type="app_mention", channel_type="channel", **event)


def new_channel(prefix: str = "D") -> str:
    """A fresh conversation id: "D" a direct message, "C" a channel."""
    return f"{prefix}{uuid.uuid4().hex[:8].upper()}"
