# Involve: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test install messages migrate demo lint format e2e worker bench clean

run: install messages migrate demo ## serve the demo site on http://$(HOST):$(PORT)
	@echo "Serving on http://$(HOST):$(PORT)/  (demo logins: see README.md)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

test: install messages ## the whole suite (SQLite unless DATABASE_URL is set)
	$(BIN)/python -m pytest $(PYTEST_ARGS)

install: $(STAMP)

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

messages: install ## compile the committed .po catalogues (no GNU gettext needed)
	$(BIN)/pybabel compile --statistics -D django -d locale

migrate: install
	@mkdir -p var
	$(BIN)/python manage.py migrate --no-input

demo: install
	$(BIN)/python manage.py load_demo_data

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: install
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

e2e: install messages ## only the real-browser tests (needs Debian chromium)
	$(BIN)/python -m pytest -m browser

worker: install ## a background task worker (with TASKS_BACKEND=database)
	$(BIN)/python manage.py db_worker

bench: install messages migrate demo ## page timings as ratios to /healthz
	$(BIN)/python manage.py bench_pages

clean:
	rm -rf $(VENV) var static_collected
