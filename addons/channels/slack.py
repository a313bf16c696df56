"""Rasa's Slack channel, configured from the environment and made safe to run.

Enabled when SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are set; otherwise its
webhook answers 503 and the rest of the assistant runs as before. On top of
Rasa's SlackInput it:

- talks to the Web API at SLACK_API_URL (tests and proxies; default Slack's own);
- answers `url_verification` with `{"challenge": ...}` as Slack expects;
- replies in the thread when the message came in a thread, else in the channel;
- answers each event once: Slack retries an event it thinks we missed, and a
  retry whose event id was seen is acknowledged without a second reply (the
  ids seen are kept in the lock store's Redis when the lock store is Redis, as
  in production, so that several replicas share them; in the process otherwise);
- renders texts as mrkdwn section blocks, with links and addresses clickable;
- puts 👍/👎 buttons under an answer that states a fact; a click is stored with the
  conversation (addons/channels/feedback.py), not taken as a message, and the buttons give way
  to a thank-you;
- never answers bots, itself included (Rasa's check on `bot_id`, kept).
"""

from __future__ import annotations

import json
import logging
import os
import re
from collections import OrderedDict
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, Optional, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.channels.slack import SlackBot as RasaSlackBot
from rasa.core.channels.slack import SlackInput as RasaSlackInput
from rasa.core.lock_store import DEFAULT_REDIS_LOCK_STORE_KEY_PREFIX
from redis import Redis, RedisError
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from slack_sdk.web.async_client import AsyncWebClient

from actions.languages import response_language
from addons.channels.conversation_ids import conversation_id
from addons.channels.feedback import RATINGS, Feedback, offers_feedback, record_feedback

logger = logging.getLogger(__name__)

DEFAULT_API_URL = "https://slack.com/api/"
SEEN_EVENTS_KEPT = 10_000
SEEN_EVENT_SECONDS = 3600  # Slack retries within minutes
FEEDBACK_BLOCK = "feedback"
FEEDBACK_ACTION_PREFIX = "feedback_"
# The buttons' and the thank-you's words, side by side (the emoji are the buttons' faces).
FEEDBACK_TEXTS = {
    "sv": {"up": "Bra svar", "down": "Inte bra svar", "thanks": "Tack för din återkoppling!"},
    "en": {"up": "Helpful answer", "down": "Not a helpful answer", "thanks": "Thank you for your feedback!"},
}
FEEDBACK_FACES = {"up": "👍", "down": "👎"}
LINK = re.compile(r"(https?://[^\s<>|]+[^\s<>|.,;:!?)\"'])|([\w.+-]+@[\w-]+(?:\.[\w-]+)+)")


class SeenEvents:
    """Slack event ids already taken: in the lock store's Redis when it has one (shared by the replicas),
    else in this process."""

    def __init__(self, redis: Optional[Redis] = None, prefix: str = "") -> None:
        self._redis = redis
        self._prefix = f"{prefix}slack-event:"
        self._local: OrderedDict[str, None] = OrderedDict()

    @classmethod
    def beside(cls, lock_store: Any) -> "SeenEvents":
        """Kept where the lock store keeps its locks: its Redis connection and key prefix ("kthassistant:")."""
        redis = getattr(lock_store, "red", None)
        if not isinstance(redis, Redis):
            return cls()
        # Rasa keys locks "<prefix>:lock:<conversation>"; the event ids sit beside them, "<prefix>:slack-event:…".
        return cls(redis, str(getattr(lock_store, "key_prefix", "")).removesuffix(DEFAULT_REDIS_LOCK_STORE_KEY_PREFIX))

    def first_time(self, event_id: str) -> bool:
        """Records `event_id`; False when it was recorded before."""
        if self._redis is not None:
            try:
                return bool(self._redis.set(self._prefix + event_id, 1, nx=True, ex=SEEN_EVENT_SECONDS))
            except RedisError as error:  # answering twice beats not answering
                logger.warning("Redis unreachable for Slack retries (%s); checking in this process only.", error)
        if event_id in self._local:
            return False
        self._local[event_id] = None
        while len(self._local) > SEEN_EVENTS_KEPT:
            self._local.popitem(last=False)
        return True


def to_mrkdwn(text: str) -> str:
    """Slack mrkdwn: &, < and > escaped; web and e-mail addresses as links."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")

    def link(match: re.Match) -> str:
        url, email = match.groups()
        return f"<{url}>" if url else f"<mailto:{email}|{email}>"

    return LINK.sub(link, escaped)


class SlackBot(RasaSlackBot):
    """Posts to a configurable Web API, as the bot (no legacy `as_user`), in mrkdwn blocks."""

    def __init__(
        self,
        token: Text,
        api_url: Text,
        slack_channel: Optional[Text] = None,
        thread_id: Optional[Text] = None,
        proxy: Optional[Text] = None,
    ) -> None:
        super().__init__(token, slack_channel, thread_id, proxy)
        self.client = AsyncWebClient(token, base_url=api_url, proxy=proxy)

    async def _post_message(self, channel: Text, **kwargs: Any) -> None:
        kwargs.pop("as_user", None)
        kwargs.pop("type", None)
        await super()._post_message(channel, **kwargs)

    async def send_text_message(self, recipient_id: Text, text: Text, **kwargs: Any) -> None:
        blocks = [{"type": "section", "text": {"type": "mrkdwn", "text": to_mrkdwn(text.strip())}}]
        if offers_feedback(text) and "timestamp" in kwargs:
            blocks.append(feedback_buttons(kwargs["timestamp"], response_language(kwargs)))
        await self._post_message(channel=self.slack_channel or recipient_id, text=text.strip(), blocks=blocks)


def feedback_buttons(answer: float, language: Text) -> Dict[Text, Any]:
    """The 👍/👎 buttons under an answer; each button's value says what it judges."""
    texts = FEEDBACK_TEXTS.get(language, FEEDBACK_TEXTS["en"])
    return {
        "type": "actions",
        "block_id": FEEDBACK_BLOCK,
        "elements": [
            {
                "type": "button",
                "action_id": FEEDBACK_ACTION_PREFIX + rating,
                "text": {"type": "plain_text", "text": FEEDBACK_FACES[rating], "emoji": True},
                "accessibility_label": texts[rating],
                "value": json.dumps({"rating": rating, "answer": answer, "lang": language}),
            }
            for rating in RATINGS
        ],
    }


def feedback_given(payload: Dict[Text, Any]) -> Optional[Dict[Text, Any]]:
    """The button value of an interactive payload that is a click on 👍/👎, else None."""
    actions = payload.get("actions") or [{}]
    action = actions[0] if isinstance(actions[0], dict) else {}
    if not str(action.get("action_id") or "").startswith(FEEDBACK_ACTION_PREFIX):
        return None
    try:
        value = json.loads(action.get("value") or "")
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


class SlackInput(RasaSlackInput):
    """Slack, from SLACK_BOT_TOKEN, SLACK_SIGNING_SECRET and SLACK_API_URL."""

    @classmethod
    def name(cls) -> Text:
        return "slack"

    @classmethod
    def from_credentials(cls, credentials: Optional[Dict[Text, Any]]) -> InputChannel:
        token = os.environ.get("SLACK_BOT_TOKEN", "")
        secret = os.environ.get("SLACK_SIGNING_SECRET", "")
        if not token or not secret:
            logger.info("Slack is off: set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET to turn it on.")
            return SlackOff()
        credentials = credentials or {}
        return cls(
            slack_token=token,
            slack_signing_secret=secret,
            api_url=os.environ.get("SLACK_API_URL") or DEFAULT_API_URL,
            proxy=credentials.get("proxy"),
        )

    def __init__(
        self,
        slack_token: Text,
        slack_signing_secret: Text,
        api_url: Text = DEFAULT_API_URL,
        proxy: Optional[Text] = None,
    ) -> None:
        # Threads are used only where the visitor used one (see get_metadata).
        super().__init__(
            slack_token,
            proxy=proxy,
            use_threads=True,
            slack_signing_secret=slack_signing_secret,
            slack_retry_reason_header="x-slack-retry-reason",
            slack_retry_number_header="x-slack-retry-num",
        )
        self.api_url = api_url if api_url.endswith("/") else api_url + "/"
        self._seen_events: Optional[SeenEvents] = None  # found beside the lock store on the first event

    def get_output_channel(self, channel: Optional[Text] = None, thread_id: Optional[Text] = None) -> SlackBot:
        return SlackBot(self.slack_token, self.api_url, channel or self.slack_channel, thread_id, self.proxy)

    def get_metadata(self, request: Request) -> Dict[Text, Any]:
        metadata = super().get_metadata(request)
        if request.headers.get("content-type") == "application/json":
            event = (request.json or {}).get("event", {})
            metadata["thread_id"] = event.get("thread_ts")
        else:
            metadata["thread_id"] = None  # a button click answers where the buttons were
        return metadata

    def _first_delivery(self, request: Request) -> bool:
        """False for an event already taken (a Slack retry)."""
        if request.headers.get("content-type") != "application/json":
            return True
        event_id = (request.json or {}).get("event_id")
        if self._seen_events is None:
            agent = getattr(request.app.ctx, "agent", None)
            self._seen_events = SeenEvents.beside(getattr(agent, "lock_store", None))
        return not event_id or self._seen_events.first_time(str(event_id))

    async def process_message(
        self,
        request: Request,
        on_new_message: Callable[[UserMessage], Awaitable[Any]],
        text: Text,
        sender_id: Optional[Text],
        metadata: Optional[Dict],
    ) -> Any:
        if not self._first_delivery(request):
            logger.info("Slack retried event %s; it was answered already.", request.json.get("event_id"))
            return response.text("", headers={"X-Slack-No-Retry": "1"})
        # Slack users have a namespace of their own: their ids are visible to the whole workspace.
        sender = conversation_id(self.name(), sender_id) if sender_id else sender_id
        return await super().process_message(request, on_new_message, text, sender, metadata)

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        return _with_feedback(_with_challenge_answer(super().blueprint(on_new_message), self), self)

    async def take_feedback(self, agent: Any, payload: Dict[Text, Any], value: Dict[Text, Any]) -> bool:
        """Stores a 👍/👎 click with the clicker's conversation and thanks them in place of the buttons."""
        given = Feedback.parse(value)
        channel = (payload.get("channel") or {}).get("id")
        message = payload.get("message") or {}
        user = (payload.get("user") or {}).get("id")
        if given is None or not user or agent is None:
            return False
        thread = message.get("thread_ts")
        sender = conversation_id(self.name(), self._get_conversation_id(user, channel, thread))
        if not await record_feedback(agent, sender, given):
            return False
        if channel and message.get("ts"):
            texts = FEEDBACK_TEXTS.get(str(value.get("lang")), FEEDBACK_TEXTS["en"])
            kept = [block for block in message.get("blocks") or [] if block.get("block_id") != FEEDBACK_BLOCK]
            thanks = {
                "type": "context",
                "elements": [
                    {"type": "plain_text", "text": f"{FEEDBACK_FACES[given.rating]} {texts['thanks']}", "emoji": True}
                ],
            }
            await self.get_output_channel(channel).client.chat_update(
                channel=channel, ts=message["ts"], text=message.get("text") or texts["thanks"], blocks=kept + [thanks]
            )
        return True


def _with_challenge_answer(blueprint: Blueprint, channel: SlackInput) -> Blueprint:
    """Answers a signed url_verification with {"challenge": ...}, as Slack's docs ask."""

    @blueprint.middleware("request")
    async def url_verification(request: Request) -> Optional[HTTPResponse]:
        if request.method != "POST" or request.headers.get("content-type") != "application/json":
            return None
        body = request.json or {}
        if body.get("type") != "url_verification" or not channel.is_request_from_slack_authentic(request):
            return None
        return response.json({"challenge": body.get("challenge")})

    return blueprint


def _with_feedback(blueprint: Blueprint, channel: SlackInput) -> Blueprint:
    """Takes signed clicks on 👍/👎 before Rasa would treat them as messages."""

    @blueprint.middleware("request")
    async def feedback(request: Request) -> Optional[HTTPResponse]:
        if request.method != "POST" or request.headers.get("content-type") != "application/x-www-form-urlencoded":
            return None
        try:
            payload = json.loads((request.form.get("payload") or ""))
        except ValueError:
            return None
        value = feedback_given(payload) if isinstance(payload, dict) else None
        if value is None or not channel.is_request_from_slack_authentic(request):
            return None
        try:
            stored = await channel.take_feedback(getattr(request.app.ctx, "agent", None), payload, value)
        except Exception as error:  # the database or Slack is down: the buttons stay for another try
            logger.error("Storing Slack feedback failed: %s", type(error).__name__)
            stored = False
        return response.text("" if stored else "feedback not stored", status=200)

    return blueprint


class SlackOff(InputChannel):
    """Stands in for Slack while it is not configured: says so, and does nothing else."""

    @classmethod
    def name(cls) -> Text:
        return "slack"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        blueprint = Blueprint("slack_off", __name__)

        @blueprint.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "off", "reason": "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not set"})

        @blueprint.route("/webhook", methods=["GET", "POST"])
        async def webhook(_: Request) -> HTTPResponse:
            return response.json(
                {"error": "Slack is not configured on this server"}, status=HTTPStatus.SERVICE_UNAVAILABLE
            )

        return blueprint
