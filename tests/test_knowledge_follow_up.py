"""When a topic question goes to the knowledge graph for the conversation's things
(addons.policies.knowledge_follow_up), and what "that" means once a topic has set the context slot."""

from __future__ import annotations

from pathlib import Path

import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.shared.core.events import ActionExecuted, BotUttered, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from actions.context import keys_before_latest_message
from addons.policies.knowledge_follow_up import KnowledgeFollowUpPolicy

EIGHT = "uu,lu,umu,liu,ki,kth,chalmers,fyrklovern"


@pytest.fixture(scope="module")
def policy(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeFollowUpPolicy:
    storage = LocalModelStorage(Path(tmp_path_factory.mktemp("policy")))
    context = ExecutionContext(GraphSchema({}), "test")
    return KnowledgeFollowUpPolicy.create(
        KnowledgeFollowUpPolicy.get_default_config(), storage, Resource("knowledge_follow_up"), context
    )


def conversation(context: str, text: str, intent: str, mapped: str = "verification-funding") -> DialogueStateTracker:
    """A conversation whose last answer was about `context`; the latest message's intent maps the slot to
    `mapped`, as domain.yml's topic mappings do."""
    parsed = {"intent": {"name": intent, "confidence": 0.9}, "entities": []}
    return DialogueStateTracker.from_events(
        "visitor",
        [
            ActionExecuted("action_listen"),
            UserUttered("How many got one?", {"name": "ask_eight_offices", "confidence": 0.9}),
            SlotSet("partner", context),
            BotUttered("Innovation offices at eight universities ... Source: https://www.elinor.se"),
            ActionExecuted("action_listen"),
            UserUttered(text, parsed["intent"], parse_data=parsed),
            SlotSet("partner", mapped),
        ],
    )


@pytest.mark.parametrize(
    "context, text, intent, follows",
    [
        # The offices' funding, which their group holds: the graph's, not verification funding's text.
        (EIGHT, "what funding came with that, a lump sum or every year?", "ask_funding", True),
        (EIGHT, "och hur finansierades de?", "ask_funding", True),
        # No pointer: a question of its own, the topic's.
        (EIGHT, "how is verification funding financed?", "ask_funding", False),
        # Nothing the conversation's things hold is asked: the topic's.
        (EIGHT, "can I get help with that?", "ask_services", False),
        # Something new named: the router's to read.
        (EIGHT, "and Vinnova, what funding did that come with?", "ask_funding", False),
        # Out of scope for the classifier, but asking what the conversation's things hold.
        (EIGHT, "and the funding they got with that?", "out_of_scope", True),
        # Not a topic intent: the router already reads it.
        (EIGHT, "what funding came with that?", "ask_knowledge", False),
    ],
)
def test_a_topic_question_about_the_conversations_things_goes_to_the_graph(
    policy: KnowledgeFollowUpPolicy, context: str, text: str, intent: str, follows: bool
) -> None:
    assert policy.is_follow_up(conversation(context, text, intent)) == follows


def test_it_means_what_the_last_answer_was_about_not_what_the_topic_mapped() -> None:
    events = [e.as_dict() for e in conversation(EIGHT, "what funding came with that?", "ask_funding").events]
    assert keys_before_latest_message(events, "verification-funding") == EIGHT.split(",")
    # A first message has nothing before it, whatever its mapping set.
    first = [{"event": "user", "text": "hur finansieras det?"}, {"event": "slot", "name": "partner", "value": "x"}]
    assert keys_before_latest_message(first, "x") == []
    # Where no slot change is recorded (a tracker built from its slots), the slot is what it is.
    assert keys_before_latest_message([{"event": "user", "text": "och de?"}], "su,ki") == ["su", "ki"]
