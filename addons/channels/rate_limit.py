"""Per-client message limits in the Rasa process: no single client floods a replica.

nginx limits requests per client in production (deploy/nginx.conf.template); this
limit holds where nginx is not in front (`make run`, a replica reached directly) and
behind it alike. A client is its IP address, or, for a request that a trusted proxy
forwards (one on this machine, or nginx's address in TRUSTED_PROXIES), the address the
proxy names in X-Real-IP. Each client has a bucket
of RATE_LIMIT_BURST messages that refills at RATE_LIMIT_PER_MINUTE; a message that
finds it empty is refused (429 over REST, an error event over socket.io) without
reaching the NLU. Counts are per process (a replica's own), kept for the most recent
MAX_CLIENTS clients.
"""

from __future__ import annotations

import os
import threading
import time
from collections import OrderedDict
from typing import Any, Optional, Text

DEFAULT_PER_MINUTE = 30.0
DEFAULT_BURST = 10.0
MAX_CLIENTS = 10_000
# Proxies whose X-Real-IP is believed: those on this machine, and nginx's address in production
# (TRUSTED_PROXIES, comma-separated): without it every visitor behind nginx would share one bucket.
LOCAL_PROXIES = frozenset({"127.0.0.1", "::1"})


def trusted_proxies() -> frozenset[str]:
    configured = os.environ.get("TRUSTED_PROXIES", "")
    return LOCAL_PROXIES | {address.strip() for address in configured.split(",") if address.strip()}


class RateLimiter:
    """Token buckets per client: `burst` messages at once, refilled at `per_minute`."""

    def __init__(self, per_minute: float = DEFAULT_PER_MINUTE, burst: float = DEFAULT_BURST) -> None:
        self.rate = per_minute / 60.0
        self.burst = burst
        self._buckets: "OrderedDict[Text, tuple[float, float]]" = OrderedDict()
        self._lock = threading.Lock()

    @classmethod
    def from_environment(cls) -> "RateLimiter":
        return cls(
            float(os.environ.get("RATE_LIMIT_PER_MINUTE", DEFAULT_PER_MINUTE)),
            float(os.environ.get("RATE_LIMIT_BURST", DEFAULT_BURST)),
        )

    def allow(self, client: Text, now: Optional[float] = None) -> bool:
        """Takes one message from the client's bucket; False when it is empty."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, updated = self._buckets.pop(client, (self.burst, now))
            tokens = min(self.burst, tokens + (now - updated) * self.rate)
            allowed = tokens >= 1.0
            self._buckets[client] = (tokens - 1.0 if allowed else tokens, now)
            while len(self._buckets) > MAX_CLIENTS:
                self._buckets.popitem(last=False)
            return allowed

    def retry_after(self) -> int:
        """Seconds until an empty bucket holds a message again."""
        return max(1, int(1.0 / self.rate + 0.999)) if self.rate > 0 else 60


def client_of(request: Any) -> Text:
    """A Sanic request's client: its address, or the X-Real-IP of a proxy on this machine."""
    peer = str(getattr(request, "ip", "") or "")
    forwarded = request.headers.get("x-real-ip") if peer in trusted_proxies() else None
    return forwarded.strip() if forwarded else peer
