"""Links to where a fact comes from (actions/sources.py)."""

from __future__ import annotations

import pytest

from actions import loader
from actions.models import Contact, HistoryEvent, Partner
from actions.sources import source_link


@pytest.mark.parametrize(
    "source, link",
    [
        (
            "https://www.kth.se/om/innovation/om/innovationskontoret-1.581100; su.se",
            "https://www.kth.se/om/innovation/om/innovationskontoret-1.581100",
        ),
        ("regeringen.se press release 2021-12; mdu.se", "https://regeringen.se"),
        (
            'kth.se blog "KTH Innovation supports the work of transforming research into innovations", 2024',
            "https://kth.se",
        ),
        ("", ""),
    ],
)
def test_the_first_source_becomes_a_link(source: str, link: str) -> None:
    assert source_link(source) == link


def test_every_record_of_the_knowledge_has_a_link() -> None:
    knowledge = loader.read_knowledge()
    records: list[Partner | Contact | HistoryEvent] = [*knowledge.partners, *knowledge.contacts, *knowledge.events]
    for record in records:
        assert source_link(record.source).startswith("https://"), record.key
