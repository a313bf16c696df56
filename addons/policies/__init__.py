"""The dialogue policies of config.yml besides Rasa's: the reply language and failed actions."""
