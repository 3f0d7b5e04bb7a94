# Two commands do all the set-up on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
PIP := $(VENV)/bin/pip
export DJANGO_SETTINGS_MODULE ?= config.settings.local

.PHONY: run test lint typecheck migrations-check pytest services browser bench messages clean

$(VENV)/.installed: requirements.txt requirements-dev.txt
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade pip
	$(PIP) install --quiet -r requirements-dev.txt
	touch $@

venv: $(VENV)/.installed

run: venv
	$(PY) manage.py migrate --noinput
	$(PY) manage.py compilemessages --ignore=.venv >/dev/null 2>&1 || true
	$(PY) manage.py load_demo
	$(PY) manage.py rollup
	$(PY) manage.py runserver 127.0.0.1:8000

lint: venv
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

typecheck: venv
	$(VENV)/bin/mypy

migrations-check: venv services
	DJANGO_SETTINGS_MODULE=config.settings.test $(PY) manage.py makemigrations --check --dry-run

services:
	bash scripts/ensure_services.sh

browser:
	bash scripts/ensure_browser.sh

pytest: venv services browser
	DJANGO_SETTINGS_MODULE=config.settings.test $(VENV)/bin/pytest

test: lint typecheck migrations-check pytest

bench: venv services
	DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/livelihood_bench} \
		$(PY) manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.test DATABASE_URL=$${BENCH_DATABASE_URL:-postgres://postgres@127.0.0.1:5432/livelihood_bench} \
		$(PY) manage.py bench_rollup

messages: venv
	$(PY) manage.py makemessages -l zh_Hans -l en --ignore=.venv --ignore=node_modules --no-obsolete
	$(PY) manage.py compilemessages --ignore=.venv

clean:
	rm -rf $(VENV) staticfiles artifacts .pytest_cache .ruff_cache .mypy_cache
