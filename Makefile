# Two commands are the whole set-up: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PIN    := -c requirements/constraints.txt

.PHONY: run test lint demo bench bench-large bench-package stress screenshots lock clean package package-test \
	desktop-libs translations deb

# Python 3.11 or newer with its venv module (Debian and Ubuntu ship that as python3-venv).
$(BIN)/python:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null || \
		{ echo "Casefile needs Python 3.11 or newer as $(PYTHON) (make PYTHON=python3.12 …)"; exit 1; }
	@$(PYTHON) -c 'import ensurepip, venv' 2>/dev/null || \
		{ echo "Python's venv module is missing: sudo apt install $$($(PYTHON) -c \
		'import sys; print("python%d.%d-venv" % sys.version_info[:2])')"; exit 1; }
	$(PYTHON) -m venv $(VENV)

# The app and its pinned dependencies.
# `make run` (even with -j) checks the desktop's libraries before it installs anything; the
# other targets (tests, CI without a display) do not need a desktop.
$(VENV)/.app-installed: $(BIN)/python pyproject.toml requirements/constraints.txt \
		| $(if $(filter run,$(MAKECMDGOALS)),desktop-libs)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check $(PIN) -e .
	touch $@

# The app plus the test tools (pytest, pytest-qt, hypothesis, ruff, mypy).
$(VENV)/.test-installed: $(VENV)/.app-installed
	$(BIN)/python -m pip install --quiet --disable-pip-version-check $(PIN) -e ".[test]"
	touch $@

# Qt's X11 plugin needs system libraries no wheel brings: say which are missing, in one line.
desktop-libs:
	@$(PYTHON) packaging/check_desktop_libs.py

run: desktop-libs $(VENV)/.app-installed
	$(BIN)/casefile-app $(ARGS)

test: $(VENV)/.test-installed
	QT_QPA_PLATFORM=offscreen CASEFILE_LANGUAGE=en $(BIN)/python -m pytest -q $(PYTEST_ARGS)

lint: $(VENV)/.test-installed
	$(BIN)/ruff check .
	$(BIN)/mypy

# Performance runs (figures go in docs/benchmarks.md); never part of `make test`.
# `bench` is the quick pass at small scale; `bench-large` the long investigation (the large
# case is built once, ~15 min, and cached outside the repository).
bench: $(VENV)/.app-installed
	$(BIN)/python benchmarks/scale.py --scale small --runs 3
	$(BIN)/python benchmarks/photo_import.py --count 50
	$(BIN)/python benchmarks/export_docx.py
	$(BIN)/python benchmarks/encryption.py --interviews 40

bench-large: $(VENV)/.app-installed
	$(BIN)/python benchmarks/scale.py --scale large --runs 5
	$(BIN)/python benchmarks/photo_import.py
	$(BIN)/python benchmarks/export_docx.py
	$(BIN)/python benchmarks/encryption.py

# Reliability at scale (CI runs small counts): 10,000 SIGKILLs of a worker at random moments,
# then the fuzz corpus of 1,000 mutated images and 200 mutated .docx. Figures: docs/reliability.md.
stress: $(VENV)/.test-installed
	$(BIN)/python -m tests.reliability.crash_harness --kills 10000
	$(BIN)/python -m tests.reliability.fuzz_corpus --images 1000 --docx 200

# Each main view of the sample case as PNG, for the README and for looking at.
screenshots: $(VENV)/.app-installed
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m ui.screenshots

# The translations (resources/i18n/casefile_<lang>.ts) updated from the strings marked with
# tr() in ui/, then compiled to the .qm files the app loads; lists what is left to translate.
# A new language: $(BIN)/python -m ui.i18n_catalog --new de
translations: $(VENV)/.app-installed
	$(BIN)/python -m ui.i18n_catalog

demo: $(VENV)/.app-installed
	$(BIN)/casefile demo sample.casefile

# Re-pin after changing dependencies: resolves in a scratch venv and rewrites the constraints.
lock:
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet -e ".[test,build]"
	{ head -2 requirements/constraints.txt; .lock-venv/bin/python -m pip freeze --exclude-editable; } > requirements/constraints.new
	mv requirements/constraints.new requirements/constraints.txt && rm -rf .lock-venv

# The frozen one-folder app (dist/casefile/) built from a clean venv holding only what the app
# needs: PyInstaller's hooks bundle every SQLAlchemy driver and Qt binding they can find.
BUILD_VENV := .build-venv
$(BUILD_VENV)/.installed: pyproject.toml requirements/constraints.txt
	rm -rf $(BUILD_VENV) && $(PYTHON) -m venv $(BUILD_VENV)
	$(BUILD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check $(PIN) ".[build]"
	touch $@

package: $(BUILD_VENV)/.installed
	$(BUILD_VENV)/bin/python -m pip install --quiet --disable-pip-version-check --no-deps \
		--force-reinstall .
	$(BUILD_VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN \
		--distpath dist --workpath build/pyinstaller build.spec

# The Debian package of the frozen app, dist/casefile_<version>_<arch>.deb: the app, the
# command line, the menu entry, the MIME type and the icons (packaging/build_deb.sh).
deb: package
	PYTHON=$(BUILD_VENV)/bin/python bash packaging/build_deb.sh dist/casefile dist

# The frozen programs run as a user would start them: no venv, no PYTHONPATH, empty home.
# Where dpkg is, from the .deb installed into a clean root, opening a .casefile through its
# MIME association first; elsewhere straight from dist/casefile.
package-test: package
	if command -v dpkg-deb >/dev/null 2>&1; then \
		deb=$$(PYTHON=$(BUILD_VENV)/bin/python bash packaging/build_deb.sh dist/casefile dist) && \
		bash packaging/package-test.sh --deb "$$deb"; \
	else bash packaging/package-test.sh dist/casefile; fi

# Bundle size and start-up time of the frozen app (figures for docs/packaging.md).
bench-package: package
	$(PYTHON) benchmarks/frozen_app.py dist/casefile

clean:
	rm -rf $(VENV) $(BUILD_VENV) build dist .pytest_cache .ruff_cache .mypy_cache *.egg-info
