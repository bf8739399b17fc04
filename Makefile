# Everything a fresh machine needs: `make demo` and `make test` create .venv and install first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DB ?= .demo/tracker.db
# The article, then its channels followed through 2024: loaded in this order.
SEEDS := seeds/us-china-2023.toml seeds/us-china-2024.toml

.PHONY: install demo test lint typecheck contracts unit browser screenshot docs clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

## demo: load the seed data into a new SQLite file and print every channel's status
demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	mkdir -p $(dir $(DEMO_DB))
	for seed in $(SEEDS); do $(BIN)/tracker --db $(DEMO_DB) import $$seed || exit 1; done
	$(BIN)/tracker --db $(DEMO_DB) status
	@echo
	@echo 'The demo store is $(DEMO_DB). Try (from any directory):'
	@echo '  export TRACKER_DB="$(abspath $(DEMO_DB))"; alias tracker="$(abspath $(BIN))/tracker"'
	@echo '  tracker status us-cn-commercial-wg'

## test: lint, type-check, check the layer contract, run every test and scenario
test: lint typecheck contracts browser unit

lint: $(STAMP)
	$(BIN)/ruff check tracker tests features
	$(BIN)/ruff format --check tracker tests features

typecheck: $(STAMP)
	$(BIN)/mypy tracker

contracts: $(STAMP)
	$(BIN)/lint-imports

unit: $(STAMP)
	$(BIN)/pytest -n auto

# The HTML report is tested in Debian's headless Chromium; install it when missing (needs root).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    apt-get install -y -q --no-install-recommends chromium >/dev/null \
	    || { apt-get update -q >/dev/null && apt-get install -y -q --no-install-recommends chromium >/dev/null; }; \
	  else \
	    echo "chromium is not installed and cannot be installed here: the browser test will skip"; \
	  fi; }

## screenshot: the seed report as of 2024-09-01, drawn by Chromium, for docs/
screenshot: $(STAMP) browser
	rm -f .demo/shot.db*; mkdir -p .demo
	for seed in $(SEEDS); do $(BIN)/tracker --db .demo/shot.db import $$seed >/dev/null || exit 1; done
	$(BIN)/tracker --db .demo/shot.db report --format html --as-of 2024-09-01 -o .demo/report.html
	$(BIN)/python -m tests.browser.chromium .demo/report.html docs/report-screenshot.png

## docs: run the scenarios, then regenerate docs/domain.md, docs/cli.md and docs/specs.md
# The scenarios' exit status is ignored ("-") so that failures show in docs/specs.md;
# docs.tools.cucumber_skips adds the skipped scenarios to the report.
docs: $(STAMP)
	mkdir -p .reports
	rm -f .reports/cucumber.json
	-$(BIN)/python -m pytest tests/features -q -p docs.tools.cucumber_skips --cucumberjson=.reports/cucumber.json
	$(BIN)/python -m docs.tools.generate --cucumber .reports/cucumber.json

## bench: measure speed and memory against raw baselines; writes docs/benchmarks.md
bench: $(STAMP)
	$(BIN)/python -m tests.bench.run $(if $(SCALE),--scale $(SCALE))

clean:
	rm -rf $(VENV) .demo .pytest_cache .mypy_cache .ruff_cache
