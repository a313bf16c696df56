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


@pytest.mark.parametrize(
    "question, key",
    [
        ("Has Vinnova ever evaluated KTH Innovation?", "vinnova-evaluation-2015"),
        ("Hur gick det för KTH Innovation när Vinnova utvärderade kontoren?", "vinnova-evaluation-2015"),
        ("When did UU Innovation start?", "uu-innovation-2007"),
        ("samarbetar ni med inkubatorer?", "research-institutes-incubators"),
        ("do you work with incubators", "research-institutes-incubators"),  # the same passage from English
    ],
)
def test_the_closest_passage_answers(question: str, key: str) -> None:
    known = loader.read_knowledge().passages
    found = passages.closest(known, question)
    assert found is not None, question
    best, coverage = found
    assert known[best].key == key
    assert coverage >= passages.MIN_COVERAGE


def test_a_passage_is_found_by_the_questions_it_answers() -> None:
    known = loader.read_knowledge().passages
    question = "How old is KTH Innovation?"  # the passage says "was founded in 2007"
    found = passages.closest(known, question)
    assert found is not None and known[found[0]].key == "kth-innovation-founded-2007"
    assert found[1] >= passages.MIN_COVERAGE
    unasked = [Passage(key=p.key, text_sv=p.text_sv, text_en=p.text_en, asked_sv="", asked_en="") for p in known]
    assert (passages.closest(unasked, question) or (0, 0.0))[1] < passages.MIN_COVERAGE


@pytest.mark.parametrize(
    "text, enough",
    [
        ("what was it called before?", False),  # points back, one word of its own
        ("vilket lärosäte hör det till?", False),
        ("What happened to InterAct once Stockholm University got its own office?", True),
        ("innovation office funding", True),  # points nowhere
    ],
)
def test_a_question_pointing_back_says_enough_alone_only_with_enough_words(text: str, enough: bool) -> None:
    assert passages.says_enough(text) == enough


@pytest.mark.parametrize(
    "previous, text, key",
    [
        (
            "Hur gick det för KTH Innovation när Vinnova utvärderade innovationskontoren?",
            "vilket år var det?",
            "vinnova-evaluation-2015",
        ),
        ("Var håller KTH Innovation till någonstans?", "sen när har ni suttit där?", "premises-red-cross-building"),
        ("vad är lärarundantaget?", "vilken lag står det i?", "ip-ownership"),
        (
            "When did Stockholm University get its own innovation office?",
            "And did they keep working with KTH after that?",
            "interact-continued",
        ),
        # Something new ("founded") that the passage of the question before does not state.
        ("Who are the members of InterAct?", "when was it founded?", None),
        # A year asked of a passage that holds none.
        ("Who do I contact about the innovation office?", "since when?", None),
    ],
)
def test_a_follow_up_is_answered_by_the_passage_of_both_questions_if_it_holds_what_is_asked(
    previous: str, text: str, key: str | None
) -> None:
    known = loader.read_knowledge().passages
    found = passages.follow_up(known, previous, text)
    assert (known[found].key if found is not None else None) == key


@pytest.mark.usefixtures("loaded_db")
def test_the_database_s_passages_carry_their_questions() -> None:
    with db.session() as session:
        known = passages.passages_of(session)
        [best] = passages.answering(known, "How old is KTH Innovation?")
        assert known[best].key == "kth-innovation-founded-2007"
        assert "How old is KTH Innovation?" in known[best].asked_en.splitlines()


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
        known = passages.passages_of(session)
        assert [
            known[i].key for i in passages.answering(known, "Vinnova 2015 evaluation of the innovation offices")
        ] == ["vinnova-evaluation-2015"]
        assert passages.answering(known, "recipe for pancakes") == []


def test_a_swedish_compound_counts_as_the_words_it_is_made_of() -> None:
    known = loader.read_knowledge().passages
    text = "En del av kontorets samverkansarbete görs inom en annan avdelning. Vad heter den avdelningen?"
    found = passages.closest(known, text)
    assert found is not None and known[found[0]].key == "samverkan-other-department"
    assert found[1] >= passages.MIN_COVERAGE


def test_a_remark_after_the_question_does_not_hide_its_passage() -> None:
    known = loader.read_knowledge().passages
    text = "vad är det för rubrik som står allra sist på er sida om innovationskontoret? sidan ser ut att sluta abrupt"
    whole = passages.closest(known, text)
    assert whole is not None and whole[1] < passages.MIN_COVERAGE  # the remark's words weigh the whole down
    assert [known[i].key for i in passages.answering(known, text)] == ["heading-regional-partners"]
    # A message that asks in one sentence is searched whole.
    assert passages.searched(known, "Do you work with incubators?")[0] == "Do you work with incubators?"


def test_each_question_of_a_message_gets_its_passage() -> None:
    known = loader.read_knowledge().passages
    text = "What was the title of the 2008/09 research bill, and how many universities got innovation offices then?"
    keys = [known[i].key for i in passages.answering(known, text)]
    assert len(keys) == 2 and "eight-universities" in keys
    # One question: one passage, however long; a question no passage covers: none, whatever the other asks.
    assert len(passages.answering(known, "How much money did the eight innovation offices get at the start?")) == 1
    assert passages.answering(known, "what's the weather tomorrow, and who won the match?") == []


def test_a_passage_s_questions_must_be_lists_of_texts(knowledge_dir: Path, sqlite_url: str) -> None:
    path = knowledge_dir / "passages.yml"
    path.write_text(path.read_text().replace("    asked:\n      sv: [", "    asked:\n      sv: 7\n      xx: [", 1))
    with pytest.raises(loader.KnowledgeError, match="passages.yml: entry 1 .*'asked' must have a list for each"):
        loader.load(sqlite_url, knowledge_dir)


def test_a_passage_without_a_link_is_refused(knowledge_dir: Path, sqlite_url: str) -> None:
    path = knowledge_dir / "passages.yml"
    path.write_text(path.read_text().replace("url: https://", "url: http://", 1))
    with pytest.raises(loader.KnowledgeError, match="passages.yml: entry 1 .*https address"):
        loader.load(sqlite_url, knowledge_dir)
    assert Passage.__tablename__ == "passage"


@pytest.fixture(scope="module")
def topics():
    from addons.nlu.passage_question import PassageQuestionClassifier, Topics, vocabulary
    from benchmarks.nlu import TRAINING_DIR, messages_by_language

    examples = [
        (m.get("intent"), m.get("text")) for messages in messages_by_language(TRAINING_DIR).values() for m in messages
    ]
    return Topics.read(PassageQuestionClassifier.get_default_config(), vocabulary(examples))


@pytest.mark.parametrize(
    "question, intent, passage_answers",
    [
        # Facts only a passage states, asked in a topic's words: the passage answers.
        ("Has KTH Innovation ever been evaluated? How did it do?", "ask_history", True),
        ("Vilket betyg fick KTH Innovation av Vinnova?", "ask_history", True),
        # Questions in the topic's own words keep it.
        ("Vad är InterAct?", "ask_interact", False),
        ("What does KTH Innovation offer?", "ask_services", False),
        ("När antogs propositionen?", "ask_bill", False),
        # Intents that state no facts are never compared.
        ("tack för hjälpen", "thank", False),
    ],
)
def test_a_passage_answers_a_topic_question_only_when_it_covers_it_better(
    topics, question: str, intent: str, passage_answers: bool
) -> None:
    assert topics.better_passage(question, intent) == passage_answers


def test_topics_keep_their_own_training_questions() -> None:
    from addons.nlu.passage_question import MIN_ADVANTAGE
    from benchmarks.thresholds import PASSAGE_DIVERSION_SHARE, topic_passage_advantage

    taken = (topic_passage_advantage() >= MIN_ADVANTAGE).mean()
    assert taken <= PASSAGE_DIVERSION_SHARE, f"{taken:.1%} of the topics' training questions go to a passage"
