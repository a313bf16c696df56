"""Conversation ids that cannot be borrowed: each channel's senders in a namespace of their own,
and the widget's sessions issued and signed by the server.

A REST sender "U123" is the conversation "rest:U123", never the Slack user U123's
("slack:U123") or a widget visitor's ("web:…"). The widget gets its session from the
server as "<random>.<signature>": a reloaded page presents it again and keeps its
conversation; an id the server did not sign (guessed, copied from a log, made up) gets a
new conversation instead.

The signing secret is SESSION_SECRET (the same on every replica), else a random secret kept
in var/session_secret, made on first use.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from functools import lru_cache
from typing import Optional

from actions.paths import PROJECT_ROOT

SECRET_VARIABLE = "SESSION_SECRET"
SECRET_FILE = PROJECT_ROOT / "var" / "session_secret"
SEPARATOR = ":"
SIGNATURE_SEPARATOR = "."
# Rasa's tracker stores keep sender ids of at most 255 characters.
MAX_SENDER_LENGTH = 200


def conversation_id(channel: str, sender: str) -> str:
    """The tracker's id of `sender` on `channel` ("rest", "web", "slack")."""
    return f"{channel}{SEPARATOR}{sender}"


@lru_cache(maxsize=None)
def _secret() -> bytes:
    configured = os.environ.get(SECRET_VARIABLE)
    if configured:
        return configured.encode()
    if not SECRET_FILE.exists():
        SECRET_FILE.parent.mkdir(parents=True, exist_ok=True)
        draft = SECRET_FILE.with_name(f"{SECRET_FILE.name}.{os.getpid()}")
        descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(descriptor, "w") as file:
            file.write(secrets.token_hex(32))
        try:
            os.link(draft, SECRET_FILE)  # whole or not at all; the first process to get here wins
        except FileExistsError:
            pass
        finally:
            draft.unlink()
    return SECRET_FILE.read_text().strip().encode()


def _signature(session: str) -> str:
    return hmac.new(_secret(), session.encode(), hashlib.sha256).hexdigest()[:32]


def issue_session() -> str:
    """A new widget session: a random id with the server's signature."""
    session = secrets.token_hex(16)
    return f"{session}{SIGNATURE_SEPARATOR}{_signature(session)}"


def verified_session(token: object) -> Optional[str]:
    """The session id of a token the server signed, or None for anything else."""
    if not isinstance(token, str) or len(token) > 100 or token.count(SIGNATURE_SEPARATOR) != 1:
        return None
    session, signature = token.split(SIGNATURE_SEPARATOR)
    if not session or not hmac.compare_digest(signature, _signature(session)):
        return None
    return session
