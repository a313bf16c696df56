"""Language handling: detection, stickiness, explicit switches and the page's metadata."""

from __future__ import annotations

import pytest
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, SlotSet, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.training_data.message import Message

from addons.nlu.language_detector import LanguageDetector, Vocabulary, detect, requested_language
from addons.policies.language import message_language

DOMAIN = Domain.load("domain.yml")


@pytest.mark.parametrize(
    "text, language",
    [
        ("Vem kan jag kontakta?", "sv"),
        ("Vad är InterAct?", "sv"),
        ("och hennes mejl?", "sv"),
        ("Hej", "sv"),
        ("Berätta om", "sv"),
        ("Who should I contact?", "en"),
        ("and her e-mail?", "en"),
        ("Tell me about", "en"),
        ("thanks", "en"),
        ("Wer ist der Ansprechpartner für Innovation?", "other"),
        ("¿Quién es el contacto?", "other"),
        ("Kuka on yhteyshenkilö?", "other"),
        ("Кто руководит офисом?", "other"),
        ("谁是联系人？", "other"),
        # Too little to tell: the conversation keeps its language.
        ("ok", None),
        ("KTH?", None),
        ("InterAct", None),
        ("Lisa Ericsson", None),
        ("😀😀", None),
        ("", None),
        ("12345", None),
    ],
)
def test_detect(text: str, language: str | None) -> None:
    assert detect(text) == language


@pytest.mark.parametrize(
    "text, language",
    [
        ("svara på svenska", "sv"),
        ("in English please", "en"),
        ("kan du svara på engelska", "en"),
        ("answer in Swedish", "sv"),
        ("byt språk", None),
    ],
)
def test_requested_language(text: str, language: str | None) -> None:
    assert requested_language(text) == language


def parsed(
    text: str, intent: str = "ask_contact", entities: list | None = None, metadata: dict | None = None
) -> Message:
    message = Message(
        {"text": text, "intent": {"name": intent, "confidence": 0.9}, "entities": entities or [], "metadata": metadata}
    )
    LanguageDetector({"min_confidence": 0.8}).process([message])
    return message


def example(text: str, language: str, entities: list | None = None) -> Message:
    """A training example as Rasa reads it from data/nlu, with its intent's metadata."""
    return Message.build(text, "any", entities, {"language": language})


def test_the_vocabulary_holds_words_used_mostly_in_one_language() -> None:
    vocabulary = Vocabulary.learn(
        [
            example("bye", "en"),
            example("ok bye", "en"),
            example("funding please", "en"),
            example("funding", "en"),
            example("funding pls", "en"),
            example("kan jag få funding", "sv"),  # a loan word: mostly English
            example("ok", "en"),
            example("ok thanks", "en"),
            example("ok then", "en"),  # written alike in both
            example("who is Lisa", "en"),
            example("vem är lisa", "sv"),
            example("lisa?", "sv"),  # a name
            example("hej då", "sv"),
            example("hej", "sv"),
            example("okej tack", "sv"),
            example("tack", "sv"),
            example("Vad är InterAct", "sv"),
            example("och InterAct", "sv"),
            example("Tell me about Karolinska", "en", [{"entity": "partner", "start": 14, "end": 24}]),
            example("Karolinska", "en", [{"entity": "partner", "start": 0, "end": 10}]),
            example("please", "sv"),  # used as often in both languages: no evidence
        ]
    )
    assert vocabulary.words["en"] == {"bye", "funding"}  # "please" in both, "ok" shared, "then" once
    assert vocabulary.words["sv"] == {"hej", "tack", "är"}  # "InterAct" and "lisa" are names; partner spans left out
    assert vocabulary.knows("fundnig") and vocabulary.knows("Karolinska") is False
    assert detect("Funding?", vocabulary=vocabulary) == "en"
    assert detect("Tack", vocabulary=vocabulary) == "sv"
    assert detect("ok", vocabulary=vocabulary) is None
    assert detect("InterAct?", vocabulary=vocabulary) is None


@pytest.mark.parametrize(
    "text, language",
    [
        ("Funding?", "en"),
        ("Help", "en"),
        ("Email address?", "en"),
        ("Finansiering?", "sv"),
        ("Mejladress?", "sv"),
        ("ok", None),
        ("InterAct", None),
        ("KTH?", None),
        ("Stockholm", None),
        ("Lisa Ericsson", None),
        ("innovation@kth.se", None),
        ("https://www.kth.se/om/innovation", None),
    ],
)
def test_the_trained_model_places_short_messages_by_its_vocabulary(
    trained_agent, text: str, language: str | None
) -> None:
    from harness.nlu_evaluation import parse_all

    assert parse_all(trained_agent, [text])[0].get("language") == language


@pytest.mark.parametrize(
    "text, language",
    [
        ("kontakt innovationskontorte", "sv"),  # a typo of the assistant's own word: not a third language
        ("innovationskontoret kontakt bitte", "sv"),  # two of three words its own: Swedish
        ("Wo finde ich das Innovationsbüro der Hochschule?", "other"),  # fewer than half its own
    ],
)
def test_a_third_language_needs_fewer_than_half_of_the_words_to_be_the_assistants(
    trained_agent, text: str, language: str
) -> None:
    from harness.nlu_evaluation import parse_all

    assert parse_all(trained_agent, [text])[0].get("language") == language


def test_partner_names_are_left_out_of_detection() -> None:
    entity = {"entity": "partner", "value": "Karolinska Institutet", "start": 13, "end": 34}
    assert parsed("Tell me about Karolinska Institutet", "ask_partner", [entity]).get("language") == "en"


def test_a_switch_request_beats_the_language_it_is_written_in() -> None:
    assert parsed("answer in Swedish", "switch_language").get("language") == "sv"
    assert parsed("svara på engelska", "switch_language").get("language") == "en"


@pytest.mark.parametrize(
    "text", ["Vad heter ekorre på engelska?", "what's the Swedish word for bicycle?", "how do you say tack in English?"]
)
def test_a_word_asked_in_another_language_is_out_of_scope_not_a_switch(text: str) -> None:
    assert parsed(text, "switch_language").get("intent")["name"] == "out_of_scope"


@pytest.mark.parametrize("text", ["'; DROP TABLE partner; --", "SELECT * FROM contact", "<script>alert(1)</script>"])
def test_code_is_out_of_scope_whatever_the_classifier_saw(text: str) -> None:
    assert parsed(text, "ask_partners").get("intent")["name"] == "out_of_scope"


def test_a_switch_request_stays_one() -> None:
    assert parsed("svara på engelska", "switch_language").get("intent")["name"] == "switch_language"
    assert parsed("Can you answer in Swedish, please?", "switch_language").get("intent")["name"] == "switch_language"
    assert parsed("Select the partners from Stockholm", "ask_partners").get("intent")["name"] == "ask_partners"


def test_page_metadata_decides_only_where_the_text_does_not() -> None:
    assert parsed("KTH?", metadata={"language": "en"}).get("language") == "en"
    assert parsed("Who should I contact?", metadata={"language": "sv"}).get("language") == "en"
    assert parsed("KTH?", metadata={"language": "de"}).get("language") is None
    assert parsed("KTH?", metadata=None).get("language") is None


def test_another_language_becomes_the_other_language_intent() -> None:
    message = parsed("Wer ist der Ansprechpartner für Innovation?")
    assert message.get("intent") == {"name": "other_language", "confidence": 1.0}


def tracker_after(*messages: UserUttered, language: str = "sv") -> DialogueStateTracker:
    tracker = DialogueStateTracker.from_events("t", [SlotSet("language", language)], slots=DOMAIN.slots)
    for message in messages:
        tracker.update(ActionExecuted("action_listen"))
        tracker.update(message)
    return tracker


def user(text: str, language: str | None = None, entities: list | None = None) -> UserUttered:
    return UserUttered(
        text,
        {"name": "ask_contact", "confidence": 0.9},
        entities or [],
        parse_data={"language": language},
        input_channel="rest",
    )


def test_the_message_language_drives_the_slot() -> None:
    assert message_language(tracker_after(user("Who?", "en"))) == "en"
    assert message_language(tracker_after(user("ok", None))) is None
    explicit = user('/switch_language{"language":"en"}', None, [{"entity": "language", "value": "en"}])
    assert message_language(tracker_after(explicit)) == "en"
    assert message_language(tracker_after(user("x", "other"))) is None
