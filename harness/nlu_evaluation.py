"""Held-out NLU evaluation: intent accuracy and macro-F1 per test file.

Used by tests/test_nlu_quality.py; prints its figures so that every test run
shows them.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from rasa.core.agent import Agent
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from sklearn.metrics import accuracy_score, f1_score

from actions.paths import PROJECT_ROOT
from addons.nlu.routing import ROUTED_INTENTS

TEST_DIR = PROJECT_ROOT / "tests" / "nlu"


PARTNER = "partner"
OUT_OF_SCOPE = "out_of_scope"
# What a visitor sees as "not answered": the did-you-mean fallback or the out-of-scope reply.
NOT_ANSWERED = {OUT_OF_SCOPE, DEFAULT_NLU_FALLBACK_INTENT_NAME}


@dataclass
class Evaluation:
    name: str
    accuracy: float
    macro_f1: float
    partner_f1: float | None = None
    errors: list[tuple[str, str, str, float]] = field(default_factory=list)
    confusions: Counter = field(default_factory=Counter)
    gold: list[str] = field(default_factory=list)
    predicted: list[str] = field(default_factory=list)
    # The classifier's best intent, had the fallback not stepped in ("did you mean" below its threshold).
    top_accuracy: float = 0.0
    top_macro_f1: float = 0.0
    fallback_rate: float = 0.0
    # Out-of-scope messages recognised as such; in-scope messages that fell back or were taken for out-of-scope.
    oos_recall: float | None = None
    in_scope_fallback_rate: float = 0.0
    # The classifier's best intent for each message and its confidence (for choosing a fallback threshold).
    top_predicted: list[str] = field(default_factory=list)
    top_confidence: list[float] = field(default_factory=list)

    def report(self) -> str:
        entity = "" if self.partner_f1 is None else f", partner-entity F1 {self.partner_f1:.3f}"
        oos = (
            ""
            if self.oos_recall is None
            else (f", out-of-scope recall {self.oos_recall:.3f}, in-scope fallback {self.in_scope_fallback_rate:.3f}")
        )
        lines = [f"NLU {self.name}: intent accuracy {self.accuracy:.3f}, macro-F1 {self.macro_f1:.3f}{entity}{oos}"]
        lines += [
            f"    {text!r}: {gold} -> {predicted} ({confidence:.2f})"
            for text, gold, predicted, confidence in self.errors
        ]
        return "\n".join(lines)


def examples(path: Path) -> list[tuple[str, str]]:
    return [(m.get("text"), m.get("intent")) for m in load_data(str(path)).intent_examples]


def partner_values(entities: list[dict]) -> set[str]:
    return {str(e.get("value")).casefold() for e in entities or [] if e.get("entity") == PARTNER}


def partner_f1(gold: list[set[str]], predicted: list[set[str]]) -> float | None:
    """F1 of partner names over the messages whose gold annotation names partners."""
    pairs = [(g, p) for g, p in zip(gold, predicted) if g]
    if not pairs:
        return None
    true_positives = sum(len(g & p) for g, p in pairs)
    predicted_count = sum(len(p) for _, p in pairs)
    gold_count = sum(len(g) for g, _ in pairs)
    precision = true_positives / predicted_count if predicted_count else 0.0
    recall = true_positives / gold_count
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def parse_all(agent: Agent, texts: list[str]) -> list[dict]:
    """The agent's NLU parse of every text (intent, entities, language), as the classifier decided it."""

    async def parse() -> list[dict]:
        return [classified(await agent.parse_message(text)) for text in texts]

    return asyncio.run(parse())


def classified(parsed: dict) -> dict:
    """A parse with the knowledge routing taken off: the intent the classifier (and its fallback) gave.

    `ask_knowledge` and `ask_passage` are set after classification, from the knowledge files, for
    questions the graph or a passage answers; it is scored by the answer-level evaluation (tests/answers),
    while these figures score the trained classifier beneath it.
    """
    ranking = parsed.get("intent_ranking") or []
    if parsed.get("intent", {}).get("name") not in ROUTED_INTENTS or len(ranking) < 2:
        return parsed
    return {**parsed, "intent": ranking[1], "intent_ranking": ranking[1:]}


def top_intent(parsed: dict) -> str:
    """The best intent that is not the fallback: what the classifier itself would answer."""
    ranking = parsed.get("intent_ranking") or [parsed["intent"]]
    return next((i["name"] for i in ranking if i["name"] != DEFAULT_NLU_FALLBACK_INTENT_NAME), parsed["intent"]["name"])


def top_confidence(parsed: dict) -> float:
    """The confidence of the classifier's best intent that is not the fallback."""
    ranking = parsed.get("intent_ranking") or [parsed["intent"]]
    best = next((i for i in ranking if i["name"] != DEFAULT_NLU_FALLBACK_INTENT_NAME), parsed["intent"])
    return float(best.get("confidence") or 0.0)


def _macro_f1(gold: list[str], predicted: list[str]) -> float:
    return f1_score(gold, predicted, labels=sorted(set(gold)), average="macro", zero_division=0)


def score(name: str, messages: list[Message], parsed: list[dict], with_entities: bool = True) -> Evaluation:
    """Intent accuracy, macro-F1 and partner-name F1 of `parsed` against the annotated `messages`.

    The main figures count a fallback ("did you mean") as a miss, as a user sees it; the
    `top_*` figures score the classifier's best intent, for comparison with classifiers
    that never abstain. Confusions are between intents (the classifier's best intent).
    """
    gold = [m.get("intent") for m in messages]
    predicted = [p["intent"]["name"] for p in parsed]
    top = [top_intent(p) for p in parsed]
    evaluation = Evaluation(
        name=name,
        accuracy=accuracy_score(gold, predicted),
        macro_f1=_macro_f1(gold, predicted),
        partner_f1=partner_f1(
            [partner_values(m.get("entities") or []) for m in messages],
            [partner_values(p.get("entities") or []) for p in parsed],
        )
        if with_entities
        else None,
        gold=gold,
        predicted=predicted,
        top_accuracy=accuracy_score(gold, top),
        top_macro_f1=_macro_f1(gold, top),
        top_predicted=top,
        top_confidence=[top_confidence(p) for p in parsed],
        fallback_rate=predicted.count(DEFAULT_NLU_FALLBACK_INTENT_NAME) / len(predicted) if predicted else 0.0,
    )
    out_of_scope = [guess for expected, guess in zip(gold, predicted) if expected == OUT_OF_SCOPE]
    in_scope = [guess for expected, guess in zip(gold, predicted) if expected != OUT_OF_SCOPE]
    if out_of_scope:
        evaluation.oos_recall = out_of_scope.count(OUT_OF_SCOPE) / len(out_of_scope)
    if in_scope:
        evaluation.in_scope_fallback_rate = sum(guess in NOT_ANSWERED for guess in in_scope) / len(in_scope)
    for message, result, guess, best in zip(messages, parsed, predicted, top):
        if guess != message.get("intent"):
            evaluation.errors.append(
                (message.get("text"), message.get("intent"), guess, result["intent"]["confidence"])
            )
        if best != message.get("intent"):
            evaluation.confusions[(message.get("intent"), best)] += 1
    return evaluation


def evaluate(agent: Agent, path: Path) -> Evaluation:
    messages = load_data(str(path)).intent_examples
    return score(path.stem, messages, parse_all(agent, [m.get("text") for m in messages]))
