# Two entry points: `make run` starts the app, `make test` runs every test.
# `make test-x11` runs the smoke test and the window-size checks on a private Xvfb (.ci/test-x11).
# `make package` builds the Linux bundle, .tar.gz and .deb into dist/ and checks them (packaging/).
# Each creates .venv on first use and reinstall only when pyproject.toml changes.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-x11 bench package clean translations

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

# nnplayground's own dependencies and PyInstaller only: what is not installed cannot end up in the bundle.
$(VENV)/.installed-package: pyproject.toml | $(BIN)/activate
	$(BIN)/python -m pip install -e '.[package]'
	touch $@

package: $(VENV)/.installed-package
	PYTHON=$(BIN)/python packaging/build_linux.sh
	$(BIN)/python packaging/check.py

bench: $(VENV)/.installed
	$(BIN)/python benchmarks/bench_core.py

clean:
	rm -rf $(VENV) build dist

# The interface's translations: lupdate collects every tr() text into the .ts (keeping what is
# translated), lrelease compiles the .qm the app loads. Both tools come with PySide6.
TS := resources/translations/nnplayground_zh_CN.ts
translations: $(VENV)/.installed
	$(BIN)/pyside6-lupdate -locations none -no-obsolete -target-language zh_CN \
		$(sort $(wildcard nnplayground/*.py nnplayground/*/*.py nnplayground/*/*/*.py nnplayground/*/*/*/*.py)) -ts $(TS)
	$(BIN)/pyside6-lrelease $(TS) -qm $(TS:.ts=.qm)
