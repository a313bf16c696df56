"""The unanswered groups as candidate training examples, in Rasa's NLU format, for staff to review.

Each group becomes one block: its phrasings as examples, its language, and as intent the
nearest topic the assistant guessed, with the score in a comment (`FILL_IN` when there is
no guess worth showing). Nothing here trains anything: staff move what is right into
data/nlu/ (README, "Teaching it").
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import List, Optional

import yaml

from insight.figures import Figures, UnansweredGroup
from insight.outcomes import describe_reasons

FILL_IN = "FILL_IN"
# Below this the nearest topic is no guess worth offering.
MIN_GUESS_SCORE = 0.1


def _block(item: UnansweredGroup) -> str:
    topic, score = item.nearest_topic
    guess = topic if topic and score >= MIN_GUESS_SCORE else FILL_IN
    reasons = describe_reasons(item.reasons)
    lines = [
        f"# asked {item.group.size} times; why: {reasons}",
        f"# nearest topic: {topic or '-'} (score {score:.2f}); check it, or name a new intent",
        f"- intent: {guess}",
        "  metadata:",
        f"    language: {item.group.language}",
        "  examples: |",
    ]
    for text in item.group.questions:
        # One example per line, as Rasa reads them; a line break in a question would end it early.
        lines.append(f"    - {' '.join(text.split())}")
    return "\n".join(lines)


def render(figures: Figures, generated: Optional[datetime] = None) -> str:
    generated = generated or datetime.now(timezone.utc)
    header = [
        'version: "3.1"',
        f"# Candidate training examples from unanswered questions, {generated.strftime('%Y-%m-%d %H:%M UTC')}.",
        "# Review each block: fix its intent (or drop the block), then move the examples into",
        "# data/nlu/<language>.yml and run `make test` (README, Teaching it). Texts are masked.",
        "nlu:" if figures.unanswered else "nlu: []",
    ]
    blocks: List[str] = [_block(item) for item in figures.unanswered]
    text = "\n".join(header + blocks) + "\n"
    yaml.safe_load(text)  # what staff get must be YAML Rasa can read
    return text
