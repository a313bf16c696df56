"""Whole answers to held-out questions (tests/answers), through the real servers over REST."""

from __future__ import annotations

import pytest

from harness.answer_evaluation import evaluate, judge, questions

# The share of held-out questions whose whole reply must be right, per language: a floor against
# regressions, a little below today's sv 0.950 / en 0.945 over the thirty-two sets (1314 / 1315 questions,
# 2026-12-08; README "Benchmark"). Sets run for the first time score 0.55-0.95 (the fourth to thirty-second;
# the last five 0.725-0.90): the 0.95 is not reached on questions nobody tuned to, which is why the
# floor is where it is.
TARGET_ACCURACY = 0.93
# The share of right replies that state a fact and end with their source (the issue: at least 95%).
TARGET_CITED = 0.95


@pytest.mark.e2e
@pytest.mark.parametrize("language", ["sv", "en"])
def test_held_out_questions_get_right_answers(assistant, language: str, report_figure) -> None:
    score = evaluate(assistant.say, language)
    report_figure(score.report())
    assert score.accuracy >= TARGET_ACCURACY, score.report()
    assert score.cited >= TARGET_CITED, score.report()


def test_the_judge_needs_every_fact_and_no_forbidden_text() -> None:
    question = questions("en")[0]
    question.must_contain, question.must_not_contain = ["lisaeric@kth.se", ["2007", "2009"]], ["Did you mean"]
    assert judge(question, "Lisa Ericsson ... lisaeric@kth.se, since 2007").right
    assert judge(question, "LISAERIC@KTH.SE 2009").right
    assert judge(question, "lisaeric@kth.se").missing == [["2007", "2009"]]
    assert judge(question, "Did you mean: lisaeric@kth.se 2007?").forbidden == ["Did you mean"]


@pytest.mark.parametrize("language", ["sv", "en"])
def test_the_held_out_questions_are_many_and_varied(language: str) -> None:
    from collections import Counter

    kinds = Counter(q.kind for q in questions(language))
    assert sum(kinds.values()) >= 60, kinds
    assert {
        "person",
        "attribute",
        "relation",
        "several",
        "follow_up",
        "passage",
        "unknown_thing",
        "unknown_attribute",
        "out_of_scope",
    } <= set(kinds), kinds
