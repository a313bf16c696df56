"""Loads the knowledge files (knowledge/*.yml) into the knowledge database.

Loading is idempotent and transactional: every file is read and checked
first, then all tables are replaced in one transaction. A broken file is
refused with an error that names the file and the entry, and the database
keeps what it had.

    python -m actions.loader [--url URL] [--dir DIR]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Iterable

import yaml
from sqlalchemy import delete, inspect
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from actions import db, questions
from actions.languages import LANGUAGES, join
from actions.models import (
    Attribute,
    AttributeKind,
    Base,
    Contact,
    HistoryEvent,
    Partner,
    Passage,
    Relation,
    Thing,
    ThingAlias,
)
from actions.normalize import normalize_name

DEFAULT_DIR = db.PROJECT_ROOT / "knowledge"
# KTH and KTH Innovation, which the office is part of, are its hosts.
HOST_KIND = "host"
PARTNER_KINDS = (HOST_KIND, "interact", "participant", "close_collaborator")
# The kind of thing partners and people are in the graph; graph.yml's own things have other kinds.
PARTNER_THING, PERSON_THING = "partner", "person"
THING_KINDS = ("partnership", "office", "company", "organisation", "programme", "university")
# How things may relate (graph.yml), and the relation each partner kind stands for.
PREDICATES = (
    "member_of",
    "takes_part_in",
    "close_collaborator_of",
    "leads",
    "founded",
    "innovation_office_of",
    "evaluated",
    "funds",
    "runs",
    "part_of",
    "coordinates",
)
INTERACT = "interact"
# Relations to groups whose members are all known, so that "not a member" is a fact too.
CLOSED_GROUP_PREDICATES = ("part_of", "member_of")
# Taking part in a closed group without being one of its members (the Stockholm School of Economics).
PARTICIPATION_PREDICATE = "takes_part_in"
KIND_RELATIONS = {
    "interact": "member_of",
    "participant": PARTICIPATION_PREDICATE,
    "close_collaborator": "close_collaborator_of",
}
# The office is part of KTH Innovation: that thing answers for it ("the office's phone number?"),
# and close collaborators work with it.
OFFICE_THING = "kth-innovation"
# What a person stands for where asked what only it holds ("did she start it? what year was that?").
PERSON_STANDS_FOR = ("founded", "leads")


class KnowledgeError(ValueError):
    """A knowledge file that cannot be loaded; the message names file and entry."""


@dataclass
class Knowledge:
    partners: list[Partner]
    contacts: list[Contact]
    events: list[HistoryEvent]
    passages: list[Passage]
    things: list[Thing]
    relations: list[Relation]
    attribute_kinds: list[AttributeKind]

    def closed_groups(self) -> frozenset[str]:
        """The things whose members are all known (InterAct, the 2008/09 round, Fyrklövern)."""
        return frozenset(r.object_key for r in self.relations if r.predicate in CLOSED_GROUP_PREDICATES)

    def descriptions(self) -> dict[str, list[str]]:
        """{thing key: the phrases that describe it} of the things described in words (graph.yml)."""
        return {thing.key: thing.descriptions() for thing in self.things if thing.described_by}

    def hosts(self) -> frozenset[str]:
        """The office's own hosts (KTH, KTH Innovation): the "you" a visitor asks, not what is asked about."""
        return frozenset(partner.key for partner in self.partners if partner.kind == HOST_KIND)

    def aliases(self, kind: str | None = None) -> dict[str, str]:
        """{normalised alias: thing key} of every thing, or of the things of one kind."""
        return {
            alias.normalized: thing.key
            for thing in self.things
            if kind in (None, thing.kind)
            for alias in thing.aliases
        }


class _Entry:
    """One entry of a knowledge file, with errors that say where it is."""

    def __init__(self, path: Path, index: int, raw: Any) -> None:
        self.path, self.index = path, index
        if not isinstance(raw, dict):
            raise self.error("is not a mapping")
        self.raw = raw

    @property
    def label(self) -> str:
        key = self.raw.get("key") if isinstance(self.raw, dict) else None
        return f"entry {self.index + 1}" + (f" ({key!r})" if key else "")

    def error(self, problem: str) -> KnowledgeError:
        return KnowledgeError(f"{self.path.name}: {self.label}: {problem}")

    def text(self, field: str) -> str:
        value = self.raw.get(field)
        if not isinstance(value, (str, int)) or not str(value).strip():
            raise self.error(f"'{field}' is missing or empty")
        return str(value).strip()

    def bilingual(self, field: str) -> dict[str, str]:
        """A field given per language ({sv: .., en: ..}) or once for both."""
        value = self.raw.get(field)
        if isinstance(value, str) and value.strip():
            return {lang: value.strip() for lang in LANGUAGES}
        if not isinstance(value, dict):
            raise self.error(f"'{field}' must have a Swedish and an English text (sv, en)")
        texts = {}
        for lang in LANGUAGES:
            text = value.get(lang)
            if not isinstance(text, str) or not text.strip():
                raise self.error(f"'{field}' has no '{lang}' text")
            texts[lang] = text.strip()
        return texts

    def text_list(self, field: str) -> list[str]:
        value = self.raw.get(field)
        if not isinstance(value, list) or not value:
            raise self.error(f"'{field}' must be a non-empty list")
        if not all(isinstance(item, str) and item.strip() for item in value):
            raise self.error(f"'{field}' may only hold non-empty texts")
        return [item.strip() for item in value]


def _sections(path: Path, section: str) -> list[_Entry]:
    """The entries listed under `section:` of a knowledge file."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KnowledgeError(f"{path.name}: file not found in {path.parent}") from None
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path.name}: not valid YAML: {exc}") from None
    if not isinstance(document, dict) or not isinstance(document.get(section), list):
        raise KnowledgeError(f"{path.name}: must hold a list under '{section}:'")
    return [_Entry(path, index, raw) for index, raw in enumerate(document[section])]


def _entries(path: Path, section: str) -> list[_Entry]:
    """The entries of a section whose entries have keys, each key once."""
    entries = _sections(path, section)
    seen: set[str] = set()
    for entry in entries:
        key = entry.text("key")
        if key in seen:
            raise entry.error(f"key '{key}' appears twice")
        seen.add(key)
    return entries


def _both_pages(web: dict[str, str]) -> dict[str, str]:
    """A website's value in each language, naming the other language's page where it has one of its own
    ("Finns KTH Innovations webbsida på engelska också?")."""
    if web["sv"] == web["en"]:
        return {"value_sv": web["sv"], "value_en": web["en"]}
    return {"value_sv": f"{web['sv']} (på engelska: {web['en']})", "value_en": f"{web['en']} (in Swedish: {web['sv']})"}


def _partner(entry: _Entry, position: int) -> tuple[Partner, Thing]:
    kind = entry.text("kind")
    if kind not in PARTNER_KINDS:
        raise entry.error(f"'kind' must be one of {', '.join(PARTNER_KINDS)}, not '{kind}'")
    key, names, web, role = entry.text("key"), entry.bilingual("name"), entry.bilingual("web"), entry.bilingual("role")
    source = entry.text("source")
    partner = Partner(
        key=key,
        kind=kind,
        position=position,
        name_sv=names["sv"],
        name_en=names["en"],
        web_sv=web["sv"],
        web_en=web["en"],
        role_sv=role["sv"],
        role_en=role["en"],
        source=source,
    )
    thing = Thing(
        key=key,
        kind=PARTNER_THING,
        position=position,
        name_sv=names["sv"],
        name_en=names["en"],
        about_sv=role["sv"],
        about_en=role["en"],
        source=source,
    )
    thing.attributes.append(Attribute(name="web", source=source, **_both_pages(web)))
    # Its name in each language, asked for in either ("whats it called in english?").
    thing.attributes += [
        Attribute(name="english_name", value_sv=names["en"], value_en=names["en"], source=source),
        Attribute(name="swedish_name", value_sv=names["sv"], value_en=names["sv"], source=source),
    ]
    _add_aliases(entry, thing, [*entry.text_list("aliases"), names["sv"], names["en"], key])
    return partner, thing


def _add_aliases(entry: _Entry, thing: Thing, aliases: list[str]) -> None:
    for alias in dict.fromkeys(aliases):
        normalized = normalize_name(alias)
        if normalized and normalized not in {a.normalized for a in thing.aliases}:
            thing.aliases.append(ThingAlias(alias=alias, normalized=normalized))


def _contact(entry: _Entry, position: int) -> Contact:
    email = entry.text("email")
    if "@" not in email:
        raise entry.error(f"'email' is not an e-mail address: '{email}'")
    title, about = entry.bilingual("title"), entry.bilingual("about")
    return Contact(
        key=entry.text("key"),
        position=position,
        name=entry.text("name"),
        email=email,
        title_sv=title["sv"],
        title_en=title["en"],
        about_sv=about["sv"],
        about_en=about["en"],
        is_primary=bool(entry.raw.get("primary", False)),
        source=entry.text("source"),
    )


def _event(entry: _Entry, position: int) -> HistoryEvent:
    title, text = entry.bilingual("title"), entry.bilingual("text")
    things = entry.text_list("things") if "things" in entry.raw else []
    return HistoryEvent(
        key=entry.text("key"),
        position=position,
        when=entry.text("when"),
        title_sv=title["sv"],
        title_en=title["en"],
        text_sv=text["sv"],
        text_en=text["en"],
        source=entry.text("source"),
        things=",".join(things),
    )


def _passage(entry: _Entry, position: int) -> Passage:
    text = entry.bilingual("text")
    source = entry.raw.get("source")
    if not isinstance(source, dict):
        raise entry.error("'source' must have a 'title' and a 'url'")
    title, url = source.get("title"), source.get("url")
    if not isinstance(title, str) or not title.strip():
        raise entry.error("'source' has no 'title'")
    if not isinstance(url, str) or not url.startswith("https://") or " " in url.strip():
        raise entry.error(f"'source.url' must be an https address, not {url!r}")
    asked = _bilingual_lines(entry, "asked")
    return Passage(
        key=entry.text("key"),
        position=position,
        text_sv=text["sv"],
        text_en=text["en"],
        source_title=title.strip(),
        source_url=url.strip(),
        asked_sv=asked["sv"],
        asked_en=asked["en"],
    )


def _bilingual_lines(entry: _Entry, field: str) -> dict[str, str]:
    """An optional field of texts per language ({sv: [...], en: [...]}), one a line; empty when absent."""
    value = entry.raw.get(field)
    if value is None:
        return {lang: "" for lang in LANGUAGES}
    if not isinstance(value, dict) or not all(isinstance(value.get(lang), list) for lang in LANGUAGES):
        raise entry.error(f"'{field}' must have a list for each language (sv, en)")
    if not all(isinstance(item, str) and item.strip() for lang in LANGUAGES for item in value[lang]):
        raise entry.error(f"'{field}' may only hold non-empty texts")
    return {lang: "\n".join(item.strip() for item in value[lang]) for lang in LANGUAGES}


def _contact_thing(contact: Contact, things: dict[str, Thing]) -> Thing | None:
    """A contact as a thing: a person of their own, or an address of a partner (same key)."""
    email = Attribute(name="email", value_sv=contact.email, value_en=contact.email, source=contact.source)
    # "Whose is lisaeric@kth.se?": an address names its owner.
    address = ThingAlias(alias=contact.email, normalized=normalize_name(contact.email))
    partner = things.get(contact.key)
    if partner is not None:
        partner.attributes.append(email)
        partner.aliases.append(address)
        return None
    person = Thing(
        key=contact.key,
        kind=PERSON_THING,
        position=len(things),
        name_sv=contact.name,
        name_en=contact.name,
        about_sv=f"{contact.name}, {contact.title_sv}.",
        about_en=f"{contact.name}, {contact.title_en}.",
        source=contact.source,
    )
    person.attributes += [
        email,
        Attribute(name="title", value_sv=contact.title_sv, value_en=contact.title_en, source=contact.source),
    ]
    person.aliases += [ThingAlias(alias=contact.name, normalized=normalize_name(contact.name)), address]
    return person


def _add_name_words(things: Iterable[Thing], owners: dict[str, str]) -> None:
    """A person is also found by each word of their name ("Lisa", "Ericsson") that names nothing else."""
    for person in (thing for thing in things if thing.kind == PERSON_THING):
        for word in person.name_sv.split():
            normalized = normalize_name(word)
            if (
                len(normalized) >= 3
                and owners.setdefault(normalized, person.key) == person.key
                and normalized not in {alias.normalized for alias in person.aliases}
            ):
                person.aliases.append(ThingAlias(alias=word, normalized=normalized))


def _graph_thing(entry: _Entry, position: int) -> Thing:
    kind = entry.text("kind")
    if kind not in THING_KINDS:
        raise entry.error(f"'kind' must be one of {', '.join(THING_KINDS)}, not '{kind}'")
    names, about = entry.bilingual("name"), entry.bilingual("about")
    thing = Thing(
        key=entry.text("key"),
        kind=kind,
        position=position,
        name_sv=names["sv"],
        name_en=names["en"],
        about_sv=about["sv"],
        about_en=about["en"],
        source=entry.text("source"),
        described_by=_phrase_lines(entry, "described_by"),
    )
    _add_aliases(entry, thing, [*entry.text_list("aliases"), names["sv"], names["en"]])
    return thing


def _attribute(entry: _Entry, things: dict[str, Thing], kinds: set[str]) -> None:
    thing, name = things.get(entry.text("thing")), entry.text("name")
    if thing is None:
        raise entry.error(f"no thing, partner or contact has the key '{entry.text('thing')}'")
    if name not in kinds:
        raise entry.error(f"'name' must be one of attributes.yml's kinds ({', '.join(sorted(kinds))}), not '{name}'")
    if any(attribute.name == name for attribute in thing.attributes):
        raise entry.error(f"'{thing.key}' already has a '{name}'")
    value = entry.bilingual("value")
    thing.attributes.append(
        Attribute(
            name=name,
            value_sv=value["sv"],
            value_en=value["en"],
            source=entry.text("source"),
            yes_words=_phrase_lines(entry, "yes_to"),
            no_words=_phrase_lines(entry, "no_to"),
        )
    )


def _phrase_lines(entry: _Entry, field: str) -> str:
    """The phrases of a field such as the yes/no questions a value answers (`yes_to`, `no_to`) or the
    words that describe a thing (`described_by`): {sv: [...], en: [...]}, normalised, one a line; none
    when the field is absent."""
    words = entry.raw.get(field)
    if words is None:
        return ""
    if not isinstance(words, dict) or not all(isinstance(words.get(lang), list) and words[lang] for lang in LANGUAGES):
        raise entry.error(f"'{field}' must have a non-empty list for each language (sv, en)")
    return "\n".join(dict.fromkeys(_phrase(str(w)) for lang in LANGUAGES for w in words[lang] if _phrase(str(w))))


def _relation(entry: _Entry, things: dict[str, Thing]) -> Relation:
    subject, predicate, obj = entry.text("subject"), entry.text("predicate"), entry.text("object")
    for key in (subject, obj):
        if key not in things:
            raise entry.error(f"no thing, partner or contact has the key '{key}'")
    if predicate not in PREDICATES:
        raise entry.error(f"'predicate' must be one of {', '.join(PREDICATES)}, not '{predicate}'")
    return Relation(subject_key=subject, predicate=predicate, object_key=obj, source=entry.text("source"))


def _attribute_kind(entry: _Entry, position: int) -> AttributeKind:
    label, answer, words = entry.bilingual("label"), entry.bilingual("answer"), entry.raw.get("words")
    if not isinstance(words, dict) or not all(isinstance(words.get(lang), list) and words[lang] for lang in LANGUAGES):
        raise entry.error("'words' must have a non-empty list for each language (sv, en)")
    for lang in LANGUAGES:
        if "{value}" not in answer[lang]:
            raise entry.error(f"'answer' ({lang}) must say the value: {{value}}")
    normalized = {
        lang: "\n".join(dict.fromkeys(_phrase(str(w)) for w in words[lang] if _phrase(str(w)))) for lang in LANGUAGES
    }
    return AttributeKind(
        key=entry.text("key"),
        position=position,
        label_sv=label["sv"],
        label_en=label["en"],
        words_sv=normalized["sv"],
        words_en=normalized["en"],
        answer_sv=answer["sv"],
        answer_en=answer["en"],
        weak_words=_phrase_lines(entry, "weak"),
        yields_to=",".join(entry.text_list("yields_to")) if "yields_to" in entry.raw else "",
        instead=",".join(entry.text_list("instead")) if "instead" in entry.raw else "",
    )


def _phrase(words: str) -> str:
    """A phrase of attributes.yml, normalised; "..." (any words between) is kept."""
    parts = [normalize_name(part) for part in words.split(questions.GAP)]
    return f" {questions.GAP} ".join(part for part in parts if part)


def _graph(
    directory: Path, partners: list[tuple[Partner, Thing]], contacts: list[Contact], kinds: list[AttributeKind]
) -> tuple[list[Thing], list[Relation]]:
    """Every thing of the graph with its aliases and attributes, and the relations between them."""
    path = directory / "graph.yml"
    things = {thing.key: thing for _, thing in partners}
    for contact in contacts:
        person = _contact_thing(contact, things)
        if person is not None:
            things[person.key] = person
    for position, entry in enumerate(_entries(path, "things"), start=len(things)):
        thing = _graph_thing(entry, position)
        if thing.key in things:
            raise entry.error(f"key '{thing.key}' is already a partner's or a contact's")
        things[thing.key] = thing
    owners: dict[str, str] = {}
    for thing in things.values():
        for alias in thing.aliases:
            owner = owners.setdefault(alias.normalized, thing.key)
            if owner != thing.key:
                where = {PARTNER_THING: "partners.yml", PERSON_THING: "contacts.yml"}.get(thing.kind, "graph.yml")
                raise KnowledgeError(f"{where}: '{thing.key}': alias '{alias.alias}' is already used by '{owner}'")
    _add_name_words(things.values(), owners)
    relations = [
        Relation(
            subject_key=partner.key,
            predicate=KIND_RELATIONS[partner.kind],
            object_key=INTERACT if partner.kind != "close_collaborator" else OFFICE_THING,
            source=partner.source,
        )
        for partner, _ in partners
        if partner.kind in KIND_RELATIONS
    ]
    kind_keys = {kind.key for kind in kinds}
    for entry in _sections(path, "attributes"):
        _attribute(entry, things, kind_keys)
    relations += [_relation(entry, things) for entry in _sections(path, "relations")]
    seen = set()
    for relation in relations:
        triple = (relation.subject_key, relation.predicate, relation.object_key)
        if triple in seen:
            raise KnowledgeError(f"{path.name}: relation {' '.join(triple)} is given twice")
        seen.add(triple)
    _add_relation_attributes(things, relations)
    return list(things.values()), relations


# Attributes that relations state: the attribute, the predicates whose subjects make its value, and
# the predicates whose subjects are added to it as taking part ("also: the Stockholm School of Economics").
RELATION_ATTRIBUTES = (
    ("responsible", ("leads", "runs"), ()),
    ("founder", ("founded",), ()),
    ("members", CLOSED_GROUP_PREDICATES, (PARTICIPATION_PREDICATE,)),
    ("innovation_office", ("innovation_office_of",), ()),
    ("funding", ("funds",), ()),
    ("coordinator", ("coordinates",), ()),
)
ALSO = {"sv": "dessutom deltar {names}", "en": "taking part as well: {names}"}
# The attributes whose holders' relations a yes/no question can check ("Is it KTH Innovation that leads
# InterAct?"): a group's members are answered by membership instead.
RELATION_PREDICATES = {name: predicates for name, predicates, _ in RELATION_ATTRIBUTES if name != "members"}


def _add_relation_attributes(things: dict[str, Thing], relations: list[Relation]) -> None:
    """Each thing's attributes that its relations state (who runs it, who founded it, its members)."""
    for thing in things.values():
        held = {attribute.name for attribute in thing.attributes}
        for name, predicates, also in RELATION_ATTRIBUTES:
            main = [r for r in relations if r.object_key == thing.key and r.predicate in predicates]
            extra = [r for r in relations if r.object_key == thing.key and r.predicate in also]
            if not main or name in held:
                continue
            value = {lang: _subjects_named(main, things, lang) for lang in LANGUAGES}
            if extra:
                value = {
                    lang: f"{value[lang]}; " + ALSO[lang].format(names=_subjects_named(extra, things, lang))
                    for lang in LANGUAGES
                }
            thing.attributes.append(
                Attribute(name=name, value_sv=value["sv"], value_en=value["en"], source=main[0].source)
            )


def _subjects_named(relations: list[Relation], things: dict[str, Thing], language: str) -> str:
    """The relations' subjects by name, a person with their title and e-mail ("Lisa Ericsson, head of
    department of KTH Innovation ... (lisaeric@kth.se)")."""
    names = []
    for relation in relations:
        subject = things[relation.subject_key]
        name = subject.name(language)
        if subject.kind == PERSON_THING:
            held = {a.name: a.value(language) for a in subject.attributes}
            name = ", ".join(filter(None, [name, held.get("title")]))
            name = f"{name} ({held['email']})" if held.get("email") else name
        names.append(name)
    return join(names, language)


def read_contacts(directory: Path = DEFAULT_DIR) -> list[Contact]:
    """Reads and checks contacts.yml: one primary contact, and the office's own address."""
    contacts = [_contact(e, i) for i, e in enumerate(_entries(directory / "contacts.yml", "contacts"))]
    if sum(contact.is_primary for contact in contacts) != 1:
        raise KnowledgeError("contacts.yml: exactly one contact must be 'primary: true'")
    if OFFICE_THING not in {contact.key for contact in contacts}:
        raise KnowledgeError(f"contacts.yml: the office's own address (key '{OFFICE_THING}') is missing")
    return contacts


def read_knowledge(directory: Path = DEFAULT_DIR) -> Knowledge:
    """Reads and checks every knowledge file; raises KnowledgeError on the first problem."""
    partners = [
        _partner(entry, position) for position, entry in enumerate(_entries(directory / "partners.yml", "partners"))
    ]
    contacts = read_contacts(directory)
    events = [_event(e, i) for i, e in enumerate(_entries(directory / "history.yml", "events"))]
    passages = [_passage(e, i) for i, e in enumerate(_entries(directory / "passages.yml", "passages"))]
    kinds = [_attribute_kind(e, i) for i, e in enumerate(_entries(directory / "attributes.yml", "attributes"))]
    for kind in kinds:
        for field, named in (("yields_to", kind.yielding()), ("instead", set(kind.answered_instead_by()))):
            unknown = sorted(named - {other.key for other in kinds})
            if unknown:
                raise KnowledgeError(f"attributes.yml: '{kind.key}': '{field}' names no kind '{unknown[0]}'")
        if bool(kind.weak()) != bool(kind.yielding()):
            raise KnowledgeError(f"attributes.yml: '{kind.key}': 'weak' words and 'yields_to' go together")
    things, relations = _graph(directory, partners, contacts, kinds)
    keys = {thing.key for thing in things}
    for event in events:
        missing = [key for key in event.thing_keys() if key not in keys]
        if missing:
            raise KnowledgeError(f"history.yml: event '{event.key}': no thing has the key '{missing[0]}'")
    return Knowledge(
        partners=[partner for partner, _ in partners],
        contacts=contacts,
        events=events,
        passages=passages,
        things=things,
        relations=relations,
        attribute_kinds=kinds,
    )


def _match_schema(engine: Engine) -> None:
    """Creates the tables; rebuilds them when a database from an earlier version has other columns.

    Every table is rebuilt from the files on each load anyway, so nothing is lost by dropping them.
    """
    existing = inspect(engine)
    outdated = [
        table.name
        for table in Base.metadata.sorted_tables
        if existing.has_table(table.name)
        and {column["name"] for column in existing.get_columns(table.name)} != set(table.columns.keys())
    ]
    if outdated:
        Base.metadata.drop_all(engine)
    Base.metadata.create_all(engine)


def load(url: str | None = None, directory: Path = DEFAULT_DIR) -> Knowledge:
    """Replaces the database's knowledge with the files' in one transaction."""
    knowledge = read_knowledge(directory)
    engine = db.engine_for(url or db.database_url())
    _match_schema(engine)
    with Session(engine, future=True) as session, session.begin():
        for table in (Relation, Attribute, ThingAlias, Thing, AttributeKind, Partner, Contact, HistoryEvent, Passage):
            session.execute(delete(table))
        session.add_all(
            [
                *knowledge.partners,
                *knowledge.contacts,
                *knowledge.events,
                *knowledge.passages,
                *knowledge.things,
                *knowledge.attribute_kinds,
            ]
        )
        session.flush()  # things before the relations that name them
        session.add_all(knowledge.relations)
    return knowledge


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help=f"SQLAlchemy URL (default: ${db.DB_URL_VARIABLE} or {db.DEFAULT_DB_URL})")
    parser.add_argument("--dir", type=Path, default=DEFAULT_DIR, help="folder of the knowledge files")
    args = parser.parse_args(argv)
    try:
        knowledge = load(args.url, args.dir)
    except KnowledgeError as exc:
        print(f"Knowledge not loaded, the database is unchanged: {exc}", file=sys.stderr)
        return 1
    print(
        f"Loaded {len(knowledge.partners)} partners, {len(knowledge.contacts)} contacts, "
        f"{len(knowledge.events)} history events, {len(knowledge.passages)} passages, "
        f"{len(knowledge.things)} things and {len(knowledge.relations)} relations."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
