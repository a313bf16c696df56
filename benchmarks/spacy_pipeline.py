"""The spaCy pipeline the project used before (Swedish tokenizer rules, lookup lemmas), for the ablation.

benchmarks/ablation.py measures it against the project's whitespace tokens; the
README says why it was dropped. Builds and saves the pipeline that Rasa's
SpacyNLP loads by path: the config cannot hold the lemma look-up table
(Swedish and English from spacy-lookups-data, English winning where a word is in both).

    python -m benchmarks.spacy_pipeline --out DIR
"""

from __future__ import annotations

import argparse
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.lookups import Lookups, load_lookups

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "spacy_pipeline.cfg"
DEFAULT_OUT = HERE.parent / "build" / "spacy"  # where `python -m benchmarks.spacy_pipeline` saves it


def lemma_lookups() -> Lookups:
    table = dict(load_lookups("sv", ["lemma_lookup"]).get_table("lemma_lookup"))
    table.update(load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup"))
    lookups = Lookups()
    lookups.add_table("lemma_lookup", table)
    return lookups


def build() -> Language:
    nlp = spacy.util.load_model_from_config(spacy.util.load_config(CONFIG), auto_fill=True)
    nlp.get_pipe("lemmatizer").initialize(lookups=lemma_lookups())
    return nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    build().to_disk(args.out)
    print(f"Saved the spaCy pipeline to {args.out}")


if __name__ == "__main__":
    main()
