"""Which NLU components earn their place: train variants of config.yml, score each on the held-out sets.

    .venv/bin/python scripts/nlu_ablation.py

Each variant drops or swaps one component; all are trained on data/nlu and
scored on tests/nlu (never used for training). Prints a Markdown table.
"""
from __future__ import annotations

import copy
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rasa.core.agent import Agent  # noqa: E402

from tests.nlu_evaluation import TEST_DIR, evaluate  # noqa: E402


def with_lexical_features(pipeline: list[dict]) -> list[dict]:
    at = next(i for i, c in enumerate(pipeline) if c["name"] == "SpacyTokenizer") + 1
    return [*pipeline[:at], {"name": "LexicalSyntacticFeaturizer"}, *pipeline[at:]]


def without_char_ngrams(pipeline: list[dict]) -> list[dict]:
    return [c for c in pipeline if c.get("analyzer") != "char_wb"]


def whitespace_tokens(pipeline: list[dict]) -> list[dict]:
    kept = [c for c in pipeline if c["name"] not in ("SpacyNLP", "SpacyTokenizer")]
    return [{"name": "WhitespaceTokenizer"}, *kept]


VARIANTS = {
    "project pipeline (config.yml)": lambda pipeline: pipeline,
    "with LexicalSyntacticFeaturizer": with_lexical_features,
    "without character n-grams": without_char_ngrams,
    "WhitespaceTokenizer instead of the spaCy pipeline": whitespace_tokens,
}


def main() -> None:
    config = yaml.safe_load((ROOT / "config.yml").read_text())
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, change in VARIANTS.items():
            variant = copy.deepcopy(config)
            variant["pipeline"] = change(variant["pipeline"])
            path = Path(tmp) / "config.yml"
            path.write_text(yaml.safe_dump(variant))
            started = time.monotonic()
            subprocess.run([str(Path(sys.executable).parent / "rasa"), "train", "nlu", "--config", str(path),
                            "--nlu", "data/nlu", "--out", tmp, "--fixed-model-name", "variant"],
                           cwd=ROOT, check=True, capture_output=True)
            seconds = time.monotonic() - started
            agent = Agent.load(str(Path(tmp) / "variant.tar.gz"))
            scores = [evaluate(agent, TEST_DIR / f"{lang}.yml") for lang in ("sv", "en")]
            rows.append((name, *scores, seconds))
            print(f"done: {name}", file=sys.stderr)
    print("| pipeline | sv macro-F1 | en macro-F1 | sv partner F1 | en partner F1 | training s |")
    print("|---|---|---|---|---|---|")
    for name, sv, en, seconds in rows:
        print(f"| {name} | {sv.macro_f1:.3f} | {en.macro_f1:.3f} | {sv.partner_f1:.3f} | {en.partner_f1:.3f} | {seconds:.0f} |")


if __name__ == "__main__":
    main()
