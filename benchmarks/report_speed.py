"""How long `make report` and `make suggest` take on a large tracker store (prints the figures).

    .venv/bin/python -m benchmarks.report_speed [--conversations 10000] [--postgres URL]

Fills a fresh tracker store (SQLite in a temporary directory, or a new database on the given
PostgreSQL server) with synthetic conversations stored as Rasa stores them: sessions of two to
six turns in Swedish and English on the three channels, a fifth of the questions unanswered
(in paraphrase groups), some answers judged 👍/👎. Then runs the staff commands as staff do
(`python -m insight report|suggest`, the Makefile's commands) and prints their wall time
and peak memory. Run it with `make bench-report`.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Iterator, Optional

from actions.languages import LANGUAGES
from actions.paths import PROJECT_ROOT as ROOT
from addons.stores.tracker import store_from_endpoints

ANSWERED = {
    "sv": [
        ("Vem leder innovationskontoret?", "ask_leader", "utter_leader"),
        ("Vad är InterAct?", "ask_interact", "utter_partner_group_interact"),
        ("Hur får jag verifieringsmedel?", "ask_funding", "utter_funding"),
        ("Vem kan jag kontakta?", "ask_contact", "utter_contact"),
    ],
    "en": [
        ("Who leads the innovation office?", "ask_leader", "utter_leader"),
        ("What is InterAct?", "ask_interact", "utter_partner_group_interact"),
        ("How do I get verification funding?", "ask_funding", "utter_funding"),
        ("Whom can I contact?", "ask_contact", "utter_contact"),
    ],
}
UNANSWERED = {
    "sv": [
        ["Finns det parkering vid kontoret?", "Kan man parkera hos er?", "Var parkerar jag vid KTH?"],
        ["Vilka öppettider har ni?", "När har ni öppet?"],
        ["Hur blir vädret i morgon?", "Regnar det i morgon?"],
    ],
    "en": [
        ["Is there parking at the office?", "Where do I park near KTH?", "Can I park at your office?"],
        ["What are your opening hours?", "When are you open?"],
        ["What's the weather tomorrow?", "Will it rain tomorrow?"],
    ],
}
CHANNELS = ["web", "slack", "rest"]
DAY = 86400.0


def _event(
    sender: str, type_name: str, at: float, data: dict, intent: Optional[str] = None, action: Optional[str] = None
) -> dict:
    return {
        "sender_id": sender,
        "type_name": type_name,
        "timestamp": at,
        "intent_name": intent,
        "action_name": action,
        "data": json.dumps({"event": type_name, "timestamp": at, **data}),
    }


def conversation(number: int, now: float, rng: random.Random) -> Iterator[dict]:
    sender = f"{CHANNELS[number % 3]}:{uuid.UUID(int=rng.getrandbits(128)).hex}"
    language = rng.choice(LANGUAGES)
    condition = [{"type": "slot", "name": "language", "value": language}]
    at = now - rng.random() * 28 * DAY
    yield _event(sender, "session_started", at, {})
    for _ in range(rng.randint(2, 6)):
        at += rng.uniform(5, 60)
        if rng.random() < 0.2:
            text, intent, reply = rng.choice(rng.choice(UNANSWERED[language])), "out_of_scope", "utter_out_of_scope"
        else:
            text, intent, reply = rng.choice(ANSWERED[language])
        ranking = [{"name": intent, "confidence": 0.9}, {"name": "ask_location", "confidence": 0.05}]
        yield _event(
            sender,
            "user",
            at,
            {
                "text": text,
                "parse_data": {"intent": ranking[0], "intent_ranking": ranking, "entities": [], "text": text},
            },
            intent=intent,
        )
        answered_at = at + rng.uniform(0.01, 0.4)
        yield _event(sender, "action", answered_at, {"name": reply}, action=reply)
        yield _event(
            sender, "bot", answered_at, {"text": "…", "metadata": {"utter_action": reply, "condition": condition}}
        )
        if reply != "utter_out_of_scope" and rng.random() < 0.1:
            rating = rng.choice(["up", "up", "down"])
            yield _event(
                sender,
                "slot",
                answered_at + 3,
                {"name": "feedback", "value": {"rating": rating, "answer": answered_at}},
                action="feedback",
            )


def fill(endpoints: Path, conversations: int) -> int:
    store = store_from_endpoints(endpoints)
    rng, now, stored = random.Random(7), time.time(), 0
    batch: list[dict] = []
    table = store.SQLEvent.__table__
    with store.engine.begin() as connection:
        for number in range(conversations):
            batch.extend(conversation(number, now, rng))
            if len(batch) >= 20_000:
                connection.execute(table.insert(), batch)
                stored, batch = stored + len(batch), []
        if batch:
            connection.execute(table.insert(), batch)
            stored += len(batch)
    store.engine.dispose()
    return stored


def timed(command: str, endpoints: Path, out: Path) -> tuple[float, float, str]:
    """Seconds, peak resident MB and the summary line of one staff command, run as staff run it."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    started = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "insight", command, "--endpoints", str(endpoints), "--out", str(out)],
        cwd=ROOT,
        check=True,
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - started
    peak = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss) / 1024
    return seconds, peak, done.stdout.strip().splitlines()[-1]


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=10_000)
    parser.add_argument("--postgres", help="a PostgreSQL database URL to fill instead of SQLite (it must be empty)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        endpoints = Path(workdir) / "endpoints.yml"
        place = (
            f'dialect: "postgresql"\n  url: "{args.postgres}"'
            if args.postgres
            else f'dialect: "sqlite"\n  db: "{Path(workdir) / "tracker.db"}"'
        )
        endpoints.write_text(f"tracker_store:\n  type: addons.stores.tracker.MonitoredSQLTrackerStore\n  {place}\n")
        started = time.perf_counter()
        events = fill(endpoints, args.conversations)
        print(
            f"stored {args.conversations} conversations ({events} events) in {time.perf_counter() - started:.1f} s "
            f"on {'PostgreSQL' if args.postgres else 'SQLite'}"
        )
        for command in ("report", "suggest"):
            seconds, peak, summary = timed(command, endpoints, Path(workdir) / f"out.{command}")
            print(f"make {command}: {seconds:.1f} s wall, peak {peak:.0f} MB resident ({summary})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
