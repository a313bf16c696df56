"""Tables of the knowledge database: partners, their aliases, contacts, history."""
from __future__ import annotations

from sqlalchemy import Boolean, Column, ForeignKey, Integer, String, Text
from sqlalchemy.orm import declarative_base, relationship

Base = declarative_base()


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
    aliases = relationship("PartnerAlias", back_populates="partner", cascade="all, delete-orphan")

    def name(self, language: str) -> str:
        return self.name_sv if language == "sv" else self.name_en

    def web(self, language: str) -> str:
        return self.web_sv if language == "sv" else self.web_en

    def role(self, language: str) -> str:
        return self.role_sv if language == "sv" else self.role_en


class PartnerAlias(Base):
    __tablename__ = "partner_alias"

    id = Column(Integer, primary_key=True)
    partner_key = Column(String(40), ForeignKey("partner.key", ondelete="CASCADE"), nullable=False)
    alias = Column(String(200), nullable=False)
    # Lower-cased, accents kept: what look-ups compare against.
    normalized = Column(String(200), nullable=False, unique=True, index=True)
    partner = relationship("Partner", back_populates="aliases")


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
        return self.title_sv if language == "sv" else self.title_en

    def about(self, language: str) -> str:
        return self.about_sv if language == "sv" else self.about_en


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

    def title(self, language: str) -> str:
        return self.title_sv if language == "sv" else self.title_en

    def text(self, language: str) -> str:
        return self.text_sv if language == "sv" else self.text_en


class Passage(Base):
    """A short statement of one fact, in both languages, with where it comes from."""

    __tablename__ = "passage"

    key = Column(String(60), primary_key=True)
    position = Column(Integer, nullable=False)
    text_sv = Column(Text, nullable=False)
    text_en = Column(Text, nullable=False)
    source_title = Column(Text, nullable=False)
    source_url = Column(String(300), nullable=False)

    def text(self, language: str) -> str:
        return self.text_sv if language == "sv" else self.text_en
