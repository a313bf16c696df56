"""The knowledge database: engine and sessions, created lazily on first use.

rasa-sdk imports every module of this package at start-up, so nothing here
connects at import time; a database that is down only fails the look-up that
needs it.
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

from sqlalchemy import create_engine
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from actions.paths import PROJECT_ROOT

DEFAULT_DB_URL = f"sqlite:///{PROJECT_ROOT / 'var' / 'knowledge.db'}"
DB_URL_VARIABLE = "KNOWLEDGE_DB_URL"


def database_url() -> str:
    """The SQLAlchemy URL of the knowledge database (SQLite file by default)."""
    return os.environ.get(DB_URL_VARIABLE) or DEFAULT_DB_URL


@lru_cache(maxsize=None)
def engine_for(url: str) -> Engine:
    """One pooled engine per URL, made on first use."""
    if url.startswith("sqlite:///"):
        Path(url.removeprefix("sqlite:///")).parent.mkdir(parents=True, exist_ok=True)
        # Short timeout: a locked or missing file should fail fast, not hang a reply.
        return create_engine(url, future=True, connect_args={"timeout": 5})
    return create_engine(
        url,
        future=True,
        pool_pre_ping=True,
        connect_args={"connect_timeout": 5} if url.startswith("postgresql") else {},
    )


def session(url: str | None = None) -> Session:
    """A new session on the knowledge database."""
    return sessionmaker(engine_for(url or database_url()), future=True)()
