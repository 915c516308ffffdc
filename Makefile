# lawtrail — two commands for a fresh machine: `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
LAWTRAIL := $(VENV)/bin/lawtrail
HOST ?= 127.0.0.1
PORT ?= 8000
DEMO_SCALE ?= small
LINT_PATHS := src tests tools $(wildcard bench)
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: run test test-pg lint format install install-dev system-deps messages docs clean serve

$(VENV)/.installed: pyproject.toml requirements.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install -q -r requirements.txt
	$(PIP) install -q --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(PIP) install -q -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

## System packages the browser tests and documents need (Debian): Chromium and CJK fonts.
system-deps:
	@if ! command -v chromium >/dev/null || ! fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then \
	  echo "Installing Debian packages: chromium fonts-noto-cjk"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
	fi
	@# documents: WeasyPrint needs pango and harfbuzz-subset; pdftoppm (poppler-utils) renders PDFs for review
	@if ! ldconfig -p 2>/dev/null | grep -q libharfbuzz-subset || ! command -v pdftoppm >/dev/null; then \
	  echo "Installing Debian packages: libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	    libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 poppler-utils fonts-noto-cjk >/dev/null; \
	fi

## make run: install, migrate, load demo data on first start, serve on http://$(HOST):$(PORT)
run: install
	$(LAWTRAIL) migrate --noinput -v 0
	$(LAWTRAIL) demo --scale $(DEMO_SCALE) --if-empty
	$(LAWTRAIL) demo_accounts
	$(LAWTRAIL) collectstatic --noinput -v 0
	# the task worker (notifications, the sweep every 5 minutes) runs beside gunicorn and stops with it
	$(LAWTRAIL) worker --no-reload & worker=$$!; trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(VENV)/bin/gunicorn lawtrail.wsgi --bind $(HOST):$(PORT) --workers 2 --access-logfile -

lint: install-dev
	$(VENV)/bin/ruff check $(LINT_PATHS)
	$(VENV)/bin/ruff format --check $(LINT_PATHS)
	$(LAWTRAIL) makemigrations --check --dry-run -v 0
	$(LAWTRAIL) check

format: install-dev
	$(VENV)/bin/ruff format $(LINT_PATHS)
	$(VENV)/bin/ruff check --fix $(LINT_PATHS)

## make test: install (dev + system packages), lint, and every test, browser tests included — on SQLite, and
## again on PostgreSQL when a server answers at TEST_PG_URL (REQUIRE_PG=1, as CI sets it, makes a missing one fail).
TEST_PG_URL ?= $(or $(LAWTRAIL_TEST_PG_URL),postgres://postgres@127.0.0.1:5432/lawtrail)
REQUIRE_PG ?= 0
PYTEST_ARGS ?= -n auto --dist loadfile
test: install-dev system-deps lint
	@echo "== the suite on SQLite"
	$(VENV)/bin/pytest $(PYTEST_ARGS)
	@$(MAKE) --no-print-directory test-pg

## The suite on PostgreSQL only (README: "Tests on PostgreSQL" says how to start a local server).
test-pg: install-dev
	@if $(PY) tools/pg_reachable.py "$(TEST_PG_URL)"; then \
	  echo "== the suite on PostgreSQL ($(TEST_PG_URL))"; \
	  DATABASE_URL="$(TEST_PG_URL)" $(VENV)/bin/pytest $(PYTEST_ARGS); \
	elif [ "$(REQUIRE_PG)" = 1 ]; then \
	  echo "PostgreSQL is required (REQUIRE_PG=1) but does not answer at $(TEST_PG_URL)."; \
	  echo "Start one (README, 'Tests on PostgreSQL') or set LAWTRAIL_TEST_PG_URL."; exit 1; \
	else \
	  echo "== PostgreSQL does not answer at $(TEST_PG_URL): the PostgreSQL run is skipped (README says how to start one)"; \
	fi

## Recompile the English message catalogue (needs gettext's msgfmt).
messages: install-dev
	cd src/lawtrail && ../../$(LAWTRAIL) makemessages -l en --no-obsolete && ../../$(LAWTRAIL) compilemessages -l en

## Regenerate the generated docs (event JSON Schema).
docs: install
	$(LAWTRAIL) event_schema > docs/event-format.schema.json

clean:
	rm -rf $(VENV) var build *.egg-info
