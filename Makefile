# clustergraph — two commands on a fresh machine (Python 3.11+, Java 17, Maven; no Docker):
#   make run    virtual environment, install, embedded Neo4j up, bundled data loaded, API on :8000
#   make test   the test suite against a real (embedded or NEO4J_URI) Neo4j
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install db-start db-stop db-status load run serve test lint format bench clean reliability

install: $(STAMP)

$(STAMP): pyproject.toml constraints.txt
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
	  { echo "Python 3.11 or newer is needed (found $$($(PYTHON) --version))."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet -c constraints.txt -e '.[dev]'
	@touch $(STAMP)

db-start: install
	$(BIN)/clustergraph db start

db-stop:
	$(BIN)/clustergraph db stop

db-status:
	$(BIN)/clustergraph db status

load: db-start
	$(BIN)/clustergraph load

serve: install
	$(BIN)/clustergraph serve

run: load
	$(BIN)/clustergraph serve

CHROMIUM := /usr/bin/chromium
test: install $(CHROMIUM)
	$(BIN)/pytest -q

# The browser tests drive Debian's chromium with Playwright (never `playwright install`).
$(CHROMIUM):
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get update -qq
	$(if $(filter 0,$(shell id -u)),,sudo) apt-get install -y -qq chromium

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

# Benchmarks (BENCHMARKS.md): own embedded Neo4j on 7689 and API on 8009 unless BENCH_ARGS says
# otherwise (e.g. BENCH_ARGS="--bolt-port 7693 --api-port 8022 --no-draw").
.PHONY: bench-large extract-eval
BENCH_ARGS ?=

bench: install
	$(BIN)/python -m bench.run --scale S $(BENCH_ARGS)

bench-large: install
	CLUSTERGRAPH_HEAP=$${CLUSTERGRAPH_HEAP:-10g} \
	CLUSTERGRAPH_LOAD_COMMIT_BATCHES=$${CLUSTERGRAPH_LOAD_COMMIT_BATCHES:-100} \
	CLUSTERGRAPH_PAGECACHE_MB=$${CLUSTERGRAPH_PAGECACHE_MB:-3072} \
	  $(BIN)/python -m bench.run --scale L $(BENCH_ARGS)

# Extraction quality (docs/extract.md): drafts of the seed reports in ../shared/seeds and of
# tests/fixtures/extract scored against their curated files.
extract-eval: install
	$(BIN)/python -m graph.extract.scoreboard

# Slow fault, concurrency and soak runs on their own Neo4j and API ports (see reliability/).
reliability: install
	$(BIN)/python -m reliability

clean: db-stop
	rm -rf $(VENV) .neo4j .pytest_cache .ruff_cache
