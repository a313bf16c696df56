"""Staff requests about one person's conversations: export them, or erase them.

    .venv/bin/python -m scripts.conversations export rest:visitor-42
    .venv/bin/python -m scripts.conversations erase --slack-user U0123ABC
    .venv/bin/python -m scripts.conversations export web:<session> --endpoints endpoints.production.yml

Works on the tracker store the endpoints file names (SQLite by default, PostgreSQL in
production; `${VAR}`s are read from the environment as by Rasa). A conversation is
named by its id as stored (`rest:…`, `web:…`, `slack:…`); `--slack-user` takes every
conversation of one Slack member. Export writes JSON (one object per conversation, its
events oldest first, personal data already masked) to standard output; erase deletes
and says how many events went.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Sequence

from rasa.utils.endpoints import read_endpoint_config

from addons.conversation_ids import conversation_id
from addons.tracker_store import MonitoredSQLTrackerStore

DEFAULT_ENDPOINTS = Path(__file__).resolve().parent.parent / "endpoints.yml"


def open_store(endpoints: Path) -> MonitoredSQLTrackerStore:
    """The endpoints file's tracker store, without its retention thread (this process only reads or erases)."""
    config = read_endpoint_config(str(endpoints), "tracker_store")
    if config is None:
        raise SystemExit(f"{endpoints} names no tracker store")
    settings = {key: value for key, value in config.kwargs.items() if key not in ("retention_days", "purge_interval")}
    return MonitoredSQLTrackerStore(host=config.url, retention_days=0, **settings)


def slack_conversations(store: MonitoredSQLTrackerStore, user: str) -> list[str]:
    """A Slack member's conversations: "slack:U1", or per channel or thread "slack:U1_C1[_T1]" (Rasa's
    conversation granularity), never another member's whose id starts alike ("slack:U12")."""
    own = conversation_id("slack", user)
    return [sender for sender in store.senders(own) if sender == own or sender.startswith(own + "_")]


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["export", "erase"])
    parser.add_argument("conversation", nargs="?", help="a conversation id as stored, e.g. rest:visitor-42")
    parser.add_argument("--slack-user", help="every conversation of this Slack member id")
    parser.add_argument("--endpoints", type=Path, default=DEFAULT_ENDPOINTS)
    args = parser.parse_args(argv)
    if bool(args.conversation) == bool(args.slack_user):
        parser.error("name one conversation or one --slack-user")
    store = open_store(args.endpoints)
    senders = slack_conversations(store, args.slack_user) if args.slack_user else [args.conversation]
    if args.command == "export":
        json.dump({sender: store.export(sender) for sender in senders}, sys.stdout, ensure_ascii=False, indent=2)
        print()
    else:
        erased = sum(store.erase(sender) for sender in senders)
        print(f"Erased {len(senders)} conversation(s), {erased} events.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
