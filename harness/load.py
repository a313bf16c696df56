"""A bounded load generator for the assistant's REST channel, on loopback only.

Each conversation sends its messages one after another, as a person does; many
conversations run at once. Every message's status, replies and latency are
kept, so that tests can check the answers and benchmarks can print figures.
The load is bounded by a message count and a deadline, and refuses any host
but this machine.
"""

from __future__ import annotations

import asyncio
import time
import uuid
from dataclasses import dataclass, field
from typing import Optional, Sequence
from urllib.parse import urlsplit

import aiohttp
import numpy as np

LOOPBACK = {"127.0.0.1", "localhost", "::1"}

# Ten messages of an ordinary visit, in each language, with a follow-up that needs the context.
CONVERSATIONS = {
    "sv": [
        "Hej",
        "Vad är KTH Innovation?",
        "Vem kan jag kontakta?",
        "och hennes mejl?",
        "Vilka partner har ni?",
        "Berätta om Uppsala",
        "Var ligger ni?",
        "Kan ni hjälpa mig med patent?",
        "Tack!",
        "Hej då",
    ],
    "en": [
        "Hello",
        "What is KTH Innovation?",
        "Who should I contact?",
        "and her e-mail?",
        "Who are your partners?",
        "Tell me about Uppsala",
        "Where are you?",
        "Can you help me with patents?",
        "Thanks!",
        "Bye",
    ],
}


@dataclass
class Turn:
    """One message and what came back."""

    sender: str
    index: int
    text: str
    status: int = 0  # 0: no HTTP answer at all
    replies: list[dict] = field(default_factory=list)
    latency_s: float = 0.0
    started_at: float = 0.0  # time.monotonic() when sent
    error: Optional[str] = None

    @property
    def answered(self) -> bool:
        return self.status == 200 and bool(self.replies)


@dataclass
class LoadResult:
    turns: list[Turn]
    wall_s: float

    def latencies_ms(self) -> np.ndarray:
        return np.array([t.latency_s * 1000 for t in self.turns if t.answered])

    def percentile_ms(self, q: float) -> float:
        latencies = self.latencies_ms()
        return float(np.percentile(latencies, q)) if len(latencies) else float("nan")

    @property
    def rps(self) -> float:
        return sum(t.answered for t in self.turns) / self.wall_s if self.wall_s else 0.0

    def summary(self) -> dict[str, float]:
        return {
            "messages": len(self.turns),
            "answered": sum(t.answered for t in self.turns),
            "p50_ms": round(self.percentile_ms(50), 1),
            "p95_ms": round(self.percentile_ms(95), 1),
            "p99_ms": round(self.percentile_ms(99), 1),
            "rps": round(self.rps, 1),
        }

    def by_sender(self) -> dict[str, list[Turn]]:
        conversations: dict[str, list[Turn]] = {}
        for turn in sorted(self.turns, key=lambda t: (t.sender, t.index)):
            conversations.setdefault(turn.sender, []).append(turn)
        return conversations


def check_loopback(url: str) -> None:
    host = urlsplit(url).hostname
    if host not in LOOPBACK:
        raise ValueError(f"the load generator targets this machine only, not {host!r}")


async def _conversation(
    session: aiohttp.ClientSession,
    url: str,
    sender: str,
    messages: Sequence[str],
    deadline: float,
    budget: list[int],
    turns: list[Turn],
) -> None:
    for index, text in enumerate(messages):
        if time.monotonic() > deadline or budget[0] <= 0:
            return
        budget[0] -= 1
        turn = Turn(sender, index, text)
        turns.append(turn)
        turn.started_at = time.monotonic()
        started = time.perf_counter()
        try:
            async with session.post(url, json={"sender": sender, "message": text}) as response:
                turn.status = response.status
                body = await response.json(content_type=None)
                turn.replies = body if isinstance(body, list) else []
        except (aiohttp.ClientError, asyncio.TimeoutError, ValueError) as error:
            turn.error = f"{type(error).__name__}: {error}"
        turn.latency_s = time.perf_counter() - started


async def _run(
    base_url: str,
    conversations: Sequence[Sequence[str]],
    concurrency: int,
    deadline_s: float,
    max_messages: int,
    prefix: str,
    headers: Optional[dict] = None,
) -> LoadResult:
    url = base_url.rstrip("/") + "/webhooks/rest/webhook"
    turns: list[Turn] = []
    budget = [max_messages]
    deadline = time.monotonic() + deadline_s
    limit = asyncio.Semaphore(concurrency)
    timeout = aiohttp.ClientTimeout(total=60)

    async with aiohttp.ClientSession(
        timeout=timeout, connector=aiohttp.TCPConnector(limit=concurrency), headers=headers
    ) as session:

        async def one(number: int, messages: Sequence[str]) -> None:
            async with limit:
                sender = f"{prefix}-{number}-{uuid.uuid4().hex[:6]}"
                await _conversation(session, url, sender, messages, deadline, budget, turns)

        started = time.perf_counter()
        await asyncio.gather(*(one(n, messages) for n, messages in enumerate(conversations)))
        return LoadResult(turns, time.perf_counter() - started)


def run_load(
    base_url: str,
    conversations: Sequence[Sequence[str]],
    concurrency: int,
    deadline_s: float = 300,
    max_messages: int = 10_000,
    prefix: str = "load",
    headers: Optional[dict] = None,
) -> LoadResult:
    """Sends `conversations` (each a list of messages) with `concurrency` of them at a time."""
    check_loopback(base_url)
    return asyncio.run(_run(base_url, conversations, concurrency, deadline_s, max_messages, prefix, headers))


def mixed_conversations(count: int) -> list[list[str]]:
    """`count` ordinary visits, alternating Swedish and English."""
    return [CONVERSATIONS["sv" if n % 2 == 0 else "en"] for n in range(count)]
