"""make bench: quality, speed and cost of the assistant, beside two baselines, in one run.

    .venv/bin/python -m benchmarks [--folds 5] [--out reports]

Trains the project's model from scratch (timed, empty cache), then measures NLU
quality (held-out and cross-validated, beside Rasa's default pipeline and a
TF-IDF + logistic regression baseline), language identification, speed through
the REST channel and cost, and the same speed and cost figures of the bare
assistant `rasa init` creates (benchmarks/peer.py); writes
reports/benchmark.{json,md} and PNG plots. About 30 minutes on a 2-core
machine, most of it training the baselines' fold models.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

from rasa.core.agent import Agent
from rasa.utils.log_utils import configure_structlog

from actions.paths import PROJECT_ROOT as ROOT
from benchmarks import language_id, nlu, peer, report, speed
from benchmarks.reading import reading


def train_project(workdir: Path) -> tuple[Path, float]:
    """`rasa train` of the project (NLU and dialogue) with an empty cache; the model and the seconds."""
    env = {**os.environ, "RASA_CACHE_DIRECTORY": str(workdir / "cache"), "RASA_TELEMETRY_ENABLED": "false"}
    started = time.monotonic()
    subprocess.run(
        [str(Path(sys.executable).parent / "rasa"), "train", "--out", str(workdir), "--fixed-model-name", "bench"],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
    )
    return workdir / "bench.tar.gz", time.monotonic() - started


def machine() -> str:
    return f"{os.cpu_count()} cores, {platform.machine()}, Python {platform.python_version()}"


def assemble(
    results: dict, languages: dict, timing: dict, train_seconds: float, model_mb: float, peer_figures: dict
) -> dict:
    """The content of benchmark.json, targets and reading included, from the measured figures."""
    nlu_figures = report.nlu_figures(results)
    data = {
        "measured_at": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "machine": machine(),
        "nlu": nlu_figures["project"],
        "baselines": {name: nlu_figures[name] for name in ("rasa_default", "tfidf_lr")},
        "language_id": languages,
        "latency": {
            key: timing[key]
            for key in (
                "c1",
                "c8",
                "c32",
                "parse_p50_ms",
                "parse_p95_ms",
                "c1_over_parse",
                "turn_profile_ms",
                "action_response_check_ms",
            )
        },
        "cost": {
            "train_s": round(train_seconds, 1),
            "model_mb": round(model_mb, 1),
            "rasa_rss_mb": timing["rasa_rss_mb"],
            "actions_rss_mb": timing["actions_rss_mb"],
            "start_to_first_answer_s": timing["start_to_first_answer_s"],
        },
        "peer": peer_figures,
        "answers": timing.get("answers", {}),
    }
    data["targets"] = report.targets(data)
    data["peer_ratios"] = report.peer_ratios(data)
    data["reading"] = reading(data)
    return data


def main() -> None:
    # Rasa's own log level when it serves (INFO), so in-process measurements pay what a server pays.
    configure_structlog(logging.INFO)
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "reports")
    args = parser.parse_args()

    # Cross-validation first; the timed training and the speed measurements last, on a machine
    # that by then runs nothing else of this benchmark.
    results = nlu.run(args.folds)
    with tempfile.TemporaryDirectory(prefix="kth-bench-") as tmp:
        workdir = Path(tmp)
        print("training the project's model (empty cache)", file=sys.stderr)
        model, train_seconds = train_project(workdir)
        agent = Agent.load(str(model))
        results["project"]["held_out"] = nlu.held_out("project", workdir, agent)
        print("language identification", file=sys.stderr)
        languages = language_id.run(agent)
        (workdir / "speed").mkdir()
        timing, latencies = speed.run(model, agent, workdir / "speed")
        model_mb = model.stat().st_size / 2**20
        peer_figures, peer_latencies = peer.run(workdir)
        latencies["rasa init c8"] = peer_latencies["c8"]

    data = assemble(results, languages, timing, train_seconds, model_mb, peer_figures)
    report.write(args.out, data, results["project"]["held_out"], latencies)
    print((args.out / "benchmark.md").read_text())


if __name__ == "__main__":
    main()
