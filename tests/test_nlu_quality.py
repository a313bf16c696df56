"""NLU quality on the held-out test sets (tests/nlu/*.yml), which training never sees."""

from __future__ import annotations

import pytest
from rasa.core.agent import Agent

from actions.paths import PROJECT_ROOT
from harness.nlu_evaluation import TEST_DIR, evaluate

TARGET_MACRO_F1 = 0.95
# Partner names in questions about a partner (annotated in the held-out sets).
TARGET_PARTNER_F1 = 0.9
# Questions about other things that get the honest "outside what I know" reply.
TARGET_OUT_OF_SCOPE_RECALL = 0.85
# In-scope questions that fall back or are taken for out-of-scope.
MAX_IN_SCOPE_FALLBACK = 0.03
MIN_EXAMPLES_PER_INTENT = 12
MIN_OUT_OF_SCOPE_EXAMPLES = 40


@pytest.mark.parametrize("language", ["sv", "en"])
def test_intent_macro_f1_per_language(trained_agent: Agent, language: str, report_figure) -> None:
    result = evaluate(trained_agent, TEST_DIR / f"{language}.yml")
    report_figure(result.report())
    assert result.macro_f1 >= TARGET_MACRO_F1, result.report()
    assert result.partner_f1 is not None and result.partner_f1 >= TARGET_PARTNER_F1, result.report()
    assert result.oos_recall is not None and result.oos_recall >= TARGET_OUT_OF_SCOPE_RECALL, result.report()
    assert result.in_scope_fallback_rate <= MAX_IN_SCOPE_FALLBACK, result.report()


def test_other_languages_are_recognised(trained_agent: Agent, report_figure) -> None:
    result = evaluate(trained_agent, TEST_DIR / "other.yml")
    report_figure(result.report())
    assert result.accuracy == 1.0, result.report()


def test_held_out_examples_are_not_training_examples() -> None:
    from pathlib import Path

    from rasa.shared.nlu.training_data.loading import load_data

    from harness.nlu_evaluation import examples

    training = {m.get("text").casefold() for m in load_data(str(Path("data/nlu"))).intent_examples}
    for name in ("sv", "en", "other"):
        overlap = [text for text, _ in examples(TEST_DIR / f"{name}.yml") if text.casefold() in training]
        assert overlap == [], f"{name}.yml repeats training examples: {overlap}"


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_intent_has_enough_held_out_examples(language: str) -> None:
    from collections import Counter

    from rasa.shared.core.domain import Domain

    from harness.nlu_evaluation import OUT_OF_SCOPE, examples

    counts = Counter(intent for _, intent in examples(TEST_DIR / f"{language}.yml"))
    from rasa.shared.core.constants import DEFAULT_INTENTS

    from addons.nlu.routing import ROUTED_INTENTS

    # other_language and ask_knowledge are set by components, not trained.
    intents = set(Domain.load("domain.yml").intents) - set(DEFAULT_INTENTS) - {"other_language", *ROUTED_INTENTS}
    assert {intent: counts[intent] for intent in intents if counts[intent] < MIN_EXAMPLES_PER_INTENT} == {}
    assert counts[OUT_OF_SCOPE] >= MIN_OUT_OF_SCOPE_EXAMPLES, counts


MIN_TRAINING_EXAMPLES_PER_INTENT = 30


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_intent_has_enough_training_examples(language: str) -> None:
    from collections import Counter
    from pathlib import Path

    from harness.nlu_evaluation import examples

    counts = Counter(intent for _, intent in examples(Path("data/nlu") / f"{language}.yml"))
    assert {intent: n for intent, n in counts.items() if n < MIN_TRAINING_EXAMPLES_PER_INTENT} == {}


@pytest.mark.parametrize("language", ["sv", "en"])
def test_every_intent_block_says_its_language(language: str) -> None:
    """The language detector learns each language's words from this metadata (README, Language)."""
    import yaml

    blocks = yaml.safe_load((PROJECT_ROOT / "data" / "nlu" / f"{language}.yml").read_text(encoding="utf-8"))["nlu"]
    intents = [block for block in blocks if "intent" in block]
    assert intents and [b["intent"] for b in intents if (b.get("metadata") or {}).get("language") != language] == []
