# RoleAtlas task runner: the README and CI call these recipes.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
DB ?= roleatlas.duckdb
PORT ?= 8000

.PHONY: install system-deps serve build test test-fast lint docs bench snapshot clean

$(BIN)/roleatlas: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -e '.[dev,spark]'
	@touch $@

install: $(BIN)/roleatlas

## system packages for the browser tests (Debian's chromium); skipped when present or not root
system-deps:
	@if ! command -v chromium >/dev/null 2>&1 && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null \
		|| echo "warning: chromium not installed; browser tests will be skipped"; fi

## build the store from the data directory when present, then serve (bundled snapshot otherwise)
serve: install
	@if [ -d "$${ROLEATLAS_DATA_DIR:-../shared/data}" ]; then $(BIN)/roleatlas build --db $(DB); fi
	$(BIN)/roleatlas serve --db $(DB) --port $(PORT)

build: install
	$(BIN)/roleatlas build --db $(DB)

test: install system-deps
	$(BIN)/ruff check roleatlas tests benchmarks
	$(BIN)/python -m pytest -q -p no:cacheprovider

test-fast: install
	$(BIN)/python -m pytest -q -x -m "not slow and not browser"

lint: install
	$(BIN)/ruff check roleatlas tests benchmarks
	$(BIN)/ruff format --check roleatlas tests benchmarks

docs: install
	$(BIN)/python -m roleatlas.clidocs > docs/CLI.md

bench: install
	for b in benchmarks/bench_*.py; do echo "== $$b"; $(BIN)/python $$b; done

snapshot: install
	$(BIN)/roleatlas snapshot --db $(DB)

clean:
	rm -rf $(VENV) *.egg-info .pytest_cache .hypothesis
