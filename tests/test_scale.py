"""Production scale: two Rasa replicas and two action servers behind nginx, on PostgreSQL and Redis.

`make test-scale` runs these (and `make test` runs `make test-scale`); every
process is on loopback and is started as production starts it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable, Iterator

import pytest
import redis
import requests
from playwright.sync_api import expect

from actions import loader
from actions.paths import PROJECT_ROOT
from addons.channels.conversation_ids import conversation_id
from harness import rest
from harness.cluster import REDIS_HOST, REDIS_PORT, REST_HEADERS, Cluster
from harness.fake_slack import SLACK_SIGNING_SECRET, FakeSlack, message_event, new_channel, post_event
from harness.load import LoadResult, mixed_conversations, run_load
from harness.private_postgres import PrivatePostgres
from harness.processes import free_port
from harness.replies import rendered
from harness.widget_page import ANSWER_TIMEOUT_MS, ask, chromium, last_bot, open_widget, session_id

pytestmark = pytest.mark.scale

CONTACTS_SOURCE = "https://www.kth.se/om/innovation/om/innovationskontoret-1.581100"  # knowledge/contacts.yml

LISA = {"contact_name": "Lisa Ericsson", "email": "lisaeric@kth.se", "source_url": CONTACTS_SOURCE}
LISA_EMAIL_SV = rendered("utter_contact_email", "sv", **LISA)
LISA_EMAIL_EN = rendered("utter_contact_email", "en", **LISA)


@pytest.fixture(scope="module")
def cluster(tmp_path_factory: pytest.TempPathFactory, postgres_url: str, fake_slack: FakeSlack) -> Iterator[Cluster]:
    loader.load(postgres_url)  # the knowledge and the trackers share the throw-away database
    slack = {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SLACK_SIGNING_SECRET,
        "SLACK_API_URL": fake_slack.api_url,
    }
    servers = Cluster(
        workdir=tmp_path_factory.mktemp("cluster"),
        tracker_store_url=postgres_url,
        knowledge_url=postgres_url,
        extra_env=slack,
        web_root=built_website(),
    )
    try:
        servers.start_all()
        servers.url = servers.start_nginx()
        yield servers
    finally:
        servers.stop_all()
        client = redis.Redis(host=REDIS_HOST, port=int(REDIS_PORT))
        for key in client.scan_iter(f"{servers.redis_prefix}*"):
            client.delete(key)


def built_website() -> Path:
    """The production website files (scripts/build_widget.py), where nginx's workers may read them."""
    from scripts.build_widget import build

    root = Path(tempfile.mkdtemp(prefix="kth-assistant-web-"))
    build(target=root / "web")
    for path in [root, *root.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return root / "web"


def say(url: str, sender: str, text: str) -> list[dict]:
    """One message to a replica or nginx, with the production REST channel's token."""
    return rest.say(url, sender, text, headers=REST_HEADERS)


def texts(messages: list[dict]) -> list[str]:
    return [m["text"] for m in messages if "text" in m]


def lock_errors(cluster: Cluster) -> list[str]:
    return [
        line
        for name in cluster.ports
        if name.startswith("rasa")
        for line in cluster.log(name).splitlines()
        if "LockError" in line or "acquire lock" in line
    ]


def check_every_turn(cluster: Cluster, result: LoadResult) -> None:
    """Every message answered once, and every conversation stored whole and in order."""
    unanswered = [t for t in result.turns if not t.answered]
    assert not unanswered, f"{len(unanswered)} messages without an answer, e.g. {unanswered[:3]}"
    for sender, sent in result.by_sender().items():
        stored = cluster.turns(conversation_id("rest", sender))
        assert [text for text, _ in stored] == [t.text for t in sent], sender
        for turn, (_, bot_texts) in zip(sent, stored):
            assert bot_texts == texts(turn.replies), f"{sender}: {turn.text!r} answered {bot_texts}"
        follow_up = sent[3]
        assert texts(follow_up.replies) in ([LISA_EMAIL_SV], [LISA_EMAIL_EN]), follow_up


def test_replicas_are_healthy_and_their_api_needs_the_token(cluster: Cluster) -> None:
    for n in range(cluster.replicas):
        health = requests.get(cluster.rasa_url(n) + "/webhooks/health/", timeout=10)
        assert health.status_code == 200
        store = health.json()["tracker_store"]
        assert (store["type"], store["dialect"], store["status"]) == ("MonitoredSQLTrackerStore", "postgresql", "ok")
    api = cluster.rasa_url(0) + "/conversations/nobody/tracker"
    assert requests.get(api, timeout=10).status_code == 401
    assert requests.get(api, params={"token": "wrong"}, timeout=10).status_code == 401
    assert requests.get(api, params={"token": cluster.token}, timeout=10).status_code == 200
    # The load balancer forwards the channels and the health check, not the API.
    assert (
        requests.get(
            cluster.url + "/conversations/nobody/tracker", params={"token": cluster.token}, timeout=10
        ).status_code
        == 404
    )
    assert requests.get(cluster.url + "/webhooks/health/", timeout=10).status_code == 200


@pytest.mark.parametrize(
    "question, follow_up, answer",
    [
        ("Vem ska jag kontakta?", "och hennes mejl?", LISA_EMAIL_SV),
        ("Who should I contact?", "and her e-mail?", LISA_EMAIL_EN),
    ],
)
def test_a_conversation_alternating_between_replicas_keeps_its_context(
    cluster: Cluster, question: str, follow_up: str, answer: str
) -> None:
    sender = f"alternating-{time.monotonic_ns()}"
    assert any("Lisa Ericsson" in text for text in texts(say(cluster.rasa_url(0), sender, question)))
    assert texts(say(cluster.rasa_url(1), sender, follow_up)) == [answer]
    assert [text for text, _ in cluster.turns(conversation_id("rest", sender), replica=0)] == [question, follow_up]


def test_through_nginx_the_messages_of_one_conversation_spread_over_both_replicas(cluster: Cluster) -> None:
    sender = f"balanced-{time.monotonic_ns()}"
    served_before = len(cluster.upstreams(path="/webhooks/"))
    for text in ["Hej", "Vem ska jag kontakta?", "och hennes mejl?", "Tack!"]:
        reply = texts(say(cluster.url, sender, text))
        assert reply
    assert reply and texts(say(cluster.url, sender, "och hennes mejl?")) == [LISA_EMAIL_SV]
    served = cluster.upstreams(path="/webhooks/")[served_before:]
    assert {f"127.0.0.1:{cluster.ports['rasa0']}", f"127.0.0.1:{cluster.ports['rasa1']}"} <= set(served)


def test_the_widget_through_nginx_keeps_its_conversation_across_replicas(cluster: Cluster) -> None:
    """The demo page and the widget as nginx serves them (built, at their own origin) in Chromium: a
    reload opens a new websocket, which nginx sends to the other replica."""
    sockets_before = len(cluster.upstreams(path="/socket.io/"))
    with chromium() as browser:
        context = browser.new_context()
        page = context.new_page()
        page.add_init_script(
            "window.__violations = [];"
            "document.addEventListener('securitypolicyviolation',"
            " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        open_widget(page, cluster.url + "/")
        ask(page, "Vem kan jag kontakta?")
        expect(page.locator(".kia-bot", has_text="Lisa Ericsson").first).to_be_visible()
        page.reload()
        expect(page.locator(".kia-status")).to_be_hidden(timeout=ANSWER_TIMEOUT_MS)
        ask(page, "och hennes mejl?")
        expect(last_bot(page)).to_have_text(f"Assistenten: {LISA_EMAIL_SV}")
        sender = session_id(page)
        assert page.evaluate("window.__violations") == []  # under the page's strict policy
        context.close()
    assert [text for text, _ in cluster.turns(sender)] == ["Vem kan jag kontakta?", "och hennes mejl?"]
    deadline = time.monotonic() + 10  # nginx logs a websocket when it closes
    while len(cluster.upstreams(path="/socket.io/")) < sockets_before + 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    served = cluster.upstreams(path="/socket.io/")[sockets_before:]
    assert len(served) == 2 and len(set(served)) == 2, f"the widget's connections went to {served}"


def test_a_slack_retry_that_reaches_the_other_replica_is_not_answered_twice(
    cluster: Cluster, fake_slack: FakeSlack
) -> None:
    channel = new_channel()
    event = message_event("Vem leder innovationskontoret?", channel)
    assert post_event(cluster.rasa_url(0), event).status_code == 200
    fake_slack.wait_for_posts(channel, 1)
    retry = post_event(
        cluster.rasa_url(1), event, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
    )
    assert retry.status_code == 200
    # The event id is kept beside the lock store's locks, in the Redis every replica shares.
    client = redis.Redis(host=REDIS_HOST, port=int(REDIS_PORT))
    assert client.exists(f"{cluster.redis_prefix}:slack-event:{event['event_id']}")
    # The conversation's next message, on the same replica, is answered after anything the retry caused.
    post_event(cluster.rasa_url(1), message_event("Tack!", channel))
    posts = fake_slack.wait_for_posts(channel, 2)
    assert len(posts) == 2 and not posts[1]["text"].startswith("Arbetet leds av")


def test_fifty_conversations_through_one_and_two_replicas(
    cluster: Cluster, report_figure: Callable[[str], None]
) -> None:
    one_replica = cluster.start_nginx("nginx-one", replicas=[0])
    results = {
        "one replica": run_load(
            one_replica, mixed_conversations(50), concurrency=50, prefix="one", headers=REST_HEADERS
        ),
        "two replicas": run_load(
            cluster.url, mixed_conversations(50), concurrency=50, prefix="two", headers=REST_HEADERS
        ),
    }
    for label, result in results.items():
        figures = result.summary()
        report_figure(
            f"scale, 50 conversations x 10 messages through nginx, {label}: "
            f"p50 {figures['p50_ms']} ms, p95 {figures['p95_ms']} ms, {figures['rps']} messages/s"
        )
        check_every_turn(cluster, result)
    assert not lock_errors(cluster)


def test_simultaneous_messages_of_one_conversation_are_handled_one_after_the_other(cluster: Cluster) -> None:
    """Two replicas get a message of the same conversation at the same moment: the lock orders them."""
    senders = [f"double-{n}-{time.monotonic_ns()}" for n in range(20)]
    messages = [(0, "Vem kan jag kontakta?"), (1, "Vad är KTH Innovation?")]
    replies: dict[tuple[str, str], list[str]] = {}

    def send(sender: str, replica: int, text: str) -> None:
        replies[(sender, text)] = texts(say(cluster.rasa_url(replica), sender, text))

    threads = [
        threading.Thread(target=send, args=(sender, replica, text)) for sender in senders for replica, text in messages
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    for sender in senders:
        stored = cluster.turns(conversation_id("rest", sender))
        assert sorted(text for text, _ in stored) == sorted(text for _, text in messages), sender
        for text, bot_texts in stored:
            assert bot_texts and bot_texts == replies[(sender, text)], (sender, text, bot_texts)
    assert not lock_errors(cluster)


def test_a_replica_killed_under_load(cluster: Cluster, report_figure: Callable[[str], None]) -> None:
    outcome: dict[str, LoadResult] = {}
    load = threading.Thread(
        target=lambda: outcome.setdefault(
            "result",
            run_load(cluster.url, mixed_conversations(50), concurrency=50, prefix="killed", headers=REST_HEADERS),
        )
    )
    load.start()
    time.sleep(3)
    killed_at = time.monotonic()
    cluster.kill("rasa1")
    load.join(timeout=300)
    result = outcome["result"]

    failed = [t for t in result.turns if not t.answered]
    after_kill = [t for t in result.turns if t.started_at > killed_at + 1]
    report_figure(
        f"scale, replica killed under load: {len(failed)} of {len(result.turns)} messages in flight "
        f"on it got an error; {sum(t.answered for t in after_kill)}/{len(after_kill)} sent afterwards "
        f"were answered"
    )
    assert len(failed) <= 50  # at most the one message in flight per conversation
    assert after_kill and all(t.answered for t in after_kill)
    # Nothing confirmed is lost: every answered message is stored, in order, with its answer.
    for sender, sent in result.by_sender().items():
        stored = iter(cluster.turns(conversation_id("rest", sender)))
        for turn in (t for t in sent if t.answered):
            assert any(text == turn.text and bots == texts(turn.replies) for text, bots in stored), (sender, turn)
        # ...and nothing is stored twice: the stored messages are the sent ones, in order, some perhaps lost.
        remaining = iter(turn.text for turn in sent)
        stored_texts = [text for text, _ in cluster.turns(conversation_id("rest", sender))]
        assert all(any(text == sent_text for sent_text in remaining) for text in stored_texts), (sender, stored_texts)

    # The killed replica restarts and nginx sends it traffic again.
    cluster.start_rasa(1)
    rejoined = f"127.0.0.1:{cluster.ports['rasa1']}"
    served_before = len(cluster.upstreams(path="/webhooks/"))
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and rejoined not in cluster.upstreams(path="/webhooks/")[served_before:]:
        sender = f"rejoin-{time.monotonic_ns()}"
        say(cluster.url, sender, "Who should I contact?")
        assert texts(say(cluster.url, sender, "and her e-mail?")) == [LISA_EMAIL_EN]
        time.sleep(0.5)
    assert rejoined in cluster.upstreams(path="/webhooks/")[served_before:]


def test_a_stopped_tracker_database_is_reported_and_answering_resumes(cluster: Cluster) -> None:
    database = PrivatePostgres()
    database.start()
    cluster.ports["rasa9"] = free_port()
    try:
        cluster.start_rasa(9, TRACKER_STORE_URL=database.url)
        health = cluster.rasa_url(9) + "/webhooks/health/"
        sender = f"outage-{time.monotonic_ns()}"
        assert any("Lisa Ericsson" in text for text in texts(say(cluster.rasa_url(9), sender, "Vem kan jag kontakta?")))

        database.stop()
        assert texts(say(cluster.rasa_url(9), sender, "Vad är KTH Innovation?"))  # answered, from memory
        down = requests.get(health, timeout=10)
        assert down.status_code == 503
        assert down.json()["tracker_store"]["status"] == "failing"
        assert "OperationalError" in down.json()["tracker_store"]["last_error"]
        assert "TRACKER STORE DOWN" in cluster.log("rasa9")

        database.start()
        assert requests.get(health, timeout=10).status_code == 200
        assert texts(say(cluster.rasa_url(9), sender, "och hennes mejl?")) == [LISA_EMAIL_SV]
        assert "Tracker store answers again" in cluster.log("rasa9")
        # The turn taken during the outage was never stored; the others are, in order.
        assert [text for text, _ in cluster.turns(conversation_id("rest", sender), replica=9)] == [
            "Vem kan jag kontakta?",
            "och hennes mejl?",
        ]
    finally:
        if "rasa9" in cluster.processes:
            cluster.kill("rasa9")
        database.remove()


def test_a_replica_whose_redis_does_not_answer_is_reported_unhealthy(cluster: Cluster) -> None:
    """The health check fails when the lock store's Redis is unreachable; its details go to this machine and
    HEALTH_CALLERS only."""
    from harness.http_client import request_from

    cluster.ports["rasa8"] = free_port()
    try:
        cluster.start_rasa(8, REDIS_PORT=str(free_port()), HEALTH_CALLERS="127.0.0.3")  # nothing listens there
        health = cluster.rasa_url(8) + "/webhooks/health/"
        status, body = request_from("127.0.0.3", "GET", health)  # the monitoring's address
        assert status == 503 and json.loads(body)["lock_store"]["status"] == "failing", body
        assert json.loads(body)["tracker_store"]["status"] == "ok"
        status, body = request_from("127.0.0.4", "GET", health)  # anyone else
        assert status == 503 and json.loads(body) == {"status": "failing"}
    finally:
        if "rasa8" in cluster.processes:
            cluster.kill("rasa8")


def test_nginx_refuses_a_flood_from_one_client_and_answers_the_others(cluster: Cluster) -> None:
    """The production limits (scripts/nginx_conf.py defaults): 500 messages at once from one address."""
    from concurrent.futures import ThreadPoolExecutor

    from harness.http_client import post_json_from
    from scripts.nginx_conf import BURST

    url = cluster.start_nginx("nginx-limited", limits={}) + "/webhooks/rest/webhook"

    def flood(n: int) -> int:
        return post_json_from(
            "127.0.0.2", url, {"sender": f"flood-{n % 7}", "message": "Vad är InterAct?"}, REST_HEADERS
        )[0]

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(flood, range(500)))
    assert statuses.count(429) >= 500 - BURST - 5 and statuses.count(200) >= 1, sorted(set(statuses))
    status, body = post_json_from(
        "127.0.0.3", url, {"sender": "neighbour", "message": "Vad är InterAct?"}, REST_HEADERS
    )
    assert status == 200 and "InterAct" in body


def test_rest_in_production_needs_its_token(cluster: Cluster) -> None:
    url = cluster.url + "/webhooks/rest/webhook"
    body = {"sender": "outsider", "message": "Vad är InterAct?"}
    assert requests.post(url, json=body, timeout=60).status_code == 401
    assert requests.post(url, json=body, headers={"Authorization": "Bearer guess"}, timeout=60).status_code == 401
    assert requests.post(url, json=body, headers=REST_HEADERS, timeout=60).status_code == 200


def test_the_health_check_s_details_are_for_this_machine_only(cluster: Cluster) -> None:
    from harness.http_client import request_from

    status, body = request_from("127.0.0.2", "GET", cluster.url + "/webhooks/health/")  # a visitor via nginx
    assert status == 200 and json.loads(body) == {"status": "ok"}
    inside = requests.get(cluster.rasa_url(0) + "/webhooks/health/", timeout=10).json()  # monitoring on the host
    assert inside["status"] == "ok" and inside["tracker_store"]["dialect"] == "postgresql"


def test_without_its_token_the_production_rest_channel_is_off(cluster: Cluster) -> None:
    cluster.ports["rasa8"] = free_port()
    try:
        cluster.start_rasa(8, REST_TOKEN="")
        response = requests.post(
            cluster.rasa_url(8) + "/webhooks/rest/webhook",
            json={"sender": "outsider", "message": "Vad är InterAct?"},
            timeout=60,
        )
        assert response.status_code == 404
    finally:
        cluster.stop("rasa8")


def test_a_hung_tracker_database_delays_answers_only_by_a_bounded_time(cluster: Cluster) -> None:
    """PostgreSQL accepting connections and never answering: two conversations at once are still
    answered (from memory) within the store's timeouts, and the health check says what fails."""
    from concurrent.futures import ThreadPoolExecutor

    from addons.stores.tracker import OPERATION_TIMEOUT

    database = PrivatePostgres()
    database.start()
    cluster.ports["rasa7"] = free_port()
    try:
        cluster.start_rasa(7, TRACKER_STORE_URL=database.url)
        url = cluster.rasa_url(7)
        assert texts(say(url, f"hung-warm-{time.monotonic_ns()}", "Vem kan jag kontakta?"))
        database.freeze()
        try:
            started = time.monotonic()
            senders = [f"hung-{n}-{time.monotonic_ns()}" for n in range(2)]
            with ThreadPoolExecutor(max_workers=2) as pool:
                answers = list(pool.map(lambda sender: texts(say(url, sender, "Vad är InterAct?")), senders))
            took = time.monotonic() - started
            assert all(any("InterAct" in text for text in answer) for answer in answers), answers
            # A retrieve and a save, each given up after OPERATION_TIMEOUT, and the turn itself.
            assert took < 2 * OPERATION_TIMEOUT + 15, f"{took:.1f} s"
            health = requests.get(url + "/webhooks/health/", timeout=30)
            assert health.status_code == 503 and health.json()["tracker_store"]["status"] == "failing"
        finally:
            database.thaw()
    finally:
        cluster.stop("rasa7")
        database.remove()


def test_nginx_serves_the_built_widget_as_the_readme_embeds_it(cluster: Cluster) -> None:
    """Content-hashed widget files with a year's cache; the README's snippet names the served script
    and carries its Subresource Integrity hash; the demo page carries it too, under a strict policy."""
    readme = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
    name, sri = re.search(
        r'<script src="https://www\.example\.org/widget/(kth-assistant\.[0-9a-f]{12}\.js)"\s+'
        r'integrity="(sha384-[^"]+)"',
        readme,
    ).groups()
    script = requests.get(f"{cluster.url}/widget/{name}", timeout=10)
    assert script.status_code == 200
    assert "sha384-" + base64.b64encode(hashlib.sha384(script.content).digest()).decode() == sri
    assert "immutable" in script.headers["Cache-Control"] and "max-age=31536000" in script.headers["Cache-Control"]
    page = requests.get(cluster.url + "/", timeout=10)
    assert f'src="/widget/{name}" integrity="{sri}"' in page.text
    assert page.headers["Content-Security-Policy"] == "default-src 'self'; connect-src 'self' wss:"


def test_a_hung_action_server_costs_its_own_conversation_a_bounded_wait_and_an_apology(cluster: Cluster) -> None:
    """An action server that accepts calls and never answers, behind nginx (10 s): the message that
    needs it gets the apology in bounded time, another conversation on the same replica is answered
    meanwhile."""
    import socket
    from concurrent.futures import ThreadPoolExecutor

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)  # accepts, never answers
    cluster.start_nginx("nginx-hung-actions", replicas=[0], action_servers=[f"127.0.0.1:{silent.getsockname()[1]}"])
    cluster.ports["rasa6"] = free_port()
    try:
        cluster.start_rasa(6, ACTION_ENDPOINT_URL=cluster.action_proxies["nginx-hung-actions"])
        url = cluster.rasa_url(6)

        def timed(sender: str, text: str) -> tuple[float, list[str]]:
            started = time.monotonic()
            answer = texts(say(url, sender, text))
            return time.monotonic() - started, answer

        with ThreadPoolExecutor(max_workers=2) as pool:
            waiting = pool.submit(timed, f"hung-actions-{time.monotonic_ns()}", "Vilka är era partner?")
            time.sleep(0.5)
            other = pool.submit(timed, f"other-{time.monotonic_ns()}", "Hej")
            (took, apology), (other_took, greeting) = waiting.result(), other.result()
        assert any("Förlåt" in text for text in apology), apology
        assert took < 30, f"{took:.1f} s"
        assert greeting and other_took < took  # answered while the first waited
    finally:
        cluster.stop("rasa6")
        silent.close()
