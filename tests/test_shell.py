"""`make shell` driven as a staff member would: type questions, read the answers."""

from __future__ import annotations

import os
import re

import pexpect
import pytest

from actions.paths import PROJECT_ROOT
from harness.processes import free_port

pytestmark = pytest.mark.e2e
PROMPT = "Your input ->"
ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]")


@pytest.fixture
def shell() -> pexpect.spawn:
    env = {**os.environ, "ACTION_PORT": str(free_port()), "RASA_PORT": str(free_port()), "TERM": "dumb"}
    child = pexpect.spawn(
        "make",
        ["--no-print-directory", "shell"],
        cwd=PROJECT_ROOT,
        env=env,
        encoding="utf-8",
        timeout=300,
        dimensions=(50, 200),
    )
    try:
        child.expect(PROMPT)
        yield child
    finally:
        child.terminate(force=True)


def ask(shell: pexpect.spawn, text: str, expected: str) -> str:
    shell.sendline(text)
    shell.expect(re.escape(expected), timeout=120)
    shell.expect(PROMPT)
    return ANSI.sub("", shell.before)


def test_staff_ask_in_swedish_and_english_and_see_what_was_understood(shell: pexpect.spawn) -> None:
    ask(shell, "Vem kan jag kontakta?", "Kontakta Lisa Ericsson")
    ask(shell, "Who leads the innovation office?", "The work is led by KTH Innovation")
    ask(shell, "/explain", "intent ask_leader (confidence")
    ask(shell, "Vad är InterAct?", "InterAct")
    ask(shell, "vad förstod du?", "avsikt ask_interact (säkerhet")  # asked in words, not only /explain
    ask(shell, "svara på svenska", "Okej, jag svarar på svenska.")
    shell.sendline("/stop")
    shell.expect(pexpect.EOF, timeout=60)
