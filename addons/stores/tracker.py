"""Rasa's SQL tracker store, with its failures made visible.

Rasa wraps every tracker store in a `FailSafeTrackerStore`: when the SQL store
fails, it logs one line and carries on with an in-memory store of that process.
The conversation then goes on from an empty tracker, in one replica's memory
only, and is lost on restart: with several replicas it quietly diverges. This
store records every failure and recovery, logs them as such, and answers the
health check (`addons/channels/health.py`) with what it knows. It also checks
pooled connections before use, so that a restarted database costs no message.

Personal data: the user events it writes have e-mail addresses, phone numbers and
personal identity numbers masked (addons/masking.py), and a thread of the running
process deletes every event older than the retention period (`retention_days`,
default 30, checked every `purge_interval` seconds), so nothing is kept longer
without anyone acting.

A hung database never holds the event loop: Rasa's store calls (blocking SQL in
async methods) run in worker threads and are given up after OPERATION_TIMEOUT
seconds; connections time out after CONNECT_TIMEOUT, PostgreSQL statements after
OPERATION_TIMEOUT. `erase` and `export` serve a visitor's "delete this
conversation" and staff requests for one person's data (scripts/conversations.py).

endpoints.yml names it by class path, with the settings of Rasa's `type: SQL` and
the two above.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Awaitable, Callable, Coroutine, Dict, Iterator, List, Optional, Text, TypeVar

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs
from rasa.shared.core.events import Event, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import read_endpoint_config

from actions.paths import PROJECT_ROOT
from addons.masking import masked

logger = logging.getLogger(__name__)

DEFAULT_RETENTION_DAYS = 30.0
DEFAULT_PURGE_INTERVAL = 600.0
DAY = 86400.0
# Seconds a connection may take, and a retrieve or save in all (the turn then goes on from memory).
CONNECT_TIMEOUT = 5.0
OPERATION_TIMEOUT = 10.0

T = TypeVar("T")

# The endpoints file whose tracker store staff tools read (scripts/conversations.py, insight/, the
# weekly figures in Slack): ENDPOINTS_FILE, else the project's own (SQLite in var/).
ENDPOINTS_VARIABLE = "ENDPOINTS_FILE"
DEFAULT_ENDPOINTS = PROJECT_ROOT / "endpoints.yml"


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


def _with_timeouts(url: Any, kwargs: Dict[Text, Any]) -> Dict[Text, Any]:
    """Engine settings with a connect and a statement timeout, so that no call waits for ever."""
    connect_args = dict(kwargs.get("connect_args") or {})
    if sa.engine.make_url(str(url)).get_backend_name() == "postgresql":
        connect_args.setdefault("connect_timeout", int(CONNECT_TIMEOUT))
        statement = f"-c statement_timeout={int(OPERATION_TIMEOUT * 1000)}"
        connect_args["options"] = f"{connect_args['options']} {statement}" if "options" in connect_args else statement
    else:
        connect_args.setdefault("timeout", CONNECT_TIMEOUT)  # SQLite: how long to wait for a lock
    return {**kwargs, "connect_args": connect_args}


def primary_store(store: Any) -> Any:
    """The store inside Rasa's FailSafeTrackerStore wrapper (Rasa 3.6 keeps it private)."""
    return getattr(store, "_tracker_store", store)


class _MaskedEvent:
    """A user event as the store writes it: its texts masked, the tracker's own event untouched."""

    def __init__(self, event: Event) -> None:
        self.type_name = event.type_name
        self._event = event

    def as_dict(self) -> Dict[Text, Any]:
        return masked(self._event.as_dict())


class MonitoredSQLTrackerStore(SQLTrackerStore):
    """A `SQLTrackerStore` that reports its failures, masks personal data and forgets old events."""

    engine: sa.engine.Engine

    def __init__(
        self,
        *args: Any,
        retention_days: Any = DEFAULT_RETENTION_DAYS,
        purge_interval: Any = DEFAULT_PURGE_INTERVAL,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.retention = float(retention_days) * DAY
        self.purge_interval = float(purge_interval)
        url = self.engine.url
        self.engine.dispose()
        # pool_pre_ping: a connection broken by a database restart is replaced before use.
        self.engine = sa.create_engine(url, pool_pre_ping=True, **_with_timeouts(url, create_engine_kwargs(url)))
        if self.engine.dialect.name == "sqlite":
            sa.event.listen(self.engine, "connect", _write_ahead_log)
        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)
        self.health = StoreHealth()
        self._health_lock = threading.Lock()
        self._stopped = threading.Event()
        if self.retention > 0:
            threading.Thread(target=self._purge_until_stopped, name="tracker-retention", daemon=True).start()

    def _additional_events(self, session: Any, tracker: DialogueStateTracker) -> Iterator:
        """The events not stored yet, user events with their personal data masked."""
        for event in super()._additional_events(session, tracker):
            yield _MaskedEvent(event) if isinstance(event, UserUttered) else event

    def purge(self, now: Optional[float] = None) -> int:
        """Deletes every event older than the retention period; returns how many."""
        cutoff = (now or time.time()) - self.retention
        with self.session_scope() as session:
            deleted = session.query(self.SQLEvent).filter(self.SQLEvent.timestamp < cutoff).delete()
            session.commit()
        if deleted:
            logger.info("Retention: %d events older than %.1f days deleted.", deleted, self.retention / DAY)
        return deleted

    def _purge_until_stopped(self) -> None:
        # The first purge at start-up: a store that was down for a while catches up at once.
        while not self._stopped.is_set():
            try:
                self.purge()
            except Exception as error:  # the database may be down; the next round tries again
                logger.warning(
                    "Retention purge failed (%s); retrying in %.1f s.", type(error).__name__, self.purge_interval
                )
            self._stopped.wait(self.purge_interval)

    def stop(self) -> None:
        """Ends the retention thread (the process ends it anyway; tests and tools end it early)."""
        self._stopped.set()

    def export(self, sender_id: Text) -> List[Dict[Text, Any]]:
        """Every stored event of one conversation, oldest first (for a request for one's data)."""
        with self.session_scope() as session:
            rows = self._event_query(session, sender_id, fetch_events_from_all_sessions=True).all()
            return [json.loads(row.data) for row in rows]

    def erase(self, sender_id: Text) -> int:
        """Deletes one conversation entirely; returns how many events it had."""
        with self.session_scope() as session:
            deleted = session.query(self.SQLEvent).filter(self.SQLEvent.sender_id == sender_id).delete()
            session.commit()
        logger.info("A conversation was erased on request (%d events).", deleted)
        return deleted

    def senders(self, prefix: Text) -> List[Text]:
        """The stored conversations whose id starts with `prefix` (one Slack user's: "slack:U123")."""
        with self.session_scope() as session:
            query = session.query(self.SQLEvent.sender_id).filter(
                self.SQLEvent.sender_id.startswith(prefix, autoescape=True)
            )
            return sorted({row.sender_id for row in query.distinct()})

    async def retrieve(self, sender_id: Text) -> Optional[DialogueStateTracker]:
        return await self._watched("retrieve", self._off_the_loop(super().retrieve, sender_id))

    async def retrieve_full_tracker(self, conversation_id: Text) -> Optional[DialogueStateTracker]:
        return await self._watched("retrieve", self._off_the_loop(super().retrieve_full_tracker, conversation_id))

    async def save(self, tracker: DialogueStateTracker) -> None:
        await self._watched("save", self._off_the_loop(super().save, tracker))

    async def _off_the_loop(self, operation: Callable[..., Coroutine[Any, Any, T]], *args: Any) -> T:
        """Runs one of Rasa's store operations (async in name, blocking SQL inside) in a worker thread,
        for at most OPERATION_TIMEOUT seconds: a hung database delays its own conversations, never
        the event loop that serves every other, and the turn goes on without it (FailSafeTrackerStore)."""
        loop = asyncio.get_running_loop()
        return await asyncio.wait_for(
            loop.run_in_executor(None, lambda: asyncio.run(operation(*args))), OPERATION_TIMEOUT
        )

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
                "answers 503 until the database answers again.",
                operation,
                self.health.last_error,
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
            "meanwhile are not in the database.",
            downtime,
            failures,
        )


def endpoints_file() -> Path:
    """The endpoints file staff tools read: ENDPOINTS_FILE, else the project's endpoints.yml."""
    return Path(os.environ.get(ENDPOINTS_VARIABLE) or DEFAULT_ENDPOINTS)


def store_from_endpoints(endpoints: Optional[Path] = None) -> MonitoredSQLTrackerStore:
    """The endpoints file's tracker store for a staff tool: no retention thread (the servers run it).

    `${VAR}`s in the file are read from the environment, as Rasa does."""
    path = endpoints or endpoints_file()
    config = read_endpoint_config(str(path), "tracker_store")
    if config is None:
        raise SystemExit(f"{path} names no tracker store")
    settings = {key: value for key, value in config.kwargs.items() if key not in ("retention_days", "purge_interval")}
    return MonitoredSQLTrackerStore(host=config.url, retention_days=0, **settings)
