"""The NLU components of config.yml's pipeline: language, intents, knowledge names and questions, passages."""
