# Run `make help` for the list of targets. Everything runs inside .venv, created on first use.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
ENV_STAMP := $(VENV)/.installed
JOBS   ?= $(shell nproc 2>/dev/null || echo 2)
FORCE  ?= 0
ARTICLES ?=
PARAMS ?=
COMPARE ?=
PYTEST_ARGS ?=
TEST_PROCS ?= 2

.PHONY: help env report test test-fast lint format lab bench bench-scale validate lock clean-reports browser
BBC ?= ../shared/corpora/bbc
REUTERS ?= ../shared/corpora/reuters-sample500
VALIDATION ?= ../shared/validation/vader-ground-truth
NEWSMTSC ?= ../shared/corpora/newsmtsc

help:  ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | awk -F ':.*## ' '{printf "  make %-14s %s\n", $$1, $$2}'
	@echo "  variables: JOBS=$(JOBS)  FORCE=1 (rebuild everything)  TEST_PROCS=2 (0: make test in one process)  ARTICLES='all|none|positive:N|ids or globs'  PARAMS='n_topics=5 ...'  COMPARE='outlet=Reuters,outlet=AP'"

$(ENV_STAMP): requirements.lock pyproject.toml
	@echo "creating the project environment in $(VENV) (first run only; pip's messages go to $(VENV)/install.log)..."
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@{ $(PY) -m pip install --disable-pip-version-check -r requirements.lock \
	   && $(PY) -m pip install --disable-pip-version-check --no-deps -e . \
	   && $(PY) -m ipykernel install --sys-prefix --name news-tone --display-name "Python (news-tone)"; \
	 } > $(VENV)/install.log 2>&1 || { tail -n 30 $(VENV)/install.log; echo "installation failed: see $(VENV)/install.log"; exit 1; }
	@# Notebooks saved from JupyterLab carry outputs: git strips them on commit (nbstripout's filter).
	@if git rev-parse --git-dir >/dev/null 2>&1; then $(VENV)/bin/nbstripout --install --attributes .gitattributes; fi
	@echo "environment ready (log: $(VENV)/install.log)"
	@touch $@

env: $(ENV_STAMP)  ## create the project environment (.venv, pinned packages, helpers editable, kernel)

report: $(ENV_STAMP)  ## clean, measure and render reports for everything in data/raw/
	$(PY) -m helpers.build --jobs $(JOBS) $(if $(filter 1,$(FORCE)),--force) $(if $(ARTICLES),--articles "$(ARTICLES)") $(if $(COMPARE),--compare "$(COMPARE)") $(foreach p,$(PARAMS),--set $(p))

test: $(ENV_STAMP) browser lint  ## run the linter and the whole test suite on TEST_PROCS processes (creates the environment first if needed)
	$(PY) -m pytest -n $(TEST_PROCS) --dist worksteal $(PYTEST_ARGS)

test-fast: $(ENV_STAMP)  ## the unit tests alone: no build, no kernel, no browser (tests marked slow by their fixtures are left out)
	$(PY) -m pytest -m "not slow and not browser" $(PYTEST_ARGS)

LINTED := src tests scripts benchmarks notebooks
lint: $(ENV_STAMP)  ## ruff: lint and check formatting (configured in pyproject.toml); `make format` fixes
	$(VENV)/bin/ruff check $(LINTED)
	$(VENV)/bin/ruff format --check $(LINTED)

format: $(ENV_STAMP)  ## ruff: format the code and fix what the linter can
	$(VENV)/bin/ruff check --fix $(LINTED)
	$(VENV)/bin/ruff format $(LINTED)

browser:  ## install Debian's chromium for the browser tests if it is missing (needs root)
	@bash scripts/ensure-chromium

validate: $(ENV_STAMP)  ## validate sentiment, topics and actor tone against human ratings, BBC and Reuters labels, NewsMTSC -> reports/validation.html
	$(PY) -m helpers.build --notebook validation --set bbc_dir=$(abspath $(BBC)) --set reuters_dir=$(abspath $(REUTERS)) --set validation_dir=$(abspath $(VALIDATION)) --set newsmtsc_dir=$(abspath $(NEWSMTSC)) $(foreach p,$(PARAMS),--set $(p))

bench: $(ENV_STAMP)  ## benchmark every stage on the seed, BBC and a 10x BBC corpus; prints one table
	$(PY) benchmarks/bench.py --bbc $(BBC)

SIZES ?= 10000 50000
bench-scale: $(ENV_STAMP)  ## the whole build on distinct synthetic corpora of SIZES='10000 50000' articles (one CSV); time and memory per stage
	$(PY) benchmarks/bench_scale.py --bbc $(BBC) --sizes $(SIZES)

lab: $(ENV_STAMP)  ## start JupyterLab with the project's kernel
	$(VENV)/bin/jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root)

lock:  ## re-resolve requirements.in into requirements.lock and environment.yml
	rm -rf .lock-venv && $(PYTHON) -m venv .lock-venv
	.lock-venv/bin/pip install --quiet -r requirements.in
	.lock-venv/bin/pip freeze --exclude-editable > requirements.lock
	rm -rf .lock-venv
	$(PYTHON) scripts/write_environment_yml.py

clean-reports:  ## delete generated reports and processed tables (data/raw/ is never touched)
	rm -rf reports/* data/processed/*.parquet data/processed/*.csv data/processed/*.json data/processed/.build data/processed/.parts data/processed/.duckdb-tmp
	git checkout -- reports data/processed 2>/dev/null || true
