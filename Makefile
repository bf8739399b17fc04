# Everything a fresh machine needs: `make demo` and `make test` create .venv and install first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEMO_DB ?= .demo/tracker.db
SEEDS := seeds/us-china-2023.toml

.PHONY: install demo test lint typecheck contracts unit clean

install: $(STAMP)

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e '.[dev]'
	touch $(STAMP)

## demo: load the seed data into a new SQLite file and print every channel's status
demo: $(STAMP)
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	mkdir -p $(dir $(DEMO_DB))
	$(BIN)/tracker --db $(DEMO_DB) import $(SEEDS)
	$(BIN)/tracker --db $(DEMO_DB) status
	@echo
	@echo "The demo store is $(DEMO_DB). Try: export TRACKER_DB=$(DEMO_DB); $(BIN)/tracker status us-cn-commercial-wg"

## test: lint, type-check, check the layer contract, run every test and scenario
test: lint typecheck contracts unit

lint: $(STAMP)
	$(BIN)/ruff check tracker tests features
	$(BIN)/ruff format --check tracker tests features

typecheck: $(STAMP)
	$(BIN)/mypy tracker

contracts: $(STAMP)
	$(BIN)/lint-imports

unit: $(STAMP)
	$(BIN)/pytest

clean:
	rm -rf $(VENV) .demo .pytest_cache .mypy_cache .ruff_cache
