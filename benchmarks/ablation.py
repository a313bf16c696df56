"""Which NLU components and which intent classifier earn their place, by measurement.

    .venv/bin/python -m benchmarks.ablation [--folds 5] [--only NAME ...]

Each candidate is config.yml's pipeline with one thing swapped or dropped; all
learn from data/nlu. For each: 5-fold cross-validated and held-out (tests/nlu)
macro-F1, out-of-scope recall and in-scope fallbacks, mean parse time per
message and the resident memory of a process that has loaded the model and
parsed the held-out sets. Prints a Markdown table (the README's ablation table).
About 25 minutes on a 2-core machine, most of it DIET's trainings.
"""

from __future__ import annotations

import argparse
import copy
import json
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

import yaml

from benchmarks.nlu import LANGUAGES, ROOT, Trained, cross_validation, messages_by_language, train_rasa
from harness.nlu_evaluation import TEST_DIR, Evaluation, classified, score

CLASSIFIER = "addons.nlu.linear_intent_classifier.LinearIntentClassifier"
SPACY_DIR = ROOT / "build" / "spacy"
Pipeline = list[dict]


def _swap_classifier(replacement: list[dict]) -> Callable[[Pipeline], Pipeline]:
    def change(pipeline: Pipeline) -> Pipeline:
        at = next(i for i, c in enumerate(pipeline) if c["name"] == CLASSIFIER)
        return [*pipeline[:at], *replacement, *pipeline[at + 1 :]]

    return change


def _without_char_ngrams(pipeline: Pipeline) -> Pipeline:
    return [c for c in pipeline if c.get("analyzer") != "char_wb"]


def _spacy_tokens_and_lemmas(pipeline: Pipeline) -> Pipeline:
    """spaCy's Swedish tokenizer rules and Swedish+English lookup lemmas (built by benchmarks/spacy_pipeline.py),
    lemmas for the word features, the words as written for the character n-grams."""
    kept = [c for c in pipeline if c["name"] != "WhitespaceTokenizer"]
    for component in kept:
        if component["name"] == "CountVectorsFeaturizer" and component.get("analyzer") == "char_wb":
            component["use_lemma"] = False
    return [{"name": "SpacyNLP", "model": str(SPACY_DIR)}, {"name": "SpacyTokenizer"}, *kept]


CANDIDATES: dict[str, Callable[[Pipeline], Pipeline]] = {
    "LinearIntentClassifier (project)": lambda pipeline: pipeline,
    "LinearIntentClassifier, no calibration": _swap_classifier([{"name": CLASSIFIER, "calibration_folds": 0}]),
    "Rasa LogisticRegressionClassifier": _swap_classifier([{"name": "LogisticRegressionClassifier", "max_iter": 1000}]),
    "DIETClassifier (previous project)": _swap_classifier(
        [{"name": "DIETClassifier", "epochs": 120, "constrain_similarities": True, "random_seed": 7}]
    ),
    "without character n-grams": _without_char_ngrams,
    "spaCy tokens and lemmas instead of whitespace tokens (previous project)": _spacy_tokens_and_lemmas,
}

# Run in a fresh process so that its memory is the model's and Rasa's alone.
_PROBE = """
import asyncio, json, resource, sys, time
from rasa.core.agent import Agent
agent = Agent.load(sys.argv[1])
texts = json.loads(open(sys.argv[2]).read())
async def parse():
    return [await agent.parse_message(t) for t in texts]
asyncio.run(agent.parse_message("warm up"))
started = time.perf_counter()
parsed = asyncio.run(parse())
seconds = time.perf_counter() - started
with open(sys.argv[3], "w") as out:  # not stdout: Rasa logs there
    json.dump({"parsed": parsed, "ms_per_message": 1000 * seconds / len(texts),
               "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}, out)
"""


def nlu_config(pipeline: Pipeline, directory: Path, name: str) -> Path:
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    config["pipeline"], config["policies"] = pipeline, []
    path = directory / f"{name}.yml"
    path.write_text(yaml.safe_dump(config, allow_unicode=True))
    return path


def probe(model: Path, directory: Path) -> tuple[dict[str, Evaluation], float, float]:
    """Held-out scores, mean parse milliseconds and peak resident MB of a process serving `model`."""
    sets = messages_by_language(TEST_DIR)
    texts = [m.get("text") for lang in LANGUAGES for m in sets[lang]]
    path = directory / "texts.json"
    path.write_text(json.dumps(texts))
    result_path = directory / "probe.json"
    subprocess.run(
        [sys.executable, "-c", _PROBE, str(model), str(path), str(result_path)],
        cwd=ROOT,
        check=True,
        capture_output=True,
    )
    result = json.loads(result_path.read_text())
    parsed, offset, scores = [classified(p) for p in result["parsed"]], 0, {}
    for lang in LANGUAGES:
        count = len(sets[lang])
        scores[lang] = score(f"held-out {lang}", sets[lang], parsed[offset : offset + count])
        offset += count
    return scores, result["ms_per_message"], result["rss_mb"]


def measure(name: str, change: Callable[[Pipeline], Pipeline], workdir: Path, folds: int) -> dict:
    pipeline = change(copy.deepcopy(yaml.safe_load((ROOT / "config.yml").read_text())["pipeline"]))
    slug = "".join(ch if ch.isalnum() else "-" for ch in name.lower())[:40]
    directory = workdir / slug
    directory.mkdir()
    config = nlu_config(pipeline, directory, "config")
    cv = cross_validation("candidate", directory, folds, config=config)
    training = [m for examples in messages_by_language(ROOT / "data" / "nlu").values() for m in examples]
    trained: Trained = train_rasa("candidate", training, directory, "full", config)
    held_out, ms, rss = probe(directory / "full.tar.gz", directory)
    return {"name": name, "cv": cv, "held_out": held_out, "parse_ms": ms, "rss_mb": rss, "train_s": trained.seconds}


def table(rows: list[dict], header: bool = True) -> str:
    lines = (
        []
        if not header
        else [
            "| classifier | held-out macro-F1 sv / en | 5-fold macro-F1 sv / en | out-of-scope recall held-out sv / en "
            "| in-scope fallback held-out sv / en | parse ms | RSS MB | training s |",
            "|---|---|---|---|---|---|---|---|",
        ]
    )
    for row in rows:
        h, c = row["held_out"], row["cv"]
        lines.append(
            f"| {row['name']} | {h['sv'].macro_f1:.3f} / {h['en'].macro_f1:.3f} "
            f"| {c['sv'].macro_f1:.3f} / {c['en'].macro_f1:.3f} "
            f"| {h['sv'].oos_recall:.3f} / {h['en'].oos_recall:.3f} "
            f"| {h['sv'].in_scope_fallback_rate:.3f} / {h['en'].in_scope_fallback_rate:.3f} "
            f"| {row['parse_ms']:.1f} | {row['rss_mb']:.0f} | {row['train_s']:.0f} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--only", nargs="*", help="substrings of the candidates to run")
    args = parser.parse_args()
    chosen = {n: c for n, c in CANDIDATES.items() if not args.only or any(o in n for o in args.only)}
    if any("spaCy" in name for name in chosen):
        from benchmarks.spacy_pipeline import build

        SPACY_DIR.mkdir(parents=True, exist_ok=True)
        build().to_disk(SPACY_DIR)
    rows = []
    with tempfile.TemporaryDirectory(prefix="kth-classifiers-") as tmp:
        for name, change in chosen.items():
            print(f"classifier: {name}", file=sys.stderr)
            rows.append(measure(name, change, Path(tmp), args.folds))
            # Each row as soon as it is measured, so that a long run is useful before it ends.
            print("ROW " + table(rows[-1:], header=False), file=sys.stderr, flush=True)
            for part in ("held_out", "cv"):
                for lang in LANGUAGES:
                    print(rows[-1][part][lang].report().splitlines()[0], file=sys.stderr)
    print(table(rows))


if __name__ == "__main__":
    main()
