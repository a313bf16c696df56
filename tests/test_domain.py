"""The domain's texts: both languages everywhere, conditions on real slots, data that validates."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from actions.paths import PROJECT_ROOT as ROOT
from addons.nlu.routing import ROUTED_INTENTS

DOMAIN = yaml.safe_load((ROOT / "domain.yml").read_text(encoding="utf-8"))
LANGUAGES = set(DOMAIN["slots"]["language"]["values"])
# Said the same way to everyone: the reply to a language the assistant does not speak.
LANGUAGE_NEUTRAL = {"utter_other_language"}
PLACEHOLDER = re.compile(r"\{(\w+)\}")


@pytest.mark.parametrize("name", sorted(DOMAIN["responses"]))
def test_every_response_has_one_variation_per_language(name: str) -> None:
    variations = DOMAIN["responses"][name]
    if name in LANGUAGE_NEUTRAL:
        assert all(not v.get("condition") for v in variations)
        return
    by_language = {}
    for variation in variations:
        (condition,) = variation["condition"]
        assert condition["type"] == "slot" and condition["name"] in DOMAIN["slots"], condition
        assert condition["name"] == "language" and condition["value"] in LANGUAGES, condition
        by_language[condition["value"]] = variation["text"]
    assert set(by_language) == LANGUAGES and len(variations) == len(LANGUAGES)
    placeholders = {lang: set(PLACEHOLDER.findall(text)) for lang, text in by_language.items()}
    assert placeholders["sv"] == placeholders["en"], placeholders


def test_rasa_data_validate_finds_only_responses_that_actions_send() -> None:
    result = subprocess.run(
        [str(Path(sys.executable).parent / "rasa"), "data", "validate", "--max-history", "5"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode == 0, output[-3000:]
    # Custom actions and the action failure policy send responses that no rule names.
    actions_code = "\n".join(p.read_text() for d in ("actions", "addons") for p in (ROOT / d).rglob("*.py"))
    unused = re.findall(r"The utterance '(\w+)' is not used in any story or rule", output)
    sent_by_actions = {name for name in unused if f'"{name}"' in actions_code or name.startswith("utter_topic_")}
    assert set(unused) == sent_by_actions, f"responses nobody sends: {set(unused) - sent_by_actions}"
    # ask_knowledge and ask_passage are set by components from the knowledge files, never trained.
    untrained = [
        f"The intent '{intent}' is listed in the domain file, but is not found in the NLU training data"
        for intent in ROUTED_INTENTS
    ]
    other_warnings = [
        line
        for line in output.splitlines()
        if "UserWarning" in line
        and "is not used in any story or rule" not in line
        and "auto-fill" not in line
        and not any(warning in line for warning in untrained)
    ]
    assert other_warnings == []


def test_the_things_fixed_answers_are_about_are_known_things() -> None:
    """The `partner` slot's intent mappings name things of the knowledge ("vilka driver det?" after VFT)."""
    from actions import loader

    keys = {thing.key for thing in loader.read_knowledge().things}
    values = [m["value"] for m in DOMAIN["slots"]["partner"]["mappings"] if m["type"] == "from_intent"]
    assert values and set(values) <= keys


def test_a_conversation_session_ends_after_an_hour_without_a_message() -> None:
    # README, Running in production: a replica reads only the current session.
    assert DOMAIN["session_config"]["session_expiration_time"] == 60


def test_feedback_never_steers_the_dialogue() -> None:
    assert DOMAIN["slots"]["feedback"]["influence_conversation"] is False


@pytest.mark.parametrize("name", sorted(DOMAIN["responses"]))
def test_a_response_that_states_a_fact_ends_with_its_source(name: str) -> None:
    """Every response filled with a source ends with it, as a line of its own in the reply's language."""
    for variation in DOMAIN["responses"][name]:
        text = variation.get("text", "")
        if "{source_url}" in text:
            language = (variation.get("condition") or [{}])[0].get("value")
            label = {"sv": "Källa", "en": "Source"}[language]
            assert text.endswith(f"\n{label}: {{source_url}}"), (name, language, text[-60:])
