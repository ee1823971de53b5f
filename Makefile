# Two entry points: `make run` starts the app, `make test` runs every test.
# `make test-x11` runs the smoke test and the window-size checks on a private Xvfb (.ci/test-x11).
# Each creates .venv on first use and reinstall only when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-x11 bench clean

$(BIN)/activate:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install --upgrade pip
	$(BIN)/python -m pip install -e '.[test]'
	touch $@

run: $(VENV)/.installed
	$(BIN)/nnplayground

test: $(VENV)/.installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

test-x11: $(VENV)/.installed
	BIN=$(BIN) .ci/test-x11

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_core.py

clean:
	rm -rf $(VENV) build dist
