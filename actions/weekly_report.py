"""Staff in Slack ask how the week went: the last seven days' figures and top unanswered questions.

Only in Slack (the office's own workspace) and the terminal: visitors in the widget or over
REST get a polite no, since the figures are about other people's conversations. The figures
are the staff report's (insight/), read from the tracker store the endpoints file names
(ENDPOINTS_FILE; the action server is given the same file and environment as Rasa).
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any

from rasa_sdk import Action, Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions.base import language_of
from actions.fallback import response_text
from actions.languages import join

logger = logging.getLogger(__name__)

# Where staff talk to the assistant: the office's Slack workspace and `rasa shell`.
STAFF_CHANNELS = frozenset({"slack", "cmdline"})
WEEK = 7 * 86400
TOP_UNANSWERED = 3


class ActionWeeklyReport(Action):
    def name(self) -> str:
        return "action_weekly_report"

    async def run(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict[str, Any]
    ) -> list[dict[str, Any]]:
        if tracker.get_latest_input_channel() not in STAFF_CHANNELS:
            dispatcher.utter_message(response="utter_weekly_report_staff_only")
            return []
        # Imported here: reading the tracker store brings in Rasa's store classes, which the action server
        # otherwise does without.
        from insight import figures as insight

        now = time.time()
        try:
            figures = await asyncio.get_running_loop().run_in_executor(None, insight.figures_for, None, now - WEEK, now)
        except Exception as error:  # the store or its settings are not reachable from here
            logger.error("Weekly figures unavailable: %s", type(error).__name__)
            dispatcher.utter_message(response="utter_weekly_report_unavailable")
            return []
        language = language_of(tracker)
        top = [
            f"“{item.group.example}” ({item.group.language}, {item.group.size}×)"
            for item in figures.unanswered[:TOP_UNANSWERED]
        ]
        unanswered = self._unanswered_text(domain, language, top)
        dispatcher.utter_message(
            response="utter_weekly_report",
            period=f"{insight.day_of(now - WEEK)} – {insight.day_of(now)}",
            conversations=figures.conversations,
            messages=figures.messages,
            languages=", ".join(f"{code}: {count}" for code, count in sorted(figures.languages.items())) or "–",
            containment=insight.percent(figures.containment, decimals=0),
            up=figures.ratings["up"],
            down=figures.ratings["down"],
            p50=insight.milliseconds(figures.latency(50)),
            p95=insight.milliseconds(figures.latency(95)),
            unanswered=unanswered,
        )
        return []

    @staticmethod
    def _unanswered_text(domain: dict[str, Any], language: str, top: list[str]) -> str:
        if not top:
            return response_text(domain, "utter_weekly_report_none_unanswered", language) or ""
        template = response_text(domain, "utter_weekly_report_unanswered", language) or "{questions}"
        return template.replace("{questions}", join(top, language))
