"""Speed and cost of the assistant as `make run` serves it: REST channel, action server, SQLite.

- latency and messages/s at 1, 8 and 32 concurrent conversations (harness/load.py,
  bounded in time and count, loopback only);
- the floor: the NLU parse alone, in process, and the ratio of a REST turn to it;
- where a turn's time goes: Rasa's own steps, profiled in process with the same
  endpoints;
- the check of an action server's answer, as Rasa 3.6 ships it and as this project does it;
- resident memory of both servers after the load, and time from start to the first answer.
"""

from __future__ import annotations

import asyncio
import inspect
import statistics
import sys
import time
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator

import numpy as np
from rasa.core.agent import Agent, load_agent
from rasa.core.utils import AvailableEndpoints

from actions import loader
from benchmarks import answers
from harness.assistant import Assistant
from harness.load import CONVERSATIONS, LoadResult, mixed_conversations, run_load
from harness.nlu_evaluation import parse_all

CONCURRENCY = (1, 8, 32)
MAX_MESSAGES = 1000
DEADLINE_S = 240
TEXTS = [text for messages in CONVERSATIONS.values() for text in messages]


def turn_steps() -> dict[str, tuple[type, str]]:
    """Rasa's steps of one turn: (class, method) that does each."""
    from rasa.core.actions.action import RemoteAction
    from rasa.core.processor import MessageProcessor
    from rasa.core.tracker_store import SQLTrackerStore
    from rasa.nlu.featurizers.sparse_featurizer.count_vectors_featurizer import CountVectorsFeaturizer
    from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer

    from addons.nlu.knowledge_entity_extractor import KnowledgeEntityExtractor
    from addons.nlu.language_detector import LanguageDetector
    from addons.nlu.linear_intent_classifier import LinearIntentClassifier

    return {
        "whole turn (Agent.handle_message)": (Agent, "handle_message"),
        "NLU pipeline, all components": (MessageProcessor, "parse_message"),
        "NLU: tokenizer": (WhitespaceTokenizer, "process"),
        "NLU: count vectors (both)": (CountVectorsFeaturizer, "process"),
        "NLU: intent classifier": (LinearIntentClassifier, "process"),
        "NLU: partner names": (KnowledgeEntityExtractor, "process"),
        "NLU: language detector": (LanguageDetector, "process"),
        "dialogue policies": (MessageProcessor, "_predict_next_with_tracker"),
        "custom action, HTTP call to the action server": (RemoteAction, "run"),
        "tracker store: read (SQLite)": (SQLTrackerStore, "_retrieve"),
        "tracker store: write (SQLite)": (SQLTrackerStore, "save"),
    }


@contextmanager
def wall_clock(steps: dict[str, tuple[type, str]], totals: dict[str, float]) -> Iterator[None]:
    """Adds the wall-clock seconds spent in each step (awaits included) to `totals`."""
    originals = {label: getattr(owner, name) for label, (owner, name) in steps.items()}

    def timed(label: str, function: Callable) -> Callable:
        if inspect.iscoroutinefunction(function):

            async def timed_async(*args: Any, **kwargs: Any) -> Any:
                started = time.perf_counter()
                try:
                    return await function(*args, **kwargs)
                finally:
                    totals[label] += time.perf_counter() - started

            return timed_async

        def timed_sync(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return function(*args, **kwargs)
            finally:
                totals[label] += time.perf_counter() - started

        return timed_sync

    for label, (owner, name) in steps.items():
        setattr(owner, name, timed(label, originals[label]))
    try:
        yield
    finally:
        for label, (owner, name) in steps.items():
            setattr(owner, name, originals[label])


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def parse_floor_ms(agent: Agent, repeats: int = 5) -> list[float]:
    """Milliseconds of the NLU parse alone for each message of the load, in process."""
    parse_all(agent, TEXTS)  # warm-up
    timings = []
    for _ in range(repeats):
        for text in TEXTS:
            started = time.perf_counter()
            parse_all(agent, [text])
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def profile_turns(model: Path, endpoints: Path, conversations: int = 6) -> dict[str, float]:
    """Milliseconds per turn spent in each of Rasa's steps, in process, with the same endpoints."""

    async def talk(agent: Agent, prefix: str) -> int:
        turns = 0
        for n, messages in enumerate(mixed_conversations(conversations)):
            for text in messages:
                await agent.handle_text(text, sender_id=f"{prefix}-{n}")
                turns += 1
        return turns

    async def profile() -> dict[str, float]:
        totals: dict[str, float] = defaultdict(float)
        # Timed from the start: Rasa's graph keeps the methods it found when the model was loaded.
        with wall_clock(turn_steps(), totals):
            agent = await load_agent(model_path=str(model), endpoints=AvailableEndpoints.read_endpoints(str(endpoints)))
            await talk(agent, "warm-up")
            totals.clear()
            turns = await talk(agent, "profiled")
        return {label: round(totals[label] * 1000 / turns, 2) for label in turn_steps()}

    return asyncio.run(profile())


# A typical answer of the action server: one slot set, one message with buttons.
ACTION_ANSWER = {
    "events": [{"event": "slot", "timestamp": None, "name": "partner", "value": "uu"}],
    "responses": [
        {
            "text": "Uppsala universitet ...",
            "buttons": [{"title": "Webbplats", "payload": "/ask_website"}],
            "elements": [],
            "custom": {},
            "template": None,
            "response": None,
            "image": None,
            "attachment": None,
        }
    ],
}


def response_check_ms(repeats: int = 30) -> dict[str, float]:
    """Milliseconds to check one action-server answer: Rasa 3.6's way, and this project's."""
    from jsonschema import validate
    from rasa.core.actions.action import RemoteAction

    from addons.action_response_validation import response_validator

    schema = RemoteAction.action_response_format_spec()
    checks = {
        "rasa_3_6": lambda: validate(ACTION_ANSWER, schema),  # what RemoteAction does as shipped
        "project": lambda: response_validator().validate(ACTION_ANSWER),
    }
    figures = {}
    for name, check in checks.items():
        check()
        started = time.perf_counter()
        for _ in range(repeats):
            check()
        figures[name] = round((time.perf_counter() - started) * 1000 / repeats, 2)
    return figures


def latency_figures(result: LoadResult) -> dict[str, float]:
    figures = result.summary()
    return {
        "p50_ms": figures["p50_ms"],
        "p95_ms": figures["p95_ms"],
        "p99_ms": figures["p99_ms"],
        "rps": figures["rps"],
        "messages": figures["messages"],
        "answered": figures["answered"],
    }


def measure_load(url: str) -> tuple[dict, dict[str, np.ndarray]]:
    """Latency figures at each concurrency, after a warm-up, and every latency (for the CDF plot)."""
    figures: dict = {}
    latencies: dict[str, np.ndarray] = {}
    run_load(url, mixed_conversations(4), concurrency=4, prefix="warm-up")
    for concurrency in CONCURRENCY:
        print(f"speed: {concurrency} concurrent conversations", file=sys.stderr)
        result = run_load(
            url,
            mixed_conversations(max(6, 2 * concurrency)),
            concurrency,
            DEADLINE_S,
            MAX_MESSAGES,
            prefix=f"c{concurrency}",
        )
        figures[f"c{concurrency}"] = latency_figures(result)
        print(f"  {figures[f'c{concurrency}']}", file=sys.stderr)
        latencies[f"c{concurrency}"] = result.latencies_ms()
    return figures, latencies


def run(model: Path, agent: Agent, workdir: Path) -> tuple[dict, dict[str, np.ndarray]]:
    """The speed and cost figures, and every latency (for the CDF plot)."""
    knowledge_url = f"sqlite:///{workdir / 'knowledge.db'}"
    loader.load(knowledge_url)
    servers = Assistant(workdir=workdir, knowledge_url=knowledge_url, model=model)
    figures: dict = {}
    try:
        servers.start_actions()
        started = time.monotonic()
        servers.start_rasa()
        servers.say("bench-first-answer", "Hej")
        figures["start_to_first_answer_s"] = round(time.monotonic() - started, 1)
        print("answers: held-out questions through REST", file=sys.stderr)
        figures["answers"] = answers.run(servers.say)
        load_figures, latencies = measure_load(servers.url)
        figures.update(load_figures)
        figures["rasa_rss_mb"] = round(rss_mb(servers.processes["rasa"].pid), 1)
        figures["actions_rss_mb"] = round(rss_mb(servers.processes["actions"].pid), 1)
        servers.stop("rasa")
        print("speed: profiling a turn", file=sys.stderr)
        figures["turn_profile_ms"] = profile_turns(model, servers.write_endpoints())
    finally:
        servers.stop_all()
    floor = parse_floor_ms(agent)
    figures["parse_p50_ms"] = round(statistics.median(floor), 2)
    figures["parse_p95_ms"] = round(float(np.percentile(floor, 95)), 2)
    figures["c1_over_parse"] = round(figures["c1"]["p50_ms"] / figures["parse_p50_ms"], 1)
    latencies["parse"] = np.array(floor)
    figures["action_response_check_ms"] = response_check_ms()
    return figures, latencies
