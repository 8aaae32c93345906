# Sciatica Self-Massage Guide. `make serve` and `make test` are all a newcomer needs (see README).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell $(PYTHON) -c "import hashlib,sys;print(hashlib.sha256(open('requirements.lock','rb').read()).hexdigest()[:12])" 2>/dev/null)
export NO_MKDOCS_2_WARNING := 1

.PHONY: help setup serve build test bench lint-site lock clean

help:
	@echo "make serve   set up, then serve the site with live reload on http://127.0.0.1:8000"
	@echo "make test    set up, then run every test"
	@echo "make build   set up, then build the static site into site/ (strict)"
	@echo "make bench   print the speed and size figures (build scaling, transfer, Lighthouse, make test time)"
	@echo "make lock    re-resolve requirements.in into the hashed requirements.lock"
	@echo "make clean   remove site/, caches and the virtual environment"

# The virtual environment is rebuilt whenever requirements.lock changes.
$(STAMP): requirements.lock
	@$(PYTHON) -c "import sys; sys.exit(sys.version_info < (3, 11))" || { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version))"; exit 1; }
	rm -rf $(VENV)
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes --no-deps -r requirements.lock
	touch $@

setup: $(STAMP)

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

build: $(STAMP)
	$(BIN)/mkdocs build --strict --site-dir site

test: $(STAMP)
	$(BIN)/python -m pytest

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

clean:
	rm -rf site .pytest_cache $(VENV)
	find . -name __pycache__ -type d -prune -exec rm -rf {} +
