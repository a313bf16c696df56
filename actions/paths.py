"""Where the project is: the one definition every module that reads the project's files starts from."""

from __future__ import annotations

from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
