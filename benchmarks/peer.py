"""The peer a Rasa user starts from: the bare assistant `rasa init` creates, served as the project is.

Scaffolded as `rasa init` does it (Rasa's create_initial_project; `rasa init
--no-prompt` would also train once more, untimed), trained with an empty cache
(timed), and served over REST with an SQLite tracker store,
like `make run`; the same load as the project's (benchmarks.speed.measure_load).
Its figures are the denominators of the report's ratios.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import requests

from benchmarks.speed import measure_load, rss_mb
from harness.processes import BIN, free_port, wait_for


def _rasa(*args: str, cwd: Path, env: dict[str, str] | None = None) -> None:
    subprocess.run(
        [str(BIN / "rasa"), *args], cwd=cwd, env={**os.environ, **(env or {})}, check=True, capture_output=True
    )


def run(workdir: Path) -> tuple[dict, dict[str, np.ndarray]]:
    """Training time, model size, start to first answer, latency at 1/8/32 conversations, resident memory."""
    from rasa.cli.scaffold import create_initial_project

    project = workdir / "rasa-init"
    print("peer: rasa init", file=sys.stderr)
    create_initial_project(str(project))
    started = time.monotonic()
    _rasa(
        "train",
        "--out",
        "bench-models",
        "--fixed-model-name",
        "peer",
        cwd=project,
        env={"RASA_CACHE_DIRECTORY": str(workdir / "peer-cache")},
    )
    figures: dict = {"train_s": round(time.monotonic() - started, 1)}
    model = project / "bench-models" / "peer.tar.gz"
    figures["model_mb"] = round(model.stat().st_size / 2**20, 1)
    endpoints = project / "bench-endpoints.yml"
    endpoints.write_text(f'tracker_store:\n  type: SQL\n  dialect: "sqlite"\n  db: "{project / "tracker.db"}"\n')
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    started = time.monotonic()
    with open(workdir / "peer-rasa.log", "ab") as log:
        process = subprocess.Popen(
            [
                str(BIN / "rasa"),
                "run",
                "--model",
                str(model),
                "--port",
                str(port),
                "--endpoints",
                str(endpoints),
                "--credentials",
                "credentials.yml",
            ],
            cwd=project,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(url + "/", 300, process)
        requests.post(
            url + "/webhooks/rest/webhook", json={"sender": "peer-first", "message": "hello"}, timeout=60
        ).raise_for_status()
        figures["start_to_first_answer_s"] = round(time.monotonic() - started, 1)
        load_figures, latencies = measure_load(url)
        figures.update(load_figures)
        figures["rasa_rss_mb"] = round(rss_mb(process.pid), 1)
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
    return figures, latencies
