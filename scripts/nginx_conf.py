"""Writes the nginx configuration for a set of Rasa replicas and action servers.

    .venv/bin/python scripts/nginx_conf.py --listen 80 --action-listen 127.0.0.1:5056 \
        --rasa 10.0.0.11:5005 --rasa 10.0.0.12:5005 --actions 10.0.0.11:5055 --actions 10.0.0.12:5055 \
        --state-dir /var/lib/kth-assistant-nginx > /etc/nginx/kth-assistant.conf
    nginx -c /etc/nginx/kth-assistant.conf
"""

from __future__ import annotations

import argparse
import re
import string
from pathlib import Path
from typing import Sequence

# Run as a plain script on the load balancer, so its paths are its own (not actions.paths).
TEMPLATE = Path(__file__).resolve().parent.parent / "deploy" / "nginx.conf.template"
# The built website files (make widget: scripts/build_widget.py).
WEB_ROOT = Path(__file__).resolve().parent.parent / "build" / "web"


def _servers(addresses: Sequence[str]) -> str:
    if not addresses:
        raise ValueError("at least one upstream server is needed")
    return "\n".join(f"        server {address} max_fails=1 fail_timeout=5s;" for address in addresses)


# Per client address: messages a minute, a burst on top, open widget connections.
RATE_PER_MINUTE, BURST, CONNECTIONS = 30, 10, 20


def render(
    listen: str,
    action_listen: str,
    rasa: Sequence[str],
    actions: Sequence[str],
    state_dir: Path,
    rate_per_minute: int = RATE_PER_MINUTE,
    burst: int = BURST,
    connections: int = CONNECTIONS,
    web_root: Path = WEB_ROOT,
) -> str:
    """The configuration text; every ${FIELD} of the template is filled in."""
    text = string.Template(TEMPLATE.read_text()).safe_substitute(
        LISTEN=listen,
        ACTION_LISTEN=action_listen,
        STATE_DIR=str(state_dir),
        WEB_ROOT=str(web_root),
        RASA_SERVERS=_servers(rasa),
        ACTION_SERVERS=_servers(actions),
        RATE_PER_MINUTE=str(rate_per_minute),
        BURST=str(burst),
        CONNECTIONS=str(connections),
    )
    left = re.findall(r"\$\{[A-Z_]+\}", text)
    if left:
        raise ValueError(f"unfilled fields in {TEMPLATE.name}: {sorted(set(left))}")
    return text


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--listen", default="80", help="address the website and Slack reach (default 80)")
    parser.add_argument("--action-listen", default="127.0.0.1:5056", help="address the Rasa replicas call actions on")
    parser.add_argument("--rasa", action="append", required=True, help="a Rasa replica, host:port (repeat)")
    parser.add_argument("--actions", action="append", required=True, help="an action server, host:port (repeat)")
    parser.add_argument(
        "--state-dir",
        type=Path,
        default=Path("/var/lib/kth-assistant-nginx"),
        help="pid file, logs and temporary files",
    )
    parser.add_argument("--rate-per-minute", type=int, default=RATE_PER_MINUTE, help="messages a minute per client")
    parser.add_argument("--burst", type=int, default=BURST, help="messages a client may send at once on top")
    parser.add_argument("--connections", type=int, default=CONNECTIONS, help="widget connections per client")
    parser.add_argument("--web-root", type=Path, default=WEB_ROOT, help="the built website files (make widget)")
    args = parser.parse_args()
    print(
        render(
            args.listen,
            args.action_listen,
            args.rasa,
            args.actions,
            args.state_dir,
            args.rate_per_minute,
            args.burst,
            args.connections,
            args.web_root,
        ),
        end="",
    )


if __name__ == "__main__":
    main()
