"""Rasa's Redis lock store, with its read-modify-write steps made atomic.

A Rasa replica takes a ticket on a conversation's lock before it handles a
message, so two replicas never work on one conversation at once. Rasa 3.6's
`RedisLockStore` reads the lock, changes it in Python and writes it back: two
replicas doing that at the same moment both get the same ticket, or one deletes
the lock the other has just joined (RasaHQ/rasa#9213). Both then handle the
conversation together, and the SQL tracker store, which appends "the events it
has not stored yet", drops or interleaves turns. Here every change of a lock is
a Redis transaction (WATCH/MULTI/EXEC, retried on a concurrent change).
While Redis cannot be reached, messages are handled without a lock (logged as
LOCK STORE DOWN, and reported by the health check) instead of not at all.

endpoints.yml names it by class path, with the settings of Rasa's `type: redis`.
"""

from __future__ import annotations

import asyncio
import json
import logging
from contextlib import asynccontextmanager
from typing import AsyncIterator, Callable, Optional, Text, TypeVar

from rasa.core.lock import TicketLock
from rasa.core.lock_store import LOCK_LIFETIME, LockError, RedisLockStore
from rasa.utils.endpoints import EndpointConfig
from redis.exceptions import RedisError, WatchError

logger = logging.getLogger(__name__)

T = TypeVar("T")

# Rasa looks at a busy lock once a second; a person's quick second message should not wait that long.
WAIT_SECONDS = 0.05


class AtomicRedisLockStore(RedisLockStore):
    """A `RedisLockStore` whose tickets are issued and returned atomically."""

    def __init__(self, endpoint_config: EndpointConfig) -> None:
        # Rasa builds custom lock stores from the endpoint config alone.
        super().__init__(host=endpoint_config.url or "localhost", **endpoint_config.kwargs)

    @asynccontextmanager
    async def lock(
        self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME, wait_time_in_seconds: float = WAIT_SECONDS
    ) -> AsyncIterator[TicketLock]:
        """Rasa's ticket lock; while Redis cannot be reached, the message is handled without one.

        Rasa would fail the message, and its channels answer nothing: a visitor's question is
        worth more than the order of two messages sent at the same moment.
        """
        try:
            ticket = self.issue_ticket(conversation_id, lock_lifetime)
        except LockError as error:
            if not isinstance(error.__cause__, RedisError):
                raise
            logger.error(
                "LOCK STORE DOWN: %s. Handling conversation %s without a lock.", error.__cause__, conversation_id
            )
            yield TicketLock(conversation_id)
            return
        try:
            yield await self._acquire_lock(conversation_id, ticket, wait_time_in_seconds)
        finally:
            try:
                self.cleanup(conversation_id, ticket)
            except RedisError as error:  # the ticket expires by itself
                logger.error("LOCK STORE DOWN: could not return ticket of %s: %s", conversation_id, error)

    async def _acquire_lock(self, conversation_id: Text, ticket: int, wait_time_in_seconds: float) -> TicketLock:
        """Waits until no live ticket is ahead of `ticket`.

        Rasa waits until `ticket` is the first live one: when it has expired too (a replica
        died holding the ticket ahead, and this one waited as long), Rasa waits for ever.
        """
        while True:
            lock = self.get_lock(conversation_id)
            if lock is None or not any(t.number < ticket and not t.has_expired() for t in lock.tickets):
                return lock or TicketLock(conversation_id)
            await asyncio.sleep(wait_time_in_seconds)

    def ping(self) -> None:
        """Raises unless Redis answers (used by the health check)."""
        self.red.ping()

    def issue_ticket(self, conversation_id: Text, lock_lifetime: float = LOCK_LIFETIME) -> int:
        try:
            ticket = self._change(conversation_id, lambda lock: lock.issue_ticket(lock_lifetime), create=True)
        except Exception as error:
            raise LockError(f"Error while acquiring lock. Error:\n{error}") from error
        if ticket is None:  # cannot be: the lock is created when missing
            raise LockError(f"No ticket was issued for {conversation_id}")
        return ticket

    def cleanup(self, conversation_id: Text, ticket_number: int) -> None:
        # One step: a ticket issued between "nobody waits" and "delete" would be deleted too.
        self._change(conversation_id, lambda lock: lock.remove_ticket_for(ticket_number), delete_when_idle=True)

    def _change(
        self,
        conversation_id: Text,
        change: Callable[[TicketLock], T],
        create: bool = False,
        delete_when_idle: bool = False,
    ) -> Optional[T]:
        """Applies `change` to the stored lock in one Redis transaction; returns its result."""
        key = self.key_prefix + conversation_id
        with self.red.pipeline() as pipe:
            while True:
                try:
                    pipe.watch(key)
                    stored = pipe.get(key)
                    if stored is None and not create:
                        return None
                    lock = TicketLock.from_dict(json.loads(stored)) if stored else TicketLock(conversation_id)
                    result = change(lock)
                    pipe.multi()
                    if delete_when_idle and not lock.is_someone_waiting():
                        pipe.delete(key)
                    else:
                        pipe.set(key, lock.dumps())
                    pipe.execute()
                    return result
                except WatchError:
                    continue  # another replica changed the lock meanwhile: read it again
