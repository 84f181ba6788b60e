# daiyun — one command per habit: make run | make test | make check | make bench
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
BIN := $(VENV)/bin
PYTHON ?= python3
# Reinstall whenever pyproject.toml changes.
STAMP := $(VENV)/.installed-$(shell sha1sum pyproject.toml | cut -c1-12)
PG_VERSION := $(shell ls /etc/postgresql 2>/dev/null | head -n 1)
HOST ?= 127.0.0.1
PORT ?= 8000
# import-linter wraps at 80 columns when not on a terminal (CI, make's log): one contract a line.
LINT_IMPORTS := COLUMNS=200 $(BIN)/lint-imports

.PHONY: help install run test check bench bench-web screenshots postgres chromium clean

help:
	@echo "make run    install into .venv, migrate, load the demo, serve on http://$(HOST):$(PORT)"
	@echo "make test   install and run the whole suite (SQLite and PostgreSQL, browser tests)"
	@echo "make check  ruff, ruff format --check, mypy, import-linter"
	@echo "make bench  the benchmarks in bench/ (figures in bench/results/)"
	@echo "make bench-web      the web app under 100 concurrent requests (bench/bench_web.py)"
	@echo "make screenshots    the browser journeys and each page on a laptop and a phone, saving docs/screenshots/*.png"

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	set -o pipefail; $(BIN)/python -m pip install --quiet --disable-pip-version-check --upgrade pip 2>&1 | { grep -v '^WARNING: Location' || true; }
	set -o pipefail; $(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]' 2>&1 | { grep -v '^WARNING: Location' || true; }
	$(BIN)/python -c "import daiyun, sqlalchemy, fastapi, chinese_calendar, pytest"
	rm -f $(VENV)/.installed-*
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/daiyun db upgrade
	$(BIN)/daiyun demo load
	$(BIN)/daiyun serve --host $(HOST) --port $(PORT)

# The suite on every core (pytest-xdist): each worker has its own scratch databases and ports.
# One worker more than the cores: a test often waits on PostgreSQL, a served app or Chromium in
# other processes (on 2 cores, 3 workers: 14 min 30 s against 15 min 19 s with 2). The 15
# slowest tests are listed at the end, so that a test grown slow is seen. worksteal: a worker
# that runs out of tests takes half of another's queue, so no long test is left alone at the
# end while a core idles.
TEST_WORKERS ?= $(shell expr $$(nproc 2>/dev/null || echo 1) + 1)
test: install postgres chromium
	$(LINT_IMPORTS)
	$(BIN)/pytest -n $(TEST_WORKERS) --dist worksteal --durations=15

# The readers under Hypothesis (tests/fuzz/, issue 16 point 14) with many more examples than
# make test's bounded run, random ones; failures are kept in .hypothesis/ and replayed first.
.PHONY: fuzz
fuzz: install
	HYPOTHESIS_PROFILE=fuzz $(BIN)/pytest -n auto -p no:cacheprovider -m fuzz tests/fuzz

check: install
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	$(BIN)/mypy
	$(LINT_IMPORTS)

bench: install postgres
	@if ls bench/*.py >/dev/null 2>&1; then for b in bench/*.py; do $(BIN)/python $$b || exit 1; done; \
	else echo "no benchmarks yet"; fi

bench-web: install postgres
	$(BIN)/python bench/bench_web.py

# SHOTS=<folder> keeps them elsewhere (to look before replacing the README's).
SHOTS ?= $(CURDIR)/docs/screenshots
screenshots: install chromium
	DAIYUN_SCREENSHOTS=$(SHOTS) $(BIN)/pytest -q -p no:cacheprovider tests/e2e/test_served_app.py tests/e2e/test_journeys.py tests/e2e/test_promotion_journey.py tests/e2e/test_viewports.py tests/e2e/test_reconciliation_page.py tests/e2e/test_import_pair_journey.py tests/e2e/test_fee_bill_journey.py tests/e2e/test_operations_journey.py tests/e2e/test_obligation_calendar.py tests/e2e/test_report_charts.py tests/e2e/test_contract_journey.py tests/e2e/test_data_export_page.py

# The integration tests run on PostgreSQL too: start the local server if it is down.
postgres:
	@if ! pg_isready -h 127.0.0.1 -p 5432 -q; then \
		echo "starting PostgreSQL $(PG_VERSION)"; \
		pg_ctlcluster --skip-systemctl-redirect $(PG_VERSION) main start; \
		for i in $$(seq 1 30); do pg_isready -h 127.0.0.1 -p 5432 -q && break; sleep 1; done; \
	fi
	@pg_isready -h 127.0.0.1 -p 5432

# Browser tests drive Debian's Chromium (Playwright cannot download its own here);
# the CJK fonts make Chinese text render in screenshots, and statement PDFs embed them;
# poppler's pdftoppm renders a report's PDF pages to PNG (tests/e2e/test_report_charts.py).
chromium:
	@if ! test -x /usr/bin/chromium || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1 || ! command -v pdftoppm >/dev/null; then \
		echo "installing Debian's chromium, CJK fonts and poppler's pdftoppm for the browser tests"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk poppler-utils >/dev/null; \
	fi

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
