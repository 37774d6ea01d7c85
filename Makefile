# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "kg needs Python >= 3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/kg build data/articles --out out --example-query

test: install
	$(BIN)/ruff check kg tests bench
	$(BIN)/pytest -q

lint: install
	$(BIN)/ruff check kg tests bench
	$(BIN)/ruff format --check kg tests bench

bench: install
	$(BIN)/python bench/build_vs_pipe.py
	$(BIN)/python bench/entity_layer.py
	$(BIN)/python bench/components.py
	$(BIN)/python bench/link_scale.py

clean:
	rm -rf out .pytest_cache
