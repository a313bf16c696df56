"""The action server's answers are checked as strictly as Rasa checks them, at a fraction of the cost."""

from __future__ import annotations

import inspect
import subprocess
import sys
from typing import Any

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

from actions.paths import PROJECT_ROOT

# Every module of addons/ but the entry point, as Rasa imports them from config.yml, credentials.yml, endpoints.yml.
ADDON_MODULES = sorted(
    ".".join(path.relative_to(PROJECT_ROOT).with_suffix("").parts)
    for path in (PROJECT_ROOT / "addons").rglob("*.py")
    if path.name not in ("__init__.py", "server.py")
)

ANSWERS: dict[str, Any] = {
    "a slot and a message": {
        "events": [{"event": "slot", "name": "partner", "value": "uu"}],
        "responses": [{"text": "Uppsala universitet", "buttons": []}],
    },
    "nothing to do": {},
    "an unknown event": {"events": [{"event": "no_such_event"}]},
    "a slot event without a name": {"events": [{"event": "slot", "value": "uu"}]},
    "events that are not a list": {"events": "slot"},
    "responses that are not a list": {"responses": "Hej"},
    "a response that is not an object": {"responses": ["Hej"]},
    "not an object at all": ["Hej"],
}


def rasa_verdict(answer: Any) -> bool:
    """What Rasa 3.6's own check (`jsonschema.validate` on its schema) says."""
    try:
        jsonschema.validate(answer, RemoteAction.action_response_format_spec())
    except jsonschema.ValidationError:
        return False
    return True


def installed_after(code: str) -> bool:
    """Whether Rasa's check is the project's after `code` ran in a fresh interpreter."""
    probe = (
        f"{code}\n"
        "from rasa.core.actions.action import RemoteAction\n"
        "from addons.action_response_validation import validate_action_result\n"
        "print(RemoteAction._validate_action_result is validate_action_result)"
    )
    result = subprocess.run([sys.executable, "-c", probe], cwd=PROJECT_ROOT, capture_output=True, text=True, check=True)
    return result.stdout.strip().splitlines()[-1] == "True"


def test_the_servers_entry_point_installs_the_check() -> None:
    # What `python -m addons.server run …` does before Rasa reads its arguments ("--version" only prints).
    assert installed_after(
        "import sys; sys.argv = ['rasa', '--version']\nfrom addons import server\n"
        "try:\n    server.main()\nexcept SystemExit:\n    pass"
    )


def test_importing_the_addons_changes_nothing_in_rasa() -> None:
    every_module = "\n".join(f"import {name}" for name in ADDON_MODULES)
    assert not installed_after(every_module)


def test_rasa_still_checks_answers_through_the_replaced_method() -> None:
    # After a Rasa upgrade the replacement must still be the method Rasa calls, or it is dead code.
    assert "self._validate_action_result(response)" in inspect.getsource(RemoteAction.run)


@pytest.mark.parametrize("name", ANSWERS)
def test_each_answer_gets_rasas_verdict(name: str) -> None:
    answer = ANSWERS[name]
    action = RemoteAction("action_contact", action_endpoint=None)
    if rasa_verdict(answer):
        assert action._validate_action_result(answer) is True
    else:
        with pytest.raises(jsonschema.ValidationError, match="Failed to validate Action server response"):
            action._validate_action_result(answer)


def test_both_kinds_of_answer_are_among_the_examples() -> None:
    verdicts = {rasa_verdict(answer) for answer in ANSWERS.values()}
    assert verdicts == {True, False}
