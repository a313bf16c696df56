#!/usr/bin/env bash
# Starts the action server and the Rasa server in the foreground; Ctrl-C stops both.
# Usage: scripts/serve.sh [run|shell]
set -euo pipefail
cd "$(dirname "$0")/.."
# No usage data or crash reports leave the machine (Rasa sends both by default).
export RASA_TELEMETRY_ENABLED="${RASA_TELEMETRY_ENABLED:-false}"
mode="${1:-run}"
# Rasa's command line with the project's change to Rasa installed (addons/server.py).
RASA=(.venv/bin/python -m addons.server)
ACTION_PORT="${ACTION_PORT:-5055}"
RASA_PORT="${RASA_PORT:-5005}"
WEB_PORT="${WEB_PORT:-8000}"
# Every server listens on this machine only, unless RASA_INTERFACE / ACTION_INTERFACE say otherwise.
RASA_INTERFACE="${RASA_INTERFACE:-127.0.0.1}"
export SANIC_HOST="${ACTION_INTERFACE:-127.0.0.1}"  # the action server's (rasa-sdk reads SANIC_HOST)

# endpoints.yml, with the action server on ACTION_PORT (scripts/endpoints.py, as the tests derive theirs).
mkdir -p var
.venv/bin/python -m scripts.endpoints --action-url "http://localhost:${ACTION_PORT}/webhook" > var/endpoints.run.yml

pids=()
stop() {
  trap - INT TERM EXIT
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
}
trap stop INT TERM EXIT

.venv/bin/rasa run actions --actions actions --port "$ACTION_PORT" &
pids+=($!)

if [ "$mode" = shell ]; then
  # The shell is the terminal's own; it ends when the staff member types /stop.
  "${RASA[@]}" shell --model models/current.tar.gz --endpoints var/endpoints.run.yml --port "$RASA_PORT" \
    --interface "$RASA_INTERFACE"
else
  "${RASA[@]}" run --model models/current.tar.gz --port "$RASA_PORT" --interface "$RASA_INTERFACE" \
    --endpoints var/endpoints.run.yml --credentials credentials.yml --cors "*" &
  pids+=($!)
  # The demo pages of the office (Swedish at /, English at /en/) with the chat widget.
  .venv/bin/python -m http.server "$WEB_PORT" --bind 127.0.0.1 --directory web >/dev/null 2>&1 &
  pids+=($!)
  echo "Starting: REST at http://localhost:$RASA_PORT/webhooks/rest/webhook, demo pages at http://localhost:$WEB_PORT/ (Ctrl-C stops)"
  wait -n "${pids[@]}"
fi
