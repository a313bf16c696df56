"""Answers from the knowledge graph: what a named thing is, and what is known of it.

"When did UU Innovation start?", "What is Vinnova?", "MDU's campuses", "and its phone
number?" (after a partner), "the second one's website" (after a list): each thing the
question names, or the conversation's things it points back to, is answered with the
attributes asked for, each with its source; an attribute that is not known is said to be
not known, with what is known instead.
"""

from __future__ import annotations

import re
from typing import Any, Callable

from rasa_sdk import Tracker
from rasa_sdk.events import SlotSet
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import loader, names, passages, questions, repository, roles, rules
from actions.base import KnowledgeAction
from actions.context import PERSON_SLOT, context_keys, earlier_context_keys, remember
from actions.fallback import answered_as_follow_up, answered_from_passage, previous_reply
from actions.languages import join
from actions.models import Attribute, AttributeKind, Thing
from actions.partners import LIST_PARTNERS_ACTION, list_partners
from actions.sources import source_link

OUT_OF_SCOPE = "out_of_scope"


def things_asked_about(
    tracker: Tracker,
    session: Session,
    matches: list[names.NameMatch],
    asked: list[AttributeKind],
    hosts: frozenset[str] = frozenset(),
) -> list[Thing]:
    """The things a question names (`matches`, its names found); else those of the conversation it points
    back to, also when the things named hold nothing asked ("who's in it besides KTH?")."""
    text = tracker.latest_message.get("text") or ""
    named = repository.things_named(session, matches)
    place = questions.own_university_place(text)
    if place is not None:
        # "I study in Västerås. Is my university part of InterAct?": the university there, besides what is named.
        named_keys = {thing.key for thing in named}
        there = _at_place(repository.all_things(session), place, False)
        named = [*(thing for thing in there if _is_university(thing) and thing.key not in named_keys), *named]
    if all(thing.key != loader.OFFICE_THING for thing in named):
        standing_in = [_standing_in(session, thing, asked, hosts, text) for thing in named]
        named = list({thing.key: thing for thing in standing_in}.values())
    holds_asked = any(_holds(thing, asked) for thing in named)
    # "Är de medlemmar i InterAct?": the group named is what they are asked to belong to.
    belonging = questions.is_yes_no_question(text) and all(is_closed_group(session, thing) for thing in named)
    if named and questions.asks_belonging_to_them(text) and not belonging:
        # "InterAct?" - "and is Uppsala one of them?": the conversation's group is what it is asked to belong to.
        talked_about = [repository.thing(session, key) for key in context_keys(tracker)]
        groups = [group for group in talked_about if group is not None and is_closed_group(session, group)]
        if groups:
            return [*named, *(group for group in groups if group not in named)]
    pointing = questions.refers_back(text) and not questions.names_what_it_points_to(text, matches)
    if named and (holds_asked or not asked or not pointing) and not belonging:
        return named
    if not named and asked:
        # "det där delade kontoret för fyra yngre universitet - vilka var med i det?": the thing described is
        # what "det" points to, whatever the conversation was about.
        described = [thing for thing in repository.described_things(session, text) if _holds_meant(thing, asked)]
        # "in the 2008 round a few smaller universities shared one office. What was it called?": the office
        # shared, not the round it was one of.
        specific = [t for t in described if not any(_member_of(session, o, t) for o in described if o is not t)]
        if described:
            return (specific or described)[:1]
    person = tracker.get_slot(PERSON_SLOT)
    if person and questions.refers_to_person(text):
        keys = [str(person)]
    else:
        keys = questions.resolve(text, _listed(session, context_keys(tracker), text))
        picked = questions.picked_by_place(text)
        if picked is not None:
            keys = _by_place(session, keys, *picked) or keys
    pointed = [
        _standing_in(session, found, asked, hosts, text)
        for found in (repository.thing(session, key) for key in keys)
        if found is not None
    ]
    if belonging and named:
        return [*(thing for thing in pointed if thing not in named), *named] if questions.refers_back(text) else named
    if not named and asked and pointing and pointed and not any(_holds_meant(thing, asked) for thing in pointed):
        # "was KTH in that group?" - "how much cash came with it?": "it" is what was talked of before and holds it.
        earlier = _earlier_holding(tracker, session, asked)
        if earlier:
            return earlier
    if len(pointed) == 1 and asked and questions.picks_among(text):
        # "Vilka bildade InterAct?" - "fick nån av dem ett eget kontor?": those of the group's members that
        # hold what is asked, when the group itself does not.
        pointed = _members_holding(session, pointed[0], asked, hosts) or pointed
    return [thing for thing in pointed if thing not in named] or named


def _earlier_holding(tracker: Tracker, session: Session, asked: list[AttributeKind]) -> list[Thing]:
    """The things of the latest earlier turn of the conversation that hold what is asked."""
    for keys in earlier_context_keys(tracker.events):
        things = [thing for thing in (repository.thing(session, key) for key in keys) if thing is not None]
        holding = [thing for thing in things if _holds_meant(thing, asked)]
        group = _group_holding(session, things, asked, meant=True) if not holding and len(things) > 1 else None
        if holding:
            return holding
        if group is not None:
            return [group]  # the eight universities' funding: their round's
    return []


def _listed(session: Session, keys: list[str], text: str) -> list[str]:
    """What an ordinal picks from: after one group ("Who formed InterAct?" - "when did the second one become a
    university?"), its members as its answer listed them; else the conversation's things."""
    if questions.ordinal(text) is None or len(keys) != 1:
        return keys
    return _members_listed(session, keys[0], repository.thing_aliases(session)) or keys


def _members_listed(session: Session, key: str, aliases: dict[str, str]) -> list[str]:
    """A group's members in the order its answer lists them; [] for a thing that is no group."""
    members = repository.attribute(session, key, "members")
    if members is None:
        return []
    return list(dict.fromkeys(match.key for match in names.find_names(members.value_sv, aliases)))


# Where a thing is, besides its names: the attributes that name places.
PLACE_ATTRIBUTES = ("campuses", "location")


def _by_place(session: Session, keys: list[str], place: str, negated: bool) -> list[str]:
    """Those of the things (a group: its members) whose names or places hold `place` ("the one in Västerås":
    MDU), or, `negated`, those whose do not."""
    aliases = repository.thing_aliases(session)
    candidates = dict.fromkeys(member for key in keys for member in _members_listed(session, key, aliases) or [key])
    things = [thing for thing in (repository.thing(session, key) for key in candidates) if thing is not None]
    return [thing.key for thing in _at_place(things, place, negated)]


def _at_place(things: list[Thing], place: str, negated: bool) -> list[Thing]:
    """The things whose names or places hold `place`, or, `negated`, those whose known places do not (KTH,
    whose place the knowledge does not give, is not said to be outside Stockholm)."""
    wanted = place.casefold()

    def places(thing: Thing) -> list[str]:
        return [f"{a.value_sv} {a.value_en}" for a in thing.attributes if a.name in PLACE_ATTRIBUTES]

    def said(thing: Thing) -> str:
        return " ".join([thing.name("sv"), thing.name("en"), *places(thing)]).casefold()

    if negated:
        return [thing for thing in things if places(thing) and wanted not in said(thing)]
    return [thing for thing in things if wanted in said(thing)]


# "verification funding at KTH", "KTH's verification funding": KTH says whose or where the thing named beside
# it is, and is not asked about.
_AT_HOST = re.compile(r"\b(?:at|på|vid)\s+$", re.IGNORECASE)
_HOSTS_OWN = re.compile(r"^(?:'s|’s|:s|s)?\s+$", re.IGNORECASE)
# How far after a name "at KTH" still qualifies it.
_QUALIFIER_GAP = 12


def _placing_hosts(text: str, matches: list[names.NameMatch], hosts: frozenset[str]) -> set[str]:
    """The hosts named only to say whose or where another named thing is ("verification funding at KTH")."""

    def qualifies(host: names.NameMatch, other: names.NameMatch) -> bool:
        after = 0 <= host.start - other.end <= _QUALIFIER_GAP and _AT_HOST.search(text[: host.start])
        return bool(after or (other.start >= host.end and _HOSTS_OWN.match(text[host.end : other.start])))

    return {
        match.key
        for match in matches
        if match.key in hosts and any(qualifies(match, other) for other in matches if other.key != match.key)
    }


def _people_answered(session: Session, things: list[Thing], asked: list[AttributeKind]) -> list[Thing]:
    """The people an answer about who leads, runs or founded `things` named."""
    predicates = [p for kind in asked for p in loader.RELATION_PREDICATES.get(kind.key, ())]
    found = [s for thing in things for p in predicates for s in repository.subjects(session, p, thing.key)]
    return [thing for thing in found if thing.kind == loader.PERSON_THING]


def _utter_stranger_not_member(
    dispatcher: CollectingDispatcher, stranger: str, group: Thing, members: Attribute, language: str
) -> None:
    """ "Is Göteborgs universitet in InterAct?": every member of the group is known, so the stranger is not one."""
    dispatcher.utter_message(
        response="utter_stranger_not_member",
        thing_name=stranger,
        group_name=group.name(language),
        members=members.value(language),
        source_url=source_link(members.source),
    )


def _pointed_to_in_scene(
    session: Session,
    found: list[names.NameMatch],
    matches: list[names.NameMatch],
    asked: list[AttributeKind],
    things: list[Thing],
    asking: str,
) -> list[Thing]:
    """What a relation question's pointer means in the sentence before it: "vi vill söka verifieringsmedel.
    sköter KTH Innovation det på egen hand?" asks who runs verification funding, not who runs KTH Innovation.
    `asking`: the sentences of the message that ask (questions.asking_sentence)."""
    if len(matches) == len(found) or not any(kind.key in loader.RELATION_PREDICATES for kind in asked):
        return []
    if not questions.refers_back(asking):
        return []
    scene = repository.things_named(session, [match for match in found if match not in matches])
    return [thing for thing in scene if thing not in things and _holds(thing, asked)]


def _just_said(
    thing: Thing, asked: list[AttributeKind], by_key: dict[str, AttributeKind], said: str
) -> AttributeKind | None:
    """The kind that weak words ("vilket år var det?") yield to whose value for `thing` the last reply said."""
    held = {attribute.name: attribute for attribute in thing.attributes}
    for kind in asked:
        for key in kind.yielded_to():
            value = held.get(key)
            if value is not None and (value.value_sv in said or value.value_en in said):
                return by_key[key]
    return None


def _says(thing: Thing, name: str) -> bool:
    """Whether what is known of a thing names `name`."""
    named = re.compile(rf"(?<!\w){re.escape(name)}(?!\w)", re.IGNORECASE)  # not "STING" in "existing"
    return any(named.search(f"{a.value_sv} {a.value_en}") for a in thing.attributes)


def _is_university(thing: Thing) -> bool:
    """A university or a university partner (not an office, a programme or a person)."""
    return thing.kind in ("university", loader.PARTNER_THING) and thing.key != loader.OFFICE_THING


def _holds(thing: Thing, asked: list[AttributeKind]) -> bool:
    return any(attribute.name == kind.key for attribute in thing.attributes for kind in asked)


def _holds_meant(thing: Thing, asked: list[AttributeKind]) -> bool:
    """Whether the thing holds what an asked kind may mean (AttributeKind.meant)."""
    meant = {key for kind in asked for key in kind.meant()}
    return any(attribute.name in meant for attribute in thing.attributes)


def _members_holding(
    session: Session, group: Thing, asked: list[AttributeKind], hosts: frozenset[str] = frozenset()
) -> list[Thing]:
    """The group's members that hold what is asked, if the group does not; KTH (`hosts`) only when no other does
    ("InterAct, besides KTH?" - "one of those two got an office of its own later - in what bill?")."""
    if _holds(group, asked):
        return []
    members = [m for p in loader.CLOSED_GROUP_PREDICATES for m in repository.subjects(session, p, group.key)]
    holding = [member for member in members if _holds(member, asked)]
    return [member for member in holding if member.key not in hosts] or holding


# "the Uppsala one", "Uppsalas innovationskontor": a university asked about as its office.
_OFFICE_WORDS = re.compile(r"\b(?:office|offices|one|\w*kontor\w*|innovationsstöd\w*)\b", re.IGNORECASE)
_OFFICE = re.compile(r"\b(?:innovation\s+office|\w*innovationskontor\w*)\b", re.IGNORECASE)


def _standing_in(session: Session, thing: Thing, asked: list[AttributeKind], hosts: frozenset[str], text: str) -> Thing:
    """The thing that answers for `thing` where it holds nothing asked but a thing it stands for does: KTH's
    office for KTH (a host: "How did KTH do in Vinnova's evaluation?"), what a person founded or leads ("did
    she start it? what year was that?"), a university's innovation office where the question is about an
    office ("when did the Uppsala one get started?"); else `thing` itself."""
    keys = {kind.key for kind in asked}
    if keys & {a.name for a in thing.attributes}:
        return thing
    if not keys:
        # "Berätta lite om innovationskontoret vid Uppsala universitet": the office, asked for itself.
        offices = repository.subjects(session, "innovation_office_of", thing.key) if _OFFICE.search(text) else []
        return offices[0] if offices else thing
    if thing.key in hosts:
        office = repository.thing(session, loader.OFFICE_THING)
        candidates = [office] if office is not None else []
    elif thing.kind == loader.PERSON_THING:
        candidates = repository.objects(session, thing.key, loader.PERSON_STANDS_FOR)
    elif _OFFICE_WORDS.search(text):
        candidates = repository.subjects(session, "innovation_office_of", thing.key)
    else:
        candidates = []
    return next((found for found in candidates if keys & {a.name for a in found.attributes}), thing)


def _sentence(template: str, **values: str) -> str:
    text = template.format(**values)
    return text[:1].upper() + text[1:]


def _asked_of(thing: Thing, asked: list[AttributeKind], weakly: frozenset[str]) -> list[AttributeKind]:
    """The asked kinds as meant for `thing`: a kind asked only by weak words is dropped when another asked
    kind that the thing holds explains them ("mejla chefen ... vilken adress?" asks for the e-mail address)."""
    held = {attribute.name for attribute in thing.attributes}
    keys = {kind.key for kind in asked}
    return [kind for kind in asked if kind.key not in weakly or not kind.yielding() & keys & held]


def _instead(
    asked: list[AttributeKind], held: dict[str, Attribute], kinds: list[AttributeKind], weakly: frozenset[str]
) -> list[AttributeKind]:
    """Each asked kind the thing lacks replaced by the first kind it holds that answers instead ("Where is
    MDU?": its campuses), or, asked by weak words only, that those words mean ("Heter det fortfarande
    Mälardalens högskola?" - "sen när då?": when it became a university), each kind once."""
    by_key = {kind.key: kind for kind in kinds}

    def replacement(kind: AttributeKind) -> AttributeKind:
        meant = [*kind.answered_instead_by(), *(kind.yielded_to() if kind.key in weakly else [])]
        return next((by_key[key] for key in meant if key in held and key in by_key), kind)

    replaced = [kind if kind.key in held else replacement(kind) for kind in asked]
    return list({kind.key: kind for kind in replaced}.values())


def answer_thing(
    dispatcher: CollectingDispatcher,
    session: Session,
    thing: Thing,
    asked: list[AttributeKind],
    kinds: list[AttributeKind],
    language: str,
    answered_elsewhere: frozenset[str] = frozenset(),
    weakly: frozenset[str] = frozenset(),
    uttered: set[tuple[str, str]] | None = None,
    years: frozenset[str] = frozenset(),
) -> list[Thing]:
    """Utters each asked attribute of `thing` that is known, or that a thing its answers name holds ("UU's
    innovation office, and when did it start?"); if none is, says so and what is known. An asked kind
    that neither it nor the things of `answered_elsewhere` (kind keys) hold is said to be not known.
    Returns the things an answer named alone ("UU Innovation"), which "it" may mean next. `uttered` holds the
    (thing, kind) pairs a message has answered already, which are not said twice. `years`: the years the
    question asks about; a value given for other years is said to be for those, not for the year asked."""
    name = thing.name(language)
    held = {attribute.name: attribute for attribute in thing.attributes}
    asked = _instead(_asked_of(thing, asked, weakly), held, kinds, weakly)
    answered = [(thing, kind, held[kind.key]) for kind in asked if kind.key in held]
    aliases = repository.thing_aliases(session)
    read: dict[int, list[Thing]] = {}

    def named_in(attribute: Attribute) -> list[Thing]:
        """The things a value names, read once per attribute."""
        if id(attribute) not in read:
            read[id(attribute)] = repository.things_named(session, names.find_names(attribute.value(language), aliases))
        return read[id(attribute)]

    named = [other for _, _, a in answered for other in named_in(a)]
    missing = []
    for kind in (kind for kind in asked if kind.key not in held):
        # "Vilka lärosäten bildade InterAct, och vilka webbadresser har de?": each member's website.
        holders = [(o, a) for o in dict.fromkeys(named) for a in o.attributes if a.name == kind.key]
        if not holders:
            missing.append(kind)
        answered += [(holder, kind, attribute) for holder, attribute in holders]
    pointed = []
    uttered = set() if uttered is None else uttered
    for holder, kind, attribute in answered:
        if (holder.key, kind.key) in uttered:
            continue  # "KTH's partners in InterAct and their websites": KTH's website once
        uttered.add((holder.key, kind.key))
        in_value = named_in(attribute)
        if len(in_value) == 1 and in_value[0] is not holder:
            pointed.append(in_value[0])
        # "how many teams in 2019?"; but in "when did it start, and how did it do in 2015?" 2015 is the grade's.
        other_year = _other_year(holder, attribute, years, language) if len(asked) == 1 else ""
        dispatcher.utter_message(
            response="utter_thing_attribute_other_year" if other_year else "utter_thing_attribute",
            answer=_sentence(kind.answer(language), name=holder.name(language), value=attribute.value(language)),
            source_url=source_link(attribute.source),
            **({"year": other_year} if other_year else {}),
        )
    unknown = [kind for kind in missing if kind.key not in answered_elsewhere]
    if answered and unknown:
        # "The street address of MDU's campus?": the campuses are known, the street address is not.
        dispatcher.utter_message(
            response="utter_thing_attribute_also_unknown",
            thing_name=name,
            attribute=join([kind.label(language) for kind in unknown], language),
        )
    if asked and not answered:
        labels = {kind.key: kind.label(language) for kind in kinds}
        # What is known instead: the thing's other attributes, or what it is.
        known = "; ".join(
            f"{labels.get(a.name, a.name)}: {a.value(language)}" for a in thing.attributes[:MAX_KNOWN_INSTEAD]
        )
        dispatcher.utter_message(
            response="utter_thing_attribute_unknown",
            thing_name=name,
            attribute=join([kind.label(language) for kind in asked], language),
            known=known or thing.about(language).rstrip("."),
            source_url=source_link(thing.source),
        )
    elif not asked:
        dispatcher.utter_message(
            response="utter_thing_about", about=thing.about(language), source_url=source_link(thing.source)
        )
    return pointed


def _other_year(thing: Thing, attribute: Attribute, years: frozenset[str], language: str) -> str:
    """The years asked that a dated value is not given for ("how many teams in 2019?": 400 is for 2024), or "";
    a year the thing itself is named or described by ("the 2008/09 round") is no other year."""
    dated = set(_YEAR.findall(f"{attribute.value_sv} {attribute.value_en}"))
    own = set(_YEAR.findall(f"{thing.name(language)} {thing.about(language)}"))
    other = sorted(years - dated - own)
    return join(other, language) if dated and other and not years & dated else ""


# What is known instead of an attribute that is not: the first few attributes, so that the answer stays short.
MAX_KNOWN_INSTEAD = 4


def answer_without_things(dispatcher: CollectingDispatcher, tracker: Tracker, text: str) -> list[dict[str, Any]]:
    """A question about nothing the graph or the conversation names: the passage that answers it, if it
    says enough to be searched; else the honest out-of-scope reply or "who do you mean?"."""
    pointless = bool(context_keys(tracker)) and questions.refers_back(text)
    if not pointless and not passages.few_words(text):
        remembered = answered_from_passage(dispatcher, tracker)
        if remembered is not None:
            return remembered
    if questions.refers_back(text) and not context_keys(tracker):
        # "När beslutade regeringen om innovationskontoren?" - "Hur många lärosäten gällde det?": the passage
        # that answers both, where the answer before left no thing to point to.
        remembered = answered_as_follow_up(dispatcher, tracker)
        if remembered is not None:
            return remembered
    ranking = tracker.latest_message.get("intent_ranking") or []
    classified = ranking[1].get("name") if len(ranking) > 1 else None
    dispatcher.utter_message(response="utter_out_of_scope" if classified == OUT_OF_SCOPE else "utter_thing_which")
    return []


# "... led by KTH Innovation?", "... leds av KTH Innovation?", "led from SU's side": the name that does it.
_AGENT = re.compile(r"\b(?:by|av|from|från)\s*$", re.IGNORECASE)
# "tror att det är SU som styr InterAct", "Is it SU that runs it?": the one a cleft sets off is the subject.
_CLEFT_BEFORE = re.compile(r"\b(?:det är|är det|det var|var det|it is|is it|it was|was it|it's)\s+(?:the\s+)?$", re.I)
_CLEFT_AFTER = re.compile(r"\s+(?:som|that|who|which)\b", re.IGNORECASE)


def _is_agent(text: str, match: names.NameMatch) -> bool:
    before = text[: match.start]
    return bool(_AGENT.search(before) or (_CLEFT_BEFORE.search(before) and _CLEFT_AFTER.match(text, match.end)))


def answer_relation(
    dispatcher: CollectingDispatcher,
    session: Session,
    things: list[Thing],
    asked: list[AttributeKind],
    language: str,
    text: str = "",
    matches: list[names.NameMatch] | None = None,
) -> list[Thing] | None:
    """Answers "Is it KTH Innovation that leads InterAct?" yes or no first, for an attribute that relations
    state (who leads or runs a thing, who founded it, who funds it); the things answered, or None when the
    question is no such question (nothing named that could stand in the relation)."""
    # "Is it KTH Innovation that leads the work?", "Is the work led by KTH Innovation?": the one named is
    # the subject; "Is there a particular person I should email at KTH Innovation?" asks whom.
    agents = {m.key for m in matches or [] if _is_agent(text, m)}
    if len(things) == 1 and not (questions.is_cleft(text) or things[0].key in agents):
        return None
    if not any(kind.key in loader.RELATION_PREDICATES for kind in asked):
        return None
    # "Är det SU som leder arbetet i samarbetet?": the thing the work is, described rather than named.
    described = [thing for thing in repository.described_things(session, text) if thing not in things]
    for kind in asked:
        predicates = loader.RELATION_PREDICATES.get(kind.key)
        if not predicates:
            continue
        if len(things) == 1:  # "Is it KTH Innovation that leads the work?": the one named is the subject
            targets = repository.objects(session, things[0].key, predicates) or [
                target for target in described if any(a.name == kind.key for a in target.attributes)
            ]
            pairs = [(things[0], target) for target in targets]
        else:  # a subject (the agent, if one is named) and a thing that holds the attribute, in the order named
            # "Är Handels med i samarbetet som KTH Innovation leder?" asks nothing of whom KTH Innovation leads.
            doers = questions.doers(text, matches or [])
            subjects = [thing for thing in things if thing.key in agents] or things
            pairs = [
                (subject, target)
                for subject in subjects
                for target in [*described, *things]
                if subject is not target
                and target.key not in doers
                and any(a.name == kind.key for a in target.attributes)
            ]
        if not pairs:
            continue
        related = [(s, t) for s, t in pairs if any(repository.relation(session, s.key, p, t.key) for p in predicates)]
        subject, target = (related or pairs)[0]
        dispatcher.utter_message(
            response="utter_relation_yes" if related else "utter_relation_no",
            **_attribute_answer(target, kind, language),
        )
        if not related:  # "KI Innovations is UU's office?" - "No. ... UU Innovation." and whose KI Innovations is
            others = [o for o in repository.objects(session, subject.key, predicates) if o is not target]
            for other in (o for o in others if any(a.name == kind.key for a in o.attributes)):
                dispatcher.utter_message(response="utter_thing_attribute", **_attribute_answer(other, kind, language))
        return [subject, target]
    return None


def _attribute_answer(thing: Thing, kind: AttributeKind, language: str) -> dict[str, str]:
    """The sentence that answers `kind` of `thing`, with its source (the thing must hold the kind)."""
    attribute = next(a for a in thing.attributes if a.name == kind.key)
    return {
        "answer": _sentence(kind.answer(language), name=thing.name(language), value=attribute.value(language)),
        "source_url": source_link(attribute.source),
    }


def _answer_cooperation(
    dispatcher: CollectingDispatcher, session: Session, about: list[Thing], language: str
) -> list[Thing]:
    """Answers whether the office works with each thing asked about "yes" first, with what the cooperation is,
    when every one is its partner (InterAct's member, taking part, a close collaborator); else nothing."""
    partnering = tuple(loader.KIND_RELATIONS.values())
    if not about or not all(repository.objects(session, thing.key, partnering) for thing in about):
        return []
    for thing in about:
        dispatcher.utter_message(
            response="utter_relation_yes", answer=thing.about(language), source_url=source_link(thing.source)
        )
    return about


def _answer_role_claim(
    dispatcher: CollectingDispatcher,
    session: Session,
    things: list[Thing],
    text: str,
    asking: str,
    found: list[names.NameMatch],
    language: str,
) -> Thing | None:
    """Answers a yes/no question that gives a person a role that is not theirs ("Is Lisa Ericsson the rector of
    KTH?") "no", with what the person is; the person, or None when no such role is claimed. The roles are read
    in the sentence that names the person, else in the sentences that ask (`asking`: "Är hon rektor?")."""
    named_things = repository.things_named(session, found)
    people = {thing.key: thing for thing in [*things, *named_things] if thing.kind == loader.PERSON_THING}
    for person in people.values():
        named = [match.start for match in found if match.key == person.key]
        claim = questions.sentence_at(text, named[0]) if named else asking
        held = {p for p in roles.ROLES_BY_RELATION if repository.objects(session, person.key, (p,))}
        if roles.claims_other_role(person, held, claim):
            dispatcher.utter_message(
                response="utter_relation_no", answer=person.about(language), source_url=source_link(person.source)
            )
            return person
    return None


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_GIVEN_CLAUSE = re.compile(r"[\s,]+(?:once|when|after|since|as soon as|now that|när|efter att|sedan|nu när)\s", re.I)


def _verdict(attribute: Attribute, question: str) -> bool | None:
    """True when a yes/no question asks what the value confirms ("Is it free?"), False when what it denies
    ("Do I have to pay?"), None when it asks neither or both."""
    # "So SU dropped out of InterAct once it got its own office?" asks whether it dropped out: what the
    # clause after "once" takes for given is not asked.
    given = _GIVEN_CLAUSE.search(question)
    question = question[: given.start()] if given else question
    if not set(_YEAR.findall(question)) <= set(_YEAR.findall(f"{attribute.value_sv} {attribute.value_en}")):
        return None  # "Fick SU ett eget kontor 2008?": a year the value does not hold is not confirmed
    lines = {"yes": attribute.yes_words, "no": attribute.no_words}
    phrases = {key: [phrase for phrase in (words or "").split("\n") if phrase] for key, words in lines.items()}
    asked = questions.asked_attributes(question, phrases)
    return None if len(asked) != 1 else asked[0] == "yes"


def answer_claim(
    dispatcher: CollectingDispatcher, holders: list[Thing], asked: list[AttributeKind], text: str, language: str
) -> list[tuple[Thing, AttributeKind]]:
    """Answers "Is it free?" / "Do I have to pay?" yes or no first, where an asked attribute's value says
    which (knowledge/graph.yml: `yes_to`, `no_to`); the things answered, each with the kind it was answered by."""
    answered = []
    for thing in holders:
        held = {attribute.name: attribute for attribute in thing.attributes}
        for kind in asked:
            attribute = held.get(kind.key)
            verdict = _verdict(attribute, text) if attribute is not None else None
            if attribute is None or verdict is None:
                continue
            dispatcher.utter_message(
                response="utter_relation_yes" if verdict else "utter_relation_no",
                answer=_sentence(kind.answer(language), name=thing.name(language), value=attribute.value(language)),
                source_url=source_link(attribute.source),
            )
            answered.append((thing, kind))
    return answered


def is_closed_group(session: Session, thing: Thing) -> bool:
    """Whether all members of `thing` are known (InterAct, the eight of 2008/09, Fyrklövern)."""
    return any(repository.subjects(session, predicate, thing.key) for predicate in loader.CLOSED_GROUP_PREDICATES)


def described_group(session: Session, text: str) -> list[Thing]:
    """The closed group a question describes without naming it, the narrowest where several fit
    ("the shared office of the 2008 round" is Fyrklövern, which is part of that round)."""
    groups = [thing for thing in repository.described_things(session, text) if is_closed_group(session, thing)]
    narrowest = [
        group
        for group in groups
        if not any(
            repository.relation(session, other.key, predicate, group.key)
            for other in groups
            for predicate in loader.CLOSED_GROUP_PREDICATES
        )
    ]
    return (narrowest or groups)[:1]


def _member_of(session: Session, member: Thing, group: Thing) -> bool:
    return any(repository.relation(session, member.key, p, group.key) for p in loader.CLOSED_GROUP_PREDICATES)


def _group_between(session: Session, member: Thing, group: Thing) -> Thing | None:
    """The closed group `member` belongs to that is itself part of `group` (Örebro, Fyrklövern, the round)."""
    for predicate in loader.CLOSED_GROUP_PREDICATES:
        for middle in repository.objects(session, member.key, (predicate,)):
            if _member_of(session, middle, group):
                return middle
    return None


def answer_membership(
    dispatcher: CollectingDispatcher,
    session: Session,
    things: list[Thing],
    language: str,
    hosts: frozenset[str] = frozenset(),
    own_asked: bool = False,
) -> list[Thing] | None:
    """Answers "is A one of B?" yes or no first, where B is a group whose members are all known;
    the things answered, or None when the question is no such question. The office and KTH (`hosts`)
    are asked about only when nothing else is ("Ingår Handels i samarbetet som KTH Innovation leder?").
    `own_asked`: the question asks whether A had one of its own, which a share of a smaller group's is not."""
    groups = [
        (thing, predicate)
        for thing in things
        for predicate in loader.CLOSED_GROUP_PREDICATES
        if repository.subjects(session, predicate, thing.key)
    ]
    if not groups:
        return None
    group, predicate = groups[0]
    members = [thing for thing in things if thing.key != group.key]
    members = [thing for thing in members if thing.key not in hosts] or members
    answered = []
    for named in members:
        # "Karolinska Institutet - was that one of the eight places that got an innovation office?": the university
        # its office stood in for is the one that belongs.
        member = _office_holder(session, named, predicate, group) or named
        answered.append(member)
        found = repository.relation(session, member.key, predicate, group.key)
        through = None if found is not None else _group_between(session, member, group)
        taking_part = repository.relation(session, member.key, loader.PARTICIPATION_PREDICATE, group.key)
        if found is None and taking_part is not None:
            # "Ingår Handelshögskolan i InterAct?": it takes part, without being one of those who formed it.
            dispatcher.utter_message(
                response="utter_thing_takes_part",
                thing_name=member.name(language),
                group_name=group.name(language),
                source_url=source_link(taking_part.source),
            )
        elif through is not None and own_asked:
            # "Stämmer det att Örebro fick ett helt eget innovationskontor 2009?": no, it shared Fyrklövern's.
            dispatcher.utter_message(
                response="utter_relation_no", answer=through.about(language), source_url=source_link(through.source)
            )
        elif through is not None:
            # "Did Örebro get an office in the 2008 round?": it was in it, through Fyrklövern.
            dispatcher.utter_message(
                response="utter_thing_member_via",
                thing_name=member.name(language),
                subgroup_name=through.name(language),
                group_name=group.name(language),
                about=through.about(language),
                source_url=source_link(through.source),
            )
        elif found is not None:
            dispatcher.utter_message(
                response="utter_thing_member_yes",
                thing_name=member.name(language),
                group_name=group.name(language),
                source_url=source_link(found.source),
            )
        else:
            dispatcher.utter_message(
                response="utter_thing_member_no",
                thing_name=member.name(language),
                group_name=group.name(language),
                about=group.about(language),
                source_url=source_link(group.source),
            )
            if member.about(language) and member.key not in hosts:
                # "Was Stockholm University one of the eight?": what it is instead (its own office, from 2012).
                dispatcher.utter_message(
                    response="utter_thing_about", about=member.about(language), source_url=source_link(member.source)
                )
    return [*answered, group] if answered else None


def _answer_person_in_charge(
    dispatcher: CollectingDispatcher,
    session: Session,
    answered: list[Thing],
    kinds: list[AttributeKind],
    language: str,
) -> list[Thing]:
    """After "Responsible for InterAct: KTH Innovation", to a question asking for a person: who leads KTH Innovation.
    Returns the organisations answered so."""
    people = {thing.key for thing in answered if thing.kind == loader.PERSON_THING}
    predicates = loader.RELATION_PREDICATES["responsible"]
    in_charge = [org for thing in answered for p in predicates for org in repository.subjects(session, p, thing.key)]
    if people or any(org.kind == loader.PERSON_THING for org in in_charge):
        return []  # a person is named already
    responsible = [kind for kind in kinds if kind.key == "responsible"]
    led = [org for org in dict.fromkeys(in_charge) if _holds(org, responsible)]
    for org in led:
        answer_thing(dispatcher, session, org, responsible, kinds, language)
    return led


def _office_holder(session: Session, office: Thing, predicate: str, group: Thing) -> Thing | None:
    """The university whose innovation office `office` is, if that university stands in `predicate` to `group`."""
    holders = repository.objects(session, office.key, ("innovation_office_of",))
    return next((h for h in holders if repository.relation(session, h.key, predicate, group.key)), None)


# More things than this that all lack what is asked are told so in one sentence, not one answer each.
MAX_UNKNOWN_ONE_BY_ONE = 2


def _group_holding(
    session: Session, things: list[Thing], asked: list[AttributeKind], meant: bool = False
) -> Thing | None:
    """The closed group every one of `things` belongs to that holds an asked attribute (or, with `meant`, what
    an asked kind may mean), if any."""
    memberships = [
        {group.key: group for group in repository.objects(session, thing.key, loader.CLOSED_GROUP_PREDICATES)}
        for thing in things
    ]
    shared = [group for key, group in memberships[0].items() if all(key in m for m in memberships)] if things else []
    keys = {key for kind in asked for key in (kind.meant() if meant else [kind.key])}
    return next((group for group in shared if keys & {a.name for a in group.attributes}), None)


def _describer(
    session: Session, by_key: dict[str, AttributeKind], strong: dict[str, list[str]], weak: dict[str, list[str]]
) -> Callable[[str], list[str]]:
    """What a question of a message describes without naming it and that holds what it asks, as keys."""

    def described(question: str) -> list[str]:
        asked, _ = questions.asked_kinds(question, strong, weak)
        # "hur mycket fick de?": what the kind's words may mean, or what answers instead, held.
        meant = [m for key in asked for m in by_key[key].meant()]
        kinds = [by_key[key] for key in meant if key in by_key]
        return [thing.key for thing in repository.described_things(session, question) if _holds(thing, kinds)][:1]

    return described


def asked_per_thing(
    text: str,
    unnamed: str,
    matches: list[names.NameMatch],
    strong: dict[str, list[str]],
    weak: dict[str, list[str]],
    described: Callable[[str], list[str]] = lambda question: [],
) -> dict[str, list[str]]:
    """{thing key: the kind keys its own questions ask} where a message asks several questions of different
    things ("What is UU's office called and when did it start? And KI's web address?"): a question that
    names nothing asks about the things it describes (`described`: "how much did the offices get from the
    state at the start, and how much verification funding can one get?"), else about those of the one
    before; else {}. `unnamed` is the text without its names (questions.asking_words)."""
    groups: list[tuple[list[str], list[str]]] = []
    for question, keys, asked in _each_question(text, unnamed, matches, strong, weak):
        keys = keys or (described(question) if asked else [])
        if groups and (not keys or questions.has_mention(question)):
            # "... och vilka driver den på KTH?": "den" is the one before.
            groups[-1][0].extend(keys)
            groups[-1][1].extend(asked)
        elif keys:
            groups.append((keys, asked))
    groups = [(keys, asked) for keys, asked in groups if asked]
    if len(groups) < 2 or len({key for keys, _ in groups for key in keys}) < 2:
        return {}
    per_thing: dict[str, list[str]] = {}
    for keys, asked in groups:
        for key in keys:
            per_thing[key] = list(dict.fromkeys([*per_thing.get(key, []), *asked]))
    return per_thing


def topic_alongside(
    tracker: Tracker,
    text: str,
    unnamed: str,
    matches: list[names.NameMatch],
    strong: dict[str, list[str]],
    weak: dict[str, list[str]],
    plain: frozenset[str],
) -> tuple[str, str] | None:
    """The answer of the classifier's topic, and the question that asks it, where a message asks it beside an
    attribute ("What kind of help can KTH Innovation give me, and do I have to pay for it?": the services, then
    the cost; "Who formed InterAct, and which universities do you work closely with?": the members, then the
    close collaborators): one of its questions asks no attribute and names nothing but `plain` (the office and
    its host)."""
    ranking = tracker.latest_message.get("intent_ranking") or []
    classified = str(ranking[1].get("name")) if len(ranking) > 1 else ""
    answer = rules.rule_answers().get(classified, "")
    if answer != LIST_PARTNERS_ACTION and (classified not in rules.TOPIC_INTENTS or not answer.startswith("utter_")):
        return None
    each = _each_question(text, unnamed, matches, strong, weak)
    if len(each) < 2:
        return None
    return next(
        (
            (answer, question)
            for question, keys, asked in each
            if not asked and set(keys) <= plain and questions.asks(question)
        ),
        None,
    )


def _each_question(
    text: str,
    unnamed: str,
    matches: list[names.NameMatch],
    strong: dict[str, list[str]],
    weak: dict[str, list[str]],
) -> list[tuple[str, list[str], list[str]]]:
    """Each question of a message (questions.question_spans): its text, the keys it names, the kinds it asks."""
    each = []
    for start, end in questions.question_spans(text):
        asked, _ = questions.asked_kinds(unnamed[start:end], strong, weak)
        each.append((text[start:end], [match.key for match in matches if start <= match.start < end], asked))
    return each


def _kinds_asked(
    text: str,
    unnamed: str,
    found: list[names.NameMatch],
    matches: list[names.NameMatch],
    strong: dict[str, list[str]],
    weak: dict[str, list[str]],
) -> tuple[list[str], set[str]]:
    """The kinds a question asks and those it asks only by weak words. What the scene-setting sentences say is
    not asked ("... for our campus paper. Who is heading KTH Innovation?" asks no campus), unless they name what
    the question points to ("Jag ska skriva till chefen för KTH Innovation. Vad heter hon?") or the sentence
    that asks asks nothing itself."""
    start, end = questions.asking_sentence(text)
    asked, weakly = questions.asked_kinds(unnamed[start:end], strong, weak)
    inside = bool(found) and all(start <= match.start < end for match in found)
    if asked and (len(matches) < len(found) or inside):
        return asked, weakly
    return questions.asked_kinds(unnamed, strong, weak)


class ActionKnowledge(KnowledgeAction):
    """Answers questions about named things (or the conversation's) from the knowledge graph."""

    def name(self) -> str:
        return "action_knowledge"

    def answer(
        self, dispatcher: CollectingDispatcher, tracker: Tracker, session: Session, language: str
    ) -> list[dict[str, Any]]:
        kinds = repository.attribute_kinds(session)
        text = tracker.latest_message.get("text") or ""
        by_key = {kind.key: kind for kind in kinds}
        # The question's names are read once: for the things, for the attribute words, for a stranger.
        aliases = repository.thing_aliases(session)
        found = questions.without_contrasted(text, names.find_names(text, aliases))
        unnamed = questions.asking_words(text, found)
        matches = questions.in_asking_sentence(text, found)
        strong, weak = {k.key: k.words() for k in kinds}, {k.key: k.weak() for k in kinds}
        per_thing = asked_per_thing(text, unnamed, matches, strong, weak, _describer(session, by_key, strong, weak))
        start, end = questions.asking_sentence(text)
        asked_keys, weakly = _kinds_asked(text, unnamed, found, matches, strong, weak)
        asked = [by_key[key] for key in asked_keys]
        own_asked = "own_office" in asked_keys
        # "Is there somebody specific who knows about InterAct?": the person leading whoever is responsible.
        person_asked = "responsible" in asked_keys and questions.asks_for_person(text)
        if asked and questions.asks_for_another(text, [word for kind in asked for word in kind.words()]):
            # "... görs på en annan avdelning. Vilken avdelning är det?": not what the graph knows of that kind.
            return answer_without_things(dispatcher, tracker, text)
        # The office and KTH: the office asked about through KTH, the asker beside what it asks about.
        hosts = frozenset(partner.key for partner in repository.partners_of_kind(session, loader.HOST_KIND))
        things = things_asked_about(tracker, session, matches, asked, hosts)
        scene = _pointed_to_in_scene(session, found, matches, asked, things, text[start:end])
        if scene:  # the one named is the relation's other party, asked about only in a yes/no question
            things = [*scene, *things] if questions.is_yes_no_follow_up(text) else scene
        placed = _placing_hosts(text, matches, hosts)
        if placed and all(match.key != loader.OFFICE_THING for match in matches):
            placed.add(loader.OFFICE_THING)  # KTH stood in for by its office
        things = [thing for thing in things if thing.key not in placed] or things
        # "hur mycket fick innovationskontoren från staten, och hur mycket kan man få i verifieringsmedel?": the
        # offices described in one question beside the funding named in the other.
        named_keys = {thing.key for thing in things}
        # Not one described in a sentence that asks nothing ("KI Innovations, vilket år startade de? Vill jämföra
        # med när KTH:s innovationsverksamhet kom igång.").
        asking_described = {thing.key for thing in repository.described_things(session, text[start:end])}
        described = [
            t
            for t in (repository.thing(session, key) for key in per_thing if key not in named_keys)
            if t and t.key in asking_described
        ]
        things += described
        stranger = names.unknown_name(text, aliases, matches=found)
        if stranger and len(stranger.split()) > 1 and any(_says(thing, stranger) for thing in things):
            stranger = None  # "KTH Innovation sits in the old Red Cross building, right?": a name its facts hold
        yes_no = questions.is_yes_no_follow_up(text)
        if yes_no and questions.asks_belonging(text) and not any(is_closed_group(session, t) for t in things):
            # "Did Lund get one of the innovation offices set up in 2008?": a group described, not named.
            things += described_group(session, text)
        # "Does KTH Innovation work with X?", "Is X in InterAct?": asked about X alone.
        groups = [thing for thing in things if is_closed_group(session, thing)]
        about = [thing for thing in things if thing not in groups and thing.key not in hosts]
        # Beside the office, a stranger is asked about when it is an organisation, or asked who it is
        # ("Who is Erik Johansson at KTH Innovation?").
        # "Berätta om stipendiet Guldnyckeln som KTH Innovation delar ut": what it is, whoever is named with it.
        asked_what = (
            stranger is not None and questions.names_a_thing(text, stranger) and questions.asks_what_is(text, stranger)
        )
        asked_about = stranger is not None and (
            names.names_an_organisation(stranger)
            or asked_what
            or questions.asks_about_unknown_person(text, stranger)
            or questions.is_said_to_be_a_thing(text, stranger)
        )
        if stranger and (asked_what or (not about and (len(groups) == len(things) or asked_about))):
            members = repository.attribute(session, groups[0].key, "members") if groups else None
            # "Har InterAct något samarbete med X?" asks about working together, which no list settles.
            membership = yes_no and not questions.asks_about_cooperation(text)
            if members is not None and membership and names.names_an_organisation(stranger):
                # "Is Göteborgs universitet in InterAct?": every member is known, so X is not one (and nothing
                # else is known of X). Only for an organisation's name: "I study in Västerås. Is my university
                # in InterAct?" names a place, not what is asked about.
                _utter_stranger_not_member(dispatcher, stranger, groups[0], members, language)
                return remember([groups[0].key])
            # "Who is Anna Svensson?": nothing known of X, and no guess.
            dispatcher.utter_message(response="utter_thing_unknown", thing_name=stranger)
            return []
        if not things:
            # "What is the cooperation between the three universities supposed to do?": InterAct, described.
            things = [thing for thing in repository.described_things(session, text) if _holds(thing, asked)][:1]
        if not things:
            office = repository.thing(session, loader.OFFICE_THING)
            # "What's the phone number?" asks about the office, which is part of KTH Innovation; so does "whoever is
            # responsible for the innovation office - who is that?", which points back to the office it names.
            named_office = questions.names_the_office(text) and office is not None and _holds(office, asked)
            # "vilken gatuadress har huset där ni sitter?": "ni" is the office, whatever "där" points to.
            spoken_to = questions.addresses_office(text) and not context_keys(tracker)
            if asked and office is not None and (not questions.refers_back(text) or named_office or spoken_to):
                things = [office]
            else:
                return answer_without_things(dispatcher, tracker, text)
        topic = topic_alongside(tracker, text, unnamed, found, strong, weak, hosts | {loader.OFFICE_THING})
        if topic is not None and topic[0] == LIST_PARTNERS_ACTION:
            list_partners(dispatcher, session, topic[1], language)
        elif topic is not None:
            dispatcher.utter_message(response=topic[0])
        if asked and {kind.key for kind in asked} <= weakly and questions.refers_back(text):
            # "Hur gick det i Vinnovas utvärdering?" - "vilket år var det?": the year of what was just said.
            said = previous_reply(tracker)
            meant = next(((thing, kind) for thing in things if (kind := _just_said(thing, asked, by_key, said))), None)
            if meant is not None:
                things, asked = [meant[0]], [meant[1]]
        # "Since when has KTH offered verification funding?": the things that hold what is asked answer;
        # one named only in passing is not told to be unknown.
        holders = [thing for thing in things if _holds(thing, asked) or thing in described]
        yes_no_or_may = yes_no or questions.asks_whether_may(text)
        if stranger and yes_no_or_may and questions.is_proper_name(stranger):
            members = repository.attribute(session, groups[0].key, "members") if groups else None
            if (
                members is not None
                and about
                and names.names_an_organisation(stranger)
                and questions.asks_belonging(text)
            ):
                # "Fick Linköping och Göteborgs universitet var sitt kontor 2008?": each known one answered, and
                # the one not known is no member either, since every member is known.
                answer_membership(dispatcher, session, [*about, groups[0]], language, hosts, own_asked)
                _utter_stranger_not_member(dispatcher, stranger, groups[0], members, language)
                return remember([*(thing.key for thing in about), groups[0].key])
            # "Is Professor Henrik Åberg the head of patents at KTH Innovation?": about someone not known.
            dispatcher.utter_message(response="utter_thing_unknown", thing_name=stranger)
            return []
        relation_asked = any(kind.key in loader.RELATION_PREDICATES for kind in asked)
        belonging_asked = questions.asks_belonging(text) and questions.asks_membership(text)
        if relation_asked and yes_no and groups and about and belonging_asked:
            # "did Lund also get one of those government-funded offices?": whether Lund is one of them, not
            # whether Lund funded them.
            belonging = answer_membership(dispatcher, session, [*about, *groups], language, hosts, own_asked)
            if belonging is not None:
                return remember([thing.key for thing in belonging])
        if yes_no_or_may:
            # "Vem är Lisa Ericsson?" - "har hon grundat KTH Innovation?": she is the subject asked about.
            person = tracker.get_slot(PERSON_SLOT) if questions.refers_to_person(text) else None
            referred = repository.thing(session, str(person)) if person else None
            relating = [referred, *things] if referred is not None and referred not in things else things
            # "En kurskamrat sa att Lisa Ericsson är rektor för hela KTH, stämmer det?": not her role.
            corrected = (
                _answer_role_claim(dispatcher, session, relating, text, text[start:end], found, language)
                if yes_no
                else None
            )
            if corrected is not None:
                return remember([corrected.key])
            related = answer_relation(dispatcher, session, relating, asked, language, text, matches) if yes_no else None
            if related is not None:
                # "did she start it too? what year was that?": what else is asked of the thing it answered.
                rest = [k for k in asked if k.key not in loader.RELATION_PREDICATES and _holds(related[-1], [k])]
                if rest:
                    answer_thing(
                        dispatcher, session, related[-1], rest, kinds, language, frozenset(), frozenset(weakly)
                    )
                if person_asked:
                    related += _answer_person_in_charge(dispatcher, session, related[-1:], kinds, language)
                return remember(list(dict.fromkeys(thing.key for thing in related)))
            # "Can I as a student at SU get help from KTH Innovation?": a value about KTH's students
            # says no "yes" to a question naming someone else.
            hosts_and_holders = [*holders, *(thing for thing in things if thing.key in hosts)]
            # "Did SU drop out of InterAct?": a member is answered for by its group's value.
            vouched = not stranger and all(
                thing in hosts_and_holders or any(_member_of(session, thing, holder) for holder in holders)
                for thing in things
            )
            claimed = answer_claim(dispatcher, holders, asked, text, language) if vouched else []
            if claimed:
                # "vilken mejladress har de, kostar deras hjälp pengar, och hur många team tar de emot?": the rest too.
                claimed_kinds = {(thing.key, kind.key) for thing, kind in claimed}
                things_claimed = list({thing.key: thing for thing, _ in claimed}.values())
                for thing in things_claimed:
                    rest = [k for k in asked if (thing.key, k.key) not in claimed_kinds and _holds(thing, [k])]
                    if rest:
                        answer_thing(dispatcher, session, thing, rest, kinds, language, frozenset(), frozenset(weakly))
                return remember([thing.key for thing in things_claimed])
        # "Fick Mälardalens högskola ett eget innovationskontor när de åtta valdes ut?": a yes/no question
        # naming a group asks whether the others belong to it, unless it asks what they hold.
        # A group holding its members is no holder here: "Är UU en av medlemmarna i InterAct?" asks membership.
        holding = [h for h in holders if not (is_closed_group(session, h) and {k.key for k in asked} <= {"members"})]
        if not holding and yes_no and questions.asks_membership(text):
            belonging = answer_membership(dispatcher, session, things, language, hosts, own_asked)
            if belonging is not None:
                return remember([thing.key for thing in belonging])
        if not holders and asked and len(things) > 1:
            # "How much did they get at the start?" after the eight universities: their group holds it.
            group = _group_holding(session, things, asked)
            if group is not None:
                holders = [group]
            elif len(things) > MAX_UNKNOWN_ONE_BY_ONE:
                dispatcher.utter_message(
                    response="utter_things_attribute_unknown",
                    thing_names=join([thing.name(language) for thing in things], language),
                    attribute=join([kind.label(language) for kind in asked], language),
                )
                return remember([thing.key for thing in things])
        if not holders and asked and len(things) == 1:
            # "Which university coordinated the office Växjö shared with three others?": the group described.
            holders = [
                group
                for group in described_group(session, text)
                if _holds(group, asked)
                and (_member_of(session, things[0], group) or _member_of(session, group, things[0]))
            ]
            group = _group_holding(session, things, asked) if questions.mentions_cooperation(text) else None
            if not holders and group is not None:
                holders = [group]  # "SU?" - "do they still cooperate with KTH?": the cooperation SU is in
            elif holders:  # what the one named has to do with the group that answers
                dispatcher.utter_message(
                    response="utter_thing_about",
                    about=things[0].about(language),
                    source_url=source_link(things[0].source),
                )
        if not asked and all(thing.key in hosts or thing.key == loader.OFFICE_THING for thing in things):
            # "When the bill gave KTH the chance to build an office, was it to do it alone?": nothing asked of KTH,
            # whose description answers nothing; a passage that covers the question does.
            remembered = None if passages.few_words(text) else answered_from_passage(dispatcher, tracker)
            if remembered is not None:
                return remembered
        if yes_no and not asked and not stranger and questions.asks_about_cooperation(text):
            # "Samarbetar ni med Handels?", "har vi någon koppling till KTH:s innovationsarbete?": yes, and how.
            cooperating = _answer_cooperation(dispatcher, session, about, language)
            if cooperating:
                return remember([thing.key for thing in cooperating])
        answering = holders or things
        # "hur många team tog de emot under 2019?"; a yes/no question's year is what is checked ("Did SU get its
        # own office in 2008?": the value, without a "yes"), no figure asked for that year.
        years = frozenset() if yes_no_or_may else frozenset(_YEAR.findall(text[start:end]))
        pointed: list[Thing] = []
        uttered: set[tuple[str, str]] = set()
        for thing in answering:
            elsewhere = frozenset(a.name for other in answering if other is not thing for a in other.attributes)
            # "How many teams does KTH Innovation help, and who at KTH gets support?": KTH's question is its office's.
            own = per_thing.get(thing.key, [])
            if thing.key == loader.OFFICE_THING:
                own = [*own, *(key for host in hosts for key in per_thing.get(host, []))]
            its = [by_key[key] for key in dict.fromkeys(own)] if own else asked
            pointed += answer_thing(
                dispatcher, session, thing, its, kinds, language, elsewhere, frozenset(weakly), uttered, years
            )
        if person_asked:  # who leads KTH Innovation, which runs InterAct
            pointed += _answer_person_in_charge(dispatcher, session, answering, kinds, language)
        # "Har de ett eget innovationskontor?" - "när startade det?": the office the answer named, too.
        remembered = remember(list(dict.fromkeys(thing.key for thing in [*answering, *pointed])))
        # "Vem leder innovationskontoret?" - "Har hon något telefonnummer?": the person the answer named is "she".
        people = _people_answered(session, answering, asked)
        return [*remembered, SlotSet(PERSON_SLOT, people[0].key)] if people else remembered
