"""Read-only queries on the knowledge database. Every query is parameterised."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions import names
from actions.models import Contact, HistoryEvent, Partner, PartnerAlias


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
    rows = session.execute(select(PartnerAlias.normalized, PartnerAlias.partner_key))
    return dict(rows.all())


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
    matches = names.find_names(text, aliases(session))
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
