"""Tables of the knowledge database: the graph of things (with aliases, attributes and relations),
partners, contacts, history and passages."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import declarative_base, relationship

from actions.languages import in_language

# SQLAlchemy 1.4 makes the declarative base at run time; typed Any so that the models may derive from it.
Base: Any = declarative_base()


class Partner(Base):
    __tablename__ = "partner"

    key = Column(String(40), primary_key=True)
    kind = Column(String(40), nullable=False, index=True)
    position = Column(Integer, nullable=False)
    name_sv = Column(String(200), nullable=False)
    name_en = Column(String(200), nullable=False)
    web_sv = Column(String(200), nullable=False)
    web_en = Column(String(200), nullable=False)
    role_sv = Column(Text, nullable=False)
    role_en = Column(Text, nullable=False)
    source = Column(Text, nullable=False)

    def name(self, language: str) -> str:
        return in_language(language, self.name_sv, self.name_en)

    def web(self, language: str) -> str:
        return in_language(language, self.web_sv, self.web_en)

    def role(self, language: str) -> str:
        return in_language(language, self.role_sv, self.role_en)


class Contact(Base):
    __tablename__ = "contact"

    key = Column(String(40), primary_key=True)
    position = Column(Integer, nullable=False)
    name = Column(String(200), nullable=False)
    email = Column(String(200), nullable=False)
    title_sv = Column(Text, nullable=False)
    title_en = Column(Text, nullable=False)
    about_sv = Column(Text, nullable=False)
    about_en = Column(Text, nullable=False)
    is_primary = Column(Boolean, nullable=False, default=False)
    source = Column(Text, nullable=False)

    def title(self, language: str) -> str:
        return in_language(language, self.title_sv, self.title_en)

    def about(self, language: str) -> str:
        return in_language(language, self.about_sv, self.about_en)


class HistoryEvent(Base):
    __tablename__ = "history_event"

    key = Column(String(60), primary_key=True)
    position = Column(Integer, nullable=False)
    when = Column(String(40), nullable=False)
    title_sv = Column(Text, nullable=False)
    title_en = Column(Text, nullable=False)
    text_sv = Column(Text, nullable=False)
    text_en = Column(Text, nullable=False)
    source = Column(Text, nullable=False)
    # The keys of the things the event is about, comma-separated, in the order it names them.
    things = Column(Text, nullable=False, default="")

    def title(self, language: str) -> str:
        return in_language(language, self.title_sv, self.title_en)

    def text(self, language: str) -> str:
        return in_language(language, self.text_sv, self.text_en)

    def thing_keys(self) -> list[str]:
        return [key for key in self.things.split(",") if key]


class Passage(Base):
    """A short statement of one fact, in both languages, with where it comes from."""

    __tablename__ = "passage"

    key = Column(String(60), primary_key=True)
    position = Column(Integer, nullable=False)
    text_sv = Column(Text, nullable=False)
    text_en = Column(Text, nullable=False)
    source_title = Column(Text, nullable=False)
    source_url = Column(String(300), nullable=False)
    # Questions the passage answers, in visitors' words, one a line: searched, never shown.
    asked_sv = Column(Text, nullable=False, default="")
    asked_en = Column(Text, nullable=False, default="")

    def text(self, language: str) -> str:
        return in_language(language, self.text_sv, self.text_en)

    def searched(self) -> tuple[str, str]:
        """What the passage search reads of it: the Swedish and the English text with their questions."""
        return f"{self.text_sv}\n{self.asked_sv or ''}", f"{self.text_en}\n{self.asked_en or ''}"


class Thing(Base):
    """Anything an answer can be about: a partner, a person, an organisation, a programme."""

    __tablename__ = "thing"

    key = Column(String(60), primary_key=True)
    # partner | person | partnership | office | company | organisation | programme | university
    kind = Column(String(40), nullable=False, index=True)
    position = Column(Integer, nullable=False)
    name_sv = Column(String(200), nullable=False)
    name_en = Column(String(200), nullable=False)
    about_sv = Column(Text, nullable=False)
    about_en = Column(Text, nullable=False)
    source = Column(Text, nullable=False)
    # Phrases that describe the thing without naming it ("innovation offices ... 2008"), one a line.
    described_by = Column(Text, nullable=False, default="")
    aliases = relationship("ThingAlias", back_populates="thing", cascade="all, delete-orphan")
    # In the order the knowledge files give them, on every database ("what is known instead" lists the first).
    attributes = relationship(
        "Attribute", back_populates="thing", cascade="all, delete-orphan", order_by="Attribute.id"
    )

    def name(self, language: str) -> str:
        return in_language(language, self.name_sv, self.name_en)

    def about(self, language: str) -> str:
        return in_language(language, self.about_sv, self.about_en)

    def descriptions(self) -> list[str]:
        return [phrase for phrase in (self.described_by or "").split("\n") if phrase]


class ThingAlias(Base):
    """A name a thing goes by; every thing's aliases share one namespace."""

    __tablename__ = "thing_alias"

    id = Column(Integer, primary_key=True)
    thing_key = Column(String(60), ForeignKey("thing.key", ondelete="CASCADE"), nullable=False, index=True)
    alias = Column(String(200), nullable=False)
    # Lower-cased, accents kept: what look-ups compare against.
    normalized = Column(String(200), nullable=False, unique=True, index=True)
    thing = relationship("Thing", back_populates="aliases")


class Attribute(Base):
    """One fact about a thing (its web address, when it started, ...), with its source."""

    __tablename__ = "attribute"
    __table_args__ = (UniqueConstraint("thing_key", "name"),)

    id = Column(Integer, primary_key=True)
    thing_key = Column(String(60), ForeignKey("thing.key", ondelete="CASCADE"), nullable=False, index=True)
    name = Column(String(40), nullable=False)
    value_sv = Column(Text, nullable=False)
    value_en = Column(Text, nullable=False)
    source = Column(Text, nullable=False)
    # The yes/no questions the value answers: normalised phrases, one a line ("gratis" -> yes, "betala" -> no).
    yes_words = Column(Text, nullable=False, default="")
    no_words = Column(Text, nullable=False, default="")
    thing = relationship("Thing", back_populates="attributes")

    def value(self, language: str) -> str:
        return in_language(language, self.value_sv, self.value_en)


class Relation(Base):
    """subject -predicate-> object between two things, with its source."""

    __tablename__ = "relation"
    __table_args__ = (UniqueConstraint("subject_key", "predicate", "object_key"),)

    id = Column(Integer, primary_key=True)
    subject_key = Column(String(60), ForeignKey("thing.key", ondelete="CASCADE"), nullable=False, index=True)
    predicate = Column(String(40), nullable=False)
    object_key = Column(String(60), ForeignKey("thing.key", ondelete="CASCADE"), nullable=False, index=True)
    source = Column(Text, nullable=False)


class AttributeKind(Base):
    """What can be asked about a thing: the words that ask for it and the sentence that answers."""

    __tablename__ = "attribute_kind"

    key = Column(String(40), primary_key=True)
    position = Column(Integer, nullable=False)
    label_sv = Column(Text, nullable=False)
    label_en = Column(Text, nullable=False)
    # Normalised words and phrases, one per line.
    words_sv = Column(Text, nullable=False)
    words_en = Column(Text, nullable=False)
    answer_sv = Column(Text, nullable=False)
    answer_en = Column(Text, nullable=False)
    # Words that ask for this kind only if no kind of `yields_to` the thing holds is asked too: "vilken
    # adress?" beside "e-mail" asks for the e-mail's, "sedan när?" beside "i Röda Korsets byggnad" for
    # the location's. Normalised, one per line; yields_to: comma-separated keys.
    weak_words = Column(Text, nullable=False, default="")
    yields_to = Column(Text, nullable=False, default="")
    # Kinds that answer for this one where a thing lacks it ("Where is MDU?": its campuses; "Har UU ett
    # eget innovationskontor?": its innovation office). Comma-separated keys.
    instead = Column(Text, nullable=False, default="")

    def label(self, language: str) -> str:
        return in_language(language, self.label_sv, self.label_en)

    def answer(self, language: str) -> str:
        return in_language(language, self.answer_sv, self.answer_en)

    def words(self) -> list[str]:
        return [*self.words_sv.splitlines(), *self.words_en.splitlines()]

    def weak(self) -> list[str]:
        return (self.weak_words or "").splitlines()

    def yielding(self) -> frozenset[str]:
        return frozenset(self.yielded_to())

    def yielded_to(self) -> list[str]:
        """The kinds its weak words mean when asked of a thing holding one of them, in the file's order."""
        return [key for key in (self.yields_to or "").split(",") if key]

    def answered_instead_by(self) -> list[str]:
        return [key for key in (self.instead or "").split(",") if key]

    def meant(self) -> list[str]:
        """The kinds a question asking this one may be answered by: itself, what its weak words may mean, and
        what answers instead ("the decision's registration number": its reference number)."""
        return [self.key, *self.yielded_to(), *self.answered_instead_by()]
