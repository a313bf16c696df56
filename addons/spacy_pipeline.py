"""Builds and saves the spaCy pipeline that Rasa's SpacyNLP loads by path.

The pipeline comes from `spacy_pipeline.cfg`; this fills in what the config
cannot hold: the lemma look-up table (Swedish and English from
spacy-lookups-data, English winning where a word is in both) and one entity
ruler pattern per partner alias from knowledge/partners.yml.

    python -m addons.spacy_pipeline [--out build/spacy]
"""
from __future__ import annotations

import argparse
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.lookups import Lookups, load_lookups

from actions.loader import DEFAULT_DIR, read_knowledge

HERE = Path(__file__).resolve().parent
CONFIG = HERE / "spacy_pipeline.cfg"
DEFAULT_OUT = HERE.parent / "build" / "spacy"
PARTNER_LABEL = "partner"


def lemma_lookups() -> Lookups:
    table = dict(load_lookups("sv", ["lemma_lookup"]).get_table("lemma_lookup"))
    table.update(load_lookups("en", ["lemma_lookup"]).get_table("lemma_lookup"))
    lookups = Lookups()
    lookups.add_table("lemma_lookup", table)
    return lookups


def partner_patterns(knowledge_dir: Path = DEFAULT_DIR) -> list[dict[str, str]]:
    """One phrase pattern per alias; the id is the partner's key."""
    return [
        {"label": PARTNER_LABEL, "pattern": alias.alias, "id": partner.key}
        for partner in read_knowledge(knowledge_dir).partners
        for alias in partner.aliases
    ]


def build(knowledge_dir: Path = DEFAULT_DIR) -> Language:
    nlp = spacy.util.load_model_from_config(spacy.util.load_config(CONFIG), auto_fill=True)
    nlp.get_pipe("lemmatizer").initialize(lookups=lemma_lookups())
    nlp.get_pipe("entity_ruler").add_patterns(partner_patterns(knowledge_dir))
    return nlp


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--knowledge", type=Path, default=DEFAULT_DIR)
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    build(args.knowledge).to_disk(args.out)
    print(f"Saved the spaCy pipeline to {args.out}")


if __name__ == "__main__":
    main()
