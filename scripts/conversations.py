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

from addons.channels.conversation_ids import conversation_id
from addons.stores.tracker import MonitoredSQLTrackerStore, store_from_endpoints


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
    parser.add_argument(
        "--endpoints",
        type=Path,
        default=None,
        help="the endpoints file naming the tracker store (default: ENDPOINTS_FILE, else endpoints.yml)",
    )
    args = parser.parse_args(argv)
    if bool(args.conversation) == bool(args.slack_user):
        parser.error("name one conversation or one --slack-user")
    store = store_from_endpoints(args.endpoints)
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
