"""Partner names as entities in the NLU, from the knowledge files' aliases."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.message import Message

from addons.nlu.knowledge_entity_extractor import KnowledgeEntityExtractor


def entities(extractor: KnowledgeEntityExtractor, text: str) -> list[tuple[str, str, int, int]]:
    (message,) = extractor.process([Message.build(text)])
    return [(e["entity"], e["value"], e["start"], e["end"]) for e in message.get("entities", [])]


def test_every_partner_name_is_an_entity_with_its_span() -> None:
    extractor = KnowledgeEntityExtractor({})
    assert entities(extractor, "Är Handelshögskolan och KI med i InterAct?") == [
        ("partner", "Handelshögskolan", 3, 19),
        ("partner", "KI", 24, 26),
    ]
    assert entities(extractor, "what does Karolinksa do") == [("partner", "Karolinksa", 10, 20)]
    assert entities(extractor, "what's the weather in Stockholm?") == []


def test_a_new_alias_needs_a_restart_not_training(knowledge_dir: Path) -> None:
    path = knowledge_dir / "partners.yml"
    path.write_text(path.read_text().replace("aliases: [SU,", "aliases: [Stocken, SU,", 1))
    assert entities(KnowledgeEntityExtractor({"knowledge_dir": str(knowledge_dir)}), "och Stocken?") == [
        ("partner", "Stocken", 4, 11)
    ]


def test_broken_knowledge_files_leave_the_nlu_working(knowledge_dir: Path, caplog: pytest.LogCaptureFixture) -> None:
    (knowledge_dir / "partners.yml").write_text("partners: [not a mapping")
    extractor = KnowledgeEntityExtractor({"knowledge_dir": str(knowledge_dir)})
    assert entities(extractor, "berätta om KI") == []
    assert "Partner names not loaded" in caplog.text
