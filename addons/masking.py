"""Personal data masked out of what visitors type before it is stored or logged.

E-mail addresses, phone numbers and Swedish personal identity numbers
(personnummer, samordningsnummer) are replaced by a placeholder in every user
event the tracker store writes (addons/stores/tracker.py). The message is
understood and answered before it is stored, so the visitor still gets the
answer; what stays on disk, in exports and in staff reports is the masked text.
"""

from __future__ import annotations

import re
from typing import Any

EMAIL = "<e-mail>"
PHONE = "<phone>"
PERSONAL_ID = "<personal-id>"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
# YYMMDD-NNNN or YYYYMMDDNNNN, with "-", "+" or nothing before the last four digits.
_PERSONAL_ID = re.compile(r"(?<![\d/])(?:19|20)?\d{2}[01]\d[0-9]\d[-+ ]?\d{4}(?![\d/])")
# A Swedish or international number: starts with 0 or +, then groups of digits with spaces or
# dashes; amounts ("300 000") and years ("2008/09", "U2009/973/UH") do not start so.
_PHONE = re.compile(r"(?<![\w/])(?:\+\d{1,3}[\s-]?\(?0?\)?|0)\d{1,4}(?:[\s-]?\d{2,4}){1,4}(?![\w/])")
MIN_PHONE_DIGITS = 7


def _phone(match: re.Match) -> str:
    digits = sum(character.isdigit() for character in match.group())
    return PHONE if digits >= MIN_PHONE_DIGITS else match.group()


def mask(text: str) -> str:
    """`text` with e-mail addresses, personal identity numbers and phone numbers replaced."""
    text = _EMAIL.sub(EMAIL, text)
    text = _PERSONAL_ID.sub(PERSONAL_ID, text)
    return _PHONE.sub(_phone, text)


def masked(value: Any) -> Any:
    """Every text in a JSON-like value masked (a user event's text, parse data, entities, metadata)."""
    if isinstance(value, str):
        return mask(value)
    if isinstance(value, list):
        return [masked(item) for item in value]
    if isinstance(value, dict):
        return {key: masked(item) for key, item in value.items()}
    return value
