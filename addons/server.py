"""Rasa's command line with this project's change to Rasa installed first.

Every Rasa server of the project starts through it (scripts/serve.sh, scripts/serve_production.sh,
harness/processes.py): `python -m addons.server run …` takes the arguments of `rasa run` and `rasa shell`.
The change is installed here, where the server starts, not as a side effect of importing a module.
"""

from __future__ import annotations

from addons import action_response_validation


def main() -> None:
    action_response_validation.install()
    from rasa.__main__ import main as rasa_main  # Rasa's own entry point reads sys.argv

    rasa_main()


if __name__ == "__main__":
    main()
