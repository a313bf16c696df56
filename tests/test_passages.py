"""Passages of the office's facts: loading, ranking across languages, and the score threshold."""
from __future__ import annotations

from pathlib import Path

import pytest

from actions import db, loader, passages
from actions.models import Passage


def test_every_passage_has_both_languages_and_a_link() -> None:
    known = loader.read_knowledge().passages
    assert len(known) >= 40
    assert all(p.text_sv and p.text_en and p.source_url.startswith("https://") for p in known)


@pytest.mark.parametrize("question, key", [
    ("Has Vinnova ever evaluated KTH Innovation?", "vinnova-evaluation-2015"),
    ("Hur gick det för KTH Innovation när Vinnova utvärderade kontoren?", "vinnova-evaluation-2015"),
    ("When did UU Innovation start?", "uu-innovation-2007"),
    ("samarbetar ni med inkubatorer?", "research-institutes-incubators"),
    ("do you work with incubators", "research-institutes-incubators"),  # the same passage from English
])
def test_the_closest_passage_answers(question: str, key: str) -> None:
    known = loader.read_knowledge().passages
    best, coverage = passages.closest(known, question)
    assert known[best].key == key
    assert coverage >= passages.MIN_COVERAGE


def test_questions_about_other_things_stay_below_the_threshold() -> None:
    from benchmarks.thresholds import PASSAGE_OUT_OF_SCOPE_SHARE, out_of_scope_passage_coverage

    above = (out_of_scope_passage_coverage() >= passages.MIN_COVERAGE).mean()
    assert above <= PASSAGE_OUT_OF_SCOPE_SHARE, f"{above:.1%} of out-of-scope training questions reach a passage"
    known = loader.read_knowledge().passages
    for question in ("what's the weather in Stockholm tomorrow", "tell me a joke", ""):
        assert (passages.closest(known, question) or (0, 0.0))[1] < passages.MIN_COVERAGE


@pytest.mark.usefixtures("loaded_db")
def test_the_best_passage_comes_from_the_database() -> None:
    with db.session() as session:
        found = passages.best_passage(session, "Vinnova 2015 evaluation of the innovation offices")
        assert found is not None and found.passage.key == "vinnova-evaluation-2015"
        assert passages.best_passage(session, "recipe for pancakes") is None


def test_a_passage_without_a_link_is_refused(knowledge_dir: Path, sqlite_url: str) -> None:
    path = knowledge_dir / "passages.yml"
    path.write_text(path.read_text().replace("url: https://", "url: http://", 1))
    with pytest.raises(loader.KnowledgeError, match="passages.yml: entry 1 .*https address"):
        loader.load(sqlite_url, knowledge_dir)
    assert Passage.__tablename__ == "passage"
