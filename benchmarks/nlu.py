"""NLU quality of the project and of two baselines, on the held-out sets and by cross-validation.

- project: config.yml (spaCy tokens and lemmas, word and character n-grams, DIET,
  the language detector);
- rasa_default: the pipeline Rasa uses when config.yml names none (what `rasa init` gives);
- tfidf_lr: scikit-learn, TF-IDF over character n-grams with logistic regression (intents only).

All three learn from the same examples: data/nlu for the held-out sets, four fifths
of data/nlu per fold for the 5-fold cross-validation.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import numpy as np
import yaml
from rasa.core.agent import Agent
from rasa.shared.nlu.training_data.loading import load_data
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline

from actions.languages import LANGUAGES
from actions.paths import PROJECT_ROOT as ROOT
from harness.nlu_evaluation import TEST_DIR, Evaluation, parse_all, score

TRAINING_DIR = ROOT / "data" / "nlu"
RASA_DEFAULT_CONFIG = Path(str(sys.modules["rasa"].__file__)).parent / "engine/recipes/config_files/default_config.yml"
PIPELINES = ("project", "rasa_default", "tfidf_lr")

# A trained model: texts -> parse results in Rasa's shape.
Parser = Callable[[list[str]], list[dict]]


@dataclass
class Trained:
    parse: Parser
    seconds: float
    with_entities: bool = True


def messages_by_language(directory: Path) -> dict[str, list[Message]]:
    """The annotated examples of each file (sv.yml, en.yml, other.yml), by file name."""
    return {path.stem: load_data(str(path)).intent_examples for path in sorted(directory.glob("*.yml"))}


def _nlu_only_config(pipeline: str, directory: Path) -> Path:
    source = ROOT / "config.yml" if pipeline == "project" else RASA_DEFAULT_CONFIG
    config = yaml.safe_load(source.read_text())
    config["policies"] = []  # NLU only
    path = directory / f"{pipeline}-config.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True))
    return path


def train_rasa(pipeline: str, messages: list[Message], workdir: Path, name: str, config: Path | None = None) -> Trained:
    """Trains Rasa's NLU with `pipeline` (or the NLU `config` file) on `messages`, with an empty cache
    so the time is real."""
    data = workdir / f"{name}-nlu.yml"
    data.write_text(TrainingData(training_examples=messages).nlu_as_yaml(), encoding="utf-8")
    env = {**os.environ, "RASA_CACHE_DIRECTORY": str(workdir / f"{name}-cache"), "RASA_TELEMETRY_ENABLED": "false"}
    started = time.monotonic()
    subprocess.run(
        [
            str(Path(sys.executable).parent / "rasa"),
            "train",
            "nlu",
            "--config",
            str(config or _nlu_only_config(pipeline, workdir)),
            "--nlu",
            str(data),
            "--out",
            str(workdir),
            "--fixed-model-name",
            name,
        ],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    seconds = time.monotonic() - started
    agent = Agent.load(str(workdir / f"{name}.tar.gz"))
    return Trained(lambda texts: parse_all(agent, texts), seconds)


def train_tfidf_lr(messages: list[Message]) -> Trained:
    started = time.monotonic()
    model = make_pipeline(
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, lowercase=True),
        LogisticRegression(C=20, max_iter=5000),
    )
    model.fit([m.get("text") for m in messages], [m.get("intent") for m in messages])
    seconds = time.monotonic() - started

    def parse(texts: list[str]) -> list[dict]:
        probabilities = model.predict_proba(texts)
        best = probabilities.argmax(axis=1)
        return [
            {"intent": {"name": str(model.classes_[i]), "confidence": float(p[i])}, "entities": []}
            for i, p in zip(best, probabilities)
        ]

    return Trained(parse, seconds, with_entities=False)


def train(pipeline: str, messages: list[Message], workdir: Path, name: str, config: Path | None = None) -> Trained:
    if pipeline == "tfidf_lr":
        return train_tfidf_lr(messages)
    return train_rasa(pipeline, messages, workdir, name, config)


def evaluate_on(trained: Trained, sets: dict[str, list[Message]], label: str) -> dict[str, Evaluation]:
    return {
        lang: score(
            f"{label} {lang}", sets[lang], trained.parse([m.get("text") for m in sets[lang]]), trained.with_entities
        )
        for lang in LANGUAGES
    }


def held_out(pipeline: str, workdir: Path, project: Agent | None) -> dict[str, Evaluation]:
    """Trained on all of data/nlu, scored on tests/nlu (the project's model is the one `make bench` trained)."""
    if project is not None:
        trained = Trained(lambda texts: parse_all(project, texts), 0.0)
    else:
        training = [m for examples in messages_by_language(TRAINING_DIR).values() for m in examples]
        trained = train(pipeline, training, workdir, f"{pipeline}-full")
    return evaluate_on(trained, messages_by_language(TEST_DIR), f"{pipeline} held-out")


def cross_validation(
    pipeline: str, workdir: Path, folds: int = 5, seed: int = 7, config: Path | None = None
) -> dict[str, Evaluation]:
    """5-fold cross-validation over data/nlu; each fold's test part is scored per language."""
    by_language = messages_by_language(TRAINING_DIR)
    messages = [m for examples in by_language.values() for m in examples]
    language_of = {id(m): lang for lang, examples in by_language.items() for m in examples}
    labels = [m.get("intent") for m in messages]
    gold: dict[str, list[Message]] = {lang: [] for lang in LANGUAGES}
    parsed: dict[str, list[dict]] = {lang: [] for lang in LANGUAGES}
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for fold, (train_index, test_index) in enumerate(splitter.split(np.zeros(len(labels)), labels)):
        trained = train(pipeline, [messages[i] for i in train_index], workdir, f"{pipeline}-fold{fold}", config)
        for lang in LANGUAGES:
            tested = [messages[i] for i in test_index if language_of[id(messages[i])] == lang]
            gold[lang] += tested
            parsed[lang] += trained.parse([m.get("text") for m in tested])
        print(f"  {pipeline}: fold {fold + 1}/{folds} done", file=sys.stderr)
    with_entities = pipeline != "tfidf_lr"
    return {
        lang: score(f"{pipeline} {folds}-fold {lang}", gold[lang], parsed[lang], with_entities) for lang in LANGUAGES
    }


def run(folds: int = 5) -> dict[str, dict[str, dict[str, Evaluation]]]:
    """{pipeline: {"held_out": {lang: Evaluation}, "cv": {lang: Evaluation}}}, but the project's
    held-out scores, which come from the model `make bench` trains (see held_out)."""
    results: dict = {}
    with tempfile.TemporaryDirectory(prefix="kth-bench-nlu-") as tmp:
        for pipeline in PIPELINES:
            print(f"NLU: {pipeline}", file=sys.stderr)
            workdir = Path(tmp) / pipeline
            workdir.mkdir()
            results[pipeline] = {"cv": cross_validation(pipeline, workdir, folds)}
            if pipeline != "project":
                results[pipeline]["held_out"] = held_out(pipeline, workdir, project=None)
    return results
