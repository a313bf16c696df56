"""A short reading of the figures, written from them, so that it stays true when they change."""

from __future__ import annotations

from pathlib import Path

import yaml

from benchmarks.nlu import RASA_DEFAULT_CONFIG, ROOT
from benchmarks.report import TARGETS

LANGUAGE_NAMES = {"sv": "Swedish", "en": "English"}


def _points(a: float, b: float) -> str:
    difference = (a - b) * 100
    return f"{abs(difference):.1f} points {'above' if difference >= 0 else 'below'}"


def fallback_threshold(config: Path) -> float:
    """The FallbackClassifier's threshold in a Rasa config."""
    pipeline = yaml.safe_load(config.read_text())["pipeline"]
    return next(c["threshold"] for c in pipeline if c["name"] == "FallbackClassifier")


def _abstention(lang: str, data: dict) -> str:
    """Why the project scores below a baseline, where it does: how often each pipeline fell back."""
    name = LANGUAGE_NAMES[lang]
    project = data["nlu"][lang]
    default = data["baselines"]["rasa_default"][lang]
    tfidf = data["baselines"]["tfidf_lr"][lang]
    return (
        f"The main figures count abstention as a miss: the project answers {project['fallback_rate']:.1%} of the "
        f"held-out and {project['cv']['fallback_rate']:.1%} of the cross-validated {name} messages with \"did you "
        f"mean\" buttons (its fallback threshold is {fallback_threshold(ROOT / 'config.yml')}), Rasa's default "
        f"pipeline {default['fallback_rate']:.1%} and {default['cv']['fallback_rate']:.1%} (threshold "
        f"{fallback_threshold(RASA_DEFAULT_CONFIG)}), the TF-IDF baseline never. Scored by their best intent, the "
        f"project reaches {project['top_intent']['macro_f1']:.3f} held-out and "
        f"{project['cv']['top_intent']['macro_f1']:.3f} by cross-validation, Rasa's default "
        f"{default['top_intent']['macro_f1']:.3f} and {default['cv']['top_intent']['macro_f1']:.3f}, TF-IDF "
        f"{tfidf['top_intent']['macro_f1']:.3f} and {tfidf['cv']['top_intent']['macro_f1']:.3f}: the project's "
        f"classifier is {_points(project['top_intent']['macro_f1'], _best_baseline(data, lang, 'held_out'))} "
        f"the better baseline held-out and "
        f"{_points(project['cv']['top_intent']['macro_f1'], _best_baseline(data, lang, 'cv'))} by "
        f"cross-validation."
    )


def _best_baseline(data: dict, lang: str, kind: str) -> float:
    """The better baseline's best-intent macro-F1."""
    return max(
        (b[lang] if kind == "held_out" else b[lang]["cv"])["top_intent"]["macro_f1"] for b in data["baselines"].values()
    )


def quality(data: dict) -> str:
    sentences = []
    for lang, name in LANGUAGE_NAMES.items():
        project = data["nlu"][lang]
        default = data["baselines"]["rasa_default"][lang]
        tfidf = data["baselines"]["tfidf_lr"][lang]
        sentences.append(
            f"In {name} the project's intent macro-F1 is {project['macro_f1']:.3f} on the held-out set and "
            f"{project['cv']['macro_f1']:.3f} by 5-fold cross-validation: "
            f"{_points(project['macro_f1'], default['macro_f1'])} "
            f"Rasa's default pipeline and {_points(project['macro_f1'], tfidf['macro_f1'])} the TF-IDF baseline "
            f"held-out ({_points(project['cv']['macro_f1'], default['cv']['macro_f1'])} and "
            f"{_points(project['cv']['macro_f1'], tfidf['cv']['macro_f1'])} by cross-validation)."
        )
        if any(
            project["macro_f1"] < baseline["macro_f1"] or project["cv"]["macro_f1"] < baseline["cv"]["macro_f1"]
            for baseline in (default, tfidf)
        ):
            sentences.append(_abstention(lang, data))
    pipelines = [data["nlu"], *data["baselines"].values()]
    drops = [(p[lang]["macro_f1"] - p[lang]["cv"]["macro_f1"]) * 100 for p in pipelines for lang in LANGUAGE_NAMES]
    if min(drops) > 0:
        sentences.append(
            f"Every pipeline scores lower by cross-validation than on the held-out sets ({min(drops):.0f} to "
            f"{max(drops):.0f} points): each fold learns from four fifths of the examples, and the held-out sets were "
            f"written apart from the training data by other hands. The classifier was chosen on both figures "
            f"(python -m benchmarks.ablation, README)."
        )
    worst = data["nlu"]["worst_confusions"][:3]
    if worst:
        pairs = ", ".join(f"{c['intent']} taken for {c['taken_for']} ({c['count']})" for c in worst)
        sentences.append(f"The intents the project's classifier confuses most are neighbouring questions: {pairs}.")
    return " ".join(sentences)


def language(data: dict) -> str:
    lid = data["language_id"]
    target = next(t for t in data["targets"] if t["target"].startswith("language identification"))
    goal = TARGETS["language_id"]
    verdict = (
        f"meets the target of {goal}"
        if target["met"]
        else f"misses the target of {goal} by {abs(target['gap']) * 100:.1f} points"
    )
    return (
        f"Language identification with the conversation as context is right for {lid['accuracy']:.3f} of the "
        f"messages ({lid['short_accuracy']:.3f} of the one-to-three-word ones) and {verdict}; the bare detector, "
        f"without context or the assistant's word lists, manages {lid['bare_accuracy']:.3f} "
        f"({lid['short_bare_accuracy']:.3f} of the short ones). The remaining errors are short messages whose words "
        f"the detector cannot place, which then keep the conversation's language: {len(lid['errors'])} of "
        f"{lid['messages']}."
    )


def speed(data: dict) -> str:
    latency, profile = data["latency"], data["latency"]["turn_profile_ms"]
    target = next(t for t in data["targets"] if t["target"].startswith("p95"))
    goal = f"{TARGETS['p95_c8_ms']:.0f} ms"
    verdict = (
        f"meets the {goal} target" if target["met"] else f"misses the {goal} target by {abs(target['gap']):.0f} ms"
    )
    turn = profile["whole turn (Agent.handle_message)"]
    action = profile["custom action, HTTP call to the action server"]
    check = latency["action_response_check_ms"]
    steps = {step: ms for step, ms in profile.items() if not step.startswith(("whole", "NLU pipeline"))}
    slowest = sorted(steps.items(), key=lambda item: -item[1])[:3]
    named = ", ".join(f"{step} {ms:.1f} ms" for step, ms in slowest)
    return (
        f"One conversation at a time, a message takes {latency['c1']['p50_ms']:.0f} ms (p50) through REST, "
        f"{latency['c1_over_parse']:.1f} times the NLU parse alone ({latency['parse_p50_ms']:.1f} ms). "
        f"In process a turn costs {turn:.1f} ms, the largest parts being {named}. "
        f"As shipped, Rasa 3.6 spends {check['rasa_3_6']:.0f} ms of every custom action re-checking its own "
        f"response schema; built once, the check takes {check['project']:.1f} ms "
        f"(addons/action_response_validation.py): a turn that calls a custom action would otherwise cost "
        f"about {check['rasa_3_6'] - check['project']:.0f} ms more, in the process's only event loop. "
        f"Apart from the {action:.1f} ms spent waiting for the action server, a turn is computation in the "
        f"Rasa process, which serves one message's computation at a time: about {1000 / (turn - action):.0f} "
        f"messages/s at most for one server, and {latency['c32']['rps']:.1f} were measured at 32 conversations "
        f"(the action server and the load generator share the machine's cores). Messages queue behind each "
        f"other: when 8 conversations send at once, the last waits for 7 turns of about {turn - action:.0f} ms "
        f"of computation, so at 8 conversations p95 is {latency['c8']['p95_ms']:.0f} ms and {verdict}; at 32 it is "
        f"{latency['c32']['p95_ms']:.0f} ms. "
        f"More speed comes from more replicas (README, Running in production), not from this process."
    )


def cost(data: dict) -> str:
    ratios = data["peer_ratios"]
    parts = ", ".join(f"{label} {r['project']} against {r['rasa_init']} ({r['ratio']}x)" for label, r in ratios.items())
    missed = [t for t in data["targets"] if not t["met"]]
    verdict = (
        "Every target is met."
        if not missed
        else "Missed: "
        + "; ".join(f"{t['target']} (measured {t['measured']}, by {abs(t['gap'])})" for t in missed)
        + "."
    )
    return f"Beside the bare assistant `rasa init` creates, served the same way in the same run: {parts}. {verdict}"


def reading(data: dict) -> str:
    return "\n\n".join([quality(data), language(data), speed(data), cost(data)])
