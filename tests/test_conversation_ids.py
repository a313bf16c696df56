"""Nobody reads or writes another's conversation by naming it: attacks from outside, on the real servers.

The widget's sessions are issued and signed by the server; REST, socket.io and Slack
senders live in namespaces of their own (addons/channels/conversation_ids.py).
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from addons.channels.conversation_ids import conversation_id, issue_session, verified_session
from harness.assistant import Assistant
from harness.widget_client import WidgetClient


@pytest.fixture
def widget(assistant: Assistant) -> Iterator[Any]:
    clients: list[WidgetClient] = []

    def connect() -> WidgetClient:
        clients.append(WidgetClient(assistant.url))
        return clients[-1]

    yield connect
    for client in clients:
        client.close()


def web_conversation(token: str) -> str:
    session = verified_session(token)
    assert session is not None
    return conversation_id("web", session)


def test_the_server_issues_the_session_and_keeps_a_signed_one(widget: Any) -> None:
    first = widget()
    token = first.start()
    assert verified_session(token) is not None
    first.close()
    assert widget().start(token) == token  # a reloaded page keeps its conversation


@pytest.mark.parametrize("forged", ["victim", "0123456789abcdef0123456789abcdef", "abc.def", "", "x" * 10_000])
def test_an_unsigned_session_gets_a_conversation_of_its_own(widget: Any, forged: str) -> None:
    token = widget().start(forged)
    assert token != forged and verified_session(token) is not None


def test_a_session_signed_for_another_id_is_refused(widget: Any) -> None:
    victim = issue_session()
    session, signature = victim.split(".")
    assert widget().start(f"{session[::-1]}.{signature}") != f"{session[::-1]}.{signature}"


def test_a_message_goes_to_the_socket_s_own_session_whatever_it_claims(widget: Any, assistant: Assistant) -> None:
    victim = widget()
    victim_token = victim.start()
    victim.say("Vem kan jag kontakta?")
    victim.next("bot_uttered")

    attacker = widget()
    attacker.say("Jag har tagit över", session_id=victim_token)  # no session confirmed on this socket
    assert attacker.next("error_message")["error"] == "no_session"
    attacker_token = attacker.start()
    attacker.say("Hej", session_id=victim_token)
    attacker.next("bot_uttered")

    assistant.assert_stored_user_texts(web_conversation(victim_token), ["Vem kan jag kontakta?"])
    assistant.assert_stored_user_texts(web_conversation(attacker_token), ["Hej"])


@pytest.mark.parametrize("claimed", ["{session}", "web:{session}", "slack:U0VICTIM", "U0VICTIM"])
def test_rest_cannot_reach_a_widget_or_slack_conversation(widget: Any, assistant: Assistant, claimed: str) -> None:
    victim = widget()
    token = victim.start()
    victim.say("Vem kan jag kontakta?")
    victim.next("bot_uttered")
    sender = claimed.format(session=verified_session(token))

    assistant.say(sender, "Det här skrev någon annan")

    assistant.assert_stored_user_texts(web_conversation(token), ["Vem kan jag kontakta?"])
    assistant.assert_stored_user_texts(conversation_id("slack", "U0VICTIM"), [])
    assistant.assert_stored_user_texts(conversation_id("rest", sender), ["Det här skrev någon annan"])


def test_only_known_metadata_is_kept_and_huge_requests_are_refused(assistant: Assistant) -> None:
    import requests

    sender = "metadata-probe"
    reply = requests.post(
        assistant.url + "/webhooks/rest/webhook",
        timeout=60,
        json={"sender": sender, "message": "Hej", "metadata": {"language": "sv", "tracking": "x" * 5000}},
    )
    assert reply.status_code == 200
    metadata = [event.get("metadata") for event in assistant.stored_events(conversation_id("rest", sender), "user")]
    rasa_own = {"model_id", "assistant_id"}  # what Rasa itself adds to every user event
    assert [{key: value for key, value in m.items() if key not in rasa_own} for m in metadata] == [{"language": "sv"}]

    huge: dict[str, Any] = {"sender": sender, "message": "Hej", "metadata": {"language": "sv", "blob": "x" * 1_000_000}}
    assert requests.post(assistant.url + "/webhooks/rest/webhook", json=huge, timeout=60).status_code == 413
    assert (
        requests.post(
            assistant.url + "/webhooks/rest/webhook", timeout=60, json={"sender": "s" * 10_000, "message": "Hej"}
        ).status_code
        == 400
    )
    assert assistant.say("after-the-attack", "Hej")  # the server goes on


def test_explain_over_rest_reveals_nothing(assistant: Assistant) -> None:
    """The staff feature that echoes the last message answers only in the shell."""
    sender = "explain-probe"
    assistant.say(sender, "Vem kan jag kontakta? Mitt namn är Eva Hemlig.")
    reply = " ".join(m.get("text") or "" for m in assistant.say(sender, "/explain"))
    assert "Eva Hemlig" not in reply and "Vem kan jag kontakta" not in reply
    assert "terminal" in reply or "terminalen" in reply, reply


def test_with_session_secret_every_replica_accepts_the_others_sessions(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """SESSION_SECRET, not each machine's own var/session_secret, signs: a session issued on one replica
    is kept on another, and one signed under another secret is not."""
    from addons.channels import conversation_ids as ids

    def replica(secret_file: Path) -> None:  # a process of its own: its own file, nothing cached
        monkeypatch.setattr(ids, "SECRET_FILE", secret_file)
        ids._secret.cache_clear()

    monkeypatch.setenv("SESSION_SECRET", "shared-by-every-replica")
    replica(tmp_path / "one" / "session_secret")
    token = ids.issue_session()
    replica(tmp_path / "two" / "session_secret")
    assert ids.verified_session(token) is not None
    monkeypatch.delenv("SESSION_SECRET")
    replica(tmp_path / "three" / "session_secret")  # a replica without the shared secret
    assert ids.verified_session(token) is None
    ids._secret.cache_clear()


def test_a_socket_io_frame_over_64_kb_closes_that_socket_only(widget: Any) -> None:
    large = widget()
    session = large.start()
    large.say("x" * (70 * 1024), session)
    deadline = time.monotonic() + 30
    while large.client.connected and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not large.client.connected
    other = widget()
    other_session = other.start()
    other.say("Vad är InterAct?", other_session)
    assert "InterAct" in other.next("bot_uttered")["text"]
