"""When a follow-up goes to the passage search with the question before it (addons.policies.passage_follow_up)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.events import ActionExecuted, BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from addons.policies.passage_follow_up import PassageFollowUpPolicy

VINNOVA = "Hur gick det för KTH Innovation när Vinnova utvärderade innovationskontoren?"
ANSWER = "KTH Innovation: högsta betyg när Vinnova utvärderade innovationskontoren 2015. | Källa: https://campi.kth.se"

EXEMPTION = "Vad betyder lärarundantaget för en forskare på KTH som har kommit på något nytt?"
EXEMPTION_ANSWER = (
    "Enligt KTH:s policy för immateriella rättigheter äger uppfinnaren normalt sin idé, om inte ett avtal eller "
    "forskningsprojekt säger något annat (lärarundantaget, lag 1949:345). | Källa: https://www.kth.se"
)


@pytest.fixture(scope="module")
def policy(tmp_path_factory: pytest.TempPathFactory) -> PassageFollowUpPolicy:
    storage = LocalModelStorage(Path(tmp_path_factory.mktemp("policy")))
    context = ExecutionContext(GraphSchema({}), "test")
    return PassageFollowUpPolicy.create(
        PassageFollowUpPolicy.get_default_config(), storage, Resource("follow_up"), context
    )


def conversation(
    previous: str, answer: str, text: str, intent: str, confidence: float, channel: str = "rest"
) -> DialogueStateTracker:
    parsed = {"intent": {"name": intent, "confidence": confidence}, "entities": []}
    return DialogueStateTracker.from_events(
        "visitor",
        [
            ActionExecuted("action_listen"),
            UserUttered(previous, {"name": "ask_knowledge", "confidence": 1.0}),
            BotUttered(answer),
            ActionExecuted("action_listen"),
            UserUttered(text, parsed["intent"], parse_data=parsed, input_channel=channel),
        ],
    )


@pytest.mark.parametrize(
    "previous, answer, text, intent, confidence, follows",
    [
        # What the classifier cannot place after an answer that states a fact: the passage of both.
        (VINNOVA, ANSWER, "vilket år var det?", "explain", 0.34, True),
        (VINNOVA, ANSWER, "och vilket år?", "nlu_fallback", 0.2, True),
        # For a visitor, "what was understood" is staff's: a follow-up it resembles is searched.
        (VINNOVA, ANSWER, "Who did that, and which year?", "explain", 0.9, True),
        # No question.
        (VINNOVA, ANSWER, "😀😀😀", "nlu_fallback", 0.2, False),
        # After a reply that states nothing (a greeting), there is nothing to follow up.
        ("hej", "Hej! Vad vill du veta?", "vilket år var det?", "explain", 0.34, False),
        # A topic the classifier is sure of, or the graph's routing, keeps the question.
        (VINNOVA, ANSWER, "vilket år var det?", "ask_history", 0.9, False),
        (VINNOVA, ANSWER, "när grundades det?", "ask_knowledge", 1.0, False),
        # Something new named, or a person pointed at: the graph's.
        (VINNOVA, ANSWER, "och Uppsala universitet, vilket år?", "nlu_fallback", 0.2, False),
        (VINNOVA, ANSWER, "vilket år började hon?", "nlu_fallback", 0.2, False),
        # The question before in other words than the passage's: what answered it says what it was about.
        (EXEMPTION, EXEMPTION_ANSWER, "vilken lag står det i, har du numret?", "explain", 0.76, True),
        (EXEMPTION, "Hej! Vad vill du veta?", "vilken lag står det i, har du numret?", "explain", 0.76, False),
    ],
)
def test_a_follow_up_is_searched_with_the_question_before_only_where_nothing_else_answers(
    policy: PassageFollowUpPolicy,
    previous: str,
    answer: str,
    text: str,
    intent: str,
    confidence: float,
    follows: bool,
) -> None:
    assert policy.is_follow_up(conversation(previous, answer, text, intent, confidence)) == follows


def test_staff_asking_what_was_understood_are_answered_so(policy: PassageFollowUpPolicy) -> None:
    tracker = conversation(VINNOVA, ANSWER, "vad förstod du?", "explain", 1.0, channel="cmdline")
    assert not policy.is_follow_up(tracker)
