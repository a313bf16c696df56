"""The threshold study's arithmetic (benchmarks/thresholds.py), on made-up out-of-fold predictions."""

from __future__ import annotations

import pytest

from benchmarks.thresholds import outcomes, user_view
from harness.nlu_evaluation import Evaluation

GOLD = ["greet", "greet", "ask_contact", "ask_contact", "out_of_scope"]
TOP = ["greet", "ask_contact", "ask_contact", "ask_contact", "greet"]
CONFIDENCE = [0.9, 0.4, 0.2, 0.8, 0.35]


def test_wrong_answers_and_unnecessary_fallbacks_at_a_threshold() -> None:
    nothing_held_back = outcomes(GOLD, TOP, CONFIDENCE, 0.0)
    assert (nothing_held_back.wrong_answers, nothing_held_back.unnecessary_fallbacks) == (0.4, 0.0)
    careful = outcomes(GOLD, TOP, CONFIDENCE, 0.5)
    # The two wrong answers (0.4, 0.35) now fall back; so does one right answer (0.2).
    assert (careful.wrong_answers, careful.unnecessary_fallbacks) == (0.0, 0.2)
    assert careful.cost == pytest.approx(0.2) and nothing_held_back.cost == pytest.approx(0.8)


def test_what_a_visitor_sees_at_a_threshold() -> None:
    evaluation = Evaluation("made up", 0.0, 0.0, gold=GOLD, top_predicted=TOP, top_confidence=CONFIDENCE)
    macro_f1, unanswered = user_view(evaluation, 0.5)
    assert unanswered == pytest.approx(2 / 4)  # of the four in-scope messages, two fall back
    assert 0.0 < macro_f1 < 1.0
    assert user_view(evaluation, 0.0)[1] == 0.0
