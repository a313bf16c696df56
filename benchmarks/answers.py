"""Whole answers to the held-out questions of tests/answers, through the REST channel.

answers.<lang>.accuracy: the share of questions whose reply holds every required fact and nothing
forbidden; answers.<lang>.cited: the share of replies that state a fact (all but out-of-scope and
unknown things) that end with their source; every miss is listed.
"""

from __future__ import annotations

from actions.languages import LANGUAGES
from harness.answer_evaluation import Say, evaluate


def run(say: Say) -> dict:
    figures: dict = {}
    for language in LANGUAGES:
        score = evaluate(say, language)
        figures[language] = {
            "questions": len(score.outcomes),
            "accuracy": round(score.accuracy, 4),
            "cited": round(score.cited, 4),
            "misses": [
                {
                    "id": o.question.id,
                    "question": o.question.turns[-1],
                    "missing": o.missing,
                    "forbidden": o.forbidden,
                    "reply": o.reply[:300],
                }
                for o in score.misses()
            ],
        }
    return figures
