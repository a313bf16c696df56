"""Rasa's socket.io channel with working session persistence, checked messages, and reply languages.

- Rasa 3.6 calls `sio.enter_room(...)` without awaiting it; with python-socketio
  >= 5.10 that is a coroutine, so the socket never joins its session's room and
  a reloaded page gets no replies (RasaHQ/rasa#13027). This channel awaits it.
- A message that is not text, or is too long, is refused with an `error_message`.
- Every bot message carries `lang` (the language of the response variation that
  produced it), so the widget can mark it for screen readers.
- Sessions are the server's (addons/channels/conversation_ids.py): a page that presents a
  session the server signed keeps its conversation, anything else gets a new one, and
  a message belongs to the session its socket was confirmed, whatever it claims.
- "Delete this conversation" (`erase_conversation`): the socket's conversation is
  erased from the tracker store and the socket gets a new session.
- Each client may send only so many messages a minute (addons/channels/rate_limit.py); more
  get an `error_message` ("rate_limited") and are not processed.
- An answer that states a fact carries `answer` (its id: the bot event's timestamp) and
  `feedback: true`; the page's 👍/👎 (`feedback`: {answer, rating, comment?}) is stored with
  the conversation (addons/channels/feedback.py) and confirmed with `feedback_recorded`.

Named in credentials.yml by class path; it keeps the name `socketio`.
"""

from __future__ import annotations

import asyncio
import inspect
import json
import logging
from typing import Any, Awaitable, Callable, Dict, List, Optional, Text

from rasa.core.channels.channel import UserMessage
from rasa.core.channels.socketio import SocketIOInput as RasaSocketIOInput
from rasa.core.channels.socketio import SocketIOOutput as RasaSocketIOOutput
from sanic import Blueprint

from actions.languages import response_language
from actions.office_contact import current_office_contact
from addons.channels import conversation_ids
from addons.channels.feedback import MAX_COMMENT_LENGTH, Feedback, offers_feedback, record_feedback
from addons.channels.rate_limit import RateLimiter, client_of
from addons.channels.rest import MAX_BODY_BYTES, MAX_MESSAGE_LENGTH, known_metadata
from addons.stores.tracker import DAY, primary_store

logger = logging.getLogger(__name__)
ERROR_EVENT = "error_message"
# The page asks to delete its conversation; the server says it is done.
ERASE_EVENT = "erase_conversation"
ERASED_EVENT = "conversation_erased"
# The page's 👍/👎 on an answer; the server says it is stored.
FEEDBACK_EVENT = "feedback"
FEEDBACK_RECORDED_EVENT = "feedback_recorded"
# What the privacy notice needs of the server: how long conversations are kept, whom to ask.
PRIVACY_EVENT = "privacy"
# The lengths the server accepts, so that the page's fields hold no more (one definition, here).
LIMITS_EVENT = "limits"
# The namespace of the widget's conversations.
CHANNEL = "web"


class SocketIOOutput(RasaSocketIOOutput):
    """Adds `lang` to every text message it emits."""

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        parts = text.strip().split("\n\n")
        for number, part in enumerate(parts, start=1):
            message: Dict[Text, Any] = {"text": part, "lang": response_language(kwargs)}
            if number == len(parts) and offers_feedback(text) and "timestamp" in kwargs:
                message.update(answer=kwargs["timestamp"], feedback=True)  # the buttons go under the last part
            await self._send_message(recipient_id, message)

    async def send_text_with_buttons(
        self, recipient_id: Text, text: Text, buttons: List[Dict[Text, Any]], **kwargs: Any
    ) -> None:
        quick_replies = [
            {"content_type": "text", "title": button["title"], "payload": button["payload"]} for button in buttons
        ]
        await self._send_message(
            recipient_id, {"text": text, "quick_replies": quick_replies, "lang": response_language(kwargs)}
        )


class SocketIOInput(RasaSocketIOInput):
    """socket.io for the website widget."""

    @classmethod
    def name(cls) -> Text:
        return "socketio"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = super().blueprint(on_new_message)
        sio = self.sio
        # A frame larger than a message with its metadata closes the socket (the default is 1 MB).
        sio.eio.max_http_buffer_size = MAX_BODY_BYTES
        # socket id -> the conversation confirmed for it
        self._senders: Dict[Text, Text] = {}
        limiter = RateLimiter.from_environment()

        async def emit_error(sid: Text, error: Text) -> None:
            await sio.emit(
                ERROR_EVENT, {"error": error, "max_length": MAX_MESSAGE_LENGTH}, room=sid, namespace=self.namespace
            )

        async def confirm(sid: Text, token: Text) -> None:
            """Binds the socket to the session `token` names and tells the page."""
            sender = conversation_ids.conversation_id(CHANNEL, str(conversation_ids.verified_session(token)))
            previous = self._senders.get(sid)
            if previous is not None and previous != sender:
                left = sio.leave_room(sid, previous, namespace=self.namespace)
                if inspect.isawaitable(left):
                    await left
            self._senders[sid] = sender
            joined = sio.enter_room(sid, sender, namespace=self.namespace)  # the room replies go to
            if inspect.isawaitable(joined):
                await joined
            await sio.emit("session_confirm", token, room=sid, namespace=self.namespace)
            await sio.emit(
                LIMITS_EVENT,
                {"message": MAX_MESSAGE_LENGTH, "comment": MAX_COMMENT_LENGTH},
                room=sid,
                namespace=self.namespace,
            )
            # The widget's privacy notice says how long the conversation is kept and whom to ask.
            privacy: Dict[Text, Any] = {"contact": current_office_contact().office_email}
            retention = getattr(tracker_store(), "retention", None)
            if retention:
                privacy["retention_days"] = retention / DAY
            await sio.emit(PRIVACY_EVENT, privacy, room=sid, namespace=self.namespace)

        def running_agent() -> Any:
            return getattr(next(iter(blueprint.apps)).ctx, "agent", None)

        def tracker_store() -> Any:
            agent = running_agent()
            return primary_store(agent.tracker_store) if agent is not None else None

        async def session_request(sid: Text, data: Optional[Dict]) -> None:
            offered = data.get("session_id") if isinstance(data, dict) else None
            await confirm(
                sid,
                offered
                if isinstance(offered, str) and conversation_ids.verified_session(offered)
                else conversation_ids.issue_session(),
            )

        async def erase_conversation(sid: Text, _data: Any = None) -> None:
            sender_id = self._senders.get(sid)
            if sender_id is None:
                await emit_error(sid, "no_session")
                return
            try:
                await asyncio.get_running_loop().run_in_executor(None, tracker_store().erase, sender_id)
            except Exception as error:  # the database is down: nothing was erased, and the page is told so
                logger.error("Erasing a conversation failed: %s", type(error).__name__)
                await emit_error(sid, "erase_failed")
                return
            await confirm(sid, conversation_ids.issue_session())
            await sio.emit(ERASED_EVENT, {}, room=sid, namespace=self.namespace)

        async def admitted(sid: Text) -> Optional[Text]:
            """The socket's conversation if it has one and its client is within its rate; else None, the
            page told why."""
            sender_id = self._senders.get(sid)
            if sender_id is None:  # no session confirmed on this socket
                await emit_error(sid, "no_session")
                return None
            request = (sio.get_environ(sid, namespace=self.namespace) or {}).get("sanic.request")
            if request is not None and not limiter.allow(client_of(request)):
                await emit_error(sid, "rate_limited")
                return None
            return sender_id

        async def feedback(sid: Text, data: Any = None) -> None:
            sender_id = await admitted(sid)
            if sender_id is None:
                return
            given = Feedback.parse(data)
            if given is None:
                await emit_error(sid, "invalid_feedback")
                return
            try:
                stored = await record_feedback(running_agent(), sender_id, given)
            except Exception as error:  # the database is down: the page offers the buttons again
                logger.error("Storing feedback failed: %s", type(error).__name__)
                stored = False
            if not stored:
                await emit_error(sid, "feedback_failed")
                return
            await sio.emit(
                FEEDBACK_RECORDED_EVENT,
                {"answer": given.answer, "rating": given.rating},
                room=sid,
                namespace=self.namespace,
            )

        async def disconnect(sid: Text) -> None:
            self._senders.pop(sid, None)

        async def handle_message(sid: Text, data: Any) -> None:
            data = data if isinstance(data, dict) else {}
            text = data.get("message")
            if not isinstance(text, str) or len(text) > MAX_MESSAGE_LENGTH:
                await emit_error(sid, "invalid_message")
                return
            sender_id = await admitted(sid)
            if sender_id is None:
                return
            metadata = data.get(self.metadata_key) or {}
            if isinstance(metadata, str):
                try:
                    metadata = json.loads(metadata)
                except ValueError:
                    metadata = {}
            metadata = known_metadata(metadata if isinstance(metadata, dict) else {})
            output = SocketIOOutput(sio, self.bot_message_evt)
            await on_new_message(UserMessage(text, output, sender_id, input_channel=self.name(), metadata=metadata))

        sio.on("session_request", session_request, namespace=self.namespace)
        sio.on("disconnect", disconnect, namespace=self.namespace)
        sio.on(ERASE_EVENT, erase_conversation, namespace=self.namespace)
        sio.on(FEEDBACK_EVENT, feedback, namespace=self.namespace)
        sio.on(self.user_message_evt, handle_message, namespace=self.namespace)
        return blueprint
