"""Personal data: masked before it is stored, kept no longer than the retention period, exported or
erased on request; on SQLite and on the machine's PostgreSQL, and through the running servers."""

from __future__ import annotations

import asyncio
import json
import time
import uuid
from pathlib import Path
from typing import Iterator

import pytest
from rasa.shared.core.events import BotUttered, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker

from addons.masking import EMAIL, PERSONAL_ID, PHONE, mask
from addons.stores.tracker import MonitoredSQLTrackerStore
from harness.postgres import fresh_postgres_database
from scripts import conversations

PERSONAL = (
    "Hej, jag heter Anna (anna.svensson@example.se, 070-123 45 67, personnummer 19900101-1234). "
    "Vem kan jag kontakta om min idé?"
)
SECRETS = ("anna.svensson@example.se", "070-123 45 67", "19900101-1234", "1234")


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mejla anna.svensson@example.se", f"mejla {EMAIL}"),
        ("ring 08-790 60 00 eller +46 70 123 45 67", f"ring {PHONE} eller {PHONE}"),
        ("pnr 900101-1234 och 199001011234", f"pnr {PERSONAL_ID} och {PERSONAL_ID}"),
        # The office's facts are no personal data: years, bills, decisions, amounts, the law.
        ("prop. 2008/09:50, U2009/973/UH, 300 000 kronor, 2012, lag 1949:345", None),
        ("Vem leder innovationskontoret?", None),
    ],
)
def test_what_is_masked(text: str, expected: str | None) -> None:
    assert mask(text) == (expected if expected is not None else text)


@pytest.fixture(params=["sqlite", "postgresql"])
def tracker_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'tracker.db'}"
    else:
        with fresh_postgres_database() as url:
            yield url


def store_for(url: str, **settings: float) -> MonitoredSQLTrackerStore:
    dialect = "sqlite" if url.startswith("sqlite") else "postgresql"
    if dialect == "sqlite":
        return MonitoredSQLTrackerStore(dialect="sqlite", db=url.removeprefix("sqlite:///"), **settings)
    return MonitoredSQLTrackerStore(dialect="postgresql", host=url, **settings)


def conversation(sender: str, text: str, at: float | None = None) -> DialogueStateTracker:
    at = at or time.time()
    return DialogueStateTracker.from_events(
        sender,
        [
            UserUttered(
                text, parse_data={"text": text, "intent": {"name": "ask_leader", "confidence": 0.9}}, timestamp=at
            ),
            BotUttered("Arbetet leds av KTH Innovation.", timestamp=at + 1),
        ],
    )


def test_personal_data_is_masked_in_the_store_not_in_the_turn(tracker_url: str) -> None:
    store = store_for(tracker_url, retention_days=0)
    tracker = conversation("rest:masked", PERSONAL)
    asyncio.run(store.save(tracker))
    assert tracker.latest_message.text == PERSONAL  # the turn itself was understood as written
    stored = json.dumps(store.export("rest:masked"), ensure_ascii=False)
    assert not any(secret in stored for secret in SECRETS), stored
    assert EMAIL in stored and PHONE in stored and PERSONAL_ID in stored and "Vem kan jag kontakta" in stored


def test_conversations_older_than_the_retention_period_disappear_by_themselves(tracker_url: str) -> None:
    store = store_for(tracker_url, retention_days=0)
    asyncio.run(store.save(conversation("rest:old", "hej", at=time.time() - 60)))
    asyncio.run(store.save(conversation("rest:new", "hej")))
    # A running store keeping conversations for 8 seconds, checking every 0.2 s: nobody calls anything.
    running = store_for(tracker_url, retention_days=8 / 86400, purge_interval=0.2)

    def gone(sender: str, within: float) -> bool:
        deadline = time.time() + within
        while store.export(sender) and time.time() < deadline:
            time.sleep(0.1)
        return store.export(sender) == []

    try:
        assert gone("rest:old", within=5)
        assert [event["event"] for event in store.export("rest:new")] == ["user", "bot"]  # still in its period
        assert gone("rest:new", within=15)  # and gone once the period has passed
    finally:
        running.stop()


def test_one_conversation_or_one_slack_member_is_exported_and_erased(
    tracker_url: str, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    store = store_for(tracker_url, retention_days=0)
    member = f"U{uuid.uuid4().hex[:6].upper()}"
    for sender in (f"slack:{member}", f"slack:{member}_C1", f"slack:{member}7", "rest:other"):
        asyncio.run(store.save(conversation(sender, f"hej från {sender}")))
    endpoints = tmp_path / "endpoints.yml"
    dialect = "sqlite" if tracker_url.startswith("sqlite") else "postgresql"
    place = f'db: "{tracker_url.removeprefix("sqlite:///")}"' if dialect == "sqlite" else f'url: "{tracker_url}"'
    endpoints.write_text(
        f"tracker_store:\n  type: addons.stores.tracker.MonitoredSQLTrackerStore\n" f"  dialect: {dialect}\n  {place}\n"
    )

    assert conversations.main(["export", "--slack-user", member, "--endpoints", str(endpoints)]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert sorted(exported) == [f"slack:{member}", f"slack:{member}_C1"]  # never another member's
    assert exported[f"slack:{member}"][0]["text"] == f"hej från slack:{member}"

    assert conversations.main(["erase", "--slack-user", member, "--endpoints", str(endpoints)]) == 0
    assert "Erased 2 conversation(s), 4 events." in capsys.readouterr().out
    assert store.export(f"slack:{member}") == [] and store.export(f"slack:{member}_C1") == []
    assert store.export(f"slack:{member}7") != [] and store.export("rest:other") != []

    # One conversation by its stored id, as a visitor's request names it.
    assert conversations.main(["export", "rest:other", "--endpoints", str(endpoints)]) == 0
    assert json.loads(capsys.readouterr().out)["rest:other"][0]["text"] == "hej från rest:other"
    assert conversations.main(["erase", "rest:other", "--endpoints", str(endpoints)]) == 0
    assert store.export("rest:other") == [] and store.export(f"slack:{member}7") != []


def test_a_database_call_cannot_wait_for_ever() -> None:
    """PostgreSQL connections give up after 5 s and statements after 10 s; SQLite waits 5 s for a lock."""
    from addons.stores.tracker import _with_timeouts

    postgres = _with_timeouts("postgresql://nobody@db.example.org/conversations", {})["connect_args"]
    assert postgres == {"connect_timeout": 5, "options": "-c statement_timeout=10000"}
    assert _with_timeouts("sqlite:///var/tracker.db", {})["connect_args"] == {"timeout": 5.0}


def test_a_message_with_personal_data_is_answered_and_neither_stored_nor_logged(assistant) -> None:
    sender = f"privacy-{uuid.uuid4().hex[:8]}"
    replies = assistant.say(sender, PERSONAL)
    assert any("@kth.se" in (reply.get("text") or "") for reply in replies), replies  # the contact
    stored = json.dumps(assistant.stored_events(f"rest:{sender}", "user"), ensure_ascii=False)
    assert "Vem kan jag kontakta om min idé?" in stored
    assert not any(secret in stored for secret in SECRETS), stored
    logs = "".join(path.read_text(errors="replace") for path in assistant.workdir.glob("*.log"))
    assert not any(secret in logs for secret in SECRETS)


def test_a_hung_database_holds_neither_the_event_loop_nor_the_turn_for_long(tmp_path: Path) -> None:
    """A PostgreSQL that accepts connections and never answers: the store gives up in bounded time and
    the event loop goes on serving (a ticker keeps ticking meanwhile)."""
    import socket

    import sqlalchemy as sa

    from addons.stores import tracker as tracker_store

    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(16)  # accepts, never answers
    store = store_for(f"sqlite:///{tmp_path / 'tracker.db'}", retention_days=0)
    url = f"postgresql://nobody@127.0.0.1:{silent.getsockname()[1]}/hung"
    store.engine = sa.create_engine(url, **tracker_store._with_timeouts(url, {}))
    store.sessionmaker = sa.orm.session.sessionmaker(bind=store.engine)

    async def scenario() -> tuple[float, int, BaseException | None]:
        ticks = 0

        async def ticker() -> None:
            nonlocal ticks
            while True:
                await asyncio.sleep(0.1)
                ticks += 1

        running = asyncio.create_task(ticker())
        started = time.monotonic()
        failure: BaseException | None = None
        try:
            await store.retrieve("rest:someone")
        except BaseException as error:  # noqa: BLE001 - whatever the driver raises
            failure = error
        running.cancel()
        return time.monotonic() - started, ticks, failure

    try:
        took, ticks, failure = asyncio.run(scenario())
    finally:
        silent.close()
    assert failure is not None and took <= tracker_store.OPERATION_TIMEOUT + 2
    assert ticks >= int(took / 0.1) - 5  # the loop served others all along
    assert not store.health.ok  # and the failure is on record for the health check


def test_feedback_goes_with_its_conversation_when_it_is_erased(tracker_url: str) -> None:
    from rasa.shared.core.events import SlotSet

    store = store_for(tracker_url, retention_days=0)
    sender = f"web:{uuid.uuid4().hex}"
    tracker = conversation(sender, "Vem leder kontoret?")
    tracker.update(SlotSet("feedback", {"rating": "down", "answer": time.time(), "comment": "ring <phone>"}))
    asyncio.run(store.save(tracker))
    assert "slot" in [event["event"] for event in store.export(sender)]
    assert store.erase(sender) == 3 and store.export(sender) == []
