"""Every custom action against a real knowledge database (SQLite and PostgreSQL)."""

from __future__ import annotations

import asyncio
import time
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher

from actions import db
from actions.contacts import ActionContact, ActionContactEmail, ActionPerson
from actions.fallback import ActionDidYouMean, ActionOutOfScope, ActionPassageFollowUp
from actions.history import ActionHistory
from actions.partners import ActionInteractMember, ActionListPartners, ActionPartnerInfo
from harness.actions import domain_responses, run


def partner(value: str) -> list[dict[str, Any]]:
    return [{"entity": "partner", "value": value, "start": 0, "end": len(value)}]


@pytest.mark.usefixtures("loaded_db")
class TestPartnerInfo:
    def test_named_partner_gives_role_and_web_in_the_language(self) -> None:
        messages, slots = run(ActionPartnerInfo(), "berätta om KI", "ask_partner", partner("KI"))
        assert messages[0]["response"] == "utter_partner_info"
        assert messages[0]["partner_name"] == "Karolinska Institutet"
        assert messages[0]["web"] == "https://ki.se"
        assert "inte medlem i InterAct" in messages[0]["role"]
        assert slots == {"partner": "ki"}

        messages, _ = run(ActionPartnerInfo(), "tell me about SSE", "ask_partner", partner("SSE"), language="en")
        assert messages[0]["partner_name"] == "Stockholm School of Economics"
        assert messages[0]["role"].startswith("The Stockholm School of Economics also takes part")

    @pytest.mark.parametrize(
        "said, key",
        [
            ("Karolinksa", "ki"),
            ("Mälardalen", "mdu"),
            ("Handels", "hhs"),
            ("MDH", "mdu"),
            ("Stokholms universitet", "su"),
            ("uppsala universitet", "uu"),
        ],
    )
    def test_aliases_and_typos_reach_the_partner(self, said: str, key: str) -> None:
        _, slots = run(ActionPartnerInfo(), f"vad gör {said}?", "ask_partner", partner(said))
        assert slots == {"partner": key}

    def test_a_misspelt_name_the_nlu_missed_is_found_in_the_text(self) -> None:
        _, slots = run(ActionPartnerInfo(), "what about Karolinksa institutet?", "ask_partner", language="en")
        assert slots == {"partner": "ki"}

    def test_follow_up_without_a_name_uses_the_partner_in_context(self) -> None:
        messages, _ = run(ActionPartnerInfo(), "what is their website?", "ask_partner", language="en", partner="mdu")
        assert messages[0]["web"] == "https://www.mdu.se"

    def test_an_unknown_name_is_said_and_the_known_ones_listed(self) -> None:
        messages, slots = run(
            ActionPartnerInfo(), "is Harvard a partner?", "ask_partner", partner("Harvard"), language="en", partner="ki"
        )
        assert messages[0]["response"] == "utter_partner_unknown"
        assert messages[0]["partner_name"] == "Harvard"
        assert "Karolinska Institutet" in messages[0]["known"] and "Stockholm University" in messages[0]["known"]
        assert slots == {}

    def test_sql_like_text_is_only_a_name_that_matches_nothing(self) -> None:
        evil = "x'; DROP TABLE partner; --"
        messages, _ = run(ActionPartnerInfo(), evil, "ask_partner", partner(evil))
        assert messages[0]["response"] == "utter_partner_unknown"
        messages, _ = run(ActionPartnerInfo(), "berätta om KI", "ask_partner", partner("KI"))
        assert messages[0]["partner_name"] == "Karolinska Institutet"

    def test_no_name_and_no_context_asks_which(self) -> None:
        messages, _ = run(ActionPartnerInfo(), "berätta om dem", "ask_partner")
        assert messages[0]["response"] == "utter_partner_which"
        assert "Uppsala universitet" in messages[0]["known"]
        assert {"title": "Karolinska Institutet", "payload": '/ask_partner{"partner": "ki"}'} in messages[0]["buttons"]
        assert len(messages[0]["buttons"]) == 7

    def test_several_names_get_one_answer_each_in_the_order_asked(self) -> None:
        said = "what do Uppsala University and KI do?"
        messages, slots = run(ActionPartnerInfo(), said, "ask_partner", partner("Uppsala University"), language="en")
        assert [m["partner_name"] for m in messages] == ["Uppsala University", "Karolinska Institutet"]
        assert slots == {"partner": "uu,ki"}
        messages, _ = run(
            ActionInteractMember(), "are they in InterAct?", "ask_interact_member", language="en", partner="uu,ki"
        )
        assert [m["partner_name"] for m in messages] == ["Uppsala University", "Karolinska Institutet"]

    def test_a_known_and_an_unknown_name_are_both_answered(self) -> None:
        messages, _ = run(ActionPartnerInfo(), "berätta om MIT och SU", "ask_partner", partner("MIT"))
        assert [m["response"] for m in messages] == ["utter_partner_unknown", "utter_partner_info"]
        assert messages[1]["partner_name"] == "Stockholms universitet"

    def test_a_partner_button_payload_names_the_partner_by_key(self) -> None:
        _, slots = run(ActionPartnerInfo(), '/ask_partner{"partner": "ki"}', "ask_partner", partner("ki"))
        assert slots == {"partner": "ki"}


@pytest.mark.usefixtures("loaded_db")
class TestInteractMembership:
    @pytest.mark.parametrize(
        "said, response",
        [
            ("Is KI a member of InterAct?", "utter_interact_member_no_close"),
            ("Is Uppsala part of InterAct?", "utter_interact_member_no_close"),
            ("Is SU in InterAct?", "utter_interact_member_yes"),
            ("Is MDH in InterAct?", "utter_interact_member_yes"),
            ("Is Handels in InterAct?", "utter_interact_member_participant"),
            ("Is KTH in InterAct?", "utter_interact_member_host"),
            # The office named beside the one asked about is the asker, not asked about.
            (
                "Since KTH Innovation works so closely with Uppsala, is Uppsala in InterAct?",
                "utter_interact_member_no_close",
            ),
        ],
    )
    def test_the_answer_follows_the_partners_kind(self, said: str, response: str) -> None:
        messages, _ = run(ActionInteractMember(), said, "ask_interact_member", language="en")
        assert [m["response"] for m in messages] == [response]
        assert messages[0]["members"] == "Stockholm University and Mälardalen University"

    def test_it_is_the_partner_in_context(self) -> None:
        messages, slots = run(ActionInteractMember(), "är de med i InterAct?", "ask_interact_member", partner="ki")
        assert messages[0]["response"] == "utter_interact_member_no_close"
        assert messages[0]["partner_name"] == "Karolinska Institutet"
        assert slots == {"partner": "ki"}

    def test_an_organisation_that_is_no_partner_is_not_said_to_be_a_member(self) -> None:
        messages, _ = run(
            ActionInteractMember(), "Är Chalmers med i InterAct?", "ask_interact_member", partner("Chalmers")
        )
        assert [m["response"] for m in messages] == ["utter_interact_member_not_thing"]
        assert messages[0]["thing_name"] == "Chalmers"
        assert "åtta" in messages[0]["about"]  # what is known of it instead

    def test_two_names_two_answers(self) -> None:
        messages, _ = run(ActionInteractMember(), "are SU and KI in InterAct", "ask_interact_member", language="en")
        assert [m["response"] for m in messages] == ["utter_interact_member_yes", "utter_interact_member_no_close"]

    def test_no_name_and_no_context_asks_which(self) -> None:
        messages, _ = run(ActionInteractMember(), "är de med i InterAct?", "ask_interact_member")
        assert [m["response"] for m in messages] == ["utter_interact_member_which"]


@pytest.mark.usefixtures("loaded_db")
def test_partners_are_listed_by_kind() -> None:
    messages, _ = run(ActionListPartners(), "who are your partners?", "ask_partners", language="en")
    groups = {m["response"]: str(m.get("partners") or m.get("others")) for m in messages}
    assert groups["utter_partner_group_interact"] == "Stockholm University and Mälardalen University"
    assert groups["utter_partner_group_participant"] == "Stockholm School of Economics"
    assert groups["utter_partner_group_close"] == "Uppsala University and Karolinska Institutet"
    # The list is not whole without the unnamed institutes and incubators the office works with.
    assert "research institutes and incubators" in groups["utter_partner_group_others"]


@pytest.mark.usefixtures("loaded_db")
def test_a_question_for_one_group_lists_that_group_and_remembers_it() -> None:
    text = "Apart from InterAct, which other universities' innovation offices does KTH work very closely with?"
    messages, slots = run(ActionListPartners(), text, "ask_partners", language="en")
    assert [m["response"] for m in messages] == ["utter_partner_group_close", "utter_passage"]
    assert messages[0]["partners"] == "Uppsala University and Karolinska Institutet"
    assert messages[1]["source_url"].startswith("https://")  # the answer states facts: its source
    assert slots == {"partner": "uu,ki"}  # "is the second one a member?" is KI
    # Two questions, one of them about another group: the whole list.
    text += " And does the Stockholm School of Economics take part as well?"
    messages, _ = run(ActionListPartners(), text, "ask_partners", language="en")
    assert "utter_partner_group_participant" in [m["response"] for m in messages]


@pytest.mark.usefixtures("loaded_db")
def test_a_yes_no_question_about_a_named_partner_is_answered_for_it_not_with_the_list() -> None:
    text = "Does the Stockholm School of Economics also take part in the cooperation?"
    messages, slots = run(ActionListPartners(), text, "ask_partners", language="en")
    assert [m["response"] for m in messages] == ["utter_partner_cooperation_yes", "utter_partner_info"]
    assert messages[0]["partner_name"] == "Stockholm School of Economics"
    assert slots == {"partner": "hhs"}


@pytest.mark.usefixtures("loaded_db")
def test_a_place_in_a_question_about_partners_gets_the_list() -> None:
    messages, _ = run(
        ActionListPartners(), "Samarbetar innovationskontoret bara med lärosäten i Stockholm?", "ask_partners"
    )
    assert "utter_partner_group_others" in [m["response"] for m in messages]
    assert "utter_partner_unknown" not in [m["response"] for m in messages]


@pytest.mark.usefixtures("loaded_db")
def test_the_office_asking_about_cooperation_is_not_what_a_follow_up_points_back_to() -> None:
    text = "Does KTH Innovation cooperate with Uppsala University and Karolinska Institutet?"
    messages, slots = run(ActionPartnerInfo(), text, "ask_partner", language="en")
    assert [m["partner_name"] for m in messages if m["response"] == "utter_partner_info"] == [
        "Uppsala University",
        "Karolinska Institutet",
    ]
    assert slots == {"partner": "uu,ki"}


@pytest.mark.usefixtures("loaded_db")
def test_an_unknown_organisation_asked_about_with_the_office_is_answered_unknown() -> None:
    messages, _ = run(ActionPartnerInfo(), "Does KTH Innovation partner with Roslagen Medtech Park?", "ask_partner")
    assert [m["response"] for m in messages] == ["utter_partner_unknown"]
    assert messages[0]["partner_name"] == "Roslagen Medtech Park"


@pytest.mark.usefixtures("loaded_db")
class TestContacts:
    def test_whom_to_contact_names_lisa_ericsson(self) -> None:
        messages, slots = run(ActionContact(), "vem kan jag kontakta?", "ask_contact")
        assert messages[0]["response"] == "utter_contact"
        assert messages[0]["contact_name"] == "Lisa Ericsson"
        assert messages[0]["email"] == "lisaeric@kth.se"
        assert messages[0]["title"].startswith("avdelningschef för KTH Innovation")
        assert messages[1]["email"] == "innovation@kth.se"
        assert slots == {"contact": "lisa-ericsson"}

    def test_leader_and_handoff_use_their_own_wording(self) -> None:
        messages, _ = run(ActionContact(), "who leads it?", "ask_leader", language="en")
        assert [m["response"] for m in messages] == ["utter_leader"]
        assert messages[0]["title"] == "head of department of KTH Innovation and responsible for the innovation office"
        messages, _ = run(ActionContact(), "a human please", "human_handoff", language="en")
        assert messages[0]["response"] == "utter_handoff"

    def test_a_named_contact_beats_the_one_in_context(self) -> None:
        messages, slots = run(
            ActionContactEmail(),
            "Is there a general e-mail for KTH Innovation?",
            "ask_email",
            language="en",
            contact="lisa-ericsson",
        )
        assert messages[0]["email"] == "innovation@kth.se"
        assert slots == {"contact": "kth-innovation"}

    def test_her_email_follows_the_contact_in_context(self) -> None:
        messages, _ = run(ActionContactEmail(), "och hennes mejl?", "ask_email", contact="lisa-ericsson")
        assert messages[0]["email"] == "lisaeric@kth.se"
        messages, _ = run(
            ActionContactEmail(), "and their email?", "ask_email", language="en", contact="kth-innovation"
        )
        assert messages[0]["email"] == "innovation@kth.se"


@pytest.mark.usefixtures("loaded_db")
class TestPerson:
    def test_who_a_named_person_is(self) -> None:
        messages, slots = run(ActionPerson(), "Vem är Lisa Ericsson?", "ask_person")
        assert messages[0]["response"] == "utter_person"
        assert messages[0]["title"].startswith("avdelningschef för KTH Innovation")
        assert messages[0]["email"] == "lisaeric@kth.se"
        assert slots == {"contact": "lisa-ericsson"}

    def test_a_phone_number_is_not_known_and_the_email_is_given(self) -> None:
        messages, _ = run(
            ActionPerson(), "what is her phone number?", "ask_person", language="en", contact="lisa-ericsson"
        )
        assert messages[0]["response"] == "utter_person_no_phone"
        assert messages[0]["email"] == "lisaeric@kth.se"

    def test_a_first_name_with_a_typo_is_found(self) -> None:
        messages, _ = run(ActionPerson(), "vad gör Lisa Ericson?", "ask_person")
        assert messages[0]["contact_name"] == "Lisa Ericsson"

    def test_a_partner_named_in_a_question_about_a_person_is_no_stranger(self) -> None:
        messages, _ = run(ActionPerson(), "Vem är chefen på KTH?", "ask_person")
        assert messages[0]["response"] == "utter_person"
        assert messages[0]["contact_name"] == "Lisa Ericsson"

    def test_an_unknown_person_is_said_to_be_unknown(self) -> None:
        messages, slots = run(ActionPerson(), "Who is Anna Svensson?", "ask_person", language="en")
        assert messages[0]["response"] == "utter_person_unknown"
        assert messages[0]["person_name"] == "Anna Svensson"
        assert slots == {}


@pytest.mark.usefixtures("loaded_db")
class TestHistory:
    def test_one_event_per_question(self) -> None:
        messages, _ = run(ActionHistory(), "vilken proposition?", "ask_bill")
        assert "prop. 2008/09:50" in messages[0]["event_text"]
        messages, _ = run(ActionHistory(), "when did SU get its own office?", "ask_su_office", language="en")
        assert "autumn 2013" in messages[0]["event_text"]

    def test_the_timeline_lists_every_event_in_order(self) -> None:
        messages, _ = run(ActionHistory(), "history please", "ask_history", language="en")
        lines = messages[0]["timeline"].splitlines()
        assert len(lines) == 5
        assert lines[0].startswith("• 2008/09:") and lines[-1].startswith("• 2012:")


def test_a_database_that_is_down_gets_an_apology(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(db.DB_URL_VARIABLE, "postgresql://postgres@127.0.0.1:1/none")
    for action, intent in (
        (ActionPartnerInfo(), "ask_partner"),
        (ActionContact(), "ask_contact"),
        (ActionHistory(), "ask_history"),
        (ActionListPartners(), "ask_partners"),
    ):
        messages, _ = run(action, "KI?", intent, partner("KI"), language="en")
        assert [m["response"] for m in messages] == ["utter_knowledge_unavailable"]


def test_did_you_mean_offers_the_likely_topics_as_buttons() -> None:
    ranking = [
        {"name": "nlu_fallback", "confidence": 0.5},
        {"name": "ask_contact", "confidence": 0.3},
        {"name": "greet", "confidence": 0.1},
        {"name": "ask_leader", "confidence": 0.08},
    ]
    messages, _ = run(ActionDidYouMean(), "hmm, hm?", "nlu_fallback", ranking=ranking)
    buttons = messages[0]["buttons"]
    assert messages[0]["response"] == "utter_did_you_mean"
    assert buttons == [
        {"title": "Vem jag kan kontakta", "payload": "/ask_contact"},
        {"title": "Vem som leder kontoret", "payload": "/ask_leader"},
        {"title": "Inget av detta", "payload": "/human_handoff"},
    ]


@pytest.mark.usefixtures("loaded_db")
def test_a_question_a_passage_covers_is_answered_from_it_with_its_source() -> None:
    ranking = [{"name": "nlu_fallback", "confidence": 0.45}, {"name": "ask_contact", "confidence": 0.3}]
    messages, _ = run(ActionDidYouMean(), "Har Vinnova utvärderat KTH Innovation?", "nlu_fallback", ranking=ranking)
    assert [m["response"] for m in messages] == ["utter_passage"]
    assert "2015" in messages[0]["passage"] and "Vinnova" in messages[0]["passage"]
    assert messages[0]["source_url"].startswith("https://")
    messages, _ = run(ActionOutOfScope(), "do you work with incubators?", "out_of_scope", language="en")
    assert [m["response"] for m in messages] == ["utter_passage"]
    assert "incubators" in messages[0]["passage"]  # the English text of the passage


@pytest.mark.usefixtures("loaded_db")
def test_a_follow_up_is_answered_from_the_passage_of_it_and_the_question_before() -> None:
    earlier = ["Hur gick det för KTH Innovation när Vinnova utvärderade innovationskontoren?"]
    messages, slots = run(ActionPassageFollowUp(), "vilket år var det?", "explain", earlier=earlier)
    assert [m["response"] for m in messages] == ["utter_passage"]
    assert "2015" in messages[0]["passage"] and messages[0]["source_url"] == "https://campi.kth.se"
    assert "vinnova" in slots["partner"].split(",")  # "and who are they?" next
    # Nothing that answers both (the knowledge changed since the policy chose): the honest reply.
    messages, _ = run(ActionPassageFollowUp(), "vilket år var det?", "explain", earlier=["hej"])
    assert [m["response"] for m in messages] == ["utter_fallback_contact"]


@pytest.mark.usefixtures("loaded_db")
def test_out_of_scope_without_a_passage_is_said_honestly() -> None:
    messages, _ = run(ActionOutOfScope(), "what's the weather in Stockholm tomorrow?", "out_of_scope", language="en")
    assert [m["response"] for m in messages] == ["utter_out_of_scope"]


@pytest.mark.usefixtures("loaded_db")
def test_a_word_asked_in_another_language_is_declined_not_answered_from_a_passage() -> None:
    from actions.languages import asks_translation

    # "heter ... på engelska" is what the HHS passage is searched by; the word asked is nothing the office knows.
    messages, _ = run(ActionOutOfScope(), "Vad heter ekorre på engelska?", "out_of_scope")
    assert [m["response"] for m in messages] == ["utter_out_of_scope"]
    assert not asks_translation("Vad betyder lärarundantaget?")  # no language named: the office's own word


def test_did_you_mean_without_candidates_gives_the_contact() -> None:
    messages, _ = run(ActionDidYouMean(), "qwerty", "nlu_fallback", ranking=[{"name": "greet", "confidence": 0.9}])
    assert [m["response"] for m in messages] == ["utter_fallback_contact"]


def test_explain_shows_what_the_previous_message_was_understood_as() -> None:
    from actions.explain import ActionExplain

    understood = {
        "intent": {"name": "ask_partner", "confidence": 0.934},
        "entities": [{"entity": "partner", "value": "KI"}],
        "language": "sv",
    }
    events = [
        {"event": "user", "text": "och KI?", "parse_data": understood, "input_channel": "cmdline"},
        {
            "event": "user",
            "text": "/explain",
            "parse_data": {"intent": {"name": "explain"}},
            "input_channel": "cmdline",
        },
    ]
    tracker = Tracker("staff", {"language": "sv"}, {"text": "/explain"}, events, False, None, None, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionExplain().run(dispatcher, tracker, {}))
    (message,) = dispatcher.messages
    assert message["response"] == "utter_explain"
    assert (message["said"], message["intent_name"], message["confidence"]) == ("och KI?", "ask_partner", "0.93")
    assert (message["entities"], message["detected_language"]) == ("partner=KI", "sv")

    dispatcher = CollectingDispatcher()
    tracker = Tracker("staff", {}, {"text": "/explain"}, events[1:], False, None, None, "action_listen")
    asyncio.run(ActionExplain().run(dispatcher, tracker, {}))
    assert [m["response"] for m in dispatcher.messages] == ["utter_explain_nothing"]


@pytest.mark.parametrize("channel", ["rest", "socketio", "slack", None])
def test_explain_shows_nothing_outside_the_shell(channel: str | None) -> None:
    from actions.explain import ActionExplain

    secret = {"intent": {"name": "ask_contact", "confidence": 0.9}, "entities": [], "language": "sv"}
    events = [
        {"event": "user", "text": "mitt personnummer är 19800101-1234", "parse_data": secret, "input_channel": channel},
        {"event": "user", "text": "/explain", "parse_data": {"intent": {"name": "explain"}}, "input_channel": channel},
    ]
    tracker = Tracker("victim", {"language": "sv"}, {"text": "/explain"}, events, False, None, None, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionExplain().run(dispatcher, tracker, {}))
    assert [m["response"] for m in dispatcher.messages] == ["utter_explain_staff_only"]
    assert "19800101" not in str(dispatcher.messages)


# --- The week's figures for staff (actions/weekly_report.py) -------------------------------------------


def _weekly_report(channel: str | None) -> list[dict[str, Any]]:
    """The messages of the weekly figures asked for in Swedish over `channel`."""
    from actions.weekly_report import ActionWeeklyReport

    asked = {"intent": {"name": "ask_weekly_report", "confidence": 0.95}, "entities": [], "language": "sv"}
    events = [{"event": "user", "text": "hur gick veckan?", "parse_data": asked, "input_channel": channel}]
    tracker = Tracker("staff", {"language": "sv"}, asked, events, False, None, None, "action_listen")
    dispatcher = CollectingDispatcher()
    asyncio.run(ActionWeeklyReport().run(dispatcher, tracker, {"responses": domain_responses()}))
    return dispatcher.messages


def _tracker_store_endpoints(path: Path, db_file: Path) -> Path:
    path.write_text(
        "tracker_store:\n  type: addons.stores.tracker.MonitoredSQLTrackerStore\n"
        f"  dialect: sqlite\n  db: {db_file}\n",
        encoding="utf-8",
    )
    return path


def _store_conversation(store: Any, sender: str, at: float, *turns: tuple[str, str, str]) -> None:
    """One conversation of `sender` starting at `at`: each turn a Swedish question, its intent and the reply."""
    from rasa.shared.core.events import BotUttered, UserUttered
    from rasa.shared.core.trackers import DialogueStateTracker

    events: list[Any] = []
    for number, (text, intent, reply) in enumerate(turns):
        asked = at + 10 * number
        parse = {"intent": {"name": intent, "confidence": 0.9}, "intent_ranking": [{"name": intent, "confidence": 0.9}]}
        events.append(UserUttered(text, parse_data=parse, timestamp=asked))
        swedish = [{"type": "slot", "name": "language", "value": "sv"}]
        events.append(BotUttered("Svar", metadata={"utter_action": reply, "condition": swedish}, timestamp=asked + 0.2))
    asyncio.run(store.save(DialogueStateTracker.from_events(sender, events)))


@pytest.mark.parametrize("channel", ["slack", "cmdline"])
def test_staff_get_the_week_s_figures_in_slack_and_the_shell(
    channel: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from addons.stores.tracker import MonitoredSQLTrackerStore

    db_file = tmp_path / "tracker.db"
    store = MonitoredSQLTrackerStore(dialect="sqlite", db=str(db_file), retention_days=0)
    now = time.time()
    _store_conversation(
        store,
        "slack:U1",
        now - 3600,
        ("Vem leder kontoret?", "ask_leader", "utter_leader"),
        ("Var kan jag parkera?", "out_of_scope", "utter_out_of_scope"),
    )
    _store_conversation(store, "rest:visitor", now - 2 * 86400, ("Vad är InterAct?", "ask_interact", "utter_interact"))
    _store_conversation(store, "rest:old", now - 10 * 86400, ("Gammal fråga", "out_of_scope", "utter_out_of_scope"))
    store.engine.dispose()
    monkeypatch.setenv("ENDPOINTS_FILE", str(_tracker_store_endpoints(tmp_path / "endpoints.yml", db_file)))

    (message,) = _weekly_report(channel)
    assert message["response"] == "utter_weekly_report"
    # The last seven days only: the conversation ten days ago is not counted.
    assert (message["conversations"], message["messages"], message["languages"]) == (2, 3, "sv: 2")
    assert message["containment"] == "50 %"  # one of the two went out of scope
    assert (message["up"], message["down"]) == (0, 0)
    assert message["p50"] == "200 ms"
    assert "“Var kan jag parkera?” (sv, 1×)" in message["unanswered"]
    assert "Gammal fråga" not in message["unanswered"]


@pytest.mark.parametrize("channel", ["rest", "socketio", None])
def test_visitors_outside_slack_and_the_shell_get_a_polite_no(channel: str | None) -> None:
    assert [m["response"] for m in _weekly_report(channel)] == ["utter_weekly_report_staff_only"]


def test_the_week_s_figures_are_not_available_when_the_store_cannot_be_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unreadable = tmp_path / "no-such-directory" / "tracker.db"
    monkeypatch.setenv("ENDPOINTS_FILE", str(_tracker_store_endpoints(tmp_path / "endpoints.yml", unreadable)))
    assert [m["response"] for m in _weekly_report("slack")] == ["utter_weekly_report_unavailable"]


@pytest.mark.usefixtures("loaded_db")
def test_working_together_said_in_a_scene_clause_is_not_what_is_asked() -> None:
    text = "Since Handels is in the cooperation, is the innovation office hosted at the Stockholm School of Economics?"
    entities = [{"entity": "partner", "value": "Stockholm School of Economics"}]
    messages, _ = run(ActionPartnerInfo(), text, "ask_partner", entities=entities, language="en")
    assert [m["response"] for m in messages] == ["utter_partner_info"]  # no "Yes, ... works with"
