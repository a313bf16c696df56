#!/usr/bin/env bash
# One production process per call, configured from the environment (README, "Running in production").
# Usage: scripts/serve_production.sh rasa|actions
set -euo pipefail
cd "$(dirname "$0")/.."
# No usage data or crash reports leave the machine (Rasa sends both by default).
export RASA_TELEMETRY_ENABLED="${RASA_TELEMETRY_ENABLED:-false}"

need() {
  for name in "$@"; do
    [ -n "${!name-}" ] || { echo "serve_production.sh: $name is not set (see README, Running in production)" >&2; exit 2; }
  done
}

case "${1:-}" in
  rasa)
    # The knowledge database gives the office's contact in responses (addons/nlg.py).
    need RASA_AUTH_TOKEN ACTION_ENDPOINT_URL TRACKER_STORE_URL REDIS_HOST KNOWLEDGE_DB_URL
    export REDIS_PORT="${REDIS_PORT:-6379}" REDIS_DB="${REDIS_DB:-0}" REDIS_PASSWORD="${REDIS_PASSWORD:-}"
    export REDIS_KEY_PREFIX="${REDIS_KEY_PREFIX:-kthassistant}"
    # REST is for trusted callers only: off unless a token is given (README, "Security and privacy").
    if [ -z "${REST_TOKEN:-}" ]; then export REST_CHANNEL=off; fi
    # How long conversations are kept, in days (the office's retention rule).
    export RETENTION_DAYS="${RETENTION_DAYS:-30}"
    # How long a conversation's lock lives: longer than the longest a message may take (the store's
    # two calls, 10 s each at most, an action call, 14 s at most through nginx, and the NLU), so that no
    # two messages of one conversation are handled at once; also how long a replica that died
    # mid-message holds the conversation up (Rasa's default: 60 s).
    export TICKET_LOCK_LIFETIME="${TICKET_LOCK_LIFETIME:-40}"
    # The HTTP API (conversations, model) is on, and only with the token. `python -m addons.server` is
    # Rasa's command line with the project's change to Rasa installed (addons/server.py).
    exec .venv/bin/python -m addons.server run --model "${RASA_MODEL:-models/current.tar.gz}" \
      --interface "${RASA_INTERFACE:-127.0.0.1}" --port "${RASA_PORT:-5005}" \
      --endpoints endpoints.production.yml --credentials credentials.yml \
      --enable-api --auth-token "$RASA_AUTH_TOKEN" --cors "${RASA_CORS:-*}"
    ;;
  actions)
    need KNOWLEDGE_DB_URL
    # rasa-sdk listens where SANIC_HOST says; loopback unless the operator names a private address.
    export SANIC_HOST="${ACTION_INTERFACE:-127.0.0.1}"
    # The weekly figures for staff in Slack read the same tracker store as Rasa (README, Configuration).
    export ENDPOINTS_FILE="${ENDPOINTS_FILE:-endpoints.production.yml}"
    exec .venv/bin/rasa run actions --actions actions --port "${ACTION_PORT:-5055}"
    ;;
  *)
    echo "usage: $0 rasa|actions" >&2
    exit 2
    ;;
esac
