"""The assistant's languages, defined once, and the checked choice between a Swedish and an English text."""

from __future__ import annotations

from typing import Any

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
# What the language detector says of a message in neither language (German, Russian, ...).
OTHER_LANGUAGE = "other"
# Responses without a language condition are written in English (see domain.yml).
UNCONDITIONED_LANGUAGE = "en"


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
