"""Rasa-side additions of this project, by kind: channels, NLU components, policies, stores.

`addons.server` starts Rasa with the project's one change to Rasa itself installed
(addons/action_response_validation.py); importing this package changes nothing.
"""
