"""The action server and the Rasa server as `make run` starts them, for end-to-end tests and benchmarks."""

from __future__ import annotations

import json
import sqlite3
import subprocess
import time
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator

from actions import loader
from actions.paths import PROJECT_ROOT
from harness import rest
from harness.processes import BIN, RASA, ProcessGroup, free_port, wait_for
from scripts.endpoints import endpoints_with

MODEL = PROJECT_ROOT / "models" / "current.tar.gz"


# The per-client message limits lifted (addons/channels/rate_limit.py): every test and benchmark client is
# one address. A test of the limits starts its servers with the limits it wants.
LOAD_TEST_LIMITS = {"RATE_LIMIT_PER_MINUTE": "10000000", "RATE_LIMIT_BURST": "1000000"}


@dataclass
class Assistant(ProcessGroup):
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

    def write_endpoints(self) -> Path:
        """endpoints.yml with this assistant's action server and tracker store."""
        place = (
            {"dialect": "postgresql", "url": self.tracker_url}
            if self.tracker_url
            else {"dialect": "sqlite", "db": str(self.tracker_db)}
        )
        path = self.workdir / "endpoints.yml"
        path.write_text(endpoints_with(f"http://127.0.0.1:{self.action_port}/webhook", place))
        return path

    def start_actions(self) -> None:
        # The action server reads the same tracker store as Rasa for the weekly figures (actions/weekly_report.py).
        env = {"KNOWLEDGE_DB_URL": self.knowledge_url, "ENDPOINTS_FILE": str(self.write_endpoints())}
        argv = [str(BIN / "rasa"), "run", "actions", "--actions", "actions", "--port", str(self.action_port)]
        wait_for(f"http://127.0.0.1:{self.action_port}/health", 120, self.start("actions", argv, env))

    def start_rasa(self) -> None:
        argv = [*RASA, "run", "--model", str(self.model), "--port", str(self.rasa_port)]
        argv += ["--endpoints", str(self.write_endpoints()), "--credentials", "credentials.yml"]
        env = {"KNOWLEDGE_DB_URL": self.knowledge_url, **LOAD_TEST_LIMITS, **self.rasa_env}
        wait_for(self.url + "/", 300, self.start("rasa", argv, env))

    def ensure_running(self) -> None:
        """Starts whichever server is not running (a test that stops one starts from both running)."""
        for name, start in (("actions", self.start_actions), ("rasa", self.start_rasa)):
            process = self.processes.get(name)
            if process is None or process.poll() is not None:
                self.processes.pop(name, None)
                start()

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
        return rest.say(self.url, sender, text, metadata=metadata)


@contextmanager
def running_assistant(
    workdir: Path, rasa_env: dict[str, str], tracker_url: str | None = None, knowledge: Path = loader.DEFAULT_DIR
) -> Iterator[Assistant]:
    """The real action server and Rasa server on a knowledge database of their own in `workdir` (loaded
    from `knowledge`), and a tracker store there too unless `tracker_url` names a PostgreSQL one."""
    knowledge_url = f"sqlite:///{workdir / 'knowledge.db'}"
    loader.load(knowledge_url, knowledge)
    servers = Assistant(workdir=workdir, knowledge_url=knowledge_url, rasa_env=rasa_env, tracker_url=tracker_url)
    try:
        servers.start_actions()
        servers.start_rasa()
        yield servers
    finally:
        servers.stop_all()
