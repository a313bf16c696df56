"""Whom answers, the widget and the demo pages send visitors to comes from the knowledge, defined once."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Iterator

import pytest
import yaml

from actions import loader
from actions.office_contact import OfficeContact, office_contact
from actions.paths import PROJECT_ROOT
from harness.assistant import Assistant, running_assistant
from harness.knowledge import replace_in
from harness.processes import free_port
from harness.widget_client import WidgetClient
from scripts import demo_pages

# A contact no file of the project names, so that finding it proves where a text came from.
NEW = OfficeContact(leader_name="Kim Exempel", leader_email="kim.exempel@kth.se", office_email="kontoret@kth.se")
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


def with_new_contact(knowledge_dir: Path) -> Path:
    for old, new in (
        ("name: Lisa Ericsson", f"name: {NEW.leader_name}"),
        ("email: lisaeric@kth.se", f"email: {NEW.leader_email}"),
        ("email: innovation@kth.se", f"email: {NEW.office_email}"),
    ):
        replace_in(knowledge_dir / "contacts.yml", old, new)
    return knowledge_dir


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_the_contact_is_the_knowledge_databases(
    backend: str, request: pytest.FixtureRequest, sqlite_url: str, knowledge_dir: Path
) -> None:
    url = sqlite_url if backend == "sqlite" else request.getfixturevalue("postgres_url")
    loader.load(url, with_new_contact(knowledge_dir))
    assert office_contact(url) == NEW
    loader.load(url)  # the project's own files again (the PostgreSQL database is shared by the run)
    assert office_contact(url) == OfficeContact("Lisa Ericsson", "lisaeric@kth.se", "innovation@kth.se")


@pytest.mark.parametrize("unreadable", ["a stopped PostgreSQL", "a database never loaded"])
def test_an_unreadable_database_gives_the_files_contact(unreadable: str, tmp_path: Path, knowledge_dir: Path) -> None:
    url = (
        f"postgresql://postgres@127.0.0.1:{free_port()}/test"
        if unreadable == "a stopped PostgreSQL"
        else f"sqlite:///{tmp_path / 'empty.db'}"
    )
    assert office_contact(url, with_new_contact(knowledge_dir)) == NEW


def test_the_demo_pages_name_the_knowledge_contact(tmp_path: Path, sqlite_url: str, knowledge_dir: Path) -> None:
    loader.load(sqlite_url, with_new_contact(knowledge_dir))
    for page in demo_pages.render(office_contact(sqlite_url), tmp_path):
        html = page.read_text(encoding="utf-8")
        assert f'<a href="mailto:{NEW.leader_email}">{NEW.leader_email}</a>' in html and NEW.leader_name in html
        assert "$" not in html and "lisaeric" not in html


def test_no_response_widget_text_or_page_template_writes_an_address_itself() -> None:
    responses = yaml.safe_load((PROJECT_ROOT / "domain.yml").read_text(encoding="utf-8"))["responses"]
    written = {
        f"domain.yml {name}": EMAIL.findall(variation.get("text", ""))
        for name, variations in responses.items()
        for variation in variations
    }
    for path in [
        PROJECT_ROOT / "web" / "widget" / "kth-assistant.js",
        *sorted((PROJECT_ROOT / "web" / "pages").rglob("*.html")),
    ]:
        written[str(path.relative_to(PROJECT_ROOT))] = EMAIL.findall(path.read_text(encoding="utf-8"))
    assert {where: found for where, found in written.items() if found} == {}
    # ...and the responses do name whom to contact, through the placeholders.
    texts = " ".join(v.get("text", "") for variations in responses.values() for v in variations)
    assert all(f"{{{name}}}" in texts for name in NEW.variables())


@pytest.fixture(scope="module")
def new_contact_assistant(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Assistant]:
    """The servers of `make run` (same model), on knowledge whose contact is NEW."""
    knowledge_dir = tmp_path_factory.mktemp("knowledge-copy") / "knowledge"
    shutil.copytree(loader.DEFAULT_DIR, knowledge_dir)
    with running_assistant(
        tmp_path_factory.mktemp("contact"), {}, knowledge=with_new_contact(knowledge_dir)
    ) as servers:
        yield servers


@pytest.mark.parametrize(
    "question",
    ["Är du en robot?", "Are you a bot?", "Vad tycker du om fotboll?", "What's the weather like in Paris today?"],
)
def test_replies_name_the_contact_without_retraining(new_contact_assistant: Assistant, question: str) -> None:
    reply = " ".join(m.get("text", "") for m in new_contact_assistant.say(f"contact-{question}", question))
    assert NEW.office_email in reply or NEW.leader_email in reply, reply
    assert not any(old in reply for old in ("innovation@kth.se", "lisaeric@kth.se", "Lisa Ericsson")), reply


def test_the_widget_is_told_the_offices_address(new_contact_assistant: Assistant) -> None:
    client = WidgetClient(new_contact_assistant.url)
    try:
        client.start()
        assert client.next("privacy", timeout=30)["contact"] == NEW.office_email
    finally:
        client.close()


def test_a_running_server_reads_a_changed_contact_within_its_lifetime(
    monkeypatch: pytest.MonkeyPatch, sqlite_url: str, knowledge_dir: Path
) -> None:
    from actions import office_contact as module

    monkeypatch.setenv("KNOWLEDGE_DB_URL", sqlite_url)
    monkeypatch.setattr(module, "_cached", None)
    clock = [1000.0]
    monkeypatch.setattr(module.time, "monotonic", lambda: clock[0])
    loader.load(sqlite_url)
    assert module.current_office_contact().office_email == "innovation@kth.se"
    loader.load(sqlite_url, with_new_contact(knowledge_dir))  # `make knowledge` while the server runs
    clock[0] += module.CONTACT_LIFETIME / 2
    assert module.current_office_contact().office_email == "innovation@kth.se"  # read once a minute, not per reply
    clock[0] += module.CONTACT_LIFETIME
    assert module.current_office_contact() == NEW
