"""HTTP requests from a chosen loopback address: several clients on one machine, as nginx sees them."""

from __future__ import annotations

import http.client
import json
from typing import Optional
from urllib.parse import urlsplit


def exchange_from(
    address: str, method: str, url: str, body: Optional[dict] = None, headers: Optional[dict] = None
) -> tuple[int, dict[str, str], str]:
    """Sends one request from the local `address` (any of 127.0.0.0/8); returns status, headers and text."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(
        parts.hostname or "127.0.0.1", parts.port, timeout=60, source_address=(address, 0)
    )
    try:
        payload = json.dumps(body) if body is not None else None
        connection.request(method, parts.path, payload, {"Content-Type": "application/json", **(headers or {})})
        answer = connection.getresponse()
        return answer.status, {k.lower(): v for k, v in answer.getheaders()}, answer.read().decode("utf-8", "replace")
    finally:
        connection.close()


def request_from(
    address: str, method: str, url: str, body: Optional[dict] = None, headers: Optional[dict] = None
) -> tuple[int, str]:
    """Sends one request from the local `address`; returns status and text."""
    status, _, text = exchange_from(address, method, url, body, headers)
    return status, text


def post_json_from(address: str, url: str, body: dict, headers: Optional[dict] = None) -> tuple[int, str]:
    return request_from(address, "POST", url, body, headers)
