# Two commands matter: `make run` (set up and serve the demo) and `make test` (set up and pass
# the tests). Everything else here is what they are made of.

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
DB ?= sqlite:///var/concierge.db
TODAY ?= $(shell date +%F)

.PHONY: run test setup lint typecheck seed demo-reset clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip==25.3
	$(BIN)/pip install --quiet -e '.[dev]'
	touch $(STAMP)

setup: $(STAMP)

var/concierge.db: | $(STAMP)
	$(BIN)/concierge seed --db $(DB) --today $(TODAY)

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

test: setup lint typecheck
	$(BIN)/pytest -q

clean:
	rm -rf $(VENV) var .pytest_cache .mypy_cache .ruff_cache
