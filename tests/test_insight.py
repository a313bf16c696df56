"""Staff insight: feedback on answers, the conversations report, suggestions and the week's figures in Slack.

The end-to-end test talks to the real servers as visitors would (the widget in Chromium, REST, Slack
through the fake Slack), then runs the report and the suggestions as staff would and checks them
against what was sent; on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import time
import uuid
from pathlib import Path
from typing import Iterator

import pytest
import yaml
from playwright.sync_api import Browser, Page, expect
from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader

from actions.paths import PROJECT_ROOT
from addons.channels.feedback import MAX_COMMENT_LENGTH, Feedback
from addons.masking import EMAIL
from harness.actions import domain_responses
from harness.assistant import Assistant, running_assistant
from harness.fake_slack import SLACK_SIGNING_SECRET, FakeSlack, message_event, new_channel, post_event, post_interaction
from harness.postgres import fresh_postgres_database
from harness.widget_page import REPORTS, ask, demo_site, open_widget, session_id
from insight import outcomes
from insight.conversations import StoredEvent, conversations
from insight.figures import compute
from insight.groups import group_questions

# Paraphrases of questions the assistant cannot answer, not those the grouping was tuned on
# (benchmarks/paraphrases.yml).
LUNCH_SV = ["Finns det lunchrestauranger på campus?", "Var äter man lunch på KTH campus?"]
LUNCH_EN = [
    "Where can I eat lunch on campus?",
    "Are there lunch places near the campus?",
    "Is there anywhere to have lunch nearby?",
]
WEATHER_EN = "What will the weather be like tomorrow?"
ANSWERED_SV = "Vem leder innovationskontoret?"
ANSWERED_EN = "Who leads the innovation office?"


# --- Units: outcomes, conversations read back, grouping, suggestions -------------------------------


def test_every_response_an_outcome_names_is_in_the_domain() -> None:
    responses = set(yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"])
    named = set().union(*outcomes.RESPONSES.values())
    assert named - responses == set()


def _events(sender: str, *turns: tuple[str, str, list[str]], feedback: dict | None = None) -> list[StoredEvent]:
    events, at = [StoredEvent(sender, "session_started", 1000.0, {})], 1000.0
    for text, intent, replies in turns:
        at += 10
        events.append(
            StoredEvent(
                sender,
                "user",
                at,
                {
                    "text": text,
                    "parse_data": {
                        "intent": {"name": intent, "confidence": 0.9},
                        "intent_ranking": [
                            {"name": intent, "confidence": 0.9},
                            {"name": "ask_location", "confidence": 0.05},
                        ],
                    },
                },
            )
        )
        for number, reply in enumerate(replies):
            events.append(
                StoredEvent(
                    sender,
                    "bot",
                    at + 0.2 + number / 100,
                    {
                        "metadata": {
                            "utter_action": reply,
                            "condition": [{"type": "slot", "name": "language", "value": "sv"}],
                        }
                    },
                )
            )
    if feedback:
        events.append(StoredEvent(sender, "slot", at + 5, {"name": "feedback", "value": feedback}))
    return events


def test_conversations_are_read_back_with_outcomes_feedback_and_no_sender() -> None:
    events = (
        _events(
            "web:abc",
            ("Vem leder kontoret?", "ask_leader", ["utter_leader"]),
            ("Var kan jag parkera?", "out_of_scope", ["utter_out_of_scope"]),
            feedback={"rating": "down", "answer": 1010.2, "comment": "Fel person"},
        )
        + _events(
            "slack:U1",
            ("/ask_funding", "ask_funding", ["utter_funding"]),
            ("Jag vill prata med någon", "human_handoff", ["utter_handoff", "utter_contact_other"]),
        )
        + _events("rest:x", ("Hej", "greet", ["utter_greet"]))
    )
    read = list(conversations(events))
    assert [c.channel for c in read] == ["widget", "Slack", "shell/REST"]
    web = read[0]
    assert [t.outcome for t in web.turns] == [outcomes.ANSWERED, outcomes.OUT_OF_SCOPE]
    assert (web.turns[0].rating, web.turns[0].comment) == ("down", "Fel person")
    assert web.turns[0].latency == pytest.approx(0.2)
    assert read[1].turns[1].outcome == outcomes.HANDOFF and not read[1].turns[0].typed
    figures = compute(read)
    assert (figures.conversations, figures.messages, figures.contained) == (3, 5, 1)
    assert figures.ratings == {"down": 1}
    # Unanswered: the out-of-scope question and the answer judged 👎 (a button's payload never).
    assert sorted(text for item in figures.unanswered for text in item.group.questions) == [
        "Var kan jag parkera?",
        "Vem leder kontoret?",
    ]
    assert "web:abc" not in repr(figures) and "U1" not in repr(figures)


def test_paraphrases_stand_together_and_different_questions_apart() -> None:
    weather_sv = ["Hur blir vädret i morgon?", "Vad säger väderprognosen för Stockholm?"]
    jobs_sv = ["Har ni några lediga jobb?", "Finns det lediga tjänster hos er?"]
    asked = [("sv", q) for q in LUNCH_SV + jobs_sv + weather_sv] + [("en", q) for q in LUNCH_EN + [WEATHER_EN]]
    groups = group_questions(asked)
    together = {frozenset(group.questions) for group in groups}
    assert frozenset(LUNCH_EN) in together and frozenset(LUNCH_SV) in together and frozenset(jobs_sv) in together
    # No group mixes two questions: every group lies within one paraphrase set.
    sets = [set(LUNCH_SV), set(LUNCH_EN), set(jobs_sv), set(weather_sv), {WEATHER_EN}]
    assert all(any(set(group.questions) <= known for known in sets) for group in groups)
    assert groups[0].size == 3 and groups[0].language == "en"  # largest first


def test_feedback_from_a_client_is_checked_and_its_comment_masked() -> None:
    assert Feedback.parse({"rating": "up", "answer": 12.5}) == Feedback("up", 12.5)
    assert Feedback.parse({"rating": "down", "answer": 1, "comment": "mejla a@b.se"}).comment == f"mejla {EMAIL}"
    for bad in [
        None,
        "up",
        {"rating": "meh", "answer": 1},
        {"rating": "up"},
        {"rating": "up", "answer": "1"},
        {"rating": "up", "answer": float("nan")},
        {"rating": "up", "answer": True},
        {"rating": "down", "answer": 1, "comment": "x" * 501},
    ]:
        assert Feedback.parse(bad) is None, bad


def test_the_report_covers_the_days_asked_for(tmp_path: Path) -> None:
    import asyncio
    from datetime import datetime, timezone

    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    from addons.stores.tracker import MonitoredSQLTrackerStore
    from insight.__main__ import main

    store = MonitoredSQLTrackerStore(dialect="sqlite", db=str(tmp_path / "tracker.db"), retention_days=0)
    for sender, day in (("rest:early", 3), ("rest:late", 20)):
        at = datetime(2026, 11, day, 12, tzinfo=timezone.utc).timestamp()
        asyncio.run(
            store.save(
                DialogueStateTracker.from_events(
                    sender,
                    [
                        UserUttered(
                            f"fråga den {day}",
                            parse_data={"intent": {"name": "ask_office", "confidence": 0.9}},
                            timestamp=at,
                        ),
                        BotUttered("Svar", metadata={"utter_action": "utter_office"}, timestamp=at + 0.05),
                    ],
                )
            )
        )
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        "tracker_store:\n  type: addons.stores.tracker.MonitoredSQLTrackerStore\n"
        f"  dialect: sqlite\n  db: {tmp_path / 'tracker.db'}\n"
    )

    def cards(*period: str) -> dict[str, str]:
        out = tmp_path / "report.html"
        assert main(["report", *period, "--endpoints", str(endpoints), "--out", str(out)]) == 0
        return dict(re.findall(r"<li>([^<]+)<b>([^<]+)</b></li>", out.read_text(encoding="utf-8")))

    assert cards()["conversations"] == "2"
    assert cards("--from", "2026-11-10")["conversations"] == "1"
    assert cards("--to", "2026-11-03")["conversations"] == "1"  # the last day counts whole
    assert cards("--from", "2026-11-04", "--to", "2026-11-19")["conversations"] == "0"
    with pytest.raises(SystemExit):
        main(["report", "--from", "2026-11-20", "--to", "2026-11-03", "--endpoints", str(endpoints)])

    # One file that opens anywhere: the charts inline, no script, the topics also in Swedish, latency.
    cards()
    page = (tmp_path / "report.html").read_text(encoding="utf-8")
    assert "<script" not in page and "<svg" in page and "src=" not in page
    swedish_topic = next(
        v["text"] for v in domain_responses()["utter_topic_ask_office"] if v["condition"][0]["value"] == "sv"
    )
    assert html.escape(swedish_topic) in page
    assert "<h2>Latency per turn</h2>" in page and "latency p50 / p95" in page


# --- End to end: visitors on every channel, then the report and the suggestions --------------------


@pytest.fixture(params=["sqlite", "postgresql"])
def servers(request: pytest.FixtureRequest, tmp_path: Path, fake_slack: FakeSlack) -> Iterator[Assistant]:
    slack_env = {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SLACK_SIGNING_SECRET,
        "SLACK_API_URL": fake_slack.api_url,
    }
    if request.param == "sqlite":
        with running_assistant(tmp_path, slack_env) as started:
            yield started
    else:
        with fresh_postgres_database() as url, running_assistant(tmp_path, slack_env, tracker_url=url) as started:
            yield started


def _widget_visit(browser: Browser, site: str) -> str:
    """A visitor in the widget: an answer judged 👎 with a comment, and an unanswered question."""
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page: Page = context.new_page()
    try:
        open_widget(page, site + "/")
        ask(page, ANSWERED_SV)
        feedback = page.locator(".kia-feedback").last
        expect(feedback.get_by_role("button", name="Ja, bra svar")).to_be_visible()
        feedback.get_by_role("button", name="Nej, inte bra svar").click()
        comment = page.get_by_label("Vad saknades? (valfritt)")
        expect(comment).to_be_focused()
        expect(comment).to_have_attribute("maxlength", str(MAX_COMMENT_LENGTH))
        comment.fill("Jag ville ha telefonnummer, ring 070-123 45 67 eller mejla anna.svensson@example.com")
        page.get_by_role("button", name="Skicka kommentar").click()
        expect(page.locator(".kia-feedback").last).to_have_text("Tack för din återkoppling!")
        ask(page, LUNCH_SV[0])
        expect(page.locator(".kia-feedback")).to_have_count(1)  # out of scope: nothing to judge
        REPORTS.mkdir(exist_ok=True)
        page.screenshot(path=str(REPORTS / "widget-feedback.png"))
        return session_id(page)
    finally:
        context.close()


def _slack_visit(servers: Assistant, slack: FakeSlack) -> tuple[str, str]:
    """A colleague in Slack: an answer judged 👍 with its button, then the week's figures."""
    channel = new_channel()
    post_event(servers.url, message_event(ANSWERED_EN, channel))
    (answer,) = slack.wait_for_posts(channel, 1)
    buttons = answer["blocks"][-1]
    assert [b["accessibility_label"] for b in buttons["elements"]] == ["Helpful answer", "Not a helpful answer"]
    up = buttons["elements"][0]
    response = post_interaction(
        servers.url,
        {
            "type": "block_actions",
            "user": {"id": "U" + channel},
            "channel": {"id": channel},
            "message": {"ts": "1700000000.000200", "text": answer["text"], "blocks": answer["blocks"]},
            "actions": [{"type": "button", "action_id": up["action_id"], "block_id": "feedback", "value": up["value"]}],
        },
    )
    assert response.status_code == 200
    update = slack.wait_for_calls("chat.update", channel)[-1]
    assert update["ts"] == "1700000000.000200" and "Thank you for your feedback!" in json.dumps(update["blocks"])
    assert all(block.get("block_id") != "feedback" for block in update["blocks"])
    assert len(slack.posts(channel)) == 1  # a click is no message: nothing was answered
    return channel, "U" + channel


def _stored_turns(servers: Assistant, expected: int, timeout: float = 20) -> None:
    """Waits until the store holds `expected` visitor messages (socket.io replies come before the save)."""
    from insight.figures import figures_for

    deadline = time.monotonic() + timeout
    while figures_for(servers.write_endpoints(), None, None).messages < expected and time.monotonic() < deadline:
        time.sleep(0.2)


def _staff_command(servers: Assistant, command: str, out: Path) -> str:
    """`make report` or `make suggest`, as staff run them, on the servers' tracker store."""
    env = {**os.environ, "ENDPOINTS_FILE": str(servers.write_endpoints())}
    subprocess.run(
        ["make", "--no-print-directory", command, f"OUT={out}"],
        cwd=PROJECT_ROOT,
        env=env,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return out.read_text(encoding="utf-8")


@pytest.mark.e2e
def test_staff_see_what_visitors_asked(
    servers: Assistant, fake_slack: FakeSlack, browser: Browser, tmp_path: Path
) -> None:
    rest_senders = [f"visitor-{uuid.uuid4().hex[:6]}" for _ in range(6)]
    # REST: one contained conversation per language, the lunch paraphrases, a request for a person.
    assert "Lisa Ericsson" in servers.say(rest_senders[0], ANSWERED_SV)[0]["text"]
    servers.say(rest_senders[0], "Tack!")
    servers.say(rest_senders[1], ANSWERED_EN)
    # Visitors may not see staff figures.
    assert "only to staff in Slack" in servers.say(rest_senders[1], "weekly report")[0]["text"]
    for sender, question in zip(rest_senders[2:5], LUNCH_EN):
        assert "can't answer" in servers.say(sender, question)[0]["text"]
    servers.say(rest_senders[5], WEATHER_EN)
    servers.say(rest_senders[5], LUNCH_SV[1])
    servers.say(rest_senders[5], "Jag vill prata med en människa")
    with demo_site(servers.url) as site:
        widget_sender = _widget_visit(browser, site)
    slack_channel, slack_user = _slack_visit(servers, fake_slack)

    # 10 REST messages, 2 in the widget, 1 in Slack: 8 conversations.
    _stored_turns(servers, 13)
    post_event(servers.url, message_event("hur gick veckan?", slack_channel))
    summary = fake_slack.wait_for_posts(slack_channel, 2)[-1]["text"]
    assert "8 samtal och 13 frågor" in summary, summary  # the question itself is stored after its answer
    assert "Vanligaste obesvarade frågorna: “Are there lunch places near the campus?” (en, 3×)" in summary, summary
    _stored_turns(servers, 14)

    report = _staff_command(servers, "report", tmp_path / "conversations.html")
    suggestions = _staff_command(servers, "suggest", tmp_path / "suggestions.yml")

    cards = dict(re.findall(r"<li>([^<]+)<b>([^<]+)</b></li>", report))
    assert cards["conversations"] == "8" and cards["messages"] == "14"
    # Contained: the two answered REST conversations and Slack's; the widget's went out of scope.
    assert cards["containment"] == f"{100 * 3 / 8:.1f} %"
    assert cards["feedback helpful / not"] == "1 / 1"
    for channel in ("widget", "Slack", "shell/REST"):
        assert re.search(f'<th scope="col"[^>]*>{re.escape(channel)}</th>', report), channel
    # The paraphrases stand together, largest group first, with the 👎 comment masked.
    rows = re.findall(r"<tr><td class=n>(\d+)</td><td class=n>(\d+)</td><td>(\w+)</td><td>(.*?)</td>", report)
    assert rows[0][1:3] == ("3", "en") and all(q in rows[0][3] for q in LUNCH_EN), rows[0]
    assert any(row[2] == "sv" and all(q in row[3] for q in LUNCH_SV) for row in rows), rows
    assert "ring &lt;phone&gt;" in report and "&lt;e-mail&gt;" in report

    blocks = RasaYAMLReader().reads(suggestions).intent_examples
    lunch = [m.get("text") for m in blocks if m.get("text") in LUNCH_EN]
    assert sorted(lunch) == sorted(LUNCH_EN)
    assert len({m.get("intent") for m in blocks if m.get("text") in LUNCH_EN}) == 1  # one block

    for text in (report, suggestions):
        for secret in [
            *rest_senders,
            widget_sender,
            widget_sender.split(":", 1)[1],
            slack_user,
            slack_channel,
            "anna.svensson@example.com",
            "070-123 45 67",
        ]:
            assert secret not in text, secret
    REPORTS.mkdir(exist_ok=True)
    (REPORTS / "conversations-example.html").write_text(report, encoding="utf-8")
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    try:
        page = context.new_page()
        page.goto((REPORTS / "conversations-example.html").as_uri())
        expect(page.get_by_role("heading", name="Unanswered questions")).to_be_visible()
        page.screenshot(path=str(REPORTS / "conversations-report.png"), full_page=True)
    finally:
        context.close()


# --- Feedback from outside: only on one's own answers, only signed -----------------------------------


@pytest.mark.e2e
def test_feedback_is_taken_only_on_an_answer_of_one_s_own_conversation(assistant: Assistant) -> None:
    from addons.channels.conversation_ids import conversation_id, verified_session
    from harness.widget_client import WidgetClient

    victim, attacker = WidgetClient(assistant.url), WidgetClient(assistant.url)
    try:
        victim_token = victim.start()
        victim.say(ANSWERED_SV, session_id=victim_token)
        answer = victim.next("bot_uttered")
        assert answer["feedback"] is True and isinstance(answer["answer"], float)
        victim.say(LUNCH_SV[0], session_id=victim_token)
        assert "feedback" not in victim.next("bot_uttered")  # out of scope: no fact to judge

        attacker.start()
        attacker.feedback(rating="down", answer=answer["answer"])  # someone else's answer
        assert attacker.next("error_message")["error"] == "feedback_failed"
        for malformed in ({"rating": "up"}, {"rating": "meh", "answer": answer["answer"]}, {"answer": "x" * 10_000}):
            attacker.feedback(**malformed)
            assert attacker.next("error_message")["error"] == "invalid_feedback"

        victim.feedback(rating="up", answer=answer["answer"])
        assert victim.next("feedback_recorded") == {"answer": answer["answer"], "rating": "up"}
    finally:
        victim.close()
        attacker.close()
    session = verified_session(victim_token)
    assert session is not None
    stored = [
        event["value"]
        for event in assistant.stored_events(conversation_id("web", session), "slot")
        if event["name"] == "feedback"
    ]
    assert stored == [{"rating": "up", "answer": answer["answer"]}]


@pytest.mark.e2e
def test_an_unsigned_slack_click_is_not_taken(assistant: Assistant, fake_slack: FakeSlack) -> None:
    channel = new_channel()
    value = json.dumps({"rating": "down", "answer": 1.0, "lang": "en"})
    response = post_interaction(
        assistant.url,
        {
            "type": "block_actions",
            "user": {"id": "U" + channel},
            "channel": {"id": channel},
            "message": {"ts": "1.2", "blocks": []},
            "actions": [{"type": "button", "action_id": "feedback_down", "value": value}],
        },
        secret="wrong-secret",
    )
    assert response.status_code == 400  # refused before anything is stored or sent
    assert [name for name, body in fake_slack.calls if body.get("channel") == channel] == []
    assert assistant.stored_events(f"slack:U{channel}", "slot") == []


def test_a_suggestion_names_the_nearest_topic_only_when_it_is_a_guess_worth_showing() -> None:
    from collections import Counter

    from insight.figures import Figures, UnansweredGroup
    from insight.groups import Group
    from insight.suggestions import FILL_IN, MIN_GUESS_SCORE, render

    figures = Figures(start=None, end=None)
    close = Group("sv", Counter({"Var kan man äta lunch?": 2, "Finns det lunch?": 1}))
    far = Group("en", Counter({"Can I park here?": 1}))
    figures.unanswered = [
        UnansweredGroup(close, Counter({"out_of_scope": 3}), ("ask_location", MIN_GUESS_SCORE + 0.2)),
        UnansweredGroup(far, Counter({"out_of_scope": 1}), ("ask_funding", MIN_GUESS_SCORE / 2)),
    ]
    blocks = RasaYAMLReader().reads(render(figures)).intent_examples
    intents = {m.get("text"): m.get("intent") for m in blocks}
    assert intents == {
        "Var kan man äta lunch?": "ask_location",
        "Finns det lunch?": "ask_location",
        "Can I park here?": FILL_IN,
    }
    assert "# nearest topic: ask_funding (score 0.05)" in render(figures)
