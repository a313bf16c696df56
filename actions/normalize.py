"""Text normalisation shared by the knowledge loader and the look-ups."""

from __future__ import annotations

import re

_NON_WORD = re.compile(r"[^\w]+", re.UNICODE)


def normalize_name(text: str) -> str:
    """Lower-case, keep letters and digits, fold runs of anything else to one space."""
    return _NON_WORD.sub(" ", text.casefold()).strip()
