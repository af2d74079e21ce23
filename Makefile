# Two commands matter: `make run` (set up and serve the demo) and `make test` (set up and pass
# the tests). Everything else here is what they are made of.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= sqlite:///var/concierge.db
# The seed's business date is today where the demo hotel is (its time zone, not the machine's);
# `make seed TODAY=2027-03-01` picks another.
TODAY ?=

.PHONY: run test setup lint typecheck seed demo-reset clean browser

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

var/concierge.db: | $(STAMP)
	$(BIN)/concierge seed --db $(DB)$(if $(TODAY), --today $(TODAY))

seed: var/concierge.db

run: setup var/concierge.db
	@echo
	@echo "Demo database ready: $(DB)."
	@echo "Today's report for Harbor View, as the duty manager sees it:"
	$(BIN)/concierge tools call daily_report --hotel harbor-view --role manager --user grace.kim --db $(DB)
	@echo
	@echo "Open http://127.0.0.1:8000/ (the demo hotel page with the chat widget),"
	@echo "     http://127.0.0.1:8000/console (staff console: grace.kim / harbor-grace),"
	@echo "     http://127.0.0.1:8000/docs (the API). Ctrl-C stops the server."
	@echo "In a terminal instead: $(BIN)/concierge chat --role guest"
	CONCIERGE_DATABASE_URL=$(DB) $(BIN)/concierge serve

demo-reset:
	rm -f var/concierge.db var/concierge.db-wal var/concierge.db-shm
	$(MAKE) seed

lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

typecheck: setup
	$(BIN)/mypy pms tools concierge agent evals knowledge api channels web concierge_sdk

# The browser tests (tests/web) drive Debian's Chromium. Missing, it is installed when we may
# (root with apt-get, as on CI machines); otherwise those tests skip, or fail under CI=true.
CHROMIUM := /usr/bin/chromium

browser:
	@if [ ! -x $(CHROMIUM) ]; then \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian's Chromium for the browser tests: apt-get install chromium"; \
	    apt-get install -y -q chromium >/dev/null 2>&1 || \
	      { apt-get update -q >/dev/null && apt-get install -y -q chromium >/dev/null; }; \
	  else \
	    echo "No $(CHROMIUM): browser tests will skip (fail under CI). Install: apt-get install chromium"; \
	  fi; \
	fi

test: setup lint typecheck browser
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
