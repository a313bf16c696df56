"""Rasa's SQL tracker store, with its failures made visible.

Rasa wraps every tracker store in a `FailSafeTrackerStore`: when the SQL store
fails, it logs one line and carries on with an in-memory store of that process.
The conversation then goes on from an empty tracker, in one replica's memory
only, and is lost on restart: with several replicas it quietly diverges. This
store records every failure and recovery, logs them as such, and answers the
health check (`addons/health_channel.py`) with what it knows. It also checks
pooled connections before use, so that a restarted database costs no message.

endpoints.yml names it by class path, with the settings of Rasa's `type: SQL`.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import asdict, dataclass
from typing import Any, Awaitable, Dict, Optional, Text, TypeVar

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

T = TypeVar("T")


@dataclass
class StoreHealth:
    """What one process knows about its tracker store."""

    failing_since: Optional[float] = None
    failures: int = 0
    last_error: Optional[str] = None
    last_failed_operation: Optional[str] = None

    @property
    def ok(self) -> bool:
        return self.failing_since is None

    def as_dict(self) -> Dict[Text, Any]:
        return {"status": "ok" if self.ok else "failing", **asdict(self)}


def _write_ahead_log(connection: Any, _record: Any) -> None:
    """SQLite in write-ahead-log mode: a turn's commit appends to the log instead of syncing
    the whole file, and readers do not wait for it. `synchronous=NORMAL` keeps every commit
    through a crash of the process; only a power cut can lose the last turns."""
    cursor = connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.close()


class MonitoredSQLTrackerStore(SQLTrackerStore):
    """A `SQLTrackerStore` that reports its failures instead of letting them pass quietly."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        url = self.engine.url
        self.engine.dispose()
        # pool_pre_ping: a connection broken by a database restart is replaced before use.
        self.engine = sa.create_engine(url, pool_pre_ping=True, **create_engine_kwargs(url))
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _write_ahead_log)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self.health = StoreHealth()
        self._health_lock = threading.Lock()

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        return await self._watched("retrieve", super().retrieve(sender_id))

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        return await self._watched("retrieve", super().retrieve_full_tracker(conversation_id))

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self._watched("save", super().save(tracker))

    def ping(self) -> None:
        """Raises unless the database answers a trivial query (used by the health check)."""
        try:
            with self.engine.connect() as connection:
                connection.execute(sa.text("SELECT 1"))
        except Exception as error:
            self.record_failure("health check", error)
            raise
        self.record_success()

    async def _watched(self, operation: Text, call: Awaitable[T]) -> T:
        try:
            result = await call
        except Exception as error:
            self.record_failure(operation, error)
            raise  # FailSafeTrackerStore falls back to memory; the failure is on record
        self.record_success()
        return result

    def record_failure(self, operation: Text, error: Exception) -> None:
        with self._health_lock:
            first = self.health.ok
            if first:
                self.health.failing_since = time.time()
            self.health.failures += 1
            self.health.last_error = f"{type(error).__name__}: {str(error).strip()[:500]}"
            self.health.last_failed_operation = operation
        if first:
            logger.error(
                "TRACKER STORE DOWN: %s failed (%s). Conversations are now kept in this process's "
                "memory only: not shared with other replicas, lost on restart. The health check "
                "answers 503 until the database answers again.", operation, self.health.last_error,
            )
        else:
            logger.error("TRACKER STORE DOWN: %s failed again (%d failures so far).", operation, self.health.failures)

    def record_success(self) -> None:
        if self.health.ok:
            return
        with self._health_lock:
            downtime = time.time() - (self.health.failing_since or time.time())
            failures = self.health.failures
            self.health = StoreHealth()
        logger.warning(
            "Tracker store answers again after %.1f s and %d failed operations; turns taken "
            "meanwhile are not in the database.", downtime, failures,
        )
