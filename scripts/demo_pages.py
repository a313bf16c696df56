"""The office's demo pages with the chat widget (web/index.html, web/en/index.html), rendered from
web/pages/ with the contact of the knowledge database, so that they name who the answers name.

Run by `make web` (and so by `make run`, after `make knowledge`); the rendered pages are not versioned.
"""

from __future__ import annotations

import html
from pathlib import Path
from string import Template

from actions.office_contact import OfficeContact, office_contact
from actions.paths import PROJECT_ROOT

WEB = PROJECT_ROOT / "web"
TEMPLATES = WEB / "pages"
PAGES = ("index.html", "en/index.html")


def render(contact: OfficeContact, target: Path = WEB) -> list[Path]:
    """Writes every page with $leader_name, $leader_email and $office_email filled in; returns their paths."""
    values = {name: html.escape(value) for name, value in contact.variables().items()}
    written = []
    for page in PAGES:
        path = target / page
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(Template((TEMPLATES / page).read_text(encoding="utf-8")).substitute(values), encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    for path in render(office_contact()):
        print(f"wrote {path.relative_to(PROJECT_ROOT)}")


if __name__ == "__main__":
    main()
