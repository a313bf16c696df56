"""The assistant's languages, defined once, and the checked choice between a Swedish and an English text."""

from __future__ import annotations

import re
from typing import Any

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
# What the language detector says of a message in neither language (German, Russian, ...).
OTHER_LANGUAGE = "other"
# Responses without a language condition are written in English (see domain.yml).
UNCONDITIONED_LANGUAGE = "en"
# "Vad heter ekorre på engelska?", "what's the Swedish word for bicycle?": a word asked in another language,
# which is out of scope (not a request to switch the answers' language, nor a question the office's facts
# answer).
_TRANSLATION_QUESTION = re.compile(
    r"\b(?:vad|hur)\s+(?:heter|säger|sa|betyder|stavar)\b|\bvad\s+är\s+\S+\s+på\s+(?:svenska|engelska)\b"
    r"|\bhow\s+(?:do|would|can)\s+(?:you|i|one)\s+(?:say|spell)\b|\bwhat\s+does\s+\S+\s+mean\b"
    r"|\bwhat(?:'s|\s+is)\s+\S+\s+in\s+(?:swedish|english)\b|\bword\s+for\b",
    re.IGNORECASE,
)
_LANGUAGE_NAME = re.compile(
    r"\b(?:svenska|engelska|tyska|franska|spanska|finska|japanska|kinesiska|arabiska|swedish|english|german|french"
    r"|spanish|finnish|japanese|chinese|arabic)\b",
    re.IGNORECASE,
)


def asks_translation(text: str) -> bool:
    """Whether a message asks for a word in another language ("Vad heter ekorre på engelska?")."""
    return _TRANSLATION_QUESTION.search(text) is not None and _LANGUAGE_NAME.search(text) is not None


def in_language(language: str, sv: str, en: str) -> str:
    """`sv` or `en` by `language`; any other code is a bug, not a reason to answer in English."""
    if language == "sv":
        return sv
    if language == "en":
        return en
    raise ValueError(f"unknown language {language!r}; the assistant speaks {', '.join(LANGUAGES)}")


def response_language(message_parts: dict[str, Any]) -> str:
    """The language of a response variation, from its `condition` on the slot `language` (as Rasa's
    channels and tracker events carry it)."""
    for condition in message_parts.get("condition") or []:
        if condition.get("name") == "language":
            return str(condition.get("value"))
    return UNCONDITIONED_LANGUAGE


# The word before the last item of a list.
AND = {"sv": "och", "en": "and"}


def join(items: list[str], language: str) -> str:
    """ "a, b and c" in `language`."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} {in_language(language, AND['sv'], AND['en'])} {items[-1]}"
