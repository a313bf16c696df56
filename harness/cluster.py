"""The production set-up on one machine: Rasa replicas and action servers behind nginx.

Every process is started the way production starts it (scripts/serve_production.sh,
endpoints.production.yml, the nginx configuration from scripts/nginx_conf.py),
against PostgreSQL and Redis, everything on loopback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Optional

import requests

from actions.paths import PROJECT_ROOT
from harness.assistant import LOAD_TEST_LIMITS
from harness.processes import ProcessGroup, free_port, wait_for
from scripts.nginx_conf import BURST, CONNECTIONS, RATE_PER_MINUTE, WEB_ROOT, render

SERVE = str(PROJECT_ROOT / "scripts" / "serve_production.sh")
# The REST channel is on in this production set-up only with its token (scripts/serve_production.sh).
REST_TOKEN = "scale-test-rest-token"
REST_HEADERS = {"Authorization": f"Bearer {REST_TOKEN}"}
# nginx's per-client limits lifted: every simulated visitor comes from one address.
LOAD_TEST_NGINX_LIMITS = {"rate_per_minute": 10_000_000, "burst": 1_000_000, "connections": 60_000}
NGINX = shutil.which("nginx") or "/usr/sbin/nginx"  # Debian's, installed by `make nginx`
REDIS_HOST = os.environ.get("TEST_REDIS_HOST", "127.0.0.1")
REDIS_PORT = os.environ.get("TEST_REDIS_PORT", "6379")


@dataclass
class Cluster(ProcessGroup):
    workdir: Path
    tracker_store_url: str
    knowledge_url: str
    replicas: int = 2
    extra_env: dict[str, str] = field(default_factory=dict)  # e.g. the fake Slack's settings
    token: str = field(default_factory=lambda: uuid.uuid4().hex)
    redis_prefix: str = field(default_factory=lambda: f"test{uuid.uuid4().hex[:10]}")
    action_proxy_port: int = field(default_factory=free_port)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    ports: dict[str, int] = field(default_factory=dict)
    url: str = ""  # nginx in front of every replica, once started
    web_root: Optional[Path] = None  # the built website nginx serves (scripts/build_widget.py)
    action_proxies: dict[str, str] = field(default_factory=dict)  # each nginx's action endpoint URL

    def __post_init__(self) -> None:
        for n in range(self.replicas):
            self.ports[f"rasa{n}"] = free_port()
            self.ports[f"actions{n}"] = free_port()

    def env(self, **extra: str) -> dict[str, str]:
        return {
            "RASA_AUTH_TOKEN": self.token,
            "ACTION_ENDPOINT_URL": f"http://127.0.0.1:{self.action_proxy_port}/webhook",
            "TRACKER_STORE_URL": self.tracker_store_url,
            "REDIS_HOST": REDIS_HOST,
            "REDIS_PORT": REDIS_PORT,
            "REDIS_KEY_PREFIX": self.redis_prefix,
            "KNOWLEDGE_DB_URL": self.knowledge_url,
            "RASA_INTERFACE": "127.0.0.1",
            **LOAD_TEST_LIMITS,
            "REST_TOKEN": REST_TOKEN,
            **self.extra_env,
            **extra,
        }

    def _start(self, name: str, kind: str, **extra: str) -> subprocess.Popen:
        return self.start(name, [SERVE, kind], self.env(**extra))

    # --- Rasa replicas and action servers -------------------------------------------------
    def rasa_url(self, n: int) -> str:
        return f"http://127.0.0.1:{self.ports[f'rasa{n}']}"

    def start_rasa(self, n: int, wait: bool = True, **extra: str) -> None:
        self._start(f"rasa{n}", "rasa", RASA_PORT=str(self.ports[f"rasa{n}"]), **extra)
        if wait:
            self.wait_rasa(n)

    def wait_rasa(self, n: int) -> None:
        wait_for(self.rasa_url(n) + "/", 300, self.processes[f"rasa{n}"])

    def start_actions(self, n: int) -> None:
        port = self.ports[f"actions{n}"]
        wait_for(f"http://127.0.0.1:{port}/health", 120, self._start(f"actions{n}", "actions", ACTION_PORT=str(port)))

    def start_all(self) -> None:
        for n in range(self.replicas):
            self.start_actions(n)
        for n in range(self.replicas):
            self.start_rasa(n, wait=False)
        for n in range(self.replicas):
            self.wait_rasa(n)

    # --- nginx -----------------------------------------------------------------------------
    def start_nginx(
        self,
        name: str = "nginx",
        replicas: Optional[list[int]] = None,
        limits: dict[str, int] = LOAD_TEST_NGINX_LIMITS,
        action_servers: Optional[list[str]] = None,
    ) -> str:
        """Starts nginx in front of the given replicas (all by default); returns its URL. The load
        generator is one address, so the per-client limits are lifted unless `limits` are given."""
        replicas = list(range(self.replicas)) if replicas is None else replicas
        state = self.workdir / name
        state.mkdir(exist_ok=True)
        state.chmod(0o777)  # nginx's workers run as an unprivileged user when started as root
        port = free_port()
        action_listen = f"127.0.0.1:{self.action_proxy_port}" if name == "nginx" else f"127.0.0.1:{free_port()}"
        config = state / "nginx.conf"
        config.write_text(
            render(
                listen=f"127.0.0.1:{port}",
                action_listen=action_listen,
                rasa=[f"127.0.0.1:{self.ports[f'rasa{n}']}" for n in replicas],
                actions=action_servers or [f"127.0.0.1:{self.ports[f'actions{n}']}" for n in range(self.replicas)],
                state_dir=state,
                rate_per_minute=limits.get("rate_per_minute", RATE_PER_MINUTE),
                burst=limits.get("burst", BURST),
                connections=limits.get("connections", CONNECTIONS),
                web_root=self.web_root or WEB_ROOT,
            )
        )
        self.start(name, [NGINX, "-c", str(config), "-g", "daemon off;"])
        url = f"http://127.0.0.1:{port}"
        self.action_proxies[name] = f"http://{action_listen}/webhook"
        wait_for(url + "/webhooks/health/", 30, self.processes[name])
        return url

    def upstreams(self, name: str = "nginx", path: str = "/webhooks/") -> list[str]:
        """The replica that served each finished request under `path`, in order, from nginx's access log."""
        log = self.workdir / name / "access.log"
        lines = log.read_text().splitlines() if log.exists() else []
        return [line.split("upstream=")[1].split()[0] for line in lines if f" {path}" in line and "upstream=" in line]

    # --- conversations ---------------------------------------------------------------------
    def tracker(self, sender: str, replica: int = 0) -> dict:
        """A conversation as Rasa's token-protected HTTP API returns it."""
        response = requests.get(
            f"{self.rasa_url(replica)}/conversations/{sender}/tracker", params={"token": self.token}, timeout=30
        )
        response.raise_for_status()
        return response.json()

    def turns(self, sender: str, replica: int = 0) -> list[tuple[str, list[str]]]:
        """(user text, bot texts that followed it) for every user message of a conversation."""
        turns: list[tuple[str, list[str]]] = []
        for event in self.tracker(sender, replica)["events"]:
            if event["event"] == "user":
                turns.append((event.get("text") or "", []))
            elif event["event"] == "bot" and turns:
                turns[-1][1].append(event.get("text") or "")
        return turns
