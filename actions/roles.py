"""Claims about a person's role ("Lisa Ericsson är rektor för hela KTH, stämmer det?", "Is she the CEO of KTH
Holding?"): whether the roles a yes/no question names are the ones the knowledge gives that person."""

from __future__ import annotations

import re

from actions.models import Thing

# Each role with the words (Swedish and English) that name it. A person holds a role when their title names it,
# or, for "head" and "founder", when a relation says so (she leads or founded something).
ROLES: dict[str, tuple[str, ...]] = {
    "head": (
        "chef",
        "chefen",
        "avdelningschef",
        "avdelningschefen",
        "ledare",
        "leder",
        "ansvarig",
        "verksamhetsansvarig",
        "head",
        "director",
        "manager",
        "boss",
        "leader",
        "leads",
        "in charge",
        "responsible",
    ),
    "founder": ("grundare", "grundaren", "grundade", "grundat", "founder", "founded", "co-founder"),
    "rector": (
        "rektor",
        "rektorn",
        "president of kth",
        "kth's president",
        "vice-chancellor",
        "vice chancellor",
        "university president",
    ),
    "deputy": (
        "prorektor",
        "prorektorn",
        "vicerektor",
        "vice-rector",
        "vice rector",
        "deputy vice-chancellor",
        "pro-vice-chancellor",
        "vice president",
        "vice-president",
    ),
    "dean": ("dekan", "dekanus", "dean"),
    "professor": ("professor",),
    "ceo": ("vd", "vd:n", "verkställande direktör", "ceo", "chief executive", "managing director"),
    "chair": ("ordförande", "styrelseordförande", "chair", "chairman", "chairwoman", "chairperson"),
    "coordinator": ("koordinator", "samordnare", "coordinator"),
    "advisor": (
        "rådgivare",
        "patentrådgivare",
        "patentombud",
        "jurist",
        "advisor",
        "adviser",
        "patent attorney",
        "lawyer",
    ),
    "developer": ("affärsutvecklare", "affärscoach", "business developer", "business coach"),
}
# What a relation of the person's says of her roles.
ROLES_BY_RELATION = {"leads": "head", "founded": "founder"}


def _pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])(?:" + "|".join(map(re.escape, words)) + r")(?![\w-])", re.IGNORECASE)


_PATTERNS = {role: _pattern(words) for role, words in ROLES.items()}


def roles_named(text: str) -> set[str]:
    """The roles a text names."""
    return {role for role, pattern in _PATTERNS.items() if pattern.search(text)}


def roles_of(person: Thing, predicates: set[str]) -> set[str]:
    """The roles a person holds: those their title names and those their relations (`predicates`) give."""
    titles = " ".join(f"{a.value_sv} {a.value_en}" for a in person.attributes if a.name == "title")
    return roles_named(titles) | {ROLES_BY_RELATION[p] for p in predicates if p in ROLES_BY_RELATION}


def claims_other_role(person: Thing, predicates: set[str], question: str) -> bool:
    """Whether a question claims a role for the person that is not theirs ("Is Lisa Ericsson the rector?")."""
    return bool(roles_named(question) - roles_of(person, predicates))
