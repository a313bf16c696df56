"""What data/rules.yml answers each intent with, read by the action server and the NLU alike."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

import yaml

from actions.paths import PROJECT_ROOT

RULES_FILE = PROJECT_ROOT / "data" / "rules.yml"
# Intents that ask what the office does for the visitor ("Can KTH Innovation help me with patents?"), or for
# a person to talk to: their own answers, not the graph's, unless a question asks one of a thing's attributes.
TOPIC_INTENTS = frozenset({"ask_interact_member", "ask_services", "ask_funding", "ask_patents", "human_handoff"})


def intent_answers(rules: dict[str, Any]) -> dict[str, str]:
    """{intent: the action or response that answers it} for the rules of one intent and one answer, whatever
    the conversation (no condition)."""
    answers = {}
    for rule in rules.get("rules") or []:
        steps = rule.get("steps") or []
        if len(steps) != 2 or "intent" not in steps[0] or "action" not in steps[1] or rule.get("condition"):
            continue
        answers[steps[0]["intent"]] = steps[1]["action"]
    return answers


@lru_cache(maxsize=1)
def rule_answers() -> dict[str, str]:
    """intent_answers of the project's rules, read once."""
    return intent_answers(yaml.safe_load(RULES_FILE.read_text(encoding="utf-8")) or {})
