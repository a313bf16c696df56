"""Starts the real action server and Rasa server for end-to-end tests."""

from __future__ import annotations

import json
import os
import socket
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import requests

from actions.paths import PROJECT_ROOT

BIN = Path(sys.executable).parent
MODEL = PROJECT_ROOT / "models" / "current.tar.gz"


# The per-client message limits lifted (addons/rate_limit.py): every test and benchmark client is
# one address. A test of the limits starts its servers with the limits it wants.
LOAD_TEST_LIMITS = {"RATE_LIMIT_PER_MINUTE": "10000000", "RATE_LIMIT_BURST": "1000000"}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, timeout: float, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{process.args[0]} exited with {process.returncode} before answering {url}")
        try:
            if requests.get(url, timeout=2).status_code < 500:
                return
        except requests.RequestException:
            pass
        time.sleep(0.5)
    raise TimeoutError(f"{url} did not answer within {timeout:.0f} s")


@dataclass
class Assistant:
    """The action server and the Rasa server, on free ports, with their own databases."""

    workdir: Path
    knowledge_url: str
    action_port: int = field(default_factory=free_port)
    rasa_port: int = field(default_factory=free_port)
    processes: dict[str, subprocess.Popen] = field(default_factory=dict)
    rasa_env: dict[str, str] = field(default_factory=dict)
    model: Path = MODEL
    # The tracker store: a PostgreSQL URL, else SQLite in workdir.
    tracker_url: str | None = None

    @property
    def tracker_db(self) -> Path:
        return self.workdir / "tracker.db"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.rasa_port}"

    def _log(self, name: str):
        return open(self.workdir / f"{name}.log", "ab")

    def write_endpoints(self) -> Path:
        path = self.workdir / "endpoints.yml"
        place = (
            f'dialect: "postgresql"\n  url: "{self.tracker_url}"'
            if self.tracker_url
            else f'dialect: "sqlite"\n  db: "{self.tracker_db}"'
        )
        path.write_text(
            f'action_endpoint:\n  url: "http://127.0.0.1:{self.action_port}/webhook"\n'
            f"tracker_store:\n  type: addons.tracker_store.MonitoredSQLTrackerStore\n  {place}\n"
        )
        return path

    def start_actions(self) -> None:
        # The action server reads the same tracker store as Rasa for the weekly figures (actions/weekly_report.py).
        env = {**os.environ, "KNOWLEDGE_DB_URL": self.knowledge_url, "ENDPOINTS_FILE": str(self.write_endpoints())}
        self.processes["actions"] = subprocess.Popen(
            [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(self.action_port)],
            cwd=PROJECT_ROOT,
            env=env,
            stdout=self._log("actions"),
            stderr=subprocess.STDOUT,
        )
        wait_for(f"http://127.0.0.1:{self.action_port}/health", 120, self.processes["actions"])

    def start_rasa(self) -> None:
        self.processes["rasa"] = subprocess.Popen(
            [
                str(BIN / "rasa"),
                "run",
                "--model",
                str(self.model),
                "--port",
                str(self.rasa_port),
                "--endpoints",
                str(self.write_endpoints()),
                "--credentials",
                "credentials.yml",
            ],
            cwd=PROJECT_ROOT,
            env={**os.environ, **LOAD_TEST_LIMITS, **self.rasa_env},
            stdout=self._log("rasa"),
            stderr=subprocess.STDOUT,
        )
        wait_for(self.url + "/", 300, self.processes["rasa"])

    def stop(self, name: str) -> None:
        process = self.processes.pop(name, None)
        if process is not None and process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def stop_all(self) -> None:
        for name in list(self.processes):
            self.stop(name)

    def stored_events(self, sender: str, type_name: str) -> list[dict]:
        """The events of one type of a conversation as the SQLite tracker store holds them."""
        with sqlite3.connect(self.tracker_db) as connection:
            rows = connection.execute(
                "SELECT data FROM events WHERE sender_id = ? AND type_name = ? ORDER BY id", (sender, type_name)
            ).fetchall()
        return [json.loads(data) for (data,) in rows]

    def stored_user_texts(self, sender: str) -> list[str]:
        """The user messages of a conversation as the SQLite tracker store holds them."""
        return [event["text"] for event in self.stored_events(sender, "user")]

    def assert_stored_user_texts(self, sender: str, expected: list[str], timeout: float = 15) -> None:
        """Waits up to `timeout` for the conversation's stored user messages to be `expected`: socket.io
        replies reach the page before the turn is stored."""
        deadline = time.monotonic() + timeout
        while (texts := self.stored_user_texts(sender)) != expected and time.monotonic() < deadline:
            time.sleep(0.1)
        assert texts == expected, f"stored {texts}, expected {expected}"

    def say(self, sender: str, text: str, **metadata: str) -> list[dict]:
        """Sends a message over the REST channel; returns the bot's messages."""
        body = {"sender": sender, "message": text, **({"metadata": metadata} if metadata else {})}
        response = requests.post(self.url + "/webhooks/rest/webhook", json=body, timeout=60)
        response.raise_for_status()
        return response.json()
