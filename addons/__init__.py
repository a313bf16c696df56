"""Rasa-side additions of this project: channels, NLU components, policies, stores.

Importing the package makes Rasa check action-server answers without re-checking
its own schema on every call (see action_response_validation).
"""

from addons import action_response_validation

action_response_validation.install()
