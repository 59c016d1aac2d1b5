# Involve: the two commands a newcomer needs are `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000
STAMP := $(VENV)/.installed

.PHONY: run test install lockcheck lock messages migrate demo lint format e2e worker \
	scheduler bench bench-http bench-exports prod-try scale-out image-rehearsal clean help

run: install messages migrate demo ## serve the demo site on http://$(HOST):$(PORT)
	@echo "Serving on http://$(HOST):$(PORT)/  (demo logins: see README.md)"
	$(BIN)/python manage.py runserver $(HOST):$(PORT)

# One test process per core (pytest-xdist); each file's tests stay together so its
# fixtures are built once. TEST_WORKERS=0 runs everything in this one process.
TEST_WORKERS ?= auto
test: install messages ## the whole suite (SQLite unless DATABASE_URL is set)
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS)

install: lockcheck $(STAMP) ## the locked packages in .venv (only when the lock changed)

# Installs exactly the locked versions, each checked against its hash; the project
# itself goes in last without dependencies.
$(STAMP): pyproject.toml requirements/dev.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r requirements/dev.txt
	$(BIN)/python -m pip install --quiet --no-deps -e .
	@touch $(STAMP)

lockcheck: ## fail with "run make lock" when pyproject.toml's dependencies changed
	@$(PYTHON) scripts/lockfile.py check

# requirements/base.txt (production, the Dockerfile) and requirements/dev.txt
# (make install, CI): every package pinned with hashes, resolved from pyproject.toml.
LOCK_ARGS := --universal --python-version 3.11 --generate-hashes --quiet
lock: ## regenerate the lock files from pyproject.toml (needs the internet)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "uv>=0.5,<1"
	$(BIN)/uv pip compile pyproject.toml $(LOCK_ARGS) -o requirements/base.txt
	$(BIN)/uv pip compile pyproject.toml --extra dev $(LOCK_ARGS) -o requirements/dev.txt
	$(PYTHON) scripts/lockfile.py stamp

messages: install ## compile the committed .po catalogues (no GNU gettext needed)
	$(BIN)/pybabel compile --statistics -D django -d locale

migrate: install ## apply database migrations
	@mkdir -p var
	$(BIN)/python manage.py migrate --no-input

demo: install ## load the fictional landlord's demo data
	$(BIN)/python manage.py load_demo_data

lint: install ## ruff, ruff format --check and the import contracts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install ## fix what ruff can and format the code
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

e2e: install messages ## only the real-browser tests (needs Debian chromium)
	$(BIN)/python -m pytest -m browser

worker: install ## a background task worker (with TASKS_BACKEND=database)
	$(BIN)/python manage.py db_worker

scheduler: install ## enqueue the periodic jobs when due (portal/scheduler/jobs.py)
	$(BIN)/python manage.py run_scheduler

bench: install messages migrate demo ## page timings as ratios to /healthz
	$(BIN)/python manage.py bench_pages

bench-exports: install messages migrate demo ## export memory and time at 10k and 100k claims (BENCH_ARGS="--rows N")
	$(BIN)/python manage.py bench_exports $(BENCH_ARGS)

prod-try: install messages ## the production stack on 127.0.0.1 with the demo (needs PostgreSQL, Redis)
	$(BIN)/python scripts/prod_stack.py try

scale-out: install messages ## bounded load on that stack, two of everything, then checks
	$(BIN)/python scripts/prod_stack.py scale-out

image-rehearsal: install ## the Dockerfile and compose.yaml, done without a container engine
	$(BIN)/python scripts/image_rehearsal.py

bench-http: install messages ## gunicorn + PostgreSQL + Redis under wrk: ratios to /healthz
	@command -v wrk >/dev/null || apt-get install -y wrk || { \
		echo "bench-http needs wrk: apt-get install -y wrk (as root)"; exit 1; }
	$(BIN)/python manage.py bench_http $(BENCH_ARGS)

clean: ## remove the virtualenv, var/ and collected static files
	rm -rf $(VENV) var static_collected

# Every target with a "## what it does" comment, in the order they appear.
help: ## list the targets and what each does
	@awk 'BEGIN {FS = ":.*## "} /^[a-z][a-z0-9-]*:.*## / {printf "  %-16s %s\n", $$1, $$2}' $(MAKEFILE_LIST)
