"""Read-only queries on the knowledge database. Every query is parameterised."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions import names, questions
from actions.loader import PARTNER_THING
from actions.models import Attribute, AttributeKind, Contact, HistoryEvent, Partner, Relation, Thing, ThingAlias


@dataclass(frozen=True)
class PartnerMatch:
    partner: Partner
    exact: bool


def all_partners(session: Session) -> list[Partner]:
    return list(session.scalars(select(Partner).order_by(Partner.position)))


def partners_of_kind(session: Session, kind: str) -> list[Partner]:
    query = select(Partner).where(Partner.kind == kind).order_by(Partner.position)
    return list(session.scalars(query))


def aliases(session: Session) -> dict[str, str]:
    """Every partner alias, normalised, with its partner's key."""
    query = select(ThingAlias.normalized, ThingAlias.thing_key).join(Thing).where(Thing.kind == PARTNER_THING)
    return dict(session.execute(query).all())


def all_things(session: Session) -> list[Thing]:
    """Every thing, in the files' order."""
    return list(session.scalars(select(Thing).order_by(Thing.position)))


def thing_aliases(session: Session) -> dict[str, str]:
    """Every alias of every thing (partners, people, organisations, ...), normalised, with its key."""
    return dict(session.execute(select(ThingAlias.normalized, ThingAlias.thing_key)).all())


def contact_aliases(session: Session) -> dict[str, str]:
    """The aliases of the things that are contacts (a person's name and its words, "KTH Innovation")."""
    query = select(ThingAlias.normalized, ThingAlias.thing_key).join(Contact, Contact.key == ThingAlias.thing_key)
    return dict(session.execute(query).all())


def thing(session: Session, key: str) -> Thing | None:
    return session.get(Thing, key)


def described_things(session: Session, text: str) -> list[Thing]:
    """The things a message describes without naming them ("the innovation offices set up in 2008"),
    in reading order (graph.yml: `described_by`)."""
    described = {thing.key: thing for thing in session.scalars(select(Thing).where(Thing.described_by != ""))}
    phrases = {key: thing.descriptions() for key, thing in described.items()}
    return [described[key] for key in questions.asked_attributes(text, phrases)]


def find_things_in_text(session: Session, text: str) -> list[Thing]:
    """Every thing a message names, in reading order, each once; the longest name wins
    ("KI Innovations" is KI Innovations, not Karolinska Institutet)."""
    return things_named(session, names.find_names(text, thing_aliases(session)))


def things_named(session: Session, matches: list[names.NameMatch]) -> list[Thing]:
    """The things of names already found in a message, in reading order, each once."""
    keys = dict.fromkeys(match.key for match in matches)
    return [found for found in (session.get(Thing, key) for key in keys) if found is not None]


def attribute(session: Session, thing_key: str, name: str) -> Attribute | None:
    query = select(Attribute).where(Attribute.thing_key == thing_key, Attribute.name == name)
    return session.scalars(query).first()


def attribute_kinds(session: Session) -> list[AttributeKind]:
    return list(session.scalars(select(AttributeKind).order_by(AttributeKind.position)))


def relation(session: Session, subject_key: str, predicate: str, object_key: str) -> Relation | None:
    query = select(Relation).where(
        Relation.subject_key == subject_key, Relation.predicate == predicate, Relation.object_key == object_key
    )
    return session.scalars(query).first()


def objects(session: Session, subject_key: str, predicates: tuple[str, ...]) -> list[Thing]:
    """The things `subject_key` stands in one of `predicates` to ("what does KTH Innovation lead?")."""
    query = (
        select(Thing)
        .join(Relation, Relation.object_key == Thing.key)
        .where(Relation.subject_key == subject_key, Relation.predicate.in_(predicates))
        .order_by(Thing.position)
    )
    return list(session.scalars(query))


def subjects(session: Session, predicate: str, object_key: str) -> list[Thing]:
    """The things that stand in `predicate` to `object_key` ("who is part of the 2008/09 round?")."""
    query = (
        select(Thing)
        .join(Relation, Relation.subject_key == Thing.key)
        .where(Relation.predicate == predicate, Relation.object_key == object_key)
        .order_by(Thing.position)
    )
    return list(session.scalars(query))


def find_partner(session: Session, name: str) -> PartnerMatch | None:
    """The partner whose alias is `name`, or the closest one by spelling."""
    found = names.closest_alias(name, aliases(session))
    if found is None:
        return None
    key, exact = found
    return PartnerMatch(session.get(Partner, key), exact=exact)


def find_partners_in_text(session: Session, text: str) -> list[PartnerMatch]:
    """Every partner named in a message, in reading order, each once.

    Used when the NLU found no partner entity, e.g. for a misspelt name.
    """
    # All things' names are searched, so that a longer name of another thing ("KI Innovations")
    # is not read as the partner whose name it starts with ("KI").
    matches = [
        match for match in names.find_names(text, thing_aliases(session)) if session.get(Partner, match.key) is not None
    ]
    exact = {match.key for match in matches if match.exact}
    keys = dict.fromkeys(match.key for match in matches)
    return [PartnerMatch(session.get(Partner, key), exact=key in exact) for key in keys]


def primary_contact(session: Session) -> Contact | None:
    return session.scalars(select(Contact).where(Contact.is_primary.is_(True))).first()


def contact(session: Session, key: str) -> Contact | None:
    return session.get(Contact, key)


def all_contacts(session: Session) -> list[Contact]:
    return list(session.scalars(select(Contact).order_by(Contact.position)))


def timeline(session: Session) -> list[HistoryEvent]:
    return list(session.scalars(select(HistoryEvent).order_by(HistoryEvent.position)))


def history_event(session: Session, key: str) -> HistoryEvent | None:
    return session.get(HistoryEvent, key)
