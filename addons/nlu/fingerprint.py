"""Retraining when a trainable component's own code changes.

Rasa's training cache keys a component by its class name, configuration and
inputs, so an edited custom component would be restored from the cache with
what the old code learnt. Trainable components of this project add the hash of
their module's source to that key.
"""

from __future__ import annotations

import hashlib
import inspect
from typing import Any, Dict, Optional, Text


def source_fingerprint(cls: type) -> str:
    """The SHA-256 of the source file that defines `cls`."""
    module = inspect.getmodule(cls)
    if module is None:
        raise ValueError(f"{cls!r} has no module to read")
    return hashlib.sha256(inspect.getsource(module).encode("utf-8")).hexdigest()


class RetrainedWhenEdited:
    """Put first among a trainable component's bases: its module's source joins Rasa's cache key."""

    @classmethod
    def fingerprint_addon(cls, config: Dict[Text, Any]) -> Optional[str]:
        return source_fingerprint(cls)
