# ingest-worker: every entry point a user or CI needs. `make demo` and `make test` install what they need.
SHELL := /bin/bash
.DEFAULT_GOAL := help
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
RUN := .run

.PHONY: help setup services services-stop check test demo bench eval golden clean

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): pyproject.toml
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install -q --upgrade pip
	$(VENV)/bin/pip install -q -e '.[dev,bench]'
	touch $(STAMP)

setup: $(STAMP)  ## create .venv/ with the project, dev and bench extras (.venv/bin/ingest)

services: setup  ## start Redis and the embedded OpenSearch (idempotent), wait until healthy
	deploy/local/services.sh start

services-stop:  ## stop Redis and the embedded OpenSearch
	deploy/local/services.sh stop

check: setup  ## ruff + mypy --strict
	$(VENV)/bin/ruff check worker tests
	$(VENV)/bin/ruff format --check worker tests
	$(VENV)/bin/mypy

test: services  ## run the whole test suite against the real services
	@# pytest exits 5 when it collected no test: say so, and keep the failure.
	$(VENV)/bin/pytest; rc=$$?; [ $$rc -ne 5 ] || echo "make test: pytest collected no test" >&2; exit $$rc

demo: services  ## the main job end to end on the embedded default
	@mkdir -p $(RUN)
	$(PY) -m worker.demo

bench: services  ## speed, memory and crash-window figures reported in the README (every tests/bench/bench_*.py)
	@for bench in tests/bench/bench_*.py; do \
		module=$${bench%.py}; echo "== $$module"; $(PY) -m $${module//\//.} || exit 1; \
	done

DATASETS ?= $(or $(INGEST_DATASETS_DIR),../shared/datasets)
EVAL_SETS := scrapinghub fundus trafilatura_eval htmldate_eval readability_testpages

eval: setup  ## extraction quality on ../shared/datasets, ours vs trafilatura side by side
	$(VENV)/bin/ingest eval $(addprefix $(DATASETS)/,$(EVAL_SETS)) --compare trafilatura

golden: setup  ## rewrite tests/golden/*.json from the current extractor (review the diff, then commit)
	$(PY) -m tests.golden.regenerate

clean: services-stop  ## remove the venv and runtime data
	rm -rf $(VENV) $(RUN) deploy/embedded-engine/target
