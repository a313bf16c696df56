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
from typing import Any

import yaml
from sqlalchemy import delete
from sqlalchemy.orm import Session

from actions import db
from actions.models import Base, Contact, HistoryEvent, Partner, PartnerAlias, Passage
from actions.normalize import normalize_name

DEFAULT_DIR = db.PROJECT_ROOT / "knowledge"
LANGUAGES = ("sv", "en")
PARTNER_KINDS = ("host", "interact", "participant", "close_collaborator")


class KnowledgeError(ValueError):
    """A knowledge file that cannot be loaded; the message names file and entry."""


@dataclass
class Knowledge:
    partners: list[Partner]
    contacts: list[Contact]
    events: list[HistoryEvent]
    passages: list[Passage]


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


def _entries(path: Path, section: str) -> list[_Entry]:
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise KnowledgeError(f"{path.name}: file not found in {path.parent}") from None
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path.name}: not valid YAML: {exc}") from None
    if not isinstance(document, dict) or not isinstance(document.get(section), list):
        raise KnowledgeError(f"{path.name}: must hold a list under '{section}:'")
    entries = [_Entry(path, index, raw) for index, raw in enumerate(document[section])]
    seen: set[str] = set()
    for entry in entries:
        key = entry.text("key")
        if key in seen:
            raise entry.error(f"key '{key}' appears twice")
        seen.add(key)
    return entries


def _partner(entry: _Entry, position: int, taken_aliases: dict[str, str]) -> Partner:
    kind = entry.text("kind")
    if kind not in PARTNER_KINDS:
        raise entry.error(f"'kind' must be one of {', '.join(PARTNER_KINDS)}, not '{kind}'")
    key, names, web = entry.text("key"), entry.bilingual("name"), entry.bilingual("web")
    partner = Partner(
        key=key, kind=kind, position=position,
        name_sv=names["sv"], name_en=names["en"], web_sv=web["sv"], web_en=web["en"],
        role_sv=entry.bilingual("role")["sv"], role_en=entry.bilingual("role")["en"],
        source=entry.text("source"),
    )
    for alias in dict.fromkeys(entry.text_list("aliases") + [names["sv"], names["en"], key]):
        normalized = normalize_name(alias)
        owner = taken_aliases.setdefault(normalized, key)
        if owner != key:
            raise entry.error(f"alias '{alias}' is already used by partner '{owner}'")
        if normalized not in {a.normalized for a in partner.aliases}:
            partner.aliases.append(PartnerAlias(alias=alias, normalized=normalized))
    return partner


def _contact(entry: _Entry, position: int) -> Contact:
    email = entry.text("email")
    if "@" not in email:
        raise entry.error(f"'email' is not an e-mail address: '{email}'")
    title, about = entry.bilingual("title"), entry.bilingual("about")
    return Contact(
        key=entry.text("key"), position=position, name=entry.text("name"), email=email,
        title_sv=title["sv"], title_en=title["en"], about_sv=about["sv"], about_en=about["en"],
        is_primary=bool(entry.raw.get("primary", False)), source=entry.text("source"),
    )


def _event(entry: _Entry, position: int) -> HistoryEvent:
    title, text = entry.bilingual("title"), entry.bilingual("text")
    return HistoryEvent(
        key=entry.text("key"), position=position, when=entry.text("when"),
        title_sv=title["sv"], title_en=title["en"], text_sv=text["sv"], text_en=text["en"],
        source=entry.text("source"),
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
    return Passage(key=entry.text("key"), position=position, text_sv=text["sv"], text_en=text["en"],
                   source_title=title.strip(), source_url=url.strip())


def read_knowledge(directory: Path = DEFAULT_DIR) -> Knowledge:
    """Reads and checks every knowledge file; raises KnowledgeError on the first problem."""
    aliases: dict[str, str] = {}
    partners = [
        _partner(entry, position, aliases)
        for position, entry in enumerate(_entries(directory / "partners.yml", "partners"))
    ]
    contacts = [_contact(e, i) for i, e in enumerate(_entries(directory / "contacts.yml", "contacts"))]
    if sum(contact.is_primary for contact in contacts) != 1:
        raise KnowledgeError("contacts.yml: exactly one contact must be 'primary: true'")
    events = [_event(e, i) for i, e in enumerate(_entries(directory / "history.yml", "events"))]
    passages = [_passage(e, i) for i, e in enumerate(_entries(directory / "passages.yml", "passages"))]
    return Knowledge(partners=partners, contacts=contacts, events=events, passages=passages)


def load(url: str | None = None, directory: Path = DEFAULT_DIR) -> Knowledge:
    """Replaces the database's knowledge with the files' in one transaction."""
    knowledge = read_knowledge(directory)
    engine = db.engine_for(url or db.database_url())
    Base.metadata.create_all(engine)
    with Session(engine, future=True) as session, session.begin():
        for table in (PartnerAlias, Partner, Contact, HistoryEvent, Passage):
            session.execute(delete(table))
        session.add_all([*knowledge.partners, *knowledge.contacts, *knowledge.events, *knowledge.passages])
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
        f"{len(knowledge.events)} history events and {len(knowledge.passages)} passages."
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
