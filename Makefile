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
	@echo "Talk to it: $(BIN)/concierge chat --role guest      (or --role front_desk --user leo.martins)"
	@echo "Try: $(BIN)/concierge tools list --role guest"
	@echo "     $(BIN)/concierge tools call check_availability --hotel harbor-view --role guest --db $(DB) \\"
	@echo "         --args '{\"check_in\": \"$(TODAY)\", \"check_out\": \"$$(date -d '+2 day' +%F)\", \"adults\": 2}'"

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
