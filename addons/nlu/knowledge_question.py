"""Questions the knowledge graph answers better than any trained intent.

A question that names a thing and asks for one of its attributes ("When did UU Innovation
start?", "SU's phone number?"), or names a thing that only the graph knows (Vinnova,
Chalmers) where the classifier took it for a partner or a person, is marked with the
intent `ask_knowledge`, which the action server answers from the graph
(actions/knowledge.py). So is a question that points back to the conversation ("when did
it start?") and asks for an attribute only the graph holds. Everything else keeps the
classifier's intent.

Like the partner entities, the names and attribute words come from the knowledge files
when the model is loaded: new knowledge needs a restart, never retraining.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, Dict, FrozenSet, List, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from actions import loader, names, passages, questions
from actions.history import EVENT_FOR_INTENT
from actions.knowledge import OUT_OF_SCOPE
from actions.rules import TOPIC_INTENTS
from addons.nlu.routing import KNOWLEDGE_INTENT, route

logger = logging.getLogger(__name__)

# Intents that are no question about the knowledge: never routed.
NEVER_ROUTED = frozenset({"other_language", "ask_weekly_report"})
# Staff asking what the assistant understood; but "who did that assessment?" asks the graph.
EXPLAIN = "explain"
# Intents whose own answers handle the things they name, or that ask what the office does for the
# visitor (actions.rules.TOPIC_INTENTS): routed only for an attribute the named thing has ("When was KTH
# Innovation founded, and how many teams does it help?"). So is a request for a person ("Har KTH
# Innovation blivit utvärderat av någon?" is no such request).
# Intents that are no question unless an attribute is asked ("Thanks! And when did it start?").
PLEASANTRIES = frozenset({"greet", "goodbye", "thank"})
# Intents that answer a graph-only thing wrongly ("Which partner do you mean?", "I don't know that person").
REDIRECT_INTENTS = frozenset({"ask_partner", "ask_person", "nlu_fallback"})
# Intents whose answers would pass over a name the knowledge does not hold (the partner list, the
# office, whom to contact, "did you mean", or "OK, in Swedish" for "Vem är Anna Svensson?"): such a
# question is answered "not known" instead.
UNKNOWN_NAME_INTENTS = frozenset(
    {
        "ask_partners",
        "ask_office",
        "ask_contact",
        "ask_email",
        "nlu_fallback",
        "switch_language",
        "ask_interact",
        "ask_interact_member",
    }
)
# What a question naming KTH does not ask of its office: when KTH started, whom the office helps and what it costs
# (the topics' answers).
HOST_NOT_OFFICE = frozenset({"founded", "audience", "cost"})
# Intents whose own answers are about the office ("Vem leder innovationskontoret?": utter_leader).
OFFICE_INTENTS = frozenset(
    {"ask_office", "ask_leader", "ask_contact", "ask_email", "ask_person", "ask_location", "human_handoff"}
)
# A calibrated out-of-scope confidence from which the classifier is more likely right than wrong.
SURE_OUT_OF_SCOPE = 0.5
# Intents a pick from the last list ("the second one") is taken for when nothing else fits.
PICK_INTENTS = frozenset({"ask_partner", "ask_person", "nlu_fallback", OUT_OF_SCOPE})
# Intents whose answers give nothing of what a question asks ("har de någon hemsida?" is no handoff).
NOT_ANSWERING = frozenset({OUT_OF_SCOPE, "nlu_fallback", "human_handoff"})
# Attributes the intents' own answers give for the conversation's partner or person ("their website",
# "her e-mail", "where is it?"): a question pointing back for one of these keeps its intent.
INTENT_ATTRIBUTES = frozenset({"web", "email", "title", "location"})


@dataclass(frozen=True)
class Graph:
    """What the component needs of the knowledge: names, kinds, attribute words and values."""

    aliases: Dict[str, str] = field(default_factory=dict)
    kinds: Dict[str, str] = field(default_factory=dict)
    phrases: Dict[str, List[str]] = field(default_factory=dict)
    attributes: Dict[str, FrozenSet[str]] = field(default_factory=dict)
    groups: FrozenSet[str] = frozenset()
    hosts: FrozenSet[str] = frozenset()
    descriptions: Dict[str, List[str]] = field(default_factory=dict)
    # Each kind's weak words ("campus", "hur mycket"): they may mean another kind asked (yields_to).
    weak: Dict[str, List[str]] = field(default_factory=dict)
    # {closed group: its members} (InterAct, the eight of 2008/09, Fyrklövern).
    members: Dict[str, FrozenSet[str]] = field(default_factory=dict)
    # {history intent: the things its event is about} ("ask_su_office": Stockholm University).
    intent_things: Dict[str, FrozenSet[str]] = field(default_factory=dict)
    # {kind: the kinds that may answer it} (AttributeKind.meant: "the launch sum" is answered by the funding).
    meant: Dict[str, FrozenSet[str]] = field(default_factory=dict)

    @classmethod
    def read(cls, directory: Path) -> "Graph":
        try:
            knowledge = loader.read_knowledge(directory)
        except loader.KnowledgeError as error:
            logger.error("Knowledge not loaded, no question will be answered from the graph: %s", error)
            return cls()
        return cls(
            aliases=knowledge.aliases(),
            kinds={thing.key: thing.kind for thing in knowledge.things},
            phrases={kind.key: [*kind.words(), *kind.weak()] for kind in knowledge.attribute_kinds},
            attributes={thing.key: frozenset(a.name for a in thing.attributes) for thing in knowledge.things},
            groups=knowledge.closed_groups(),
            hosts=knowledge.hosts(),
            descriptions=knowledge.descriptions(),
            weak={kind.key: kind.weak() for kind in knowledge.attribute_kinds},
            meant={kind.key: frozenset(kind.meant()) for kind in knowledge.attribute_kinds},
            members={
                group: frozenset(
                    r.subject_key
                    for r in knowledge.relations
                    if r.object_key == group and r.predicate in loader.CLOSED_GROUP_PREDICATES
                )
                for group in knowledge.closed_groups()
            },
            intent_things={
                intent: frozenset(event.thing_keys())
                for intent, key in EVENT_FOR_INTENT.items()
                for event in knowledge.events
                if event.key == key
            },
        )

    @cached_property
    def never_known(self) -> FrozenSet[str]:
        """Attribute kinds no thing has (phone, street address): asked for, they are answered "not known"."""
        return frozenset(self.phrases).difference(*self.attributes.values())

    def is_knowledge_question(self, text: str, intent: str, confidence: float = 0.0) -> bool:
        """Whether the graph answers `text`, which the classifier took for `intent` with `confidence`."""
        if intent in NEVER_ROUTED or not self.aliases or questions.asks_why(text):
            return False  # a reason is a passage's or a topic's to give
        if intent == EXPLAIN and not questions.asked_attributes(text, self.phrases):
            return False  # "what did you make of that?"
        matches = questions.without_contrasted(text, names.find_names(text, self.aliases))
        stranger = names.unknown_name(text, self.aliases, matches=matches)
        if stranger and questions.names_a_thing(text, stranger) and questions.asks_what_is(text, stranger):
            return True  # "What is the Baltic Deeptech Bridge Fund, and can KTH startups apply?": unknown
        if stranger and questions.asks_about_unknown_person(text, stranger):
            return True  # "kontakta Magnus Törnkvist på KTH Innovation. Vem är han?": someone not known
        # Names only in a remark beside the question ("Hur söker man till X? har hört att det riktar sig till
        # doktorander på MDU och KTH") are not what it asks about.
        start, end = questions.asking_sentence(text)
        beside_hosts = {match.key for match in matches if start <= match.start < end} <= self.hosts
        if stranger and len(stranger.split()) > 1 and beside_hosts and questions.is_yes_no_question(text):
            # "är Maja Strandberg patentrådgivare hos er?", "Does KTH Innovation run the Nordic Impact Sprint?":
            # someone or something not known
            return True
        if (
            stranger
            and beside_hosts
            and names.names_an_organisation(stranger)
            and len(stranger.split()) > 1
            and not questions.is_introduced(text, stranger)
        ):
            # "what does the kth spark fund invest in?", "Kan KTH-forskare söka pengar från Nordiska Patentfonden
            # Syd?": an organisation not known, whatever the topic
            return True
        if questions.what_that_is_named(text, matches) is not None:
            return True  # "People at KTH Innovation keep mentioning 'VFT'. What's that?": what VFT is
        asked = questions.asked_attributes(questions.asking_words(text, matches), self.phrases, questions.COUNTS)
        if questions.own_university_place(text):
            return True  # "I study in Västerås. Is my university part of InterAct?": the university there
        if asked and questions.picked_by_place(text) and questions.refers_back(text):
            return True  # "What's the web address of the one that's in Västerås?": one of the conversation's
        if intent in PLEASANTRIES and not asked:
            return False
        keys = list(dict.fromkeys(match.key for match in matches))
        # A pointer asks what the conversation's thing holds; but in a question the classifier is sure is out of
        # scope and that says enough to stand alone, "it" is what the question itself is about ("is there
        # visitor parking, and what does it cost?"); "när kom det igång?" says too little.
        sure_out = intent == OUT_OF_SCOPE and confidence >= SURE_OUT_OF_SCOPE and not passages.few_words(text)
        pointing = questions.refers_back(text) and not sure_out
        if questions.is_yes_no_question(text) and questions.asks_belonging(text) and not self.groups & set(keys):
            # "Did Lund get one of the innovation offices set up in 2008?": a group described, not named.
            described = questions.asked_attributes(text, self.descriptions)
            keys += [key for key in described if key in self.groups and key not in keys]
        things = [key for key in keys if self.kinds.get(key) != loader.PERSON_THING]
        if (
            things
            and intent not in TOPIC_INTENTS
            and not self.groups & set(keys)
            and questions.asks_belonging_to_them(text)
        ):
            return True  # "InterAct?" - "and is Uppsala one of them?": the conversation's group
        # "Does KTH Innovation work with X?": the office asked is not what the question is about.
        about = set(things) - self.groups - self.hosts
        # "Vad gör Norrtälje Deeptech Hub tillsammans med KTH Innovation?": asked about together, whatever
        # topic the classifier saw.
        # So is an organisation in a question taken for out of scope ("How do I apply to the accelerator Spark
        # Lab Solna that KTH Innovation runs?"): what is not known is that organisation, not the topic.
        # So is a programme said to be one ("Hur söker man till KTH Innovations acceleratorprogram Deeptech Lyftet?").
        said_to_be = stranger is not None and questions.is_said_to_be_a_thing(text, stranger)
        together = (
            intent in UNKNOWN_NAME_INTENTS
            or questions.mentions_cooperation(text)
            or (
                intent == OUT_OF_SCOPE
                and stranger is not None
                and (names.names_an_organisation(stranger) or said_to_be)
            )
        )
        # A place ("I study in Västerås", "Stockholmsregionen") is no stranger to answer "unknown" for.
        if (
            stranger
            and together
            and not about
            and (
                questions.is_proper_name(stranger)
                if not self.hosts & set(things)
                else names.names_an_organisation(stranger) or said_to_be
            )
        ):
            return True  # "Do you work with Sörmlands Idélabb?", "Is X in InterAct?": an honest "unknown"
        yes_no = bool(things) and questions.is_yes_no_question(text)
        if stranger and yes_no and not about and names.names_an_organisation(stranger):
            return True  # "Was Göteborgs universitet one of the eight?": a closed group's answer is "no"
        topical = self.intent_things.get(intent)
        named_about = set(things) - self.hosts - self.groups - {loader.OFFICE_THING}
        if topical and named_about and not named_about & topical:
            # "I work at Uppsala University. Is my university connected to KTH's innovation office?", taken for SU's
            # own office: the history the classifier saw is about others than the one named.
            return True
        if keys:
            return bool(things) and self._about_things(text, intent, things, asked, pointing)  # people: the person's
        described = questions.asked_attributes(text, self.descriptions)
        held = [
            self.meant.get(kind, frozenset({kind})) & self.attributes.get(key, frozenset())
            for key in described
            for kind in asked
        ]
        if any(held):
            # "What is the cooperation between the three universities supposed to do?": InterAct's aim; "what did the
            # state grant the innovation offices as a launch sum?": the round's funding, which says how much.
            return True
        # "hur når jag henne smidigast?", taken for out of scope, "har de någon hemsida?", taken for a handoff, "how
        # long have they been in that building?", taken for a goodbye: no such intent's answer gives what is asked.
        unanswered = (intent in NOT_ANSWERING or (intent in PLEASANTRIES and "?" in text)) and bool(asked)
        if intent in TOPIC_INTENTS and not (unanswered and pointing):
            return False
        if self.never_known.intersection(asked) and not questions.refers_back(text):
            # "the office's phone number?", "Hur stor budget har innovationskontoret?" (taken for its
            # history): not known, and what is known of the office instead.
            return True
        if questions.ordinal(text) is not None and intent in PICK_INTENTS:
            return True  # "tell me about the second one" after a list
        office = self.attributes.get(loader.OFFICE_THING, frozenset())
        strongly = set(self.strongly_asked(text, matches))
        spoken_of = questions.addresses_office(text) or questions.names_the_office(text)
        if spoken_of and intent not in OFFICE_INTENTS and strongly & office - INTENT_ATTRIBUTES:
            # "ungefär hur många team tar ni emot per år?", "... the innovation office ... Is there a named person I
            # should write to?": what the office holds
            return True
        return (bool(set(asked) - INTENT_ATTRIBUTES) or unanswered) and pointing

    @cached_property
    def strong(self) -> Dict[str, List[str]]:
        """Each kind's words that are not weak."""
        return {key: [p for p in phrases if p not in self.weak.get(key, [])] for key, phrases in self.phrases.items()}

    def strongly_asked(self, text: str, matches: List[names.NameMatch]) -> List[str]:
        """The kinds a question asks by words that are not weak, in reading order."""
        asked, weakly = questions.asked_kinds(questions.asking_words(text, matches), self.strong, self.weak)
        return [kind for kind in asked if kind not in weakly]

    def _about_things(self, text: str, intent: str, things: List[str], asked: List[str], pointing: bool) -> bool:
        """Whether a question naming these things is the graph's rather than the intent's."""
        held = frozenset().union(*(self.attributes.get(key, frozenset()) for key in things))
        if self.hosts & set(things):
            # "How did KTH do when Vinnova evaluated the offices?": its office, but for what the office's own
            # intents answer (whom it helps, what it costs: "Om jag som forskare på KTH uppfinner något ...")
            # and for when KTH itself started.
            held |= self.attributes.get(loader.OFFICE_THING, frozenset()) - INTENT_ATTRIBUTES - HOST_NOT_OFFICE
        if any(kind in held for kind in asked):
            return True
        if any(kind in self.never_known for kind in asked):
            return True  # "hur många anställda har KTH Innovation?": not known, whatever the topic
        if intent in TOPIC_INTENTS:
            return False
        if set(asked) - INTENT_ATTRIBUTES and pointing:
            return True  # "who's in it besides KTH?": what "it" holds, not KTH
        # "Vilket år bildades InterAct?": not known, and what is known of it instead; but "the innovation
        # office at KTH" is the office, whose intents answer for it.
        if asked and not questions.refers_back(text) and not set(things) <= self.hosts:
            return True
        if len(things) > 1 and self.groups & set(things) and questions.is_yes_no_question(text):
            return True  # "Is Lund one of the eight universities?"
        graph_only = any(self.kinds.get(key) in loader.THING_KINDS for key in things)
        return graph_only and intent in REDIRECT_INTENTS


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=False)
class KnowledgeQuestionClassifier(GraphComponent):
    """Marks questions about a thing's attributes, or about graph-only things, as `ask_knowledge`."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"knowledge_dir": str(loader.DEFAULT_DIR)}

    def __init__(self, config: Dict[Text, Any], graph: Graph | None = None) -> None:
        self._config = {**self.get_default_config(), **config}
        self._graph = graph if graph is not None else Graph.read(Path(self._config["knowledge_dir"]))

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "KnowledgeQuestionClassifier":
        return cls(config)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            classified = message.get(INTENT) or {}
            name, confidence = classified.get("name") or "", float(classified.get("confidence") or 0.0)
            if self._graph.is_knowledge_question(message.get(TEXT) or "", name, confidence):
                route(message, KNOWLEDGE_INTENT)
        return messages
