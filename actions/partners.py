"""Partner look-ups: one partner's role and web address, the partners by kind."""
from __future__ import annotations

from typing import Any, Iterable

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import repository
from actions.base import KnowledgeAction
from actions.models import Partner

PARTNER_ENTITY = "partner"
PARTNER_SLOT = "partner"
# The order in which partner groups are listed, with each group's response.
GROUP_RESPONSES = {
    "interact": "utter_partner_group_interact",
    "participant": "utter_partner_group_participant",
    "close_collaborator": "utter_partner_group_close",
    "host": "utter_partner_group_host",
}


def _names(partners: Iterable[Partner], language: str) -> str:
    return ", ".join(partner.name(language) for partner in partners)


def _choices(partners: Iterable[Partner], language: str) -> list[dict[str, str]]:
    """One button per partner; its payload asks about that partner by key."""
    return [
        {"title": p.name(language), "payload": f'/ask_partner{{"{PARTNER_ENTITY}": "{p.key}"}}'} for p in partners
    ]


def _mentioned_names(tracker: Tracker) -> list[str]:
    entities = tracker.latest_message.get("entities", [])
    return [str(e["value"]) for e in entities if e.get("entity") == PARTNER_ENTITY and e.get("value")]


class ActionPartnerInfo(KnowledgeAction):
    """Tells a partner's role and web address; follow-ups reuse the last partner."""

    def name(self) -> str:
        return "action_partner_info"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session, language: str
    ) -> list[dict[str, Any]]:
        names = _mentioned_names(tracker)
        match = next(filter(None, (repository.find_partner(session, n) for n in names)), None)
        if match is None:
            match = repository.find_partner_in_text(session, tracker.latest_message.get("text") or "")
        if match is None and names:
            dispatcher.utter_message(
                response="utter_partner_unknown",
                partner_name=names[0],
                known=_names(repository.all_partners(session), language),
            )
            return []
        partner = match.partner if match else None
        if partner is None:
            partner = self._partner_in_context(tracker, session)
        if partner is None:
            partners = repository.all_partners(session)
            dispatcher.utter_message(
                response="utter_partner_which", known=_names(partners, language), buttons=_choices(partners, language)
            )
            return []
        dispatcher.utter_message(
            response="utter_partner_info",
            partner_name=partner.name(language),
            role=partner.role(language),
            web=partner.web(language),
        )
        return [SlotSet(PARTNER_SLOT, partner.key)]

    @staticmethod
    def _partner_in_context(tracker: Tracker, session: Session) -> Partner | None:
        key = tracker.get_slot(PARTNER_SLOT)
        return session.get(Partner, key) if key else None


class ActionListPartners(KnowledgeAction):
    """Lists the partners grouped by kind: InterAct, also taking part, close collaborators."""

    def name(self) -> str:
        return "action_list_partners"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session, language: str
    ) -> list[dict[str, Any]]:
        for kind, response in GROUP_RESPONSES.items():
            partners = repository.partners_of_kind(session, kind)
            if partners:
                dispatcher.utter_message(response=response, partners=_names(partners, language))
        return []
