"""Slack against a fake Slack Web API, with the real Rasa server and action server."""

from __future__ import annotations

import json

import pytest
import yaml

from actions.paths import PROJECT_ROOT
from addons.channels.conversation_ids import conversation_id
from addons.channels.slack import SlackInput, SlackOff, to_mrkdwn
from harness.assistant import Assistant
from harness.fake_slack import FakeSlack, mention_event, message_event, new_channel, post_event, post_interaction

pytestmark = pytest.mark.e2e


def test_url_verification_is_answered(assistant: Assistant) -> None:
    response = post_event(assistant.url, {"type": "url_verification", "challenge": "c4f3"})
    assert response.status_code == 200 and response.json() == {"challenge": "c4f3"}


@pytest.mark.parametrize(
    "question, answer_start",
    [
        ("Vem leder innovationskontoret?", "Arbetet leds av KTH Innovation. Ansvarig är Lisa Ericsson"),
        (
            "Who leads the innovation office?",
            "The work is led by KTH Innovation. The person responsible is Lisa Ericsson",
        ),
    ],
)
def test_a_message_gets_one_reply_in_its_language(
    assistant: Assistant, fake_slack: FakeSlack, question: str, answer_start: str
) -> None:
    channel = new_channel()
    assert post_event(assistant.url, message_event(question, channel)).status_code == 200
    (post,) = fake_slack.wait_for_posts(channel, 1)
    assert post["text"].startswith(answer_start)
    assert "<mailto:lisaeric@kth.se|lisaeric@kth.se>" in post["blocks"][0]["text"]["text"]
    assert "thread_ts" not in post
    # The conversation's messages are handled in turn: once the next one is answered, a second reply to
    # the first would have come.
    post_event(assistant.url, message_event("Tack!", channel))
    posts = fake_slack.wait_for_posts(channel, 2)
    assert len(posts) == 2 and posts[1]["text"] != post["text"]


def test_a_mention_in_a_channel_gets_one_reply_there_in_its_language(
    assistant: Assistant, fake_slack: FakeSlack
) -> None:
    """@innovationskontoret in a channel: answered in that channel, the mention not taken as words."""
    channel = new_channel("C")
    event = mention_event("<@UBOT> Vem leder innovationskontoret?", channel)
    assert post_event(assistant.url, event).status_code == 200
    (post,) = fake_slack.wait_for_posts(channel, 1)
    assert post["text"].startswith("Arbetet leds av KTH Innovation. Ansvarig är Lisa Ericsson"), post["text"]
    assert "thread_ts" not in post and "<@UBOT>" not in post["text"]
    # What the assistant took as the question: the words, without the mention.
    sender = conversation_id("slack", event["event"]["user"])
    assistant.assert_stored_user_texts(sender, ["Vem leder innovationskontoret?"])
    # The next mention is answered after anything the first could still have caused.
    post_event(assistant.url, mention_event("<@UBOT> Tack!", channel))
    posts = fake_slack.wait_for_posts(channel, 2)
    assert len(posts) == 2 and not posts[1]["text"].startswith("Arbetet leds av"), posts


def test_a_message_in_a_thread_is_answered_in_the_thread(assistant: Assistant, fake_slack: FakeSlack) -> None:
    channel = new_channel()
    post_event(assistant.url, message_event("Vad är InterAct?", channel, thread_ts="1700000000.000100"))
    (post,) = fake_slack.wait_for_posts(channel, 1)
    assert post["thread_ts"] == "1700000000.000100"
    assert post["text"].startswith("Partnerskapet InterAct:")


def test_did_you_mean_buttons_are_slack_buttons_that_answer_when_clicked(
    assistant: Assistant, fake_slack: FakeSlack
) -> None:
    import asyncio

    from addons.channels.slack import SlackBot

    channel = new_channel()
    suggestions = [
        {"title": "Verifieringsmedel", "payload": "/ask_funding"},
        {"title": "Inget av dessa", "payload": "/human_handoff"},
    ]
    asyncio.run(SlackBot("xoxb-test", fake_slack.api_url).send_text_with_buttons(channel, "Menade du?", suggestions))
    (post,) = fake_slack.wait_for_posts(channel, 1)
    blocks = post["blocks"] if isinstance(post["blocks"], list) else json.loads(post["blocks"])
    buttons = [element for block in blocks for element in block.get("elements", []) if element.get("type") == "button"]
    assert [(b["text"]["text"], b["value"]) for b in buttons] == [(s["title"], s["payload"]) for s in suggestions]
    # A click sends the button's payload as the visitor's message: the topic is answered.
    clicked = {"type": "button", "value": buttons[0]["value"], "action_id": buttons[0].get("action_id", "b0")}
    response = post_interaction(
        assistant.url,
        {
            "type": "block_actions",
            "user": {"id": "U" + channel},
            "channel": {"id": channel},
            "message": {"ts": "1.1"},
            "actions": [clicked],
        },
    )
    assert response.status_code == 200
    answer = fake_slack.wait_for_posts(channel, 2)[1]
    assert answer["text"].startswith("Verifieringsmedel (VFT)"), answer["text"]


@pytest.mark.parametrize(
    "kwargs",
    [{"secret": "wrong-secret"}, {"age_seconds": 600}],
    ids=["bad signature", "stale timestamp"],
)
def test_unauthentic_requests_are_refused_without_reply(
    assistant: Assistant, fake_slack: FakeSlack, kwargs: dict
) -> None:
    channel = new_channel()
    response = post_event(assistant.url, message_event("Vem leder innovationskontoret?", channel), **kwargs)
    assert response.status_code == 400
    control = new_channel()
    post_event(assistant.url, message_event("Who leads the innovation office?", control))
    fake_slack.wait_for_posts(control, 1)
    assert fake_slack.posts(channel) == []


def test_a_retried_event_is_answered_once(assistant: Assistant, fake_slack: FakeSlack) -> None:
    channel = new_channel()
    event = message_event("Who leads the innovation office?", channel)
    assert post_event(assistant.url, event).status_code == 200
    fake_slack.wait_for_posts(channel, 1)
    retry = post_event(assistant.url, event, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"})
    assert retry.status_code == 200
    # The conversation's next message is answered after anything the retry could have caused.
    post_event(assistant.url, message_event("Thanks!", channel))
    posts = fake_slack.wait_for_posts(channel, 2)
    assert len(posts) == 2 and not posts[1]["text"].startswith("The work is led by")


def test_bots_get_no_reply(assistant: Assistant, fake_slack: FakeSlack) -> None:
    channel = new_channel()
    bot_event = message_event("Who leads the innovation office?", channel, bot_id="B123", subtype="bot_message")
    assert post_event(assistant.url, bot_event).status_code == 200
    post_event(assistant.url, message_event("Thanks!", channel))  # a person in the same conversation, after
    posts = fake_slack.wait_for_posts(channel, 1)
    assert len(posts) == 1 and not posts[0]["text"].startswith("The work is led by")


def test_without_credentials_the_webhook_answers_503(breakable_assistant: Assistant) -> None:
    """Servers started without SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET: the webhook says it is off."""
    breakable_assistant.ensure_running()
    response = post_event(breakable_assistant.url, message_event("Vem leder innovationskontoret?", new_channel()))
    assert response.status_code == 503, response.text
    assert response.json() == {"error": "Slack is not configured on this server"}
    # The rest of the assistant runs as before.
    assert breakable_assistant.say("no-slack", "Who leads the innovation office?")[0]["text"].startswith(
        "The work is led by KTH Innovation."
    )


def test_the_manifest_asks_for_what_the_readme_names() -> None:
    """slack/manifest.yml: exactly the scopes, events and interactivity address of README "Slack"."""
    manifest = yaml.safe_load((PROJECT_ROOT / "slack" / "manifest.yml").read_text(encoding="utf-8"))
    webhook = "https://assistant.example.org/webhooks/slack/webhook"
    assert manifest["features"]["bot_user"]["display_name"] == "innovationskontoret"
    assert set(manifest["oauth_config"]["scopes"]) == {"bot"}  # no user scopes
    assert set(manifest["oauth_config"]["scopes"]["bot"]) == {"app_mentions:read", "im:history", "chat:write"}
    settings = manifest["settings"]
    assert set(settings["event_subscriptions"]["bot_events"]) == {"app_mention", "message.im"}
    assert settings["event_subscriptions"]["request_url"] == webhook
    assert settings["interactivity"] == {"is_enabled": True, "request_url": webhook}
    assert settings["socket_mode_enabled"] is False  # Rasa 3.6 has no Socket Mode


def test_without_credentials_slack_is_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SLACK_BOT_TOKEN", raising=False)
    monkeypatch.delenv("SLACK_SIGNING_SECRET", raising=False)
    assert isinstance(SlackInput.from_credentials({}), SlackOff)
    monkeypatch.setenv("SLACK_BOT_TOKEN", "xoxb-1")
    monkeypatch.setenv("SLACK_SIGNING_SECRET", "s")
    monkeypatch.setenv("SLACK_API_URL", "http://127.0.0.1:9/api")
    channel = SlackInput.from_credentials({})
    assert isinstance(channel, SlackInput) and channel.api_url == "http://127.0.0.1:9/api/"


def test_mrkdwn_escapes_and_links() -> None:
    assert to_mrkdwn("Mejla a@kth.se eller se https://ki.se. <b>&") == (
        "Mejla <mailto:a@kth.se|a@kth.se> eller se <https://ki.se>. &lt;b&gt;&amp;"
    )


def test_the_slack_client_goes_through_https_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    from addons.channels.slack import SlackBot

    monkeypatch.setenv("HTTPS_PROXY", "http://proxy.example.org:3128")
    assert SlackBot("xoxb-test", "https://slack.com/api/", "D1").client.proxy == "http://proxy.example.org:3128"
