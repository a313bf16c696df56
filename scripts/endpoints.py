"""endpoints.yml with another action server address (and tracker store): what `make run` on other
ports and the test harness start Rasa with, derived from the one file rather than written anew.

    .venv/bin/python -m scripts.endpoints --action-url http://localhost:5056/webhook > var/endpoints.run.yml
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import yaml

from actions.paths import PROJECT_ROOT

ENDPOINTS = PROJECT_ROOT / "endpoints.yml"


def endpoints_with(action_url: str, tracker_store: dict[str, Any] | None = None) -> str:
    """endpoints.yml's text with `action_url` as the action server and, if given, the tracker store's
    place (`dialect` with `db` or `url`) replacing its own."""
    endpoints = yaml.safe_load(ENDPOINTS.read_text(encoding="utf-8"))
    endpoints["action_endpoint"]["url"] = action_url
    if tracker_store:
        store = {key: value for key, value in endpoints["tracker_store"].items() if key not in ("dialect", "db", "url")}
        endpoints["tracker_store"] = {**store, **tracker_store}
    return yaml.safe_dump(endpoints, sort_keys=False)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--action-url", required=True, help="the action server's webhook URL")
    args = parser.parse_args(argv)
    sys.stdout.write(endpoints_with(args.action_url))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
