"""The Redis lock store under contention, against the machine's Redis.

Each thread plays a Rasa replica with its own connection: it takes the
conversation's lock and, inside it, does a read-modify-write of a counter, as a
replica does with the conversation's tracker. With a lock that works, no
increment is lost.
"""

from __future__ import annotations

import asyncio
import os
import threading
import time
import uuid
from typing import Callable, Iterator

import pytest
import redis
from rasa.core.lock_store import LockError, LockStore, RedisLockStore
from rasa.utils.endpoints import EndpointConfig

from addons.stores.lock import AtomicRedisLockStore

REDIS_HOST = os.environ.get("TEST_REDIS_HOST", "127.0.0.1")
REDIS_PORT = int(os.environ.get("TEST_REDIS_PORT", "6379"))
REPLICAS = 4
MESSAGES_PER_REPLICA = 25


@pytest.fixture
def key_prefix() -> Iterator[str]:
    prefix = f"test{uuid.uuid4().hex[:10]}"
    yield prefix
    client = redis.Redis(host=REDIS_HOST, port=REDIS_PORT)
    for key in client.scan_iter(f"{prefix}*"):
        client.delete(key)


def atomic_store(prefix: str) -> LockStore:
    return AtomicRedisLockStore(EndpointConfig(url=REDIS_HOST, port=REDIS_PORT, db=0, key_prefix=prefix))


def stock_store(prefix: str) -> LockStore:
    return RedisLockStore(host=REDIS_HOST, port=REDIS_PORT, db=0, key_prefix=prefix)


def contend(make_store: Callable[[str], LockStore], prefix: str) -> tuple[int, int]:
    """Runs the replicas; returns (increments that survived, lock errors)."""
    counter = f"{prefix}:counter"
    data = redis.Redis(host=REDIS_HOST, port=REDIS_PORT)
    data.set(counter, 0)
    errors: list[Exception] = []

    async def replica() -> None:
        store = make_store(prefix)

        async def message() -> None:
            async with store.lock("conversation", lock_lifetime=2, wait_time_in_seconds=0.002):
                value = int(data.get(counter))
                time.sleep(0.001)  # the work between reading and saving a tracker
                data.set(counter, value + 1)

        for _ in range(MESSAGES_PER_REPLICA):
            try:
                # Rasa's store can wait for ever (see addons/stores/lock.py): a bounded wait is an error.
                await asyncio.wait_for(message(), timeout=10)
            except (LockError, asyncio.TimeoutError) as error:
                errors.append(error)

    threads = [threading.Thread(target=asyncio.run, args=(replica(),)) for _ in range(REPLICAS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return int(data.get(counter)), len(errors)


def test_atomic_lock_store_loses_no_turn(key_prefix: str, report_figure: Callable[[str], None]) -> None:
    total, errors = contend(atomic_store, key_prefix)
    # Rasa's own store under the same load, for the record (RasaHQ/rasa#9213).
    stock_total, stock_errors = contend(stock_store, key_prefix + "stock")
    expected = REPLICAS * MESSAGES_PER_REPLICA
    report_figure(
        f"lock store, {REPLICAS} replicas x {MESSAGES_PER_REPLICA} messages on one conversation: "
        f"AtomicRedisLockStore kept {total}/{expected} ({errors} lock errors); "
        f"Rasa's RedisLockStore kept {stock_total}/{expected} ({stock_errors} lock errors)"
    )
    assert errors == 0
    assert total == expected


def test_without_redis_a_message_is_handled_without_a_lock(caplog: pytest.LogCaptureFixture) -> None:
    from harness.processes import free_port

    store = AtomicRedisLockStore(EndpointConfig(url="127.0.0.1", port=free_port(), db=0, key_prefix="down"))
    handled = []

    async def one_message() -> None:
        async with store.lock("conversation") as lock:
            handled.append(lock.conversation_id)

    asyncio.run(one_message())
    assert handled == ["conversation"]
    assert "LOCK STORE DOWN" in caplog.text
    with pytest.raises(redis.RedisError):
        store.ping()


def test_a_replica_that_died_holding_the_lock_blocks_only_until_its_ticket_expires(key_prefix: str) -> None:
    dead, alive = atomic_store(key_prefix), atomic_store(key_prefix)
    dead.issue_ticket("conversation", lock_lifetime=1)  # and never returns it
    started = time.monotonic()

    async def next_message() -> None:
        # The waiting ticket, issued at once with the same lifetime, expires as the dead one does.
        async with alive.lock("conversation", lock_lifetime=1, wait_time_in_seconds=0.5):
            pass

    asyncio.run(asyncio.wait_for(next_message(), timeout=20))
    assert time.monotonic() - started < 5


def test_lock_is_gone_when_nobody_waits(key_prefix: str) -> None:
    store = atomic_store(key_prefix)

    async def one_message() -> None:
        async with store.lock("alone", lock_lifetime=10, wait_time_in_seconds=0.01):
            assert store.get_lock("alone") is not None

    asyncio.run(one_message())
    assert store.get_lock("alone") is None


def test_a_busy_lock_is_looked_at_every_50_ms_as_rasa_takes_it() -> None:
    """Rasa takes a conversation's lock with the store's own waiting time, which is 50 ms here."""
    import inspect

    from rasa.core.agent import Agent

    from addons.stores.lock import AtomicRedisLockStore

    waiting = inspect.signature(AtomicRedisLockStore.lock).parameters["wait_time_in_seconds"].default
    assert waiting == 0.05
    assert "self.lock_store.lock(message.sender_id)" in inspect.getsource(Agent.handle_message)
