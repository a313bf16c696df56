"""Per-client message limits: a flood from one client is refused while others are answered."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Iterator

import pytest

from addons.channels.rate_limit import RateLimiter, client_of
from harness.assistant import Assistant, running_assistant
from harness.http_client import exchange_from, post_json_from
from harness.widget_client import WidgetClient

if TYPE_CHECKING:
    from playwright.sync_api import Browser

PER_MINUTE, BURST = 6, 5


def test_a_bucket_allows_a_burst_then_the_rate() -> None:
    limiter = RateLimiter(per_minute=60, burst=3)
    assert [limiter.allow("a", now=0.0) for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b", now=0.0)  # another client has a bucket of its own
    assert not limiter.allow("a", now=0.5) and limiter.allow("a", now=1.6)  # one a second
    assert limiter.retry_after() == 1


def test_without_settings_a_client_may_send_thirty_a_minute_ten_at_once(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("RATE_LIMIT_PER_MINUTE", raising=False)
    monkeypatch.delenv("RATE_LIMIT_BURST", raising=False)
    limiter = RateLimiter.from_environment()
    assert [limiter.allow("a", now=0.0) for _ in range(11)].count(True) == 10
    assert not limiter.allow("a", now=1.9) and limiter.allow("a", now=2.1)  # one every two seconds


class FakeRequest:
    def __init__(self, ip: str, real_ip: str | None = None) -> None:
        self.ip, self.headers = ip, ({"x-real-ip": real_ip} if real_ip else {})


def test_a_client_is_the_address_a_trusted_proxy_names(monkeypatch: pytest.MonkeyPatch) -> None:
    assert client_of(FakeRequest("203.0.113.9")) == "203.0.113.9"
    assert client_of(FakeRequest("203.0.113.9", real_ip="198.51.100.1")) == "203.0.113.9"  # not a proxy of ours
    assert client_of(FakeRequest("127.0.0.1", real_ip="198.51.100.1")) == "198.51.100.1"
    monkeypatch.setenv("TRUSTED_PROXIES", "10.0.0.5")
    assert client_of(FakeRequest("10.0.0.5", real_ip="198.51.100.2")) == "198.51.100.2"


@pytest.fixture(scope="module")
def limited(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """The real servers with small limits: PER_MINUTE messages a minute, BURST at once, per client."""
    limits = {"RATE_LIMIT_PER_MINUTE": str(PER_MINUTE), "RATE_LIMIT_BURST": str(BURST)}
    with running_assistant(tmp_path_factory.mktemp("limited"), limits) as servers:
        yield servers


@pytest.mark.e2e
def test_five_hundred_rest_messages_from_one_client_are_refused_but_others_answered(limited: Assistant) -> None:
    url = limited.url + "/webhooks/rest/webhook"

    def flood(n: int) -> int:
        return post_json_from("127.0.0.2", url, {"sender": f"flood-{n % 7}", "message": "Vad är InterAct?"})[0]

    with ThreadPoolExecutor(max_workers=20) as pool:
        statuses = list(pool.map(flood, range(500)))
    answered = statuses.count(200)
    assert statuses.count(429) >= 500 - BURST - 2 and 1 <= answered <= BURST + 2, statuses
    status, headers, _ = exchange_from("127.0.0.2", "POST", url, {"sender": "flood-0", "message": "Hej"})
    assert status == 429 and int(headers["retry-after"]) >= 1  # when to try again
    status, body = post_json_from("127.0.0.3", url, {"sender": "neighbour", "message": "Vad är InterAct?"})
    assert status == 200 and "InterAct" in body


@pytest.mark.e2e
def test_a_flooding_widget_is_told_to_wait(limited: Assistant) -> None:
    widget = WidgetClient(limited.url, headers={"X-Real-IP": "198.51.100.77"})
    try:
        session = widget.start()
        for _ in range(BURST + 3):
            widget.say("Vad är InterAct?", session)
        refused = [widget.next("error_message") for _ in range(3)]
        assert all(error["error"] == "rate_limited" for error in refused)
    finally:
        widget.client.disconnect()


@pytest.mark.e2e
def test_a_visitor_who_sends_too_fast_keeps_the_text_and_is_told_to_wait(
    browser: "Browser", limited: Assistant
) -> None:
    """In Chromium, from an address of its own (127.0.0.1): questions one after another until refused."""
    from playwright.sync_api import expect

    from harness.widget_page import demo_site, open_widget

    context = browser.new_context(viewport={"width": 1100, "height": 800})
    try:
        page = context.new_page()
        with demo_site(limited.url) as site:
            open_widget(page, site + "/")
            field, status = page.locator("#kia-input"), page.locator(".kia-status")
            told_to_wait = status.filter(has_text="Du har skickat många meddelanden")
            for sent in range(1, 3 * BURST + 1):
                text = f"Vad är InterAct? ({sent})"
                bots = page.locator(".kia-bot").count()
                field.fill(text)
                field.press("Enter")
                expect(page.locator(".kia-bot").nth(bots).or_(told_to_wait).first).to_be_visible()
                if told_to_wait.is_visible():
                    break
            else:
                pytest.fail(f"{3 * BURST} messages at once and none refused")
            assert sent > BURST, f"refused after {sent} messages, the bucket holds {BURST}"
            expect(status).to_have_text(
                "Du har skickat många meddelanden på kort tid. Vänta en stund och skicka igen; din text finns kvar."
            )
            expect(field).to_have_value(text)  # the refused question, ready to send again
            expect(page.locator(".kia-typing")).to_be_hidden()
    finally:
        context.close()
