# Two entry points: `make run` (the main job) and `make test` (the test suite).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin

.PHONY: run test test-slow lint clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-dev: $(BIN)/python pyproject.toml
	$(BIN)/pip install -q -e '.[dev]'
	touch $@ $(VENV)/.installed

# Each `make run` keeps its own folder, so an earlier run's results are never overwritten.
RUN_DIR ?= runs/main-$(shell date +%Y%m%d-%H%M%S)

run: $(VENV)/.installed
	$(BIN)/arcsynth eval --data arc1-eval --limit 40 --out $(RUN_DIR)
	$(BIN)/arcsynth report $(RUN_DIR)

# Two pytest workers: the suite is ~240 CPU-s, and CI's machine has 2 cores.
test: $(VENV)/.installed-dev
	$(BIN)/lint-imports
	$(BIN)/python -m pytest -q -n 2

test-slow: $(VENV)/.installed-dev
	$(BIN)/python -m pytest -q -m slow

clean:
	rm -rf $(VENV) build src/*.egg-info
