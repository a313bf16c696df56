"""Whom a visitor is sent to: the person who leads the office and the office's own address.

One definition, knowledge/contacts.yml (the primary contact and the contact keyed as the
office), loaded into the knowledge database. Responses in domain.yml name them with
{leader_name}, {leader_email} and {office_email} (filled by addons/nlg.py); the widget gets
the office's address from the server, and the demo pages are rendered with both
(scripts/demo_pages.py). So a new contact needs `make knowledge`, never retraining.
When the database cannot be read, the knowledge files answer: an apology for a database
that is down still names a real address.
"""

from __future__ import annotations

import logging
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable

from sqlalchemy.exc import SQLAlchemyError

from actions import db, loader, repository
from actions.models import Contact

logger = logging.getLogger(__name__)
# How long a read contact is used by a running server before it is read again (seconds).
CONTACT_LIFETIME = 60.0


@dataclass(frozen=True)
class OfficeContact:
    leader_name: str
    leader_email: str
    office_email: str

    def variables(self) -> dict[str, str]:
        """The placeholders of domain.yml's responses, by name."""
        return asdict(self)


def from_contacts(contacts: Iterable[Contact]) -> OfficeContact:
    by_key = {contact.key: contact for contact in contacts}
    leader = next(contact for contact in by_key.values() if contact.is_primary)
    return OfficeContact(leader.name, leader.email, by_key[loader.OFFICE_THING].email)


def office_contact(url: str | None = None, directory: Path = loader.DEFAULT_DIR) -> OfficeContact:
    """The contact as the knowledge database holds it, else as the knowledge files say."""
    try:
        with db.session(url) as session:
            return from_contacts(repository.all_contacts(session))
    except (SQLAlchemyError, StopIteration, KeyError) as error:
        # Down, or never loaded: the files are what `make knowledge` would load.
        logger.warning("Office contact read from the knowledge files: the database gave %s", type(error).__name__)
        return from_contacts(loader.read_contacts(directory))


_cached: tuple[float, OfficeContact] | None = None


def current_office_contact() -> OfficeContact:
    """`office_contact()`, read at most once per CONTACT_LIFETIME: servers call it for every reply."""
    global _cached
    if _cached is None or time.monotonic() - _cached[0] > CONTACT_LIFETIME:
        _cached = (time.monotonic(), office_contact())
    return _cached[1]
