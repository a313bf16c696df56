"""The linters `make lint` runs catch what they are there for: a broken line fails them."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from actions.paths import PROJECT_ROOT
from harness.processes import BIN


def _run(command: list[str], cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=120)


def test_ruff_fails_on_a_broken_line_and_passes_the_project(tmp_path: Path) -> None:
    shutil.copy(PROJECT_ROOT / "pyproject.toml", tmp_path)
    (tmp_path / "broken.py").write_text("import os\n\n\ndef answer():\n    return undefined_name\n")
    checked = _run([str(BIN / "ruff"), "check", "."], tmp_path)
    assert checked.returncode == 1 and "F401" in checked.stdout and "F821" in checked.stdout, checked.stdout
    (tmp_path / "broken.py").write_text("def answer( ):\n    return {'a':1}\n")
    assert _run([str(BIN / "ruff"), "format", "--check", "."], tmp_path).returncode == 1
    assert _run([str(BIN / "ruff"), "check", "."], PROJECT_ROOT).returncode == 0


def test_eslint_fails_on_a_broken_widget(tmp_path: Path) -> None:
    widget = tmp_path / "web" / "widget"
    widget.mkdir(parents=True)
    shutil.copy(PROJECT_ROOT / "eslint.config.js", tmp_path)
    (tmp_path / "node_modules").symlink_to(PROJECT_ROOT / "node_modules")
    source = (PROJECT_ROOT / "web" / "widget" / "kth-assistant.js").read_text(encoding="utf-8")
    (widget / "kth-assistant.js").write_text(source, encoding="utf-8")
    eslint = [str(PROJECT_ROOT / "node_modules" / ".bin" / "eslint"), "web/widget"]
    assert _run(eslint, tmp_path).returncode == 0
    (widget / "kth-assistant.js").write_text(
        source.replace("var socket = null;", "var socket = nul;"), encoding="utf-8"
    )
    failed = _run(eslint, tmp_path)
    assert failed.returncode == 1 and "no-undef" in failed.stdout, failed.stdout


def test_mypy_fails_on_a_type_error(tmp_path: Path) -> None:
    (tmp_path / "broken.py").write_text('def answer() -> int:\n    return "forty-two"\n')
    config = str(PROJECT_ROOT / "pyproject.toml")
    checked = _run([str(BIN / "mypy"), "--config-file", config, str(tmp_path / "broken.py")], tmp_path)
    assert checked.returncode == 1 and "Incompatible return value type" in checked.stdout, checked.stdout
