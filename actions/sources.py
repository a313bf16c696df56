"""Where a fact comes from, as a link an answer can end with ("Källa: …" / "Source: …")."""

from __future__ import annotations

import re

# A source in the knowledge files: a URL, or a site with a description ("su.se", "kth.se blog ... 2024"),
# several separated by ";". The first is the one an answer links to.
SEPARATOR = ";"
# How an answer names its source, on its last line: "Källa: <url>" or "Source: <url>" (domain.yml).
SOURCE_LINE = re.compile(r"(Källa|Source): \S+.*")


def source_link(source: str) -> str:
    """The https link of a knowledge record's first source ("su.se; ..." -> "https://su.se")."""
    first = source.split(SEPARATOR, 1)[0].strip()
    address = first.split()[0] if first else ""
    if address.startswith(("https://", "http://")):
        return address
    return f"https://{address}" if address else ""


def states_a_fact(text: str) -> bool:
    """Whether a reply states a fact: such a reply ends with its source (domain.yml's texts do)."""
    return bool(SOURCE_LINE.search(text))
