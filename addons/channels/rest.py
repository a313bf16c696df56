"""Rasa's REST channel with its requests checked: a malformed one gets a 400, not a 500 or silence.

Its senders are conversations "rest:<sender>", apart from the widget's and Slack's.
Each client may send only so many messages a minute (addons/channels/rate_limit.py): more get a 429.
REST is for trusted callers (the shell, staff tools, tests): with REST_TOKEN set, a request
must carry it ("Authorization: Bearer <token>", else 401); with REST_CHANNEL=off the
webhook answers 404. scripts/serve_production.sh turns it off unless a token is given.

Named in credentials.yml by class path; it keeps the name `rest`, so its URL
stays /webhooks/rest/webhook.
"""

from __future__ import annotations

import hmac
import os
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.rest import RestInput as RasaRestInput
from sanic import Blueprint, response
from sanic.exceptions import InvalidUsage as BadRequest  # a 400; Sanic 21.12 has no BadRequest yet
from sanic.request import Request
from sanic.response import HTTPResponse

from addons.channels.conversation_ids import MAX_SENDER_LENGTH, conversation_id
from addons.channels.rate_limit import RateLimiter, client_of

# Longer messages are refused: nobody types them, and they only cost parsing time.
MAX_MESSAGE_LENGTH = 10_000
# A request larger than this is refused unread (413): a message and its metadata fit in a fraction.
MAX_BODY_BYTES = 64 * 1024
# What a client may say about its message (metadata is stored with every event): the page's
# language, as a short code. Anything else is dropped before it reaches the tracker store.
KNOWN_METADATA = {"language": 8}


def known_metadata(metadata: Optional[Dict[Text, Any]]) -> Dict[Text, Any]:
    """The known keys of a client's metadata, each a short text; nothing else."""
    return {
        key: value
        for key, value in (metadata or {}).items()
        if key in KNOWN_METADATA and isinstance(value, str) and len(value) <= KNOWN_METADATA[key]
    }


def _body(request: Request) -> Dict[Text, Any]:
    try:
        body = request.json
    except Exception:  # Sanic raises its own error types for broken JSON
        body = None
    if not isinstance(body, dict):
        raise BadRequest('The body must be a JSON object: {"sender": "...", "message": "..."}.')
    return body


class RestInput(RasaRestInput):
    """The REST channel, refusing requests without a text message or with a wrong sender."""

    @classmethod
    def name(cls) -> Text:
        return "rest"

    async def _extract_sender(self, req: Request) -> Optional[Text]:
        sender = _body(req).get("sender")
        if not isinstance(sender, str) or not sender.strip() or len(sender) > MAX_SENDER_LENGTH:
            raise BadRequest(f"'sender' must be a non-empty text of at most {MAX_SENDER_LENGTH} characters.")
        # REST senders have a namespace of their own: "U123" here is never Slack's U123.
        return conversation_id(self.name(), sender)

    def _extract_message(self, req: Request) -> Optional[Text]:
        message = _body(req).get("message")
        if not isinstance(message, str):
            raise BadRequest("'message' must be a text.")
        if len(message) > MAX_MESSAGE_LENGTH:
            raise BadRequest(f"'message' is longer than {MAX_MESSAGE_LENGTH} characters.")
        return message

    def get_metadata(self, request: Request) -> Optional[Dict[Text, Any]]:
        metadata = _body(request).get("metadata")
        if metadata is not None and not isinstance(metadata, dict):
            raise BadRequest("'metadata' must be a JSON object.")
        return known_metadata(metadata)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)

        limiter = RateLimiter.from_environment()
        enabled = os.environ.get("REST_CHANNEL", "on").strip().lower() != "off"
        token = os.environ.get("REST_TOKEN", "")

        @blueprint.middleware("request")
        async def refuse_large_bodies_and_floods(request: Request) -> Optional[HTTPResponse]:
            if not enabled:
                return response.json({"error": "The REST channel is off on this server."}, status=404)
            if token and not hmac.compare_digest(request.headers.get("authorization", ""), f"Bearer {token}"):
                return response.json({"error": "A valid 'Authorization: Bearer' token is required."}, status=401)
            size = request.headers.get("content-length")
            if (size and size.isdigit() and int(size) > MAX_BODY_BYTES) or len(request.body or b"") > MAX_BODY_BYTES:
                return response.json({"error": f"The request is larger than {MAX_BODY_BYTES} bytes."}, status=413)
            if request.method == "POST" and not limiter.allow(client_of(request)):
                return response.json(
                    {"error": "Too many messages; please wait a moment."},
                    status=429,
                    headers={"Retry-After": str(limiter.retry_after())},
                )
            return None

        return blueprint
