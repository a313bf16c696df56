"""The demo pages and the chat widget in Debian's Chromium, for the browser tests."""

from __future__ import annotations

import functools
import io
import json
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

from playwright.sync_api import Browser, Page, expect, sync_playwright

from actions.paths import PROJECT_ROOT
from addons.channels.conversation_ids import conversation_id, verified_session

WEB = PROJECT_ROOT / "web"
REPORTS = PROJECT_ROOT / "reports"
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ANSWER_TIMEOUT_MS = 60_000
# A page of the test site served with a strict Content-Security-Policy.
STRICT_PAGE = "/strict"
# The Swedish demo page with `data-open="true"` on the widget's script tag.
OPEN_PAGE = "/open"
WIDGET_TAG = '<script src="/widget/kth-assistant.js"'


class DemoSite(SimpleHTTPRequestHandler):
    """Serves web/ as `make run` does, with the widget pointed at the test's Rasa server."""

    rasa_url = ""

    def send_head(self):  # type: ignore[override]
        if self.path.rstrip("/") == STRICT_PAGE:
            return self._strict_page()
        if self.path.rstrip("/") == OPEN_PAGE:
            return self._demo_page(Path(self.directory) / "index.html", open_on_load=True)
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if path.suffix != ".html" or not path.is_file():
            return super().send_head()
        return self._demo_page(path)

    def _demo_page(self, path: Path, open_on_load: bool = False):  # type: ignore[no-untyped-def]
        """A demo page with the widget talking to the test's Rasa server; `open_on_load` adds
        `data-open="true"` to the widget's script tag."""
        html = path.read_text(encoding="utf-8").replace("http://localhost:5005", self.rasa_url)
        if open_on_load:
            assert WIDGET_TAG in html, f"no widget tag in {path}"
            html = html.replace(WIDGET_TAG, WIDGET_TAG + ' data-open="true"')
        body = html.encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def _strict_page(self):  # type: ignore[no-untyped-def]
        """A page with the strictest policy a site may have: scripts, styles and connections from
        itself and the assistant's server only, nothing inline."""
        server = self.rasa_url.removeprefix("http://")
        policy = f"default-src 'self'; connect-src 'self' ws://{server} http://{server}"
        body = (
            f'<!doctype html><html lang="sv"><head><meta charset="utf-8"><title>Strikt sida</title>'
            f'<meta name="viewport" content="width=device-width, initial-scale=1"></head>'
            f"<body><main><h1>Strikt sida</h1></main>"
            f'<script src="/widget/kth-assistant.js" data-server="{self.rasa_url}" defer></script>'
            f"</body></html>"
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Security-Policy", policy)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def log_message(self, *args: object) -> None:
        pass


def open_widget(page: Page, url: str) -> None:
    page.goto(url)
    page.get_by_role("button", name="Fråga innovationskontoret").or_(
        page.get_by_role("button", name="Ask the innovation office")
    ).click()
    expect(page.locator("#kia-input")).to_be_focused()
    expect(page.locator(".kia-status")).to_be_hidden(timeout=ANSWER_TIMEOUT_MS)


def wait_for_answer(page: Page, bots_before: int) -> None:
    page.wait_for_function(
        "n => document.querySelectorAll('.kia-bot').length > n", arg=bots_before, timeout=ANSWER_TIMEOUT_MS
    )
    page.wait_for_timeout(300)  # an answer of several messages arrives together


def ask(page: Page, question: str) -> None:
    bots_before = page.locator(".kia-bot").count()
    page.locator("#kia-input").fill(question)
    page.locator("#kia-input").press("Enter")
    wait_for_answer(page, bots_before)


def last_bot(page: Page):
    return page.locator(".kia-bot").last


def session_token(page: Page) -> str:
    """The session the server issued to the widget, as the tab keeps it (sessionStorage)."""
    keys = page.evaluate("Object.keys(sessionStorage)")
    key = next(k for k in keys if k.endswith(":session"))
    return json.loads(page.evaluate(f"sessionStorage.getItem({json.dumps(key)})"))


def session_id(page: Page) -> str:
    """The conversation id the widget's session is stored under."""
    session = verified_session(session_token(page))
    assert session is not None, "the widget holds a session the server did not sign"
    return conversation_id("web", session)


def axe_violations(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async () => (await axe.run(document, "
        "{runOnly: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.map(n => n.target)}))"
    )


@contextmanager
def demo_site(rasa_url: str) -> Iterator[str]:
    """Serves the demo pages with the widget talking to `rasa_url`; yields the site's URL."""
    handler = functools.partial(type("Site", (DemoSite,), {"rasa_url": rasa_url}), directory=str(WEB))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()


@contextmanager
def chromium() -> Iterator[Browser]:
    """Debian's Chromium, driven by Playwright; no browser is downloaded."""
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_FLAGS)
        try:
            yield browser
        finally:
            browser.close()
