"""GET /webhooks/health/: is this Rasa replica able to keep conversations?

200 when the model is loaded and the tracker store and the lock store answer,
503 otherwise, with the tracker store's record of failures
(`addons/stores/tracker.py`) and the lock store's error in the body for callers on
this machine (or in HEALTH_CALLERS); others, such as visitors through nginx, get the
status alone, since error texts name hosts and databases.
Rasa's own `/status` needs the API token and says nothing about the tracker
store; monitoring and load balancers need a check that does. It is a channel
because channels are Rasa's way to add routes to its server.
"""

from __future__ import annotations

import asyncio
import os
from http import HTTPStatus
from typing import Any, Awaitable, Callable, Dict, Text

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.core.tracker_store import TrackerStore
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse

from addons.channels.rate_limit import LOCAL_PROXIES, client_of
from addons.stores.tracker import MonitoredSQLTrackerStore, primary_store

PROBE_TIMEOUT_SECONDS = 3.0


def internal_callers() -> frozenset[str]:
    """Who may read the health check's details: this machine, and the monitoring's addresses."""
    configured = os.environ.get("HEALTH_CALLERS", "")
    return LOCAL_PROXIES | {address.strip() for address in configured.split(",") if address.strip()}


async def probe(check: Callable[[], Any]) -> None:
    """Runs a blocking check off the event loop; raises what it raises, or TimeoutError."""
    await asyncio.wait_for(asyncio.get_running_loop().run_in_executor(None, check), PROBE_TIMEOUT_SECONDS)


async def tracker_store_health(store: TrackerStore) -> Dict[Text, Any]:
    if not isinstance(store, MonitoredSQLTrackerStore):
        # A store Rasa fell back to (e.g. a mistyped class path) keeps nothing across replicas.
        return {"status": "unmonitored", "type": type(store).__name__}
    try:
        await probe(store.ping)
    except asyncio.TimeoutError:
        store.record_failure("health check", TimeoutError(f"no answer within {PROBE_TIMEOUT_SECONDS:.0f} s"))
    except Exception:  # ping() has recorded it
        pass
    return {"type": type(store).__name__, "dialect": store.engine.dialect.name, **store.health.as_dict()}


async def lock_store_health(store: Any) -> Dict[Text, Any]:
    """Redis answers, for the Redis lock store; an in-memory lock store has nothing to reach."""
    health: Dict[Text, Any] = {"type": type(store).__name__, "status": "ok"}
    if hasattr(store, "ping"):
        try:
            await probe(store.ping)
        except Exception as error:
            health.update(status="failing", last_error=f"{type(error).__name__}: {error}")
    return health


class HealthInput(InputChannel):
    """Adds the health check route; it receives no messages."""

    @classmethod
    def name(cls) -> Text:
        return "health"

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        health = Blueprint("health_check", __name__)

        @health.route("/", methods=["GET"])
        async def check(request: Request) -> HTTPResponse:
            agent = getattr(request.app.ctx, "agent", None)
            if agent is None or not agent.is_ready():
                return response.json({"status": "starting"}, status=HTTPStatus.SERVICE_UNAVAILABLE)
            stores = {
                "tracker_store": await tracker_store_health(primary_store(agent.tracker_store)),
                "lock_store": await lock_store_health(agent.lock_store),
            }
            healthy = all(store["status"] == "ok" for store in stores.values())
            # Error texts name hosts and databases: only callers on this machine (or HEALTH_CALLERS) read them.
            details = stores if client_of(request) in internal_callers() else {}
            return response.json(
                {"status": "ok" if healthy else "failing", **details},
                status=HTTPStatus.OK if healthy else HTTPStatus.SERVICE_UNAVAILABLE,
            )

        return health
