"""Shared fixtures: knowledge databases (SQLite and the machine's PostgreSQL)."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

import pytest

from actions import db, loader
from actions.paths import PROJECT_ROOT
from harness.assistant import running_assistant
from harness.fake_slack import SLACK_SIGNING_SECRET
from harness.postgres import fresh_postgres_database

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from harness.assistant import Assistant
    from harness.fake_slack import FakeSlack


@pytest.fixture
def knowledge_dir(tmp_path: Path) -> Path:
    """A writable copy of the project's knowledge files."""
    target = tmp_path / "knowledge"
    shutil.copytree(loader.DEFAULT_DIR, target)
    return target


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'knowledge.db'}"


@pytest.fixture(scope="session")
def postgres_url() -> Iterator[str]:
    with fresh_postgres_database() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgresql"])
def loaded_db(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, sqlite_url: str) -> str:
    """A knowledge database loaded from the project's files; the actions use it."""
    url = sqlite_url if request.param == "sqlite" else request.getfixturevalue("postgres_url")
    loader.load(url)
    monkeypatch.setenv(db.DB_URL_VARIABLE, url)
    return url


@pytest.fixture(scope="session")
def trained_agent():
    """The trained model, loaded once, for NLU evaluation."""
    from rasa.core.agent import Agent

    model = PROJECT_ROOT / "models" / "current.tar.gz"
    if not model.exists():
        pytest.fail("no trained model: run `make train` (make test does)")
    return Agent.load(str(model))


# Figures the quality tests report; printed at the end of every run.
REPORTED_FIGURES: list[str] = []


@pytest.fixture
def report_figure() -> Callable[[str], None]:
    return REPORTED_FIGURES.append


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if REPORTED_FIGURES:
        terminalreporter.section("measured figures")
        for line in REPORTED_FIGURES:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def fake_slack() -> Iterator["FakeSlack"]:
    from harness.fake_slack import FakeSlack

    slack = FakeSlack().start()
    yield slack
    slack.stop()


@pytest.fixture(scope="session")
def assistant(tmp_path_factory: pytest.TempPathFactory, fake_slack: "FakeSlack") -> Iterator["Assistant"]:
    """The real servers (REST, socketio, Slack against the fake Slack), shared by the tests."""
    slack_env = {
        "SLACK_BOT_TOKEN": "xoxb-test",
        "SLACK_SIGNING_SECRET": SLACK_SIGNING_SECRET,
        "SLACK_API_URL": fake_slack.api_url,
    }
    with running_assistant(tmp_path_factory.mktemp("assistant"), slack_env) as servers:
        yield servers


@pytest.fixture(scope="session")
def breakable_assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator["Assistant"]:
    """Servers of their own for the tests that stop or replace one: the shared ones never go down.
    Each such test calls `ensure_running()` first, so none depends on another's clean-up."""
    with running_assistant(tmp_path_factory.mktemp("breakable"), {}) as servers:
        yield servers


@pytest.fixture(scope="module")
def site(assistant: "Assistant") -> Iterator[str]:
    """The demo pages with the widget, talking to the shared servers."""
    from harness.widget_page import demo_site

    with demo_site(assistant.url) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator["Browser"]:
    """Debian's Chromium, driven by Playwright."""
    from harness.widget_page import chromium

    with chromium() as started:
        yield started
