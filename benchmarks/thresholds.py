"""The fallback threshold and the passage threshold, chosen on the training data rather than by hand.

    .venv/bin/python -m benchmarks.thresholds [--folds 5]

Trains config.yml's NLU pipeline without a fallback on four fifths of
data/nlu at a time and collects, for every example of the fifth left out, the
classifier's best intent and its (calibrated) confidence. For each candidate
threshold it then counts what a visitor would get: a wrong answer (a wrong
intent above the threshold, out-of-scope questions included) or an unnecessary
"did you mean" (a right intent below it). A confident wrong answer is worse than
an honest "not sure", so a wrong answer costs twice as much as an unnecessary
fallback; but a "did you mean" to a question it understood annoys, and the
product allows at most 3% of in-scope questions to go unanswered (fallbacks and
out-of-scope replies together), in each language. The threshold with the lowest
cost within that limit is printed with the figures for the README. The held-out
sets take no part: they judge the result.

The passage threshold (actions.passages.MIN_COVERAGE) is the share of a
question that no more than one in twenty of the training data's out-of-scope
questions reach with their closest passage (tests/test_passages.py keeps it so).
The passage's advantage over a topic's own answer (addons.nlu.passage_question.MIN_ADVANTAGE)
is the one that no more than one in twenty of the training questions of those topics,
which their own answers answer, reaches.
"""

from __future__ import annotations

import argparse
import copy
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import yaml
from rasa.shared.constants import DEFAULT_NLU_FALLBACK_INTENT_NAME as FALLBACK
from sklearn.metrics import f1_score

from actions import loader, passages
from addons.nlu.passage_question import MIN_ADVANTAGE, PassageQuestionClassifier, Topics, vocabulary
from benchmarks.nlu import LANGUAGES, ROOT, TRAINING_DIR, cross_validation, messages_by_language
from harness.nlu_evaluation import NOT_ANSWERED, OUT_OF_SCOPE, Evaluation

CANDIDATES = tuple(round(t, 2) for t in np.arange(0.0, 0.96, 0.05))
WRONG_ANSWER_COST = 2.0
UNNECESSARY_FALLBACK_COST = 1.0
MAX_IN_SCOPE_UNANSWERED = 0.03
# The share of out-of-scope training questions that may reach the passage threshold.
PASSAGE_OUT_OF_SCOPE_SHARE = 0.05
# The share of a topic's own training questions that a passage may take from it.
PASSAGE_DIVERSION_SHARE = 0.05


def out_of_scope_passage_coverage() -> np.ndarray:
    """How much of each out-of-scope question of data/nlu its closest passage covers."""
    known = loader.read_knowledge().passages
    questions = [
        m.get("text")
        for examples in messages_by_language(TRAINING_DIR).values()
        for m in examples
        if m.get("intent") == "out_of_scope"
    ]
    return np.array([(passages.closest(known, question) or (0, 0.0))[1] for question in questions])


def passage_threshold() -> float:
    """The smallest coverage (in hundredths) that at most the allowed share of out-of-scope questions reach."""
    coverage = out_of_scope_passage_coverage()
    hundredths = np.round(np.arange(0.0, 1.01, 0.01), 2)
    return next(float(t) for t in hundredths if (coverage >= t).mean() <= PASSAGE_OUT_OF_SCOPE_SHARE)


def topic_passage_advantage(folds: int = 5) -> np.ndarray:
    """For each training question of a fact-answering topic: how much more of it the best passage
    covers than the topic knows from its answer and the other folds' questions (minus infinity where no
    passage reaches the passage threshold)."""
    examples = [
        (m.get("intent"), m.get("text")) for messages in messages_by_language(TRAINING_DIR).values() for m in messages
    ]
    topics = Topics.read(PassageQuestionClassifier.get_default_config(), {})
    advantages = []
    for fold in range(folds):
        learnt = vocabulary(pair for i, pair in enumerate(examples) if i % folds != fold)
        with_learnt = Topics(topics.passages, topics.answers, learnt)
        for intent, text in examples[fold::folds]:
            if intent in topics.answers:
                advantage = with_learnt.advantage(text, intent)
                advantages.append(-np.inf if advantage is None else advantage)
    return np.array(advantages)


def passage_advantage() -> float:
    """The smallest advantage (of CANDIDATES, above nothing) that takes at most the allowed share of
    the topics' training questions from them."""
    advantages = topic_passage_advantage()
    return next(float(t) for t in CANDIDATES if t > 0 and (advantages >= t).mean() <= PASSAGE_DIVERSION_SHARE)


@dataclass
class Choice:
    threshold: float
    wrong_answers: float
    unnecessary_fallbacks: float
    cost: float


def outcomes(gold: list[str], top: list[str], confidence: list[float], threshold: float) -> Choice:
    right = np.array([g == t for g, t in zip(gold, top)])
    answered = np.array(confidence) >= threshold
    wrong = float(np.mean(~right & answered))
    unnecessary = float(np.mean(right & ~answered))
    return Choice(threshold, wrong, unnecessary, WRONG_ANSWER_COST * wrong + UNNECESSARY_FALLBACK_COST * unnecessary)


def user_view(evaluation: Evaluation, threshold: float) -> tuple[float, float]:
    """Macro-F1 (a fallback counts as a miss) and the share of in-scope messages not answered, at a threshold."""
    predicted = [
        top if confidence >= threshold else FALLBACK
        for top, confidence in zip(evaluation.top_predicted, evaluation.top_confidence)
    ]
    labels = sorted(set(evaluation.gold))
    in_scope = [guess for expected, guess in zip(evaluation.gold, predicted) if expected != OUT_OF_SCOPE]
    unanswered = sum(guess in NOT_ANSWERED for guess in in_scope) / len(in_scope)
    return f1_score(evaluation.gold, predicted, labels=labels, average="macro", zero_division=0), unanswered


def without_fallback(directory: Path) -> Path:
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    config["pipeline"] = [copy.deepcopy(c) for c in config["pipeline"] if c["name"] != "FallbackClassifier"]
    config["policies"] = []
    path = directory / "no-fallback.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True))
    return path


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()
    print(
        f"Passage threshold: {passage_threshold():.2f} ({1 - PASSAGE_OUT_OF_SCOPE_SHARE:.0%} of out-of-scope "
        f"training questions are covered less; actions.passages.MIN_COVERAGE is {passages.MIN_COVERAGE})."
    )
    print(
        f"Passage advantage over a topic's answer: {passage_advantage():.2f} ({1 - PASSAGE_DIVERSION_SHARE:.0%} of "
        f"the topics' training questions reach less; addons.nlu.passage_question.MIN_ADVANTAGE is {MIN_ADVANTAGE}).\n"
    )
    with tempfile.TemporaryDirectory(prefix="kth-thresholds-") as tmp:
        evaluations = cross_validation("project", Path(tmp), args.folds, config=without_fallback(Path(tmp)))
    gold = [g for lang in LANGUAGES for g in evaluations[lang].gold]
    top = [t for lang in LANGUAGES for t in evaluations[lang].top_predicted]
    confidence = [c for lang in LANGUAGES for c in evaluations[lang].top_confidence]
    choices = [outcomes(gold, top, confidence, threshold) for threshold in CANDIDATES]
    unanswered = {c.threshold: max(user_view(evaluations[lang], c.threshold)[1] for lang in LANGUAGES) for c in choices}
    print(
        "| threshold | wrong answers | unnecessary fallbacks | cost | 5-fold macro-F1 sv / en "
        "| in-scope fallback or out-of-scope sv / en |"
    )
    print("|---|---|---|---|---|---|")
    for choice in choices:
        scored = {lang: user_view(evaluations[lang], choice.threshold) for lang in LANGUAGES}
        print(
            f"| {choice.threshold:.2f} | {choice.wrong_answers:.1%} | {choice.unnecessary_fallbacks:.1%} "
            f"| {choice.cost:.4f} | {scored['sv'][0]:.3f} / {scored['en'][0]:.3f} "
            f"| {scored['sv'][1]:.1%} / {scored['en'][1]:.1%} |"
        )
    allowed = [c for c in choices if unanswered[c.threshold] <= MAX_IN_SCOPE_UNANSWERED]
    best = min(allowed, key=lambda c: (round(c.cost, 6), -c.threshold))
    print(
        f"\nLowest cost with at most {MAX_IN_SCOPE_UNANSWERED:.0%} of in-scope questions unanswered in each "
        f"language: threshold {best.threshold:.2f} (FallbackClassifier.threshold in config.yml)."
    )


if __name__ == "__main__":
    main()
