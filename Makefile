# Zhifa — the two commands of the README, and a few helpers.
PYTHON ?= python3.11
VENV := .venv
PY := $(VENV)/bin/python
HOST ?= 127.0.0.1:8000

# weasyprint's libraries and a CJK font for the PDFs (STACK.md).
RUN_PACKAGES := libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-wqy-microhei
# The suite's services and tools: PostgreSQL, Redis, pdffonts/pdftoppm, Chromium, graphviz, msgfmt.
TEST_PACKAGES := $(RUN_PACKAGES) postgresql-15 redis-server poppler-utils chromium graphviz gettext

.PHONY: run test fuzz lint format messages clean

## make run: the system on its embedded defaults (SQLite, local storage, eager tasks) with demo data.
run: $(VENV)/.runtime
	@bin/ensure-system-packages $(RUN_PACKAGES)
	$(PY) manage.py migrate --noinput
	$(PY) manage.py create_buckets
	$(PY) manage.py seed_demo
	@echo "Zhifa is serving on http://$(HOST)/  (stop with Ctrl-C)"
	$(PY) manage.py runserver $(HOST)

## make test: the whole suite against PostgreSQL, Redis, a real S3 server and a Celery worker.
## make test ARGS="tests/cases/test_deciding.py -k hearing": only those tests (pytest's arguments), no lint.
test: $(VENV)/.dev
	@bin/ensure-system-packages $(TEST_PACKAGES)
	bin/run-tests $(ARGS)

## make fuzz: schemathesis against the live API schema, longer than in the suite and with a random seed
## (FUZZ_EXAMPLES per operation, 100 by default).
FUZZ_EXAMPLES ?= 100
fuzz: $(VENV)/.dev
	@bin/ensure-system-packages $(TEST_PACKAGES)
	ZHIFA_FUZZ_EXAMPLES=$(FUZZ_EXAMPLES) ZHIFA_FUZZ_RANDOM=1 bin/run-tests tests/cases/test_api_fuzz.py

lint: $(VENV)/.dev
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .
	$(VENV)/bin/mypy

format: $(VENV)/.dev
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.runtime: requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	@touch $@

$(VENV)/.dev: requirements-dev.txt requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	@touch $(VENV)/.runtime $@

## make messages: refresh the English catalogue after changing user-facing text (needs gettext).
messages: $(VENV)/.dev
	$(PY) manage.py makemessages -l en --ignore=.venv --ignore=var --ignore=tests --ignore=bench
	@echo "Translate the new entries in locale/en/LC_MESSAGES/django.po, then:"
	@echo "  $(PY) manage.py compilemessages -l en --ignore=.venv"

clean:
	rm -rf var test-artifacts .services .pytest_cache .ruff_cache
