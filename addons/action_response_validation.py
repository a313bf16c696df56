"""Checking the action server's answers with a validator built once, not once per call.

Rasa 3.6 checks every answer of the action server with `jsonschema.validate(answer,
schema)`, which first validates the (constant) schema against its meta-schema. That
costs 15-35 ms of CPU per custom action on these 2-core machines, in the event loop
that serves every conversation: about half of a whole turn (reports/benchmark.md).
Here the schema is checked once and its validator reused; answers are checked
exactly as before (same schema, same draft, same error text).

`install()` is called where the Rasa server starts (addons/server.py, the project's
entry point for `rasa run` and `rasa shell`).
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any, Dict, Text

from jsonschema import ValidationError
from jsonschema.protocols import Validator
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction
from rasa.shared.constants import DOCS_BASE_URL


@lru_cache(maxsize=1)
def response_validator() -> Validator:
    """The validator of Rasa's action-response schema, its schema checked once."""
    schema = RemoteAction.action_response_format_spec()
    validator_class = validator_for(schema)  # what jsonschema.validate picks for it
    validator_class.check_schema(schema)
    return validator_class(schema)


def validate_action_result(self: RemoteAction, result: Dict[Text, Any]) -> bool:
    """Drop-in for `RemoteAction._validate_action_result`."""
    try:
        response_validator().validate(result)
    except ValidationError as error:
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise
    return True


def install() -> None:
    RemoteAction._validate_action_result = validate_action_result  # type: ignore[method-assign]
