"""Editing a copy of the knowledge files, as staff edit the real ones."""

from __future__ import annotations

from pathlib import Path


def replace_in(path: Path, old: str, new: str) -> None:
    """Replaces the first `old` in the file; fails if the file has none (the edit would test nothing)."""
    content = path.read_text(encoding="utf-8")
    assert old in content, f"{old!r} not in {path.name}"
    path.write_text(content.replace(old, new, 1), encoding="utf-8")
