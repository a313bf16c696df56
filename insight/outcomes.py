"""What a turn's replies say about how it went, from the responses the assistant chose (domain.yml).

One turn has one outcome, the first of OUTCOME_ORDER its replies show; a turn none of whose
replies is listed was answered. tests/test_insight.py checks that every response named here
exists in the domain.
"""

from __future__ import annotations

from collections import Counter
from typing import Iterable

ANSWERED = "answered"
HANDOFF = "handoff"
FALLBACK = "fallback"
OUT_OF_SCOPE = "out_of_scope"
NOT_KNOWN = "not_known"
NO_REPLY = "no_reply"
# Why an answered question is among the unanswered ones: the visitor judged it 👎.
JUDGED_NOT_HELPFUL = "judged_not_helpful"

RESPONSES = {
    # The visitor asked for a person.
    HANDOFF: frozenset({"utter_handoff"}),
    # Not understood: the likely topics offered, or the contact after a second try.
    FALLBACK: frozenset({"utter_did_you_mean", "utter_fallback_contact"}),
    # Understood as outside what the assistant knows, or in a language it does not speak.
    OUT_OF_SCOPE: frozenset({"utter_out_of_scope", "utter_other_language"}),
    # Understood, but the knowledge does not hold the answer (or could not be read).
    NOT_KNOWN: frozenset(
        {
            "utter_thing_unknown",
            "utter_partner_unknown",
            "utter_person_unknown",
            "utter_interact_member_unknown",
            "utter_thing_attribute_unknown",
            "utter_person_no_phone",
            "utter_knowledge_unavailable",
            "utter_assistant_unavailable",
        }
    ),
}
OUTCOME_ORDER = (HANDOFF, FALLBACK, OUT_OF_SCOPE, NOT_KNOWN)
# Turns staff should look at: the assistant did not answer them (a 👎 adds answered ones).
UNANSWERED = frozenset({FALLBACK, OUT_OF_SCOPE, NOT_KNOWN})
# A conversation with one of these was not contained: the assistant did not see it through alone.
NOT_CONTAINED = frozenset({FALLBACK, OUT_OF_SCOPE, HANDOFF})


def outcome_of(responses: Iterable[str]) -> str:
    """The outcome of a turn whose replies were these responses (in order)."""
    chosen = set(responses)
    if not chosen:
        return NO_REPLY
    for outcome in OUTCOME_ORDER:
        if chosen & RESPONSES[outcome]:
            return outcome
    return ANSWERED


# How staff read each reason a question went unanswered (the report and the suggestions).
REASON_NAMES = {
    FALLBACK: "not understood",
    OUT_OF_SCOPE: "out of scope",
    NOT_KNOWN: "not known",
    HANDOFF: "asked for a person",
    JUDGED_NOT_HELPFUL: "answered, judged not helpful",
}


def describe_reasons(reasons: Counter) -> str:
    """ "out of scope 3, not known 1": each reason with how often, the commonest first."""
    return ", ".join(f"{REASON_NAMES.get(reason, reason)} {count}" for reason, count in reasons.most_common())
