"""The project's intent classifier: trains, stores without pickle, loads, and ranks calibrated intents."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from rasa.engine.graph import ExecutionContext, GraphSchema
from rasa.engine.storage.local_model_storage import LocalModelStorage
from rasa.engine.storage.resource import Resource
from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from addons.nlu.linear_intent_classifier import MODEL_FILE, LinearIntentClassifier, fit_temperature

EXAMPLES = {
    "greet": ["hej", "hej hej", "hello", "hi there", "good morning", "god morgon", "hallå", "hey"],
    "ask_funding": [
        "how much funding",
        "verifieringsmedel",
        "can I get money",
        "finns det pengar",
        "funding for my idea",
        "hur mycket pengar",
        "grant please",
        "VFT belopp",
    ],
    "ask_contact": [
        "whom do I contact",
        "vem kan jag kontakta",
        "contact person",
        "kontaktperson",
        "who can I talk to",
        "vem pratar jag med",
        "get in touch",
        "kontakt",
    ],
}


@pytest.fixture
def parts(tmp_path: Path):
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(GraphSchema({}), "test")
    tokenizer = WhitespaceTokenizer(WhitespaceTokenizer.get_default_config())
    featurizers = [
        CountVectorsFeaturizer.create(
            {**CountVectorsFeaturizer.get_default_config(), **config}, storage, Resource(f"cvf{i}"), context
        )
        for i, config in enumerate([{}, {"analyzer": "char_wb", "min_ngram": 2, "max_ngram": 4}])
    ]
    return storage, context, tokenizer, featurizers


def featurized(parts, texts: list[str]) -> list[Message]:
    _, _, tokenizer, featurizers = parts
    messages = [Message.build(text) for text in texts]
    tokenizer.process(messages)
    for featurizer in featurizers:
        featurizer.process(messages)
    return messages


def trained(parts, **config) -> LinearIntentClassifier:
    storage, context, tokenizer, featurizers = parts
    data = TrainingData([Message.build(text, intent) for intent, texts in EXAMPLES.items() for text in texts])
    tokenizer.process_training_data(data)
    for featurizer in featurizers:
        featurizer.train(data)
        featurizer.process_training_data(data)
    classifier = LinearIntentClassifier.create(
        {**LinearIntentClassifier.get_default_config(), **config}, storage, Resource("classifier"), context
    )
    classifier.train(data)
    return classifier


def test_ranks_every_intent_with_probabilities(parts) -> None:
    classifier = trained(parts, calibration_folds=2)
    (message,) = classifier.process(featurized(parts, ["how much money can I get"]))
    ranking = message.get("intent_ranking")
    assert message.get("intent")["name"] == "ask_funding"
    assert {r["name"] for r in ranking} == set(EXAMPLES)
    assert sum(r["confidence"] for r in ranking) == pytest.approx(1.0)
    assert ranking == sorted(ranking, key=lambda r: -r["confidence"])


def test_a_loaded_model_gives_the_same_answers(parts) -> None:
    storage, context, _, _ = parts
    classifier = trained(parts, calibration_folds=2)
    texts = ["vem kan jag kontakta om pengar", "hej!", "completely unrelated words"]
    before = [m.get("intent_ranking") for m in classifier.process(featurized(parts, texts))]
    loaded = LinearIntentClassifier.load(
        LinearIntentClassifier.get_default_config(), storage, Resource("classifier"), context
    )
    after = [m.get("intent_ranking") for m in loaded.process(featurized(parts, texts))]
    assert after == before


def test_the_stored_model_holds_arrays_only(parts) -> None:
    storage, _, _, _ = parts
    trained(parts, calibration_folds=0)
    with storage.read_from(Resource("classifier")) as directory:
        with np.load(directory / MODEL_FILE, allow_pickle=False) as stored:
            assert set(stored.files) == {"idf", "coef", "intercept", "labels", "temperature"}
            assert float(stored["temperature"]) == 1.0  # no calibration asked for


def test_an_untrained_classifier_names_no_intent(parts) -> None:
    storage, context, _, _ = parts
    classifier = LinearIntentClassifier.load({}, storage, Resource("never-trained"), context)
    (message,) = classifier.process(featurized(parts, ["hej"]))
    assert message.get("intent") == {"name": None, "confidence": 0.0}


def test_a_message_without_words_gets_no_intent(parts) -> None:
    classifier = trained(parts, calibration_folds=0)
    empty, word = classifier.process(featurized(parts, ["", "hej"]))
    assert empty.get("intent") == {"name": None, "confidence": 0.0}
    assert word.get("intent")["name"] == "greet"


def test_the_temperature_undoes_over_and_under_confidence() -> None:
    rng = np.random.default_rng(7)
    gold = rng.integers(0, 3, size=600)
    # Scores that put the gold class first only 60% of the time, with a huge margin: over-confident.
    scores = rng.normal(size=(600, 3))
    right = rng.random(600) < 0.6
    scores[np.arange(600), np.where(right, gold, (gold + 1) % 3)] += 20
    assert fit_temperature(scores, gold) > 3
    # Scores that are always right by a tiny margin: under-confident.
    timid = np.zeros((600, 3))
    timid[np.arange(600), gold] = 0.5
    assert fit_temperature(timid, gold) < 0.2
