"""HTTP requests from a chosen loopback address: several clients on one machine, as nginx sees them."""
from __future__ import annotations

import http.client
import json
from urllib.parse import urlsplit


def post_json_from(address: str, url: str, body: dict, headers: dict | None = None) -> tuple[int, str]:
    """POSTs `body` to `url` from the local `address` (any of 127.0.0.0/8); returns status and text."""
    parts = urlsplit(url)
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=60, source_address=(address, 0))
    try:
        connection.request("POST", parts.path, json.dumps(body),
                           {"Content-Type": "application/json", **(headers or {})})
        answer = connection.getresponse()
        return answer.status, answer.read().decode("utf-8", "replace")
    finally:
        connection.close()
