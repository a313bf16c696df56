"""Which response of domain.yml, in which language, produced a reply text."""

from __future__ import annotations

import re
from functools import lru_cache

import yaml

from actions.paths import PROJECT_ROOT

DOMAIN = PROJECT_ROOT / "domain.yml"
PLACEHOLDER = re.compile(r"\\\{(\w+)\\\}")
# What some placeholders always hold; any other holds some text.
EMAIL = r"[^\s@]+@[^\s@]+"
PLACEHOLDER_SHAPES = {
    "email": EMAIL,
    "leader_email": EMAIL,
    "office_email": EMAIL,
    "web": r"https?://\S+",
    "source_url": r"https?://\S+",
}


@lru_cache(maxsize=1)
def _responses() -> dict[str, list[dict]]:
    return yaml.safe_load(DOMAIN.read_text(encoding="utf-8"))["responses"]


def rendered(name: str, language: str, **values: str) -> str:
    """The text of a response in `language` as the assistant sends it, with `values` filled in."""
    for variation in _responses()[name]:
        if any(c.get("name") == "language" and c.get("value") == language for c in variation.get("condition") or []):
            return re.sub(r"\{(\w+)\}", lambda m: values[m.group(1)], variation["text"])
    raise KeyError(f"{name} has no {language} variation")


@lru_cache(maxsize=None)
def _patterns() -> list[tuple[re.Pattern, str, str, int]]:
    patterns = []
    for name, variations in _responses().items():
        for variation in variations:
            language = next(
                (c["value"] for c in variation.get("condition") or [] if c.get("name") == "language"), "any"
            )
            regex = PLACEHOLDER.sub(lambda m: PLACEHOLDER_SHAPES.get(m.group(1), ".+?"), re.escape(variation["text"]))
            literal = len(re.sub(r"\{\w+\}", "", variation["text"]))
            patterns.append((re.compile(regex + r"\Z", re.DOTALL), name, language, literal))
    return patterns


def _closest(text: str) -> set[tuple[str, str]]:
    """(response name, language) of the variations that render as `text` most literally."""
    matches = [(literal, name, language) for pattern, name, language, literal in _patterns() if pattern.match(text)]
    if not matches:
        raise AssertionError(f"no response in domain.yml renders as {text!r}")
    # Templates made mostly of placeholders match much; the most literal text wins.
    best = max(literal for literal, _, _ in matches)
    return {(name, language) for literal, name, language in matches if literal == best}


def _language(found: set[tuple[str, str]]) -> str:
    languages = {language for _, language in found}
    return languages.pop() if len(languages) == 1 else "ambiguous"


def identify(text: str) -> tuple[str, str]:
    """(response name, language) of the variation that renders as `text`.

    The language is "ambiguous" where both languages' variations read alike.
    """
    found = _closest(text)
    names = {name for name, _ in found}
    assert len(names) == 1, f"{text!r} could be any of {sorted(names)}"
    return names.pop(), _language(found)


def languages(messages: list[dict]) -> set[str]:
    """The languages of the replies, leaving out those that read alike in both. A reply that several
    responses of one language render alike ("{about}\nSource: {source_url}") is of that language."""
    return {_language(_closest(m["text"])) for m in messages if "text" in m} - {"ambiguous"}


def names(messages: list[dict]) -> list[str]:
    return [identify(m["text"])[0] for m in messages if "text" in m]
