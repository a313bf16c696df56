"""The website widget in Debian's Chromium (Playwright), against the real servers."""

from __future__ import annotations

import re
from typing import Iterator

import pytest
from playwright.sync_api import Browser, Page, WebSocketRoute, expect

from harness.assistant import Assistant
from harness.widget_page import (
    ANSWER_TIMEOUT_MS,
    OPEN_PAGE,
    REPORTS,
    ask,
    axe_violations,
    demo_site,
    last_bot,
    open_widget,
    session_id,
    wait_for_answer,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 800})
    page = context.new_page()
    yield page
    context.close()


@pytest.mark.parametrize(
    "path, question, answer, lang",
    [
        ("/", "Vem kan jag kontakta?", "Kontakta Lisa Ericsson", "sv"),
        ("/en/", "Who should I contact?", "Contact Lisa Ericsson", "en"),
    ],
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
    expect(last_bot(page)).to_have_text(
        "Assistenten: Lisa Ericsson nås på lisaeric@kth.se.\n"
        "Källa: https://www.kth.se/om/innovation/om/innovationskontoret-1.581100"
    )
    assistant.assert_stored_user_texts(session_id(page), ["Vem leder innovationskontoret?", "och hennes mejl?"])


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
    attack = '<img src=x onerror="window.__injected=1">'
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


def test_a_stopped_server_is_reported_and_the_widget_recovers(page: Page, breakable_assistant: Assistant) -> None:
    assistant = breakable_assistant
    assistant.ensure_running()
    with demo_site(assistant.url) as site:
        stopped_server_reported_and_recovered(page, site, assistant)


def stopped_server_reported_and_recovered(page: Page, site: str, assistant: Assistant) -> None:
    open_widget(page, site + "/en/")
    assistant.stop("rasa")
    try:
        expect(page.locator(".kia-status")).to_contain_text("can't reach the assistant", timeout=30_000)
        # The office's address, as the server named it before it stopped.
        expect(page.locator(".kia-status")).to_contain_text("You can also e-mail innovation@kth.se")
        page.locator("#kia-input").fill("Who leads the innovation office?")
        page.locator("#kia-input").press("Enter")
        expect(page.locator(".kia-status")).to_contain_text("could not be sent")
        expect(page.locator("#kia-input")).to_have_value("Who leads the innovation office?")
    finally:
        assistant.start_rasa()
    expect(page.locator(".kia-status")).to_be_hidden(timeout=90_000)
    page.locator("#kia-input").press("Enter")
    expect(last_bot(page)).to_contain_text("The work is led by KTH Innovation", timeout=ANSWER_TIMEOUT_MS)


def test_the_privacy_notice_says_what_is_kept_and_for_how_long(page: Page, site: str) -> None:
    open_widget(page, site + "/")
    page.get_by_text("Om dina uppgifter", exact=True).click()  # the notice unfolds under its title
    notice = page.locator(".kia-privacy-text")
    expect(notice).to_be_visible()
    expect(notice).to_contain_text("maskeras")
    expect(notice).to_contain_text("innovation@kth.se")
    expect(notice).to_contain_text("raderas automatiskt efter 30 dagar")  # the server's retention period
    page.get_by_role("button", name="In English").click()
    expect(notice).to_contain_text("deleted automatically after 30 days")
    assert axe_violations(page) == []


def test_delete_the_conversation_erases_it_on_the_server(page: Page, site: str, assistant: Assistant) -> None:
    open_widget(page, site + "/")
    ask(page, "Vem leder innovationskontoret?")
    erased = session_id(page)
    assistant.assert_stored_user_texts(erased, ["Vem leder innovationskontoret?"])
    # By keyboard, as a screen-reader user would: the control is a named button.
    delete = page.get_by_role("button", name="Radera samtalet")
    delete.focus()
    page.keyboard.press("Enter")
    expect(page.locator(".kia-status")).to_have_text("Samtalet är raderat.")
    expect(page.locator(".kia-user")).to_have_count(0)  # the widget starts afresh
    assert assistant.stored_events(erased, "user") == [] and assistant.stored_events(erased, "bot") == []
    assert session_id(page) != erased
    ask(page, "Vad är InterAct?")
    assistant.assert_stored_user_texts(session_id(page), ["Vad är InterAct?"])


def test_the_next_person_at_the_computer_does_not_find_the_conversation(browser: Browser, site: str) -> None:
    context = browser.new_context()
    try:
        first = context.new_page()
        open_widget(first, site + "/")
        ask(first, "Vem leder innovationskontoret?")
        first.close()  # the visitor closes the tab; the next one opens the site in the same browser
        second = context.new_page()
        open_widget(second, site + "/")
        expect(second.locator(".kia-user")).to_have_count(0)
        expect(second.locator(".kia-bot")).to_have_count(1)  # the welcome only
    finally:
        context.close()


def test_the_fields_hold_what_the_server_accepts(page: Page, site: str) -> None:
    from addons.channels.rest import MAX_MESSAGE_LENGTH

    open_widget(page, site + "/")
    expect(page.locator("#kia-input")).to_have_attribute("maxlength", str(MAX_MESSAGE_LENGTH))


SOURCE = "https://www.kth.se/om/innovation/om/innovationskontoret-1.581100"


class HeldAnswers:
    """Keeps the server's answers from reaching the page until `release()`, as a slow server would:
    what the page shows while it waits can then be checked without a race."""

    def __init__(self, page: Page) -> None:
        self.holding = True
        self.held: list[str | bytes] = []
        self.page_side: WebSocketRoute | None = None
        page.route_web_socket(re.compile(r"/socket\.io/"), self._route)

    def _route(self, page_side: WebSocketRoute) -> None:
        self.page_side = page_side
        server_side = page_side.connect_to_server()

        def from_server(message: str | bytes) -> None:
            if self.holding and "bot_uttered" in str(message):
                self.held.append(message)
            else:
                page_side.send(message)

        server_side.on_message(from_server)

    def release(self) -> None:
        self.holding = False
        assert self.page_side is not None, "the widget never connected"
        for message in self.held:
            self.page_side.send(message)
        self.held.clear()


def test_data_open_opens_the_chat_when_the_page_loads(page: Page, site: str) -> None:
    page.goto(site + "/")
    expect(page.locator(".kia-launcher")).to_have_attribute("aria-expanded", "false")
    expect(page.locator(".kia-panel")).to_be_hidden()  # without the option the chat waits for a click
    page.goto(site + OPEN_PAGE)  # the same page, its script tag with data-open="true"
    expect(page.locator(".kia-panel")).to_be_visible()
    expect(page.locator(".kia-launcher")).to_have_attribute("aria-expanded", "true")
    expect(page.locator(".kia-bot")).to_have_count(1)
    expect(page.locator(".kia-bot")).to_contain_text("Hej! Fråga mig om KTH:s innovationskontor")  # the welcome
    expect(page.locator(".kia-status")).to_be_hidden(timeout=ANSWER_TIMEOUT_MS)
    ask(page, "Vem leder innovationskontoret?")
    expect(last_bot(page)).to_contain_text("Arbetet leds av KTH Innovation")


def test_the_conversation_follows_the_visitor_to_the_english_page(page: Page, site: str, assistant: Assistant) -> None:
    """Asked on the Swedish page, followed up on the English one in the same tab: one conversation."""
    open_widget(page, site + "/")
    ask(page, "Vad gör SU och KI?")
    expect(page.locator(".kia-bot").last).to_contain_text("Karolinska Institutet")
    conversation = session_id(page)
    messages_before = page.locator(".kia-msg").count()
    page.get_by_role("link", name="In English").click()  # the site's own link, not the widget's switch
    expect(page).to_have_url(site + "/en/")
    expect(page.locator(".kia")).to_have_attribute("lang", "en")
    expect(page.locator(".kia-panel")).to_be_visible()  # it was open, it stays open
    expect(page.locator(".kia-msg")).to_have_count(messages_before)
    expect(page.locator(".kia-user")).to_have_text(["Du: Vad gör SU och KI?"])
    expect(page.locator(".kia-status")).to_be_hidden(timeout=ANSWER_TIMEOUT_MS)
    bots = page.locator(".kia-bot").count()
    ask(page, "are they in InterAct?")  # "they": the two partners of the question on the Swedish page
    answers = page.locator(".kia-bot")
    expect(answers.nth(bots)).to_contain_text("Yes. Stockholm University is a partner in InterAct")
    expect(answers.nth(bots + 1)).to_contain_text(
        "No. Karolinska Institutet is a very close collaborator but not a member of InterAct"
    )
    expect(answers.nth(bots + 1)).to_have_attribute("lang", "en")
    assert session_id(page) == conversation
    assistant.assert_stored_user_texts(conversation, ["Vad gör SU och KI?", "are they in InterAct?"])


def test_the_transcript_is_a_log_with_a_typing_indicator_and_safe_links(page: Page, site: str) -> None:
    answers = HeldAnswers(page)
    open_widget(page, site + "/")
    log = page.get_by_role("log", name="Konversation")
    typing = page.locator(".kia-typing")
    expect(typing).to_be_hidden()
    page.locator("#kia-input").fill("Vem leder innovationskontoret?")
    page.locator("#kia-input").press("Enter")
    expect(log.locator(".kia-user")).to_have_text(["Du: Vem leder innovationskontoret?"])
    expect(typing).to_be_visible()  # the answer is on its way
    expect(typing).to_have_text("Assistenten skriver …")
    answers.release()
    answer = log.locator(".kia-bot").last
    expect(answer).to_contain_text("Arbetet leds av KTH Innovation", timeout=ANSWER_TIMEOUT_MS)
    expect(typing).to_be_hidden()
    expect(answer).to_contain_text("Källa: " + SOURCE)
    source = answer.get_by_role("link", name=SOURCE, exact=True)
    expect(source).to_have_attribute("href", SOURCE)
    expect(source).to_have_attribute("target", "_blank")
    expect(source).to_have_attribute("rel", "noopener noreferrer")


def test_feedback_on_the_english_page_is_asked_in_english(page: Page, site: str) -> None:
    open_widget(page, site + "/en/")
    ask(page, "Who leads the innovation office?")
    expect(last_bot(page)).to_contain_text("Source: " + SOURCE)
    feedback = page.locator(".kia-feedback").last
    expect(feedback.get_by_role("group", name="Was this answer helpful?")).to_be_visible()
    expect(feedback.get_by_role("button", name="Yes, helpful", exact=True)).to_be_visible()
    feedback.get_by_role("button", name="No, not helpful", exact=True).click()
    comment = page.get_by_label("What was missing? (optional)", exact=True)
    expect(comment).to_be_focused()
    expect(page.get_by_role("button", name="Send comment")).to_be_visible()
    expect(page.locator(".kia-feedback").last).to_contain_text("Thank you for your feedback!")
