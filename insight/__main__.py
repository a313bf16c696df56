"""Staff reports from the tracker store.

    .venv/bin/python -m insight report  [--from 2026-11-01] [--to 2026-11-30] [--out reports/conversations.html]
    .venv/bin/python -m insight suggest [--from ...] [--to ...] [--out reports/suggestions.yml]

Reads the tracker store the endpoints file names (ENDPOINTS_FILE, else endpoints.yml;
production: ENDPOINTS_FILE=endpoints.production.yml with TRACKER_STORE_URL set). The
period is whole days in UTC, both ends included; without them, everything stored.
"""

from __future__ import annotations

import argparse
import sys
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Optional, Sequence

from actions.paths import PROJECT_ROOT
from insight import page, suggestions
from insight.figures import figures_for

REPORTS = PROJECT_ROOT / "reports"
OUTPUTS = {"report": REPORTS / "conversations.html", "suggest": REPORTS / "suggestions.yml"}


def day(text: str) -> datetime:
    try:
        return datetime.strptime(text, "%Y-%m-%d").replace(tzinfo=timezone.utc)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a day (YYYY-MM-DD): {text!r}") from None


def main(argv: Optional[Sequence[str]] = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=sorted(OUTPUTS))
    parser.add_argument("--from", dest="start", type=day, help="first day (UTC), YYYY-MM-DD")
    parser.add_argument("--to", dest="end", type=day, help="last day (UTC), YYYY-MM-DD, included")
    parser.add_argument(
        "--out", type=Path, help="where to write (default reports/conversations.html or suggestions.yml)"
    )
    parser.add_argument(
        "--endpoints", type=Path, help="the endpoints file (default ENDPOINTS_FILE, else endpoints.yml)"
    )
    args = parser.parse_args(argv)
    if args.start and args.end and args.end < args.start:
        parser.error("--to is before --from")
    start = args.start.timestamp() if args.start else None
    end = (args.end + timedelta(days=1)).timestamp() if args.end else None
    began = time.perf_counter()
    figures = figures_for(args.endpoints, start, end)
    out: Path = args.out or OUTPUTS[args.command]
    out.parent.mkdir(parents=True, exist_ok=True)
    renderer = page.render if args.command == "report" else suggestions.render
    out.write_text(renderer(figures), encoding="utf-8")
    print(
        f"{out}: {figures.conversations} conversations, {figures.messages} messages, "
        f"{len(figures.unanswered)} unanswered groups ({time.perf_counter() - began:.1f} s)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
