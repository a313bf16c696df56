"""Partner names as entities, found by the knowledge base's own aliases.

The names come from the knowledge files (knowledge/*.yml) when the model
is loaded, not when it is trained: a new partner or alias needs a restart, never
retraining. Matching is actions.names.find_names, the same the action server
uses, so misspellings ("Karolinksa") are found alike on both sides. The entity
value is the text as written; the action server resolves it to a partner.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Optional, Text, Tuple

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import ENTITIES, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions import loader, names

logger = logging.getLogger(__name__)

ENTITY = "partner"


def known_names(directory: Path) -> Tuple[Dict[str, str], FrozenSet[str]]:
    """{normalised alias: thing key} of every thing in the knowledge files, and the partners' keys;
    empty when the files cannot be read."""
    try:
        knowledge = loader.read_knowledge(directory)
    except loader.KnowledgeError as error:
        logger.error("Partner names not loaded, no partner entities will be found: %s", error)
        return {}, frozenset()
    return knowledge.aliases(), frozenset(partner.key for partner in knowledge.partners)


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR], is_trainable=False)
class KnowledgeEntityExtractor(GraphComponent, EntityExtractorMixin):
    """Marks every partner name (or near-miss of one) in a message as a `partner` entity."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"knowledge_dir": str(loader.DEFAULT_DIR)}

    def __init__(self, config: Dict[Text, Any], known: Optional[Tuple[Dict[str, str], FrozenSet[str]]] = None) -> None:
        self._config = {**self.get_default_config(), **config}
        # Every thing's names are matched (the longest wins: "KI Innovations" is not "KI"); only
        # partners become entities.
        self._aliases, self._partners = known if known is not None else known_names(Path(self._config["knowledge_dir"]))

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "KnowledgeEntityExtractor":
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            found = [
                {
                    "entity": ENTITY,
                    "start": match.start,
                    "end": match.end,
                    "value": match.text,
                    "confidence_entity": 1.0 if match.exact else 0.9,
                    "extractor": self.__class__.__name__,
                }
                for match in names.find_names(message.get(TEXT) or "", self._aliases)
                if match.key in self._partners
            ]
            message.set(ENTITIES, [*message.get(ENTITIES, []), *found], add_to_output=True)
        return messages
