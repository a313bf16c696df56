"""Answer-level evaluation: whole replies to held-out questions (tests/answers/*.yml), through REST.

Each question is a short conversation; the reply to its last turn must contain
every `must_contain` item (an item that is a list: any one of them) and none of
the `must_not_contain` items, case-insensitively. Used by tests/test_answers.py
and by `make bench` (answers.<lang>.accuracy and .cited).
"""

from __future__ import annotations

import uuid
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

import yaml

from actions.paths import PROJECT_ROOT
from actions.sources import states_a_fact

ANSWERS_DIR = PROJECT_ROOT / "tests" / "answers"

# Sends one message in a conversation; returns the bot's messages (REST channel shape).
Say = Callable[[str, str], list[dict]]


@dataclass
class Question:
    id: str
    kind: str
    turns: list[str]
    must_contain: list
    must_not_contain: list[str]


@dataclass
class Outcome:
    question: Question
    reply: str
    missing: list = field(default_factory=list)
    forbidden: list[str] = field(default_factory=list)

    @property
    def right(self) -> bool:
        return not self.missing and not self.forbidden

    @property
    def cited(self) -> bool:
        return states_a_fact(self.reply)


# Kinds of question whose right answer states no fact of the office's, so it needs no source.
WITHOUT_FACTS = {"out_of_scope", "unknown_thing", "unknown_attribute"}


@dataclass
class AnswerScore:
    language: str
    outcomes: list[Outcome]

    @property
    def accuracy(self) -> float:
        return sum(o.right for o in self.outcomes) / len(self.outcomes)

    @property
    def cited(self) -> float:
        """The share of right replies stating a fact (every kind but WITHOUT_FACTS) that end with their source."""
        stating = [o for o in self.outcomes if o.question.kind not in WITHOUT_FACTS and o.right]
        return sum(o.cited for o in stating) / len(stating) if stating else 0.0

    def misses(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.right]

    def report(self) -> str:
        lines = [
            f"Answers {self.language}: {self.accuracy:.3f} right ({len(self.outcomes)} questions), "
            f"{self.cited:.3f} of the right ones stating a fact cite their source"
        ]
        for outcome in self.misses():
            lines.append(
                f"    {outcome.question.id} {outcome.question.turns[-1]!r}: missing {outcome.missing}, "
                f"forbidden {outcome.forbidden}; reply {outcome.reply[:160]!r}"
            )
        return "\n".join(lines)


def question_files(language: str) -> list[Path]:
    """The language's answer sets: `<lang>.yml`, then later sets written apart from it (`<lang>.2.yml`, ...)."""
    return [ANSWERS_DIR / f"{language}.yml", *sorted(ANSWERS_DIR.glob(f"{language}.*.yml"))]


def questions(language: str) -> list[Question]:
    found = []
    for path in question_files(language):
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
        found += [
            Question(q["id"], q["kind"], q["turns"], q.get("must_contain") or [], q.get("must_not_contain") or [])
            for q in document["questions"]
        ]
    return found


def judge(question: Question, reply: str) -> Outcome:
    folded = reply.casefold()

    def present(item: str | list[str]) -> bool:
        options = item if isinstance(item, list) else [item]
        return any(str(option).casefold() in folded for option in options)

    return Outcome(
        question,
        reply,
        missing=[item for item in question.must_contain if not present(item)],
        forbidden=[item for item in question.must_not_contain if present(item)],
    )


def ask(say: Say, question: Question) -> Outcome:
    """Runs the question's conversation in a new conversation of its own; judges the last reply."""
    sender = f"answers-{question.id}-{uuid.uuid4().hex[:8]}"
    messages: list[dict] = []
    for turn in question.turns:
        messages = say(sender, turn)
    return judge(question, "\n".join(m.get("text") or "" for m in messages))


# Conversations asked at once: the servers take several (the Rasa server is asynchronous and the action
# server runs beside it), so on two cores four at a time takes about half the time of one by one.
CONCURRENT_CONVERSATIONS = 4


def evaluate(say: Say, language: str, workers: int = CONCURRENT_CONVERSATIONS) -> AnswerScore:
    """Asks every question of the language, `workers` conversations at a time; outcomes in the sets' order."""
    with ThreadPoolExecutor(max_workers=workers) as pool:
        outcomes = list(pool.map(lambda question: ask(say, question), questions(language)))
    return AnswerScore(language, outcomes)
