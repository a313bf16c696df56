"""Partner look-ups: one partner's role and web address, the partners by kind."""
from __future__ import annotations

from typing import Any, Iterable

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import names, repository
from actions.base import KnowledgeAction
from actions.models import Partner
from actions.sources import source_link

PARTNER_ENTITY = "partner"
PARTNER_SLOT = "partner"
# Several partners in context ("SU and KI" -> "they") are kept in the slot as "su,ki".
CONTEXT_SEPARATOR = ","
# The order in which partner groups are listed, with each group's response.
GROUP_RESPONSES = {
    "interact": "utter_partner_group_interact",
    "participant": "utter_partner_group_participant",
    "close_collaborator": "utter_partner_group_close",
    "host": "utter_partner_group_host",
}


# The word before the last name of a list ("SU, MDU och KI").
AND = {"sv": "och", "en": "and"}


def _names(partners: Iterable[Partner], language: str) -> str:
    names = [partner.name(language) for partner in partners]
    if len(names) < 2:
        return "".join(names)
    return f"{', '.join(names[:-1])} {AND[language]} {names[-1]}"


def _choices(partners: Iterable[Partner], language: str) -> list[dict[str, str]]:
    """One button per partner; its payload asks about that partner by key."""
    return [
        {"title": p.name(language), "payload": f'/ask_partner{{"{PARTNER_ENTITY}": "{p.key}"}}'} for p in partners
    ]


def _mentioned_names(tracker: Tracker) -> list[str]:
    entities = tracker.latest_message.get("entities", [])
    return [str(e["value"]) for e in entities if e.get("entity") == PARTNER_ENTITY and e.get("value")]


def _partners_asked_about(tracker: Tracker, session: Session) -> tuple[list[Partner], list[str]]:
    """The partners a message names (entities first, then the text), and the names that are no partner."""
    found: dict[str, Partner] = {}
    unknown: list[str] = []
    for name in _mentioned_names(tracker):
        match = repository.find_partner(session, name)
        if match is None:
            unknown.append(name)
        else:
            found.setdefault(match.partner.key, match.partner)
    text = tracker.latest_message.get("text") or ""
    for match in repository.find_partners_in_text(session, text):
        found.setdefault(match.partner.key, match.partner)
    if not found and not unknown:
        # A name the NLU did not take for a partner ("Nordic Innovation Hub") is still no partner.
        name = names.unknown_name(text, repository.aliases(session))
        unknown = [name] if name else []
    return list(found.values()), unknown


def _partners_in_context(tracker: Tracker, session: Session) -> list[Partner]:
    """The partners the last answer was about ("it", "they", "their website"), kept in the slot as keys."""
    keys = str(tracker.get_slot(PARTNER_SLOT) or "").split(CONTEXT_SEPARATOR)
    return [partner for partner in (session.get(Partner, key) for key in keys if key) if partner is not None]


def _remember(partners: list[Partner]) -> list[dict[str, Any]]:
    return [SlotSet(PARTNER_SLOT, CONTEXT_SEPARATOR.join(partner.key for partner in partners))]


class ActionPartnerInfo(KnowledgeAction):
    """Tells each named partner's role and web address; follow-ups reuse the last partner."""

    def name(self) -> str:
        return "action_partner_info"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session, language: str
    ) -> list[dict[str, Any]]:
        partners, unknown = _partners_asked_about(tracker, session)
        for name in unknown:
            dispatcher.utter_message(
                response="utter_partner_unknown",
                partner_name=name,
                known=_names(repository.all_partners(session), language),
            )
        if not partners and not unknown:
            partners = _partners_in_context(tracker, session)
        if not partners:
            if not unknown:
                known = repository.all_partners(session)
                dispatcher.utter_message(
                    response="utter_partner_which", known=_names(known, language), buttons=_choices(known, language)
                )
            return []
        for partner in partners:
            dispatcher.utter_message(
                response="utter_partner_info",
                partner_name=partner.name(language),
                role=partner.role(language),
                web=partner.web(language),
                source_url=source_link(partner.source),
            )
        return _remember(partners)


# Whether a partner of each kind is in InterAct, and the response that says so.
MEMBERSHIP_RESPONSES = {
    "host": "utter_interact_member_host",
    "interact": "utter_interact_member_yes",
    "participant": "utter_interact_member_participant",
    "close_collaborator": "utter_interact_member_no_close",
}


class ActionInteractMember(KnowledgeAction):
    """Answers "is X (are X and Y, is it) in InterAct?" yes or no first, then why."""

    def name(self) -> str:
        return "action_interact_member"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session, language: str
    ) -> list[dict[str, Any]]:
        partners, unknown = _partners_asked_about(tracker, session)
        if not partners and not unknown:
            partners = _partners_in_context(tracker, session)
        members = _names(repository.partners_of_kind(session, "interact"), language)
        for name in unknown:
            dispatcher.utter_message(response="utter_interact_member_unknown", partner_name=name, members=members)
        for partner in partners:
            dispatcher.utter_message(
                response=MEMBERSHIP_RESPONSES[partner.kind], partner_name=partner.name(language), members=members,
                source_url=source_link(partner.source),
            )
        if not partners and not unknown:
            dispatcher.utter_message(response="utter_interact_member_which", members=members)
            return []
        return _remember(partners) if partners else []


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
