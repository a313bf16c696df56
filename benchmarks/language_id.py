"""Language identification on short messages: the project's detector with the conversation as context,
and the bare detector (lingua, Swedish or English) without it.

The project's decision is the one the assistant makes: the trained NLU pipeline
(its language detector sees the text without the partner names DIET found) says
sv, en or nothing; nothing keeps the conversation's language.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from lingua import Language, LanguageDetectorBuilder
from rasa.core.agent import Agent

from harness.nlu_evaluation import parse_all

DATA = Path(__file__).resolve().parent / "language_id.yml"
CONTEXTS = ("sv", "en")
SECTIONS = {
    "swedish": "sv",
    "english": "en",
    "swedish_long": "sv",
    "english_long": "en",
    "mixed_swedish": "sv",
    "mixed_english": "en",
    "neutral": None,
}
SHORT_SECTIONS = {"swedish", "english", "neutral"}


@dataclass(frozen=True)
class Case:
    text: str
    context: str  # the conversation's language so far
    expected: str  # the language the answer must be in
    section: str


def cases() -> list[Case]:
    data = yaml.safe_load(DATA.read_text(encoding="utf-8"))
    return [
        Case(str(text), context, SECTIONS[section] or context, section)
        for section, texts in data.items()
        for text in texts
        for context in CONTEXTS
    ]


def bare_detector():
    detector = LanguageDetectorBuilder.from_languages(Language.SWEDISH, Language.ENGLISH).build()
    codes = {Language.SWEDISH: "sv", Language.ENGLISH: "en"}
    return lambda text: codes.get(detector.detect_language_of(text))


def run(agent: Agent) -> dict:
    all_cases = cases()
    texts = sorted({case.text for case in all_cases})
    detected = dict(zip(texts, (parse.get("language") for parse in parse_all(agent, texts))))
    bare = bare_detector()
    with_context = [detected[c.text] or c.context for c in all_cases]
    without = [bare(c.text) for c in all_cases]

    def accuracy(decisions: list, subset: set[str] | None = None) -> float:
        pairs = [(d, c) for d, c in zip(decisions, all_cases) if subset is None or c.section in subset]
        return sum(d == c.expected for d, c in pairs) / len(pairs)

    errors = sorted({(c.text, c.context, c.expected, d) for d, c in zip(with_context, all_cases) if d != c.expected})
    return {
        "messages": len(all_cases),
        "short_messages": sum(c.section in SHORT_SECTIONS for c in all_cases),
        "accuracy": accuracy(with_context),
        "bare_accuracy": accuracy(without),
        "short_accuracy": accuracy(with_context, SHORT_SECTIONS),
        "short_bare_accuracy": accuracy(without, SHORT_SECTIONS),
        "errors": [{"text": t, "context": ctx, "expected": e, "decided": d} for t, ctx, e, d in errors],
    }
