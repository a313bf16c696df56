"""Rasa's responses from domain.yml, with the office's contact filled in from the knowledge database.

Named in endpoints.yml (`nlg: type: addons.nlg.ContactResponseGenerator`). Responses write
{leader_name}, {leader_email} and {office_email} instead of an address (actions/office_contact.py),
so that a new contact reaches every reply with `make knowledge`, without retraining or restarting.
An action's own values of the same name win.
"""

from __future__ import annotations

from typing import Any, Dict, Optional, Text

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from actions.office_contact import current_office_contact


class ContactResponseGenerator(TemplatedNaturalLanguageGenerator):
    def __init__(self, endpoint_config: Optional[EndpointConfig] = None, domain: Optional[Domain] = None) -> None:
        super().__init__(domain.responses if domain else {})

    async def generate(
        self, utter_action: Text, tracker: DialogueStateTracker, output_channel: Text, **kwargs: Any
    ) -> Optional[Dict[Text, Any]]:
        contact = current_office_contact().variables()
        return await super().generate(utter_action, tracker, output_channel, **{**contact, **kwargs})
