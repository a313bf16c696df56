"""The ways people reach the assistant: the widget (socket.io), REST, Slack, and the health check."""
