"""Shared fixtures: knowledge databases (SQLite and the machine's PostgreSQL)."""

from __future__ import annotations

import os
import shutil
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, Callable, Iterator

import pytest
from sqlalchemy import create_engine, text

from actions import db, loader
from actions.paths import PROJECT_ROOT
from tests.fake_slack import SLACK_SIGNING_SECRET

if TYPE_CHECKING:
    from playwright.sync_api import Browser

    from tests.fake_slack import FakeSlack
    from tests.servers import Assistant

# The machine's PostgreSQL server (trust auth); each test run makes its own database.
POSTGRES_ADMIN_URL = os.environ.get("TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test")


@pytest.fixture
def knowledge_dir(tmp_path: Path) -> Path:
    """A writable copy of the project's knowledge files."""
    target = tmp_path / "knowledge"
    shutil.copytree(loader.DEFAULT_DIR, target)
    return target


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'knowledge.db'}"


@contextmanager
def fresh_postgres_database() -> Iterator[str]:
    """A database of its own on the machine's PostgreSQL, dropped afterwards; yields its URL."""
    name = f"kth_assistant_test_{uuid.uuid4().hex[:8]}"
    admin = create_engine(POSTGRES_ADMIN_URL, isolation_level="AUTOCOMMIT", future=True)
    with admin.connect() as connection:
        connection.execute(text(f'CREATE DATABASE "{name}"'))
    url = POSTGRES_ADMIN_URL.rsplit("/", 1)[0] + f"/{name}"
    try:
        yield url
    finally:
        db.engine_for(url).dispose()
        with admin.connect() as connection:
            connection.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


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
    from tests.fake_slack import FakeSlack

    slack = FakeSlack().start()
    yield slack
    slack.stop()


@contextmanager
def running_assistant(workdir: Path, rasa_env: dict[str, str], tracker_url: str | None = None) -> Iterator["Assistant"]:
    """The real action server and Rasa server on a knowledge database of their own in `workdir`, and
    a tracker store there too unless `tracker_url` names a PostgreSQL one."""
    from tests.servers import Assistant

    knowledge_url = f"sqlite:///{workdir / 'knowledge.db'}"
    loader.load(knowledge_url)
    servers = Assistant(workdir=workdir, knowledge_url=knowledge_url, rasa_env=rasa_env, tracker_url=tracker_url)
    try:
        servers.start_actions()
        servers.start_rasa()
        yield servers
    finally:
        servers.stop_all()


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


@pytest.fixture(scope="module")
def site(assistant: "Assistant") -> Iterator[str]:
    """The demo pages with the widget, talking to the shared servers."""
    from tests.widget_page import demo_site

    with demo_site(assistant.url) as url:
        yield url


@pytest.fixture(scope="module")
def browser() -> Iterator["Browser"]:
    """Debian's Chromium, driven by Playwright."""
    from tests.widget_page import chromium

    with chromium() as started:
        yield started
