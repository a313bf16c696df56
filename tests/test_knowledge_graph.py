"""The knowledge graph: its loader, look-ups, the reading of questions, and the answers from it."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import func, select

from actions import db, loader, names, questions, repository
from actions.history import ActionHistory
from actions.knowledge import ActionKnowledge
from actions.models import Relation, Thing
from actions.partners import ActionInteractMember, ActionListPartners, ActionPartnerInfo
from addons.nlu.knowledge_question import Graph
from harness.actions import run
from harness.knowledge import replace_in


def count(url: str, model: type) -> int:
    with db.session(url) as session:
        return session.scalar(select(func.count()).select_from(model))


class TestLoader:
    def test_partners_contacts_and_other_things_are_one_graph(self, loaded_db: str) -> None:
        with db.session(loaded_db) as session:
            kinds = {key: repository.thing(session, key).kind for key in ("su", "lisa-ericsson", "vinnova", "chalmers")}
            assert kinds == {
                "su": "partner",
                "lisa-ericsson": "person",
                "vinnova": "organisation",
                "chalmers": "university",
            }
            # Partner and contact facts become attributes and relations, written once in their own files.
            assert repository.attribute(session, "su", "web").value("en") == "https://www.su.se"
            assert repository.attribute(session, "kth-innovation", "email").value("sv") == "innovation@kth.se"
            assert repository.attribute(session, "lisa-ericsson", "title").value("en").startswith("head of")
            assert repository.relation(session, "mdu", "member_of", "interact") is not None
            assert repository.relation(session, "ki", "member_of", "interact") is None
            assert repository.relation(session, "ki", "close_collaborator_of", "kth-innovation") is not None
            eight = [thing.key for thing in repository.subjects(session, "part_of", "round-2008")]
            assert sorted(eight) == sorted(["uu", "lu", "umu", "liu", "ki", "kth", "chalmers", "fyrklovern"])

    def test_relations_state_who_runs_founded_and_belongs(self, loaded_db: str) -> None:
        with db.session(loaded_db) as session:
            assert (
                repository.attribute(session, "verification-funding", "responsible").value("sv")
                == "KTH Innovation och KTH Holding AB"
            )
            assert repository.attribute(session, "kth-innovation", "founder").value("en").startswith("Lisa Ericsson")
            members = repository.attribute(session, "fyrklovern", "members").value("sv")
            assert members.startswith("Mittuniversitetet") and members.endswith(
                "Växjö universitet (senare Linnéuniversitetet)"
            )

    def test_every_fact_has_a_source(self, loaded_db: str) -> None:
        with db.session(loaded_db) as session:
            things = session.scalars(select(Thing)).all()
            assert all(thing.source.strip() for thing in things)
            assert all(attribute.source.strip() for thing in things for attribute in thing.attributes)
            assert all(relation.source.strip() for relation in session.scalars(select(Relation)))

    @pytest.mark.parametrize(
        "file, old, new, problem",
        [
            (
                "graph.yml",
                "{subject: miun, predicate: member_of, object: fyrklovern",
                "{subject: miun, predicate: member_of, object: nowhere",
                "no thing, partner or contact has the key 'nowhere'",
            ),
            ("graph.yml", "predicate: evaluated,", "predicate: admires,", "'predicate' must be one of"),
            ("graph.yml", "name: campuses", "name: colour", "'name' must be one of attributes.yml's kinds"),
            (
                "graph.yml",
                "aliases: [Vinnova]",
                "aliases: [Vinnova, KTH]",
                "graph.yml: 'vinnova': alias 'KTH' is already used by 'kth'",
            ),
            ("graph.yml", "  - key: chalmers\n", "  - key: su\n", "already a partner's or a contact's"),
            ("graph.yml", "kind: university", "kind: planet", "'kind' must be one of"),
            ("graph.yml", "      en: [shared office,", "      fi: [shared office,", "'described_by' must have"),
            (
                "attributes.yml",
                "yields_to: [location, division_of_work]",
                "yields_to: [place]",
                "'yields_to' names no kind 'place'",
            ),
            (
                "attributes.yml",
                "    yields_to: [location, division_of_work]\n",
                "",
                "'weak' words and 'yields_to' go together",
            ),
            ("attributes.yml", "instead: [campuses]", "instead: [towns]", "'instead' names no kind 'towns'"),
            (
                "attributes.yml",
                'answer: {sv: "{name} har campus i {value}."',
                'answer: {sv: "{name} har campus."',
                "must say the value",
            ),
        ],
    )
    def test_a_broken_graph_is_refused_whole(
        self, sqlite_url: str, knowledge_dir: Path, file: str, old: str, new: str, problem: str
    ) -> None:
        loader.load(sqlite_url, knowledge_dir)
        things = count(sqlite_url, Thing)
        replace_in(knowledge_dir / file, old, new)
        with pytest.raises(loader.KnowledgeError, match=problem):
            loader.load(sqlite_url, knowledge_dir)
        assert count(sqlite_url, Thing) == things

    def test_a_new_thing_is_served_after_reloading(self, sqlite_url: str, knowledge_dir: Path) -> None:
        replace_in(
            knowledge_dir / "graph.yml",
            "  - key: chalmers\n",
            """  - key: rise
    kind: organisation
    name: {sv: RISE, en: RISE}
    aliases: [RISE]
    about: {sv: Ett institut., en: An institute.}
    source: https://www.ri.se
  - key: chalmers
""",
        )
        loader.load(sqlite_url, knowledge_dir)
        with db.session(sqlite_url) as session:
            assert [thing.key for thing in repository.find_things_in_text(session, "What is RISE?")] == ["rise"]


class TestLookups:
    @pytest.mark.parametrize(
        "text, keys",
        [
            ("Vad är KI Innovations?", ["ki-innovations"]),  # the longest name wins, not KI
            ("When did UU Innovation start?", ["uu-innovation"]),
            ("Berätta om KI och Vinnova", ["ki", "vinnova"]),
            ("Was Linköping University one of the eight universities?", ["liu", "round-2008"]),
            ("vad gör Lisa Ericsson", ["lisa-ericsson"]),
        ],
    )
    def test_things_named_in_a_question(self, loaded_db: str, text: str, keys: list[str]) -> None:
        with db.session(loaded_db) as session:
            assert [thing.key for thing in repository.find_things_in_text(session, text)] == keys

    def test_a_longer_name_of_another_thing_is_no_partner(self, loaded_db: str) -> None:
        with db.session(loaded_db) as session:
            assert repository.find_partners_in_text(session, "Tell me about KI Innovations") == []
            assert [m.partner.key for m in repository.find_partners_in_text(session, "Tell me about KI")] == ["ki"]


PHRASES = {
    "email": ["e mail", "e mail address"],
    "address": ["address", "street address"],
    "founded": ["founded", "when ... start", "när ... startade"],
    "phone": ["phone", "phone number"],
}


class TestQuestions:
    @pytest.mark.parametrize(
        "text, kinds",
        [
            ("What is her e-mail address?", ["email"]),  # not a street address
            ("street address and phone number, please", ["address", "phone"]),
            ("When did UU Innovation start?", ["founded"]),
            ("När startade UU Innovation?", ["founded"]),
            ("How do I start a company?", []),
            ("Tell me about Vinnova", []),
        ],
    )
    def test_asked_attributes(self, text: str, kinds: list[str]) -> None:
        assert questions.asked_attributes(text, PHRASES) == kinds

    @pytest.mark.parametrize(
        "text, keys",
        [
            ("tell me about the second one", ["su"]),
            ("berätta om den andra", ["su"]),
            ("and the last one?", ["ki"]),
            ("den tredje då?", ["ki"]),
            ("what about them?", ["kth", "su", "ki"]),
            ("the fifth one", []),
        ],
    )
    def test_mentions_resolve_against_the_conversation(self, text: str, keys: list[str]) -> None:
        assert questions.resolve(text, ["kth", "su", "ki"]) == keys

    def test_what_points_back(self) -> None:
        assert questions.refers_back("when did it start?")
        assert questions.refers_back("Vad är hennes titel?")
        assert questions.refers_back("vilka driver det?")
        assert not questions.refers_back("When did UU Innovation start?")
        # The "det" of a cleft points nowhere.
        assert not questions.refers_back("Vem är det som leder innovationskontoret?")
        # A pointer after a question for a person means the one asked for, not the conversation's.
        assert not questions.refers_back("Which person is in charge of the office, and how do I get hold of them?")
        assert not questions.refers_back("Vem leder kontoret och hur når jag henne?")
        # Nor does the "det" of what a text says.
        assert not questions.refers_back("Vem står det att man ska höra av sig till?")
        assert questions.refers_back("Vad står det i den?")

    def test_a_name_set_before_the_question_is_what_its_it_means(self) -> None:
        text = "and Växjö universitet there, what is it called these days?"
        matches = names.find_names(text, {"växjö universitet": "vxu"})
        assert questions.names_what_it_points_to(text, matches)
        text = "Chalmers got one of the offices. When did it open?"
        assert not questions.names_what_it_points_to(text, names.find_names(text, {"chalmers": "chalmers"}))
        assert questions.refers_back("And how do I get hold of them?")

    @pytest.mark.parametrize(
        "text, parts",
        [
            ("Who leads it, and when did it start?", ["Who leads it", "when did it start?"]),
            ("Två frågor: vad gör ni, och är det gratis?", ["vad gör ni", "är det gratis?"]),
            (
                "What help do you give, and do I have to pay for it?",
                ["What help do you give", "do I have to pay for it?"],
            ),
            ("What is X? And Y's web address?", ["What is X?", "And Y's web address?"]),
            ("Are SU and MDU in InterAct?", ["Are SU and MDU in InterAct?"]),  # one question naming two
        ],
    )
    def test_the_questions_of_a_message(self, text: str, parts: list[str]) -> None:
        assert questions.question_parts(text) == parts

    @pytest.mark.parametrize(
        "text, kind",
        [
            ("Vad heter innovationskontoret vid Uppsala universitet?", "innovation_office"),  # definite form
            ("vilka mejladresser ska jag använda?", "email"),  # plural
            ("Vilka två lärosäten är med?", "members"),  # how many says nothing of what
            ("since when have they been there?", "location"),
        ],
    )
    def test_attribute_words_are_read_through_inflections_and_counts(self, text: str, kind: str) -> None:
        kinds = loader.read_knowledge().attribute_kinds
        asked, _ = questions.asked_kinds(text, {k.key: k.words() for k in kinds}, {k.key: k.weak() for k in kinds})
        assert kind in asked

    def test_a_name_set_off_against_what_is_asked_is_not_asked_about(self) -> None:
        text = "En del görs inom en annan avdelning än KTH Innovation. Vad heter den avdelningen?"
        aliases = {"kth innovation": "kth-innovation"}
        assert questions.without_contrasted(text, names.find_names(text, aliases)) == []
        text = "Is KTH Innovation a department of KTH, and what other units are there?"
        assert [m.key for m in questions.without_contrasted(text, names.find_names(text, aliases))] == [
            "kth-innovation"
        ]

    @pytest.mark.parametrize(
        "text, yes_no, cooperation",
        [
            ("Samarbetar ni med innovationskontoret på Karolinska Institutet?", True, True),
            ("Hey there, does KTH Innovation work together with Uppsala University's innovation office?", True, True),
            ("Is Lund one of the eight?", True, False),
            ("What does KI do?", False, False),
            ("Vilka samarbetar ni med?", False, False),
            ("Jag undrar om Chalmers var ett av de åtta lärosätena.", True, False),
            ("I wonder whether Lund was one of them", True, False),
            ("Jag undrar hur det hänger ihop – är KTH Innovation en avdelning inom KTH?", True, False),
            ("Jag vill veta om InterAct", False, False),  # about, not whether
            ("Var har Mälardalens universitet sina campus?", False, False),  # "var" is "where" before a verb
            ("Var det SU som lämnade?", True, False),
            ("Chalmers got one of those eight offices, didn't it?", True, False),
            # A statement asked back for confirmation; not a question word after "so".
            ("so stockholm university dropped out of interact once it got its own office?", True, False),
            ("So what is InterAct?", False, False),
            # A statement checked back, with a remark after the tag.
            ("Mid Sweden University was the coordinator, correct?", True, False),
            ("SU was one of the eight in 2008, wasn't it? writing that in an essay", True, False),
            ("Stockholm university was also among the 8 picked in 2008, yes?", True, False),
            ("Örebro samordnade Fyrklövern, va?", True, False),
            ("there's a rumour that Örebro coordinated Fyrklövern. any truth to it", True, False),
            ("Kom pengarna från Vinnova?", True, False),
            ("Vad är rätt?", False, False),
        ],
    )
    def test_yes_no_and_cooperation_questions(self, text: str, yes_no: bool, cooperation: bool) -> None:
        assert questions.is_yes_no_question(text) == yes_no
        assert questions.asks_about_cooperation(text) == cooperation

    def test_relative_that_and_idioms_point_nowhere(self) -> None:
        assert not questions.refers_back("Which bill gave KTH the chance in the first place?")
        assert not questions.refers_back("What was the name of the bill that gave KTH an office?")
        assert questions.refers_back("when was that?") and questions.refers_back("tell me about that office")
        assert questions.ordinal("the first one's website?") == 0

    def test_what_is_said_points_nowhere_but_a_preposition_left_at_the_end_does(self) -> None:
        assert not questions.refers_back("står det i propositionen vem som ska leda?")
        assert questions.refers_back("vilken lag står det i, har du numret?")

    def test_the_one_who_heads_a_relative_clause_points_nowhere(self) -> None:
        assert not questions.refers_back("Jag ska ringa den som är verksamhetsansvarig. Vilket nummer?")
        assert questions.refers_back("Vem är den som leder den?")  # the other "den" still points back

    def test_what_is_that_asks_about_the_name_before_it(self) -> None:
        text = "People at KTH Innovation keep mentioning 'VFT'. What's that?"
        aliases = {"kth innovation": "kth-innovation", "vft": "verification-funding"}
        assert [m.key for m in questions.in_asking_sentence(text, names.find_names(text, aliases))] == [
            "verification-funding"
        ]
        assert questions.asks_what_that_is("Vad är det för nåt?")
        assert not questions.asks_what_that_is("What is it called?")

    @pytest.mark.parametrize(
        "text, picked",
        [
            ("What's the web address of the one that's in Västerås?", ("Västerås", False)),
            ("the one in Stockholm that isn't KTH got its own office, right?", ("Stockholm", False)),
            ("den där högskolan som inte ligger i Stockholm – heter den fortfarande högskola?", ("Stockholm", True)),
            ("the partner that's outside Stockholm - which towns is it in?", ("Stockholm", True)),
            ("Is MDU in InterAct?", None),
            ("och den ena av dem, med Eskilstuna och Västerås, står det högskola i namnet?", ("Eskilstuna", False)),
        ],
    )
    def test_a_thing_picked_by_where_it_is(self, text: str, picked: tuple[str, bool] | None) -> None:
        assert questions.picked_by_place(text) == picked

    def test_a_scholarship_said_to_be_one_names_a_thing(self) -> None:
        text = "Jag hörde om KTH Innovations stipendium Gnistan. Hur söker man?"
        assert questions.is_said_to_be_a_thing(text, "Gnistan")
        text = "KTH Innovation delar ut ett pris som heter Gyllene Gnistan. Hur nominerar man någon?"
        assert questions.is_said_to_be_a_thing(text, "Gyllene Gnistan")
        assert not questions.is_said_to_be_a_thing("We have a startup called Nordic Lab", "Nordic Lab")

    def test_a_quoted_name_is_asked_what_it_is_and_the_visitors_own_is_introduced(self) -> None:
        text = "What is the 'KTH Idea Sprint' and when does the next one start?"
        assert questions.asks_what_is(text, "KTH Idea Sprint")
        assert questions.is_introduced(
            "I have a startup called Nordic Quantum Lab. Can you help?", "Nordic Quantum Lab"
        )
        assert not questions.is_introduced("Does KTH Innovation run Nordic Quantum Lab?", "Nordic Quantum Lab")

    def test_a_remark_asks_nothing(self) -> None:
        assert questions.asks("Hi, I'm a PhD student. What kind of help can KTH Innovation give me")
        assert questions.asks("do I have to pay for it?") and questions.asks("Berätta om InterAct")
        assert not questions.asks("Looking for one big number for a pitch deck.")

    def test_where_the_visitor_is_is_asked_about_when_the_question_says_we(self) -> None:
        aliases = {"örebro university": "oru", "interact": "interact"}
        text = "I work at Örebro University. Does that mean we're part of InterAct?"
        assert [m.key for m in questions.without_contrasted(text, names.find_names(text, aliases))] == [
            "oru",
            "interact",
        ]
        text = "I work at Örebro University. Can we get help from InterAct?"
        assert [m.key for m in questions.without_contrasted(text, names.find_names(text, aliases))] == ["interact"]

    def test_a_follow_up_opening_with_and_asks_yes_or_no(self) -> None:
        assert questions.is_yes_no_follow_up("and is Uppsala one of them?")
        assert questions.is_yes_no_follow_up("Men är KI med?")
        assert not questions.is_yes_no_follow_up("och vilka är med?")


@pytest.mark.usefixtures("loaded_db")
class TestAnswers:
    def test_an_attribute_is_answered_with_its_source(self) -> None:
        messages, slots = run(ActionKnowledge(), "När startade UU Innovation?", "ask_knowledge")
        assert [m["response"] for m in messages] == ["utter_thing_attribute"]
        assert messages[0]["answer"] == "UU Innovation (Uppsala universitets innovationskontor) startade 2007."
        assert messages[0]["source_url"] == "https://www.uu.se"
        assert slots == {"partner": "uu-innovation"}

        messages, _ = run(ActionKnowledge(), "Which campuses does MDU have?", "ask_knowledge", language="en")
        assert messages[0]["answer"] == "Mälardalen University has campuses in Västerås and Eskilstuna."
        assert messages[0]["source_url"] == "https://www.mdu.se"

    def test_an_unknown_attribute_is_not_known_with_what_is_known(self) -> None:
        messages, _ = run(
            ActionKnowledge(), "What is Stockholm University's phone number?", "ask_knowledge", language="en"
        )
        assert [m["response"] for m in messages] == ["utter_thing_attribute_unknown"]
        assert messages[0]["attribute"] == "phone number"
        assert messages[0]["thing_name"] == "Stockholm University"
        assert "https://www.su.se" in messages[0]["known"]

    def test_a_graph_only_thing_is_described(self) -> None:
        messages, _ = run(ActionKnowledge(), "Vad är Vinnova?", "ask_knowledge")
        assert messages[0]["response"] == "utter_thing_about"
        assert "2015" in messages[0]["about"] and messages[0]["source_url"] == "https://campi.kth.se"

    def test_it_and_the_second_one_are_resolved_from_the_conversation(self) -> None:
        messages, slots = run(
            ActionKnowledge(), "when did it start?", "ask_knowledge", language="en", partner="uu-innovation"
        )
        assert messages[0]["answer"] == "UU Innovation (Uppsala University's innovation office) started in 2007."
        messages, slots = run(
            ActionKnowledge(), "and the second one's campuses?", "ask_knowledge", language="en", partner="su,mdu,hhs"
        )
        assert messages[0]["answer"].startswith("Mälardalen University has campuses in")
        assert slots == {"partner": "mdu"}

    def test_the_second_one_after_the_list_of_partners(self) -> None:
        listed, slots = run(ActionListPartners(), "vilka är era partner?", "ask_partners")
        keys = slots["partner"].split(",")
        assert keys[:2] == ["su", "mdu"]  # as listed: the InterAct partners first
        assert "Mälardalens universitet" in listed[0]["partners"]
        messages, slots = run(ActionPartnerInfo(), "berätta om den andra", "ask_partner", partner=",".join(keys))
        assert [m["partner_name"] for m in messages] == ["Mälardalens universitet (tidigare Mälardalens högskola)"]
        assert slots == {"partner": "mdu"}
        messages, _ = run(ActionPartnerInfo(), "berätta om en partner", "ask_partner", partner=",".join(keys))
        assert [m["response"] for m in messages] == ["utter_partner_which"]  # not all seven

    def test_a_question_without_a_name_about_what_nothing_has_is_the_offices(self) -> None:
        messages, _ = run(ActionKnowledge(), "What's the phone number?", "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == ["utter_thing_attribute_unknown"]
        assert messages[0]["thing_name"] == "KTH Innovation" and "innovation@kth.se" in messages[0]["known"]

    def test_a_stranger_is_no_member_of_a_group_whose_members_are_all_known(self) -> None:
        messages, _ = run(ActionKnowledge(), "Är Mälarbygdens Innovationsallians med i InterAct?", "ask_knowledge")
        assert [(m["response"], m["thing_name"]) for m in messages] == [
            ("utter_stranger_not_member", "Mälarbygdens Innovationsallians")
        ]
        assert "Stockholms universitet" in messages[0]["members"]
        messages, _ = run(ActionKnowledge(), "Vad gör Mälarbygdens Innovationsallians i InterAct?", "ask_knowledge")
        assert [m["response"] for m in messages] == ["utter_thing_unknown"]  # no yes/no: only "not known"
        messages, _ = run(ActionKnowledge(), "Var Göteborgs universitet ett av de åtta lärosätena?", "ask_knowledge")
        assert [(m["response"], m["thing_name"]) for m in messages] == [
            ("utter_stranger_not_member", "Göteborgs universitet")
        ]
        messages, _ = run(
            ActionKnowledge(),
            "Is Professor Henrik Åberg the head of patents at KTH Innovation?",
            "ask_knowledge",
            language="en",
        )
        assert [m["response"] for m in messages] == ["utter_thing_unknown"]  # no "yes" about someone unknown
        messages, _ = run(
            ActionKnowledge(), "I study in Västerås. Is my university part of InterAct?", "ask_knowledge", language="en"
        )
        # A place, not the one asked about: the university there is (test_my_university_where_i_study_...).
        assert [m["response"] for m in messages] == ["utter_thing_member_yes"]

    @pytest.mark.parametrize(
        "text, kind, expected",
        [
            ("Who runs verification funding?", "responsible", "KTH Holding AB"),
            ("who founded kth innovation", "founder", "Lisa Ericsson, head of department of KTH Innovation"),
            ("Which universities are in InterAct?", "members", "taking part as well: Stockholm School of Economics"),
            ("How many teams does KTH Innovation support a year?", "teams", "400"),
            (
                "What is the Stockholm School of Economics called in Swedish?",
                "swedish_name",
                "Handelshögskolan i Stockholm",
            ),
            ("whats Handelshögskolan i Stockholm called in english", "english_name", "Stockholm School of Economics"),
        ],
    )
    def test_more_attributes(self, text: str, kind: str, expected: str) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == ["utter_thing_attribute"]
        assert expected in messages[0]["answer"]

    @pytest.mark.parametrize(
        "text, response, fact",
        [
            (
                "Är det KTH Innovation som leder InterAct?",
                "utter_relation_yes",
                "Ansvarig för InterAct: KTH Innovation",
            ),
            ("Leds InterAct av KTH Innovation?", "utter_relation_yes", "Ansvarig för InterAct: KTH Innovation"),
            ("Is verification funding run by Vinnova?", "utter_relation_no", "KTH Innovation and KTH Holding AB"),
            ("Is verification funding funded by Vinnova?", "utter_relation_yes", "Vinnova"),
            ("Is the innovation office's work led by KTH Innovation?", "utter_relation_yes", "KTH Innovation"),
            (
                "I wonder whether it is Stockholm University that leads the work in the InterAct cooperation?",
                "utter_relation_no",
                "KTH Innovation",
            ),
        ],
    )
    def test_who_leads_runs_or_funds_is_answered_yes_or_no_first(self, text: str, response: str, fact: str) -> None:
        language = "sv" if text.startswith(("Är", "Leds")) else "en"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language=language)
        assert messages[0]["response"] == response and fact in messages[0]["answer"]

    @pytest.mark.parametrize(
        "text, unknown",
        [
            ("berätta om gotlands innovationsråd", "gotlands innovationsråd"),
            ("tell me about the baltic materials consortium", "baltic materials consortium"),
        ],
    )
    def test_an_organisation_written_without_capitals_is_no_partner(self, text: str, unknown: str) -> None:
        messages, _ = run(ActionPartnerInfo(), text, "ask_partner")
        assert [(m["response"], m.get("partner_name")) for m in messages] == [("utter_partner_unknown", unknown)]
        messages, _ = run(ActionPartnerInfo(), "berätta om en partner", "ask_partner")
        assert [m["response"] for m in messages] == ["utter_partner_which"]

    def test_asked_whether_the_office_works_with_a_partner_it_says_yes_first(self) -> None:
        messages, _ = run(ActionPartnerInfo(), "Samarbetar ni med Karolinska Institutet?", "ask_partner")
        assert [m["response"] for m in messages] == ["utter_partner_cooperation_yes", "utter_partner_info"]
        messages, _ = run(ActionPartnerInfo(), "Vad gör Karolinska Institutet?", "ask_partner")
        assert [m["response"] for m in messages] == ["utter_partner_info"]

    def test_several_things_are_each_answered(self) -> None:
        messages, _ = run(ActionKnowledge(), "Berätta om Vinnova och Chalmers", "ask_knowledge")
        assert [m["response"] for m in messages] == ["utter_thing_about", "utter_thing_about"]
        assert messages[1]["about"].startswith("Chalmers var ett av de åtta")

    def test_a_topic_asked_beside_an_attribute_is_answered_too(self) -> None:
        text = "What kind of help can KTH Innovation give me, and do I have to pay for it?"
        ranking = [{"name": "ask_knowledge", "confidence": 1.0}, {"name": "ask_services", "confidence": 0.9}]
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", ranking=ranking, language="en")
        assert messages[0]["response"] == "utter_services"
        assert "free of charge" in messages[1]["answer"]
        # Every question asking an attribute: the graph answers alone.
        text = "When was KTH Innovation founded, and how many teams does it help?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", ranking=ranking, language="en")
        assert [m["response"] for m in messages] == ["utter_thing_attribute", "utter_thing_attribute"]

    def test_several_questions_each_ask_their_own_things(self) -> None:
        text = (
            "What is Uppsala University's innovation office called and when did it start? "
            "And what is Karolinska Institutet's web address?"
        )
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        answers = [m.get("answer", "") for m in messages]
        assert "UU Innovation" in answers[0] and "2007" in answers[1] and "ki.se" in answers[2]
        # Neither is asked what only the other sentence asks: no UU website, no "not known when KI started".
        assert len(messages) == 3 and not any("uu.se" in answer for answer in answers)

    @pytest.mark.parametrize(
        "text, response",
        [
            ("Was Lund University one of the eight universities?", "utter_thing_member_yes"),
            ("fick Chalmers ett av de åtta innovationskontoren?", "utter_thing_member_yes"),
            ("Is Uppsala University one of the eight universities?", "utter_thing_member_yes"),
            ("Was Stockholm University one of the eight universities?", "utter_thing_member_no"),
            ("Hörde Örebro universitet till Fyrklövern?", "utter_thing_member_yes"),
            ("Är Chalmers med i Fyrklövern?", "utter_thing_member_no"),
        ],
    )
    def test_membership_is_answered_yes_or_no_first(self, text: str, response: str) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert messages[0]["response"] == response

    @pytest.mark.parametrize(
        "text, response, group",
        [
            ("Did Lund University get one of the innovation offices the government set up in 2008?", "yes", "2008/09"),
            ("Fick Stockholms universitet ett innovationskontor 2008?", "no", "2008/09"),
            ("was linköping university part of the shared office that four smaller universities ran?", "no", "Fyrk"),
            ("Did Örebro University share an office with three others in the 2008 round?", "yes", "Fyrk"),
            # Örebro was in the round through Fyrklövern: neither a plain yes nor a plain no, but how.
            ("Did Örebro University get an innovation office in the 2008 round?", "via", "2008/09"),
        ],
    )
    def test_a_group_described_in_words_is_asked_about(self, text: str, response: str, group: str) -> None:
        """The narrowest group the words describe: the shared office of the 2008 round is Fyrklövern."""
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert messages[0]["response"] == f"utter_thing_member_{response}"
        assert group in messages[0]["group_name"]

    @pytest.mark.parametrize(
        "text, response",
        [
            ("Ingår Handelshögskolan i Stockholm i det samarbete som KTH Innovation leder?", "utter_thing_takes_part"),
            (
                "Does the Stockholm School of Economics take part in the partnership KTH Innovation leads?",
                "utter_thing_takes_part",
            ),
            ("Är Uppsala universitet en av medlemmarna i InterAct?", "utter_thing_member_no"),
            ("Is Stockholm University one of the members of InterAct?", "utter_thing_member_yes"),
        ],
    )
    def test_belonging_to_a_group_asked_by_its_members_or_by_who_leads_it(self, text: str, response: str) -> None:
        """The group's members are what is asked about, not listed; taking part is no membership, nor a no."""
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [m["response"] for m in messages][0] == response
        assert all(m["response"] in {response, "utter_thing_about"} for m in messages)

    @pytest.mark.parametrize(
        "text, response",
        [
            ("When Stockholm University got its own innovation office, did that end InterAct?", "utter_relation_no"),
            (
                "Stockholms universitet fick ett eget kontor 2012. Är det alltså SU som leder arbetet i samarbetet nu?",
                "utter_relation_no",
            ),
            ("Is the joint work between KTH, SU and Mälardalen led by Stockholm University?", "utter_relation_no"),
        ],
    )
    def test_a_scene_setting_clause_or_a_described_thing_leaves_the_question_its_own(
        self, text: str, response: str
    ) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == [response]
        assert "InterAct" in messages[0]["answer"]

    @pytest.mark.parametrize(
        "text, response, said",
        [
            # A member of a group is answered for by the group's value.
            ("Did Stockholm University drop out of InterAct?", "utter_relation_no", "has continued"),
            (
                "so stockholm university dropped out of interact once it got its own office?",
                "utter_relation_no",
                "has continued",
            ),
            # "running" asks who runs it, as "runs" does.
            (
                "Is KTH Holding AB involved in running the verification funding together with KTH Innovation?",
                "utter_relation_yes",
                "KTH Holding AB",
            ),
        ],
    )
    def test_yes_no_about_a_member_or_who_runs_a_thing(self, text: str, response: str, said: str) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == [response]
        assert said in messages[0]["answer"]

    def test_are_they_members_asks_about_the_conversation_s_things(self) -> None:
        messages, slots = run(ActionKnowledge(), "Är de medlemmar i InterAct?", "ask_knowledge", partner="uu,ki")
        assert [m["response"] for m in messages] == ["utter_thing_member_no", "utter_thing_about"] * 2
        assert [m["thing_name"] for m in messages[::2]] == ["Uppsala universitet", "Karolinska Institutet"]
        assert "nära samarbetspartner" in messages[1]["about"]  # what each is instead
        # Asking who the members are is no yes/no question: the group's members.
        messages, _ = run(ActionKnowledge(), "Vilka är medlemmar i InterAct?", "ask_knowledge", partner="uu,ki")
        assert "Stockholms universitet" in messages[0]["answer"]

    def test_one_of_them_after_a_group_means_its_members_that_hold_what_is_asked(self) -> None:
        text = "fick nån av dem ett eget innovationskontor senare?"
        messages, slots = run(ActionKnowledge(), text, "ask_knowledge", partner="interact")
        assert [m["response"] for m in messages] == ["utter_relation_yes"]
        assert "Stockholms universitet" in messages[0]["answer"] and "2012" in messages[0]["answer"]
        assert slots["partner"] == "su"
        # "it" is the group itself: not known, and never a member's value.
        messages, _ = run(
            ActionKnowledge(), "fick det ett eget innovationskontor?", "ask_knowledge", partner="interact"
        )
        assert "2012" not in " ".join(m.get("answer") or "" for m in messages)

    def test_a_thing_named_only_before_the_question_sets_the_scene(self) -> None:
        text = (
            "I read that Vinnova assessed the innovation offices in 2015. Was KTH Innovation part of that evaluation?"
        )
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == ["utter_relation_yes"]
        assert "highest grade" in messages[0]["answer"]
        # A question naming nothing of its own is about what the sentence before it named.
        text = "Mälardalens högskola is one of the InterAct partners. When did it become a university?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == ["utter_thing_attribute"] and "2022" in messages[0]["answer"]

    def test_an_asked_attribute_that_is_not_known_is_said_beside_those_that_are(self) -> None:
        text = "What is the street address of Mälardalen University's campus in Västerås?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == ["utter_thing_attribute", "utter_thing_attribute_also_unknown"]
        assert "Västerås" in messages[0]["answer"]
        assert messages[1]["attribute"] == "street address"

    def test_the_innovation_office_at_kth_is_the_office_not_kth(self) -> None:
        text = "Jag jobbar på Mälardalens universitet och söker den som ansvarar för innovationskontoret på KTH."
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert [m["response"] for m in messages] == ["utter_thing_attribute"]
        assert "Lisa Ericsson" in messages[0]["answer"]

    @pytest.mark.parametrize(
        "text, language",
        [
            ("Could you tell me who is head of department at KTH Innovation?", "en"),
            ("About KTH's innovation office: is there a particular person I should email?", "en"),
            ("Är Handelshögskolan i Stockholm med i samarbetet som KTH Innovation leder?", "sv"),
        ],
    )
    def test_no_yes_or_no_to_a_request_or_to_what_a_relative_clause_says(self, text: str, language: str) -> None:
        """A request to the assistant asks no yes/no; "som KTH Innovation leder" says whom it leads."""
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language=language)
        assert not any(m["response"] in ("utter_relation_yes", "utter_relation_no") for m in messages)

    def test_an_attribute_of_each_thing_an_answer_lists_is_answered(self) -> None:
        text = "Vilka lärosäten ingår i InterAct, och vilka webbadresser har de?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        answers = " ".join(m["answer"] for m in messages if m["response"] == "utter_thing_attribute")
        assert "https://www.su.se" in answers and "https://www.mdu.se" in answers

    def test_the_thing_an_answer_names_is_what_it_points_to_next(self) -> None:
        _, slots = run(ActionKnowledge(), "vad heter deras innovationskontor?", "ask_knowledge", partner="uu")
        assert slots["partner"] == "uu,uu-innovation"
        messages, _ = run(ActionKnowledge(), "när startade det?", "ask_knowledge", partner=slots["partner"])
        assert [m["response"] for m in messages] == ["utter_thing_attribute"]
        assert "UU Innovation" in messages[0]["answer"] and "2007" in messages[0]["answer"]

    def test_the_head_of_a_thing_is_answered_with_her_title(self) -> None:
        text = "Jag ska skicka ett brev till chefen för KTH Innovation. Vad heter hon och vilken titel har hon?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        answers = " ".join(m["answer"] for m in messages if m["response"] == "utter_thing_attribute")
        assert "Lisa Ericsson" in answers and "avdelningschef" in answers

    def test_a_question_going_on_from_the_last_answer_is_about_its_thing(self) -> None:
        messages, _ = run(ActionKnowledge(), "och sen per år då?", "ask_knowledge", partner="round-2008")
        assert "50 miljoner" in messages[0]["answer"]

    def test_it_is_what_the_conversation_was_about_when_the_thing_named_holds_nothing_asked(self) -> None:
        messages, _ = run(
            ActionKnowledge(), "who's in it besides KTH?", "ask_knowledge", language="en", partner="interact"
        )
        assert messages[0]["response"] == "utter_thing_attribute"
        assert "Stockholm University" in messages[0]["answer"] and "Mälardalen" in messages[0]["answer"]

    @pytest.mark.parametrize(
        "text, language, response",
        [
            (
                "Jag läser tredje året på KTH. Kan jag som student få stöd av KTH Innovation?",
                "sv",
                "utter_relation_yes",
            ),
            ("I'm on the admin staff at KTH. Can I still get help from KTH Innovation?", "en", "utter_relation_yes"),
            # About KTH's students: no "yes" to a question that names another university's.
            ("Can I as a student at Stockholm University get help from KTH Innovation?", "en", "utter_thing_attribute"),
        ],
    )
    def test_who_can_get_help_is_answered_yes_first_only_for_those_the_value_names(
        self, text: str, language: str, response: str
    ) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language=language)
        assert messages[0]["response"] == response
        assert "KTH" in messages[0]["answer"]

    def test_a_question_about_existing_before_a_described_group_is_not_about_belonging(self) -> None:
        text = "Did KTH Innovation already exist before the government decided on the innovation offices in 2008?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert not any(m["response"].startswith("utter_thing_member") for m in messages)

    @pytest.mark.parametrize(
        "text, response",
        [
            ("Tog samarbetet i InterAct slut när Stockholms universitet fick ett eget innovationskontor?", "no"),
            ("Finns InterAct-samarbetet kvar idag?", "yes"),
        ],
    )
    def test_whether_interact_goes_on_is_answered_yes_or_no_first(self, text: str, response: str) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert messages[0]["response"] == f"utter_relation_{response}"
        assert messages[0]["answer"] == "Samarbetet inom InterAct har fortsatt."

    def test_a_word_another_asked_kind_explains_is_not_asked_for_itself(self) -> None:
        """ "Which address?" beside "e-mail" is the e-mail's: no "street address not known" beside it."""
        text = "Jag vill mejla KTH Innovation. Vilken adress ska jag använda?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert [m["response"] for m in messages] == ["utter_thing_attribute"]
        assert "innovation@kth.se" in messages[0]["answer"]

    @pytest.mark.parametrize(
        "text, language, answers",
        [
            ("Sedan när sitter KTH Innovation i Röda Korsets gamla byggnad?", "sv", ["2020"]),
            ("Vem grundade KTH Innovation och vilket år?", "sv", ["Lisa Ericsson", "2007"]),
            ("When was KTH Innovation founded and where is it located?", "en", ["2007", "2020"]),
        ],
    )
    def test_a_weak_word_asks_only_what_nothing_else_asked_explains(
        self, text: str, language: str, answers: list[str]
    ) -> None:
        """ "Since when" beside the building asks when the office moved in, not when it started."""
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language=language)
        assert [m["response"] for m in messages] == ["utter_thing_attribute"] * len(answers)
        for message, answer in zip(messages, answers):
            assert answer in message["answer"]

    def test_an_attribute_of_the_thing_an_answer_names_is_answered_from_it(self) -> None:
        text = "What's the name of Uppsala University's innovation office and what year did it start?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == ["utter_thing_attribute", "utter_thing_attribute"]
        assert "UU Innovation" in messages[0]["answer"]
        assert messages[1]["answer"].startswith("UU Innovation") and "2007" in messages[1]["answer"]

    def test_working_together_with_a_stranger_is_unknown_not_a_no(self) -> None:
        """Every member of InterAct is known, but whom it works with is not: no "no" to cooperation."""
        messages, _ = run(
            ActionKnowledge(), "Har InterAct något samarbete med Roslagens Innovationsfond?", "ask_knowledge"
        )
        assert [m["response"] for m in messages] == ["utter_thing_unknown"]

    def test_an_unknown_person_asked_about_at_the_office_is_unknown(self) -> None:
        messages, _ = run(ActionKnowledge(), "Who is Erik Johansson at KTH Innovation?", "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == ["utter_thing_unknown"]
        assert messages[0]["thing_name"] == "Erik Johansson"

    @pytest.mark.parametrize(
        "text",
        [
            "En kollega tipsade mig om att kontakta Magnus Törnkvist på KTH Innovation. Vem är han?",
            "hi, i was told to contact Dr. Henrik Sjöstrandberg at the innovation office. what is his role there?",
        ],
    )
    def test_someone_not_known_asked_about_at_the_office_is_unknown(self, text: str) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert [m["response"] for m in messages] == ["utter_thing_unknown"]
        assert messages[0]["thing_name"] in ("Magnus Törnkvist", "Henrik Sjöstrandberg")

    def test_what_a_listed_groups_members_do_not_hold_their_group_does(self) -> None:
        eight = "uu,lu,umu,liu,ki,kth,chalmers,fyrklovern"
        text = "how much money did they get at the start?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en", partner=eight)
        assert [m["response"] for m in messages] == ["utter_thing_attribute"]
        assert "60 million" in messages[0]["answer"]
        # Held by none of them nor their group: said once, not eight times.
        messages, _ = run(ActionKnowledge(), "what are their phone numbers?", "ask_knowledge", partner=eight)
        assert [m["response"] for m in messages] == ["utter_things_attribute_unknown"]
        assert "Chalmers" in messages[0]["thing_names"]

    @pytest.mark.parametrize(
        "text, response",
        [
            ("Jag undrar hur det hänger ihop – är KTH Innovation en avdelning inom KTH?", "utter_relation_yes"),
            ("Is KTH Innovation a separate company?", "utter_relation_no"),
        ],
    )
    def test_what_kth_innovation_is_part_of_is_answered_yes_or_no(self, text: str, response: str) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert [m["response"] for m in messages] == [response]
        assert "KTH" in messages[0]["answer"]

    @pytest.mark.parametrize(
        "text, expected",
        [
            ("Where is Mälardalen University located?", "campuses in Västerås and Eskilstuna"),
            ("Does Uppsala University have an innovation office of its own?", "UU Innovation"),
        ],
    )
    def test_what_a_thing_holds_instead_answers_what_it_lacks(self, text: str, expected: str) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == ["utter_thing_attribute"]
        assert expected in messages[0]["answer"]

    def test_she_is_the_subject_of_a_yes_no_question_about_a_relation(self) -> None:
        text = "har hon grundat KTH Innovation?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", contact="lisa-ericsson")
        assert [m["response"] for m in messages] == ["utter_relation_yes"]
        assert "Lisa Ericsson" in messages[0]["answer"]

    def test_kth_asked_for_what_only_its_office_holds_is_its_office(self) -> None:
        messages, _ = run(ActionKnowledge(), "och hur gick det för KTH då?", "ask_knowledge", partner="vinnova")
        assert [m["response"] for m in messages] == ["utter_thing_attribute"]
        assert "högsta betyg" in messages[0]["answer"] and "KTH Innovation" in messages[0]["answer"]
        messages, _ = run(ActionKnowledge(), "Vilken webbplats har KTH?", "ask_knowledge")
        assert "https://www.kth.se" in messages[0]["answer"] and "/om/innovation" not in messages[0]["answer"]

    def test_the_visitors_own_name_is_not_asked_about(self) -> None:
        text = "Hi, I'm Anna Berg. Who leads KTH Innovation, and can I email her?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert {m["response"] for m in messages} == {"utter_thing_attribute"}
        assert "Lisa Ericsson" in messages[0]["answer"]

    def test_an_unknown_organisation_asked_about_beside_the_office_is_unknown(self) -> None:
        text = "what does the Solna Medtech Guild do together with kth innovation?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == ["utter_thing_unknown"]
        assert messages[0]["thing_name"] == "Solna Medtech Guild"

    @pytest.mark.parametrize(
        "text, language, response",
        [
            ("Är hjälpen från KTH Innovation gratis för mig också?", "sv", "utter_relation_yes"),
            ("Do I have to pay to get advice from KTH Innovation?", "en", "utter_relation_no"),
            ("Kostar KTH Innovations stöd något?", "sv", "utter_relation_no"),
            ("Is KTH Innovation's help free or do I pay?", "en", "utter_thing_attribute"),  # both: no verdict
            ("Vad kostar KTH Innovations hjälp?", "sv", "utter_thing_attribute"),  # not a yes/no question
        ],
    )
    def test_a_yes_no_question_a_value_answers_gets_yes_or_no_first(
        self, text: str, language: str, response: str
    ) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language=language)
        assert [m["response"] for m in messages] == [response]
        assert ("kostnadsfritt" if language == "sv" else "free of charge") in messages[0]["answer"]

    @pytest.mark.parametrize(
        "text",
        ["Var det Karlstads universitet som samordnade Fyrklövern?", "Was it Karlstad University that led Fyrklövern?"],
    )
    def test_a_cleft_about_another_deed_is_not_answered_as_membership(self, text: str) -> None:
        """Karlstad belonged to Fyrklövern, but that is not what is asked: no "yes" to another question."""
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="sv")
        assert not any(m["response"].startswith("utter_thing_member") for m in messages)
        # The coordinator, in its words.
        assert any("Mittuniversitetet" in str(m.get("about", m.get("answer", ""))) for m in messages)

    @pytest.mark.parametrize(
        "text, response, said",
        [
            ("does stockholm university have an innovation office of its own nowadays", "utter_relation_yes", "2013"),
            ("Is KTH Innovation's office located off campus?", "utter_relation_no", "KTH Campus"),
            # What a clause after "once" takes for given is not what is asked.
            (
                "so SU dropped out of InterAct once it got its own innovation office in 2012?",
                "utter_relation_no",
                "continued",
            ),
            # A year the value does not hold: the value, without a "yes".
            ("Did Stockholm University get its own innovation office in 2008?", "utter_thing_attribute", "2012"),
        ],
    )
    def test_a_value_answers_yes_or_no_only_what_is_asked(self, text: str, response: str, said: str) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert messages[0]["response"] == response and said in messages[0]["answer"]

    def test_what_a_member_lacks_is_answered_by_the_group_the_question_describes(self) -> None:
        text = "Which university coordinated the office Växjö University shared with three others?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == ["utter_thing_about", "utter_thing_attribute"]
        assert "Linnaeus" in messages[0]["about"] and "Mid Sweden University" in messages[1]["answer"]

    def test_a_thing_asked_to_belong_to_them_is_asked_about_the_conversations_group(self) -> None:
        text = "and is Uppsala one of them?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en", partner="interact")
        assert [(m["response"], m.get("group_name")) for m in messages][0] == ("utter_thing_member_no", "InterAct")
        messages, _ = run(ActionKnowledge(), "är SU med i det?", "ask_knowledge", partner="interact")
        assert [m["response"] for m in messages] == ["utter_thing_member_yes"]

    def test_a_member_asked_about_the_cooperation_is_answered_by_its_group(self) -> None:
        text = "do they still cooperate with KTH after that?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en", partner="su")
        assert messages[0]["answer"] == "The InterAct cooperation has continued."

    def test_where_the_visitor_is_is_not_what_is_asked_about(self) -> None:
        text = (
            "Jag sitter på Mälardalens universitet och vill prata med den som ansvarar för innovationskontoret hos er."
            " Vem ska jag kontakta?"
        )
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert [m["response"] for m in messages] == ["utter_thing_attribute"]
        assert "Lisa Ericsson" in messages[0]["answer"]

    def test_whether_a_member_stayed_is_its_groups_to_answer(self) -> None:
        text = (
            "Did Stockholm University stay in InterAct after it got an innovation office of its own, or did it leave?"
        )
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert messages[-1]["answer"] == "The InterAct cooperation has continued."

    def test_a_time_asked_by_weak_words_alone_is_the_time_the_thing_holds(self) -> None:
        messages, _ = run(ActionKnowledge(), "sen när då?", "ask_knowledge", partner="mdu")
        assert messages[0]["answer"].endswith("blev universitet den 1 januari 2022.")
        messages, _ = run(ActionKnowledge(), "since when?", "ask_knowledge", language="en", partner="kth-innovation")
        assert messages[0]["answer"] == "KTH Innovation started in 2007."

    def test_when_a_member_joined_is_not_known(self) -> None:
        text = "När gick Handelshögskolan med i samarbetet?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert [(m["response"], m["attribute"]) for m in messages] == [
            ("utter_thing_attribute_unknown", "när den gick med")
        ]

    def test_a_topic_asked_beside_a_thing_is_answered_too(self) -> None:
        text = "who formed InterAct, and which two other universities do you work very closely with?"
        ranking = [{"name": "ask_knowledge"}, {"name": "ask_partners"}]
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", ranking=ranking, language="en")
        said = " ".join(str(m.get("partners") or m.get("answer") or m.get("about") or "") for m in messages)
        assert "Uppsala University and Karolinska Institutet" in said and "Mälardalen University" in said

    def test_a_thing_said_to_be_a_scholarship_or_a_fund_is_unknown_whoever_is_named_with_it(self) -> None:
        text = "Berätta om stipendiet Guldnyckeln som KTH Innovation delar ut till kvinnliga grundare"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert [(m["response"], m.get("thing_name")) for m in messages] == [("utter_thing_unknown", "Guldnyckeln")]

    def test_another_one_of_a_kind_is_not_the_one_the_graph_knows(self) -> None:
        text = "En mindre del av arbetet görs visst på en annan avdelning på KTH. Vilken avdelning är det?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert [m["response"] for m in messages] == ["utter_passage"]
        assert "vet jag inte" in messages[0]["passage"]

    def test_a_thing_described_is_asked_what_it_holds(self) -> None:
        text = "What is the cooperation between the three universities supposed to do?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert messages[0]["answer"].startswith("The aim of InterAct")

    def test_since_when_they_have_been_there_is_when_they_moved_there(self) -> None:
        text = "since when have they been there?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en", partner="kth-innovation")
        assert "February 2020" in messages[0]["answer"]

    def test_who_coordinated_is_a_relation_asked_yes_or_no(self) -> None:
        messages, _ = run(
            ActionKnowledge(), "Var det Karlstads universitet som samordnade Fyrklövern?", "ask_knowledge"
        )
        assert [m["response"] for m in messages] == ["utter_relation_no"]
        assert messages[0]["answer"] == "Fyrklövern samordnades av Mittuniversitetet."
        messages, _ = run(ActionKnowledge(), "Who coordinated Fyrklövern?", "ask_knowledge", language="en")
        assert messages[0]["answer"] == "Fyrklövern was coordinated by Mid Sweden University."

    def test_a_person_or_a_university_holding_nothing_asked_is_answered_by_what_it_stands_for(self) -> None:
        # What she founded and leads holds when it started; the university's office, when an office is asked about.
        text = "did she start it too? what year was that"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en", contact="lisa-ericsson")
        assert [m["answer"] for m in messages][-1] == "KTH Innovation started in 2007."
        messages, _ = run(ActionKnowledge(), "when did the Uppsala one get started?", "ask_knowledge", language="en")
        assert messages[0]["answer"] == "UU Innovation (Uppsala University's innovation office) started in 2007."
        # Asked about the university itself, it is not its office.
        messages, _ = run(ActionKnowledge(), "When was Uppsala University founded?", "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == ["utter_thing_attribute_unknown"]

    def test_a_universitys_innovation_office_asked_for_itself_is_its_office(self) -> None:
        text = "Berätta lite om innovationskontoret vid Uppsala universitet."
        messages, slots = run(ActionKnowledge(), text, "ask_knowledge")
        assert messages[0]["about"].startswith("UU Innovation är Uppsala universitets innovationskontor")
        assert slots == {"partner": "uu-innovation"}
        messages, slots = run(ActionKnowledge(), "Berätta om Uppsala universitet", "ask_knowledge")
        assert slots == {"partner": "uu"}

    def test_a_relation_answered_yes_or_no_is_followed_by_what_else_is_asked(self) -> None:
        text = "Var det Lisa Ericsson som drog igång KTH Innovation, och vilket år var det?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert [m["response"] for m in messages] == ["utter_relation_yes", "utter_thing_attribute"]
        assert messages[1]["answer"] == "KTH Innovation startade 2007."

    def test_a_thing_described_is_what_a_pointer_beside_the_description_means(self) -> None:
        text = "det där delade kontoret för fyra yngre universitet – vilka var med i det?"
        messages, slots = run(ActionKnowledge(), text, "ask_knowledge", partner="round-2008")
        assert messages[0]["answer"].startswith("I Fyrklövern ingår Mittuniversitetet")
        assert slots == {"partner": "fyrklovern"}

    @pytest.mark.parametrize(
        "text, attribute",
        [
            ("Vad har KTH Holding AB för organisationsnummer?", "organisationsnummer"),
            ("Hur många studenter har Mälardalens universitet?", "antal studenter"),
            ("Hur många startups har KTH Innovation hjälpt fram totalt?", "antal bolag som startats"),
        ],
    )
    def test_numbers_nobody_wrote_down_are_not_known(self, text: str, attribute: str) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert [(m["response"], m["attribute"]) for m in messages] == [("utter_thing_attribute_unknown", attribute)]

    def test_how_many_students_the_office_helps_is_its_teams(self) -> None:
        messages, _ = run(
            ActionKnowledge(), "How many students does KTH Innovation help?", "ask_knowledge", language="en"
        )
        assert "400 teams" in messages[0]["answer"]

    def test_a_remark_after_the_question_asks_no_topic(self) -> None:
        text = "How many startups have come out of KTH Innovation? Looking for one big number for a pitch deck."
        ranking = [{"name": "ask_knowledge"}, {"name": "ask_services"}]
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", ranking=ranking, language="en")
        assert [m["response"] for m in messages] == ["utter_thing_attribute_unknown"]

    def test_what_is_that_after_a_name_describes_it(self) -> None:
        text = "People at KTH Innovation keep mentioning 'VFT'. What's that?"
        messages, slots = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert messages[0]["about"].startswith("Verification funding (VFT) has been given since 2012")
        assert slots == {"partner": "verification-funding"}
        graph = Graph.read(loader.DEFAULT_DIR)
        assert graph.is_knowledge_question(text, "ask_office")

    def test_a_no_to_belonging_says_what_the_thing_is_instead(self) -> None:
        text = "Was Stockholm University one of the eight universities that got an innovation office?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == ["utter_thing_member_no", "utter_thing_about"]
        assert "autumn 2013" in messages[1]["about"]
        text = "I work at Örebro University. Does that mean we're part of InterAct with KTH?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert messages[0]["thing_name"] == "Örebro University" and "Fyrklövern" in messages[1]["about"]

    def test_one_of_the_conversations_things_is_picked_by_where_it_is(self) -> None:
        text = "What's the web address of the one that's in Västerås?"
        messages, slots = run(ActionKnowledge(), text, "ask_knowledge", language="en", partner="interact")
        assert [m["answer"] for m in messages] == ["The website of Mälardalen University is https://www.mdu.se."]
        text = "den där högskolan som inte ligger i Stockholm – heter den fortfarande högskola?"
        messages, slots = run(ActionKnowledge(), text, "ask_knowledge", partner="su,mdu,kth")
        assert "1 januari 2022" in messages[0]["answer"] and slots == {"partner": "mdu"}
        assert Graph.read(loader.DEFAULT_DIR).is_knowledge_question(text, "out_of_scope")

    def test_how_the_offices_work_is_divided_is_known(self) -> None:
        text = (
            "Sköts allt som innovationskontoret gör av avdelningen KTH Innovation, eller ligger någon del annanstans?"
        )
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert messages[0]["answer"].startswith("En mindre del av innovationskontorets arbete, den som rör samverkan")
        assert all(m["response"] == "utter_thing_attribute" for m in messages)  # no campus said to be unknown
        text = "Is all of the innovation office's work done inside KTH Innovation? And where does it report?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert "reported to the KTH Innovation department" in messages[0]["answer"]

    def test_when_then_after_a_founder_is_when_what_she_founded_started(self) -> None:
        graph = Graph.read(loader.DEFAULT_DIR)
        assert graph.is_knowledge_question("när då?", "goodbye") and not graph.is_knowledge_question(
            "hej då", "goodbye"
        )
        messages, _ = run(
            ActionKnowledge(), "när då?", "ask_knowledge", contact="lisa-ericsson", partner="lisa-ericsson"
        )
        assert messages[0]["answer"] == "KTH Innovation startade 2007."

    def test_a_question_taken_for_staffs_explain_that_asks_the_graph_is_the_graphs(self) -> None:
        graph = Graph.read(loader.DEFAULT_DIR)
        assert graph.is_knowledge_question("who did that assessment, and in which year?", "explain")
        assert not graph.is_knowledge_question("why did you answer that", "explain")
        text = "who did that assessment, and in which year?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en", partner="kth-innovation")
        assert [m["answer"] for m in messages] == [
            "KTH Innovation: the highest grade when Vinnova evaluated the innovation offices in 2015."
        ]

    def test_a_link_to_the_office_is_a_connection_not_a_web_address(self) -> None:
        text = "Is Uppsala University inside InterAct, or is their link to KTH's innovation office something else?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == ["utter_thing_member_no", "utter_thing_about"]
        messages, _ = run(ActionKnowledge(), "Do you have a link to MDU's website?", "ask_knowledge", language="en")
        assert messages[0]["answer"] == "The website of Mälardalen University is https://www.mdu.se."

    def test_whoever_is_responsible_for_the_innovation_office_is_the_offices_head(self) -> None:
        text = "I was told to 'talk to whoever is responsible for the innovation office'. Who is that?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert "Lisa Ericsson" in messages[0]["answer"]

    @pytest.mark.parametrize(
        "text, partner, said",
        [
            ("Is that the same person who set it up, or did someone else start it?", "kth-innovation", "founded by"),
            ("the one that was shared between several universities - who coordinated it?", "round-2008", "Fyrklövern"),
            ("KTH Innovation has a good reputation. Is there anything official that backs that up?", "", "Vinnova"),
        ],
    )
    def test_more_ways_to_ask_who_founded_which_was_shared_and_how_it_was_rated(
        self, text: str, partner: str, said: str
    ) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en", partner=partner)
        assert said in " ".join(m.get("answer") or "" for m in messages)

    def test_my_university_where_i_study_is_the_university_there(self) -> None:
        text = "I study in Västerås. Is my university part of InterAct?"
        assert Graph.read(loader.DEFAULT_DIR).is_knowledge_question(text, "ask_interact_member")
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [(m["response"], m["thing_name"]) for m in messages] == [
            ("utter_thing_member_yes", "Mälardalen University")
        ]
        assert questions.own_university_place("Is my university part of InterAct?") is None
        text = "My cousin studies in Västerås. Is her uni actually one of KTH's InterAct partners?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [(m["response"], m["thing_name"]) for m in messages] == [
            ("utter_thing_member_yes", "Mälardalen University")
        ]

    @pytest.mark.parametrize(
        "text, language",
        [
            (
                "Min chef tror att det är SU som styr InterAct-samarbetet och att KTH bara hänger med. Har hon rätt?",
                "sv",
            ),
            ("Quick fact check: the InterAct work is run out of Stockholm University, isn't it?", "en"),
        ],
    )
    def test_a_claim_that_another_leads_is_answered_no_with_who_does(self, text: str, language: str) -> None:
        """The one a cleft sets off ("det är SU som styr") is the subject, not KTH named beside it."""
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language=language)
        assert messages[0]["response"] == "utter_relation_no"
        assert "KTH Innovation" in messages[0]["answer"]

    @pytest.mark.parametrize(
        "text, language",
        [
            ("I was told the InterAct work is led from Stockholm University's side. Is that accurate?", "en"),
            ("Leds InterAct-arbetet från Stockholms universitet?", "sv"),
        ],
    )
    def test_led_from_another_is_answered_no_with_who_leads(self, text: str, language: str) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language=language)
        assert messages[0]["response"] == "utter_relation_no"
        assert "KTH Innovation" in messages[0]["answer"]

    @pytest.mark.parametrize(
        "text, language",
        [
            ("En kurskamrat sa att Lisa Ericsson är rektor för hela KTH, stämmer det?", "sv"),
            ("Is Lisa Ericsson the CEO of KTH Holding?", "en"),
            ("Lisa Ericsson is a patent attorney at KTH Innovation, right?", "en"),
        ],
    )
    def test_a_role_that_is_not_hers_is_answered_no_with_what_she_is(self, text: str, language: str) -> None:
        messages, slots = run(ActionKnowledge(), text, "ask_knowledge", language=language)
        assert [m["response"] for m in messages] == ["utter_relation_no"]
        assert messages[0]["answer"].startswith("Lisa Ericsson, ")
        assert "KTH Innovation" in messages[0]["answer"]
        assert slots["partner"] == "lisa-ericsson"

    @pytest.mark.parametrize(
        "text, language",
        [
            ("Är Lisa Ericsson chef för KTH Innovation?", "sv"),
            ("Is Lisa Ericsson the founder of KTH Innovation?", "en"),
        ],
    )
    def test_a_role_that_is_hers_is_answered_yes(self, text: str, language: str) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language=language)
        assert messages[0]["response"] == "utter_relation_yes"
        assert "Lisa Ericsson" in messages[0]["answer"]

    def test_the_bill_behind_the_eight_offices_and_how_many_they_were(self) -> None:
        text = (
            "two quick ones for a policy seminar: what was the bill that created the innovation offices called "
            "in Swedish, and how many universities got an office in that first round?"
        )
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        said = " ".join(m.get("answer", "") for m in messages)
        assert "Ett lyft för forskning och innovation" in said and "2008/09:50" in said
        assert "eight universities" in said

    def test_a_name_set_before_its_question_is_what_it_points_to(self) -> None:
        text = "and Växjö universitet there, what is it called these days?"
        messages, slots = run(ActionKnowledge(), text, "ask_knowledge", language="en", partner="round-2008")
        assert "Linnaeus University" in messages[0]["thing_name"]
        assert slots == {"partner": "vxu"}

    def test_one_offices_share_of_shared_money_is_not_known(self) -> None:
        text = "Hur stor del av startpengarna gick till just KTH:s innovationskontor? alltså KTH:s egen andel"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert messages[0]["response"] == "utter_thing_attribute_unknown"
        assert messages[0]["attribute"] == "andel av pengarna"

    def test_a_programme_beside_names_in_a_remark_is_not_known(self) -> None:
        text = "Hur ansöker man till InterAct Seed Grant 2025? har hört att det riktar sig till doktorander på MDU"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert [(m["response"], m["thing_name"]) for m in messages] == [("utter_thing_unknown", "InterAct Seed Grant")]

    def test_a_name_the_facts_hold_is_no_stranger(self) -> None:
        text = "KTH Innovation sits in the old Red Cross college building on campus now, right?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert messages[0]["response"] == "utter_relation_yes"
        assert "Red Cross" in messages[0]["answer"]
        # Held as a word, not inside another ("existing" holds no "STING").
        messages, _ = run(ActionKnowledge(), "samarbetar kth innovation med STING?", "ask_knowledge")
        assert [(m["response"], m.get("thing_name")) for m in messages] == [("utter_thing_unknown", "STING")]

    def test_a_university_asked_of_through_its_office_belongs_as_itself(self) -> None:
        text = "Karolinska Institutet - was that one of the eight places that got a government innovation office?"
        messages, slots = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [(m["response"], m["thing_name"]) for m in messages] == [
            ("utter_thing_member_yes", "Karolinska Institutet")
        ]
        assert slots == {"partner": "ki,round-2008"}

    def test_an_own_office_shared_with_others_is_no(self) -> None:
        text = (
            "Stämmer det att Örebro universitet fick ett helt eget innovationskontor när regeringen delade ut dem 2009?"
        )
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert messages[0]["response"] == "utter_relation_no"
        assert "Fyrklövern" in messages[0]["answer"]
        text = "Did Örebro University get an innovation office of its own in the 2008 round?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert messages[0]["response"] == "utter_relation_no" and "shared" in messages[0]["answer"]

    def test_a_person_asked_for_is_the_one_leading_the_organisation_in_charge(self) -> None:
        text = "Is there somebody specific at KTH who knows about the InterAct partnership?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        said = " ".join(m.get("answer", "") for m in messages)
        assert "Responsible for InterAct: KTH Innovation" in said and "lisaeric@kth.se" in said
        # Asked who runs it, the organisation is the answer.
        messages, _ = run(ActionKnowledge(), "Who runs InterAct?", "ask_knowledge", language="en")
        assert [m["answer"] for m in messages] == ["Responsible for InterAct: KTH Innovation."]

    @pytest.mark.parametrize(
        "text, attribute",
        [
            ("vem var rektor på KTH när ledningen bestämde att kontoret skulle gå in i KTH Innovation?", "rektor"),
            ("Hur stora är KTH Innovations lokaler, typ i kvadratmeter?", "lokalernas storlek"),
            ("vilken våning sitter Lisa Ericsson på?", "rum och våning"),
            ("När skrevs InterAct-avtalet under, och av vem?", "när och av vem avtalet skrevs under"),
        ],
    )
    def test_what_the_facts_never_give_is_not_known(self, text: str, attribute: str) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert {m["attribute"] for m in messages if "attribute" in m} == {attribute}
        assert all(m["response"].startswith("utter_thing_attribute") for m in messages)
        assert not any("Lisa Ericsson" in m.get("answer", "") for m in messages)

    def test_a_passage_answers_what_is_asked_of_kth_beyond_its_description(self) -> None:
        text = (
            "When the 2008/09 bill gave KTH the chance to build an innovation office, "
            "was KTH supposed to do it alone or together with someone?"
        )
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == ["utter_passage"]
        assert "close cooperation" in messages[0]["passage"]

    def test_a_yes_no_question_among_others_answers_the_others_too(self) -> None:
        text = (
            "Tre saker: vilken mejladress går till KTH Innovation, kostar deras hjälp pengar, "
            "och ungefär hur många team tar de hand om per år?"
        )
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        said = " ".join(m.get("answer") or "" for m in messages)
        assert messages[0]["response"] == "utter_relation_no" and "kostnadsfritt" in said
        assert "innovation@kth.se" in said and "400 team" in said

    def test_a_pointer_in_a_relation_question_means_the_thing_of_the_sentence_before(self) -> None:
        text = "vi vill söka verifieringsmedel. sköter KTH Innovation det helt på egen hand?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        said = " ".join(m.get("answer") or "" for m in messages)
        assert "KTH Holding AB" in said and "Lisa Ericsson" not in said
        text = "Reading about VFT funding I keep bumping into KTH Holding AB. Are they one of the organisers of it?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert messages[0]["response"] == "utter_relation_yes" and "KTH Holding AB" in messages[0]["answer"]

    def test_what_a_sentence_that_asks_nothing_describes_is_not_answered(self) -> None:
        text = "KI Innovations, vilket år startade de? Vill jämföra med när KTH:s innovationsverksamhet kom igång."
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert [m["response"] for m in messages] == ["utter_thing_attribute_unknown"]
        assert "2007" not in str(messages)
        # Nor what the scene-setting sentence says beside the question's own name: no campus.
        text = "I'm writing for our campus paper. Who is heading KTH Innovation at the moment?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == ["utter_thing_attribute"]
        assert "Lisa Ericsson" in messages[0]["answer"]

    def test_ending_up_with_something_asks_nothing_of_whether_it_ended(self) -> None:
        text = "how did KTH end up with an innovation office and a partnership in the first place?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert "has continued." not in str(messages[0])
        # "which of them" picks among the group's members those holding what is asked.
        text = "and which of them later ended up with an innovation office of its own?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en", partner="interact")
        assert messages[0]["answer"].startswith("Stockholm University got an innovation office of its own")

    def test_the_office_shared_is_more_precise_than_the_round_it_was_one_of(self) -> None:
        text = "In the 2008 round a few smaller universities had to share one office. Which universities were in it?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert messages[0]["answer"].startswith("Fyrklövern: Mid Sweden University")

    def test_a_registration_number_is_a_decisions_reference_or_a_companys_organisation_number(self) -> None:
        text = "The government decision that created the innovation offices: does it have a registration number?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert "U2009/973/UH" in messages[0]["answer"]
        messages, _ = run(
            ActionKnowledge(), "What is KTH Holding's registration number?", "ask_knowledge", language="en"
        )
        assert [(m["response"], m["attribute"]) for m in messages] == [
            ("utter_thing_attribute_unknown", "organisation number")
        ]

    @pytest.mark.parametrize(
        "text, language, said",
        [
            ("Vilket diarienummer hade regeringens beslut om de åtta innovationskontoren?", "sv", "U2009/973/UH"),
            (
                "The government's decision on the offices: what was its reference number (the U-number)?",
                "en",
                "U2009/973/UH",
            ),
            ("Posten vill ha gata och postnummer till KTH Innovation. Vad är det?", "sv", "gatuadress"),
            ("KTH, SU and Mälardalen signed up to InterAct in which year?", "en", "when it joined"),
        ],
    )
    def test_reference_numbers_postcodes_and_joining_are_asked_in_visitors_words(
        self, text: str, language: str, said: str
    ) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language=language)
        assert said in " ".join(str(m.get("answer") or m.get("attribute") or m.get("passage") or "") for m in messages)
        assert "2007" not in str(messages)  # not when KTH Innovation started

    def test_a_year_asked_after_an_answer_is_the_year_of_what_it_said(self) -> None:
        replied = "KTH Innovation: högsta betyg när Vinnova utvärderade innovationskontoren 2015.\nKälla: ..."
        earlier = ["Hur gick det för KTH Innovation när Vinnova utvärderade kontoren?"]
        messages, _ = run(
            ActionKnowledge(),
            "vilket år var det?",
            "ask_knowledge",
            earlier=earlier,
            replied=replied,
            partner="kth-innovation,vinnova",
        )
        assert [m["answer"] for m in messages] == [
            "KTH Innovation: högsta betyg när Vinnova utvärderade innovationskontoren 2015."
        ]
        messages, _ = run(ActionKnowledge(), "vilket år var det?", "ask_knowledge", partner="kth-innovation")
        assert messages[0]["answer"] == "KTH Innovation startade 2007."

    def test_a_thing_that_is_no_partner_is_not_asked_which_partner(self) -> None:
        messages, _ = run(ActionPartnerInfo(), "Tell me about Vinnova", "ask_partner", language="en")
        assert [m["response"] for m in messages] == ["utter_thing_about"]
        messages, _ = run(ActionInteractMember(), "Is Chalmers in InterAct?", "ask_interact_member", language="en")
        assert [m["response"] for m in messages] == ["utter_interact_member_not_thing"]
        assert messages[0]["thing_name"] == "Chalmers"

    def test_her_is_the_person_of_the_conversation(self) -> None:
        messages, slots = run(
            ActionKnowledge(), "can I call her?", "ask_knowledge", language="en", contact="lisa-ericsson", partner="su"
        )
        assert messages[0]["response"] == "utter_thing_attribute_unknown"
        assert messages[0]["thing_name"] == "Lisa Ericsson" and "lisaeric@kth.se" in messages[0]["known"]

    def test_a_history_answer_sets_what_it_refers_to(self) -> None:
        _, slots = run(ActionHistory(), "vilka var de åtta lärosätena?", "ask_eight_offices")
        assert slots["partner"].split(",")[:2] == ["uu", "lu"]
        messages, _ = run(
            ActionKnowledge(),
            "finns det kvar idag?",
            "ask_knowledge",
            partner=run(ActionHistory(), "vad är InterAct?", "ask_interact")[1]["partner"],
        )
        assert messages[0]["response"] == "utter_relation_yes"
        assert messages[0]["answer"] == "Samarbetet inom InterAct har fortsatt."

    def test_an_unknown_name_is_said_to_be_unknown(self) -> None:
        messages, _ = run(ActionKnowledge(), "Jobbar ni med Sörmlands Idélabb?", "ask_knowledge")
        assert [m["response"] for m in messages] == ["utter_thing_unknown"]
        assert messages[0]["thing_name"] == "Sörmlands Idélabb"

    def test_an_ordinal_after_a_group_picks_among_its_members_as_listed(self) -> None:
        # "Who formed InterAct?": Stockholm University, Mälardalen University and KTH.
        text = "when did the second one become a university?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en", partner="interact")
        assert [m["response"] for m in messages] == ["utter_thing_attribute"]
        assert "Mälardalen" in messages[0]["answer"] and "2022" in messages[0]["answer"]

    def test_only_things_whose_place_is_known_are_said_to_be_elsewhere(self) -> None:
        # Of InterAct's members, KTH's place is not in the knowledge: MDU alone is outside Stockholm.
        text = "the partner that's outside Stockholm - which towns is it located in?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en", partner="interact")
        assert [m["answer"] for m in messages] == ["Mälardalen University has campuses in Västerås and Eskilstuna."]

    def test_whether_one_belongs_to_a_group_described_with_a_relation_is_membership(self) -> None:
        # "government-funded" reads as funding; the question is whether Lund was one of the eight.
        text = "did lund university also get one of those government-funded innovation offices back in 2008?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == ["utter_thing_member_yes"]
        assert messages[0]["thing_name"] == "Lund University"

    def test_who_formed_interact(self) -> None:
        messages, _ = run(ActionKnowledge(), "Vem bildade InterAct?", "ask_knowledge")
        assert "KTH:s ledning" in messages[0]["answer"] and "Stockholms universitet" in messages[0]["answer"]

    def test_a_groups_members_and_their_websites_each_once(self) -> None:
        text = "Who are KTH's partners in InterAct, and what are the partners' websites?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        answers = [m["answer"] for m in messages]
        assert any(a.startswith("InterAct: Stockholm University, Mälardalen University") for a in answers)
        for site in ("https://www.su.se", "https://www.mdu.se", "https://www.kth.se"):
            assert sum(site in a for a in answers) == 1, answers

    def test_a_thing_described_in_one_question_and_one_named_in_the_other_are_both_answered(self) -> None:
        text = "hur mycket fick innovationskontoren från staten, och hur mycket kan man få i verifieringsmedel?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        answers = " ".join(m["answer"] for m in messages)
        assert "60 miljoner" in answers and "300 000 kronor" in answers

    def test_a_known_member_and_an_unknown_organisation_of_a_closed_group_are_each_answered(self) -> None:
        text = "Fick Linköpings universitet och Göteborgs universitet var sitt innovationskontor 2008?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert [m["response"] for m in messages] == ["utter_thing_member_yes", "utter_stranger_not_member"]
        assert messages[1]["thing_name"] == "Göteborgs universitet"

    def test_ni_is_the_office_when_nothing_else_is_talked_about(self) -> None:
        text = "vilken gatuadress har röda korset-byggnaden där ni sitter?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert messages[-1]["response"] == "utter_thing_attribute_also_unknown"
        assert messages[-1]["thing_name"] == "KTH Innovation"

    @pytest.mark.parametrize(
        "text, expected",
        [
            (
                "A government agency graded the innovation offices. Who did the grading, and how did KTH come out?",
                "Vinnova",
            ),
            ("Where can I find the Swedish-language pages of KTH Innovation?", "https://www.kth.se/om/innovation"),
        ],
    )
    def test_more_words_for_evaluations_and_pages(self, text: str, expected: str) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert expected in messages[0]["answer"]

    def test_the_governments_decision_on_the_eight_offices(self) -> None:
        text = "On what date did the government formally decide on the eight innovation offices?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert "U2009/973/UH of 19 February 2009" in messages[0]["answer"]

    def test_a_former_name_of_the_one_with_a_campus_there(self) -> None:
        text = "den som har campus i Västerås, vad hette den förut?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", partner="interact")
        assert messages[0]["answer"].startswith("Mälardalens universitet (tidigare Mälardalens högskola)")

    def test_the_person_an_answer_names_as_responsible_is_she_next(self) -> None:
        text = "who is responsible for the innovation office"
        _, slots = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert slots["contact"] == "lisa-ericsson"
        messages, _ = run(ActionKnowledge(), "can I call her?", "ask_knowledge", language="en", **slots)
        assert "lisaeric@kth.se" in " ".join(str(m.get("known") or m.get("answer")) for m in messages)

    def test_an_application_deadline_is_not_known(self) -> None:
        text = "When's the next application deadline for KTH's verification funding?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == ["utter_thing_attribute_unknown"]
        assert messages[0]["thing_name"] == "verification funding (VFT)"

    def test_the_right_person_to_interview_is_the_one_responsible(self) -> None:
        text = "Who is the right person to interview at KTH's innovation office, and what's their phone number?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == ["utter_thing_attribute", "utter_thing_attribute_also_unknown"]
        assert "Lisa Ericsson" in messages[0]["answer"] and "lisaeric@kth.se" in messages[0]["answer"]

    def test_kth_saying_where_a_thing_is_is_not_asked_about(self) -> None:
        text = "verification funding at KTH: since when, how much can you get and where does the money come from?"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        answers = " ".join(m["answer"] for m in messages)
        assert "2012" in answers and "SEK 300,000" in answers and "Vinnova" in answers
        assert "KTH Innovation started" not in answers and "2007" not in answers

    @pytest.mark.parametrize(
        "text, attribute",
        [
            ("har ni nåt nummer jag kan slå direkt till KTH Innovation? mejl är så segt", "telefonnummer"),
            ("How big is the team at KTH Innovation, headcount-wise?", "number of employees"),
        ],
    )
    def test_a_number_to_dial_and_a_headcount_are_not_known(self, text: str, attribute: str) -> None:
        language = "en" if "team" in text else "sv"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language=language)
        assert (messages[0]["response"], messages[0]["attribute"]) == ("utter_thing_attribute_unknown", attribute)

    def test_a_relation_denied_says_what_the_subject_does_stand_in(self) -> None:
        text = "KI Innovations is the innovation office of Uppsala University, isn't it? I keep mixing them up"
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        assert [m["response"] for m in messages] == ["utter_relation_no", "utter_thing_attribute"]
        assert "UU Innovation" in messages[0]["answer"]
        assert "Karolinska Institutet: KI Innovations" in messages[1]["answer"]

    @pytest.mark.parametrize(
        "text, language",
        [
            ("Does the money behind KTH's verification funding come from Vinnova?", "en"),
            ("Kommer pengarna till verifieringsmedlen från Vinnova?", "sv"),
        ],
    )
    def test_who_funds_asked_yes_or_no_is_answered_yes(self, text: str, language: str) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language=language)
        assert messages[0]["response"] == "utter_relation_yes"
        assert "Vinnova" in messages[0]["answer"]

    @pytest.mark.parametrize(
        "text",
        [
            "Samarbetar ni med Handels?",
            # Where the visitor sits asks nothing of where anything is; "vi" is the visitor's school.
            "Sitter i studentkåren på Handels och undrar om vi har någon koppling alls till KTH:s innovationsarbete?",
        ],
    )
    def test_cooperation_asked_yes_or_no_is_answered_yes_with_how(self, text: str) -> None:
        messages, slots = run(ActionKnowledge(), text, "ask_knowledge")
        assert [m["response"] for m in messages] == ["utter_relation_yes"]
        assert messages[0]["answer"].startswith("Handelshögskolan i Stockholm")
        assert slots == {"partner": "hhs"}

    def test_cooperation_with_one_who_is_no_partner_gets_no_yes(self) -> None:
        messages, _ = run(ActionKnowledge(), "Samarbetar ni med Vinnova?", "ask_knowledge")
        assert "utter_relation_yes" not in [m["response"] for m in messages]

    def test_it_means_an_earlier_turns_things_when_the_last_hold_nothing_asked(self) -> None:
        """ "how many got an office?" - "was KTH one?" - "how much cash came with it?": the round's funding."""
        eight = "uu,lu,umu,liu,ki,kth,chalmers,fyrklovern"
        earlier = ["how many universities got an innovation office in 2008?", "and was KTH in that group?"]
        messages, _ = run(
            ActionKnowledge(),
            "how much cash came with it?",
            "ask_knowledge",
            earlier=earlier,
            remembered=[eight, "kth"],
            language="en",
            partner="kth",
        )
        assert "SEK 60 million" in messages[0]["answer"]

    def test_that_university_is_the_one_named_before_it(self) -> None:
        text = "Växjö fanns väl med i det där gemensamma kontoret? vad heter det lärosätet nu för tiden?"
        eight = "uu,lu,umu,liu,ki,kth,chalmers,fyrklovern"
        messages, slots = run(ActionKnowledge(), text, "ask_knowledge", partner=eight)
        assert "Linnéuniversitetet" in messages[0]["thing_name"]
        assert slots == {"partner": "vxu"}

    def test_one_of_them_in_a_second_question_is_one_the_first_names(self) -> None:
        text = (
            "Which universities did KTH form InterAct with? And one of them went from högskola to universitet - when?"
        )
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language="en")
        answers = " ".join(m.get("answer") or "" for m in messages)
        assert (
            "Stockholm University" in answers
            and "Mälardalen University became a university on 1 January 2022" in answers
        )

    def test_a_figure_asked_for_another_year_is_said_to_be_for_its_own(self) -> None:
        text = "Hur många team tog KTH Innovation emot under 2019? Vill se utvecklingen."
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge")
        assert [(m["response"], m.get("year")) for m in messages] == [("utter_thing_attribute_other_year", "2019")]
        assert "400" in messages[0]["answer"] and "2024" in messages[0]["answer"]
        # The year a thing is named by is no other year: the 2008/09 round's funding is its own.
        messages, _ = run(
            ActionKnowledge(), "How much money did the offices get in 2008?", "ask_knowledge", language="en"
        )
        assert messages[0]["response"] == "utter_thing_attribute" and "SEK 60 million" in messages[0]["answer"]

    @pytest.mark.parametrize(
        "text, language",
        [
            ("a rumour says kth innovation flunked the vinnova review in 2015. any truth to it", "en"),
            ("är KTH Innovation ett eget aktiebolag som står utanför KTH? en vän påstod det", "sv"),
        ],
    )
    def test_a_rumour_the_facts_deny_is_answered_no(self, text: str, language: str) -> None:
        messages, _ = run(ActionKnowledge(), text, "ask_knowledge", language=language)
        assert messages[0]["response"] == "utter_relation_no"

    def test_the_first_offices_described_are_the_2008_round(self) -> None:
        text = "Hur stor var startsumman när de första innovationskontoren drogs igång?"
        messages, slots = run(ActionKnowledge(), text, "ask_knowledge")
        assert "60 miljoner" in messages[0]["answer"]
        assert slots == {"partner": "round-2008"}

    def test_nothing_to_resolve_asks_which(self) -> None:
        messages, _ = run(ActionKnowledge(), "when did it start?", "ask_knowledge", language="en")
        assert messages[0]["response"] == "utter_thing_which"


class TestRouting:
    """Which questions the NLU hands to the graph (addons/nlu/knowledge_question.py)."""

    @pytest.fixture(scope="class")
    def graph(self) -> Graph:
        return Graph.read(loader.DEFAULT_DIR)

    @pytest.mark.parametrize(
        "text, intent",
        [
            ("When did UU Innovation start?", "ask_history"),
            ("Vad har SU för telefonnummer?", "ask_contact"),
            ("Vilka campus har MDU?", "ask_partner"),
            ("What is Vinnova?", "ask_partner"),
            ("when did it start?", "ask_history"),
            ("Was Lund University one of the eight universities?", "ask_eight_offices"),
            ("berätta om den andra", "out_of_scope"),
            ("when did it become a university?", "ask_history"),
            ("Jobbar ni med Sörmlands Idélabb?", "ask_partners"),
            ("Vilka öppettider har KTH Innovation?", "ask_partners"),
            ("Does KTH Innovation partner with Roslagen Medtech Park?", "ask_partners"),
            ("who's in it besides KTH?", "ask_passage"),
            ("Har KTH Innovation blivit utvärderat av någon?", "human_handoff"),
            ("hur gick det då?", "goodbye"),
            ("Hur stor budget har innovationskontoret per år?", "ask_history"),  # no one's: the office's
            ("och sen per år då?", "goodbye"),  # goes on from the last answer
            ("hej, är Maja Strandberg patentrådgivare hos er?", "ask_patents"),  # someone not known
            ("Vad gör Norrtälje Deeptech Hub tillsammans med KTH Innovation?", "ask_office"),
            ("hur många anställda har kth innovation?", "ask_services"),  # not known, whatever the topic
            ("Vilket år bildades InterAct exakt?", "ask_interact"),  # not known, and what is
            ("What is the Baltic Deeptech Bridge Fund, and can startups from KTH apply to it?", "ask_funding"),
            ("Vad är Brunnsviken Innovation Lab?", "ask_services"),
            ("En kollega sa att jag ska kontakta Magnus Törnkvist på KTH Innovation. Vem är han?", "ask_contact"),
            (
                "i was told to contact Dr. Henrik Sjöstrandberg at the innovation office. what is his role?",
                "human_handoff",
            ),
            ("Did Lund University get one of the innovation offices set up back in 2008?", "ask_eight_offices"),
            ("I wonder whether it is Stockholm University that leads the InterAct work?", "ask_interact_member"),
            # A known name opening another's: an organisation not known, whatever the topic.
            ("a friend told me about the kth spark fund - what does it invest in?", "ask_patents"),
            ("vad är InterAct Nova för nåt? en kompis sa att man kan söka pengar där", "ask_interact"),
            # Someone's programme not known: "KTH Innovation's" says whose it is, not what is asked.
            ("Can you tell me about KTH Innovation's Northern Lights Founders Fellowship?", "ask_services"),
            # An organisation in a question taken for out of scope is what is not known.
            ("Hur söker man till acceleratorn Spark Lab Solna som KTH Innovation driver?", "out_of_scope"),
            ("Berätta om stipendiet Guldnyckeln som KTH Innovation delar ut", "ask_history"),
            ("Vad är KTH Innovations program Spårvägen Startup Sprint?", "ask_funding"),  # a Swedish genitive
            # A thing described, not named, asked what it holds.
            ("What is the cooperation between the three universities supposed to do?", "ask_services"),
            # A name in quotes, or after a kind of programme written as one word, names a thing not known.
            ("Does KTH Innovation run the 'Nordic Impact Sprint'?", "nlu_fallback"),
            ("Vad är KTH Innovations acceleratorprogram Brinellstegen?", "out_of_scope"),
            # Whether a thing belongs to the group the conversation is about.
            ("and is Uppsala one of them?", "out_of_scope"),
            # Where else a university is: its campuses.
            ("Mälardalens universitet ligger väl i Västerås, finns de nån annanstans också?", "out_of_scope"),
            # A follow-up of question words alone is about the conversation's thing.
            ("sen när då?", "goodbye"),
            # KTH's office asked about through KTH, whatever the topic.
            ("Who evaluated the innovation offices in 2015, and how did KTH come out of it?", "ask_eight_offices"),
            ("Roughly how many patents have been filed with help from KTH Innovation?", "ask_patents"),
            # A history about others than the one named: "my university" is not Stockholm University.
            ("I work at Uppsala University. Is my university connected to KTH's innovation office?", "ask_su_office"),
            # A programme said to be one, in a question taken for out of scope.
            ("Hur söker man till KTH Innovations acceleratorprogram Deeptech Lyftet?", "out_of_scope"),
            # A programme's name, with names only in a remark beside the question.
            ("Hur ansöker man till InterAct Seed Grant 2025? har hört att det gäller MDU och KTH", "ask_funding"),
            # "their website", taken for a handoff: no handoff gives it; nor does a goodbye give where.
            ("har de någon hemsida jag kan kika på?", "human_handoff"),
            ("how long have they been in that building?", "goodbye"),
            # The round described, asked the sum its funding says.
            ("what did the state grant the innovation offices as a launch sum, and yearly after that?", "ask_funding"),
        ],
    )
    def test_graph_questions(self, graph: Graph, text: str, intent: str) -> None:
        assert graph.is_knowledge_question(text, intent)

    def test_thanks_are_no_question(self, graph: Graph) -> None:
        assert not graph.is_knowledge_question("tack för hjälpen med hennes mejl!", "thank")
        assert not graph.is_knowledge_question("thanks, bye!", "goodbye")

    def test_what_the_office_holds_asked_of_ni_or_you_is_the_graphs(self, graph: Graph) -> None:
        assert graph.is_knowledge_question("ungefär hur många team tar ni emot per år?", "out_of_scope", 0.84)
        text = (
            "How does the innovation office work with universities in the region? Is there a person I should write to?"
        )
        assert graph.is_knowledge_question(text, "ask_partners", 0.6)
        assert not graph.is_knowledge_question("Söker ni personal?", "out_of_scope", 0.9)

    def test_a_pointer_does_not_override_a_sure_out_of_scope(self, graph: Graph) -> None:
        # "it" is the parking the question itself is about, not the office.
        text = "I'm visiting the campus next week - is there visitor parking nearby and what does it cost per hour?"
        assert not graph.is_knowledge_question(text, "out_of_scope", 0.75)
        # Where the classifier is unsure, or the question says too little to stand alone, the pointer asks what
        # the conversation's thing holds.
        assert graph.is_knowledge_question("and when did it start?", "out_of_scope", 0.3)
        assert graph.is_knowledge_question("när kom det igång?", "out_of_scope", 0.8)

    def test_a_pointer_asking_an_e_mail_taken_for_out_of_scope_is_the_graphs(self, graph: Graph) -> None:
        # No intent's answer gives "her" e-mail when the classifier saw no question of the office's.
        assert graph.is_knowledge_question("okej, hur når jag henne smidigast?", "out_of_scope", 0.48)
        assert not graph.is_knowledge_question("and her e-mail?", "ask_email", 0.9)  # the intent's answer

    @pytest.mark.parametrize(
        "text, intent",
        [
            ("Jag startade ett företag, kan KTH Innovation hjälpa?", "ask_services"),
            ("How do I start a company with KTH Innovation?", "ask_partner"),
            ("What is Lisa Ericsson's phone number?", "ask_person"),  # people are the person answer's
            ("Is Chalmers part of InterAct?", "ask_interact_member"),
            ("their website?", "ask_partner"),  # the partner answer gives it
            ("Does Chalmers have good restaurants?", "out_of_scope"),
            ("What will the weather be like in Stockholm tomorrow?", "out_of_scope"),  # a place
            ("Hej!", "greet"),
            ("When was KTH founded?", "ask_history"),  # KTH's own start, not its office's
            # "the first place" picks nothing, and "the bill that gave" points nowhere.
            (
                "What was the name of the government bill that gave KTH an innovation office in the first place?",
                "ask_bill",
            ),
            # A clause saying when something happened asks for no time.
            ("Back when the government set up the innovation offices, what did it want to see more of?", "ask_bill"),
            ("Hur kontaktar jag Lisa?", "ask_contact"),  # a person's first name is known
            ("Kan jag prata med någon på KTH Innovation?", "human_handoff"),
            ("I have a startup called Nordic Quantum Lab. Can KTH Innovation help us?", "ask_services"),
            ("Is the innovation office open to students?", "ask_services"),
            ("Does KTH Innovation have partners in Stockholm?", "ask_partners"),  # a place, no organisation
            # A reason is no attribute: the passage or the topic gives it.
            ("Why did KTH fold the government-funded innovation office into KTH Innovation?", "ask_history"),
            ("Varför blev innovationskontoret en del av KTH Innovation?", "ask_why_kth_innovation"),
            # The office's own intents answer for the office.
            ("Vem leder innovationskontoret?", "ask_leader"),
            # "det" of "Finns det ..." points nowhere.
            ("Finns det lunchrestauranger på campus?", "out_of_scope"),
            # The history's own group named: the history answers.
            ("Tell me about the eight offices", "ask_eight_offices"),
        ],
    )
    def test_other_questions_keep_their_intent(self, graph: Graph, text: str, intent: str) -> None:
        assert not graph.is_knowledge_question(text, intent)


def test_an_unknown_language_is_a_bug_not_english() -> None:
    from actions.languages import in_language

    assert in_language("sv", "hej", "hi") == "hej" and in_language("en", "hej", "hi") == "hi"
    with pytest.raises(ValueError, match="unknown language 'de'"):
        in_language("de", "hej", "hi")
