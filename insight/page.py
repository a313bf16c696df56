"""The staff report as one self-contained HTML page: inline SVG plots, tables, no script, no request.

English, with each topic's Swedish name from the domain's topic labels (utter_topic_<intent>).
Only masked texts and figures: no sender id ever reaches the page.
"""

from __future__ import annotations

import html
import io
from collections import Counter
from datetime import datetime, timezone
from functools import lru_cache
from typing import Dict, Iterable, List, Optional, Sequence

import matplotlib
import yaml

matplotlib.use("Agg")  # no screen on these machines
import matplotlib.pyplot as plt  # noqa: E402

from actions.paths import PROJECT_ROOT
from insight.figures import Figures, day_of, milliseconds, percent  # noqa: E402
from insight.outcomes import describe_reasons  # noqa: E402

DOMAIN = PROJECT_ROOT / "domain.yml"
TOPIC_PREFIX = "utter_topic_"
SHOWN_PHRASINGS = 5
COLOURS = ["#1954a6", "#d85497", "#2e7d32", "#8a5a00", "#5e35b1"]

plt.rcParams.update({"svg.fonttype": "none", "svg.hashsalt": "kth-report", "font.size": 9})

STYLE = """
body { font: 15px/1.5 system-ui, sans-serif; color: #1a1a1a; margin: 0 auto; max-width: 64rem;
  padding: 1rem 1.5rem 3rem; }
h1 { font-size: 1.6rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #d4d4d9; }
.lead { color: #4a4a4f; margin-top: 0; }
.cards { display: flex; flex-wrap: wrap; gap: .8rem; margin: 1rem 0; padding: 0; list-style: none; }
.cards li { flex: 1 1 9rem; border: 1px solid #d4d4d9; border-radius: .5rem; padding: .6rem .8rem; }
.cards b { display: block; font-size: 1.5rem; }
table { border-collapse: collapse; width: 100%; margin: .6rem 0 1rem; font-size: .92rem; }
th, td { text-align: left; padding: .3rem .5rem; border-bottom: 1px solid #e4e4e8; vertical-align: top; }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
figure { margin: .5rem 0; } figure svg { max-width: 100%; height: auto; }
.phrasings { margin: 0; padding-left: 1.1rem; color: #4a4a4f; }
.note { color: #4a4a4f; font-size: .88rem; }
"""


@lru_cache(maxsize=1)
def swedish_topic_names() -> Dict[str, str]:
    """intent -> its Swedish label as the assistant offers it ("Vad innovationskontoret är")."""
    responses = (yaml.safe_load(DOMAIN.read_text(encoding="utf-8")) or {}).get("responses") or {}
    names = {}
    for name, variations in responses.items():
        if name.startswith(TOPIC_PREFIX):
            for variation in variations:
                if any(c.get("value") == "sv" for c in variation.get("condition") or []):
                    names[name[len(TOPIC_PREFIX) :]] = str(variation.get("text") or "")
    return names


def topic_label(intent: str) -> str:
    swedish = swedish_topic_names().get(intent)
    return f"{intent} ({swedish})" if swedish else intent


def _e(value: object) -> str:
    return html.escape(str(value))


def _svg(figure: "plt.Figure") -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", bbox_inches="tight", metadata={"Date": None})
    plt.close(figure)
    text = buffer.getvalue()
    return text[text.index("<svg") :]


def stacked_days(by_day: Dict[str, Counter], title: str) -> str:
    """A bar per day, stacked by the counter's keys, as inline SVG with a description."""
    days = sorted(by_day)
    keys = sorted({key for counts in by_day.values() for key in counts})
    figure, axes = plt.subplots(figsize=(8, 2.6))
    bottom = [0] * len(days)
    for colour, key in zip(COLOURS * 3, keys):
        values = [by_day[day][key] for day in days]
        axes.bar(range(len(days)), values, bottom=bottom, label=key, color=colour)
        bottom = [b + v for b, v in zip(bottom, values)]
    step = max(1, len(days) // 12)
    axes.set_xticks(range(0, len(days), step))
    axes.set_xticklabels(days[::step], rotation=30, ha="right")
    axes.set_ylabel("conversations")
    axes.set_title(title)
    if keys:
        axes.legend(frameon=False, ncol=len(keys), loc="upper left", bbox_to_anchor=(0, -0.35))
    axes.spines[["top", "right"]].set_visible(False)
    return f'<figure role="img" aria-label="{_e(title)}">{_svg(figure)}</figure>'


def topic_bars(figures: Figures, limit: int = 15) -> str:
    topics = figures.topics_by_count()[:limit][::-1]
    figure, axes = plt.subplots(figsize=(8, 0.3 * len(topics) + 0.8))
    axes.barh([topic.name for topic in topics], [topic.asked for topic in topics], color=COLOURS[0])
    axes.set_xlabel("messages")
    axes.set_title("Topics asked most")
    axes.spines[["top", "right"]].set_visible(False)
    return f'<figure role="img" aria-label="Topics asked most">{_svg(figure)}</figure>'


def latency_histogram(figures: Figures) -> str:
    figure, axes = plt.subplots(figsize=(8, 2.2))
    axes.hist([1000 * latency for latency in figures.latencies], bins=40, color=COLOURS[0])
    axes.set_xlabel("milliseconds from message to first reply")
    axes.set_ylabel("turns")
    axes.spines[["top", "right"]].set_visible(False)
    return f'<figure role="img" aria-label="Latency per turn">{_svg(figure)}</figure>'


def _table(headers: Sequence[str], rows: Iterable[Sequence[str]], numeric: Sequence[bool]) -> str:
    head = "".join(f'<th scope="col"{" class=n" if n else ""}>{_e(h)}</th>' for h, n in zip(headers, numeric))
    body = "".join(
        "<tr>" + "".join(f'<td{" class=n" if n else ""}>{cell}</td>' for cell, n in zip(row, numeric)) + "</tr>"
        for row in rows
    )
    return f"<table><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"


def _period(figures: Figures) -> str:
    start = day_of(figures.start) if figures.start is not None else "the first stored day"
    end = day_of(figures.end - 1) if figures.end is not None else "today"
    return f"{start} to {end}"


def _day_table(by_day: Dict[str, Counter]) -> str:
    keys = sorted({key for counts in by_day.values() for key in counts})
    rows = [
        [_e(day)] + [str(by_day[day][key]) for key in keys] + [str(sum(by_day[day].values()))] for day in sorted(by_day)
    ]
    return _table(["day", *keys, "all"], rows, [False] + [True] * (len(keys) + 1))


def _unanswered_rows(figures: Figures) -> List[List[str]]:
    rows = []
    for number, item in enumerate(figures.unanswered, start=1):
        others = [text for text in item.group.questions if text != item.group.example][:SHOWN_PHRASINGS]
        phrasings = (
            ("<ul class=phrasings>" + "".join(f"<li>{_e(text)}</li>" for text in others) + "</ul>") if others else ""
        )
        comments = "".join(f"<br><i>comment: “{_e(comment)}”</i>" for comment in item.comments[:3])
        reasons = describe_reasons(item.reasons)
        topic, score = item.nearest_topic
        rows.append(
            [
                str(number),
                str(item.group.size),
                _e(item.group.language),
                f"{_e(item.group.example)}{phrasings}{comments}",
                _e(reasons),
                f"{_e(topic)} ({score:.2f})",
            ]
        )
    return rows


def render(figures: Figures, generated: Optional[datetime] = None) -> str:
    generated = generated or datetime.now(timezone.utc)
    ratings = figures.ratings
    cards = [
        ("conversations", str(figures.conversations)),
        ("messages", str(figures.messages)),
        ("containment", percent(figures.containment)),
        ("unanswered questions", str(figures.unanswered_questions)),
        ("feedback helpful / not", f"{ratings['up']} / {ratings['down']}"),
        ("latency p50 / p95", f"{milliseconds(figures.latency(50))} / {milliseconds(figures.latency(95))}"),
    ]
    topic_rows = [
        [_e(topic_label(t.name)), str(t.asked), str(t.up), str(t.down), percent(t.fallback_rate)]
        for t in figures.topics_by_count()
    ]
    empty = "<p>No conversations in this period.</p>"
    parts = [
        "<!doctype html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>Conversations {_e(_period(figures))} – KTH innovation office assistant</title>",
        f"<style>{STYLE}</style></head><body><main>",
        "<h1>What visitors asked the assistant</h1>",
        f'<p class="lead">{_e(_period(figures))} · generated {_e(generated.strftime("%Y-%m-%d %H:%M UTC"))} · '
        "masked texts only, no sender ids</p>",
        '<ul class="cards">' + "".join(f"<li>{_e(name)}<b>{_e(value)}</b></li>" for name, value in cards) + "</ul>",
        '<p class="note">Containment: the share of conversations with no fallback, no out-of-scope reply and no '
        "request for a person. Unanswered: not understood, out of scope, not known, or judged not helpful (👎). "
        "Feedback: the visitors' 👍 (helpful) and 👎 (not helpful) under answers.</p>",
        "<h2>Conversations per day</h2>",
    ]
    if figures.conversations:
        parts += [
            stacked_days(figures.by_day_language, "Conversations per day by language"),
            _day_table(figures.by_day_language),
            stacked_days(figures.by_day_channel, "Conversations per day by channel"),
            _day_table(figures.by_day_channel),
            "<h3>Messages per day</h3>",
            _table(
                ["day", "messages"],
                [[_e(d), str(n)] for d, n in sorted(figures.messages_by_day.items())],
                [False, True],
            ),
        ]
    else:
        parts.append(empty)
    parts += ["<h2>Topics</h2>"]
    if figures.topics:
        parts += [
            topic_bars(figures),
            _table(
                ["topic (Swedish name)", "messages", "helpful", "not helpful", "fallback rate"],
                topic_rows,
                [False, True, True, True, True],
            ),
        ]
    else:
        parts.append(empty)
    parts += [
        "<h2>Unanswered questions</h2>",
        '<p class="note">Paraphrases of one question stand together, the largest group first. '
        "The nearest topic is the assistant's best guess with its score; <code>make suggest</code> "
        "turns these groups into candidate training examples.</p>",
    ]
    parts.append(
        _table(
            ["#", "asked", "language", "question (other phrasings)", "why", "nearest topic"],
            _unanswered_rows(figures),
            [True, True, False, False, False, False],
        )
        if figures.unanswered
        else "<p>None in this period.</p>"
    )
    parts += [
        "<h2>Latency per turn</h2>",
        f"<p>Median {_e(milliseconds(figures.latency(50)))}, 95th percentile {_e(milliseconds(figures.latency(95)))}, "
        f"over {len(figures.latencies)} answered turns (from the stored times of message and first reply).</p>",
    ]
    if figures.latencies:
        parts.append(latency_histogram(figures))
    parts.append("</main></body></html>")
    return "\n".join(parts)
