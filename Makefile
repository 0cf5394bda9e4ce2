# partnergraph: `make demo` and `make test` are the contract (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
PORT ?= 8000
DB ?= partnergraph.db
SHARED ?= ../shared

.PHONY: install demo test lint eval train lock clean serve neo4j-up neo4j-down bench bench-quick bench-neo4j audit

install: $(VENV)/.installed
	@node ui/build.mjs

$(VENV)/.installed: pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	@$(BIN)/python -m pip install -q --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync -q --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install -q --python $(BIN)/python --no-deps -e .
	@touch $@

# Re-resolve the pinned dependencies after editing pyproject.toml.
lock:
	@test -x $(BIN)/uv || ($(PYTHON) -m venv $(VENV) && $(BIN)/python -m pip install -q uv==$(UV_VERSION))
	$(BIN)/uv pip compile -q --python-version 3.11 --extra dev --generate-hashes pyproject.toml -o requirements.lock

demo: install
	$(BIN)/partnergraph ingest seeds/ --db sqlite:///$(DB)
	@$(BIN)/python -m cli.demo_banner --port $(PORT)
	$(BIN)/partnergraph serve --db sqlite:///$(DB) --port $(PORT)

# Debian packages the suite drives for real: Chromium for the page, rapper for RDF.
TEST_SYSTEM_DEPS := chromium:chromium chromedriver:chromium-driver rapper:raptor2-utils

test: install
	@bash scripts/system-deps.sh $(TEST_SYSTEM_DEPS)
	$(BIN)/python -m pytest

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# Known vulnerabilities in the pinned dependencies (needs the advisory databases:
# PyPI's JSON API / OSV for pip-audit, the npm registry's audit endpoint for npm).
PIP_AUDIT_VERSION := 2.10.1
audit: install
	$(BIN)/uv tool run --python $(BIN)/python pip-audit==$(PIP_AUDIT_VERSION) \
		--strict --require-hashes --disable-pip -r requirements.lock
	cd ui && npm audit --omit=dev --audit-level=low

# One table: every set's dev split (eval/README.md), lenient P/R/F1 per relation, docs/s.
eval: install
	@bash scripts/eval.sh $(SHARED)/eval

# Rebuild loaders/extract/data/learned.npz from the train splits (fixed seed, ~2 minutes).
train: install
	$(BIN)/python -m loaders.extract.learned.train $(SHARED)/eval

# Benchmarks: ratios against floors measured in the same run (bench/README.md).
bench: install
	$(BIN)/python -m bench

bench-quick: install
	$(BIN)/python -m bench --quick --out bench/results/quick

# bench-quick plus the Neo4j peers (starts its own server; BENCH_NEO4J_URL uses
# an existing one and wipes its database).
bench-neo4j: install
	$(BIN)/python -m bench --quick --neo4j --out bench/results/quick-neo4j

# A local Neo4j 5.26 (fetched from Maven Central on first use); its Bolt URL lands in .neo4j/uri.
neo4j-up:
	@bash scripts/neo4j/neo4j.sh up

neo4j-down:
	@bash scripts/neo4j/neo4j.sh down

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache partnergraph.db*
