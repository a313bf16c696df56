"""The widget where visitors are: phones (390 x 740 and 320 px wide, touch), dark mode, a page with a
strict Content-Security-Policy, and its size; in Debian's Chromium against the real servers."""

from __future__ import annotations

import gzip
from typing import Callable

import pytest
from playwright.sync_api import Browser, Page, expect

from harness.widget_page import ANSWER_TIMEOUT_MS, REPORTS, STRICT_PAGE, WEB, axe_violations, last_bot, wait_for_answer

pytestmark = pytest.mark.e2e

PHONES = {"390x740": (390, 740), "320x640": (320, 640)}
PAGES = {
    "sv": ("/", "Fråga innovationskontoret", "Stäng chatten"),
    "en": ("/en/", "Ask the innovation office", "Close the chat"),
}
# The widget's own script and styles, gzipped (the vendored socket.io client apart).
SIZE_BUDGET_BYTES = 10 * 1024  # README: under 10 kB


def phone(browser: Browser, size: tuple[int, int], **options: object) -> Page:
    width, height = size
    context = browser.new_context(
        viewport={"width": width, "height": height}, is_mobile=True, has_touch=True, device_scale_factor=2, **options
    )
    return context.new_page()


def no_sideways_scrolling(page: Page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def small_touch_targets(page: Page) -> list[str]:
    return page.evaluate("""() => [...document.querySelectorAll('.kia button, .kia input')]
        .filter(e => e.offsetParent !== null && !e.closest('.kia-hidden'))
        .map(e => [e.textContent.trim() || e.className, e.getBoundingClientRect()])
        .filter(([, r]) => r.width < 44 || r.height < 44).map(([name]) => name)""")


def tap_and_answer(page: Page, target) -> None:  # type: ignore[no-untyped-def]
    bots = page.locator(".kia-bot").count()
    target.tap()
    wait_for_answer(page, bots)


@pytest.mark.parametrize("size", PHONES, ids=list(PHONES))
@pytest.mark.parametrize("lang", PAGES)
def test_on_a_phone_the_chat_covers_the_screen_and_works_by_touch(
    browser: Browser, site: str, size: str, lang: str
) -> None:
    width, height = PHONES[size]
    path, launcher_name, close_name = PAGES[lang]
    page = phone(browser, PHONES[size])
    try:
        page.goto(site + path)
        assert no_sideways_scrolling(page)
        launcher = page.get_by_role("button", name=launcher_name)
        box = launcher.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width and box["y"] + box["height"] <= height
        page.evaluate("window.scrollTo(0, 120)")
        scrolled = page.evaluate("window.scrollY")

        launcher.tap()
        panel = page.locator(".kia-panel")
        expect(panel).to_be_visible()
        expect(launcher).to_be_hidden()  # the chat covers the screen; the close button closes it
        expect(page.locator(".kia-status")).to_be_hidden(timeout=ANSWER_TIMEOUT_MS)
        assert panel.bounding_box() == {"x": 0, "y": 0, "width": width, "height": height}
        assert page.evaluate("getComputedStyle(document.documentElement).overflow") == "hidden"  # page stays put

        # The on-screen keyboard shrinks the visible height: the chat, input included, shrinks with it.
        page.set_viewport_size({"width": width, "height": height - 300})
        expect(panel).to_have_js_property("offsetHeight", height - 300)
        input_box = page.locator("#kia-input").bounding_box()
        assert input_box and input_box["y"] + input_box["height"] <= height - 300
        page.set_viewport_size({"width": width, "height": height})
        expect(panel).to_have_js_property("offsetHeight", height)

        page.locator("#kia-input").tap()
        page.locator("#kia-input").fill("Vem kan jag kontakta?" if lang == "sv" else "Who should I contact?")
        tap_and_answer(page, page.locator(".kia-send"))
        expect(page.locator(".kia-log")).to_contain_text("lisaeric@kth.se")

        page.locator("#kia-input").fill("/ask_partner")
        tap_and_answer(page, page.locator(".kia-send"))
        tap_and_answer(page, page.locator(".kia-reply").first)  # a quick reply, by touch
        expect(last_bot(page)).to_contain_text(("Webbplats" if lang == "sv" else "Website"))

        assert no_sideways_scrolling(page)
        assert small_touch_targets(page) == []
        assert axe_violations(page) == []
        REPORTS.mkdir(exist_ok=True)
        page.screenshot(path=str(REPORTS / f"widget-phone-{size}-{lang}.png"))

        page.get_by_role("button", name=close_name).tap()
        expect(panel).to_be_hidden()
        expect(launcher).to_be_visible()
        assert page.evaluate("window.scrollY") == scrolled  # back where the visitor was
    finally:
        page.context.close()


@pytest.mark.parametrize("size", PHONES, ids=list(PHONES))
def test_dark_mode_and_reduced_motion_follow_the_visitor(browser: Browser, site: str, size: str) -> None:
    page = phone(browser, PHONES[size], color_scheme="dark", reduced_motion="reduce")
    try:
        page.goto(site + "/")
        page.get_by_role("button", name="Fråga innovationskontoret").tap()
        expect(page.locator(".kia-status")).to_be_hidden(timeout=ANSWER_TIMEOUT_MS)
        page.locator("#kia-input").fill("Vad är InterAct?")
        tap_and_answer(page, page.locator(".kia-send"))
        background = page.evaluate("getComputedStyle(document.querySelector('.kia-panel')).backgroundColor")
        assert background == "rgb(30, 31, 34)"  # the dark surface, not the light one
        # Nothing moves: no transition or animation anywhere in the widget.
        moving = page.evaluate("""() => [...document.querySelectorAll('.kia, .kia *')].filter(e => {
            const style = getComputedStyle(e);
            return parseFloat(style.transitionDuration) > 0 || style.animationName !== 'none';
        }).map(e => e.className)""")
        assert moving == []
        assert axe_violations(page) == []
        REPORTS.mkdir(exist_ok=True)
        page.screenshot(path=str(REPORTS / f"widget-phone-{size}-dark-sv.png"))
    finally:
        page.context.close()


def test_the_widget_works_on_a_page_with_a_strict_content_security_policy(browser: Browser, site: str) -> None:
    page = browser.new_page()
    try:
        page.add_init_script(
            "window.__violations = [];"
            "document.addEventListener('securitypolicyviolation',"
            " e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"
        )
        response = page.goto(site + STRICT_PAGE)
        assert response and "default-src 'self'" in response.headers["content-security-policy"]
        page.get_by_role("button", name="Fråga innovationskontoret").click()
        expect(page.locator(".kia-status")).to_be_hidden(timeout=ANSWER_TIMEOUT_MS)
        page.locator("#kia-input").fill("Vem kan jag kontakta?")
        bots = page.locator(".kia-bot").count()
        page.locator("#kia-input").press("Enter")
        wait_for_answer(page, bots)
        expect(page.locator(".kia-log")).to_contain_text("lisaeric@kth.se")
        assert page.evaluate("window.__violations") == []
    finally:
        page.close()


def test_the_widget_stays_small(report_figure: Callable[[str], None]) -> None:
    sizes = {
        name: len(gzip.compress((WEB / "widget" / name).read_bytes(), 9))
        for name in ("kth-assistant.js", "kth-assistant.css")
    }
    total = sum(sizes.values())
    report_figure(
        f"widget size, gzipped: script {sizes['kth-assistant.js']} B + styles "
        f"{sizes['kth-assistant.css']} B = {total} B (budget {SIZE_BUDGET_BYTES} B)"
    )
    assert total < SIZE_BUDGET_BYTES


@pytest.mark.parametrize("size", PHONES, ids=list(PHONES))
def test_text_at_twice_the_size_keeps_everything_usable_on_a_phone(browser: Browser, site: str, size: str) -> None:
    """WCAG 1.4.4 and 1.4.10: the visitor's text size doubled, on each phone."""
    width, height = PHONES[size]
    page = phone(browser, PHONES[size])
    try:
        page.goto(site + "/en/")
        page.evaluate("document.documentElement.style.fontSize = '200%'")
        page.get_by_role("button", name="Ask the innovation office").tap()
        expect(page.locator(".kia-status")).to_be_hidden(timeout=ANSWER_TIMEOUT_MS)
        assert page.evaluate("parseFloat(getComputedStyle(document.querySelector('.kia-msg')).fontSize)") >= 32
        page.locator("#kia-input").fill("Who should I contact?")
        tap_and_answer(page, page.locator(".kia-send"))
        expect(page.locator(".kia-log")).to_contain_text("lisaeric@kth.se")
        for control in (
            page.locator("#kia-input"),
            page.locator(".kia-send"),
            page.get_by_role("button", name="Close the chat"),
        ):
            box = control.bounding_box()
            assert box and box["x"] >= 0 and box["x"] + box["width"] <= width and box["y"] + box["height"] <= height
        assert no_sideways_scrolling(page)
        REPORTS.mkdir(exist_ok=True)
        page.screenshot(path=str(REPORTS / f"widget-phone-{size}-text-200.png"))
    finally:
        page.context.close()
