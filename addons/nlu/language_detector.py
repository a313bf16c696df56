"""Offline language identification for a Swedish and English assistant.

Runs after the intent classifier. For each message it decides, when it can, in
which language the person wrote and puts that in the parse data as `language`;
addons.policies.language copies it to the slot of the same name, by which the
responses are chosen. When it cannot tell (short messages such as "ok" or
"KTH?"), it says nothing, so the conversation keeps its language. Order of
evidence:

1. an explicit request to switch ("svara på svenska", "in English please");
2. the text itself, once partner names found by the extractors are removed
   (names such as "Karolinska" or "InterAct" say nothing about the language);
   for one or two words, which the statistics cannot place, the assistant's
   own vocabulary: words its training examples use in only one language
   (learnt from the `language` in each intent's metadata in data/nlu);
3. the `language` in the message's metadata (what the web widget sends).

Messages that are clearly in a third language get the intent `other_language`; code ("'; DROP TABLE
x; --") and a word asked in another language ("Vad heter ekorre på engelska?", which reads like a
request to switch) get `out_of_scope`.
"""

from __future__ import annotations

import difflib
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Dict, List, Optional, Text

from lingua import Language, LanguageDetectorBuilder
from lingua import LanguageDetector as LinguaDetector
from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import ENTITIES, INTENT, INTENT_RANKING_KEY, METADATA, METADATA_INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from spacy.lang.en.stop_words import STOP_WORDS as ENGLISH_STOP_WORDS
from spacy.lang.sv.stop_words import STOP_WORDS as SWEDISH_STOP_WORDS

from actions.languages import OTHER_LANGUAGE, asks_translation
from addons.nlu.fingerprint import RetrainedWhenEdited
from addons.nlu.stored import read_json, write_json

LANGUAGE_KEY = "language"
OTHER_LANGUAGE_INTENT = "other_language"
SWITCH_LANGUAGE_INTENT = "switch_language"
SUPPORTED = {Language.SWEDISH: "sv", Language.ENGLISH: "en"}
LANGUAGE_CODES = tuple(SUPPORTED.values())
# Languages a visitor may plausibly write in instead; detecting them lets the
# assistant say which languages it understands instead of guessing an answer.
OTHERS = (
    Language.GERMAN,
    Language.FRENCH,
    Language.SPANISH,
    Language.ITALIAN,
    Language.PORTUGUESE,
    Language.DUTCH,
    Language.FINNISH,
    Language.POLISH,
    Language.RUSSIAN,
    Language.ARABIC,
    Language.TURKISH,
    Language.PERSIAN,
    Language.CHINESE,
    Language.JAPANESE,
    Language.SOMALI,
)
SWITCH_WORDS = {
    "sv": re.compile(r"svensk|swedish|schwedisch", re.IGNORECASE),
    "en": re.compile(r"engelsk|english|englisch", re.IGNORECASE),
}
OUT_OF_SCOPE_INTENT = "out_of_scope"
# "'; DROP TABLE partner; --", "<script>": code, written in no language a visitor asks in, asks nothing.
CODE = re.compile(
    r"\b(?:SELECT|DELETE|DROP|INSERT|UPDATE|UNION|ALTER|TRUNCATE)\b.*\b(?:FROM|TABLE|INTO|SET|SELECT|DATABASE|WHERE)\b"
    r"|<\s*/?\s*(?:script|iframe|img|svg)\b|;\s*--|\bOR\s+'?\d+'?\s*=\s*'?\d",
)
SWEDISH_LETTERS = re.compile(r"[åäöÅÄÖ]")
ADDRESS = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+", re.IGNORECASE)
LATIN_LETTER = re.compile(r"[A-Za-zÀ-ÿ]")
WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
SWEDISH_ONLY = frozenset(SWEDISH_STOP_WORDS - ENGLISH_STOP_WORDS) | {"är", "hej", "mejl", "mejla"}
ENGLISH_ONLY = frozenset(ENGLISH_STOP_WORDS - SWEDISH_STOP_WORDS) | {"hi", "hello", "thanks", "please"}


# A word is the assistant's evidence for a language when its training examples use it at least
# this often in that language ("ok" once in English is not enough), and DOMINANCE times as often
# as in the other (Swedish visitors write "funding" and "startup" too, but far less often).
MIN_WORD_COUNT = 2
DOMINANCE = 3
# Written alike by Swedish and English speakers, however the training examples happen to use them.
SHARED_WORDS = frozenset({"ok", "okay", "okey"})
# One word is too little to call a third language ("Danke" may be a name, "InterAct" is one).
MIN_OTHER_LANGUAGE_WORDS = 2
# How sure the wide detector must be: real sentences in a third language score 0.94 or more,
# keyboard mashing ("blorp flarp", "vbnm hjkl") 0.5 to 0.8 for some language or other.
CLEARLY_OTHER = 0.9
NAME_LIKE = re.compile(r"^.+[A-ZÅÄÖ]")  # InterAct, KTH, SLU: names, not words of a language
# A capitalised word after another word within a sentence ("vem är Lisa", "tell me about Uppsala").
MID_SENTENCE_CAPITALISED = re.compile(r"(?<=[\w,:;] )([A-ZÅÄÖ][a-zåäöé]+)")


# A word of at least this many letters that is this close to one the assistant knows is
# that word misspelt ("innovationskontorte"), not a word of a third language.
TYPO_MIN_LENGTH = 6
TYPO_CUTOFF = 0.8


@dataclass(frozen=True)
class Vocabulary:
    """Words that the training examples use in one language only, and every word they use."""

    words: Dict[str, frozenset] = field(default_factory=dict)
    known: frozenset = frozenset()

    def knows(self, word: str) -> bool:
        """Whether the examples use `word`, or a word it is a typo of."""
        word = word.casefold()
        if word in self.known:
            return True
        if len(word) < TYPO_MIN_LENGTH:
            return False
        candidates = [w for w in self.known if abs(len(w) - len(word)) <= 2 and w[:1] == word[:1]]
        return bool(difflib.get_close_matches(word, candidates, n=1, cutoff=TYPO_CUTOFF))

    def mostly_known(self, words: List[str]) -> bool:
        """Whether at least half of `words` are the assistant's own Swedish or English words."""
        return bool(words) and 2 * sum(self.knows(w) for w in words) >= len(words)

    def vote(self, words: List[str]) -> Optional[str]:
        counts = {lang: sum(w.casefold() in self.words.get(lang, ()) for w in words) for lang in LANGUAGE_CODES}
        best = max(counts, key=lambda lang: counts[lang])
        return best if counts[best] > min(counts.values()) else None

    @classmethod
    def learn(cls, examples: List[Message]) -> "Vocabulary":
        counts: Dict[str, Counter] = {lang: Counter() for lang in LANGUAGE_CODES}
        names: set = set()
        for example in examples:
            language = ((example.get(METADATA) or {}).get(METADATA_INTENT) or {}).get(LANGUAGE_KEY)
            if language in counts:
                text = _without_spans(example.get(TEXT) or "", example.get(ENTITIES) or [])
                # Capitalised words in the examples are names (Stockholm, Uppsala), not vocabulary.
                counts[language].update(w.casefold() for w in _words(text) if not w[:1].isupper())
                names.update(w.casefold() for w in MID_SENTENCE_CAPITALISED.findall(text))
        # A name written in lower case ("lisa") is still a name, whatever language it stands in.
        return cls(
            {
                lang: frozenset(
                    w
                    for w, n in counts[lang].items()
                    if n >= MIN_WORD_COUNT
                    and w not in names | SHARED_WORDS
                    and all(n >= DOMINANCE * counts[other][w] for other in counts if other != lang)
                )
                for lang in LANGUAGE_CODES
            },
            known=frozenset(w for lang in LANGUAGE_CODES for w in counts[lang]),
        )


def _words(text: str) -> List[str]:
    """The words of `text`, leaving out name-like ones."""
    return [w for w in WORD.findall(text) if not NAME_LIKE.match(w)]


@lru_cache(maxsize=None)
def _detectors() -> tuple[LinguaDetector, LinguaDetector]:
    """The Swedish/English detector and the wider one; built once per process."""
    pair = LanguageDetectorBuilder.from_languages(*SUPPORTED).with_preloaded_language_models().build()
    # Trigram models only for the wide detector: it only asks "is this clearly a third language?" of
    # texts of six letters or more, and the full models of 17 languages cost about 450 MB of memory.
    wide = (
        LanguageDetectorBuilder.from_languages(*SUPPORTED, *OTHERS)
        .with_low_accuracy_mode()
        .with_preloaded_language_models()
        .build()
    )
    return pair, wide


def _without_addresses(text: str) -> str:
    """The text with e-mail and web addresses blanked out: "innovation@kth.se" is no more Swedish than English."""
    return ADDRESS.sub(lambda match: " " * len(match.group()), text)


def _without_spans(text: str, entities: List[Dict[Text, Any]]) -> str:
    """The text with every extracted entity's span blanked out."""
    chars = list(text)
    for entity in entities:
        start, end = entity.get("start"), entity.get("end")
        if isinstance(start, int) and isinstance(end, int):
            chars[start:end] = " " * (end - start)
    return "".join(chars)


def requested_language(text: str) -> Optional[str]:
    """The language a switch request asks for ("svara på engelska" -> "en")."""
    found = [lang for lang, pattern in SWITCH_WORDS.items() if pattern.search(text)]
    return found[0] if len(found) == 1 else None


def detect(text: str, min_confidence: float = 0.8, vocabulary: Optional[Vocabulary] = None) -> Optional[str]:
    """'sv', 'en', OTHER_LANGUAGE, or None when the text does not tell."""
    text = _without_addresses(text)
    words = [w.casefold() for w in WORD.findall(text)]
    if not words:
        return None
    if not LATIN_LETTER.search(text):
        return OTHER_LANGUAGE  # Cyrillic, Arabic, Chinese, ...: neither Swedish nor English
    pair, wide = _detectors()
    swedish_evidence = sum(w in SWEDISH_ONLY for w in words)
    english_evidence = sum(w in ENGLISH_ONLY for w in words)
    # Names (InterAct, KTH) say nothing about the language. Too short a text, or one that is half
    # Swedish or English function words, is not worth asking whether it is in a third language; nor
    # is a text that is mostly the assistant's own words, typos included.
    plain = _words(text)
    if (
        len(plain) >= MIN_OTHER_LANGUAGE_WORDS
        and len("".join(plain)) >= 6
        and 2 * (swedish_evidence + english_evidence) < len(words)
        and not (vocabulary and vocabulary.mostly_known(words))
    ):
        top = wide.compute_language_confidence_values(" ".join(plain))[0]
        if top.language not in SUPPORTED and top.value >= CLEARLY_OTHER:
            return OTHER_LANGUAGE
    # Å, ä and ö are strong signs of Swedish once other languages are ruled out.
    swedish_evidence += bool(SWEDISH_LETTERS.search(text))
    if len(words) <= 2 and not swedish_evidence and not english_evidence:
        # One or two bare words, often names: the statistics guess; only known words tell.
        return vocabulary.vote(_words(text)) if vocabulary else None
    best = pair.compute_language_confidence_values(text)[0]
    language, confidence = SUPPORTED[best.language], best.value
    evidence = {"sv": swedish_evidence, "en": english_evidence}
    other = "en" if language == "sv" else "sv"
    if confidence >= min_confidence and evidence[language] >= evidence[other]:
        return language
    # Function words decide where the statistics are unsure ("and her e-mail?").
    if evidence[other] > evidence[language]:
        return other
    if evidence[language] > evidence[other]:
        return language
    return None


@DefaultV1Recipe.register([DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER], is_trainable=True)
class LanguageDetector(RetrainedWhenEdited, GraphComponent):
    """Adds `language` (sv/en) to the parse data when the message shows its language."""

    VOCABULARY_FILE = "vocabulary.json"

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {"min_confidence": 0.8}

    def __init__(
        self,
        config: Dict[Text, Any],
        model_storage: Optional[ModelStorage] = None,
        resource: Optional[Resource] = None,
        vocabulary: Optional[Vocabulary] = None,
    ) -> None:
        self._min_confidence = float(config["min_confidence"])
        self._model_storage = model_storage
        self._resource = resource
        self._vocabulary = vocabulary or Vocabulary()
        _detectors()  # load the language models at start-up, not on the first message

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "LanguageDetector":
        return cls(config, model_storage, resource)

    def train(self, training_data: TrainingData) -> Resource:
        self._vocabulary = Vocabulary.learn(training_data.intent_examples)
        if self._model_storage is None or self._resource is None:
            raise RuntimeError("a LanguageDetector made without model storage cannot be trained")
        words = {lang: sorted(words) for lang, words in self._vocabulary.words.items()}
        stored = {"by_language": words, "known": sorted(self._vocabulary.known)}
        write_json(self._model_storage, self._resource, self.VOCABULARY_FILE, stored)
        return self._resource

    @classmethod
    def load(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
        **kwargs: Any,
    ) -> "LanguageDetector":
        # Trained without vocabulary: the statistics and function words only.
        stored = read_json(model_storage, resource, cls.VOCABULARY_FILE) or {}
        vocabulary = Vocabulary(
            {k: frozenset(v) for k, v in stored.get("by_language", {}).items()},
            known=frozenset(stored.get("known", ())),
        )
        return cls(config, model_storage, resource, vocabulary)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            self._process_one(message)
        return messages

    def decide(self, message: Message) -> Optional[str]:
        text = message.get(TEXT) or ""
        intent = (message.get(INTENT) or {}).get("name")
        requested = requested_language(text) if intent == SWITCH_LANGUAGE_INTENT else None
        if requested:
            return requested
        blanked = _without_spans(_without_addresses(text), message.get(ENTITIES) or [])
        detected = detect(blanked, self._min_confidence, self._vocabulary)
        if detected:
            return detected
        metadata = message.get("metadata") or {}
        from_page = metadata.get("language") if isinstance(metadata, dict) else None
        return from_page if from_page in LANGUAGE_CODES else None

    def _process_one(self, message: Message) -> None:
        text = message.get(TEXT) or ""
        switch = (message.get(INTENT) or {}).get("name") == SWITCH_LANGUAGE_INTENT
        if CODE.search(text) or (switch and asks_translation(text)):
            _put_first(message, OUT_OF_SCOPE_INTENT)
        language = self.decide(message)
        if language == OTHER_LANGUAGE:
            _put_first(message, OTHER_LANGUAGE_INTENT)
        message.set(LANGUAGE_KEY, language, add_to_output=True)


def _put_first(message: Message, name: str) -> None:
    """Makes `name` the message's intent, first in its ranking."""
    intent = {"name": name, "confidence": 1.0}
    message.set(INTENT, intent, add_to_output=True)
    ranking = [r for r in message.get(INTENT_RANKING_KEY) or [] if r.get("name") != name]
    message.set(INTENT_RANKING_KEY, [intent, *ranking], add_to_output=True)
