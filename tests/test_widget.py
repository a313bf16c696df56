"""The website widget in Debian's Chromium (Playwright), against the real servers."""
from __future__ import annotations

import functools
import io
import json
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, expect, sync_playwright

from tests.servers import PROJECT_ROOT, Assistant

pytestmark = pytest.mark.e2e

WEB = PROJECT_ROOT / "web"
REPORTS = PROJECT_ROOT / "reports"
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ANSWER_TIMEOUT_MS = 60_000


class DemoSite(SimpleHTTPRequestHandler):
    """Serves web/ as `make run` does, with the widget pointed at the test's Rasa server."""

    rasa_url = ""

    def send_head(self):  # type: ignore[override]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix != ".html" or not path.is_file():
            return super().send_head()
        body = path.read_text(encoding="utf-8").replace("http://localhost:5005", self.rasa_url).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site(assistant: Assistant) -> Iterator[str]:
    handler = functools.partial(type("Site", (DemoSite,), {"rasa_url": assistant.url}), directory=str(WEB))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page = context.new_page()
    yield page
    context.close()


def open_widget(page: Page, url: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Fråga innovationskontoret").or_(
        page.get_by_role("button", name="Ask the innovation office")).click()
    expect(page.locator("#kia-input")).to_be_focused()
    expect(page.locator(".kia-status")).to_be_hidden(timeout=ANSWER_TIMEOUT_MS)


def wait_for_answer(page: Page, bots_before: int) -> None:
    page.wait_for_function("n => document.querySelectorAll('.kia-bot').length > n", arg=bots_before,
                           timeout=ANSWER_TIMEOUT_MS)
    page.wait_for_timeout(300)  # an answer of several messages arrives together


def ask(page: Page, question: str) -> None:
    bots_before = page.locator(".kia-bot").count()
    page.locator("#kia-input").fill(question)
    page.locator("#kia-input").press("Enter")
    wait_for_answer(page, bots_before)


def last_bot(page: Page):
    return page.locator(".kia-bot").last


def session_id(page: Page) -> str:
    keys = page.evaluate("Object.keys(localStorage)")
    key = next(k for k in keys if k.endswith(":session"))
    return json.loads(page.evaluate(f"localStorage.getItem({json.dumps(key)})"))


def axe_violations(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async () => (await axe.run(document, {runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target)}))"
    )


@pytest.mark.parametrize(
    "path, question, answer, lang",
    [("/", "Vem kan jag kontakta?", "Kontakta Lisa Ericsson", "sv"),
     ("/en/", "Who should I contact?", "Contact Lisa Ericsson", "en")],
    ids=["swedish page", "english page"],
)
def test_whom_to_contact_on_each_page(page: Page, site: str, path: str, question: str, answer: str, lang: str) -> None:
    open_widget(page, site + path)
    expect(page.locator(".kia")).to_have_attribute("lang", lang)
    ask(page, question)
    first_answer = page.locator(".kia-bot").nth(1)
    expect(first_answer).to_contain_text(answer)
    expect(first_answer).to_have_attribute("lang", lang)
    expect(first_answer.get_by_role("link", name="lisaeric@kth.se")).to_have_attribute("href", "mailto:lisaeric@kth.se")
    expect(page.locator(".kia-user").last).to_have_attribute("lang", lang)
    REPORTS.mkdir(exist_ok=True)
    page.screenshot(path=str(REPORTS / f"widget-{lang}.png"))
    assert axe_violations(page) == []


def test_a_reloaded_page_keeps_the_conversation(page: Page, site: str, assistant: Assistant) -> None:
    open_widget(page, site + "/")
    ask(page, "Vem leder innovationskontoret?")
    messages_before = page.locator(".kia-msg").count()
    page.reload()
    expect(page.locator(".kia-panel")).to_be_visible()  # it was open, it stays open
    expect(page.locator(".kia-msg")).to_have_count(messages_before)
    expect(page.locator(".kia-status")).to_be_hidden(timeout=ANSWER_TIMEOUT_MS)
    ask(page, "och hennes mejl?")
    expect(last_bot(page)).to_have_text("Assistenten: Lisa Ericsson nås på lisaeric@kth.se.")
    assert assistant.stored_user_texts(session_id(page)) == ["Vem leder innovationskontoret?", "och hennes mejl?"]


def test_quick_reply_buttons_send_their_payload(page: Page, site: str) -> None:
    open_widget(page, site + "/en/")
    ask(page, "Tell me about one of your partners")
    if page.locator(".kia-reply").count() == 0:  # the classifier may read it differently; ask plainly
        ask(page, "/ask_partner")
    choice = page.get_by_role("button", name="Karolinska Institutet")
    expect(choice).to_be_visible()
    bots = page.locator(".kia-bot").count()
    choice.click()
    expect(page.locator(".kia-user").last).to_have_text("You: Karolinska Institutet")
    wait_for_answer(page, bots)
    expect(last_bot(page)).to_contain_text("Karolinska Institutet: Karolinska Institutet is a very close collaborator")
    expect(page.locator(".kia-reply")).to_have_count(0)


def test_keyboard_only(page: Page, site: str) -> None:
    page.goto(site + "/")
    launcher = page.locator(".kia-launcher")
    for _ in range(10):
        page.keyboard.press("Tab")
        if launcher.evaluate("element => element === document.activeElement"):
            break
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    expect(launcher).to_have_attribute("aria-expanded", "true")
    expect(page.locator("#kia-input")).to_be_focused()
    expect(page.locator(".kia-status")).to_be_hidden(timeout=ANSWER_TIMEOUT_MS)
    page.keyboard.type("Vem leder innovationskontoret?")
    page.keyboard.press("Enter")
    expect(last_bot(page)).to_contain_text("Arbetet leds av KTH Innovation", timeout=ANSWER_TIMEOUT_MS)
    page.keyboard.press("Escape")
    expect(page.locator(".kia-panel")).to_be_hidden()
    expect(launcher).to_be_focused()
    expect(launcher).to_have_attribute("aria-expanded", "false")


def test_markup_from_either_side_is_shown_as_text(page: Page, site: str) -> None:
    open_widget(page, site + "/en/")
    attack = "<img src=x onerror=\"window.__injected=1\">"
    ask(page, attack)
    expect(page.locator(".kia-user").last).to_have_text("You: " + attack)
    ask(page, '/ask_partner{"partner": "<img src=x onerror=window.__injected=2>"}')
    expect(last_bot(page)).to_contain_text("<img src=x onerror=window.__injected=2>")
    assert page.locator(".kia img").count() == 0
    assert page.evaluate("window.__injected") is None


def test_the_language_switch_changes_texts_and_answers(page: Page, site: str) -> None:
    open_widget(page, site + "/")
    page.get_by_role("button", name="In English").click()
    expect(page.locator(".kia-launcher")).to_have_text("Ask the innovation office")
    expect(page.get_by_label("Your question")).to_be_visible()
    ask(page, "KTH?")
    expect(last_bot(page)).to_have_attribute("lang", "en")


def test_a_stopped_server_is_reported_and_the_widget_recovers(page: Page, site: str, assistant: Assistant) -> None:
    open_widget(page, site + "/en/")
    assistant.stop("rasa")
    try:
        expect(page.locator(".kia-status")).to_contain_text("can't reach the assistant", timeout=30_000)
        page.locator("#kia-input").fill("Who leads the innovation office?")
        page.locator("#kia-input").press("Enter")
        expect(page.locator(".kia-status")).to_contain_text("could not be sent")
        expect(page.locator("#kia-input")).to_have_value("Who leads the innovation office?")
    finally:
        assistant.start_rasa()
    expect(page.locator(".kia-status")).to_be_hidden(timeout=90_000)
    page.locator("#kia-input").press("Enter")
    expect(last_bot(page)).to_contain_text("The work is led by KTH Innovation", timeout=ANSWER_TIMEOUT_MS)
