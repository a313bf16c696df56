"""The knowledge loader: good files load, broken files are refused, nothing half-done."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from actions import db, loader, repository
from actions.models import Contact, HistoryEvent, Partner, ThingAlias
from harness.knowledge import replace_in


def counts(url: str) -> dict[str, int]:
    with db.session(url) as session:
        return {
            model.__tablename__: session.scalar(select(func.count()).select_from(model))
            for model in (Partner, ThingAlias, Contact, HistoryEvent)
        }


@pytest.mark.parametrize("backend", ["sqlite", "postgresql"])
def test_loads_every_entry_of_the_files(backend: str, request: pytest.FixtureRequest) -> None:
    url = request.getfixturevalue("sqlite_url" if backend == "sqlite" else "postgres_url")
    loader.load(url)
    loaded = counts(url)
    assert loaded["partner"] == 7
    assert loaded["contact"] == 2
    assert loaded["history_event"] == 5
    with db.session(url) as session:
        assert repository.primary_contact(session).email == "lisaeric@kth.se"
        assert repository.find_partner(session, "Handels").partner.key == "hhs"


def test_loading_twice_gives_the_same_database(sqlite_url: str) -> None:
    loader.load(sqlite_url)
    first = counts(sqlite_url)
    loader.load(sqlite_url)
    assert counts(sqlite_url) == first


def test_a_changed_fact_is_served_after_reloading(sqlite_url: str, knowledge_dir: Path) -> None:
    loader.load(sqlite_url, knowledge_dir)
    replace_in(knowledge_dir / "contacts.yml", "lisaeric@kth.se", "lisa.ericsson@example.org")
    loader.load(sqlite_url, knowledge_dir)
    with db.session(sqlite_url) as session:
        assert repository.primary_contact(session).email == "lisa.ericsson@example.org"


@pytest.mark.parametrize(
    "file_name, old, new, message",
    [
        ("partners.yml", "kind: interact\n", "kind: rival\n", "partners.yml: entry 3 ('su'): 'kind' must be one of"),
        ("partners.yml", "    web: https://www.su.se\n", "", "partners.yml: entry 3 ('su'): 'web'"),
        ("partners.yml", "aliases: [HHS,", "aliases: [KI,", "partners.yml: 'ki': alias 'KI' is already used by 'hhs'"),
        (
            "contacts.yml",
            "email: lisaeric@kth.se",
            "email: nowhere",
            "contacts.yml: entry 1 ('lisa-ericsson'): 'email'",
        ),
        (
            "graph.yml",
            "    yes_to: {sv: [gratis,",
            "    yes_to: {sv: [], xx: [gratis,",
            "'yes_to' must have a non-empty list for each language (sv, en)",
        ),
        (
            "contacts.yml",
            "key: kth-innovation",
            "key: kth-inno",
            "contacts.yml: the office's own address (key 'kth-innovation') is missing",
        ),
        (
            "history.yml",
            "      en: KTH formed InterAct",
            "      fr: KTH formed InterAct",
            "history.yml: entry 4 ('interact'): 'text' has no 'en' text",
        ),
        ("history.yml", "key: su-own-office", "key: bill", "history.yml: entry 5 ('bill'): key 'bill' appears twice"),
        ("history.yml", "events:", "events: [\n", "history.yml: not valid YAML"),
    ],
)
def test_a_broken_file_is_refused_and_the_database_kept(
    sqlite_url: str, knowledge_dir: Path, file_name: str, old: str, new: str, message: str
) -> None:
    loader.load(sqlite_url, knowledge_dir)
    before = counts(sqlite_url)
    replace_in(knowledge_dir / file_name, old, new)
    with pytest.raises(loader.KnowledgeError) as error:
        loader.load(sqlite_url, knowledge_dir)
    assert message in str(error.value)
    assert counts(sqlite_url) == before


def test_the_command_line_names_the_problem(
    sqlite_url: str, knowledge_dir: Path, capsys: pytest.CaptureFixture
) -> None:
    (knowledge_dir / "contacts.yml").unlink()
    assert loader.main(["--url", sqlite_url, "--dir", str(knowledge_dir)]) == 1
    assert "contacts.yml: file not found" in capsys.readouterr().err
    assert loader.main(["--url", sqlite_url]) == 0
    assert "Loaded 7 partners" in capsys.readouterr().out


def test_a_database_of_an_earlier_version_is_rebuilt(sqlite_url: str) -> None:
    from sqlalchemy import text

    loader.load(sqlite_url)
    with db.engine_for(sqlite_url).begin() as connection:  # as an earlier version left it
        connection.execute(text("DROP TABLE history_event"))
        connection.execute(text("CREATE TABLE history_event (key VARCHAR(60) PRIMARY KEY, title_sv TEXT)"))
    loader.load(sqlite_url)
    assert counts(sqlite_url)["history_event"] == 5
