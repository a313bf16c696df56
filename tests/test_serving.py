"""How the servers are started: what the scripts and the Makefile promise before any request is served."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from actions.paths import PROJECT_ROOT

SERVE_PRODUCTION = PROJECT_ROOT / "scripts" / "serve_production.sh"
# What every Rasa replica needs (README, Running in production).
REPLICA_NEEDS = {
    "RASA_AUTH_TOKEN": "token",
    "ACTION_ENDPOINT_URL": "http://127.0.0.1:9/webhook",
    "TRACKER_STORE_URL": "postgresql://nobody@127.0.0.1:9/none",
    "REDIS_HOST": "127.0.0.1",
    "KNOWLEDGE_DB_URL": "sqlite:///nowhere.db",
}


@pytest.mark.parametrize("missing", REPLICA_NEEDS)
def test_a_replica_without_a_required_setting_refuses_to_start(missing: str) -> None:
    env = {k: v for k, v in os.environ.items() if k not in REPLICA_NEEDS}
    env.update({name: value for name, value in REPLICA_NEEDS.items() if name != missing})
    result = subprocess.run([str(SERVE_PRODUCTION), "rasa"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and f"{missing} is not set" in result.stderr


def test_an_action_server_without_its_knowledge_database_refuses_to_start() -> None:
    env = {k: v for k, v in os.environ.items() if k != "KNOWLEDGE_DB_URL"}
    result = subprocess.run([str(SERVE_PRODUCTION), "actions"], env=env, capture_output=True, text=True, timeout=60)
    assert result.returncode == 2 and "KNOWLEDGE_DB_URL is not set" in result.stderr


def test_every_server_listens_on_this_machine_only_unless_told_otherwise() -> None:
    for script in ("serve.sh", "serve_production.sh"):
        text = (PROJECT_ROOT / "scripts" / script).read_text(encoding="utf-8")
        defaults = re.findall(r"\$\{(?:RASA|ACTION)_INTERFACE:-([^}]*)\}", text)
        assert defaults and set(defaults) == {"127.0.0.1"}, (script, defaults)
    assert "--bind 127.0.0.1" in (PROJECT_ROOT / "scripts" / "serve.sh").read_text(encoding="utf-8")  # demo pages


def test_the_conversation_lock_outlives_a_turn_by_default() -> None:
    """The ticket lock's default lifetime is longer than a turn's store and action timeouts together."""
    from addons.stores.tracker import OPERATION_TIMEOUT

    text = SERVE_PRODUCTION.read_text(encoding="utf-8")
    lifetime = float(re.search(r'TICKET_LOCK_LIFETIME="\$\{TICKET_LOCK_LIFETIME:-(\d+)\}"', text).group(1))
    nginx = (PROJECT_ROOT / "deploy" / "nginx.conf.template").read_text(encoding="utf-8")
    actions = nginx[nginx.index("listen ${ACTION_LISTEN};") :]  # the action servers' block
    connect = float(re.search(r"proxy_connect_timeout (\d+)s;", actions).group(1))
    read = float(re.search(r"proxy_read_timeout (\d+)s;", actions).group(1))
    assert lifetime > 2 * OPERATION_TIMEOUT + connect + read


def test_telemetry_is_off_in_rasas_own_configuration() -> None:
    env = {k: v for k, v in os.environ.items() if k != "RASA_TELEMETRY_ENABLED"}
    probe = "import rasa.telemetry as t; print(t.is_telemetry_enabled())"
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120)
    assert result.stdout.strip().splitlines()[-1] == "False"


def test_make_run_trains_only_when_the_data_or_config_changed(tmp_path: Path) -> None:
    model = PROJECT_ROOT / "models" / "current.tar.gz"
    if not model.exists():
        pytest.fail("no trained model: run `make train` (make test does)")
    dry = subprocess.run(["make", "-n", "run"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120)
    assert dry.returncode == 0 and "rasa train" not in dry.stdout and "scripts/serve.sh run" in dry.stdout
    # A newer config would be a reason to train (make -W pretends the file just changed).
    changed = subprocess.run(
        ["make", "-n", "-W", "config.yml", "run"], cwd=PROJECT_ROOT, capture_output=True, text=True, timeout=120
    )
    assert "rasa train" in changed.stdout


def _block(config: str, opening: str) -> str:
    """The text of the nginx block that starts with `opening`, up to its closing brace."""
    start = config.index(opening)
    return config[start : config.index("}", start)]


def test_nginx_limits_each_client_but_not_slack_and_never_repeats_a_timed_out_action_call(tmp_path: Path) -> None:
    from scripts.nginx_conf import BURST, CONNECTIONS, render

    config = render(
        listen="127.0.0.1:8080",
        action_listen="127.0.0.1:5056",
        rasa=["10.0.0.1:5005", "10.0.0.2:5005"],
        actions=["10.0.0.1:5055"],
        state_dir=tmp_path,
    )
    assert CONNECTIONS == 20 and BURST == 10  # README: 20 widget connections, 10 messages at once
    assert f"limit_conn connections {CONNECTIONS};" in _block(config, "location /socket.io/")
    assert f"limit_req zone=messages burst={BURST} nodelay;" in _block(config, "location /webhooks/ {")
    assert "limit_" not in _block(config, "location /webhooks/slack/")  # Slack posts from a few addresses
    # A replica that refuses connections is skipped for 5 s.
    assert "server 10.0.0.2:5005 max_fails=1 fail_timeout=5s;" in config
    actions = config[config.index("listen 127.0.0.1:5056;") :]  # the action servers' block
    retry = re.search(r"proxy_next_upstream ([^;]*);", actions).group(1).split()
    assert "error" in retry and "timeout" not in retry  # passed on when the connection failed, never after a timeout


def test_conversations_are_kept_thirty_days_and_purged_every_ten_minutes_by_default() -> None:
    import yaml

    from addons.stores.tracker import DEFAULT_PURGE_INTERVAL

    assert 'RETENTION_DAYS="${RETENTION_DAYS:-30}"' in SERVE_PRODUCTION.read_text(encoding="utf-8")
    embedded = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    assert embedded["tracker_store"]["retention_days"] == 30
    assert DEFAULT_PURGE_INTERVAL == 10 * 60


def test_other_ports_keep_everything_else_of_endpoints_yml() -> None:
    """make run on another ACTION_PORT and the test servers start from endpoints.yml, changing only the
    action server's address (and the tests' tracker store)."""
    import yaml

    from scripts.endpoints import endpoints_with

    original = yaml.safe_load((PROJECT_ROOT / "endpoints.yml").read_text(encoding="utf-8"))
    moved = yaml.safe_load(endpoints_with("http://localhost:5099/webhook"))
    assert moved["action_endpoint"] == {"url": "http://localhost:5099/webhook"}
    assert {k: v for k, v in moved.items() if k != "action_endpoint"} == {
        k: v for k, v in original.items() if k != "action_endpoint"
    }
    elsewhere = yaml.safe_load(endpoints_with("http://x/webhook", {"dialect": "postgresql", "url": "postgresql://db"}))
    store = {k: v for k, v in original["tracker_store"].items() if k not in ("dialect", "db")}
    assert elsewhere["tracker_store"] == {**store, "dialect": "postgresql", "url": "postgresql://db"}
