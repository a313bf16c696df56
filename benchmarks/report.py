"""reports/benchmark.json, reports/benchmark.md and the plots, from the measured figures."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import matplotlib

matplotlib.use("Agg")  # no screen on these machines
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
from sklearn.metrics import ConfusionMatrixDisplay  # noqa: E402

from actions.languages import LANGUAGES  # noqa: E402
from harness.nlu_evaluation import Evaluation  # noqa: E402

TARGETS = {
    "macro_f1": 0.97,
    "oos_recall": 0.90,
    "in_scope_fallback_rate": 0.03,
    "language_id": 0.98,
    "p95_c8_ms": 150.0,
    "rps_c32": 80.0,
    "rasa_rss_mb": 800.0,
    "train_s": 60.0,
    "start_to_first_answer_s": 20.0,
}
# The project's figures given as a ratio to the bare `rasa init` assistant's (benchmarks/peer.py).
PEER_RATIOS = {
    "p50 ms, 1 conversation": ("c1", "p50_ms"),
    "p95 ms, 8 conversations": ("c8", "p95_ms"),
    "messages/s, 32 conversations": ("c32", "rps"),
    "Rasa server resident MB": ("rasa_rss_mb",),
    "training s": ("train_s",),
    "model MB": ("model_mb",),
    "start to first answer s": ("start_to_first_answer_s",),
}


def _scores(evaluation: Evaluation) -> dict[str, Any]:
    figures = {
        "macro_f1": round(float(evaluation.macro_f1), 4),
        "accuracy": round(float(evaluation.accuracy), 4),
        "fallback_rate": round(float(evaluation.fallback_rate), 4),
        "top_intent": {
            "macro_f1": round(float(evaluation.top_macro_f1), 4),
            "accuracy": round(float(evaluation.top_accuracy), 4),
        },
    }
    if evaluation.partner_f1 is not None:
        figures["partner_f1"] = round(float(evaluation.partner_f1), 4)
    if evaluation.oos_recall is not None:
        figures["oos_recall"] = round(float(evaluation.oos_recall), 4)
    figures["in_scope_fallback_rate"] = round(float(evaluation.in_scope_fallback_rate), 4)
    return figures


def nlu_figures(results: dict) -> dict[str, Any]:
    """{pipeline: {lang: held-out scores + "cv": cross-validated scores}} plus the worst confusions
    between intents (the classifier's best intent, fallbacks aside)."""
    figures: dict[str, Any] = {}
    for pipeline, result in results.items():
        figures[pipeline] = {
            lang: {**_scores(result["held_out"][lang]), "cv": _scores(result["cv"][lang])} for lang in LANGUAGES
        }
        confusions: Counter = Counter()
        for kind in ("held_out", "cv"):
            for lang in LANGUAGES:
                confusions.update(result[kind][lang].confusions)
        figures[pipeline]["worst_confusions"] = [
            {"intent": gold, "taken_for": predicted, "count": count}
            for (gold, predicted), count in confusions.most_common(6)
        ]
    return figures


def _target(name: str, measured: float, goal: float, higher_is_better: bool = True, met: bool | None = None) -> dict:
    gap = measured - goal if higher_is_better else goal - measured
    return {
        "target": name,
        "measured": measured,
        "met": gap >= 0 if met is None else met and gap >= 0,
        "gap": round(gap, 4),
    }


def targets(data: dict) -> list[dict[str, Any]]:
    """Every target of the issue, with whether it is met and by how much (negative: missed by)."""
    rows = []
    for lang in LANGUAGES:
        nlu, baselines = data["nlu"][lang], [b[lang] for b in data["baselines"].values()]
        best = max(b["macro_f1"] for b in baselines)
        rows.append(
            _target(
                f"macro-F1 {lang} held-out >= {TARGETS['macro_f1']} and above both baselines",
                nlu["macro_f1"],
                TARGETS["macro_f1"],
                met=nlu["macro_f1"] > best,
            )
        )
        best_cv = max(b["cv"]["macro_f1"] for b in baselines)
        rows.append(
            _target(
                f"macro-F1 {lang} 5-fold above both baselines",
                nlu["cv"]["macro_f1"],
                best_cv,
                met=nlu["cv"]["macro_f1"] > best_cv,
            )
        )
        rows.append(
            _target(
                f"out-of-scope recall {lang} held-out >= {TARGETS['oos_recall']}",
                nlu.get("oos_recall", 0.0),
                TARGETS["oos_recall"],
            )
        )
        rows.append(
            _target(
                f"in-scope fallback or out-of-scope {lang} held-out <= {TARGETS['in_scope_fallback_rate']}",
                nlu["in_scope_fallback_rate"],
                TARGETS["in_scope_fallback_rate"],
                higher_is_better=False,
            )
        )
    rows.append(
        _target(
            f"language identification with context >= {TARGETS['language_id']}",
            data["language_id"]["accuracy"],
            TARGETS["language_id"],
        )
    )
    latency, cost = data["latency"], data["cost"]
    rows.append(
        _target(
            f"p95 at 8 concurrent conversations <= {TARGETS['p95_c8_ms']:.0f} ms",
            latency["c8"]["p95_ms"],
            TARGETS["p95_c8_ms"],
            higher_is_better=False,
        )
    )
    rows.append(
        _target(
            f"messages/s at 32 concurrent conversations >= {TARGETS['rps_c32']:.0f}",
            latency["c32"]["rps"],
            TARGETS["rps_c32"],
        )
    )
    rows.append(
        _target(
            f"Rasa server resident memory after the load <= {TARGETS['rasa_rss_mb']:.0f} MB",
            cost["rasa_rss_mb"],
            TARGETS["rasa_rss_mb"],
            higher_is_better=False,
        )
    )
    rows.append(
        _target(
            f"training (empty cache) <= {TARGETS['train_s']:.0f} s",
            cost["train_s"],
            TARGETS["train_s"],
            higher_is_better=False,
        )
    )
    rows.append(
        _target(
            f"start to first answer <= {TARGETS['start_to_first_answer_s']:.0f} s",
            cost["start_to_first_answer_s"],
            TARGETS["start_to_first_answer_s"],
            higher_is_better=False,
        )
    )
    return rows


def peer_ratios(data: dict) -> dict[str, dict[str, float]]:
    """Each figure of the project beside the bare `rasa init` assistant's, and their ratio."""
    figures = {**data["latency"], **data["cost"]}
    ratios = {}
    for label, path in PEER_RATIOS.items():
        project, peer = figures, data["peer"]
        for key in path:
            project, peer = project[key], peer[key]
        ratios[label] = {"project": project, "rasa_init": peer, "ratio": round(project / peer, 2) if peer else None}
    return ratios


def plot_confusion(evaluation: Evaluation, path: Path, title: str) -> None:
    labels = sorted(set(evaluation.gold) | set(evaluation.predicted))
    figure, axes = plt.subplots(figsize=(11, 10))
    ConfusionMatrixDisplay.from_predictions(
        evaluation.gold,
        evaluation.predicted,
        labels=labels,
        ax=axes,
        xticks_rotation="vertical",
        colorbar=False,
        cmap="Blues",
    )
    axes.set_title(title)
    figure.tight_layout()
    figure.savefig(path, dpi=90)
    plt.close(figure)


def plot_latency_cdf(latencies: dict[str, np.ndarray], path: Path) -> None:
    figure, axes = plt.subplots(figsize=(8, 5))
    for label, values in latencies.items():
        if len(values):
            ordered = np.sort(values)
            if label == "parse":
                name = "NLU parse alone (floor)"
            elif label.startswith("rasa init"):
                name = f"rasa init, {label.split()[-1][1:]} concurrent conversations"
            else:
                name = f"{label[1:]} concurrent conversations"
            axes.plot(ordered, np.arange(1, len(ordered) + 1) / len(ordered), label=name)
    axes.axvline(TARGETS["p95_c8_ms"], color="grey", linestyle=":", label=f"{TARGETS['p95_c8_ms']:.0f} ms")
    axes.set_xscale("log")
    axes.set_xlabel("milliseconds per message (REST channel, log scale)")
    axes.set_ylabel("share of messages answered within")
    axes.set_title("Latency, make run's set-up (SQLite, action server)")
    axes.grid(True, which="both", alpha=0.3)
    axes.legend()
    figure.tight_layout()
    figure.savefig(path, dpi=90)
    plt.close(figure)


def plot_macro_f1(data: dict, path: Path) -> None:
    pipelines = {"project": data["nlu"], **data["baselines"]}
    figure, axes = plt.subplots(figsize=(8, 4.5))
    width = 0.13
    for i, (name, figures) in enumerate(pipelines.items()):
        for j, lang in enumerate(LANGUAGES):
            for k, (kind, value) in enumerate(
                (("held-out", figures[lang]["macro_f1"]), ("5-fold", figures[lang]["cv"]["macro_f1"]))
            ):
                x = j + (i * 2 + k - 2.5) * width
                axes.bar(
                    x,
                    value,
                    width,
                    label=f"{name}, {kind}" if j == 0 else None,
                    color=f"C{i}",
                    alpha=1.0 if k == 0 else 0.55,
                )
    axes.axhline(TARGETS["macro_f1"], color="grey", linestyle=":")
    axes.set_xticks(range(len(LANGUAGES)), ["Swedish", "English"])
    axes.set_ylim(0.5, 1.0)
    axes.set_ylabel("intent macro-F1")
    axes.legend(fontsize=8, loc="lower right")
    figure.tight_layout()
    figure.savefig(path, dpi=90)
    plt.close(figure)


def write(out: Path, data: dict, project: dict[str, Evaluation], latencies: dict[str, np.ndarray]) -> None:
    out.mkdir(parents=True, exist_ok=True)
    (out / "benchmark.json").write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    for lang in LANGUAGES:
        plot_confusion(
            project[lang], out / f"benchmark-confusion-{lang}.png", f"Intents, held-out {lang} set, project pipeline"
        )
    plot_latency_cdf(latencies, out / "benchmark-latency-cdf.png")
    plot_macro_f1(data, out / "benchmark-macro-f1.png")
    (out / "benchmark.md").write_text(markdown(data), encoding="utf-8")


def _row(*cells: Any) -> str:
    return "| " + " | ".join(str(c) for c in cells) + " |"


def markdown(data: dict) -> str:
    nlu, baselines, lid, latency, cost = (
        data["nlu"],
        data["baselines"],
        data["language_id"],
        data["latency"],
        data["cost"],
    )
    lines = [
        f"# Benchmark ({data['measured_at']}, {data['machine']})",
        "",
        "Written by `make bench`; the figures are in `benchmark.json`.",
        "",
        "## Targets",
        "",
        _row("target", "measured", "met", "margin"),
        _row("---", "---", "---", "---"),
    ]
    lines += [_row(t["target"], t["measured"], "yes" if t["met"] else "**no**", t["gap"]) for t in data["targets"]]
    lines += [
        "",
        "## NLU quality",
        "",
        "Held-out: trained on `data/nlu`, scored on `tests/nlu`. 5-fold: stratified cross-validation over "
        "`data/nlu`, each fold's test part scored per language. Entity F1 is for partner names (the "
        "TF-IDF baseline finds no entities).",
        "",
        "Macro-F1 and accuracy are what a user gets: a fallback (the pipeline's FallbackClassifier, below "
        'its confidence threshold, answers with "did you mean" buttons) counts as a miss. The TF-IDF '
        "baseline never abstains, so the table also gives each pipeline's macro-F1 of its best intent "
        "(fallback aside) and how often it fell back.",
        "",
        _row(
            "pipeline",
            "lang",
            "macro-F1 held-out",
            "accuracy held-out",
            "macro-F1 5-fold",
            "accuracy 5-fold",
            "best-intent macro-F1 held-out / 5-fold",
            "fell back held-out / 5-fold",
            "out-of-scope recall held-out / 5-fold",
            "in-scope fallback or out-of-scope held-out / 5-fold",
            "partner F1 held-out",
            "partner F1 5-fold",
        ),
        _row(*["---"] * 12),
    ]
    for name, figures in {
        "project (config.yml)": nlu,
        "Rasa default pipeline": baselines["rasa_default"],
        "TF-IDF char n-grams + logistic regression": baselines["tfidf_lr"],
    }.items():
        for lang in LANGUAGES:
            f = figures[lang]
            lines.append(
                _row(
                    name,
                    lang,
                    f["macro_f1"],
                    f["accuracy"],
                    f["cv"]["macro_f1"],
                    f["cv"]["accuracy"],
                    f"{f['top_intent']['macro_f1']} / {f['cv']['top_intent']['macro_f1']}",
                    f"{f['fallback_rate']:.1%} / {f['cv']['fallback_rate']:.1%}",
                    f"{f.get('oos_recall', 0):.3f} / {f['cv'].get('oos_recall', 0):.3f}",
                    f"{f['in_scope_fallback_rate']:.1%} / {f['cv']['in_scope_fallback_rate']:.1%}",
                    f.get("partner_f1", "–"),
                    f["cv"].get("partner_f1", "–"),
                )
            )
    lines += ["", "Worst-confused intent pairs of the project, by its best intent (held-out and 5-fold together):", ""]
    lines += [f"- {c['intent']} taken for {c['taken_for']}: {c['count']}" for c in nlu["worst_confusions"]]
    lines += [
        "",
        "![macro-F1](benchmark-macro-f1.png)",
        "",
        "Confusion matrices: [Swedish](benchmark-confusion-sv.png), [English](benchmark-confusion-en.png).",
        "",
        "## Language identification",
        "",
        f"{lid['messages']} messages ({lid['short_messages']} of one to three words, names included), each "
        "in a Swedish and in an English conversation.",
        "",
        _row("detector", "all", "one to three words"),
        _row("---", "---", "---"),
        _row("project, with the conversation as context", round(lid["accuracy"], 4), round(lid["short_accuracy"], 4)),
        _row(
            "bare lingua (Swedish or English), no context",
            round(lid["bare_accuracy"], 4),
            round(lid["short_bare_accuracy"], 4),
        ),
        "",
        "Errors of the project's detector:",
        "",
    ]
    lines += [
        f"- {e['text']!r} in a {e['context']} conversation: answered in {e['decided']}, should be {e['expected']}"
        for e in lid["errors"]
    ] or ["- none"]
    lines += [
        "",
        "## Speed",
        "",
        "Through the REST channel, with the action server and the SQLite tracker store (`make run`'s set-up); "
        "each conversation is the ten messages of an ordinary visit, sent one after the other.",
        "",
        _row("concurrent conversations", "messages", "p50 ms", "p95 ms", "p99 ms", "messages/s"),
        _row(*["---"] * 6),
    ]
    for key in ("c1", "c8", "c32"):
        f = latency[key]
        lines.append(_row(key[1:], f"{f['answered']}/{f['messages']}", f["p50_ms"], f["p95_ms"], f["p99_ms"], f["rps"]))
    lines += [
        "",
        f"Floor: the NLU parse alone takes {latency['parse_p50_ms']} ms (p50, in process); a whole turn "
        f"through REST at one conversation takes {latency['c1_over_parse']} times that.",
        "",
        "![latency CDF](benchmark-latency-cdf.png)",
        "",
        "Where a turn's time goes (in process, one " "conversation at a time, milliseconds per turn, wall clock):",
        "",
        _row("step", "ms per turn"),
        _row("---", "---"),
    ]
    lines += [_row(step, ms) for step, ms in latency["turn_profile_ms"].items()]
    check = latency["action_response_check_ms"]
    lines += [
        "",
        f"Checking one answer of the action server against Rasa's response schema: {check['rasa_3_6']} ms "
        f"as Rasa 3.6 ships it (`jsonschema.validate` checks the schema itself each time), {check['project']} ms "
        "with the validator built once (`addons/action_response_validation.py`).",
    ]
    lines += [
        "",
        "## Cost",
        "",
        _row("figure", "value"),
        _row("---", "---"),
        _row("training time (`rasa train`, empty cache)", f"{cost['train_s']} s"),
        _row("model size", f"{cost['model_mb']} MB"),
        _row("Rasa server, resident memory after the load", f"{cost['rasa_rss_mb']} MB"),
        _row("action server, resident memory after the load", f"{cost['actions_rss_mb']} MB"),
        _row("start to first answer", f"{cost['start_to_first_answer_s']} s"),
    ]
    lines += [
        "",
        "## Whole answers",
        "",
        "The held-out questions of `tests/answers` (people, attributes, yes/no relations, several names, "
        "follow-ups, facts only passages hold, unknown things, out-of-scope), each a new conversation "
        "through REST; right means the reply holds every required fact and nothing forbidden. Cited: the "
        "right replies that state a fact and end with their source.",
        "",
        _row("language", "questions", "right", "cited"),
        _row("---", "---", "---", "---"),
    ]
    for lang, figures in data.get("answers", {}).items():
        lines.append(_row(lang, figures["questions"], figures["accuracy"], figures["cited"]))
    for lang, figures in data.get("answers", {}).items():
        lines += [
            f"- {lang} {m['id']} {m['question']!r}: missing {m['missing']}, forbidden {m['forbidden']}"
            for m in figures["misses"]
        ]
    lines += [
        "",
        "## Beside the bare `rasa init` assistant",
        "",
        "The assistant `rasa init` creates (Rasa's default pipeline and policies, its own small data), trained "
        "with an empty cache and served the same way (REST, SQLite tracker store, the same load) in the same run. "
        "A ratio above 1 means the project's figure is larger.",
        "",
        _row("figure", "project", "rasa init", "ratio"),
        _row("---", "---", "---", "---"),
    ]
    lines += [_row(label, r["project"], r["rasa_init"], r["ratio"]) for label, r in data["peer_ratios"].items()]
    if data.get("reading"):
        lines += ["", "## Reading", "", data["reading"]]
    return "\n".join(lines) + "\n"
