"""Partner look-ups: one partner's role and web address, the partners by kind."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Iterable

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import names, questions, repository
from actions.base import KnowledgeAction
from actions.context import context_keys, remember
from actions.languages import join
from actions.loader import HOST_KIND, INTERACT, PARTNER_THING, THING_KINDS
from actions.models import Partner, Passage, Thing
from actions.normalize import normalize_name
from actions.sources import source_link

LIST_PARTNERS_ACTION = "action_list_partners"

PARTNER_ENTITY = "partner"
# The order in which partner groups are listed, with each group's response.
GROUP_RESPONSES = {
    "interact": "utter_partner_group_interact",
    "participant": "utter_partner_group_participant",
    "close_collaborator": "utter_partner_group_close",
    HOST_KIND: "utter_partner_group_host",
}
# The passage that tells who else the office works with (unnamed institutes and incubators): the
# list is not whole without it.
OTHERS_PASSAGE = "research-institutes-incubators"
# Words that ask for one group only ("Which universities do you work very closely with?"): that group is
# listed, and is what "they" and "the second one" mean next.
GROUP_WORDS = {"close_collaborator": re.compile(r"\b(?:nära|närmast\w*|closely|close|closest)\b", re.IGNORECASE)}


def _names(partners: Iterable[Partner], language: str) -> str:
    """ "SU, MDU och KI"."""
    return join([partner.name(language) for partner in partners], language)


def _choices(partners: Iterable[Partner], language: str) -> list[dict[str, str]]:
    """One button per partner; its payload asks about that partner by key."""
    return [{"title": p.name(language), "payload": f'/ask_partner{{"{PARTNER_ENTITY}": "{p.key}"}}'} for p in partners]


def _mentioned_names(tracker: Tracker) -> list[str]:
    entities = tracker.latest_message.get("entities", [])
    return [str(e["value"]) for e in entities if e.get("entity") == PARTNER_ENTITY and e.get("value")]


@dataclass
class Asked:
    """What a message names: partners, other known things (Vinnova, Chalmers), and unknown names."""

    partners: list[Partner] = field(default_factory=list)
    things: list[Thing] = field(default_factory=list)
    unknown: list[str] = field(default_factory=list)

    @property
    def anything(self) -> bool:
        return bool(self.partners or self.things or self.unknown)


def _partners_asked_about(tracker: Tracker, session: Session) -> Asked:
    """The partners a message names (entities first, then the text), the other known things it
    names, and the names that are neither."""
    found: dict[str, Partner] = {}
    unknown: list[str] = []
    text = tracker.latest_message.get("text") or ""
    named = repository.find_things_in_text(session, text)  # every name read once, the longest winning
    things = [thing for thing in named if thing.kind in THING_KINDS]
    thing_aliases = repository.thing_aliases(session)
    for name in _mentioned_names(tracker):
        match = repository.find_partner(session, name)
        if match is None:
            if thing_aliases.get(normalize_name(name)) not in {thing.key for thing in things}:
                unknown.append(name)
        else:
            found.setdefault(match.partner.key, match.partner)
    for thing in named:
        partner = session.get(Partner, thing.key) if thing.kind == PARTNER_THING else None
        if partner is not None:
            found.setdefault(partner.key, partner)
    if all(partner.kind == HOST_KIND for partner in found.values()) and not unknown and not things:
        # A name the NLU did not take for a partner ("Nordic Innovation Hub", "gotlands innovationsråd",
        # "Does KTH Innovation work with Roslagen Medtech Park?") is still no partner.
        stranger = names.unknown_name(text, thing_aliases) or questions.organisation_asked_about(text)
        unknown = [stranger] if stranger else []
    return Asked(list(found.values()), things, unknown)


def _partners_in_context(tracker: Tracker, session: Session) -> list[Partner]:
    """The partners the last answer was about ("it", "they", "the second one"), kept in the slot as keys."""
    text = tracker.latest_message.get("text") or ""
    keys = context_keys(tracker)
    if len(keys) > 1 and not questions.refers_back(text):
        return []  # "tell me about a partner" after a list: which one?
    keys = questions.resolve(text, keys)
    return [partner for partner in (session.get(Partner, key) for key in keys) if partner is not None]


def _remember(partners: list[Partner]) -> list[dict[str, Any]]:
    return remember([partner.key for partner in partners])


class ActionPartnerInfo(KnowledgeAction):
    """Tells each named partner's role and web address; follow-ups reuse the last partner."""

    def name(self) -> str:
        return "action_partner_info"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session, language: str
    ) -> list[dict[str, Any]]:
        asked = _partners_asked_about(tracker, session)
        partners, unknown = asked.partners, asked.unknown
        for name in unknown:
            dispatcher.utter_message(
                response="utter_partner_unknown",
                partner_name=name,
                known=_names(repository.all_partners(session), language),
            )
        for thing in asked.things:
            dispatcher.utter_message(
                response="utter_thing_about", about=thing.about(language), source_url=source_link(thing.source)
            )
        if not asked.anything:
            partners = _partners_in_context(tracker, session)
        if not partners:
            if not asked.anything:
                known = repository.all_partners(session)
                dispatcher.utter_message(
                    response="utter_partner_which", known=_names(known, language), buttons=_choices(known, language)
                )
            return []
        # "Do you work with KI?": yes for every partner but the office's own host, then who they are.
        # Asked in the question itself: "Since Handels is in the cooperation, is the office hosted there?" asks no
        # yes to working together.
        text = tracker.latest_message.get("text") or ""
        start, end = questions.asking_sentence(text)
        cooperation = questions.asks_about_cooperation(text[start:end])
        asked_about = [partner for partner in partners if partner.kind != HOST_KIND]
        if (cooperation and asked_about) or unknown:
            # "Does KTH Innovation work with UU and KI (with Roslagen Medtech Park)?": KTH Innovation
            # asks, the others are asked about.
            partners = asked_about
        for partner in partners:
            if cooperation and partner.kind != HOST_KIND:
                dispatcher.utter_message(response="utter_partner_cooperation_yes", partner_name=partner.name(language))
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
    HOST_KIND: "utter_interact_member_host",
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
        asked = _partners_asked_about(tracker, session)
        partners, unknown = asked.partners, asked.unknown
        things = [thing for thing in asked.things if thing.key != INTERACT]  # what they are asked to be in
        if unknown or things or any(partner.kind != HOST_KIND for partner in partners):
            # "Since KTH Innovation works closely with UU, is UU in InterAct?": the office is not asked about.
            partners = [partner for partner in partners if partner.kind != HOST_KIND]
        if not partners and not unknown and not things:
            partners = _partners_in_context(tracker, session)
        members = _names(repository.partners_of_kind(session, "interact"), language)
        for name in unknown:
            dispatcher.utter_message(response="utter_interact_member_unknown", partner_name=name, members=members)
        for thing in things:
            dispatcher.utter_message(
                response="utter_interact_member_not_thing",
                thing_name=thing.name(language),
                members=members,
                about=thing.about(language),
                source_url=source_link(thing.source),
            )
        for partner in partners:
            dispatcher.utter_message(
                response=MEMBERSHIP_RESPONSES[partner.kind],
                partner_name=partner.name(language),
                members=members,
                source_url=source_link(partner.source),
            )
        if not partners and not unknown and not things:
            dispatcher.utter_message(response="utter_interact_member_which", members=members)
            return []
        return _remember(partners) if partners else []


class ActionListPartners(KnowledgeAction):
    """Lists the partners grouped by kind: InterAct, also taking part, close collaborators."""

    def name(self) -> str:
        return LIST_PARTNERS_ACTION

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session, language: str
    ) -> list[dict[str, Any]]:
        asked = _partners_asked_about(tracker, session)
        # A place ("bara med lärosäten i Stockholm?") is no partner asked about: the list answers.
        strangers = [name for name in asked.unknown if questions.is_proper_name(name)]
        named = strangers or any(partner.kind != HOST_KIND for partner in asked.partners)
        if named and questions.is_yes_no_question(tracker.latest_message.get("text") or ""):
            # "Does SSE also take part in the cooperation?": about the partners named, not all of them.
            return ActionPartnerInfo().answer(dispatcher, tracker, session, language)
        return list_partners(dispatcher, session, tracker.latest_message.get("text") or "", language)


def list_partners(dispatcher: CollectingDispatcher, session: Session, text: str, language: str) -> list[dict[str, Any]]:
    """The partners a question asks for: one group, when one question names it ("who do you work closely
    with?"), else all of them by group."""
    group = next((kind for kind, words in GROUP_WORDS.items() if words.search(text)), None)
    if group is not None and len(questions.question_parts(text)) == 1:  # one question, for one group
        return _list_group(dispatcher, session, group, language)
    listed: list[Partner] = []
    for kind, response in GROUP_RESPONSES.items():
        if kind == HOST_KIND:
            others = session.get(Passage, OTHERS_PASSAGE)
            if others is not None:
                dispatcher.utter_message(response="utter_partner_group_others", others=others.text(language))
        partners = repository.partners_of_kind(session, kind)
        if partners:
            # The list's facts are the office page's; the last group's message names it.
            dispatcher.utter_message(
                response=response, partners=_names(partners, language), source_url=source_link(partners[0].source)
            )
            listed += partners
    return _remember(listed)  # in the order listed, for "the second one"


def _list_group(dispatcher: CollectingDispatcher, session: Session, kind: str, language: str) -> list[dict[str, Any]]:
    """One group of partners, and (with its source) who else the office works with."""
    partners = repository.partners_of_kind(session, kind)
    dispatcher.utter_message(response=GROUP_RESPONSES[kind], partners=_names(partners, language))
    others = session.get(Passage, OTHERS_PASSAGE)
    if others is not None:
        dispatcher.utter_message(response="utter_passage", passage=others.text(language), source_url=others.source_url)
    return _remember(partners)
