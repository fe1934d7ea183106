# Two commands for a fresh machine:  make run  (the app)  and  make test  (everything).
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PORT ?= 8501
REPLICAS ?= 2
# Unit and page tests run in this many processes (pytest-xdist); the browser tests run one at a time.
TEST_JOBS ?= 2
# The unit and page tests use neither the browser plugin nor anyio's: not loading them saves each
# test process about half a second.
UNIT_PLUGINS_OFF := -p no:playwright -p no:anyio
# Each test process starts with one half of the tests in file order and takes over the other's rest when
# it runs out ("worksteal"): a file's tests mostly stay in one process, so what a file makes once (the plan
# grid, the two rich handouts) is not made twice, and neither process waits long for the other at the end.
# (--dist loadgroup would group by marks, but pytest-xdist 3.8 cannot name groups under pytest 9.2:
# pytest-dev/pytest-xdist#1386.)
UNIT_DIST := --dist worksteal

# pytest on $(1); finding no test at all counts as a failure, so a suite cannot vanish silently.
# Bytecode may be cached even where the environment says PYTHONDONTWRITEBYTECODE: otherwise every test
# process compiles Lotse and rewrites the asserts of pytest's plugins again (several seconds a run).
define pytest_run
set +e; PYTHONDONTWRITEBYTECODE= $(PY) -m pytest $(1); rc=$$?; \
if [ $$rc -eq 5 ]; then echo "pytest hat keine Tests gefunden ($(1)): das zählt als Fehler."; exit 1; fi; exit $$rc
endef

.PHONY: run serve test check lint bench mutate browser pango nginx clean audit pins

run: $(VENV)/.runtime-installed pango
	$(PY) -m lotse check
	@echo "Lotse läuft auf http://localhost:$(PORT)  (beenden mit Strg+C)"
	$(PY) -m streamlit run serve.py --server.port $(PORT)

# REPLICAS Streamlit processes behind nginx on PORT, restarted when they die (deploy/supervise.py).
serve: $(VENV)/.runtime-installed pango nginx
	$(PY) -m lotse check
	$(PY) -m deploy.supervise --replicas $(REPLICAS) --port $(PORT)

test: $(VENV)/.dev-installed browser pango nginx
	$(PY) -m lotse check
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache
	@$(call pytest_run,tests --ignore=tests/e2e -n $(TEST_JOBS) $(UNIT_DIST) $(UNIT_PLUGINS_OFF))
	@$(call pytest_run,tests/e2e)

check: $(VENV)/.runtime-installed
	$(PY) -m lotse check

lint: $(VENV)/.dev-installed
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(VENV)/bin/lint-imports --no-cache

bench: $(VENV)/.dev-installed browser pango nginx
	$(PY) bench/run.py

# Known advisories for every pin, offline: an OSV export for PyPI (all.zip) unpacked in ADVISORY_DB.
# Without it the check says "NICHT GEPRÜFT" and fails (exit 3): no database is no clean result.
ADVISORY_DB ?= .advisories
audit: $(VENV)/.runtime-installed
	$(PY) -m deploy.advisories --db $(ADVISORY_DB) requirements.txt requirements-dev.txt

# requirements*.txt from requirements*.in with every hash (pip-tools in its own venv); the pins already in
# the .txt files are kept unless an .in file asks for another version or UPGRADE=--upgrade is given.
PIP_TOOLS := .venv-pins/bin/pip-compile
PIN_FLAGS := --quiet --generate-hashes --no-strip-extras --no-emit-find-links --no-emit-index-url
pins:
	test -x $(PIP_TOOLS) || ($(PYTHON) -m venv .venv-pins && .venv-pins/bin/pip install --quiet pip-tools==7.6.2)
	$(PIP_TOOLS) $(PIN_FLAGS) $(UPGRADE) --output-file=requirements.txt requirements.in
	$(PIP_TOOLS) $(PIN_FLAGS) $(UPGRADE) --output-file=requirements-dev.txt requirements-dev.in
	$(PIP_TOOLS) $(PIN_FLAGS) $(UPGRADE) --output-file=requirements-mutate.txt requirements-mutate.in

# Mutation testing (docs/testing.md), not part of make test: mutmut changes the guide, the deadlines and the
# guard one small edit at a time and runs their tests; each area must have at least 90 % of its mutants
# killed. CPU-heavy: one area after the other, MUTATE_JOBS processes (the machine may be shared).
MUTATE_JOBS ?= 2
MUTATE_AREAS := "lotse.guide*" "lotse.documents.deadlines*" "deploy.guard*"
mutate: $(VENV)/.mutate-installed
	@rc=0; for area in $(MUTATE_AREAS); do \
	  echo "mutmut: $$area (Protokoll: mutants/mutate.log)"; \
	  $(VENV)/bin/mutmut run --max-children $(MUTATE_JOBS) "$$area" > mutants-run.log 2>&1 || rc=1; \
	  mkdir -p mutants && mv mutants-run.log mutants/mutate.log; \
	  $(PY) tests/mutate_report.py "$${area%\*}" || rc=1; \
	done; exit $$rc

$(VENV)/.mutate-installed: requirements-mutate.txt $(VENV)/.dev-installed
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-mutate.txt
	touch $@

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime-installed: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	touch $@

$(VENV)/.dev-installed: requirements.txt requirements-dev.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements-dev.txt
	touch $@ $(VENV)/.runtime-installed

# Browser tests need Debian's chromium and axe-core (npm, pinned by package-lock.json).
# As root the chromium package is installed here; otherwise the browser tests say how to install it.
browser: node_modules/.package-lock.json
	@if ! command -v chromium >/dev/null 2>&1; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installiere chromium (Debian-Paket) für die Browser-Tests …"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "chromium konnte nicht installiert werden: Browser-Tests werden übersprungen (in CI: Fehler)."; \
	  else \
	    echo "chromium fehlt: Browser-Tests werden übersprungen (installieren: sudo apt-get install chromium)."; \
	  fi; \
	fi

# make serve, the cluster test and the cluster benchmark need Debian's nginx. As root it is installed here;
# otherwise the cluster test says how to install it. Debian puts nginx in /usr/sbin, which a user's PATH may lack.
nginx:
	@if ! command -v nginx >/dev/null 2>&1 && [ ! -x /usr/sbin/nginx ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installiere nginx (Debian-Paket) für make serve und den Cluster-Test …"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null) \
	      || echo "nginx konnte nicht installiert werden: Cluster-Test wird übersprungen (in CI: Fehler)."; \
	  else \
	    echo "nginx fehlt: make serve und der Cluster-Test brauchen es (installieren: sudo apt-get install nginx)."; \
	  fi; \
	fi

# WeasyPrint (PDF letters and handout) needs Pango from the system. As root it is installed here.
pango:
	@if ! ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0'; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
	    echo "Installiere Pango (Debian-Pakete) für die PDF-Dokumente …"; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq libpango-1.0-0 libpangoft2-1.0-0 >/dev/null) \
	      || echo "Pango konnte nicht installiert werden: PDF-Dokumente gehen dann nicht."; \
	  else \
	    echo "Pango fehlt: PDF-Dokumente gehen nicht (installieren: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0)."; \
	  fi; \
	fi

node_modules/.package-lock.json: package.json package-lock.json
	@if command -v npm >/dev/null 2>&1; then npm ci --silent --no-audit --no-fund; \
	else echo "npm fehlt: Barrierefreiheits-Tests werden übersprungen (in CI: Fehler)."; fi

clean:
	rm -rf $(VENV) node_modules .pytest_cache test-artifacts mutants
