"""The figures of a period's conversations: volume, containment, topics, unanswered questions, latency.

Every figure is computed from the conversations (insight/conversations.py); the page, the
suggestions and the Slack summary only show them.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Dict, Iterable, List, Optional, Tuple

import numpy as np

from addons.stores.tracker import store_from_endpoints
from insight.conversations import Conversation, Turn, conversations, read_events
from insight.groups import Group, group_questions
from insight.outcomes import FALLBACK, JUDGED_NOT_HELPFUL, NOT_CONTAINED, UNANSWERED

UNKNOWN_LANGUAGE = "?"


@dataclass
class TopicFigures:
    """One topic (the intent a question was understood as)."""

    name: str
    asked: int = 0
    up: int = 0
    down: int = 0
    fallbacks: int = 0

    @property
    def fallback_rate(self) -> float:
        return self.fallbacks / self.asked if self.asked else 0.0


@dataclass
class UnansweredGroup:
    """Paraphrases of one unanswered question, with why each went unanswered."""

    group: Group
    reasons: Counter
    nearest_topic: Tuple[str, float]
    comments: List[str] = field(default_factory=list)


@dataclass
class Figures:
    start: Optional[float]
    end: Optional[float]
    conversations: int = 0
    messages: int = 0
    contained: int = 0
    by_day_language: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    by_day_channel: Dict[str, Counter] = field(default_factory=lambda: defaultdict(Counter))
    messages_by_day: Counter = field(default_factory=Counter)
    languages: Counter = field(default_factory=Counter)
    channels: Counter = field(default_factory=Counter)
    outcomes: Counter = field(default_factory=Counter)
    topics: Dict[str, TopicFigures] = field(default_factory=dict)
    ratings: Counter = field(default_factory=Counter)
    latencies: List[float] = field(default_factory=list)
    unanswered: List[UnansweredGroup] = field(default_factory=list)

    @property
    def containment(self) -> float:
        """The share of conversations without a fallback, an out-of-scope reply or a request for a person."""
        return self.contained / self.conversations if self.conversations else 0.0

    def latency(self, percentile: float) -> Optional[float]:
        return float(np.percentile(self.latencies, percentile)) if self.latencies else None

    @property
    def unanswered_questions(self) -> int:
        return sum(group.group.size for group in self.unanswered)

    def topics_by_count(self) -> List[TopicFigures]:
        return sorted(self.topics.values(), key=lambda topic: (-topic.asked, topic.name))


def day_of(timestamp: float) -> str:
    return datetime.fromtimestamp(timestamp, tz=timezone.utc).strftime("%Y-%m-%d")


def percent(share: float, decimals: int = 1) -> str:
    return f"{100 * share:.{decimals}f} %"


def milliseconds(seconds: Optional[float]) -> str:
    return "–" if seconds is None else f"{1000 * seconds:.0f} ms"


def is_unanswered(turn: Turn) -> bool:
    """A question staff should see: not answered, or answered and judged 👎."""
    return turn.typed and (turn.outcome in UNANSWERED or turn.rating == "down")


def _count_turn(figures: Figures, turn: Turn) -> None:
    figures.messages += 1
    figures.messages_by_day[day_of(turn.asked_at)] += 1
    figures.outcomes[turn.outcome] += 1
    if turn.latency is not None:
        figures.latencies.append(turn.latency)
    topic = figures.topics.setdefault(turn.intent, TopicFigures(turn.intent))
    topic.asked += 1
    topic.fallbacks += turn.outcome == FALLBACK
    if turn.rating in ("up", "down"):
        figures.ratings[turn.rating] += 1
        setattr(topic, turn.rating, getattr(topic, turn.rating) + 1)


def compute(
    conversations: Iterable[Conversation], start: Optional[float] = None, end: Optional[float] = None
) -> Figures:
    figures = Figures(start, end)
    unanswered: List[Turn] = []
    for conversation in conversations:
        language = conversation.language or UNKNOWN_LANGUAGE
        day = day_of(conversation.turns[0].asked_at)  # the day of its first message
        figures.conversations += 1
        figures.contained += not (conversation.outcomes() & NOT_CONTAINED)
        figures.by_day_language[day][language] += 1
        figures.by_day_channel[day][conversation.channel] += 1
        figures.languages[language] += 1
        figures.channels[conversation.channel] += 1
        for turn in conversation.turns:
            _count_turn(figures, turn)
            if is_unanswered(turn):
                turn.language = turn.language or language
                unanswered.append(turn)
    figures.unanswered = _unanswered_groups(unanswered)
    return figures


def _unanswered_groups(turns: List[Turn]) -> List[UnansweredGroup]:
    groups = group_questions((turn.language or UNKNOWN_LANGUAGE, turn.text) for turn in turns)
    by_text: Dict[Tuple[str, str], List[Turn]] = defaultdict(list)
    for turn in turns:
        by_text[(turn.language or UNKNOWN_LANGUAGE, " ".join(turn.text.split()))].append(turn)
    result = []
    for group in groups:
        members = [turn for text in group.questions for turn in by_text[(group.language, text)]]
        reasons = Counter(
            JUDGED_NOT_HELPFUL if turn.rating == "down" and turn.outcome not in UNANSWERED else turn.outcome
            for turn in members
        )
        guesses = [turn.nearest_topic() for turn in members]
        topic = Counter(name for name, _ in guesses).most_common(1)[0][0]
        score = max(confidence for name, confidence in guesses if name == topic)
        comments = [turn.comment for turn in members if turn.comment]
        result.append(UnansweredGroup(group, reasons, (topic, score), comments))
    return result


def figures_for(endpoints: Optional[Path], start: Optional[float], end: Optional[float]) -> Figures:
    """The figures of the conversations stored between `start` and `end` in the endpoints file's store."""
    store = store_from_endpoints(endpoints)
    try:
        return compute(conversations(read_events(store, start, end)), start, end)
    finally:
        store.engine.dispose()
