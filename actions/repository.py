"""Read-only queries on the knowledge database. Every query is parameterised."""
from __future__ import annotations

import difflib
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from actions.models import Contact, HistoryEvent, Partner, PartnerAlias
from actions.normalize import normalize_name

# How alike a misspelt name must be to an alias to count as that alias.
FUZZY_CUTOFF = 0.8
# Names are looked for in the first words only: a question is short, and a pasted
# essay must not cost a fuzzy comparison per word.
MAX_WORDS_SEARCHED = 40


@dataclass(frozen=True)
class PartnerMatch:
    partner: Partner
    exact: bool


def all_partners(session: Session) -> list[Partner]:
    return list(session.scalars(select(Partner).order_by(Partner.position)))


def partners_of_kind(session: Session, kind: str) -> list[Partner]:
    query = select(Partner).where(Partner.kind == kind).order_by(Partner.position)
    return list(session.scalars(query))


def _aliases(session: Session) -> dict[str, str]:
    rows = session.execute(select(PartnerAlias.normalized, PartnerAlias.partner_key))
    return dict(rows.all())


def find_partner(session: Session, name: str) -> PartnerMatch | None:
    """The partner whose alias is `name`, or the closest one by spelling."""
    wanted = normalize_name(name)
    if not wanted:
        return None
    exact = session.scalars(
        select(Partner).join(PartnerAlias).where(PartnerAlias.normalized == wanted)
    ).first()
    if exact is not None:
        return PartnerMatch(exact, exact=True)
    aliases = _aliases(session)
    close = difflib.get_close_matches(wanted, list(aliases), n=1, cutoff=FUZZY_CUTOFF)
    if close:
        return PartnerMatch(session.get(Partner, aliases[close[0]]), exact=False)
    return None


def find_partner_in_text(session: Session, text: str) -> PartnerMatch | None:
    """A partner named anywhere in a message: the longest alias or near-alias in it.

    Used when the NLU found no partner entity, e.g. for a misspelt name.
    """
    words = normalize_name(text).split()[:MAX_WORDS_SEARCHED]
    aliases = _aliases(session)
    longest_first = sorted({len(alias.split()) for alias in aliases}, reverse=True)
    for size in longest_first:
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            if phrase in aliases:
                return PartnerMatch(session.get(Partner, aliases[phrase]), exact=True)
    for size in longest_first:
        for start in range(len(words) - size + 1):
            phrase = " ".join(words[start : start + size])
            # Short words ("ki", "su") are too easily misread as typos of each other.
            if len(phrase) < 5:
                continue
            close = difflib.get_close_matches(phrase, list(aliases), n=1, cutoff=FUZZY_CUTOFF + 0.05)
            if close:
                return PartnerMatch(session.get(Partner, aliases[close[0]]), exact=False)
    return None


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
