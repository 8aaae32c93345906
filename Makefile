# Sciatica Self-Massage Guide. `make serve` and `make test` are all a newcomer needs (see README).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell $(PYTHON) -c "import hashlib,sys;print(hashlib.sha256(open('requirements.lock','rb').read()).hexdigest()[:12])" 2>/dev/null)
export NO_MKDOCS_2_WARNING := 1
export PYTHON
# Installs the system packages that are missing (apt-get, through sudo when not root): `build` for what
# the build needs, `test` for that and what the tests need. Cheap when nothing is missing.
SYSTEM := bash scripts/setup-system.sh

.PHONY: help setup serve build handouts bench-handouts bench test readability lock clean new-technique new-muscle check properdocs fresh-check

help:
	@echo "make serve   set up, then serve the site with live reload on http://127.0.0.1:8000/sciatica-self-massage-guide/"
	@echo "make test    set up, then run every test"
	@echo "make build   set up, then build the static site into site/ (strict), PDF handouts and the offline copy included"
	@echo "make handouts        remake only the PDF handouts in site/handouts/ (needs a built site/)"
	@echo "make bench-handouts  time the handouts: each one, and the whole set"
	@echo "make readability  build, then print every page's words, reading grade, mean and longest sentence, share of short sentences, longest list, and the medians"
	@echo "make bench   print the speed and size figures (build scaling, transfer, Lighthouse, main-thread work, make test time)"
	@echo "make lock    re-resolve requirements.in into the hashed requirements.lock"
	@echo 'make new-technique NAME="Trigger point pressure"   start a technique page from its template'
	@echo 'make new-muscle NAME="Quadratus lumborum"          start a muscle page from its template'
	@echo "make check   the fast checks of .pre-commit-config.yaml (spelling, YAML, Markdown, whitespace)"
	@echo "make properdocs  build with ProperDocs too and compare the pages with the MkDocs build"
	@echo "make fresh-check  (root) bootstrap a minimal Debian 12 and 13 under .cache/fresh/ and run make serve and make test there"
	@echo "make clean   remove site/, caches and the virtual environment"

# The virtual environment is rebuilt whenever requirements.lock changes.
# The floor is what every package in requirements.lock accepts (tests/test_setup.py checks it).
$(STAMP): requirements.lock
	@command -v $(PYTHON) >/dev/null || { echo "Python 3.11 or newer is needed, and $(PYTHON) is not installed (or say which: make PYTHON=python3.12 ...)"; exit 1; }
	@$(PYTHON) -c "import sys; sys.exit(sys.version_info < (3, 11))" || { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version 2>&1)); say which to use with make PYTHON=python3.12 ..."; exit 1; }
	@$(SYSTEM) build
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

setup: $(STAMP)

serve: $(STAMP)
	@$(SYSTEM) build
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP)
	@$(SYSTEM) build
	$(BIN)/mkdocs build --strict --site-dir site
	$(BIN)/python -m postbuild.handouts site
	$(BIN)/python -m postbuild.offline site

# Only the PDFs, from the site already in site/ (after editing the handout templates, say).
handouts: $(STAMP)
	@$(SYSTEM) build
	$(BIN)/python -m postbuild.handouts site

bench-handouts: $(STAMP)
	@$(SYSTEM) build
	$(BIN)/python scripts/bench_handouts.py

test: $(STAMP)
	@$(SYSTEM) test
	$(BIN)/python -m pytest -n 2

readability: build
	$(BIN)/python -m postbuild.readability site docs

# NAME comes from the command line; the shell reads it from the environment, so quotes in it are safe.
new-technique: $(STAMP)
	@$(BIN)/python scripts/scaffold.py technique "$$NAME"

new-muscle: $(STAMP)
	@$(BIN)/python scripts/scaffold.py muscle "$$NAME"

# The pre-commit hooks, over every file git tracks or would track (new files too).
check: $(STAMP)
	$(BIN)/python scripts/checks.py

# Non-blocking compatibility build (see README, "MkDocs' future").
properdocs: $(STAMP)
	$(BIN)/python scripts/compare_properdocs.py

# Speed and size figures, printed (bench/run.py). Installs Lighthouse into bench/node_modules.
bench: $(STAMP)
	$(BIN)/python -m bench.run

# Re-resolve the lock from requirements.in (newest versions the ranges allow), with hashes.
lock:
	$(PYTHON) -m venv .lock-venv
	.lock-venv/bin/python -m pip install --quiet "pip-tools==7.6.2"
	.lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --strip-extras \
		--no-emit-index-url --no-emit-find-links --output-file requirements.lock requirements.in
	rm -rf .lock-venv

# A clean-machine check (root, not part of `make test`): see scripts/fresh-check.sh.
fresh-check:
	bash scripts/fresh-check.sh

clean:
	rm -rf site .pytest_cache $(VENV)
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
