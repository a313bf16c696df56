"""The action server's answers are checked as strictly as Rasa checks them, at a fraction of the cost."""

from __future__ import annotations

import inspect
from typing import Any

import jsonschema
import pytest
from rasa.core.actions.action import RemoteAction

import addons  # noqa: F401  (installs the check, as in every Rasa process of the project)
from addons.action_response_validation import validate_action_result

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


def test_importing_the_addons_installs_the_check() -> None:
    assert RemoteAction._validate_action_result is validate_action_result


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
