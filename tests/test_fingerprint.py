"""An edited trainable component is retrained: its source is part of Rasa's training cache key."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from addons.nlu.fingerprint import RetrainedWhenEdited
from addons.nlu.language_detector import LanguageDetector
from addons.nlu.linear_intent_classifier import LinearIntentClassifier
from addons.nlu.passage_question import PassageQuestionClassifier

COMPONENT = """
from addons.nlu.fingerprint import RetrainedWhenEdited


class Component(RetrainedWhenEdited):
    WEIGHT = {weight}
"""


def component_fingerprint(directory: Path, name: str, weight: int) -> str | None:
    """The fingerprint of a component whose module `name` says WEIGHT = weight."""
    path = directory / f"{name}.py"
    path.write_text(COMPONENT.format(weight=weight), encoding="utf-8")
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module  # inspect finds the source through the module
    spec.loader.exec_module(module)
    return module.Component.fingerprint_addon({})


def test_the_fingerprint_follows_the_source(tmp_path: Path) -> None:
    first = component_fingerprint(tmp_path, "component_a", 1)
    assert first == component_fingerprint(tmp_path, "component_b", 1)  # the same source, wherever it is
    assert first != component_fingerprint(tmp_path, "component_c", 2)


@pytest.mark.parametrize("component", [LanguageDetector, LinearIntentClassifier, PassageQuestionClassifier])
def test_every_trainable_component_of_the_project_has_one(component: type) -> None:
    assert issubclass(component, RetrainedWhenEdited)
    assert component.fingerprint_addon({})  # type: ignore[attr-defined]
