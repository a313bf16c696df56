# Two commands do all the set-up on a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
# No usage data or crash reports leave the machine (Rasa sends both by default).
export RASA_TELEMETRY_ENABLED ?= false
.DEFAULT_GOAL := help

# Rasa 3.6 needs Python 3.10 (it refuses 3.11); pyenv's is used when there is one.
PYTHON ?= $(firstword $(wildcard $(shell pyenv root 2>/dev/null)/versions/3.10.*/bin/python3.10) $(shell command -v python3.10 2>/dev/null))
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat requirements.txt constraints.txt | md5sum | cut -c1-12)
MODEL := models/current.tar.gz
NLU_DATA := $(shell find data -name '*.yml')

NODE_STAMP := node_modules/.package-lock.json
WIDGET_VENDOR := web/widget/vendor/socket.io.min.js

.PHONY: help install lint web widget chromium nginx knowledge train run shell validate test test-stories test-python test-scale bench bench-report report suggest clean

help:
	@echo "make run    - install, load the knowledge, train if needed, start the assistant"
	@echo "              (REST/socket.io on http://localhost:5005, demo pages with the widget on http://localhost:8000)"
	@echo "make shell  - the same assistant in the terminal"
	@echo "make test   - every test (lint, data validation, test stories, pytest incl. end-to-end, make test-scale)"
	@echo "make lint   - ruff (lint and format check) and mypy on the Python code, ESLint on the widget"
	@echo "make test-scale - two Rasa replicas behind nginx on PostgreSQL and Redis"
	@echo "make bench  - quality, speed and cost beside two baselines (reports/benchmark.md)"
	@echo "make report [FROM=YYYY-MM-DD] [TO=YYYY-MM-DD] - what visitors asked (reports/conversations.html)"
	@echo "make suggest [FROM=…] [TO=…] - unanswered questions as candidate training examples (reports/suggestions.yml)"

$(STAMP): requirements.txt constraints.txt
	@test -n "$(PYTHON)" || { echo "Python 3.10 is needed (Rasa 3.6 refuses 3.11). Install it (e.g. pyenv install 3.10) or pass PYTHON=/path/to/python3.10." >&2; exit 1; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet "wheel==0.45.1"
	$(BIN)/pip install --quiet -r requirements.txt -c constraints.txt
	# Off in Rasa's own configuration too, not only where RASA_TELEMETRY_ENABLED is set.
	RASA_TELEMETRY_ENABLED=false $(BIN)/rasa telemetry disable >/dev/null
	touch $@

install: $(STAMP)

# The linters: ruff from requirements-lint.txt (pinned), ESLint from package-lock.json.
LINT_STAMP := $(VENV)/.lint-$(shell cat requirements-lint.txt constraints.txt | md5sum | cut -c1-12)
$(LINT_STAMP): $(STAMP) requirements-lint.txt
	$(BIN)/pip install --quiet -r requirements-lint.txt -c constraints.txt
	touch $@

# ruff (lint, format) and mypy on the Python code (pyproject.toml), ESLint on the widget.
lint: $(LINT_STAMP) $(NODE_STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	npx --no-install eslint web/widget

# The widget's one dependency, socket.io-client (pinned in package-lock.json), served beside it.
$(NODE_STAMP): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error

$(WIDGET_VENDOR): $(NODE_STAMP)
	mkdir -p $(dir $@)
	cp node_modules/socket.io-client/dist/socket.io.min.js $@

# The widget's files and the demo pages, rendered with the knowledge's contact (scripts/demo_pages.py).
web: $(WIDGET_VENDOR) $(STAMP)
	$(BIN)/python -m scripts.demo_pages

# The website files for production (build/web): content-hashed widget files with integrity hashes.
widget: web $(STAMP)
	$(BIN)/python -m scripts.build_widget

# Browser tests drive Debian's Chromium; nothing downloads a browser of its own.
chromium:
	@command -v chromium >/dev/null || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }

# The load balancer of the production set-up (deploy/nginx.conf.template), from Debian's packages.
nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { \
	  echo "Installing Debian's nginx for the scale tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nginx >/dev/null; }

# Loading is idempotent and fast: always reload, so an edited fact is served at once.
knowledge: $(STAMP)
	$(BIN)/python -m actions.loader

# The model depends on the project's custom components too (they add their source to Rasa's cache key).
$(MODEL): $(STAMP) config.yml domain.yml $(NLU_DATA) $(shell find addons -name "*.py")
	$(BIN)/rasa train --fixed-model-name current --out models
	touch $@

train: $(MODEL)

run: $(MODEL) knowledge web
	scripts/serve.sh run

shell: $(MODEL) knowledge
	scripts/serve.sh shell

validate: $(STAMP)
	$(BIN)/rasa data validate --max-history 5

test-stories: $(MODEL)
	$(BIN)/rasa test core --model $(MODEL) --stories tests/test_stories.yml --fail-on-prediction-errors --out results/stories

test-python: $(MODEL) web chromium $(LINT_STAMP)
	$(BIN)/python -m pytest tests -m "not scale"

# Two Rasa replicas and two action servers behind nginx, on the machine's PostgreSQL and Redis.
test-scale: $(MODEL) widget chromium nginx
	$(BIN)/python -m pytest tests -m scale

test: lint validate test-stories test-python test-scale

# Quality, speed and cost beside two baselines: reports/benchmark.{md,json} and plots (about 90 min).
bench: $(MODEL)
	$(BIN)/python -m benchmarks

# Staff reports from the tracker store the endpoints file names (ENDPOINTS_FILE, else endpoints.yml;
# in production ENDPOINTS_FILE=endpoints.production.yml with its variables set); OUT= writes elsewhere.
PERIOD = $(if $(FROM),--from $(FROM)) $(if $(TO),--to $(TO)) $(if $(OUT),--out $(OUT))

report: $(STAMP)
	$(BIN)/python -m insight report $(PERIOD)

# make report and make suggest on 10,000 synthetic conversations (POSTGRES=<url of an empty database> for PostgreSQL).
bench-report: $(STAMP)
	$(BIN)/python -m benchmarks.report_speed $(if $(POSTGRES),--postgres $(POSTGRES))

suggest: $(STAMP)
	$(BIN)/python -m insight suggest $(PERIOD)

clean:
	rm -rf $(VENV) build models results reports var .rasa node_modules web/widget/vendor
