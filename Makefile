# PetFul: `make run` (the whole platform, embedded, with demo data) and `make test`.
# `make manifests`: regenerate manifests/install.yaml and manifests/rbac.yaml from charts/petful.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: run test test-fast lint typecheck proto manifests reset bench install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

run: $(STAMP)
	$(PY) -m petful up

# Lint and types first (seconds), then the whole suite on both cores.
test: lint
	$(PY) -m pytest -n 2 --dist loadgroup $(PYTEST_ARGS)

# Developers' fast loop: everything but the suites marked slow (they still run in CI).
test-fast: lint
	$(PY) -m pytest -n 2 --dist loadgroup -m "not slow" $(PYTEST_ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check services operator tests tools
	$(VENV)/bin/ruff format --check services operator tests tools
	$(VENV)/bin/mypy
	$(VENV)/bin/lint-imports

proto: $(STAMP)
	$(PY) tools/protogen.py

# The plain-YAML install (kubectl apply -f manifests/crds/ -f manifests/), rendered offline
# from the chart by tools/chart_render.py; tests/unit/test_manifests.py fails when it is stale.
manifests: $(STAMP)
	$(PY) tools/chart_render.py

bench: $(STAMP)
	$(PY) -m pytest tests/bench -p no:xdist -s $(PYTEST_ARGS)

reset:
	@if [ -x $(PY) ]; then $(PY) -m petful reset; else rm -rf .petful; fi

clean: reset
	rm -rf $(VENV)
